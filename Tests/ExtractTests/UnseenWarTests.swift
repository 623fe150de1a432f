import Extract
import Foundation
import Ontology
import RDF
import Testing

/// Extraction of wars the ontology has no file for: names typed from real gazetteer data, demonyms,
/// what the article says around a name, and the relation a name takes part in. Sentences are our own;
/// actors are invented unless the construction needs a real country or town.
@Suite struct GazetteerTypingTests {
    @Test func aTownOfACountryTheArticleNamesIsAPlace() {
        // Kunduz is in the GeoNames data, the Velor Front nowhere.
        let text = "KABUL, Afghanistan (Wire) - Velor Front fighters captured Kunduz on Sunday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Kunduz"))
    }

    @Test func aPersianEzafeFindsThePlaceWrittenEitherWay() {
        // GeoNames writes "Mazar-e Sharif"; news often "Mazar-i-Sharif"
        #expect(Fixture.ontology.places.places(named: "Mazar-i-Sharif").first?.country == "AF")
        let text = "In Afghanistan, the Velor Front entered Mazar-i-Sharif on Monday."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.first { $0.label == "Mazar-i-Sharif" }?.classIRI == KG.ns + "Town", "\(r.entities)")
    }

    @Test func aKnownTownWithAWordForItsKindIsThatTown() {
        // "the Kunduz city" is Kunduz; the dateline's capitals take the text's spelling and the town's kind
        let text = "KUNDUZ - After two days of clashes, Velor Front fighters on Sunday captured the Kunduz city, centre of Kunduz province."
        #expect(Fixture.has(text, "Velor Front", "captured", "Kunduz"))
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(!r.entities.contains { $0.label == "Kunduz city" || $0.label == "KUNDUZ" }, "\(r.entities.map(\.label))")
        #expect(r.entities.first { $0.label == "Kunduz" }?.classIRI == KG.ns + "Town")
    }

    @Test func aDatelineInCapitalsTakesTheGazetteersSpelling() {
        let text = "KANDAHAR, Afghanistan - The Velor Front said it had seized Kandahar."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.label == "Kandahar" })
        #expect(!r.entities.contains { $0.label == "KANDAHAR" })
    }

    @Test func aProvinceIsARegionAndItsCapitalATown() {
        let text = "Fighters of the Velor Front captured Kunduz, the capital of Kunduz province, in Afghanistan."
        #expect(Fixture.has(text, "Kunduz", "partOf", "Kunduz province"))
    }

    @Test func aSmallTownOfACountryTheArticleNeverNamesIsNotTyped() {
        let g = Fixture.ontology.places
        let small = g.places(named: "Wagner")
        #expect(!small.isEmpty)
        #expect(small.allSatisfy { $0.population < 250_000 })
        // an article about Mali: a town named Wagner elsewhere does not make the group (world.ttl) a place
        let text = "BAMAKO, Mali - Wagner fighters attacked the Velor Front near Gao."
        #expect(!Fixture.facts(text).contains { $0.o == "Wagner" && $0.r == "captured" })
        #expect(Fixture.has(text, "Wagner Group", "attacked", "Velor Front"))
    }
}

@Suite struct NationalForceTests {
    @Test func demonymAndForceNounNameTheCountrysForces() {
        let text = "Dorvani Liberation Army fighters attacked Afghan forces in Kunduz, Afghanistan. Afghan troops later retook Kunduz."
        let r = Fixture.extractor.extract(Fixture.article(text))
        let forces = r.entities.filter { $0.id.hasSuffix("/afghanistan-stateforce") }
        #expect(forces.count == 1)
        #expect(forces.first.map { [$0.label] + $0.aliases }?.contains("Afghan troops") == true)
        #expect(Fixture.has(text, "Afghan forces", "captured", "Kunduz"))
    }

    @Test func aCountrysOwnNameBeforeAForceNoun() {
        let text = "Units of the Azerbaijan Army entered Fuzuli, Azerbaijan, and took control of the town."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.id.hasSuffix("/azerbaijan-stateforce") })
    }

    @Test func genericForcesAreTheForcesOfTheArticlesCountry() {
        let text = "MOGADISHU, Somalia - Government forces captured Jowhar from the Velor Front on Monday."
        #expect(Fixture.has(text, "Government forces", "captured", "Jowhar"))
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.id.hasSuffix("/somalia-stateforce") })
    }
}

@Suite struct ConflictScopeTests {
    @Test func anotherWarsGenericAliasIsNotUsed() {
        // syria.ttl and myanmar.ttl list "government forces" and "army" for their countries' forces.
        let text = "TRIPOLI, Libya - Government forces attacked the Velor Front. The army said it held Gharyan."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(!r.entities.contains { $0.label == "Syrian government" || $0.label == "junta" })
    }

    @Test func theSameAliasKeepsItsEntityInItsOwnWar() {
        let text = "The army shelled Laukkai in Shan State, Myanmar, on Sunday."
        #expect(Fixture.has(text, "junta", "attacked", "Laukkai"))
    }

    @Test func aCapitalisedCommonAliasNamesNoCountry() {
        // "Government forces" at a sentence's start must not count Syria among the article's countries.
        let text = "KABUL, Afghanistan - Government forces said they held Kunduz."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(!r.entities.contains { $0.label == "Syrian government" })
    }
}

@Suite struct ContextTypingTests {
    @Test func followerNounTypesANameEverywhereInTheArticle() {
        // the first sentence alone says nothing of what the Zorvani are; the second does
        let text = "The Zorvani captured Kunduz, Afghanistan, on Friday. Zorvani fighters had surrounded it for weeks."
        #expect(Fixture.has(text, "Zorvani", "captured", "Kunduz"))
    }

    @Test func anOrdinaryWordOpeningASentenceIsNoNameBeforeAFollowerNoun() {
        // "Combined" is capitalised only because it opens the sentence: no actor "Combined", and "the
        // insurgents" later are the unnamed insurgents, not "Combined"
        let text = "Combined forces of Mozambique and Rwanda retook Zorvat on Monday. The insurgents left Qelvar on Sunday."
        #expect(!Fixture.facts(text).contains { $0.s == "Combined" || $0.o == "Combined" })
        #expect(Fixture.facts(text).contains { $0.r == "fledFrom" && $0.o == "Qelvar" && $0.s != "Combined" })
        // a name written with a capital inside a sentence elsewhere stays a name
        let named = "Zorvani fighters captured Qelvar on Monday. Residents said Zorvani commanders had arrived."
        #expect(Fixture.has(named, "Zorvani", "captured", "Qelvar"))
    }

    @Test func anActorsPositionsAreNoSubject() {
        // "17 Velor Front positions" are places the aircraft struck; the Velor Front supports nobody here
        let text = "Zorvani aircraft struck 17 Velor Front positions in support of the Qelvar Brigade on Monday."
        #expect(!Fixture.facts(text).contains { $0.s == "Velor Front" })
    }

    @Test func hyphenatedCueTypesTheActor() {
        let text = "The Zorvani-held town of Baghlan, Afghanistan, was quiet. The Zorvani attacked Kunduz on Friday."
        #expect(Fixture.has(text, "Zorvani", "attacked", "Kunduz"))
    }

