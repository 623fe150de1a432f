import Extract
import Foundation
import Ingest
import Ontology
import RDF
import Testing

// Constructions of news English, each suite on invented sentences (actors invented, places real):
// participle clauses, presupposed descriptions, references across sentences, sites named by their town,
// leaving over a gap, alliances, strongholds, news-present dates, implicatives and national forces,
// spokespersons, compounds, plural heads before lists.

/// A trigger's present participle, derived from its past form, heads a clause whose subject is the
/// sentence's ("…, capturing the town"); a noun phrase's description holds whatever the clause around
/// it plans. Sentences are our own; the actors and villages are invented, countries real.
@Suite struct ParticipleClauseTests {
    @Test func aParticipleClauseSharesTheSentencesSubject() {
        let text = "PEMBA, Mozambique - The Velor Front advanced on Monday, capturing the town of Memra."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
    }

    @Test func theParticipleOfAPastParticipleInEn() {
        let text = "PEMBA, Mozambique - The Velor Front pushed north, retaking the town of Memra."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
    }

    @Test func aParticipleBeforeAColonListTakesEveryItem() {
        let text = "PEMBA, Mozambique - By noon the Velor Front had met its objectives, clearing three villages "
            + "in an area of about 40 square kilometres: Kora, Beled and Sumri."
        let objects = Set(Fixture.facts(text).filter { $0.s == "Velor Front" && $0.r == "captured" }.map(\.o))
        #expect(objects == ["Kora", "Beled", "Sumri"])
    }

    @Test func aDeedUnderWayIsNotDone() {
        let text = "PEMBA, Mozambique - Demining teams from the Velor Front are clearing the town of Memra."
        #expect(!Fixture.facts(text).contains { $0.r == "captured" })
    }
}

@Suite struct PresupposedDescriptionTests {
    @Test func aPlaceInsideAPlannedClauseStillLiesWhereItLies() {
        let text = "PEMBA, Mozambique - Troops who had retreated to the airport outside Memra held out for a week."
        #expect(Fixture.facts(text).contains { $0.s == "Memra airport" && $0.r == "locatedIn" && $0.o == "Memra" && $0.a.modality == .asserted })
    }

    @Test func theTownOfACountryAfterAnInfinitive() {
        let text = "PEMBA, Mozambique - Traders plan to use the road to the Tanzanian town of Mtwara."
        #expect(Fixture.facts(text).contains { $0.s == "Mtwara" && $0.r == "locatedIn" && $0.o == "Tanzania" && $0.a.modality == .asserted })
    }

    @Test func aPlannedDeedStaysPlanned() {
        let text = "PEMBA, Mozambique - The Velor Front plans to capture the town of Memra."
        #expect(Fixture.facts(text).contains { $0.r == "captured" && $0.a.modality == .planned })
        #expect(!Fixture.has(text, "Velor Front", "captured", "Memra"))
    }
}

/// "it" and "the town" across a sentence boundary; a dateline's place is no antecedent.
@Suite struct ReferenceAcrossSentencesTests {
    @Test func anObjectItTakesThePlaceTheSentenceBeforeNamed() {
        let text = "PEMBA, Mozambique - The Velor Front attacked the town of Memra on Monday. Its fighters overran it early on Tuesday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
        #expect(!Fixture.facts(text).contains { $0.o == "Pemba" })
    }

    @Test func theTownIsWhatTheSentenceBeforeOpenedWith() {
        let text = "PEMBA, Mozambique - Fighting spread to Mueda and then to Mueda's outskirts last year. Macomia itself "
            + "changed hands only this month. The Velor Front took the town on Monday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Macomia"))
        #expect(!Fixture.facts(text).contains { $0.r == "captured" && $0.o != "Macomia" })
    }

    @Test func aDatelinesTownIsNotTheTown() {
        let text = "Montepuez, Mozambique - The Velor Front said it had pushed towards Macomia. Its fighters took the town on Tuesday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Macomia"))
        #expect(!Fixture.facts(text).contains { $0.o == "Montepuez" })
    }
}

/// "the airport" with no airport named before is the airport of the town the text is about; "the
/// airfield" is an airport named before; "a section of" a site is no control of it.
@Suite struct BridgedSiteTests {
    @Test func theAirportIsTheTownsAirport() {
        let text = "Montepuez, Mozambique - The Velor Front overran Macomia on Monday. On Tuesday its fighters took the airport."
        #expect(Fixture.has(text, "Velor Front", "captured", "Macomia airport"))
    }

    @Test func theAirfieldIsTheAirportNamedEarlierInTheSentence() {
        let text = "Montepuez, Mozambique - Troops who had retreated to the airport outside Macomia held out until Friday, "
            + "the day the Velor Front took the airfield."
        #expect(Fixture.has(text, "Velor Front", "captured", "Macomia airport"))
        #expect(Fixture.facts(text).filter { $0.r == "captured" }.count == 1)
    }

    @Test func aSectionOfASiteIsNotTheSite() {
        let text = "Montepuez, Mozambique - The Velor Front overran Macomia on Monday. Its fighters still held a section of the airport runway."
        #expect(!Fixture.facts(text).contains { $0.r == "controls" })
    }
}

/// Leaving a place over a few words ("fled across the border from X", "pulled its fighters out of X")
/// and from "it".
@Suite struct FleeingOverAGapTests {
    @Test func fledAcrossTheBorderFrom() {
        let text = "Montepuez, Mozambique - On Monday 1,037 Mozambican soldiers fled across the border from Cabo Delgado province."
        #expect(Fixture.has(text, "1,037 Mozambican soldiers", "fledFrom", "Cabo Delgado province"))
    }

    @Test func pulledItsFightersOutOf() {
        let text = "Montepuez, Mozambique - The Velor Front pulled its fighters out of Macomia on Monday."
        #expect(Fixture.has(text, "Velor Front", "fledFrom", "Macomia"))
    }

    @Test func fledTowardsAPlaceIsNotFleeingIt() {
        let text = "Montepuez, Mozambique - The Velor Front fled across the river to Macomia."
        #expect(!Fixture.facts(text).contains { $0.r == "fledFrom" })
    }

    @Test func fledFromItIsTheSentencesPlaceNotItsDateline() {
        let text = "Montepuez, Mozambique - The Velor Front held Mueda until Monday, then fled from it under air strikes."
        #expect(Fixture.has(text, "Velor Front", "fledFrom", "Mueda"))
        #expect(!Fixture.facts(text).contains { $0.o == "Montepuez" })
    }
}

/// Alliances said with a copula, inverted, or as support.
@Suite struct AllianceWordingTests {
    @Test func aRelativeClauseWithACopula() {
        let text = "Montepuez, Mozambique - The Velor Front, which is allied with the Tana Brigade, took Macomia."
        #expect(Fixture.has(text, "Velor Front", "alliedWith", "Tana Brigade") || Fixture.has(text, "Tana Brigade", "alliedWith", "Velor Front"))
    }

    @Test func fightingAlongsideInverted() {
        let text = "Montepuez, Mozambique - Fighting alongside the Velor Front were the Tana Brigade and the Sela Students' Front."
        let allies = Set(Fixture.facts(text).filter { $0.r == "alliedWith" }.flatMap { [$0.s, $0.o] })
        #expect(allies.isSuperset(of: ["Velor Front", "Tana Brigade"]))
    }

    @Test func withTheSupportOf() {
        let text = "Montepuez, Mozambique - The Velor Front launched an offensive with the support of the Tana Brigade."
        #expect(Fixture.has(text, "Velor Front", "alliedWith", "Tana Brigade") || Fixture.has(text, "Tana Brigade", "alliedWith", "Velor Front"))
    }
}

/// Holding a place said as a stronghold or as what remains with an actor.
@Suite struct StrongholdTests {
    @Test func theLastStrongholdOfAnActor() {
        let text = "Montepuez, Mozambique - Mueda, the last Velor Front stronghold in the province, fell on Monday."
        #expect(Fixture.has(text, "Velor Front", "controls", "Mueda"))
    }

    @Test func aStrongholdOf() {
        let text = "Montepuez, Mozambique - Mueda, a stronghold of the Velor Front, was shelled."
        #expect(Fixture.has(text, "Velor Front", "controls", "Mueda"))
    }

    @Test func whatRemainsWithAnActor() {
        let text = "Montepuez, Mozambique - Only the army base in Mueda still remains with the Velor Front."
        #expect(Fixture.has(text, "Velor Front", "controls", "Mueda army base"))
    }
}

/// A deed told as the day's news (headline present, present perfect) with no date is observed on the
/// publication date; a simple past or a quoted present perfect is not dated so.
@Suite struct NewsPresentTests {
    static func captureDates(_ text: String, title: String? = nil) -> [String?] {
        let article = Article(path: "t.txt", format: .text, title: title, published: "2021-08-10",
                              publishedDate: PartialDate(iso: "2021-08-10"), text: text, contentHash: "x")
        return Fixture.extractor.extract(article).assertions.filter { $0.relation == "captured" }.map { $0.time?.date?.iso }
    }

    @Test func aHeadlineInThePresent() {
        #expect(Self.captureDates("Montepuez, Mozambique - Fighting went on.", title: "Velor Front takes Macomia") == ["2021-08-10"])
    }

    @Test func aHeadlineInThePlainPresent() {
        #expect(Self.captureDates("Montepuez, Mozambique - Fighting went on.", title: "Velor Front rebels seize Macomia") == ["2021-08-10"])
        #expect(Self.captureDates("Montepuez, Mozambique - Fighting went on.", title: "How Velor Front rebels seized Macomia") == [nil])
    }

    @Test func aPresentPerfect() {
        #expect(Self.captureDates("Montepuez, Mozambique - The Velor Front has captured Macomia, officials said.") == ["2021-08-10"])
    }

    @Test func aSimplePastIsNotDatedByPublication() {
        #expect(Self.captureDates("Montepuez, Mozambique - The Velor Front captured Macomia, officials said.") == [nil])
    }

