import Ontology
import RDF
import Store
import Testing
@testable import Timeline

// Invented places (Orvale, Tessin Ford, Marrow Bay, Quillby) and actors (Blue Front, Grey Legion,
// Harbor Pact, Fourth Company): no real names.
typealias F = TimelineFixture.Fact

@Suite struct ControlPeriodTests {
    /// What a relation means to the timeline is the ontology's data: a relation of another name that an
    /// ontology marks kg:TakesPlace starts a period; without the mark it is only an event.
    @Test func relationRolesComeFromTheOntology() throws {
        let core = TimelineVocabulary.core
        #expect(core.holds == ["controls"] && core.takes == ["captured"] && core.leaves == ["withdrewFrom"])
        #expect(core.surrenders == ["surrenderedTo"] && core.garrisonLinks == ["heldIn", "locatedIn", "partOf"])
        #expect(core.affiliations == ["memberOf", "partOf"] && core.markerLabels["surrounds"] == "surrounded")

        let fx = try TimelineFixture()
        try fx.article("r1.txt", published: "2021-06-30", places: ["Quillby"], [
            F(s: "Grey Legion", p: "stormedAndHeld", o: "Quillby", date: "2021-01-10"),
        ])
        func vocabulary(_ role: String) throws -> TimelineVocabulary {
            let ttl = """
                @prefix kg: <https://kg.example.org/ontology#> .
                @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
                kg:stormedAndHeld a rdf:Property \(role) .
                """
            return TimelineVocabulary(ontology: try Ontology.load(files: [("t.ttl", Array(ttl.utf8))]))
        }
        let marked = try ControlHistory.timeline(of: TimelineFixture.id("Quillby"), in: fx.store,
                                                 vocabulary: vocabulary("; kg:controlRole kg:TakesPlace"))
        #expect(marked.periods.map(\.summary) == ["Grey_Legion 2021-01-10–…"])
        let unmarked = try ControlHistory.timeline(of: TimelineFixture.id("Quillby"), in: fx.store, vocabulary: vocabulary(""))
        #expect(unmarked.periods.isEmpty)
    }

    @Test func capturesAndHoldingsMakeASequence() throws {
        let fx = try TimelineFixture()
        try fx.article("a1.txt", published: "2021-05-02", places: ["Orvale"], [
            F(s: "Grey Legion", p: "controls", o: "Orvale", end: "2015"),
            F(s: "Blue Front", p: "captured", o: "Orvale", date: "2015"),
        ])
        try fx.article("a2.txt", published: "2022-03-10", [
            F(s: "Blue Front", p: "controls", o: "Orvale", date: "2022-02-20"),
            F(s: "Grey Legion", p: "captured", o: "Orvale", date: "2022-03-04"),
        ])
        let t = try fx.timeline("Orvale")
        #expect(t.periods.map(\.summary) == ["Grey_Legion …–2015", "Blue_Front 2015–2022-03-04", "Grey_Legion 2022-03-04–…"])
        #expect(t.periods.map(\.startBasis) == [.open, .reported, .reported])
        #expect(t.periods.map(\.endBasis) == [.reported, .succeeded, .open])
        // The observation on 2022-02-20 supports Blue Front's period.
        #expect(t.periods[1].evidence.count == 2)
        #expect(t.periods[1].articles == ["a1.txt", "a2.txt"])
        #expect(t.conflicts.isEmpty)
        #expect(t.periods.allSatisfy { $0.confirmed })
        #expect(t.hasControlChange)
    }

    @Test func aWithdrawalEndsTheHoldersPeriodAndAnUndatedOneConfirmsTheChange() throws {
        let fx = try TimelineFixture()
        try fx.article("w1.txt", published: "2021-06-30", places: ["Quillby"], [
            F(s: "Grey Legion", p: "captured", o: "Quillby", date: "2021-01-10"),
            F(s: "Grey Legion", p: "withdrewFrom", o: "Quillby", date: "2021-05-01"),
        ])
        var t = try fx.timeline("Quillby")
        #expect(t.periods.map(\.summary) == ["Grey_Legion 2021-01-10–2021-05-01"])
        #expect(t.events.map(\.relation).contains("withdrewFrom"))

        // Blue Front takes the town; a later article says, undated, that Grey Legion pulled out:
        // that is the same change, not a second controller.
        try fx.article("w2.txt", published: "2021-08-02", [
            F(s: "Blue Front", p: "captured", o: "Quillby", date: "2021-07-20"),
            F(s: "Grey Legion", p: "withdrewFrom", o: "Quillby"),
        ])
        t = try fx.timeline("Quillby")
        #expect(t.periods.map(\.summary) == ["Grey_Legion 2021-01-10–2021-05-01", "Blue_Front 2021-07-20–…"])
        #expect(t.conflicts.isEmpty, "\(t.conflicts.map(\.summary))")
    }