    @Test func aRelationTypesAnUnknownPlace() {
        // Qelvar Pass is in no gazetteer: the typed actor's deed makes it a place.
        let text = "Velor Front fighters captured Qelvar Pass on Monday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Qelvar Pass"))
    }

    @Test func twoUnknownNamesMakeNoStatement() {
        let text = "Qorlan captured Qelvar on Monday."
        #expect(!Fixture.facts(text).contains { $0.r == "captured" })
    }

    @Test func headWordBeforeOfTypesTheName() {
        let text = "The Government of Velor Accord said its forces had taken Sirte, Libya."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.label == "Government of Velor Accord" && $0.classIRI.hasSuffix("#Government") })
    }

    @Test func arabicArticleIsPartOfTheName() {
        let text = "Velor Front fighters seized al-Qarawi, Libya, on Tuesday."
        #expect(Fixture.has(text, "Velor Front", "captured", "al-Qarawi"))
    }

    @Test func aDemonymAloneIsNoName() {
        let r = Fixture.extractor.extract(Fixture.article("A Pakistani source said the border was closed."))
        #expect(!r.entities.contains { $0.label == "Pakistani" })
    }
}

@Suite struct GazetteerFileTests {
    @Test func readsPlacesAndTheirOtherNames() throws {
        let g = try Gazetteer(text: "# comment\nQelvar\tTown\tAF\t36.1\t68.2\t12000\tQelwar|Kelvar\nQelvar\tRegion\tAF\t\t\t\t\n")
        #expect(g.count == 2)
        #expect(g.places(named: "kelvar").map(\.classLocalName) == ["Town"])
        #expect(g.places(named: "Qelvar").count == 2)
        #expect(g.places(named: "Qelwar").first?.population == 12000)
    }

    @Test func aMalformedLineNamesFileAndLine() {
        #expect(throws: OntologyError.self) { try Gazetteer(text: "Qelvar\tTown\tAF\nbroken line\n", file: "p.tsv") }
        do { _ = try Gazetteer(text: "Qelvar\tTown\tAF\nbroken line\n", file: "p.tsv"); Issue.record("no error") } catch {
            #expect("\(error)".hasPrefix("p.tsv:2:"))
        }
    }

    @Test func theOntologyFolderIsReadWithItsSubfolders() throws {
        let files = try Ontology.files(in: Fixture.ontologyDirectory)
        #expect(files.turtle.contains { $0.hasSuffix("conflicts/myanmar.ttl") })
        #expect(files.turtle.contains { $0.hasSuffix("places/countries.ttl") })
        #expect(files.data.contains { $0.hasSuffix("places/places.tsv") })
        #expect(Fixture.ontology.places.count > 100_000)
    }

    @Test func anOntologyWithoutConflictFilesLoads() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-generic-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/places", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixture.ontologyDirectory + "/core.ttl", toPath: dir + "/core.ttl")
        try FileManager.default.copyItem(atPath: Fixture.ontologyDirectory + "/places/countries.ttl", toPath: dir + "/places/countries.ttl")
        try "Kunduz\tTown\tAF\t36.7\t68.9\t160000\t\n".write(toFile: dir + "/places/places.tsv", atomically: true, encoding: .utf8)
        let o = try Ontology.load(directory: dir)
        #expect(o.entities(matching: "MNDAA").isEmpty)
        let facts = Extractor(ontology: o).extract(Fixture.article("Velor Front fighters captured Kunduz, Afghanistan."))
        #expect(facts.assertions.contains { $0.relation == "captured" && $0.object.hasSuffix("/kunduz") })
    }
}

@Suite struct NameShapeTests {
    @Test func shortConnectorsInsideAName() {
        let text = "Velor Front fighters captured Dar-e Kol and Qal-i-Zorvan in Afghanistan on Monday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Dar-e Kol"))
        #expect(Fixture.has(text, "Velor Front", "captured", "Qal-i-Zorvan"))
    }

    @Test func aCapitalisedNameDoesNotMatchTheCommonWord() {
        // "Orvani" is named; "fighters" later in the text is not the name "Fighters".
        let text = "KABUL, Afghanistan - Fighters of the Orvani Front entered Kunduz. Orvani Front fighters captured Kunduz."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(!r.entities.contains { $0.label == "Fighters" })
        #expect(Fixture.has(text, "Orvani Front", "captured", "Kunduz"))
    }

    @Test func aLoneWordAfterADatelineDashIsNoName() {
        let r = Fixture.extractor.extract(Fixture.article("MOGADISHU, Somalia - Gunmen seized Jowhar on Friday."))
        #expect(!r.entities.contains { $0.label == "Gunmen" })
    }

    @Test func aNewsAgencyIsASourceNotAnActor() {
        let text = "The Velor Front captured Kunduz, Afghanistan, Reuters reported."
        #expect(!Fixture.facts(text).contains { $0.s == "Reuters" })
        #expect(Fixture.has(text, "Velor Front", "captured", "Kunduz"))
    }

    @Test func aKnownActorsNameExtendedToAnotherActor() {
        let text = "The Islamic State's Velor Province (ISVP) attacked Palma, Mozambique, on Friday."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.label == "Islamic State's Velor Province" && $0.aliases.contains("ISVP") })
        #expect(Fixture.has(text, "Islamic State's Velor Province", "attacked", "Palma"))
        #expect(!Fixture.has(text, "Islamic State", "attacked", "Palma"))
    }
}

@Suite struct PersonAndOperationNameTests {
    @Test func arabicArticlesAndParticlesInsidePersonalNames() {
        let text = "Velor Front fighters captured Sirte, Libya. The Velor Front's spokesman, Karim al-Zorvani, said so; Omar bin Qadri leads the Velor Front."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.label == "Karim al-Zorvani" })
        #expect(!r.entities.contains { $0.label == "Karim" })
    }

    @Test func aRoleNounTypesTwoUnknownNames() {
        let text = "On Monday, Qorvat's leader, Hadim Selvani, spoke to the press."
        #expect(Fixture.has(text, "Hadim Selvani", "leaderOf", "Qorvat"))
    }

    @Test func anOperationNameIsNoActor() {
        let text = "Operation Velor Storm freed Sabratha, Libya, on Monday."
        #expect(!Fixture.facts(text).contains { $0.s == "Operation Velor Storm" && $0.r == "captured" })
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.allSatisfy { $0.label != "Operation Velor Storm" || $0.classIRI.hasSuffix("#Operation") })
    }

    @Test func aLoneHeadWordIsNoName() {
        let r = Fixture.extractor.extract(Fixture.article("Velor Front fighters held Sirte, Libya. Forces loyal to the Velor Front held Gharyan."))
        #expect(!r.entities.contains { $0.label == "Forces" })
    }

    @Test func aPersonDoesNotCaptureAPlace() {
        let text = "Velor Front spokesman Karim Haddad said fighters had seized Sirte, Libya."
        #expect(!Fixture.facts(text).contains { $0.s == "Karim Haddad" && $0.r == "captured" })
    }

    @Test func liberatedPlacesAreCaptured() {
        #expect(Fixture.has("The Velor Front declared Sirte liberated, in Libya, on Monday.", "Velor Front", "captured", "Sirte"))
        #expect(Fixture.has("Velor Front fighters liberated Sirte, Libya.", "Velor Front", "captured", "Sirte"))
    }
}

@Suite struct NationalTitleAndListTests {
    @Test func aDemonymBeforeATitleNamesTheGovernmentTheTitleHolderLeads() {
        let text = "MOGADISHU, Somalia - Somali President Hadim Qorvani visited Jowhar on Monday."
        #expect(Fixture.has(text, "Hadim Qorvani", "leaderOf", "Somali government"))
    }