    @Test func aQuotedPresentPerfectIsTheSpeakers() {
        #expect(Self.captureDates("Montepuez, Mozambique - \"The Velor Front has captured Macomia,\" an official said.") == [nil])
    }
}

/// An infinitive after an implicative verb happened; "the forces of A and B" are each country's forces;
/// "Rwandan troops" in an article naming the "Rwanda Defence Force" are that force.
@Suite struct ImplicativeAndNationalForceTests {
    @Test func managedToCaptureHappened() {
        let text = "Montepuez, Mozambique - The Velor Front managed to capture Mueda on Monday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Mueda"))
    }

    @Test func helpedTheArmyToRetakeControl() {
        let text = "Montepuez, Mozambique - Rwandan soldiers helped the Mozambican army to retake control of Mueda."
        #expect(Fixture.facts(text).contains { $0.r == "captured" && $0.o == "Mueda" && $0.a.modality == .asserted })
    }

    @Test func anAimStaysAnAim() {
        let text = "Montepuez, Mozambique - The Velor Front sent fighters to capture Mueda."
        #expect(!Fixture.has(text, "Velor Front", "captured", "Mueda"))
    }

    @Test func theForcesOfTwoCountries() {
        let text = "Montepuez, Mozambique - The joint forces of Mozambique and Rwanda seized Mueda on Monday."
        let subjects = Set(Fixture.facts(text).filter { $0.r == "captured" && $0.o == "Mueda" }.map(\.s))
        #expect(subjects == ["Mozambican forces", "Rwandan forces"])
    }

    @Test func aDemonymsTroopsAreTheNamedForceOfThatCountry() {
        let text = "Montepuez, Mozambique - The Rwanda Defence Force (RDF) took back Mueda on Sunday. Rwandan troops later entered Macomia."
        #expect(Fixture.has(text, "Rwanda Defence Force", "captured", "Macomia"))
    }
}

/// A side's adjective before an organisation's name ("the opposition X") and "press secretary".
@Suite struct SpokespersonWordingTests {
    @Test func aSpokespersonForTheOppositionGroup() {
        let text = "Montepuez, Mozambique - Nay Phone Latt, a spokesperson for the opposition Velor Front (VF), said the town was calm."
        #expect(Fixture.has(text, "Nay Phone Latt", "spokespersonOf", "Velor Front"))
    }

    @Test func aPressSecretary() {
        let text = "Montepuez, Mozambique - Tana Brigade press secretary John Kirby said the town was calm."
        #expect(Fixture.has(text, "John Kirby", "spokespersonOf", "Tana Brigade"))
    }
}

/// "X-controlled Y" right before the place, as "X-held Y" is.
@Suite struct ControlledCompoundTests {
    @Test func anActorControlledPlace() {
        let text = "Mosul, Iraq - Fighting reached Velor Front-controlled Kora on Monday."
        #expect(Fixture.has(text, "Velor Front", "controls", "Kora"))
    }
}

/// "the villages of A, B and C" types every name of the list; "The army" opening a sentence is the
/// country's army, named by its country.
@Suite struct PluralHeadListTests {
    @Test func theVillagesOfAList() {
        let text = "Mosul, Iraq - The army retook the villages of Kora, Beled and Sumri."
        let objects = Set(Fixture.facts(text).filter { $0.r == "captured" }.map(\.o))
        #expect(objects == ["Kora", "Beled", "Sumri"])
        #expect(Fixture.facts(text).allSatisfy { $0.s == "Iraqi army" })
    }
}

/// An attack on an unnamed target is an attack on its place or its owner: "attacking a military base in
/// X", "struck the Y's positions". A pronoun before another actor's noun ("its affiliate") is not the doer.
@Suite struct AttackTargetTests {
    @Test func anAttackOnABaseInAPlaceIsAnAttackOnThePlace() {
        let text = "PEMBA, Mozambique - On Tuesday the Velor Front struck again, attacking a military base in Memra."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Memra"))
    }

    @Test func outpostsInAListOfTownships() {
        let text = "PEMBA, Mozambique - The Velor Front said its fighters struck army outposts in Memra and Kora."
        let objects = Set(Fixture.facts(text).filter { $0.s == "Velor Front" && $0.r == "attacked" }.map(\.o))
        #expect(objects == ["Memra", "Kora"])
    }

    @Test func aPlaceThatOnlyLocatesTheSpeakerIsNoTarget() {
        // no target noun before "in": the place is where the statement was made
        let text = "PEMBA, Mozambique - The Velor Front attacked the convoy, a commander said in Memra."
        #expect(!Fixture.has(text, "Velor Front", "attacked", "Memra"))
    }

    @Test func thePositionsOfANamedForceAreThatForce() {
        let text = "PEMBA, Mozambique - The Velor Front opened its attacks on the Kora Defence Force's positions in the hills."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Kora Defence Force"))
    }

    @Test func itsAffiliateIsAnotherActor() {
        let text = "PEMBA, Mozambique - The Velor Front said its local affiliate stormed the town of Memra."
        #expect(!Fixture.has(text, "Velor Front", "attacked", "Memra"))
    }

    @Test func aListWithItsAlliesStillHoldsTheGroup() {
        let text = "PEMBA, Mozambique - The Velor Front and its allies stormed the town of Memra."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Memra"))
    }

    @Test func aDeedThatHasBegunIsUnderWayNotPlanned() {
        let text = "PEMBA, Mozambique - The Velor Front said its fighters had begun to push into the town of Memra."
        #expect(Fixture.facts(text).contains { $0.s == "Velor Front" && $0.r == "attacked" && $0.o == "Memra" && $0.a.modality != .planned })
    }
}

/// "X is recognised internationally as part of Y": where a place lies.
@Suite struct PartOfCountryTests {
    @Test func recognisedAsPartOf() {
        let text = "The Vashkar region is recognised internationally as part of Azerbaijan."
        #expect(Fixture.facts(text).contains { $0.s == "Vashkar region" && $0.r == "locatedIn" && $0.o == "Azerbaijan" })
    }
}

/// A report's opening day dates the undated deeds it goes on to tell in the simple past — not a deed in
/// the past perfect (earlier), and not in a piece whose opening date is far from its publication.
@Suite struct ReportDayTests {
    static let text = "PEMBA, Mozambique - The Velor Front entered the town of Memra on 13 November 2023, officials said.\n\n"
        + "Witnesses said the group seized the airport outside Memra. The group had attacked Kora last year."

    @Test func anUndatedDeedLaterInAReportTakesItsOpeningDay() {
        let facts = Fixture.facts(Self.text, published: "2023-11-16")
        let t = facts.first { $0.r == "captured" && $0.o == "Memra airport" }?.a.time
        #expect(t?.date == PartialDate(iso: "2023-11-13"))
        // (a lasting description takes no day)
        #expect(facts.contains { $0.r == "locatedIn" && $0.o == "Memra" && $0.a.time?.date == nil })
    }

    @Test func aPastPerfectDeedIsNotThatDays() {
        let facts = Fixture.facts(Self.text, published: "2023-11-16")
        let t = facts.first { $0.r == "attacked" && $0.o == "Kora" }?.a.time
        #expect(t?.date != PartialDate(iso: "2023-11-13"))
    }

    @Test func aRetrospectiveTakesNoOpeningDay() {
        let facts = Fixture.facts(Self.text, published: "2025-02-01")
        let t = facts.first { $0.r == "captured" && $0.o == "Memra airport" }?.a.time
        #expect(t?.date == nil)
    }
}

/// An apposition about a place that ends "in" a region locates the place, past other places it names.
@Suite struct AppositiveLocationTests {
    @Test func aCrossingIntoACountryInAProvince() {
        let text = "The Velor Front captured Sarbel, the main crossing into Tajikistan in Kunduz province, on Tuesday."
        #expect(Fixture.has(text, "Sarbel", "locatedIn", "Kunduz province"))
        #expect(!Fixture.has(text, "Tajikistan", "locatedIn", "Kunduz province"))
    }

    @Test func aDistanceFromALandmarkInAProvince() {
        let text = "BAGHDAD, Iraq - Ramadi, about 70 miles (110 kilometres) west of Baghdad in Anbar province, fell to the Velor Front."
        #expect(Fixture.has(text, "Ramadi", "locatedIn", "Anbar province"))
        #expect(!Fixture.has(text, "Baghdad", "locatedIn", "Anbar province"))
    }

    @Test func aRelativeClauseEndsTheApposition() {
        // "in Anbar province" belongs to the clause about the fighters, not to Memra
        let text = "The Velor Front held Memra, a town that fighters later left in Anbar province."
        #expect(!Fixture.has(text, "Memra", "locatedIn", "Anbar province"))
    }
}

/// "the junta" among the forces named recently is the one so called, not the last one named.
@Suite struct CalledReferenceTests {
    @Test func theJuntaIsTheForceSoCalled() {
        let text = "Myanmar's junta said on Monday it was ready to talk. The Velor Front handed ten prisoners "
            + "to Chinese police at the border. A day later the Velor Front attacked the junta near Memra."
        #expect(Fixture.has(text, "Velor Front", "attacked", "junta"))
        #expect(!Fixture.has(text, "Velor Front", "attacked", "Chinese police"))
    }
}

/// A country may be the one that strikes ("the United States carried out an air strike against …").
@Suite struct CountryAttackerTests {
    @Test func aCountryCarriesOutAnAirStrike() {
        let text = "PEMBA, Mozambique - The United States carried out an air strike against Velor Front fighters near Memra."
        #expect(Fixture.has(text, "United States", "attacked", "Velor Front"))
    }
}

/// "Earlier in the day" stays on the report's day; "Earlier" alone leaves it.
@Suite struct SameDayTests {
    @Test func earlierInTheDayKeepsTheReportsDay() {
        let text = "PEMBA, Mozambique - The Velor Front entered the town of Memra on 13 November 2023, officials said.\n\n"
            + "Earlier in the day the group seized the airport outside Memra."
        let t = Fixture.facts(text).first { $0.r == "captured" && $0.o == "Memra airport" }?.a.time
        #expect(t?.date == PartialDate(iso: "2023-11-13"))
    }

