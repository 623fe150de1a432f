import Extract
import RDF
import Testing

/// Which clause's date a fact takes: present-tense states, reported states, present-tense events.
/// Sentences are invented; names come from the ontology or are made up.
@Suite struct ClauseTimeTests {
    static let pub = "2023-11-16"  // a Thursday

    static func time(_ text: String, _ s: String, _ r: String, _ o: String) -> TimeAnnotation? {
        Fixture.facts(text, published: pub).first { $0.s == s && $0.r == r && $0.o == o }?.a.time
    }

    @Test func presentTenseStateHoldsOnThePublicationDate() {
        // The sentence is about Monday, but "is held" describes now.
        let text = "On Monday the TNLA said it had reached the outskirts of Hsenwi, which is held by the MNDAA."
        #expect(Self.time(text, "MNDAA", "controls", "Hsenwi")?.date == PartialDate(iso: Self.pub))
    }

    @Test func stillHoldsIsPresent() {
        let text = "On Monday the TNLA shelled Kutkai, which the junta still holds."
        #expect(Self.time(text, "junta", "controls", "Kutkai")?.date == PartialDate(iso: Self.pub))
    }

    @Test func pastStateKeepsItsOwnDate() {
        let text = "The MNDAA held Hsenwi on Monday, residents said."
        #expect(Self.time(text, "MNDAA", "controls", "Hsenwi")?.date == PartialDate(iso: "2023-11-13"))
    }

    @Test func reportedStateTakesTheReportingDate() {
        // The date stands far from the state, before the "that" of the reported clause.
        let text = "Early on Tuesday, a spokesman for the armed group, speaking to several foreign news agencies by telephone from an undisclosed location, said that their fighters had cut the main road and that Hsenwi was now in MNDAA hands."
        #expect(Self.time(text, "MNDAA", "controls", "Hsenwi")?.date == PartialDate(iso: "2023-11-14"))
    }

    @Test func reportedStateWithoutThatStaysAnObservation() {
        // No complementiser: the distant date does not govern the state.
        let text = "Early on Tuesday, a spokesman for the armed group, speaking to several foreign news agencies by telephone from an undisclosed location, gave details; Hsenwi was now in MNDAA hands."
        let t = Self.time(text, "MNDAA", "controls", "Hsenwi")
        #expect(t?.date != PartialDate(iso: "2023-11-14"))
    }

    @Test func presentTenseEventIsAnObservation() {
        let text = "Kutkai is now encircled by the TNLA."
        let t = Self.time(text, "TNLA", "surrounds", "Kutkai")
        #expect(t?.date == PartialDate(iso: Self.pub))
        // In the past tense without a date it stays undated.
        #expect(Self.time("Kutkai was encircled by the TNLA.", "TNLA", "surrounds", "Kutkai") == nil)
    }
}

/// Hyphenated modifiers ("the junta-held town") and perfect forms of state verbs.
@Suite struct CompoundModifierTests {
    @Test func hedgeDoesNotReachAHyphenatedHolder() {
        // The hedge is about where the hostages are, not about who holds the town.
        let text = "The hostages are thought to be in the MNDAA-held town of Hsenwi."
        #expect(Fixture.has(text, "MNDAA", "controls", "Hsenwi"))
    }

    @Test func hyphenatedParticipleIsNoVerb() {
        // "held" inside "junta-held" must not make the sentence's subject the holder.
        let text = "The refugees reached the junta-held town of Hsenwi on Monday."
        #expect(!Fixture.facts(text).contains { $0.r == "controls" && $0.s != "junta" })
        #expect(Fixture.has(text, "junta", "controls", "Hsenwi"))
    }

    @Test func perfectRunStartsAtSince() {
        let text = "The town had been quiet; the TNLA, which had run Kutkai since 2016, withdrew."
        let t = Fixture.facts(text).first { $0.s == "TNLA" && $0.r == "controls" && $0.o == "Kutkai" }?.a.time
        #expect(t?.start == PartialDate(year: 2016))
    }
}

/// "Kutkai town itself had been in TNLA hands": the kind noun after a place name and an emphatic
/// reflexive do not break the clause.
@Suite struct PlaceNounAndReflexiveTests {
    @Test func kindNounAfterAPlaceNameIsPartOfIt() {
        let text = "Kutkai town had been in TNLA hands since March."
        #expect(Fixture.has(text, "TNLA", "controls", "Kutkai"))
        let t = Fixture.facts(text).first { $0.r == "controls" }?.a.time
        #expect(t?.start == PartialDate(year: 2023, month: 3))
    }

    @Test func emphaticReflexiveIsSkipped() {
        #expect(Fixture.has("Kutkai itself had been in TNLA hands since March.", "TNLA", "controls", "Kutkai"))
        #expect(Fixture.has("Kutkai town itself fell to the TNLA on Monday.", "TNLA", "captured", "Kutkai"))
    }