    @Test func datesBetweenConjunctsKeepTheList() {
        let text = "Velor Front fighters took Dorvan on Oct. 17, Qelvar on Oct. 20, and Zorvat on Oct. 25, in Afghanistan."
        for place in ["Dorvan", "Qelvar", "Zorvat"] { #expect(Fixture.has(text, "Velor Front", "captured", place), "\(place)") }
    }

    @Test func theCapitalOfAnUnknownRegion() {
        let text = "Fighting reached Dorvanabad, the capital of Qelvaristan, on Monday."
        #expect(Fixture.has(text, "Dorvanabad", "partOf", "Qelvaristan"))
    }

    @Test func theMilitantsReferToTheArmedGroup() {
        let text = "Velor Front fighters seized Jowhar, Somalia, on Monday. On Tuesday the militants attacked Balcad."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Balcad"))
    }

    @Test func enteringAPlaceIsTakingIt() {
        #expect(Fixture.has("Velor Front units entered Balcad, Somalia, on Monday.", "Velor Front", "captured", "Balcad"))
    }
}

@Suite struct FlightCustodyAllianceTests {
    @Test func aForceThatPullsOutFleesThePlace() {
        let text = "Velor Front fighters pulled out of Jowhar, Somalia, on Monday."
        #expect(Fixture.has(text, "Velor Front", "fledFrom", "Jowhar"))
    }

    @Test func onlyPeopleAreHeld() {
        let text = "The Velor Front, which was held in check near Jowhar, Somalia, said 40 civilians were being held in Jowhar."
        #expect(Fixture.has(text, "40 civilians", "heldIn", "Jowhar"))
        #expect(!Fixture.has(text, "Velor Front", "heldIn", "Jowhar"))
    }

    @Test func fightingAlongsideIsAnAlliance() {
        let text = "Qorvan Brigade fighters, fighting alongside the Velor Front, attacked Jowhar, Somalia."
        #expect(Fixture.has(text, "Qorvan Brigade", "alliedWith", "Velor Front") || Fixture.has(text, "Velor Front", "alliedWith", "Qorvan Brigade"))
    }
}

@Suite struct ListAndHeadingTests {
    @Test func placesOfOneListAreNotInEachOther() {
        let text = "Fighting spread to Jowhar, Balcad and Afgooye in Somalia on Monday."
        #expect(!Fixture.facts(text).contains { $0.r == "locatedIn" && ["Jowhar", "Balcad", "Afgooye"].contains($0.o) })
    }

    @Test func aHeadingInCapitalsIsNoName() {
        let r = Fixture.extractor.extract(Fixture.article("STATEMENT\nThe Velor Front said it held Jowhar, Somalia."))
        #expect(!r.entities.contains { $0.label == "STATEMENT" })
    }

    @Test func aCountryIsNotCapturedAsAPlace() {
        // kg:excludedObjectClass: "seized Somalia's attention" or a sloppy subject search never captures a country
        let text = "Velor Front fighters seized Somalia's main port at Kismayo on Monday."
        #expect(!Fixture.facts(text).contains { $0.r == "captured" && $0.o == "Somalia" })
    }
}

@Suite struct HeadlineTests {
    @Test func aFactStatedOnlyInTheHeadlineCounts() {
        var a = Fixture.article("Residents said the fighting had stopped by evening.", published: "2024-03-02")
        a.title = "Velor Front takes Jowhar in Somalia"
        let r = Fixture.extractor.extract(a)
        let labels = Dictionary(r.entities.map { ($0.id, $0.label) }, uniquingKeysWith: { x, _ in x })
        let fact = r.assertions.first { labels[$0.subject] == "Velor Front" && $0.relation == "captured" && labels[$0.object] == "Jowhar" }
        #expect(fact?.sentence == "Velor Front takes Jowhar in Somalia")
        #expect(fact?.span == 0..<0)
        #expect(fact?.sentenceIndex == -1)
    }

    @Test func bodySpansStayOffsetsIntoTheBody() {
        let body = "Velor Front fighters seized Balcad, Somalia, on Monday."
        var a = Fixture.article(body, published: "2024-03-02")
        a.title = "Fighting in Somalia"
        let r = Fixture.extractor.extract(a)
        let fact = try? #require(r.assertions.first { $0.relation == "captured" })
        let utf8 = Array(body.utf8)
        #expect(fact.map { String(decoding: utf8[$0.span], as: UTF8.self).contains("seized") } == true)
        #expect(fact?.sentenceIndex == 0)
    }
}

@Suite struct UnnamedActorTests {
    @Test func insurgentsNeverNamedAreAnActor() {
        let text = "PEMBA, Mozambique - In September the insurgents captured Vamizi Island."
        #expect(Fixture.has(text, "insurgents", "captured", "Vamizi Island"))
    }

    @Test func insurgentsAfterANamedGroupAreThatGroup() {
        let text = "Velor Front fighters seized Jowhar, Somalia, on Monday. Insurgents also attacked Balcad on Tuesday."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Balcad"))
        #expect(!Fixture.facts(text).contains { $0.s == "insurgents" })
    }
}

@Suite struct SpeechVerbTests {
    @Test func aTwoWordNameBeforeAVerbOfSpeechIsAPerson() {
        let text = "Velor Front fighters seized Jowhar, Somalia, on Monday, Zorvat Qelani said. Qelani also spoke of Balcad."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.label == "Zorvat Qelani" && $0.classIRI.hasSuffix("#Person") })
    }

    @Test func anOrganisationWithAnArticleIsNoPerson() {
        let text = "The Velor Accord said its fighters had seized Jowhar, Somalia."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(!r.entities.contains { $0.label == "Velor Accord" && $0.classIRI.hasSuffix("#Person") })
    }
}

@Suite struct RoleObjectTests {
    @Test func noOneLeadsOrSpeaksForATownOrAPerson() {
        let text = "Velor Front fighters held Jowhar, Somalia. Karim Haddad, the mayor's spokesman, and Omar Selvani, the head of Jowhar, spoke."
        #expect(!Fixture.facts(text).contains { $0.r == "leaderOf" && $0.o == "Jowhar" })
        let t2 = "Zorvat Qelani, a spokesman for President Hadim Qorvani, said Jowhar, Somalia, was calm."
        #expect(!Fixture.facts(t2).contains { $0.r == "spokespersonOf" && $0.o == "Hadim Qorvani" })
    }

    @Test func anOrganisationOfUnknownKindAfterAnArticleIsTheRolesObject() {
        // "the Qorvat" is no person, but it may well be what a spokesman speaks for
        let text = "Brigadier General Karim Haddad, spokesman of the Qorvat, said Jowhar, Somalia, was calm."
        #expect(Fixture.has(text, "Karim Haddad", "spokespersonOf", "Qorvat"))
    }

    @Test func aRoleOfAnOrganisationOfSeveralKindsAfterAnArticle() {
        // leaderOf's object may be an actor, a country or a region: an unknown name after "the" may be one
        let text = "Karim Haddad, the president of the self-declared Velor Republic, resigned on Monday."
        #expect(Fixture.has(text, "Karim Haddad", "leaderOf", "Velor Republic"))
        // a head word alone is no organisation's name
        let alone = "Karim Haddad, the President of the Republic, spoke on Monday."
        #expect(!Fixture.facts(alone).contains { $0.r == "leaderOf" })
    }

    @Test func abbreviatedTitlesBelongToTheNameNotBetweenRoleAndName() {
        let text = "In Iraq, Velor Police commander Lt. Gen. Karim Haddad said his men had reached Mosul."
        #expect(Fixture.has(text, "Karim Haddad", "leaderOf", "Velor Police"))
        let r = Fixture.extractor.extract(Fixture.article("In Iraq, Maj.-Gen. Omar Selvani and Col. Zorvat Qelani said Mosul was calm."))
        #expect(r.entities.contains { $0.label == "Omar Selvani" }, "\(r.entities.map(\.label))")
        #expect(r.entities.contains { $0.label == "Zorvat Qelani" })
        #expect(!r.entities.contains { $0.label.hasPrefix("Gen") || $0.label.hasPrefix("Maj") })
    }