    @Test func aLossReportedDaysAfterATakeoverIsThatTakeover() throws {
        // "Quillby fell to the Blue Front on Sunday … Grey Legion admitted on Wednesday it had lost control":
        // Grey Legion held the town until the takeover; no two controllers at once
        let fx = try TimelineFixture()
        try fx.article("l1.txt", published: "2021-07-23", places: ["Quillby"], [
            F(s: "Blue Front", p: "captured", o: "Quillby", date: "2021-07-18"),
            F(s: "Grey Legion", p: "withdrewFrom", o: "Quillby", date: "2021-07-21"),
        ])
        var t = try fx.timeline("Quillby")
        #expect(t.periods.map(\.summary) == ["Grey_Legion …–2021-07-18", "Blue_Front 2021-07-18–…"])
        #expect(t.conflicts.isEmpty, "\(t.conflicts.map(\.summary))")
        // months later it is another story: both kept, flagged
        try fx.article("l2.txt", published: "2021-12-01", [
            F(s: "Red Guard", p: "withdrewFrom", o: "Quillby", date: "2021-11-30"),
        ])
        t = try fx.timeline("Quillby")
        #expect(!t.conflicts.isEmpty)
    }

    @Test func openEndsAndPrecisionAreKept() throws {
        let fx = try TimelineFixture()
        try fx.article("b1.txt", published: "2020-01-20", places: ["Tessin Ford"], [
            F(s: "Grey Legion", p: "controls", o: "Tessin Ford", end: "2019-11"),
            F(s: "Blue Front", p: "controls", o: "Tessin Ford", start: "2019-11-18"),
        ])
        let t = try fx.timeline("Tessin Ford")
        #expect(t.periods.count == 2)
        #expect(t.periods[0].start == nil && t.periods[0].startBasis == .open)
        #expect(t.periods[0].end?.precision == .month)
        #expect(t.periods[1].start?.precision == .day)
        #expect(t.periods[1].start?.iso == "2019-11-18")
        #expect(t.periods[1].end == nil && t.periods[1].endBasis == .open)
    }

    @Test func claimedOnlyPeriodsAreNotConfirmed() throws {
        let fx = try TimelineFixture()
        try fx.article("c1.txt", published: "2023-06-01", places: ["Marrow Bay"], [
            F(s: "Blue Front", p: "captured", o: "Marrow Bay", date: "2023-05-30", modality: .claimed),
        ])
        try fx.article("c2.txt", published: "2023-09-01", [
            F(s: "Grey Legion", p: "captured", o: "Marrow Bay", date: "2023-08-20"),
            F(s: "Grey Legion", p: "controls", o: "Marrow Bay", date: "2023-09-01", modality: .claimed),
        ])
        let t = try fx.timeline("Marrow Bay")
        #expect(t.periods.map(\.confirmed) == [false, true])
        #expect(t.periods[1].evidence.count == 2)
        #expect(t.events.map(\.relation) == ["captured", "captured"])
        #expect(t.events[0].claimedOnly)
    }

    @Test func twoControllersAtOnceAreFlaggedAndBothKept() throws {
        let fx = try TimelineFixture()
        try fx.article("d1.txt", published: "2024-02-10", places: ["Quillby"], [
            F(s: "Blue Front", p: "controls", o: "Quillby", date: "2024-02-10", modality: .claimed),
        ])
        try fx.article("d2.txt", published: "2024-02-10", [
            F(s: "Grey Legion", p: "controls", o: "Quillby", date: "2024-02", modality: .claimed),
        ])
        let t = try fx.timeline("Quillby")
        #expect(Set(t.periods.map { TimelineVocabulary.localName($0.controller) }) == ["Blue_Front", "Grey_Legion"])
        let c = try #require(t.conflicts.first)
        #expect(c.kind == .simultaneousControllers)
        #expect(Set(c.evidence.map(\.articlePath)) == ["d1.txt", "d2.txt"])
    }