    @Test func capitalisedKindNounStillNamesAnotherPlace() {
        // "Kutkai Township" is a township, not the town.
        let facts = Fixture.facts("The TNLA captured Kutkai Township on Monday.")
        #expect(!facts.contains { $0.r == "captured" && $0.o == "Kutkai" })
    }
}

/// A lede states a deed without its date; the next sentence repeats it without its object and dates it.
/// Its result (", leaving X in control of Y") starts then. Invented sentences, ontology names.
@Suite struct LedeRestatementTests {
    @Test func nextSentenceDatesTheDeed() {
        let text = "The army's Northeastern Command, the largest garrison in the region, has surrendered to the TNLA. Officers at the Northeastern Command gave up on Tuesday, a witness said."
        let t = Fixture.facts(text, published: "2024-08-09").first { $0.s == "Northeastern Command" && $0.r == "surrenderedTo" }?.a.time
        #expect(t?.date == PartialDate(iso: "2024-08-06"))
    }

    @Test func fullRestatementWithObjectIsNotBorrowed() {
        // The second sentence is a fact of its own about someone else, not a date for the first.
        let text = "The Northeastern Command has surrendered to the TNLA. Brigade 7 surrendered to the AA on Tuesday."
        let t = Fixture.facts(text, published: "2024-08-09").first { $0.s == "Northeastern Command" && $0.r == "surrenderedTo" }?.a.time
        // (observed on the publication day: a present perfect with no date of its own)
        #expect(t?.date == PartialDate(iso: "2024-08-09") && t?.phrase == "")
    }

    @Test func resultStartsWhenTheDeedHappened() {
        let text = "The Northeastern Command in Lashio, the capital of northern Shan State, has surrendered to the TNLA, leaving the group in complete control of a city it lost a decade ago. Officers at the Northeastern Command gave up on Tuesday, a witness said."
        let facts = Fixture.facts(text, published: "2024-08-09")
        let controls = facts.first { $0.s == "TNLA" && $0.r == "controls" && $0.o == "Lashio" }?.a.time
        #expect(controls?.start == PartialDate(iso: "2024-08-06"))
        // "a decade ago" belongs to "it lost", not to the control.
        #expect(controls?.date == nil)
        #expect(facts.contains { $0.s == "TNLA" && $0.r == "captured" && $0.o == "Lashio" && $0.a.time?.date == PartialDate(iso: "2024-08-06") })
    }

    @Test func indefiniteDescriptionNeedsAClauseAfterIt() {
        // "a town" with no clause about it introduces a new town: no fact about Hsenwi.
        let text = "The TNLA took Hsenwi and then attacked a town nearby."
        #expect(!Fixture.facts(text).contains { $0.r == "attacked" && $0.o == "Hsenwi" })
    }

    @Test func subjectBeforeALongApposition() {
        let text = "Brigade 7, the last garrison on the road to the border with China, surrendered to the AA on Monday."
        #expect(Fixture.has(text, "Brigade 7", "surrenderedTo", "AA"))
    }
}

/// "On Sunday X took the hill. The army then shelled the town": a sentence without a date of its own
/// that carries the narrative on takes the previous sentence's day.
@Suite struct NarrativeContinuationTests {
    @Test func thenContinuesThePreviousDay() {
        let text = "On Sunday morning the MNDAA took two outposts near Hsenwi. The army responded with air strikes and then shelled Hsenwi."
        let t = Fixture.facts(text, published: "2023-11-16").first { $0.s == "junta" && $0.r == "attacked" && $0.o == "Hsenwi" }?.a.time
        #expect(t?.date == PartialDate(iso: "2023-11-12"))
    }

    @Test func sinceThenIsNoContinuation() {
        let text = "On Sunday morning the MNDAA took two outposts near Hsenwi. Since then the army has shelled Hsenwi."
        let t = Fixture.facts(text, published: "2023-11-16").first { $0.s == "junta" && $0.r == "attacked" && $0.o == "Hsenwi" }?.a.time
        #expect(t?.date != PartialDate(iso: "2023-11-12"))
    }

    /// Without a cue, an undated event of the same paragraph happens in the scene its first sentence set;
    /// a new paragraph, or a sentence that leaves the scene ("since", "has shelled", "earlier"), does not.
    @Test func withoutACueTheEventIsTheScenes() {
        let text = "On Sunday morning the MNDAA took two outposts near Hsenwi. The army shelled Hsenwi."
        let t = Fixture.facts(text, published: "2023-11-16").first { $0.s == "junta" && $0.r == "attacked" && $0.o == "Hsenwi" }?.a.time
        #expect(t?.date == PartialDate(iso: "2023-11-12"))
        let earlier = "On Sunday morning the MNDAA took two outposts near Hsenwi. Earlier the army shelled Hsenwi."
        let e = Fixture.facts(earlier, published: "2023-11-16").first { $0.s == "junta" && $0.r == "attacked" && $0.o == "Hsenwi" }?.a.time
        #expect(e == nil)
    }
}