    @Test func aTitleAloneIsNoName() {
        let r = Fixture.extractor.extract(Fixture.article("On Monday Lt. Karim Haddad said the Velor Front held Jowhar, Somalia."))
        #expect(!r.entities.contains { $0.label == "Lt" })
    }
}

@Suite struct SceneDateTests {
    @Test func anUndatedEventTakesTheDateItsParagraphSet() {
        let text = "On 5 June Velor Front fighters entered Jowhar, Somalia. They also seized the airport road and attacked Balcad.\n\nIn other news, the Velor Front attacked Afgooye."
        let facts = Fixture.facts(text, published: "2020-06-08")
        #expect(facts.first { $0.r == "attacked" && $0.o == "Balcad" }?.a.time?.date == PartialDate(iso: "2020-06-05"))
        // a new paragraph sets no scene of its own: a report's undated deed is its opening day's ...
        #expect(facts.first { $0.r == "attacked" && $0.o == "Afgooye" }?.a.time?.date == PartialDate(iso: "2020-06-05"))
        // ... unless the report is not of that week
        let later = Fixture.facts(text, published: "2020-09-01")
        #expect(later.first { $0.r == "attacked" && $0.o == "Afgooye" }.map { $0.a.time?.date == nil } == true)
    }
}

@Suite struct ColonListAndLandmarkTests {
    @Test func aListAfterAColonIsTheObject() {
        let text = "ERBIL, Iraq - Velor Front fighters have cleared six more villages north of Mosul from Qorvat militants: Qarvat, Dorvan and Zelkan."
        for v in ["Qarvat", "Dorvan", "Zelkan"] { #expect(Fixture.has(text, "Velor Front", "captured", v), "\(v)") }
        #expect(!Fixture.has(text, "Velor Front", "captured", "Mosul"))
    }

    @Test func aLandmarkIsNotTheObject() {
        let text = "ERBIL, Iraq - Velor Front fighters captured two villages north of Mosul on Monday."
        #expect(!Fixture.has(text, "Velor Front", "captured", "Mosul"))
    }

    @Test func theTownOfXIsTheSubjectOfAPassive() {
        let text = "ERBIL, Iraq - The town of Qelvar was overrun by the Velor Front on Monday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Qelvar"))
    }
}

@Suite struct AttackPhraseTests {
    @Test func assaultsAndFireAreAttacks() {
        #expect(Fixture.has("Velor Front fighters opened fire on Jowhar, Somalia, on Monday.", "Velor Front", "attacked", "Jowhar"))
        #expect(Fixture.has("The Velor Front launched a decisive assault on Jowhar, Somalia.", "Velor Front", "attacked", "Jowhar"))
    }

    @Test func civiliansDoNotAttackOrCapture() {
        let text = "Six displaced residents returned to Jowhar, Somalia, and 40 workers stormed Balcad, officials said."
        #expect(!Fixture.facts(text).contains { ["attacked", "captured"].contains($0.r) && $0.s.contains("workers") })
    }
}

@Suite struct LocationPhraseTests {
    @Test func anAppositiveInAPlace() {
        #expect(Fixture.has("Fighting reached Baidoa, in the Bay region, Somalia, on Monday.", "Baidoa", "locatedIn", "Bay region"))
    }

    @Test func theDemonymTownOf() {
        #expect(Fixture.has("Traders crossed at the Pakistani town of Chaman on Monday.", "Chaman", "locatedIn", "Pakistan"))
    }

    @Test func aFacilityInATown() {
        #expect(Fixture.has("Gunmen stormed the Qelvar Hotel in Mogadishu, Somalia.", "Qelvar Hotel", "locatedIn", "Mogadishu"))
    }

    @Test func theDistrictsOfACity() {
        let text = "Shells fell on the Tripoli districts of Zorvat and Qelvar, Libya, on Monday."
        #expect(Fixture.has(text, "Zorvat", "locatedIn", "Tripoli"))
        #expect(Fixture.has(text, "Qelvar", "locatedIn", "Tripoli"))
    }
}

@Suite struct UnitAndCapitalTests {
    @Test func aCorpsOfTheArmyIsPartOfIt() {
        let text = "KABUL, Afghanistan - The army's 215th Qelvar Corps held Lashkar Gah."
        #expect(Fixture.has(text, "215th Qelvar Corps", "partOf", "Afghan army") || Fixture.facts(text).contains { $0.s == "215th Qelvar Corps" && $0.r == "partOf" })
    }

    @Test func theCapitalOfADirectionalProvince() {
        let text = "Fighting reached Taloqan, capital of the northeastern Takhar province, Afghanistan."
        #expect(Fixture.has(text, "Taloqan", "partOf", "Takhar province"))
    }
}

/// The precision failures seen on real reporting (the extraction issue's list), each on an invented sentence.
@Suite struct RealReportingFailureTests {
    @Test func losingControlIsNotControl() {
        let text = "The Velor Front had lost control of the town of Qelvar, Somalia, by Friday."
        #expect(!Fixture.has(text, "Velor Front", "controls", "Qelvar"))
        #expect(Fixture.has(text, "Velor Front", "withdrewFrom", "Qelvar"))
    }

    @Test func aPossessedSiteIsWhatWasTaken() {
        let text = "The Velor Front recaptured Mogadishu's Qelvar Palace, in Somalia, on Friday."
        #expect(!Fixture.has(text, "Velor Front", "captured", "Mogadishu"))
        #expect(Fixture.has(text, "Velor Front", "captured", "Qelvar Palace"))
    }

    @Test func portionsAreNotTheWhole() {
        #expect(!Fixture.has("The Velor Front now holds significant portions of Jowhar, Somalia.", "Velor Front", "controls", "Jowhar"))
    }

    @Test func aClaimToHaveTakenIsAClaimNotAPlan() {
        let f = Fixture.facts("The Velor Front claims to have taken full control of Jowhar, Somalia.")
        #expect(f.first { $0.r == "captured" && $0.o == "Jowhar" }?.a.modality == .claimed)
    }

    @Test func theSonInAppositionLeadsNotTheFather() {
        let text = "The Velor Front is now led by Karim Haddad's son, Omar Haddad."
        #expect(Fixture.has(text, "Omar Haddad", "leaderOf", "Velor Front"))
        #expect(!Fixture.has(text, "Karim Haddad", "leaderOf", "Velor Front"))
    }

    @Test func aDateInsideANameIsNoDate() {
        let text = "The April 9 Movement captured Jowhar, Somalia, on Monday."
        #expect(Fixture.has(text, "April 9 Movement", "captured", "Jowhar"))
    }

    @Test func bracketsThatAreNoOtherNameAreNoAlias() {
        let r = Fixture.extractor.extract(Fixture.article("Velor Front fighters seized Qelvar (Khor Dar-130) and Dorvan (South) in Somalia."))
        #expect(!r.entities.contains { $0.aliases.contains("South") || $0.label == "Khor Dar-130" || $0.aliases.contains("Khor Dar-130") })
        let acronym = Fixture.extractor.extract(Fixture.article("The Velor Liberation Front (VLF) seized Jowhar, Somalia."))
        #expect(acronym.entities.contains { $0.label == "Velor Liberation Front" && $0.aliases.contains("VLF") })
    }
}