    @Test func sourcesDisagreeingOnTheDateAreFlagged() throws {
        let fx = try TimelineFixture()
        try fx.article("e1.txt", published: "2024-01-06", places: ["Orvale"], [
            F(s: "Blue Front", p: "captured", o: "Orvale", date: "2024-01-04"),
        ])
        try fx.article("e2.txt", published: "2024-01-09", [
            F(s: "Blue Front", p: "captured", o: "Orvale", date: "2024-01-05"),
            F(s: "Blue Front", p: "captured", o: "Orvale", date: "2024-01"),
        ])
        let t = try fx.timeline("Orvale")
        #expect(t.periods.count == 1)
        #expect(t.periods[0].start?.iso == "2024-01-04")
        #expect(t.conflicts.map(\.kind) == [.datesDisagree])
        #expect(t.periods[0].evidence.count == 3)
    }

    @Test func mixedPrecisionsSortByEarliestDay() throws {
        let fx = try TimelineFixture()
        // Written out of order: year, day, month.
        try fx.article("f1.txt", published: "2022-01-01", places: ["Tessin Ford"], [
            F(s: "Grey Legion", p: "captured", o: "Tessin Ford", date: "2021-06-15"),
            F(s: "Blue Front", p: "captured", o: "Tessin Ford", date: "2020"),
            F(s: "Harbor Pact", p: "captured", o: "Tessin Ford", date: "2021-09"),
        ])
        let t = try fx.timeline("Tessin Ford")
        #expect(t.periods.map(\.summary) == ["Blue_Front 2020–2021-06-15", "Grey_Legion 2021-06-15–2021-09", "Harbor_Pact 2021-09–…"])
        #expect(t.events.compactMap(\.date).map(\.iso) == ["2020", "2021-06-15", "2021-09"])
    }

    @Test func aPreciseStartRefinesTheSucceededEnd() throws {
        let fx = try TimelineFixture()
        try fx.article("r1.txt", published: "2024-02-01", places: ["Quillby"], [
            F(s: "Grey Legion", p: "captured", o: "Quillby", date: "2019"),
            F(s: "Blue Front", p: "captured", o: "Quillby", date: "2024-01"),
        ])
        try fx.article("r2.txt", published: "2024-01-06", [
            F(s: "Blue Front", p: "captured", o: "Quillby", date: "2024-01-04"),
        ])
        let t = try fx.timeline("Quillby")
        #expect(t.periods.map(\.summary) == ["Grey_Legion 2019–2024-01-04", "Blue_Front 2024-01-04–…"])
        #expect(t.conflicts.isEmpty)
    }

    @Test func undatedFactsUseThePublicationDate() throws {
        let fx = try TimelineFixture()
        try fx.article("g1.txt", published: "2023-03-03", places: ["Quillby"], [
            F(s: "Blue Front", p: "captured", o: "Quillby"),
        ])
        let t = try fx.timeline("Quillby")
        #expect(t.periods.first?.start?.iso == "2023-03-03")
        #expect(t.periods.first?.evidence.first?.dateIsPublication == true)
        #expect(t.events.first?.dateIsPublication == true)
    }

    @Test func surrenderedGarrisonHandsItsPlaceOver() throws {
        let fx = try TimelineFixture()
        try fx.article("h1.txt", published: "2023-12-01", places: ["Orvale", "Marrow Bay"], [
            F(s: "Grey Legion", p: "controls", o: "Orvale", date: "2023-10-01"),
            F(s: "Fourth Company", p: "heldIn", o: "Orvale"),
            F(s: "Fourth Company", p: "partOf", o: "Grey Legion"),
            F(s: "Fourth Company", p: "surrenderedTo", o: "Blue Front", date: "2023-11-20"),
            // No link fact: the place comes from the sentence.
            F(s: "Grey Legion", p: "controls", o: "Marrow Bay", date: "2023-10-01"),
            F(s: "Fifth Company", p: "surrenderedTo", o: "Blue Front", date: "2023-11-25",
              sentence: "At Marrow Bay, Fifth Company surrendered to the Blue Front."),
        ])
        for place in ["Orvale", "Marrow Bay"] {
            let t = try fx.timeline(place)
            #expect(t.periods.map { TimelineVocabulary.localName($0.controller) } == ["Grey_Legion", "Blue_Front"], "\(place)")
            let e = try #require(t.events.first { $0.relation == "surrenderedTo" })
            #expect(e.changesControl)
            #expect(e.placeVia == (place == "Orvale" ? "heldIn" : "sentence"))
        }
    }