    @Test func earlierAloneLeavesIt() {
        let text = "PEMBA, Mozambique - The Velor Front entered the town of Memra on 13 November 2023, officials said.\n\n"
            + "Earlier the group seized the airport outside Memra."
        let t = Fixture.facts(text).first { $0.r == "captured" && $0.o == "Memra airport" }?.a.time
        #expect(t?.date != PartialDate(iso: "2023-11-13"))
    }
}

/// A minister leads the ministry of his portfolio: the owner's (a possessive, a demonym), else that of the
/// country the article is clearly about; a demonym before a title is no part of the name.
@Suite struct MinisterTests {
    @Test func aPortfolioBeforeTheNameInAnArticleAboutOneCountry() {
        let text = "PEMBA, Mozambique - Defence Minister Jaime Tomo said the Velor Front had lost its bases in Mozambique."
        #expect(Fixture.has(text, "Jaime Tomo", "leaderOf", "Mozambican defence ministry"))
    }

    @Test func aDemonymBeforeTheTitle() {
        let text = "Thai Foreign Minister Somchai Rattan said 300 people crossed the river."
        #expect(Fixture.has(text, "Somchai Rattan", "leaderOf", "Thai foreign ministry"))
        #expect(!Fixture.facts(text).contains { $0.s.hasPrefix("Thai ") })
    }

    @Test func thePossessorOwnsTheMinistry() {
        let text = "The Velor Front named a cabinet; its defence minister, Amos Terel, said the war would go on."
        #expect(Fixture.has(text, "Amos Terel", "leaderOf", "Velor Front defence ministry"))
    }

    @Test func aDeputyLeadsNothing() {
        let text = "PEMBA, Mozambique - Deputy defence minister Jaime Tomo visited Mozambique's north."
        #expect(!Fixture.facts(text).contains { $0.r == "leaderOf" })
    }

    @Test func theMinistryInTheTitleIsNoPerson() {
        let text = "PEMBA, Mozambique - The Minister of Defence, Jaime Tomo, visited Mozambique's north."
        #expect(!Fixture.facts(text).contains { $0.s == "Defence" })
        #expect(Fixture.has(text, "Jaime Tomo", "leaderOf", "Mozambican defence ministry"))
    }
}

/// "X, the provincial capital": the town is part of a province the sentence does not name.
@Suite struct ProvincialCapitalTests {
    @Test func theProvinceNamedBefore() {
        let text = "PEMBA, Mozambique - Fighting spread across Cabo Delgado province on Monday.\n\n"
            + "In Pemba, the provincial capital, shops closed early."
        #expect(Fixture.has(text, "Pemba", "partOf", "Cabo Delgado province"))
    }

    @Test func aProvinceOfTheSameName() {
        let text = "The Velor Front captured Memra, the capital of the province of the same name, on Thursday."
        #expect(Fixture.has(text, "Memra", "partOf", "Memra province"))
    }

    @Test func aGazetteerRegionNamedLikeTheTown() {
        let text = "KABUL, Afghanistan - The Velor Front took a crossing west of Herat, the provincial capital."
        #expect(Fixture.has(text, "Herat", "partOf", "Herat province"))
    }

    @Test func noProvinceNoFact() {
        let text = "The Velor Front took a crossing west of Memra, the provincial capital."
        #expect(!Fixture.facts(text).contains { $0.r == "partOf" })
    }
}

/// "X took A and seized B": the object of the verb before is not the next verb's subject.
@Suite struct CoordinatedVerbTests {
    @Test func theSecondVerbKeepsTheSubject() {
        let text = "PEMBA, Mozambique - The Velor Front took Memra and seized Kora."
        #expect(Fixture.has(text, "Velor Front", "captured", "Kora"))
        #expect(!Fixture.has(text, "Memra", "captured", "Kora"))
    }

    @Test func anActorObjectIsNoSubjectEither() {
        let text = "PEMBA, Mozambique - The Velor Front attacked the Kora Defence Force and seized Memra."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
        #expect(!Fixture.has(text, "Kora Defence Force", "captured", "Memra"))
    }
}

/// "its police station" after a town: the town's facility.
@Suite struct TownFacilityTests {
    @Test func itsPoliceStationIsTheTowns() {
        let text = "PEMBA, Mozambique - The Velor Front entered the town of Memra and seized its police station."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra police station"))
    }

    @Test func itsBaseIsTheGroups() {
        let text = "PEMBA, Mozambique - The Velor Front entered the town of Memra and left its base at Kora."
        #expect(!Fixture.facts(text).contains { $0.o.hasPrefix("Memra base") })
    }
}

/// People "forced from their homes in and around X" fled X.
@Suite struct FledHomesTests {
    @Test func forcedFromTheirHomes() {
        let text = "The United Nations said more than 2,000 people had been forced from their homes in and around Tripoli."
        #expect(Fixture.facts(text).contains { $0.s == "2,000 people" && $0.r == "fledFrom" && $0.o == "Tripoli" })
    }
}

/// Whose deed it is: the commander of a unit is not the unit; a pronoun kg cannot resolve is not the
/// sentence's subject.
@Suite struct DoerTests {
    @Test func theCommanderOfAUnitSurrendersNotTheUnit() {
        let text = "PEMBA, Mozambique - The commander of the Velor Front's 5th Brigade surrendered to the Kora Defence Force on Monday."
        #expect(!Fixture.facts(text).contains { $0.r == "surrenderedTo" && $0.s == "5th Brigade" })
        #expect(Fixture.has(text, "5th Brigade", "partOf", "Velor Front"))
    }

    @Test func anAccusedPronounIsNotTheAccuser() {
        let text = "PEMBA, Mozambique - The Velor Front accuses them of attacking the town of Dalmo."
        #expect(!Fixture.has(text, "Velor Front", "attacked", "Dalmo"))
    }

    @Test func theSpeakersItIsTheSpeaker() {
        let text = "PEMBA, Mozambique - The Velor Front said it had attacked the town of Dalmo."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Dalmo"))
    }
}

/// "the two forces", "their fighters" after a sentence whose subject (or passive agent) was a list of
/// actors: each of them.
@Suite struct PluralReferenceTests {
    @Test func theTwoForcesAreTheListBefore() {
        let text = "PEMBA, Mozambique - The Velor Front and the Kora Army retook the town of Memra on Friday. "
            + "Twelve days later the two forces seized the town of Dalmo."
        #expect(Fixture.has(text, "Velor Front", "captured", "Dalmo"))
        #expect(Fixture.has(text, "Kora Army", "captured", "Dalmo"))
    }

    @Test func theirAfterAPassiveAgentList() {
        let text = "PEMBA, Mozambique - The campaign was launched by the Velor Front and its allies: the Kora Army and the Dalmo Front. "
            + "Their fighters struck army outposts in Vesh."
        for actor in ["Velor Front", "Kora Army", "Dalmo Front"] {
            #expect(Fixture.has(text, actor, "attacked", "Vesh"), "\(actor)")
        }
    }

    @Test func aListInARelativeClauseIsNotTheSubject() {
        let text = "PEMBA, Mozambique - The Velor Alliance, which groups the Kora Army and the Dalmo Front, launched a campaign. "
            + "They now hold the town of Vesh."
        #expect(Fixture.has(text, "Velor Alliance", "controls", "Vesh"))
        #expect(!Fixture.has(text, "Kora Army", "controls", "Vesh"))
    }

    @Test func theTwoForcesMustCountTheList() {
        let text = "PEMBA, Mozambique - The Velor Front, the Kora Army and the Dalmo Front retook the town of Memra. "
            + "Later the two forces seized the town of Vesh."
        #expect(!Fixture.has(text, "Dalmo Front", "captured", "Vesh"))
    }
}

/// "Azerbaijan said its army had taken X": "its army" after a country is that country's force.
@Suite struct CountrysForceTests {
    @Test func itsArmyAfterACountry() {
        let text = "BAKU, Azerbaijan - Azerbaijan said its army had taken the town of Memra."
        #expect(Fixture.has(text, "Azerbaijani army", "captured", "Memra"))
    }

    @Test func notPastAnotherActor() {
        let text = "BAKU, Azerbaijan - Azerbaijan said the Velor Front and its army had taken the town of Memra."
        #expect(!Fixture.has(text, "Azerbaijani army", "captured", "Memra"))
    }
}

/// "overnight" in a report is the night before its publication, dated by that evening.
@Suite struct OvernightTests {
    @Test func overnightIsTheDayBeforePublication() {
        let text = "KANDAHAR, Afghanistan - The Velor Front took control of the town of Memra overnight, officials said."
        let t = Fixture.facts(text, published: "2021-08-13").first { $0.r == "captured" && $0.o == "Memra" }?.a.time
        #expect(t?.date == PartialDate(iso: "2021-08-12"))
    }
}

/// "It is the administrative centre of X": "it" described as a place is the town the sentence before was about.
@Suite struct DescribedPlaceTests {
    @Test func itIsTheAdministrativeCentre() {
        let text = "The Velor Front has besieged Memra since December. It is the administrative centre of Dalmo District "
            + "and the largest town in Kora State."
        #expect(Fixture.has(text, "Memra", "partOf", "Dalmo District"))
        #expect(!Fixture.facts(text).contains { $0.s == "Velor Front" && ["partOf", "locatedIn"].contains($0.r) })
    }
}

/// "the Afghan National Defence and Security Forces (ANDSF)": a long form spelled by its bracketed acronym
/// is one name over the function words and known names inside it.
@Suite struct AcronymLongFormTests {
    static func entities(_ text: String) -> [(label: String, cls: String)] {
        Fixture.extractor.extract(Fixture.article(text)).entities.map { ($0.label, $0.classIRI) }
    }