@Suite struct GluedNameTests {
    @Test func aNameGluedToAParticipleIsNoSubject() {
        let text = "MOGADISHU, Somalia - In August the Velor-allied Qorvat group stormed the Zelkan Hotel in Mogadishu."
        #expect(!Fixture.facts(text).contains { $0.s == "Velor" && $0.r == "attacked" })
    }

    @Test func theArabicArticleWrittenApart() {
        let r = Fixture.extractor.extract(Fixture.article("Fighters of al Qorvat attacked Jowhar, Somalia."))
        #expect(r.entities.contains { $0.label == "al Qorvat" })
        #expect(!r.entities.contains { $0.label == "Qorvat" })
    }
}

@Suite struct CoalitionAndEvacuationTests {
    @Test func countriesContributingTroopsAreMembers() {
        let text = "The 9,000-strong Velor Mission (VM) is made up of troops from Uganda, Kenya and Burundi."
        for c in ["Uganda", "Kenya", "Burundi"] { #expect(Fixture.has(text, c, "memberOf", "Velor Mission"), "\(c)") }
    }

    @Test func groupsListedAsMembersOfACoalition() {
        let text = "Convoys of the Qorvat Brigade and the Zelkan Front - all members of the Velor Coalition - entered Jowhar, Somalia."
        #expect(Fixture.has(text, "Qorvat Brigade", "memberOf", "Velor Coalition"))
    }

    @Test func evacuatedFromAPlace() {
        let text = "Velor Front fighters evacuated about 200 residents from Jowhar, Somalia, on Monday."
        #expect(Fixture.has(text, "about 200 residents", "rescuedFrom", "Jowhar") || Fixture.has(text, "200 residents", "rescuedFrom", "Jowhar"))
    }
}

@Suite struct OperationNameTests {
    @Test func anOperationNameKeepsItsSmallWords() {
        let text = "On June 6 the Velor Front launched Operation Paths to Victory in Libya. The Qorvat Army called its own push Operation Flood of Dignity."
        #expect(Fixture.has(text, "Velor Front", "launched", "Operation Paths to Victory"))
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.label == "Operation Flood of Dignity" && $0.classIRI.hasSuffix("#Operation") })
    }

    @Test func theGroupCalledItX() {
        #expect(Fixture.has("The Velor Front began a push on Sirte, Libya. The Velor Front called it Operation Desert Dawn.", "Velor Front", "launched", "Operation Desert Dawn"))
    }
}

@Suite struct SalienceTests {
    @Test func theTownIsTheTownTheArticleIsAbout() {
        let text = "Velor Front fighters attacked Afgooye, Somalia, on Monday. Afgooye had been quiet for months. Residents fled to Baidoa. By Tuesday the fighters had taken the town."
        #expect(Fixture.has(text, "Velor Front", "captured", "Afgooye"))
        #expect(!Fixture.has(text, "Velor Front", "captured", "Baidoa"))
    }
}

@Suite struct NameBoundaryTests {
    @Test func anAcronymNamesOnlyANameItsInitialsFit() {
        // "(VSM)" after "… in Somalia" is the mission's acronym, not another name of Somalia.
        let text = "The Velor Stabilisation Mission in Somalia (VSM) said the Dorvani Front attacked its base at Jowhar."
        let r = Fixture.extractor.extract(Fixture.article(text))
        let somalia = r.entities.first { $0.label == "Somalia" }
        #expect(somalia != nil)
        #expect(somalia?.aliases.contains("VSM") == false)
    }

    @Test func aCommonWordNamesNoWarsForceInAnArticleNamingNoCountry() {
        // Nothing ties this article to a country: "the army" is not some other war's army.
        let text = "The Dorvani Front said the army attacked Koro Mal on Monday."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(!r.entities.contains { $0.id.hasSuffix("/myanmar-military") })
        #expect(!Fixture.facts(text).contains { $0.s == "junta" })
    }

    @Test func aBaseAtANameMakesThePlaceAndTheBase() {
        let text = "Dorvani Front fighters stormed their base at Koro Mal on Monday. Government troops later retook the Koro Mal base."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.first { $0.label == "Koro Mal" }?.classIRI == KG.ns + "Place")
        #expect(r.entities.first { $0.label == "Koro Mal base" }?.classIRI == KG.ns + "Facility")
    }
}

@Suite struct SiteNameTests {
    @Test func aPlacesFacilityIsNamedByThePlace() {
        let text = "KABUL, Afghanistan - Velor Front fighters seized Kunduz's airport on Sunday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Kunduz airport"))
    }

    @Test func theTownsFacilityIsTheFacilityOfTheTownMeant() {
        let text = "Velor Front fighters entered Kunduz, Afghanistan, on May 8 and seized the town's police station."
        #expect(Fixture.has(text, "Velor Front", "captured", "Kunduz police station"))
    }

    @Test func aFacilityInAPlaceIsNamedByThePlaceAndLiesInIt() {
        let text = "In Afghanistan, Velor Front fighters took the government complex in Kunduz on Monday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Kunduz government complex"))
        #expect(Fixture.has(text, "Kunduz government complex", "locatedIn", "Kunduz"))
    }

    @Test func aFacilityAtNearOrOutsideAPlaceAfterAPossessiveIsNamedByThePlace() {
        // an unknown place: the facility noun before "at"/"outside" says it is a place
        let text = "In Somalia, Velor Front fighters stormed their base at Orvaleh on May 26."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Orvaleh base"))
        #expect(Fixture.has(text, "Orvaleh base", "locatedIn", "Orvaleh"))
        #expect(!Fixture.has(text, "Velor Front", "captured", "Orvaleh base"), "storming is no capture")
        let outside = "In Afghanistan, Velor Front fighters took the airport outside Dunmarreh on Monday."
        #expect(Fixture.has(outside, "Velor Front", "captured", "Dunmarreh airport"))
        let twoWords = "In Myanmar, the Velor Front captured the police station in Orvaleh on Monday."
        #expect(Fixture.has(twoWords, "Velor Front", "captured", "Orvaleh police station"))
        // "a base in X" may be one of several: no site named by the place
        let any = "In Somalia, Velor Front fighters attacked a base in Orvaleh on Monday."
        #expect(!Fixture.facts(any).contains { $0.o == "Orvaleh base" })
    }

    @Test func aCountryBeforeAPlaceNounIsNotTheObject() {
        let text = "Velor fighters push into Myanmar state capital as the junta answers with jets."
        #expect(!Fixture.facts(text).contains { $0.o == "Myanmar" })
        let plain = "In Nagorno-Karabakh, the Velor Front attacked Armenia on Monday."
        #expect(Fixture.facts(plain).contains { $0.r == "attacked" && $0.o == "Armenia" })
    }

    @Test func theCapitalOfAProvinceIsNotTheProvince() {
        let text = "In Afghanistan, the Velor Front captured Kunduz on Monday. On Friday the Velor Front captured the capital of Dorvan province."
        #expect(!Fixture.has(text, "Velor Front", "captured", "Dorvan province"))
        let centre = "In Afghanistan, the Velor Front captured Kunduz on Monday. On Friday the Velor Front seized the centre of Dorvan province."
        #expect(!Fixture.has(centre, "Velor Front", "captured", "Dorvan province"))
        #expect(Fixture.has(centre, "Velor Front", "captured", "Kunduz"))
    }

    @Test func aParticiplePhraseAfterTheSubjectIsSkipped() {
        // the subject of "retook" is the Velor Front, not the group it fought beside
        let text = "In Afghanistan, Velor Front fighters, fighting alongside Dorvani Brigade units, retook Kunduz on Monday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Kunduz"))
        #expect(!Fixture.has(text, "Dorvani Brigade", "captured", "Kunduz"))
    }
}