    @Test func alliesAndUnitsSupportTheHoldersPeriod() throws {
        let fx = try TimelineFixture()
        try fx.article("i1.txt", published: "2024-03-01", places: ["Quillby"], [
            F(s: "Blue Front", p: "memberOf", o: "Harbor Pact"),
            F(s: "Blue Front", p: "captured", o: "Quillby", date: "2024-02-01"),
            F(s: "Harbor Pact", p: "controls", o: "Quillby", date: "2024-02-03", modality: .claimed),
            F(s: "Harbor Pact", p: "surrounds", o: "Quillby", date: "2024-01-10"),
        ])
        let t = try fx.timeline("Quillby")
        #expect(t.periods.count == 1)
        #expect(t.periods[0].alsoReportedAs == [TimelineFixture.id("Harbor Pact")])
        #expect(t.conflicts.isEmpty)
        #expect(t.events.map(\.relation) == ["surrounds", "captured"])
    }

    @Test func plansAndDenialsNeverCount() throws {
        let fx = try TimelineFixture()
        try fx.article("j1.txt", published: "2024-03-01", places: ["Orvale"], [
            F(s: "Grey Legion", p: "controls", o: "Orvale", date: "2024-03-01"),
            F(s: "Blue Front", p: "captured", o: "Orvale", date: "2024-02-28", modality: .denied),
        ])
        let t = try fx.timeline("Orvale")
        #expect(t.periods.map(\.summary) == ["Grey_Legion 2024-03-01–…"])
        #expect(t.periods[0].startBasis == .observed)
        #expect(t.events.isEmpty)
    }

    @Test func buildListsEveryPlaceWithTypesFromTheOntology() throws {
        let fx = try TimelineFixture()
        try fx.ontology()
        try fx.article("k1.txt", published: "2024-03-01", places: ["Orvale", "Tessin Ford"], [
            F(s: "Grey Legion", p: "attacked", o: "Tessin Ford", date: "2024-02-11"),
            F(s: "Grey Legion", p: "attacked", o: "Blue Front", date: "2024-02-12"),
            F(s: "Blue Front", p: "captured", o: "Orvale", date: "2024-02-28"),
        ])
        let all = try ControlHistory.build(from: fx.store, vocabulary: .core)
        #expect(all.map { TimelineVocabulary.localName($0.place) } == ["Orvale", "Tessin_Ford"])
        #expect(all[1].periods.isEmpty && all[1].events.count == 1 && !all[1].hasControlChange)
    }
}

@Suite struct TimelineDaysTests {
    @Test func ordinalsRoundTripAndOverlap() {
        let d = PartialDate(year: 2024, month: 2, day: 29)!
        #expect(TimelineDays.date(ordinal: TimelineDays.first(d)) == d)
        #expect(TimelineDays.last(PartialDate(year: 2023)!) - TimelineDays.first(PartialDate(year: 2023)!) == 364)
        #expect(TimelineDays.overlap(PartialDate(year: 2024, month: 1)!, PartialDate(year: 2024, month: 1, day: 4)!))
        #expect(!TimelineDays.overlap(PartialDate(year: 2024, month: 1, day: 5)!, PartialDate(year: 2024, month: 1, day: 4)!))
    }
}

@Suite struct TimelineRDFTests {
    /// The default graph's `kg:controls` triples, as "controller place".
    func truthyControl(_ store: TripleStore) throws -> Set<String> {
        var out = Set<String>()
        try store.quads(predicate: KG.term("controls"), graph: .some(nil)) { q in
            out.insert("\(TimelineVocabulary.localName(q.subject)) \(TimelineVocabulary.localName(q.object))"); return true
        }
        return out
    }

    @Test func theDefaultGraphSaysWhoControlsAPlaceNow() throws {
        let fx = try TimelineFixture()
        try fx.ontology()
        try fx.article("old.txt", published: "2022-05-01", places: ["Orvale"], [
            F(s: "Grey Army", p: "controls", o: "Orvale", date: "2022-05-01"),
        ])
        try fx.article("new.txt", published: "2024-03-01", places: ["Orvale", "Tamsin"], [
            F(s: "Blue Front", p: "captured", o: "Orvale", date: "2024-02-28"),
            F(s: "Grey Army", p: "controls", o: "Tamsin", date: "2024-02-28"),
            F(s: "Grey Army", p: "withdrewFrom", o: "Tamsin", date: "2024-03-01"),
        ])
        try fx.store.refreshTimeline(vocabulary: .core)
        #expect(try truthyControl(fx.store) == ["Blue_Front Orvale"], "past control and a place given up are not current")
        // What the older article said stays in its graph and in its statement.
        var old: [Triple] = []
        try fx.store.quads(graph: .some(ArticleRecord(path: "old.txt", hash: "").graph)) { q in
            if q.predicate == KG.term("controls") { old.append(q.triple) }
            return true
        }
        #expect(old == [Triple(TimelineFixture.id("Grey Army"), KG.term("controls"), TimelineFixture.id("Orvale"))])
        // The newer article gone, the older one's controller is current again.
        try fx.store.removeArticle(path: "new.txt")
        try fx.store.refreshTimeline(vocabulary: .core)
        #expect(try truthyControl(fx.store) == ["Grey_Army Orvale"])
        #expect(try fx.store.check().isEmpty)
    }