    @Test func aLongFormWithAndIsOneNameAndItsAcronymTheSame() {
        let text = "PEMBA, Mozambique - The Kora Defence and Security Forces (KDSF) seized the town of Memra on Monday. "
            + "On Tuesday the KDSF took the town of Vesh."
        #expect(Fixture.has(text, "Kora Defence and Security Forces", "captured", "Memra"))
        #expect(Fixture.has(text, "Kora Defence and Security Forces", "captured", "Vesh"))
    }

    @Test func aKnownNameInsideALongForm() {
        let text = "The United Nations Support Mission in Kora (UNSMK) said the talks would resume."
        #expect(Self.entities(text).contains { $0.label == "United Nations Support Mission in Kora" })
    }

    @Test func aCountrysLongFormIsItsStateForce() {
        let text = "KABUL, Afghanistan - The Afghan National Defence and Security Forces (ANDSF) held the airport."
        #expect(Self.entities(text).contains { $0.label == "Afghan National Defence and Security Forces" && $0.cls.hasSuffix("#StateForce") })
    }

    @Test func lettersThatDoNotSpellTheAcronymAreNoLongForm() {
        let text = "PEMBA, Mozambique - The Kora Defence and Security Forces (FDS) seized the town of Memra."
        #expect(!Self.entities(text).contains { $0.label == "Kora Defence and Security Forces" })
    }
}

/// "the Kurdistan Region Security Council" named first in an article: a new place's name opening an
/// organisation's name is part of it.
@Suite struct PlaceNamedOrganisationTests {
    @Test func theFirstMentionIsTheOrganisation() {
        let text = "The Kurdistan Region Security Council said the Velor Front had retreated."
        #expect(AcronymLongFormTests.entities(text).contains { $0.label == "Kurdistan Region Security Council" })
    }
}

/// Persons typed by what is said of them: a verb of speech after an auxiliary, an office before the
/// name, an apposition with a role; "House of Representatives" is one name; a place's name before a noun
/// for its parliament is not what the role is of.
@Suite struct PersonInAppositionTests {
    static func cls(_ text: String, _ label: String) -> String? {
        AcronymLongFormTests.entities(text).first { $0.label == label }?.cls
    }

    @Test func aVerbOfSpeechAfterAnAuxiliary() {
        #expect(Self.cls("Arno Velan had said earlier that the town was calm.", "Arno Velan")?.hasSuffix("#Person") == true)
    }

    @Test func anOfficeBeforeTheName() {
        #expect(Self.cls("Acting interior minister Arno Velan denied the report.", "Arno Velan")?.hasSuffix("#Person") == true)
        #expect(Self.cls("The party named its defence minister, Arno Velan, in May.", "Arno Velan")?.hasSuffix("#Person") == true)
    }

    @Test func anAppositionWithARole() {
        #expect(Self.cls("Arno Velan, a spokesman for the governor, denied the report.", "Arno Velan")?.hasSuffix("#Person") == true)
        #expect(Self.cls("Arno Velan, the town's oldest market, was burned.", "Arno Velan")?.hasSuffix("#Person") != true)
    }

    @Test func theSpeakerOfTheHouse() {
        let text = "Arno Velan, the speaker of the House of Representatives, called for a ceasefire."
        #expect(Fixture.has(text, "Arno Velan", "leaderOf", "House of Representatives"))
    }

    @Test func aPlaceBeforeItsParliamentIsNotWhatTheRoleIsOf() {
        let text = "Arno Velan, the speaker of the Vorland parliament, called for a ceasefire."
        #expect(!Fixture.facts(text).contains { $0.s == "Arno Velan" && $0.r == "leaderOf" && $0.o == "Vorland" })
    }
}

/// "X, the Velor Front's spokesman, said his forces had taken Y": a person's forces are the actor the person
/// speaks for or leads; "they" right after such a person's verb of speech is that actor too.
@Suite struct SpeakersSideTests {
    @Test func hisForcesAfterASpokesmansApposition() {
        let text = "PEMBA, Mozambique - Arno Velan, the Velor Front's spokesman, said his forces had taken the town of Memra."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
    }

    @Test func hisForcesAfterALeaderNamedBefore() {
        let text = "PEMBA, Mozambique - The Velor Front is led by Arno Velan. On Monday Velan said his fighters had taken the town of Memra."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
    }

    @Test func theyAfterASpokesmansVerbOfSpeech() {
        let text = "PEMBA, Mozambique - The Kora Army shelled the town. Arno Velan, the spokesman for the Velor Front, "
            + "says they have seized the town of Memra."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
        #expect(!Fixture.has(text, "Kora Army", "captured", "Memra"))
    }

    @Test func hisForcesOfAPersonWithNoSideSaidAreNobody() {
        let text = "PEMBA, Mozambique - Arno Velan said his forces had taken the town of Memra."
        #expect(!Fixture.facts(text).contains { $0.r == "captured" })
    }
}

/// "A and the nearby village of B", "A, along with neighbouring towns such as B", "A, including B": the words
/// that describe a conjunct, and "including"/"such as"/"along with", keep one list.
@Suite struct DescribedConjunctTests {
    @Test func theNearbyVillageOf() {
        let text = "PEMBA, Mozambique - The Velor Front took the town of Memra and the nearby village of Vesh."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
        #expect(Fixture.has(text, "Velor Front", "captured", "Vesh"))
    }

    @Test func neighbouringTownsSuchAs() {
        let text = "PEMBA, Mozambique - The Velor Front seized the town of Memra, along with neighbouring towns such as Vesh and Dalmo."
        #expect(Fixture.has(text, "Velor Front", "captured", "Vesh"))
        #expect(Fixture.has(text, "Velor Front", "captured", "Dalmo"))
    }

    @Test func aPlaceLiesInOnePlaceNotInAList() {
        let text = "PEMBA, Mozambique - People fleeing the town of Memra have arrived in Vesh, Dalmo and Kora, "
            + "and 800 more arrived from Memra in Vesh, Dalmo and Kora on Monday."
        #expect(!Fixture.facts(text).contains { $0.s == "Memra" && $0.r == "locatedIn" })
    }

    @Test func otherWordsStillEndTheList() {
        let text = "PEMBA, Mozambique - The Velor Front took the town of Memra and the army's trucks in Vesh."
        #expect(!Fixture.has(text, "Velor Front", "captured", "Vesh"))
    }
}

/// "evacuated 200 teachers and their families from the grounds of X": the place after "from" in the clause
/// of a rescue is where the rescued were taken from (`kg:sourceRelation`); "who had been trapped in X" too.
@Suite struct RescueSourceTests {
    @Test func fromLaterInTheClause() {
        let text = "PEMBA, Mozambique - The Velor Front evacuated about 200 teachers and their families from the grounds of Memra University."
        #expect(Fixture.has(text, "200 teachers", "rescuedFrom", "Memra University"))
    }

    @Test func trappedIn() {
        let text = "PEMBA, Mozambique - The Velor Front evacuated about 400 residents who had been trapped in the town of Memra."
        #expect(Fixture.has(text, "400 residents", "rescuedFrom", "Memra"))
    }

    @Test func notFromAnotherClause() {
        let text = "PEMBA, Mozambique - The Velor Front evacuated 200 residents, and more troops arrived from the town of Vesh."
        #expect(!Fixture.facts(text).contains { $0.r == "rescuedFrom" && $0.o == "Vesh" })
    }
}

/// "its assault on the Velor-held town of Memra": a name glued to a participle modifies the noun after it
/// and is no object; "held by Velor-aligned forces" are the Velor's forces.
@Suite struct CompoundModifierObjectTests {
    @Test func theModifierIsNotAttacked() {
        let text = "PEMBA, Mozambique - The Kora Army pressed its assault on the Velor-held town of Memra."
        #expect(Fixture.has(text, "Kora Army", "attacked", "Memra"))
        #expect(!Fixture.has(text, "Kora Army", "attacked", "Velor"))
    }

    @Test func aModifierBeforeItsOwnForcesIsTheAgent() {
        let text = "PEMBA, Mozambique - In May the Kora Army took Memra, which had been held by Velor Front-aligned forces since 2016."
        #expect(Fixture.has(text, "Velor Front", "controls", "Memra"))
    }
}

/// "reaffirming Azerbaijani control of the city", "the Velor Front's control of X", "declared the whole of X
/// free of Y": control said as a noun; a demonym before "control" names its country.
@Suite struct NominalControlTests {
    @Test func aDemonymsControlOf() {
        let text = "BAKU, Azerbaijan - The flag was raised in the town of Memra in a ceremony reaffirming Azerbaijani control of the town."
        #expect(Fixture.has(text, "Azerbaijan", "controls", "Memra"))
    }

    @Test func anActorsControlOf() {
        let text = "PEMBA, Mozambique - The Velor Front's control of the town of Memra was complete by Friday."
        #expect(Fixture.has(text, "Velor Front", "controls", "Memra"))
    }

    @Test func declaredFreeOf() {
        let text = "PEMBA, Mozambique - The Velor Front declared the whole of Memra District free of the Kora Army."
        #expect(Fixture.has(text, "Velor Front", "controls", "Memra District"))
    }

    @Test func aFightForControlIsNoControl() {
        let text = "PEMBA, Mozambique - The Velor Front and the Kora Army fought for control of the town of Memra."
        #expect(!Fixture.facts(text).contains { $0.r == "controls" })
    }
}

/// "Conflict brief – Resistance takes X": a word the article also writes in lower case is an ordinary word
/// where a sentence or a dash opens it; a name written once after a dateline's dash is still a name.
@Suite struct DashOpensAClauseTests {
    @Test func aCommonWordAfterADashIsNoName() {
        let text = "PEMBA, Mozambique \u{2013} Resistance forces said they had taken the town of Memra. "
            + "Resistance units then ambushed a column near the town of Vesh, where 20 resistance fighters died."
        #expect(!AcronymLongFormTests.entities(text).contains { $0.label == "Resistance" })
    }

    @Test func aNameAfterADatelinesDash() {
        let text = "MAPUTO, Aug 12 (Reuters) - Velor insurgents have captured the town of Memra."
        #expect(Fixture.has(text, "Velor", "captured", "Memra"))
    }
}