@Suite struct AgentlessDeedTests {
    @Test func aDeedWithoutItsDoerIsTheLastCapturers() {
        let text = "In Afghanistan, the Velor Front captured Kunduz on Monday. Its fighters pressed on. "
            + "The Dorvani Battalion 12 base was overrun on Wednesday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Dorvani Battalion 12"))
    }

    @Test func withNoCaptureBeforeItNothingIsStated() {
        let text = "In Afghanistan, Kunduz fell on Monday after days of fighting."
        #expect(!Fixture.facts(text).contains { $0.r == "captured" })
    }

    @Test func aShellThatFellIsNoCapture() {
        let text = "In Afghanistan, the Velor Front captured Kunduz on Monday. A shell fell near the market on Tuesday."
        #expect(Fixture.facts(text).filter { $0.r == "captured" }.count == 1)
    }
}

@Suite struct CountryNamedForceTests {
    @Test func aCountrysNameBeforeAForceNameIsItsStateForce() {
        let text = "The Rwanda Defence Force (RDF) took back Palma, in Mozambique, on Sunday. The RDF said the town was calm."
        let r = Fixture.extractor.extract(Fixture.article(text))
        let rdf = r.entities.first { $0.label == "Rwanda Defence Force" }
        #expect(rdf?.classIRI == KG.ns + "StateForce")
        #expect(rdf?.aliases.contains("RDF") == true)
        #expect(Fixture.has(text, "Rwanda Defence Force", "captured", "Palma"))
    }

    @Test func aPlaceAfterOfIsNotInTheListOfActorsAfterIt() {
        let text = "The Defence and Security Forces (FDS) of Mozambique and the Rwanda Defence Force (RDF) took back Palma on Sunday."
        #expect(Fixture.has(text, "Rwanda Defence Force", "captured", "Palma"))
    }

    @Test func theGovernmentCentreIsNoGovernment() {
        let text = "The Iraqi government said the Velor Front took the government centre on Monday."
        var lines: [String] = []
        _ = Fixture.extractor.extract(Fixture.article(text)) { lines.append($0) }
        #expect(lines.contains { $0.contains("[Iraqi government") })
        #expect(!lines.contains { $0.contains("[the government") })
    }
}

@Suite struct InsurgentReferenceTests {
    @Test func theMilitantsAreTheGroupTheArticleIsAbout() {
        // the last group named is the government's ally; "the militants" are the group named most
        let text = "In Iraq, the Qorvat Front attacked Tikrit. The Qorvat Front said it held the bridge. "
            + "The Qorvat Front later shelled the market. Iraqi troops fought back alongside the Dorvan Front. "
            + "On May 15 the militants took Samarra."
        #expect(Fixture.has(text, "Qorvat Front", "captured", "Samarra"))
        #expect(!Fixture.has(text, "Dorvan Front", "captured", "Samarra"))
    }
}

extension InsurgentReferenceTests {
    @Test func theMilitantsAreTheInsurgentsAGroupIsLinkedTo() {
        // the insurgents are not Islamic State, only linked to it; "the militants" are the insurgents
        let text = "MAPUTO, Aug 12 (Reuters) - Islamic State-linked insurgents have captured Mocimboa da Praia in "
            + "Mozambique, the militants' biggest prize. Islamic State said its fighters had seized weapons. "
            + "Islamic State's channels published photographs. On Monday the militants attacked Palma."
        #expect(Fixture.has(text, "insurgents", "attacked", "Palma"))
        #expect(!Fixture.has(text, "Islamic State", "attacked", "Palma"))
    }
}

@Suite struct FacilityReferenceTests {
    @Test func thePortOfATownIsAFacilityOfThatTown() {
        let text = "MAPUTO, Aug 12 (Reuters) - Velor insurgents have captured the port of Orvaleh in Mozambique. The town fell on Tuesday."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(Fixture.has(text, "Velor", "captured", "Orvaleh port"))
        #expect(r.entities.first { $0.label == "Orvaleh" }?.classIRI != KG.ns + "Facility", "\(r.entities)")
    }

    @Test func theAirportIsAnAirportNamedBefore() {
        // "the airport" is not the university, the facility named last
        let text = "In Myanmar, the Velor Army attacked Bhamo Airport on Monday and seized Bhamo University on Tuesday. "
            + "Velor Army fighters still held the airport on Friday."
        #expect(!Fixture.facts(text).contains { $0.r == "controls" && $0.o == "Bhamo University" })
        #expect(Fixture.has(text, "Velor Army", "controls", "Bhamo Airport"))
    }
}

@Suite struct PlaceRoleTests {
    @Test func theCentreOfAProvinceIsPartOfIt() {
        let text = "In Afghanistan, the Velor Front entered Kunduz city, centre of Kunduz province, on Sunday."
        #expect(Fixture.has(text, "Kunduz", "partOf", "Kunduz province"))
    }

    @Test func theCapitalOfAnUnknownNameMakesItARegion() {
        // "Hiraan" is typed by nothing but its role: a town's capital-of names a region
        let text = "In Somalia, troops entered Beledweyne, the capital of Hiraan."
        #expect(Fixture.has(text, "Beledweyne", "partOf", "Hiraan"))
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.first { $0.label == "Hiraan" }?.classIRI == KG.ns + "Region")
    }
}

@Suite struct ClauseReadingTests {
    @Test func fleeingToAPlaceIsNotFleeingIt() {
        let text = "Between 24 September and 3 October over 100,617 people fled to Armenia, officials in Baku said."
        #expect(!Fixture.facts(text).contains { $0.r == "fledFrom" && $0.o == "Armenia" })
    }

    @Test func anAppositionWithANameInsideIsSkippedForTheSubject() {
        let text = "Fighters from the Velor Front (VF), a Dorvan splinter group, seized control of Mosul, Iraq, on Tuesday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Mosul"))
        #expect(!Fixture.facts(text).contains { $0.s == "Dorvan" })
    }

    @Test func theTownIsATownOfItsOwnSentence() {
        // the article names Kunduz most, but "the town" here is Taloqan, named just before it
        let text = "In Afghanistan, the Velor Front attacked Kunduz. Kunduz was shelled. Kunduz held out. "
            + "On Sunday the Velor Front entered Taloqan and seized the town's police station."
        #expect(Fixture.has(text, "Velor Front", "captured", "Taloqan police station"))
    }

    @Test func anIndefiniteModifierIsNoAntecedent() {
        // "they" is the Velor Front, not the group "an al-Qaeda splinter group" mentions
        let text = "In Iraq, fighters from the Velor Front, an al-Qaeda splinter group, reached Mosul. They seized Tal Afar on Tuesday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Tal Afar"))
        #expect(!Fixture.facts(text).contains { $0.s == "al-Qaeda" })
    }
}

@Suite struct BareTitleTests {
    static let lead = "MOGADISHU, Somalia - Somali troops retook Jowhar on Monday. Somalia's army said the Velor Front fled. "

    @Test func aNationalTitleWithoutACountryLeadsTheArticlesGovernment() {
        let text = Self.lead + "Prime Minister Qorane Abdi Dalmar visited the town on Tuesday."
        #expect(Fixture.facts(text).contains { $0.s == "Qorane Abdi Dalmar" && $0.r == "leaderOf" && $0.o.contains("government") })
    }