    @Test func refreshReplacesTheTimelineGraph() throws {
        let fx = try TimelineFixture()
        try fx.article("r1.txt", published: "2024-03-01", places: ["Orvale"], [
            F(s: "Blue Front", p: "captured", o: "Orvale", date: "2024-02-28"),
        ])
        #expect(try fx.store.refreshTimeline(vocabulary: .core) > 0)
        var periods: [Term] = []
        try fx.store.quads(predicate: .iri(RDFNS.type), object: .iri(KG.ns + "ControlPeriod"), graph: .some(TripleStore.timelineGraph)) { periods.append($0.subject); return true }
        try #require(periods.count == 1)
        // The periods are in the timeline graph only (the store's invariant 4).
        var inDefault = 0
        try fx.store.quads(predicate: .iri(RDFNS.type), object: .iri(KG.ns + "ControlPeriod"), graph: .some(nil)) { _ in inDefault += 1; return true }
        #expect(inDefault == 0)
        var start: Term?
        try fx.store.quads(subject: periods[0], predicate: .iri(KG.ns + "start"), graph: .some(TripleStore.timelineGraph)) { start = $0.object; return false }
        #expect(start == .typed("2024-02-28", XSD.date))
        // A second refresh replaces, never duplicates; removing the article empties the graph.
        try fx.store.removeArticle(path: "r1.txt")
        try fx.store.refreshTimeline(vocabulary: .core)
        var left = 0
        try fx.store.quads(graph: .some(TripleStore.timelineGraph)) { _ in left += 1; return true }
        #expect(left == 0)
        #expect(try fx.store.check().isEmpty)
    }
}

/// A year of news repeats the same report thousands of times: the timeline keeps a bounded number of
/// whole statements per report and lists every article, so its memory follows what is known.
@Suite struct RepeatedReportTests {
    @Test func repeatedReportsAreMergedWithEveryArticleListed() throws {
        let fx = try TimelineFixture()
        let articles = 3 * ControlHistory.evidencePerReport
        for n in 0..<articles {
            // The same capture and the same observation, three times in each article; the last
            // article asserts what the others only claim.
            let modality: Modality = n == articles - 1 ? .asserted : .claimed
            try fx.article(String(format: "rep-%03d.txt", n), published: "2023-07-01", places: n == 0 ? ["Orvale"] : [],
                           Array(repeating: [
                               F(s: "Blue Front", p: "captured", o: "Orvale", date: "2023-05-30", modality: modality),
                               F(s: "Blue Front", p: "controls", o: "Orvale", date: "2023-06-15", modality: modality),
                           ], count: 3).flatMap { $0 })
        }
        let t = try fx.timeline("Orvale")
        #expect(t.periods.count == 1)
        let p = try #require(t.periods.first)
        #expect(p.articles.count == articles)
        #expect(p.articles == (0..<articles).map { String(format: "rep-%03d.txt", $0) })
        // Two reports (the capture and the observation), each kept whole a bounded number of times.
        #expect(p.evidence.count <= 2 * ControlHistory.evidencePerReport)
        #expect(p.evidence.count >= 2)
        #expect(p.confirmed, "the one asserted statement among the claims confirms the period")
        #expect(p.evidence.contains { $0.modality == .asserted })
        // One capture event, not 3 × articles.
        #expect(t.events.count == 1)
        let e = try #require(t.events.first)
        #expect(e.articles.count == articles)
        #expect(e.evidence.count <= ControlHistory.evidencePerReport)
        #expect(!e.claimedOnly)
        #expect(Set(e.evidence.map(\.articlePath)).count > 1, "kept statements come from several articles")

        // The timeline graph names every article as a source of the period, once.
        try fx.store.refreshTimeline(vocabulary: .core)
        var sources = 0
        try fx.store.quads(predicate: .iri(KG.ns + "source"), graph: .some(TripleStore.timelineGraph)) { _ in sources += 1; return true }
        #expect(sources == articles)  // the period's (events are not materialised)
    }