/// "X is being held by the group": a person held is detained, not a place held.
@Suite struct BeingHeldTests {
    @Test func aPersonBeingHeldIsNotControlled() {
        let text = "PEMBA, Mozambique - Arno Velan, a former governor known as the Lion of Memra, is being held by the Velor Front in the town of Memra."
        #expect(!Fixture.facts(text).contains { $0.r == "controls" && $0.o == "Arno Velan" })
    }

    @Test func aTownHeldByAnActorStillIs() {
        let text = "PEMBA, Mozambique - The town of Memra, held by the Velor Front since May, was quiet on Monday."
        #expect(Fixture.has(text, "Velor Front", "controls", "Memra"))
    }
}

/// "the battalion": among the recent units, one so called — not another kind of unit named last.
@Suite struct UnitSoCalledTests {
    @Test func theBattalionIsTheBattalion() {
        let text = "PEMBA, Mozambique - Infantry Battalion 12 held the town of Memra. Column 3 of the Velor Front reached the town "
            + "on Monday. On Tuesday the battalion surrendered to the Velor Front."
        #expect(Fixture.has(text, "Infantry Battalion 12", "surrenderedTo", "Velor Front"))
        #expect(!Fixture.has(text, "Column 3", "surrenderedTo", "Velor Front"))
    }
}

/// "The Mission" after "the Velor Mission in Kora (VMK)": a capitalised head word after "the" refers to the
/// recent entity whose name holds it; "It" then stands for that entity.
@Suite struct NamedHeadReferenceTests {
    @Test func theMissionIsTheNamedMission() {
        let text = "PEMBA, Mozambique - The Velor Mission in Kora (VMK) was set up by the Velor Union in June. "
            + "The Mission, the standby force of the Union, began deploying in July. It is made up of personnel from Angola and Tanzania."
        #expect(Fixture.has(text, "Angola", "memberOf", "Velor Mission in Kora"))
        #expect(!Fixture.has(text, "Angola", "memberOf", "Velor Union"))
    }
}

/// "had left the country": in an article clearly about one country (its demonym counts), that country — not
/// the last country named; "the country's second city" is left to describe a place.
@Suite struct TheCountryTests {
    @Test func theCountryTheArticleIsAbout() {
        let text = "Afghan forces abandoned the town of Memra on Monday. Afghan officials said the army was in retreat, "
            + "and Afghan police left their posts. Tajikistan said it had closed its border. By evening Arno Velan, "
            + "the Afghan president, had left the country."
        #expect(Fixture.has(text, "Arno Velan", "fledFrom", "Afghanistan"))
        #expect(!Fixture.has(text, "Arno Velan", "fledFrom", "Tajikistan"))
    }
}

/// "A and B retook the base, and a commander said the joint forces were in control of it": the pair named
/// earlier in the same sentence.
@Suite struct JointForcesInTheSentenceTests {
    @Test func theJointForcesAreThePair() {
        let text = "PEMBA, Mozambique - The Velor Front and the Kora Army retook the town of Memra on Monday, and a commander "
            + "said the joint forces were in full control of it."
        #expect(Fixture.has(text, "Velor Front", "controls", "Memra"))
        #expect(Fixture.has(text, "Kora Army", "controls", "Memra"))
    }
}

/// "the Somali National Army (SNA)" in an article about Somalia: not the ontology's Syrian SNA (a
/// bracketed acronym after another long form names no country, and no new entity takes an out-of-scope
/// entity's IRI); a demonym opening an armed force's name makes it that country's state force.
@Suite struct AcronymOfAnotherWarTests {
    @Test func anotherWarsAcronymIsAnotherEntity() {
        let text = "MOGADISHU, Somalia - The prime minister congratulated the Somali National Army (SNA) on the capture "
            + "of the town of Memra. The SNA then moved on to the town of Vesh."
        let result = Fixture.extractor.extract(Fixture.article(text))
        let sna = result.entities.first { $0.label == "Somali National Army" }
        #expect(sna?.classIRI.hasSuffix("#StateForce") == true)
        #expect(sna?.id.hasSuffix("/sna") == false)
        #expect(!result.entities.contains { $0.aliases.contains("Syrian National Army") })
    }
}

/// "the district" refers back to a district as "the township" does.
@Suite struct TheDistrictTests {
    @Test func theDistrictIsTheDistrictNamedBefore() {
        let text = "PEMBA, Mozambique - The Velor Front entered Memra District on Monday. Some 2,000 residents fled the district."
        #expect(Fixture.has(text, "2,000 residents", "fledFrom", "Memra District"))
    }
}

/// "the Velor hotel on the outskirts of the town", "Memra prison on the north-western edge of the city":
/// a facility on a town's edge lies in it.
@Suite struct FacilityOnTheEdgeTests {
    @Test func onTheOutskirtsOf() {
        let text = "PEMBA, Mozambique - Fighting reached the town of Memra on Monday. Guests sheltered in the Velor hotel on the outskirts of Memra."
        #expect(Fixture.has(text, "Velor hotel", "locatedIn", "Memra"))
    }

    @Test func onTheEdgeOf() {
        let text = "PEMBA, Mozambique - Gunmen freed inmates from Memra prison on the north-western edge of Vesh on Monday."
        #expect(Fixture.has(text, "Memra prison", "locatedIn", "Vesh"))
    }
}

/// "X said it had helped the Kora Army to retake control of Y": the helper did the deed too.
@Suite struct HelperDidItTooTests {
    @Test func theHelperAndTheHelped() {
        let text = "PEMBA, Mozambique - The Velor Front said it had helped the Kora Army to retake control of the town of Vesh."
        #expect(Fixture.has(text, "Kora Army", "captured", "Vesh"))
        #expect(Fixture.has(text, "Velor Front", "captured", "Vesh"))
    }

    @Test func anotherVerbIsNoHelp() {
        let text = "PEMBA, Mozambique - The Velor Front said it had watched the Kora Army retake control of the town of Vesh."
        #expect(!Fixture.has(text, "Velor Front", "captured", "Vesh"))
    }
}

/// Given names from real data (`Ontology/names/names.tsv`): a new name opening with one is a person's
/// unless what is said of it makes it a place, and "she" stands for no man the list knows.
@Suite struct GivenNameTests {
    @Test func sheIsTheWomanNotTheManNamedFirst() {
        let text = "MAIDUGURI, Nigeria - The Velor Front abducted Goodluck Abeni and Lydia Sumani from a school in March. "
            + "In May she escaped from the town of Memra, where the group had held them."
        let fled = Fixture.facts(text, published: "2024-05-20").filter { $0.r == "fledFrom" }
        #expect(fled.map(\.s) == ["Lydia Sumani"])
    }

    @Test func aNameNothingElseTypesIsAPersons() {
        let text = "MAIDUGURI, Nigeria - The Velor Front abducted Amina Sumani Kolo in March and took her to the town of Memra."
        let result = Fixture.extractor.extract(Fixture.article(text))
        #expect(result.entities.first { $0.label == "Amina Sumani Kolo" }?.classIRI.hasSuffix("#Person") == true)
    }

    @Test func whatIsSaidOfANameStillMakesItAPlace() {
        let text = "MOGADISHU, Somalia - The Velor Front captured Adan Yabaal on Monday after a day of fighting."
        #expect(Fixture.has(text, "Velor Front", "captured", "Adan Yabaal"))
    }

    @Test func theListIsReadWithItsErrorsLocated() throws {
        let names = try GivenNames(text: "# comment\nAmina\tf\nAdan\tm\nSai\tfm\n")
        #expect(names.use(of: "Amina") == .women)
        #expect(names.use(of: "Sai") == [.women, .men])
        #expect(names.use(of: "Memra") == nil)
        #expect(throws: OntologyError.self) { try GivenNames(text: "Amina\tf\nAdan\tx\n", file: "n.tsv") }
        do { _ = try GivenNames(text: "Amina\tf\nAdan\tx\n", file: "n.tsv"); Issue.record("no error") } catch {
            #expect("\(error)".hasPrefix("n.tsv:2:"))
        }
    }

    @Test func theBuiltInOntologyHasTheList() {
        #expect(Fixture.ontology.givenNames.count > 20_000)
        #expect(Fixture.ontology.givenNames.use(of: "Lydia") == .women)
    }
}

/// Constructions of Nigerian and British military English: local government areas, units numbered by a
/// cardinal, "whose founder X", capitalised offices of several words, "comprising troops from", a rescue
/// "in" a place. Sentences are our own; the actors and places are invented, countries real.
@Suite struct MilitaryEnglishTests {
    static let dateline = "MAIDUGURI, Nigeria - "

    @Test func aLocalGovernmentAreaOfAState() {
        let text = Self.dateline + "Nigerian troops rescued 16 pupils in Memra Local Government Area of Sokoto State on Thursday."
        #expect(Fixture.has(text, "Memra Local Government Area", "locatedIn", "Sokoto State"))
        #expect(Fixture.has(text, "16 pupils", "rescuedFrom", "Memra Local Government Area"))
    }

    @Test func aUnitNumberedByACardinal() {
        let text = Self.dateline + "Troops of the army's 82 Division rescued 16 pupils on Thursday."
        #expect(Fixture.has(text, "82 Division", "partOf", "Nigerian army"))
        #expect(Fixture.has(text, "82 Division", "rescued", "16 pupils"))
    }

    @Test func whoseFounderLedTheGroup() {
        let text = Self.dateline + "The Velor Front, whose founder Arno Velan died in police custody in 2009, denied the report."
        #expect(Fixture.has(text, "Arno Velan", "leaderOf", "Velor Front"))
    }

    @Test func aCapitalisedOfficeOfSeveralWordsNamesNoOne() {
        let text = Self.dateline + "The General Officer Commanding 3 Division, Major General Tunde Okafor, said the pupils were safe."
        let labels = Set(Fixture.extractor.extract(Fixture.article(text)).entities.map(\.label))
        #expect(!labels.contains("Officer Commanding"))
        #expect(labels.contains("3 Division"))
    }

