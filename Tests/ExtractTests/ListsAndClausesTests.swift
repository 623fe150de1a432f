import Extract
import Foundation
import RDF
import Testing

/// Lists of demonyms, copulas before a control phrase, a cue before a list, and the capitals of the
/// ontology's proper names. Sentences are our own; actors are invented, countries and towns real.
@Suite struct CoordinatedDemonymTests {
    @Test func eachDemonymOfAListNamesItsCountrysForce() {
        let text = "MAPUTO, Mozambique - Mozambican and Rwandan troops retook Palma on Sunday."
        #expect(Fixture.has(text, "Rwandan troops", "captured", "Palma"))
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.contains { $0.id.hasSuffix("/mozambique-stateforce") })
        #expect(Fixture.facts(text).filter { $0.r == "captured" && $0.o == "Palma" }.count == 2)
    }

    @Test func aListOfThreeWithASerialComma() {
        let text = "GABORONE, Botswana - Angolan, Botswanan, and South African troops entered Awasse."
        #expect(Fixture.facts(text).filter { $0.r == "captured" && $0.o == "Awasse" }.count == 3)
    }

    @Test func aDemonymBeforeAnotherForcesNameIsNoList() {
        // "Afghan Army Rangers" is a name: the list is not "Pakistani and Afghan" armies
        let text = "KABUL, Afghanistan - Pakistani and Afghan Army Rangers units clashed near Chaman."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(!r.entities.contains { $0.id.hasSuffix("/pakistan-stateforce") })
    }
}

@Suite struct CopulaBeforeControlTests {
    @Test func troopsThatAreInControlOfATown() {
        let text = "PEMBA, Mozambique - The Velor Front fighters are now in control of Palma, residents said."
        #expect(Fixture.has(text, "Velor Front", "controls", "Palma"))
    }

    @Test func remainedInFullControl() {
        let text = "PEMBA, Mozambique - The Velor Front remained in full control of Palma."
        #expect(Fixture.has(text, "Velor Front", "controls", "Palma"))
    }
}

@Suite struct PartialListTests {
    @Test func partsOfAListAreNoControlOfAnyOfIt() {
        // a cue before the list covers every name, even names of other kinds the grouping splits off
        let text = "LOIKAW, Myanmar - The Velor Front says parts of Loikaw, Orvanto and Belmuk are now in its hands."
        #expect(!Fixture.facts(text).contains { $0.r == "controls" })
        let whole = "LOIKAW, Myanmar - The Velor Front says Loikaw, Orvanto and Belmuk are now in its hands."
        #expect(Fixture.facts(whole).filter { $0.r == "controls" }.count == 3)
    }
}

@Suite struct ProperNameCaseTests {
    @Test func aCapitalisedOntologyNameDoesNotMatchLowerCaseWords() {
        // the ontology's "Joint Forces" (Sudan) is not "the joint forces" of a sentence about others
        let text = "PEMBA, Mozambique - The joint forces of the Velor Front and the Orvan Guard attacked Palma."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(!r.entities.contains { $0.label == "Joint Forces" })
    }
}

@Suite struct AffiliatedActorTests {
    @Test func insurgentsLinkedToAGroupAreNotTheGroup() {
        let text = "PEMBA, Mozambique - Velor Front-linked insurgents captured Palma on Sunday."
        #expect(!Fixture.has(text, "Velor Front", "captured", "Palma"))
        #expect(Fixture.has(text, "insurgents", "captured", "Palma"))
    }

    @Test func aGroupsOwnFightersAreStillTheGroup() {
        // the same words with a participle that says whose they are: the group itself
        let text = "PEMBA, Mozambique - Velor Front-led insurgents captured Palma on Sunday."
        #expect(!Fixture.has(text, "insurgents", "captured", "Palma"))
    }
}

@Suite struct PlaceByContextTests {
    @Test func aTownOfWithAdjectivesBeforeTheHead() {
        let text = "MOGADISHU, Somalia - The Velor Front took the strategic coastal town of Qarandheere on Monday."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.first { $0.label == "Qarandheere" }?.classIRI == KG.ns + "Town")
        #expect(Fixture.has(text, "Velor Front", "captured", "Qarandheere"))
    }

    @Test func aNameInARegionIsAPlaceThere() {
        let text = "MOGADISHU, Somalia - Clashes broke out near Qorbale, in the Hiraan region, on Monday."
        #expect(Fixture.has(text, "Qorbale", "locatedIn", "Hiraan region"))
    }
}