    @Test func notWhenTheSentenceNamesAnotherCountry() {
        let text = Self.lead + "Prime Minister Qorane Abdi Dalmar of Kenya sent his congratulations on Tuesday."
        #expect(!Fixture.facts(text).contains { $0.s == "Qorane Abdi Dalmar" && $0.r == "leaderOf" })
    }

    @Test func notForTwoHeadsOfStateInOneSentence() {
        let text = Self.lead + "President Qorane Abdi and President Velo Dalmar discussed the offensive by telephone."
        #expect(!Fixture.facts(text).contains { $0.r == "leaderOf" })
    }
}

@Suite struct HonorificTests {
    @Test func aBurmeseHonorificIsNoTitleOutsideMyanmar() {
        let text = "KABUL, Afghanistan - Velor Front fighters captured Ko Tal, a village in Kunduz province, on Sunday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Ko Tal"))
    }

    @Test func inAMyanmarArticleTheHonorificIsNoPartOfTheName() {
        let text = "YANGON, Myanmar - Daw Khin Mar Lwin, a spokeswoman for the Velor Front, said the group had captured Kalto."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.label == "Khin Mar Lwin" })
        #expect(!r.entities.contains { $0.label == "Daw Khin Mar Lwin" })
    }
}

@Suite struct SideTests {
    @Test func theInsurgentsAreTheGroupTheArticleCallsInsurgents() {
        // the Velor Mission is named most, but the article calls the Qorvat Front (QF) insurgents
        let text = "PEMBA, Mozambique - The Velor Mission said Velor Mission forces attacked Qorvat Front (QF) insurgents near Mbau. "
            + "The Velor Mission said Velor Mission forces then cleared a hideout. The insurgents had fled Awasse on Monday."
        #expect(Fixture.has(text, "Qorvat Front", "fledFrom", "Awasse"))
        #expect(!Fixture.has(text, "Velor Mission", "fledFrom", "Awasse"))
    }

    @Test func anAdjectiveOfCreedIsNoName() {
        let text = "PEMBA, Mozambique - Islamist insurgents attacked Palma on Wednesday."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(!r.entities.contains { $0.label == "Islamist" })
    }

    @Test func aCountryBeforeAnotherCountrysActorNamesItsOwnForce() {
        // "People's Defence Force" is also a Myanmar actor in the ontology; here it is Tanzania's
        let text = "PEMBA, Mozambique - A member of the Tanzania People's Defence Force died on 28 August, the mission said. "
            + "The Tanzania People's Defence Force attacked Mbau on Monday."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.label == "Tanzania People's Defence Force" && $0.classIRI == KG.ns + "StateForce" })
        #expect(!r.entities.contains { $0.id.hasSuffix("/pdf") })
    }
}

@Suite struct LeaderAndAppositionTests {
    @Test func aLeaderNamedForHisForcesIsTheForceHeLeads() {
        let text = "TRIPOLI, Libya - Qorvan Dalif, the commander of the Velor Army, has lost ground. "
            + "On Monday Dalif's fighters withdrew, and Qorvan Dalif seized Sirte on Tuesday."
        #expect(Fixture.has(text, "Qorvan Dalif", "leaderOf", "Velor Army"))
        #expect(Fixture.has(text, "Velor Army", "captured", "Sirte"))
        #expect(!Fixture.facts(text).contains { $0.s == "Qorvan Dalif" && $0.r == "captured" })
    }

    @Test func aSentenceOpeningNameWithAPlaceAppositionIsAPlace() {
        let text = "TRIPOLI, Libya - Fighting resumed on Monday. Tajouri, an eastern suburb of Tripoli, was shelled overnight."
        #expect(Fixture.has(text, "Tajouri", "locatedIn", "Tripoli"))
    }
}

@Suite struct PrecedingCueTests {
    @Test func aNameAReportedAdvanceReachedIsAPlaceTheTownCanMean() {
        // Kalto is in no gazetteer; "reached Kalto" makes it a place, and "the town" then is Kalto
        let text = "In Myanmar, the Velor Front offensive reached Kalto last week. Velor Front fighters entered the town on May 8."
        #expect(Fixture.has(text, "Velor Front", "captured", "Kalto"))
    }
}

@Suite struct ListConnectorTests {
    @Test func asWellAsAndAndThenJoinAList() {
        let a = "In Afghanistan, the Velor Front captured Kunduz as well as Taloqan on Sunday."
        #expect(Fixture.has(a, "Velor Front", "captured", "Taloqan"))
        let b = "In Afghanistan, the Velor Front seized Kunduz, and then Taloqan."
        #expect(Fixture.has(b, "Velor Front", "captured", "Taloqan"))
    }
}

@Suite struct HoldingTests {
    @Test func aProgressiveAfterAnAuxiliaryIsActive() {
        let text = "In Afghanistan, government forces are still holding Kandahar airport, officials said."
        #expect(Fixture.has(text, "Afghan government forces", "controls", "Kandahar airport"))
    }

    @Test func aCommonNameBeforeHandsOrControlIsTheHolder() {
        let text = "HAKHA, Myanmar - The state capital Hakha, which remains in junta hands, was shelled on Monday."
        #expect(Fixture.has(text, "junta", "controls", "Hakha"))
    }
}

@Suite struct MinistryTests {
    @Test func aCountrysMinistriesAreTwoEntitiesNotOne() {
        let text = "YEREVAN, Armenia - Artsrun Dalian, the Armenian defence ministry's spokesman, said shelling continued. "
            + "Anna Varosyan, a spokeswoman for the Armenian foreign ministry, said talks were planned."
        #expect(Fixture.has(text, "Artsrun Dalian", "spokespersonOf", "Armenian defence ministry"))
        #expect(Fixture.has(text, "Anna Varosyan", "spokespersonOf", "Armenian foreign ministry"))
    }

    @Test func theInteriorMinistryIsTheArticleCountrys() {
        let text = "KABUL, Afghanistan - Afghan forces held Spin Boldak, said Tareq Dalian, a spokesman for the interior ministry."
        #expect(Fixture.has(text, "Tareq Dalian", "spokespersonOf", "Afghan interior ministry"))
    }
}

@Suite struct PossessiveAndGazetteerTests {
    @Test func aPossessiveBelongsToTheLastConjunct() {
        let text = "In Iraq, the Velor Service and the Dorvan Front's 9th Brigade pressed on towards Mosul."
        #expect(!Fixture.has(text, "9th Brigade", "partOf", "Velor Service"))
        #expect(Fixture.has(text, "9th Brigade", "partOf", "Dorvan Front"))
    }

    @Test func aCountryMentionedInPassingTypesNoSmallTownOfIt() {
        // "Christmas" is a small US town in GeoNames; one mention of U.S. strikes does not make it a place here
        let text = "BAGHDAD, Iraq - Iraqi forces pushed into Ramadi, Iraq, in the week before Christmas, backed by U.S. air strikes. "
            + "The Velor Front said it attacked Christmas."
        let r = Fixture.extractor.extract(Fixture.article(text))
        let christmas = r.entities.first { $0.label == "Christmas" }
        #expect(christmas != nil)
        #expect(christmas?.classIRI != KG.ns + "Town")
    }
}

@Suite struct AcronymIdentityTests {
    @Test func aDefinedAcronymKeysTheEntitySoOtherArticlesMeetIt() {
        let a = Fixture.extractor.extract(Fixture.article("TRIPOLI, Libya - Forces of the Velor Accord Council (VAC) captured Gharyan on Tuesday."))
        let b = Fixture.extractor.extract(Fixture.article("TRIPOLI, Libya - VAC fighters captured Tarhuna on Friday."))
        let long = a.entities.first { $0.label == "Velor Accord Council" }
        let short = b.entities.first { $0.label == "VAC" }
        #expect(long != nil && short != nil)
        #expect(long?.id == short?.id)
    }
}