    @Test func aForceComprisingTroopsFromCountries() {
        let text = Self.dateline + "The Lake Velor Task Force, comprising troops from Chad, Niger and Cameroon, is also operating around the lake."
        let members = Set(Fixture.facts(text).filter { $0.r == "memberOf" && $0.o == "Lake Velor Task Force" }.map(\.s))
        #expect(members == ["Chad", "Niger", "Cameroon"])
    }

    @Test func aTwoWordNameInAppositionWithAPlaceNoun() {
        let text = Self.dateline + "Gunmen attacked Arno Velan, the town's oldest market, on Monday."
        let cls = Fixture.extractor.extract(Fixture.article(text)).entities.first { $0.label == "Arno Velan" }?.classIRI
        #expect(cls?.hasSuffix("#Facility") == true)
    }
}

/// A statement's "our forces" and "we" stand for its issuer, named in its title or letterhead; a role is of
/// one thing and belongs to the name after it; a subject pronoun after ", and" opens a clause; a place inside
/// an apposition is not what the verb after it says fell.
@Suite struct StatementAndApposition {
    static let dateline = "PEMBA, Mozambique - "

    @Test func ourForcesAreTheIssuers() {
        let text = "Velor Front statement on the liberation of Memra. On Sunday our valiant forces took full control of the town of Memra."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
    }

    @Test func ourForcesInsideAQuoteAreNotTheIssuers() {
        let text = "Velor Front statement on the fighting around Memra. \"Our forces took the town of Memra,\" an officer of the Zorvat Army said."
        #expect(!Fixture.has(text, "Velor Front", "captured", "Memra"))
    }

    @Test func withoutAStatementOurIsNobodys() {
        let text = Self.dateline + "The Velor Front attacked Beled. On Sunday our forces took the town of Memra, a resident said."
        #expect(!Fixture.has(text, "Velor Front", "captured", "Memra"))
    }

    @Test func aRoleIsOfOneThing() {
        let text = Self.dateline + "Officials said only Memra, the capital of Vorland Province, Beled and Sumri remain in the hands of the army."
        let partOf = Fixture.facts(text).filter { $0.s == "Memra" && $0.r == "partOf" }.map(\.o)
        #expect(partOf == ["Vorland Province"])
    }

    @Test func aRoleBetweenCommasBeforeANameIsThatNames() {
        let text = Self.dateline + "The coordinator of the Velor Front, Mr Arno Velan, the president of the Zorvat Movement, "
            + "Mr Tunde Okafor, and its commander thanked the population."
        #expect(!Fixture.has(text, "Arno Velan", "leaderOf", "Zorvat Movement"))
    }

    @Test func aSubjectPronounAfterAndIsNoConjunct() {
        let text = Self.dateline + "The Velor Front is a member of the Lake Alliance together with the Zorvat Movement and the Beled Front, "
            + "and it is the armed wing of the Velor League."
        let wings = Set(Fixture.facts(text).filter { $0.r == "partOf" && $0.o == "Velor League" }.map(\.s))
        #expect(wings == ["Velor Front"])
    }

    @Test func aPlaceInsideAnAppositionDidNotFall() {
        let text = Self.dateline + "The Velor Front captured the town of Beled on Monday and attacked the town of Memra. "
            + "Memra, about 120 km northeast of the provincial capital Pemba, fell on Tuesday."
        let taken = Set(Fixture.facts(text).filter { $0.s == "Velor Front" && $0.r == "captured" }.map(\.o))
        #expect(taken.contains("Memra"))
        #expect(!taken.contains("Pemba"))
    }
}

/// What a quoted speaker says of "our" side, holding under quotes and degree words, and an object "it"
/// that does not jump past a name the sentence's own verb took.
@Suite struct QuotedSpeakerTests {
    @Test func ourInsideQuotesIsTheSpeakingPersonsSide() {
        let text = "PEMBA, Mozambique - Velor Front spokesman Joao Tembe said the town of Memra was \"under our full control\"."
        #expect(Fixture.has(text, "Velor Front", "controls", "Memra"))
    }

    @Test func ourInsideQuotesBeforeTheSpeakerNamedAfterThem() {
        let text = "PEMBA, Mozambique - The Velor Front seized the town of Memra on Monday. "
            + "\"Our forces now hold the town,\" the Velor Front said in a message."
        #expect(Fixture.has(text, "Velor Front", "controls", "Memra"))
    }

    @Test func ourOfAnUnnamedSpeakerIsNoOne() {
        let text = "PEMBA, Mozambique - \"The town of Memra is under our control,\" a resident said."
        #expect(!Fixture.facts(text).contains { $0.r == "controls" })
    }

    @Test func ourOutsideQuotesIsNotTheSpeakers() {
        let text = "PEMBA, Mozambique - Velor Front spokesman Joao Tembe spoke to reporters. Our correspondent said the town of Memra was calm."
        #expect(!Fixture.facts(text).contains { $0.r == "controls" })
    }

    @Test func aWordOfDegreeBeforeControl() {
        let text = "PEMBA, Mozambique - The town of Memra is under Velor Front complete control."
        #expect(Fixture.has(text, "Velor Front", "controls", "Memra"))
    }

    @Test func aBracketedNameBeforeTheDatelineDashIsTheOutlet() {
        let text = "PEMBA, May 4 (Coastal Wire Service) - A warplane bombed Kalumbe, the only airport in the province, on Monday."
        #expect(!Fixture.facts(text).contains { $0.s == "Coastal Wire Service" })
    }

    @Test func anObjectItDoesNotSkipANameTheVerbTook() {
        let text = "PEMBA, Mozambique - The army held the town of Memra on Monday. "
            + "The Velor Front also seized Kalumbe, a crossing on the border with Tanzania, and took control of it."
        #expect(!Fixture.has(text, "Velor Front", "controls", "Memra"))
        #expect(!Fixture.has(text, "Velor Front", "captured", "Memra"))
        #expect(Fixture.has(text, "Velor Front", "controls", "Kalumbe"))
    }
}

/// Names as translated and plural reporting writes them: an acronym of the original language, a group's
/// plural, a nickname in quotes, a place before an ambiguous follower noun, "the X group".
@Suite struct ForeignNameTests {
    @Test func aTranslatedNameKeepsItsOwnAcronym() {
        let text = "BAMAKO, Mali - The National Front for the Defence of Velor (FNDV) seized the town of Anefis on Monday. "
            + "FNDV fighters also hold the town of Tarkint."
        #expect(Fixture.has(text, "National Front for the Defence of Velor", "captured", "Anefis"))
        #expect(Fixture.has(text, "National Front for the Defence of Velor", "controls", "Tarkint"))
    }

    @Test func aCountrysForcesNamedBeforeTheirAcronymAreItsForces() {
        let text = "PEMBA, Mozambique - The Defence and Security Forces (FDS) of Mozambique retook the town of Memra on Monday. "
            + "The insurgents had held the town since March."
        #expect(Fixture.has(text, "Defence and Security Forces", "captured", "Memra"))
        #expect(!Fixture.facts(text).contains { $0.s == "Defence and Security Forces" && $0.r == "controls" })
    }

    @Test func aGroupAndItsPluralAreOne() {
        let text = "ADEN, Yemen - Velori fighters seized the district of Harib on Sunday. The Veloris said they also hold the town of Juba."
        let subjects = Set(Fixture.facts(text).filter { ["captured", "controls"].contains($0.r) }.map(\.s))
        #expect(subjects.count == 1)
    }

    @Test func aNicknameInQuotesIsPartOfThePersonsName() {
        let text = "PORT-AU-PRINCE, Haiti - The Velor Liberation Front is led by Jean \"Tiger\" Mondesir, a former police officer."
        let facts = Fixture.facts(text).filter { $0.r == "leaderOf" }
        #expect(facts.contains { $0.s == "Jean Mondesir" })
        #expect(!facts.contains { $0.s.contains("Tiger") })
    }

    @Test func aPlaceBeforeOffensiveIsNoActor() {
        let text = "ADEN, Yemen - Fighting intensified as the Marib offensive entered its second month. "
            + "The rebels shelled the district of Harib on Sunday."
        #expect(!Fixture.facts(text).contains { $0.s == "Marib" })
    }

    @Test func theNameBeforeGroupIsAGroup() {
        let text = "KYIV, Ukraine - Petro Halenko, a spokesman for the Velor group, said the brigade held the village of Orlivka."
        #expect(Fixture.has(text, "Petro Halenko", "spokespersonOf", "Velor"))
    }
}

/// Leaving and holding as wire copy tells them of a country's side: expulsions in the passive, "it" after
/// "from", generic names of a government's forces, and clauses that look like lists.
@Suite struct GovernmentSideTests {
    @Test func aForceChasedOutOfAPlaceLeftIt() {
        let text = "BAMAKO, Mali - The town of Anefis had been held by the rebels since 2014, when the Malian army was chased out of it."
        #expect(Fixture.has(text, "Malian army", "fledFrom", "Anefis"))
    }

    @Test func itAfterFromIsThePlaceLeft() {
        let text = "KYIV, Ukraine - Russian troops captured the village of Orlivka. A spokesman said the 47th Brigade had withdrawn from it to hold a new line."
        #expect(Fixture.has(text, "47th Brigade", "fledFrom", "Orlivka"))
        #expect(!Fixture.facts(text).contains { $0.r == "fledFrom" && $0.o != "Orlivka" })
    }

    @Test func governmentUnitsAreTheCountrysForces() {
        let text = "ADEN, Yemen - Government units withdrew from the district of Bayhan without a fight."
        #expect(Fixture.facts(text).contains { $0.r == "fledFrom" && $0.o == "Bayhan" && $0.s.lowercased().contains("government") })
    }

    @Test func inGovernmentHandsIsTheGovernments() {
        let text = "ADEN, Yemen - The city of Marib remains in government hands, officials said."
        #expect(Fixture.facts(text).contains { $0.r == "controls" && $0.o == "Marib" && $0.s.lowercased().contains("government") })
    }