/// ", as had X": a clause that repeats the predicate with an auxiliary gives X the same relation.
@Suite struct EllipsisTests {
    @Test func asHadCopiesThePredicate() {
        let text = "Soldiers of Brigade 7 had surrendered to the TNLA near Hsenwi, as had members of the pro-junta Kokang Border Guard Force."
        #expect(Fixture.has(text, "Brigade 7", "surrenderedTo", "TNLA"))
        #expect(Fixture.has(text, "Kokang Border Guard Force", "surrenderedTo", "TNLA"))
    }

    @Test func asWithoutAnAuxiliaryIsNoEllipsis() {
        let text = "Brigade 7 surrendered to the TNLA near Hsenwi, as the Kokang Border Guard Force watched."
        #expect(!Fixture.has(text, "Kokang Border Guard Force", "surrenderedTo", "TNLA"))
    }
}

@Suite struct ConjunctTimeTests {
    @Test func eachObjectOfAListTakesTheDateAfterIt() {
        let text = "Azerbaijani forces took Fuzuli on Oct. 17, Zangilan three days after that, and Gubadli on Oct. 25."
        #expect(ClauseTimeTests.time(text, "Azerbaijani forces", "captured", "Fuzuli")?.date == PartialDate(iso: "2023-10-17"))
        #expect(ClauseTimeTests.time(text, "Azerbaijani forces", "captured", "Zangilan")?.date == PartialDate(iso: "2023-10-20"))
        #expect(ClauseTimeTests.time(text, "Azerbaijani forces", "captured", "Gubadli")?.date == PartialDate(iso: "2023-10-25"))
    }
}

@Suite struct SpanYearTests {
    @Test func aBareYearDoesNotDateTheEndOfASpan() {
        let text = "The Velor Front held Orvale from 1993 until Oct. 4, residents said."
        let t = Fixture.facts(text, published: "2020-11-08").first { $0.r == "controls" }?.a.time
        #expect(t?.start == PartialDate(iso: "1993"))
        #expect(t?.end == PartialDate(iso: "2020-10-04"))
        // a dated start still gives its year to the end
        let dated = "The Velor Front held Orvale from March 3, 2019 until Oct. 4, residents said."
        #expect(Fixture.facts(dated, published: "2020-11-08").first { $0.r == "controls" }?.a.time?.end == PartialDate(iso: "2019-10-04"))
    }
}

@Suite struct FarDateTests {
    @Test func theOneDateOfAOneEventSentenceDatesItHoweverFar() {
        let text = "The Velor Front captured the headquarters of Infantry Battalion 12 and Infantry Battalion 14 of the army, which are stationed outside the town of Orvale in the hills of the north, on Tuesday after nearly one month of fighting."
        let t = Fixture.facts(text).first { $0.r == "captured" && $0.o == "Infantry Battalion 12" }?.a.time
        #expect(t?.date == PartialDate(iso: "2023-11-14"))
    }
}

@Suite struct DatelineWeekdayTests {
    /// Wire copy dated in its dateline on the publication day names that day by its weekday
    /// (2023-11-16 is a Thursday).
    @Test func theDatelinesDayIsThePublicationWeekday() {
        let text = "Velor Front takes Mosul\n\nMOSUL, Iraq, Nov. 16 (Wire) - The Velor Front seized Mosul on Thursday."
        let f = Fixture.facts(text, published: "2023-11-16").first { $0.r == "captured" && $0.a.sentence.contains("seized") }
        #expect(f?.a.time?.date == PartialDate(iso: "2023-11-16"), "\(String(describing: f?.a.time))")
        // without such a dateline, the Thursday named in a Thursday article is the week before
        let plain = Fixture.facts("In Iraq, the Velor Front seized Mosul on Thursday.", published: "2023-11-16")
            .first { $0.r == "captured" && $0.o == "Mosul" }
        #expect(plain?.a.time?.date == PartialDate(iso: "2023-11-09"), "\(String(describing: plain?.a.time))")
    }
}

@Suite struct StoryYearTests {
    /// A day and month without a year, in the month the story has just reached, is in that month's
    /// year, not the publication's.
    @Test func aBareDayOfTheMonthTheStoryReachedTakesItsYear() {
        let text = "In Iraq, the Velor Front held Sinjar until November 2015. On 12 November the Dorvan Army captured Sinjar."
        let f = Fixture.facts(text, published: "2016-11-20").first { $0.r == "captured" && $0.s == "Dorvan Army" }
        #expect(f?.a.time?.date == PartialDate(iso: "2015-11-12"), "\(String(describing: f?.a.time))")
        // another month: the most recent one before publication, as before
        let other = "In Iraq, the Velor Front held Sinjar until November 2015. On 12 October the Dorvan Army captured Sinjar."
        let g = Fixture.facts(other, published: "2016-11-20").first { $0.r == "captured" && $0.s == "Dorvan Army" }
        #expect(g?.a.time?.date == PartialDate(iso: "2016-10-12"), "\(String(describing: g?.a.time))")
    }
}