@Suite struct LandmarkTests {
    @Test func aTownThatLocatesSomethingElseIsNotInThePlace() {
        let text = "MOGADISHU, Somalia - The raid on the base, about 120 km southwest of Mogadishu in the Lower Shabelle region, began at dawn."
        #expect(!Fixture.facts(text).contains { $0.s == "Mogadishu" && $0.r == "locatedIn" })
        let far = "KABUL, Afghanistan - The port about 50 kilometres from Kunduz in Kunduz province was shelled."
        #expect(!Fixture.facts(far).contains { $0.s == "Kunduz" && $0.r == "locatedIn" })
    }

    @Test func aTownNamedForItselfIsInThePlace() {
        let text = "SITTWE, Myanmar - The army shelled Minbya in Rakhine State on Monday."
        #expect(Fixture.has(text, "Minbya", "locatedIn", "Rakhine State"))
    }
}

@Suite struct ParticiplePassiveTests {
    @Test func anyAuxiliaryBeforeAParticipleWithBy() {
        let text = "SITTWE, Myanmar - Light Infantry Battalion 377 in Mrauk-U is still being attacked by the Velor Army."
        #expect(Fixture.has(text, "Velor Army", "attacked", "Light Infantry Battalion 377"))
    }

    @Test func thePluralOfAPeoplesAdjectiveIsAGroupOfPeopleNotAPlace() {
        // "Yazidi" is a kg:adjective: "Yazidis" are people, whom a siege of places does not take as object
        let text = "SINJAR, Iraq - Thousands of Yazidis were trapped on the mountain, surrounded by Velor Front fighters."
        #expect(!Fixture.facts(text).contains { $0.r == "surrounds" && $0.o == "Yazidis" })
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.first { $0.label == "Yazidis" }?.classIRI == KG.ns + "PeopleGroup")
    }
}

@Suite struct MainCountryTieTests {
    @Test func onATieTheCountryNamedFirstIsTheArticles() {
        // Azerbaijan (the dateline) and Armenia (a demonym) are named once each: "the army" is Azerbaijan's
        let text = "BAKU, Azerbaijan - The army entered Kalbajar. Armenian forces still hold Lachin."
        let r = Fixture.extractor.extract(Fixture.article(text))
        let army = r.assertions.first { $0.relation == "captured" }?.subject
        #expect(army?.hasSuffix("/azerbaijan-stateforce") == true)
        #expect(Fixture.has(text, "Armenian forces", "controls", "Lachin"))
    }
}

@Suite struct RelativeObjectAdjectiveTests {
    @Test func anAdjectiveBeforeTheSubjectOfAnObjectRelativeClause() {
        let text = "BAKU, Azerbaijan - The army took Jabrayil, which ethnic Armenian forces had held since 1993."
        #expect(Fixture.has(text, "Armenian forces", "controls", "Jabrayil"))
    }
}

@Suite struct ClauseSubjectTests {
    @Test func aThatClauseWithItsOwnSubjectIsNotTheSpeakersAct() {
        // the speaker's ministry did not enter the town: "a group of gunmen" did, and it is no name
        let text = "PEMBA, Mozambique - Tomas Velo, spokesman for the Ministry of Interior, told reporters that a group of gunmen had entered Palma on Wednesday."
        #expect(!Fixture.facts(text).contains { $0.r == "captured" })
        #expect(Fixture.has(text, "Tomas Velo", "spokespersonOf", "Ministry of Interior"))
    }

    @Test func aRelativeThatKeepsItsAntecedent() {
        let text = "PEMBA, Mozambique - Fighters of the Velor Front that had entered Palma on Wednesday left on Friday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Palma"))
    }
}

@Suite struct RoleAppositionTests {
    @Test func aTitleInAppositionToOnePersonIsNotTheNextOnes() {
        let text = "MOSCOW - The text that Arman Velyan, Armenia's prime minister, Ilkin Dastov, Azerbaijan's president, and a Russian envoy signed ends the war."
        let facts = Fixture.facts(text).filter { $0.r == "leaderOf" }
        #expect(facts.contains { $0.s == "Arman Velyan" && $0.o == "Armenia" })
        #expect(facts.contains { $0.s == "Ilkin Dastov" && $0.o == "Azerbaijan" })
        #expect(!facts.contains { $0.s == "Ilkin Dastov" && $0.o == "Armenia" })
    }

    @Test func aTitleRightBeforeANameIsThatNamesTitle() {
        let text = "MOSCOW - The statement of the President of Azerbaijan Ilkin Dastov, the Prime Minister of Armenia Arman Velyan and a Russian envoy ends the war."
        let facts = Fixture.facts(text).filter { $0.r == "leaderOf" }
        #expect(!facts.contains { $0.s == "Ilkin Dastov" && $0.o == "Armenia" })
    }
}