    @Test func aLongPeriodKeepsItsFirstAndLatestReportsWhole() throws {
        let fx = try TimelineFixture()
        let days = ControlHistory.evidencePerPeriod + 36
        for n in 0..<days {
            // An undated observation in each article, dated by the article's own day.
            let day = TimelineDays.date(ordinal: TimelineDays.first(PartialDate(year: 2023, month: 1, day: 1)!) + n)
            try fx.article(String(format: "day-%03d.txt", n), published: day.iso, places: n == 0 ? ["Orvale"] : [],
                           [F(s: "Blue Front", p: "controls", o: "Orvale")])
        }
        let t = try fx.timeline("Orvale")
        let p = try #require(t.periods.first)
        #expect(t.periods.count == 1)
        #expect(p.articles.count == days)
        #expect(p.evidence.count == ControlHistory.evidencePerPeriod)
        #expect(p.evidence.first?.articlePath == "day-000.txt")
        #expect(p.evidence.last?.articlePath == String(format: "day-%03d.txt", days - 1), "the latest report is kept")
        #expect(p.start?.iso == "2023-01-01")
    }

    @Test func placesBuiltInGroupsEqualOnePass() throws {
        let fx = try TimelineFixture()
        try fx.article("g1.txt", published: "2024-01-10", places: ["Orvale", "Quillby", "Tessin Ford", "Marrow Bay"], [
            F(s: "Blue Front", p: "captured", o: "Orvale", date: "2024-01-04"),
            F(s: "Grey Legion", p: "controls", o: "Quillby", end: "2023-12"),
            F(s: "Blue Front", p: "captured", o: "Quillby", date: "2023-12-20"),
        ])
        try fx.article("g2.txt", published: "2024-02-01", [
            F(s: "Grey Legion", p: "captured", o: "Orvale", date: "2024-01-30"),
            F(s: "Harbor Pact", p: "controls", o: "Tessin Ford"),
            F(s: "Grey Legion", p: "surrounds", o: "Marrow Bay", date: "2024-01-28"),
            // a surrender's place is found, not stated: each group's pass reads the surrenders too
            F(s: "Third Column", p: "heldIn", o: "Marrow Bay"),
            F(s: "Third Column", p: "surrenderedTo", o: "Grey Legion", date: "2024-01-31"),
        ])
        let whole = try ControlHistory.build(from: fx.store, vocabulary: .core)
        #expect(whole.first { TimelineVocabulary.localName($0.place) == "Marrow_Bay" }?.periods.map(\.summary) == ["Grey_Legion 2024-01-31–…"])
        var parts: [[PlaceTimeline]] = []
        try ControlHistory.build(from: fx.store, vocabulary: .core, statementsPerPass: 1) { parts.append($0) }
        #expect(parts.count > 1, "one group per statement here")
        #expect(parts.flatMap { $0 }.sorted { $0.place < $1.place } == whole)
        #expect(whole.count == 4)
        var one: [[PlaceTimeline]] = []
        try ControlHistory.build(from: fx.store, vocabulary: .core) { one.append($0) }
        #expect(one == [whole])
    }
}

/// The word splitter that finds place names in sentences: the ASCII path gives the words the general
/// (Unicode) path gives, and non-ASCII text still splits on letters and digits.
@Suite struct TimelineWordTests {
    static func general(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    @Test func asciiWordsAreTheGeneralPathsWords() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019 -_,.'\"()/\\\t\n#@").map(String.init)
        var samples = ["Orvale-Ford fell to the Blue Front on 5 January 2024.", "", "   ", "IB129", "--a--", "Z9 z9 Z9"]
        for _ in 0..<300 {
            samples.append((0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined())
        }
        for text in samples {
            #expect(TimelineFacts.words(text) == Self.general(text), "\(text.debugDescription)")
        }
    }

    @Test func nonASCIITextSplitsOnLettersAndDigits() {
        #expect(TimelineFacts.words("Tessin Ford — Marrow-Bäy 2023") == ["tessin", "ford", "marrow", "bäy", "2023"])
        #expect(TimelineFacts.words("Quillby Σπάρτη fell") == ["quillby", "σπάρτη", "fell"])
    }
}