    @Test func aCommaAndBeforeANameWithAVerbOpensAClause() {
        let text = "PORT-AU-PRINCE, Haiti - The Velor Liberation Front stormed the Central Prison, and more than 400 inmates escaped."
        #expect(!Fixture.facts(text).contains { $0.r == "attacked" && $0.o.contains("inmates") })
    }

    @Test func aForceWordBeforeTwoWordsOfAPlaceNounModifiesThem() {
        let text = "PEMBA, Mozambique - The Velor Front started to attack the military council camps in Memra, "
            + "together with the allied forces of the Kora Defence Army."
        #expect(Fixture.has(text, "Velor Front", "alliedWith", "Kora Defence Army"))
        #expect(!Fixture.facts(text).contains { $0.r == "alliedWith" && $0.s != "Velor Front" })
    }

    @Test func aForceWordBeforeAFacilityModifiesIt() {
        let text = "BAMAKO, Mali - The Velor Front attacked the military camp of Bourem on Tuesday."
        #expect(!Fixture.facts(text).contains { $0.r == "attacked" && ($0.o.contains("military") || $0.o.contains("army")) })
    }

    @Test func theMovementIsTheGroupNamedBefore() {
        let text = "ADEN, Yemen - The Velori movement seized Sanaa in 2014. The movement, led by Abdul-Malik al-Velori, later took Aden."
        #expect(Fixture.has(text, "Abdul-Malik al-Velori", "leaderOf", "Velori"))
    }

    @Test func theJihadistsOfANamedGroupAreThatGroup() {
        let text = "BAMAKO, Mali - The Velor Front attacked the town of Anefis. In parallel, the jihadists of the Group for "
            + "the Support of Islam attacked the town of Timbuktu."
        #expect(!Fixture.facts(text).contains { $0.s == "Velor Front" && $0.o == "Timbuktu" })
    }

    @Test func unnamedTroopsAfterASpeakerAreNotTheSpeaker() {
        let text = "KYIV, Ukraine - Petro Halenko, a spokesman for the Velor group, said troops had also left the village of Orlivka."
        #expect(!Fixture.facts(text).contains { $0.s == "Petro Halenko" && $0.r == "fledFrom" })
    }
}

/// What an alliance is made of, as translated and wire English says it.
@Suite struct AllianceMembershipTests {
    @Test func anAllianceBringsTogetherItsMembersPastAnAdverb() {
        let text = "BAMAKO, Mali - The Velor Alliance brings together notably the Anefis Liberation Front."
        #expect(Fixture.has(text, "Anefis Liberation Front", "memberOf", "Velor Alliance"))
    }

    @Test func aListRepeatsItsPreposition() {
        let text = "BAMAKO, Mali - The Velor Alliance, itself made up of the Anefis Liberation Front and of the Kidal Defence Force, "
            + "rejected the deal."
        #expect(Fixture.has(text, "Anefis Liberation Front", "memberOf", "Velor Alliance"))
        #expect(Fixture.has(text, "Kidal Defence Force", "memberOf", "Velor Alliance"))
    }

    @Test func membersNamedAlongWithAreMembersToo() {
        let text = "BANGKOK - The Velor Front, which belongs to the Northern Alliance along with the Kora Liberation Army "
            + "and the Sanu Army, attacked Lashio."
        let members = Set(Fixture.facts(text).filter { $0.r == "memberOf" && $0.o == "Northern Alliance" }.map(\.s))
        #expect(members == ["Velor Front", "Kora Liberation Army", "Sanu Army"])
        #expect(!Fixture.facts(text).contains { $0.r == "memberOf" && $0.o != "Northern Alliance" })
    }

    @Test func aMissionMadeUpOfContingentsFromCountries() {
        let text = "PORT-AU-PRINCE, Haiti - The Velor Support Mission is made up of contingents from Kenya, Jamaica and Guatemala."
        let members = Set(Fixture.facts(text).filter { $0.r == "memberOf" && $0.o == "Velor Support Mission" }.map(\.s))
        #expect(members == ["Kenya", "Jamaica", "Guatemala"])
    }
}

/// Names joined by a slash, targets named after a possessive, and a country's force word that modifies
/// another noun.
@Suite struct ModifiedNameTests {
    @Test func twoNamesJoinedByASlashAreOneActor() {
        let text = "GOMA, Congo - The AFC/M23 captured the town of Kavumu on Friday. M23 fighters also hold the town of Kalehe."
        let subjects = Set(Fixture.facts(text).filter { ["captured", "controls"].contains($0.r) }.map(\.s))
        #expect(subjects.count == 1)
    }

    @Test func positionsAtAPlaceAreThePlace() {
        let text = "GOMA, Congo - The army said the Velor Front had attacked its positions at Bigega for two days."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Bigega"))
        #expect(!Fixture.facts(text).contains { $0.r == "attacked" && $0.o.lowercased().contains("army") })
    }

    @Test func militaryContractorsAreNotTheForce() {
        let text = "GOMA, Congo - Some 280 Romanian military contractors left the city of Goma for Rwanda on Tuesday."
        #expect(!Fixture.facts(text).contains { $0.s.contains("Romanian") })
    }
}

/// A title-case headline is read as a sentence-case one: its verbs, function words and common words name
/// nothing; the words of names keep their capitals.
@Suite struct TitleCaseHeadlineTests {
    @Test func aTitleCaseHeadlineKeepsItsNamesAndLosesItsVerbs() {
        let text = "Velor Liberation Army Takes Key Town of Memra After Weeks of Fighting\n\n"
            + "PEMBA, Mozambique - Fighting continued on Monday in the province."
        #expect(Fixture.has(text, "Velor Liberation Army", "captured", "Memra"))
        #expect(!Fixture.facts(text).contains { $0.s.contains("Takes") || $0.o.contains("Takes") })
    }

    @Test func commonWordsAfterAVerbAreNoName() {
        let text = "Velor Front Overruns Regime's Northern Command in Kalumbe, Days After Taking Last Junta Base in Memra\n\n"
            + "PEMBA, Mozambique - Fighting continued on Monday in the province."
        let names = Fixture.facts(text).flatMap { [$0.s, $0.o] }
        #expect(!names.contains { $0.contains("Overruns") || $0.contains("Junta Base") || $0.contains("Days") })
        #expect(Fixture.has(text, "Velor Front", "captured", "Northern Command"))
    }

    @Test func aSentenceCaseHeadlineIsLeftAsItIs() {
        let text = "Velor Front takes Memra as the Northern Command falls\n\nPEMBA, Mozambique - Fighting continued on Monday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
    }
}

/// Officialese as translated statements write it: portfolios, a capitalised "Government", full control.
@Suite struct OfficialeseTests {
    @Test func aMinistersPortfolioNamesNothing() {
        let text = "OUAGADOUGOU, Burkina Faso - The Minister of Communication, of Culture and of Tourism, Jean Kabore, "
            + "spokesperson of the Government, said the army repelled the attack."
        let names = Set(Fixture.extractor.extract(Fixture.article(text)).entities.map(\.label))
        #expect(!names.contains("Tourism") && !names.contains("Culture") && !names.contains("Communication"))
        #expect(Fixture.facts(text).contains { $0.s == "Jean Kabore" && $0.r == "spokespersonOf" && $0.o.lowercased().contains("government") })
    }

    @Test func theCapitalisedGovernmentIsTheCountrysGovernment() {
        let text = "OUAGADOUGOU, Burkina Faso - The Government said the army retook the town of Djibo."
        let entities = Fixture.extractor.extract(Fixture.article(text)).entities
        #expect(!entities.contains { $0.label == "the Government" })
        #expect(entities.contains { $0.label == "Burkinabe government" })
    }

    @Test func fullControlTakenIsControl() {
        let text = "KHARTOUM, Sudan - The Velor Front announced that it had taken full control of the town of Bara."
        #expect(Fixture.has(text, "Velor Front", "controls", "Bara"))
    }
}

/// Command and structure of armies as a ministry's statement states them.
@Suite struct CommandStructureTests {
    @Test func theArmyChiefInAppositionLeadsTheArmy() {
        let text = "KHARTOUM, Sudan - General Hamid Osman, the army chief, said the troops had withdrawn."
        #expect(Fixture.facts(text).contains { $0.s == "Hamid Osman" && $0.r == "leaderOf" })
    }

    @Test func aSpokesmanForAPluralsPossessedBody() {
        let text = "DAMASCUS, Syria - The rebels took Hama on Thursday, said Hassan Ghani, a spokesman for the rebels' Velor Operations Command."
        #expect(Fixture.has(text, "Hassan Ghani", "spokespersonOf", "Velor Operations Command"))
    }

    @Test func aUnitBelongsToAnotherAsItsPart() {
        let text = "BOGOTA, Colombia - The 30th Brigade belongs to the Second Division."
        #expect(Fixture.has(text, "30th Brigade", "partOf", "Second Division"))
    }

    @Test func aParticipleAfterACommaIsSaidOfTheNounPhraseBeforeIt() {
        let text = "BOGOTA, Colombia - The 30th Brigade belongs to the Second Division of the National Army, commanded by "
            + "General Mario Pena."
        #expect(Fixture.has(text, "Mario Pena", "leaderOf", "Second Division"))
        #expect(!Fixture.has(text, "Mario Pena", "leaderOf", "30th Brigade"))
    }
}

/// A generic alias of a known entity, qualified by another place's name, is another entity.
@Suite struct QualifiedAliasTests {
    @Test func anotherQualifierBeforeAKnownNameIsAnotherEntity() {
        let text = "MYITKYINA, Myanmar - The Kachin Border Guard Force (BGF) lost its last base on Monday."
        let labels = Fixture.extractor.extract(Fixture.article(text)).entities.map(\.label)
        #expect(labels.contains("Kachin Border Guard Force"))
        #expect(!labels.contains("Kokang Border Guard Force"))
    }
}

@Suite struct ReportedClauseTests {
    @Test func aReportedClauseWithItsOwnSubjectIsNotTheSpeakers() {
        let text = "PEMBA, Mozambique - The Velor Front says more than 2,000 have fled the town of Memra since Sunday."
        #expect(!Fixture.has(text, "Velor Front", "fledFrom", "Memra"))
    }