@Suite struct PlaceInRegionTests {
    @Test func aSettlementOfANameInADistrict() {
        let text = "BAKU - Troops entered the settlement of Varzanli in the Orlan district on Monday."
        #expect(Fixture.has(text, "Varzanli", "locatedIn", "Orlan district"))
    }

    @Test func aPlaceInAnAutonomousRegion() {
        let text = "ERBIL - Thousands of families reached Qarvan in the autonomous Dersan region."
        #expect(Fixture.has(text, "Qarvan", "locatedIn", "Dersan region"))
    }

    @Test func aCountryLiesInNoProvince() {
        let text = "KUNDUZ - Soldiers crossed the border to Tajikistan in Kunduz province."
        #expect(!Fixture.facts(text).contains { $0.r == "locatedIn" && $0.s == "Tajikistan" })
    }
}

/// Event nouns (`kg:eventNoun`) in the shared event templates, and the template gap `…`.
@Suite struct EventNounTests {
    @Test func aLightVerbAndAFewWordsBeforeTheEventNoun() {
        let text = "PEMBA, Mozambique - The Velor Front launched a fresh ground offensive on Orvanto on Monday."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Orvanto"))
        let strikes = "PEMBA, Mozambique - The Velor Front has carried out more than 600 air strikes on Orvanto."
        #expect(Fixture.has(strikes, "Velor Front", "attacked", "Orvanto"))
    }

    @Test func theEventNounWithItsAgentAfterIt() {
        let text = "PEMBA, Mozambique - The attack on Orvanto by the Velor Front killed ten people."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Orvanto"))
        let against = "PEMBA, Mozambique - An aerial attack carried out by the Velor Front on Monday against Orvanto killed ten."
        #expect(Fixture.has(against, "Velor Front", "attacked", "Orvanto"))
    }

    @Test func theGapStopsAtAClauseJoint() {
        let text = "PEMBA, Mozambique - The Velor Front launched a campaign in the north, while the Orvan Guard's offensive on Orvanto stalled."
        #expect(!Fixture.has(text, "Velor Front", "attacked", "Orvanto"))
        #expect(Fixture.has(text, "Orvan Guard", "attacked", "Orvanto"))
    }
}

@Suite struct ListEndTests {
    @Test func aCommaAfterTheLastConjunctEndsTheList() {
        // "Libya" locates the list; it is no third member, and it does not make the towns countries
        let text = "The Velor Front took Zorvat and Qelvar, Libya, on Monday."
        let r = Fixture.extractor.extract(Fixture.article(text))
        #expect(r.entities.filter { $0.label == "Zorvat" || $0.label == "Qelvar" }.allSatisfy { !$0.classIRI.hasSuffix("#Country") })
        #expect(!Fixture.facts(text).contains { $0.r == "captured" && $0.o == "Libya" })
    }
}

@Suite struct HyphenatedAdjectiveTests {
    @Test func aHyphenatedAdjectiveBeforeTheNameOfARoleObject() {
        let text = "BENGHAZI, Libya - Tarek Moulan, commander of the self-styled Velor Front, ordered the retreat."
        #expect(Fixture.has(text, "Tarek Moulan", "leaderOf", "Velor Front"))
    }
}

/// "the capital" is the capital (kg:capital, from GeoNames) of the country the article is about.
@Suite struct CapitalReferenceTests {
    @Test func theCapitalOfTheArticlesCountry() {
        let text = "BENGHAZI, Libya - Libyan officials said the Velor Front opened its offensive against the capital in April."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Tripoli"))
    }

    @Test func aDemonymSaysWhoseCapital() {
        let text = "ISLAMABAD, Pakistan - Pakistani officials said the Afghan capital fell to the Velor Front on Sunday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Kabul"))
    }

    @Test func theCapitalOfAProvinceIsNotTheCountrys() {
        let text = "KABUL, Afghanistan - Afghan officials said the Velor Front captured the capital of Helmand province."
        #expect(!Fixture.facts(text).contains { $0.o == "Kabul" })
    }
}

@Suite struct UnitBaseTests {
    @Test func theBaseOfAUnitWithAdjectivesBeforeIt() {
        let text = "FALAM, Myanmar - Fighters of the Velor Front overran the hilltop base of Infantry Battalion (IB) 268 on Monday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Infantry Battalion 268"))
    }
}