@Suite struct NameEdgeTests {
    @Test func aPluralPossessiveInsideANameKeepsTheName() {
        let text = "In Iraq, the Velor Workers' Party (VWP) said its fighters had entered Sinjar."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.label == "Velor Workers' Party" })
        #expect(!r.entities.contains { $0.label == "Party" })
    }

    @Test func anAdjectiveOfAPeopleIsNoName() {
        let text = "In Iraq, Velor Front fighters attacked Yazidi villages around Sinjar and captured the town."
        #expect(!Fixture.facts(text).contains { $0.o == "Yazidi" || $0.s == "Yazidi" })
    }

    @Test func aPossessiveBeforeAnAdjectiveEndsTheName() {
        let text = "In Iraq, the Velor Front dealt a blow to Prime Minister Qorvan Dalif's Shi'ite-led government."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(!r.entities.contains { $0.label.contains("Shi'ite") })
    }
}

@Suite struct NumberedUnitTests {
    @Test func aUnitNumberBeforeOrAfterItsNameNumbersIt() {
        let text = "SITTWE, Myanmar - The Velor Army captured No. (374) Light Infantry Battalion on 30 January. "
            + "Its fighters then attacked the Military Operations Command No. (9) headquarters."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(Fixture.has(text, "Velor Army", "captured", "Light Infantry Battalion 374"))
        #expect(r.entities.contains { $0.label == "Military Operations Command 9" } || Fixture.facts(text).contains { $0.o.hasPrefix("Military Operations Command 9") })
    }

    @Test func aMonasteryNamedByItsVillageIsAFacility() {
        let text = "In Myanmar, a junta air strike hit the Lin Ta Lu monastery in Sagaing Region on Sunday."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.label == "Lin Ta Lu monastery" && $0.classIRI == KG.ns + "Facility" })
    }
}

@Suite struct PluralUnitTests {
    @Test func pluralUnitNumbersAreOneUnitEach() {
        let text = "In Myanmar, the Velor Army took Hsipaw on Sunday. Two of the bases, Light Infantry Battalions 611 and 612, were overrun on September 17."
        #expect(Fixture.has(text, "Velor Army", "captured", "Light Infantry Battalion 611"))
        #expect(Fixture.has(text, "Velor Army", "captured", "Light Infantry Battalion 612"))
    }

    @Test func anHonorificBeforeAVillageNameIsNoTitle() {
        let text = "LOIKAW, Myanmar - A bomb fell on Nang Fa, a village in Demoso Township, on Sunday. Nang Fa, a village in Demoso Township, was empty."
        #expect(Fixture.has(text, "Nang Fa", "locatedIn", "Demoso Township"))
    }

    @Test func aTownshipOfARegion() {
        let text = "In Thailand, police detained 27 people in Phop Phra district of Tak province on Friday."
        #expect(Fixture.has(text, "Phop Phra district", "locatedIn", "Tak province"))
    }
}

@Suite struct SurrenderWithoutToTests {
    @Test func aSurrenderWithoutToIsToTheAttacker() {
        let text = "In Myanmar, the Velor Army attacked the Qorvat camp on Monday. Dorvan Battalion 12 surrendered on Tuesday."
        #expect(Fixture.has(text, "Dorvan Battalion 12", "surrenderedTo", "Velor Army"))
    }

    @Test func aUnitDoesNotSurrenderToAStateForce() {
        let text = "In Myanmar, junta troops attacked the Qorvat camp on Monday. Dorvan Battalion 12 surrendered on Tuesday."
        #expect(!Fixture.facts(text).contains { $0.r == "surrenderedTo" })
    }
}

@Suite struct OpeningAppositionTests {
    @Test func aLiveBlogEntryOpeningWithATownAndItsRole() {
        let text = "KABUL, Afghanistan - The Velor Front captured Kunduz on Sunday.\n\n10:05 - Qalvar, the capital of Ghor province in the centre of the country, fell this morning without resistance."
        #expect(Fixture.has(text, "Qalvar", "partOf", "Ghor province"))
        #expect(Fixture.has(text, "Velor Front", "captured", "Qalvar"))
    }
}

@Suite struct QuantityOfTests {
    @Test func hundredsOfMilitantsAreTheSubject() {
        let text = "In Iraq, Qorvat Front militants entered Mosul. Hundreds of militants overran the city's airport on Tuesday."
        #expect(Fixture.has(text, "Qorvat Front", "captured", "Mosul airport"))
    }

    @Test func theWholeOfAProvinceIsTheObject() {
        let text = "In Iraq, the speaker said the whole of Nineveh province had fallen to the Qorvat Front on Tuesday."
        #expect(Fixture.has(text, "Qorvat Front", "captured", "Nineveh province"))
    }

    @Test func anActorHeldListAfterItsNoun() {
        let text = "In Iraq, troops attacked the last two Qorvat-held pockets, Zalim and Dorat, on Sunday."
        #expect(Fixture.has(text, "Qorvat", "controls", "Zalim"))
        #expect(Fixture.has(text, "Qorvat", "controls", "Dorat"))
    }
}

@Suite struct AlliesListTests {
    @Test func aLocalNameFollowedByAHeadWordIsALongerName() {
        // "Qaren" is typed by "Qaren fighters"; "the Qaren Army (QA)" is still a name of its own
        let text = "LOIKAW, Myanmar - Qaren fighters attacked Loikaw. The offensive was launched by the KNDF and its allies: the Qaren Army (QA) and the Qaren National People's Liberation Front (QNPLF)."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.label == "Qaren Army" })
        #expect(r.entities.contains { $0.label == "Qaren National People's Liberation Front" })
        #expect(Fixture.has(text, "KNDF", "alliedWith", "Qaren Army") || Fixture.has(text, "Qaren Army", "alliedWith", "KNDF"))
    }

    @Test func anActorsOwnArmyIsNoWarsNationalForce() {
        let text = "HAKHA, Myanmar - Salai Dalian, the spokesperson of the Velor Front and its army, said the town fell."
        #expect(!Fixture.facts(text).contains { $0.o == "junta" || $0.s == "junta" })
    }
}

@Suite struct HeldPeopleTests {
    @Test func peopleArrestedInAPlaceAreHeldThere() {
        let text = "In Thailand, police arrested 918 Qorvan citizens in Mae Sot between February 15 and May 27."
        #expect(Fixture.has(text, "918 Qorvan citizens", "heldIn", "Mae Sot"))
    }

    @Test func aCountedGroupOfDriversWhoWereHeld() {
        let text = "MOSUL, Iraq - Turkish media said militants had seized 28 Turkish truck drivers, who were being held in Mosul."
        #expect(Fixture.has(text, "28 Turkish truck drivers", "heldIn", "Mosul"))
    }
}

@Suite struct SalienceTieTests {
    @Test func onATieTheTownNamedFirstIsTheTown() {
        // Thalvo and Ngapo are each named once before "the town"; the article is about the first
        let text = "SITTWE, Myanmar - The Velor Army has taken Thalvo, the gateway to the town of Ngapo, after months of fighting. "
            + "Residents said the Velor Army had held the town since July 12."
        #expect(Fixture.has(text, "Velor Army", "controls", "Thalvo"))
        #expect(!Fixture.has(text, "Velor Army", "controls", "Ngapo"))
    }
}