    @Test func theSpeakersOwnFightersAreTheSpeaker() {
        let text = "PEMBA, Mozambique - The Velor Front said its fighters had seized the town of Memra on Sunday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
    }
}

@Suite struct ActorKindTests {
    @Test func aNameBeforeGangIsACriminalGroup() {
        let text = "PEMBA, Mozambique - The Velor gang is led by Jimmy Tembe, a former police officer."
        #expect(Fixture.has(text, "Jimmy Tembe", "leaderOf", "Velor"))
    }

    @Test func anAppositionNamesTheKindOfActor() {
        #expect(Fixture.has("PEMBA, Mozambique - The Velor Kanu, a rebel group, is led by Jimmy Tembe.", "Jimmy Tembe", "leaderOf", "Velor Kanu"))
        #expect(Fixture.has("PEMBA, Mozambique - Velor Kanu, a powerful gang, is led by Jimmy Tembe.", "Jimmy Tembe", "leaderOf", "Velor Kanu"))
    }

    @Test func aPersonsNameLeadingANameOfUnknownKindMakesItAnActor() {
        let text = "PEMBA, Mozambique - Mohamed Kassim heads the Tamba Sefu, which fought on the border last year."
        #expect(Fixture.has(text, "Mohamed Kassim", "leaderOf", "Tamba Sefu"))
    }

    @Test func aNounAfterOfHeadsNoApposition() {
        let text = "PEMBA, Mozambique - The talks turned to the future of Velor Kanu, the disbanding of its army and the return of refugees."
        let result = Fixture.extractor.extract(Fixture.article(text))
        #expect(result.entities.first { $0.label == "Velor Kanu" }?.classIRI.hasSuffix("#ArmedGroup") == false)
    }
}

@Suite struct NumberedUnitOfAnActorTests {
    @Test func anArticlesActorBeforeAUnitHeadAndNumberNamesTheUnit() {
        let text = "PEMBA, Mozambique - The Velor Border Guard Force (VBGF) ran the district for years. "
            + "On October 21 the Tamba Front took the headquarters of VBGF Battalion 1003, near Kalumbe."
        #expect(Fixture.has(text, "Tamba Front", "captured", "VBGF Battalion 1003"))
    }

    @Test func aKnownActorBeforeAUnitHeadAndNumberNamesTheUnit() {
        let text = "MYITKYINA, Myanmar - On October 21 the KIA took the headquarters of BGF Battalion 1003, near Pangwa."
        #expect(Fixture.has(text, "KIA", "captured", "BGF Battalion 1003"))
    }

    @Test func aCapitalisedReferenceWordBeforeMoreCapitalsIsPartOfAName() {
        let text = "PEMBA, Mozambique - A spokesman for the rebels' Military Operations Command spoke on Monday. "
            + "The Military Operations Command is made up of the Tamba Front and a number of allied factions."
        #expect(Fixture.has(text, "Tamba Front", "memberOf", "Military Operations Command"))
    }
}

@Suite struct OccupationTests {
    @Test func occupiedIsACapture() {
        #expect(Fixture.has("PEMBA, Mozambique - The Velor Front occupied the town of Memra on Monday.", "Velor Front", "captured", "Memra"))
        #expect(Fixture.has("PEMBA, Mozambique - The Velor Front took possession of the town of Memra on Monday.", "Velor Front", "captured", "Memra"))
    }

    @Test func occupiesIsAHolding() {
        #expect(Fixture.has("PEMBA, Mozambique - The Velor Front still occupies the town of Memra.", "Velor Front", "controls", "Memra"))
    }
}

@Suite struct CompassNameTests {
    @Test func aCompassWordBeforeAKnownPlaceNamesAnotherPlace() {
        let text = "KHARTOUM, Sudan - The army refused to give up Darfur for a year and a half. "
            + "Nyala, the capital of South Darfur, has since become the seat of a rival administration."
        #expect(Fixture.has(text, "Nyala", "partOf", "South Darfur"))
        #expect(!Fixture.facts(text).contains { $0.o == "South" })
    }
}

@Suite struct LongTitleTests {
    @Test func theFirstWordOfALongerTitleIsNoName() {
        let text = "OUAGADOUGOU, Burkina Faso - The delegation brought the message of the President of the Transition, "
            + "Head of State, Captain Ibrahim Traore, to the wounded."
        #expect(!Fixture.facts(text).contains { $0.s == "Head" })
    }

    @Test func aDemonymBeforeThePlaceNounOfANamedPlace() {
        let text = "PEMBA, Mozambique - Velor Front rebels have taken the northern Mozambican town of Memra, residents said."
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
    }
}

@Suite struct AppositionLeaderTests {
    @Test func aParticipleAfterAnAppositionsNounIsSaidOfTheName() {
        let text = "PEMBA, Mozambique - The army fought the Tamba Sefu, a militia led by the warlord Mohamed Kassim, near Memra."
        #expect(Fixture.has(text, "Mohamed Kassim", "leaderOf", "Tamba Sefu"))
    }

    @Test func aParticipleAfterANounWithoutAnAppositionIsNotSaidOfANameBefore() {
        let text = "PEMBA, Mozambique - The Tamba Sefu attacked a column led by Mohamed Kassim near Memra."
        #expect(!Fixture.has(text, "Mohamed Kassim", "leaderOf", "Tamba Sefu"))
    }
}

@Suite struct LongAcronymTests {
    @Test func sevenCapitalsInsideASentenceAreAnAcronym() {
        let text = "PEMBA, Mozambique - Amina Kassim, the head of UNMOZAB, said on Monday the mission would stay."
        #expect(Fixture.has(text, "Amina Kassim", "leaderOf", "UNMOZAB"))
    }

    @Test func aWordInCapitalsOpeningALineIsAHeading() {
        let text = "STATEMENT\n\nThe Velor Front captured the town of Memra on Monday."
        #expect(!Fixture.facts(text).contains { $0.s == "STATEMENT" || $0.o == "STATEMENT" })
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
    }
}

@Suite struct WithdrawalWordingTests {
    @Test func aDemonymsUnitsAreItsCountrysForce() {
        let text = "KYIV, Ukraine - The general confirmed that Ukrainian units had withdrawn from Lastochkyne."
        #expect(Fixture.facts(text).contains { $0.r == "withdrewFrom" && $0.o == "Lastochkyne" })
    }

    @Test func withdrawnWithItsTroopsBeforeFrom() {
        let text = "PEMBA, Mozambique - The Velor Front said it had withdrawn its fighters from the town of Memra."
        #expect(Fixture.has(text, "Velor Front", "withdrewFrom", "Memra"))
    }
}

@Suite struct RegainedControlTests {
    @Test func regainedControlStartsAHolding() {
        let text = "PEMBA, Mozambique - The Velor Front regained control of the town of Memra on Tuesday."
        #expect(Fixture.has(text, "Velor Front", "controls", "Memra"))
        #expect(Fixture.has(text, "Velor Front", "captured", "Memra"))
    }

    @Test func peacekeepersOfANamedMissionAreTheMission() {
        let text = "GOMA, DR Congo - About 100 soldiers surrendered to UNMOZAB peacekeepers at their base this morning."
        #expect(Fixture.facts(text).contains { $0.r == "surrenderedTo" && $0.o == "UNMOZAB" })
    }
}

@Suite struct ContinuedHoldingTests {
    @Test func continuesToControl() {
        #expect(Fixture.has("PEMBA, Mozambique - The Velor Front continues to control the town of Memra.", "Velor Front", "controls", "Memra"))
    }

    @Test func aListInAppositionWithAPluralPlaceNounIsTheObjectOfTheClauseAfterIt() {
        let text = "PEMBA, Mozambique - The Velor Front pulled back to Memra, Kalumbe and Ntasa, towns it continues to control."
        for town in ["Memra", "Kalumbe", "Ntasa"] { #expect(Fixture.has(text, "Velor Front", "controls", town)) }
    }
}

@Suite struct RebelSideTests {
    @Test func rebelHeldIsTheRebelsHolding() {
        let text = "GOMA, DR Congo - Velor Front rebels entered Memra on Monday. Residents in rebel-held Memra said the shops were shut."
        #expect(Fixture.facts(text).contains { $0.s == "Velor Front" && $0.r == "controls" && $0.o == "Memra" })
    }

    @Test func inRebelHandsIsTheRebelsHolding() {
        let text = "GOMA, DR Congo - Velor Front rebels seized Memra on Monday. With Memra now in rebel hands, the army fell back."
        #expect(Fixture.has(text, "Velor Front", "controls", "Memra"))
    }

    @Test func aRebelCommanderIsNoHolding() {
        let text = "GOMA, DR Congo - Velor Front rebels attacked Memra on Monday. A rebel commander said the town was calm."
        #expect(!Fixture.facts(text).contains { $0.r == "controls" })
    }
}

@Suite struct JuntaTests {
    @Test func theJuntaIsTheCountrysForceNotTheLastForceNamed() {
        let text = "NIAMEY, Niger - The Border Guard Police took the town of Ayorou on Monday. "
            + "The junta said its troops had also taken the town of Tera."
        let tera = Fixture.facts(text).filter { $0.r == "captured" && $0.o == "Tera" }.map(\.s)
        #expect(tera.count == 1)
        #expect(!tera.contains("Border Guard Police"))
    }
}

@Suite struct BareJuntaTests {
    @Test func juntaBeforeARoleNounIsTheCountrysForce() {
        let text = "NIAMEY, Niger - The Border Guard Police took the town of Ayorou on Monday. "
            + "Junta spokesman Amadou Abdramane said troops had also taken the town of Tera."
        #expect(!Fixture.facts(text).contains { $0.r == "spokespersonOf" && $0.o == "Border Guard Police" })
        #expect(Fixture.facts(text).contains { $0.s == "Amadou Abdramane" && $0.r == "spokespersonOf" })
    }
}