/// "it" in an object's place is the first place the sentence named that no preposition governs.
@Suite struct ObjectPronounTests {
    @Test func itAfterAVerbIsThePlaceTheClauseNamed() {
        let text = "TRIPOLI, Libya - Fighting went on.\n\nVelor Front forces entered Tarhuna in the early hours after attacking it from four axes."
        #expect(Fixture.has(text, "Velor Front", "attacked", "Tarhuna"))
    }

    @Test func itAfterControlOfIsThePlaceNotTheActor() {
        let text = "TRIPOLI, Libya - Fighting went on.\n\nThe Velor Front entered Al-Watiya air base on Monday and took full control of it."
        #expect(Fixture.has(text, "Velor Front", "controls", "Al-Watiya air base"))
        #expect(!Fixture.facts(text).contains { $0.o == "Velor Front" })
    }

    @Test func itAsASubjectIsNotAPlace() {
        // followed by a verb, "it" is a clause's subject: the actor, not the town
        let text = "TRIPOLI, Libya - Fighting went on.\n\nThe Velor Front entered Tarhuna, and it captured Gharyan on Tuesday."
        #expect(!Fixture.facts(text).contains { $0.s == "Tarhuna" })
    }
}

@Suite struct HeldInGapTests {
    @Test func trappedForDaysAtAPlace() {
        let text = "PALMA, Mozambique - About 180 contract workers were trapped for days at the Orvanto hotel."
        #expect(Fixture.facts(text).contains { $0.r == "heldIn" && $0.o == "Orvanto hotel" })
    }

    @Test func arrestedByThePoliceInATown() {
        let text = "KABUL, Afghanistan - Governor Tarek Moulan was then arrested by police in Maidan Shar."
        #expect(Fixture.has(text, "Tarek Moulan", "heldIn", "Maidan Shar"))
    }
}

@Suite struct TitledPersonRoleTests {
    @Test func aTitledPersonsRoleNamesAnActorOfUnknownKind() {
        let text = "PALMA, Mozambique - Brigadier Tomas Velo, spokesman for the army's Northern Orvan Theatre, says the town is safe."
        #expect(Fixture.has(text, "Tomas Velo", "spokespersonOf", "Northern Orvan Theatre"))
    }

    @Test func aGovernorIsAPerson() {
        let r = Fixture.extractor.extract(Fixture.article("KABUL, Afghanistan - Governor Tarek Moulan fled towards Kabul."))
        #expect(r.entities.first { $0.label == "Tarek Moulan" }?.classIRI.hasSuffix("#Person") == true)
    }
}

/// alliedWith between actors or countries (kg:subjectClass/kg:objectClass), and its constructions.
@Suite struct AllianceTests {
    @Test func aCountryIsAnAlly() {
        let text = "BAKU - Turkey, Azerbaijan's closest ally, sent drones."
        #expect(Fixture.facts(text).contains { $0.r == "alliedWith" && Set([$0.s, $0.o]) == ["Turkey", "Azerbaijan"] })
    }

    @Test func backedByAndTogetherWith() {
        let backed = "MOSUL, Iraq - The Velor Front, backed by the Orvan Guard, launched the operation."
        #expect(Fixture.facts(backed).contains { $0.r == "alliedWith" && Set([$0.s, $0.o]) == ["Velor Front", "Orvan Guard"] })
        let together = "SINJAR, Iraq - On Monday the Velor Front, together with Orvan Guard fighters, entered the town."
        #expect(Fixture.facts(together).contains { $0.r == "alliedWith" && Set([$0.s, $0.o]) == ["Velor Front", "Orvan Guard"] })
    }

    @Test func anOffensiveBackedBySomeoneIsNoAlliance() {
        // what was backed is the offensive, not the militants named before it
        let text = "MOGADISHU, Somalia - The Velor Front pushed the militants out of dozens of villages in an offensive backed by Orvan Guard troops."
        #expect(!Fixture.facts(text).contains { $0.r == "alliedWith" && $0.o == "Orvan Guard" && $0.s != "Velor Front" })
    }

    @Test func forcesLoyalToSomeoneAreTheirSubject() {
        let text = "TRIPOLI, Libya - The authorities suspended all flights, as forces loyal to the Velor Front pushed on."
        #expect(!Fixture.facts(text).contains { $0.r == "alliedWith" })
    }

    @Test func aNearnessAdjectiveOpensAConjunct() {
        let text = "GHAZNI, Afghanistan - The Velor Front captured Zorvat and nearby Qelvar on Monday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Zorvat"))
        #expect(Fixture.has(text, "Velor Front", "captured", "Qelvar"))
        let neighbouring = "GHAZNI, Afghanistan - The Velor Front seized Zorvat, neighbouring Qelvar and Tessin on Monday."
        #expect(Fixture.has(neighbouring, "Velor Front", "captured", "Qelvar"))
    }

    @Test func theAgentOfAParticipleIsNoClauseSubject() {
        let text = "GHAZNI, Afghanistan - A column commanded by Tarek Moulan fled Qelvar on Monday."
        #expect(!Fixture.facts(text).contains { $0.s == "Tarek Moulan" })
        let fighters = "HSENWI, Myanmar - On Sunday, fighters led by the Velor Front stormed Qelvar."
        #expect(Fixture.facts(fighters).contains { $0.s == "Velor Front" && $0.o == "Qelvar" })
    }
}

@Suite struct UnitCaptureTests {
    @Test func aTranslatedActiveWithAnAuxiliary() {
        // machine translation: "was captured the headquarter of" is the group's deed, not a passive
        let text = "SITTWE, Myanmar - The Velor Front was captured the headquarter of No. (379) Light Infantry Battalion on Monday."
        #expect(Fixture.has(text, "Velor Front", "captured", "Light Infantry Battalion 379"))
        // a real passive with a time after it stays one
        let passive = "SITTWE, Myanmar - The Velor Front shelled Orvanto. Orvanto was captured the next day."
        #expect(!Fixture.facts(passive).contains { $0.r == "captured" && $0.s == "Orvanto" })
    }

    @Test func retookTheBasesOfUnits() {
        let text = "BHAMO, Myanmar - Regime troops retook the IB 236 and Tank Battalion 5014 bases north of the city."
        #expect(Fixture.facts(text).filter { $0.r == "captured" && ["IB 236", "Tank Battalion 5014"].contains($0.o) }.count == 2)
    }

    @Test func theFallOfAUnitWithoutItsDoer() {
        let text = "MRAUK-U, Myanmar - The Velor Front captured Light Infantry Battalion 378 on Monday. With the fall of Police Battalion 31, the township is quiet."
        #expect(Fixture.has(text, "Velor Front", "captured", "Police Battalion 31"))
        // "the fall of X to Y" names its doer: no inference
        let named = "MRAUK-U, Myanmar - The Velor Front captured Light Infantry Battalion 378 on Monday. The fall of Police Battalion 31 to the Orvan Guard followed."
        #expect(!Fixture.facts(named).contains { $0.s == "Velor Front" && $0.o == "Police Battalion 31" })
    }
}

@Suite struct UnitSiteLocationTests {
    @Test func aUnitsHeadquartersInATown() {
        let text = "SUMPRABUM, Myanmar - The Velor Front began attacking the Infantry Battalion 46 headquarters in Sumprabum on March 14."
        #expect(Fixture.has(text, "Infantry Battalion 46", "locatedIn", "Sumprabum"))
        let base = "FALAM, Myanmar - Fighters overran the hilltop base of Infantry Battalion 268 in Falam."
        #expect(Fixture.has(base, "Infantry Battalion 268", "locatedIn", "Falam"))
    }

    @Test func aPlaceLiesInAnother() {
        let text = "FALAM, Myanmar - The village of Orvanto lies in Falam township of Chin State."
        #expect(Fixture.has(text, "Orvanto", "locatedIn", "Falam township"))
    }
}

@Suite struct StateSubjectTests {
    @Test func aStatePastAnApposition() {
        let text = "MYAWADDY, Myanmar - Fighting went on.\n\nThe village of Orvanto, the base the Velor Front seized earlier this month, remains under Velor Front control."
        #expect(Fixture.has(text, "Velor Front", "controls", "Orvanto"))
    }

    @Test func theHeadOfAPlacePhraseNotThePlaceThatLocatesIt() {
        let text = "KUNDUZ, Afghanistan - Since June the Imam Sahib district in north of Kunduz province is under Taliban control."
        #expect(Fixture.has(text, "Taliban", "controls", "Imam Sahib district"))
        #expect(!Fixture.has(text, "Taliban", "controls", "Kunduz province"))
        // an apposition still describes the name right before it
        let suburb = "TRIPOLI, Libya - An air strike hit the Tajoura Detention Centre in Tajoura, an eastern suburb of Tripoli."
        #expect(Fixture.has(suburb, "Tajoura", "locatedIn", "Tripoli"))
    }

    @Test func inTheHandOf() {
        let text = "SITTWE, Myanmar - Fighting went on.\n\nThe village of Orvanto is still remaining in the hand of the Velor Front."
        #expect(Fixture.has(text, "Velor Front", "controls", "Orvanto"))
    }
}
