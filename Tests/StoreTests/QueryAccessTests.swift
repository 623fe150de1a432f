import Foundation
import RDF
import Testing
@testable import Store

/// The typed calls SPARQL reads the store through: pattern queries, term decoding, path steps, name
/// look-ups, named graphs, read snapshots and interruption.
@Suite struct PatternQueryTests {
    static let a = Term.iri("http://x/a"), b = Term.iri("http://x/b"), c = Term.iri("http://x/c")
    static let knows = Term.iri("http://x/knows"), name = Term.iri("http://x/name")
    static let g1 = Term.iri("http://x/g1"), g2 = Term.iri("http://x/g2")

    /// a knows b, b knows c (default graph); a knows c in g1 and in g2; b knows a in g1 only.
    func withPeople<T>(_ body: (TripleStore) throws -> T) throws -> T {
        try withTemporaryStore { store in
            try store.transaction {
                try store.insert(Quad(Self.a, Self.knows, Self.b))
                try store.insert(Quad(Self.b, Self.knows, Self.c))
                try store.insert(Quad(Self.b, Self.name, .string("Bob")))
                try store.insert(Quad(Self.a, Self.knows, Self.c, graph: Self.g1))
                try store.insert(Quad(Self.a, Self.knows, Self.c, graph: Self.g2))
                try store.insert(Quad(Self.b, Self.knows, Self.a, graph: Self.g1))
            }
            return try body(store)
        }
    }

    func id(_ store: TripleStore, _ t: Term) throws -> Int64 { try #require(try store.id(of: t)) }

    /// Every row of `query`, read in batches of `batch`.
    func rows(_ store: TripleStore, _ query: PatternQuery, batch: Int = 16) throws -> [[Int64]] {
        let cursor = try store.patternRows(query)
        var ids: [Int64] = []
        while try cursor.read(batch, into: &ids) == batch {}
        let width = cursor.slots.count
        if width == 0 { return [] }   // a query that cannot match (rows of no column are counted elsewhere)
        return stride(from: 0, to: ids.count, by: width).map { Array(ids[$0..<$0 + width]) }
    }

    @Test func sharedSlotsJoinAndEachSlotIsAColumnInOrderOfFirstUse() throws {
        try withPeople { store in
            let knows = try id(store, Self.knows)
            let q = PatternQuery([.init(.variable(5), .id(knows), .variable(2)), .init(.variable(2), .id(knows), .variable(7))],
                                 graphs: .graph(0))
            let cursor = try store.patternRows(q)
            #expect(cursor.slots == [5, 2, 7])
            #expect(try rows(store, q) == [[id(store, Self.a), id(store, Self.b), id(store, Self.c)]])
        }
    }

    @Test func theSQLIsTheFixedFragmentsWithIdsAsParameters() throws {
        try withPeople { store in
            let knows = try id(store, Self.knows)
            let q = PatternQuery([.init(.variable(0), .id(knows), .variable(1)), .init(.variable(1), .id(knows), .variable(2))],
                                 graphs: .graph(0), limit: 10)
            let plan = try #require(store.patternSQL(q))
            #expect(plan.sql == "SELECT q0.s, q0.o, q1.o FROM quad AS q0, quad AS q1 WHERE q0.g = ?1 AND q0.p = ?2 "
                    + "AND q1.g = ?3 AND q1.s = q0.o AND q1.p = ?4 LIMIT ?5")
            #expect(plan.parameters == [0, knows, 0, knows, 10])
            let named = PatternQuery([.init(.variable(0), .id(knows), .variable(1)), .init(.variable(1), .id(knows), .variable(0))],
                                     graphs: .anyNamed(slot: 3, among: [7, 8]))
            let graphPlan = try #require(store.patternSQL(named))
            #expect(graphPlan.sql == "SELECT q0.g, q0.s, q0.o FROM quad AS q0, quad AS q1 WHERE q0.g IN (?1, ?2) AND q0.p = ?3 "
                    + "AND q1.g = q0.g AND q1.s = q0.o AND q1.p = ?4 AND q1.o = q0.s")
            let merged = PatternQuery([.init(.variable(0), .anyOf([4, 5]), .id(6))], graphs: .merge([1, 2]))
            #expect(store.patternSQL(merged)?.sql
                    == "SELECT q0.s FROM (SELECT DISTINCT s, p, o FROM quad WHERE g IN (?1, ?2)) AS q0 WHERE q0.p IN (?3, ?4) AND q0.o = ?5")
            #expect(store.patternSQL(PatternQuery([.init(.variable(0), .anyOf([]), .variable(1))], graphs: .graph(0))) == nil)
        }
    }

    @Test func constantsAndAlternativesRestrictTheRows() throws {
        try withPeople { store in
            let (knows, name, a, b, c) = try (id(store, Self.knows), id(store, Self.name), id(store, Self.a), id(store, Self.b), id(store, Self.c))
            #expect(try rows(store, PatternQuery([.init(.id(a), .id(knows), .variable(0))], graphs: .graph(0))) == [[b]])
            let either = try rows(store, PatternQuery([.init(.id(b), .anyOf([knows, name]), .variable(0))], graphs: .graph(0)))
            #expect(Set(either.map { $0[0] }) == [c, try id(store, .string("Bob"))])
            #expect(try rows(store, PatternQuery([.init(.id(c), .anyOf([]), .variable(0))], graphs: .graph(0))).isEmpty)
        }
    }

    @Test func aPatternWithoutVariablesSaysWhetherItMatches() throws {
        try withPeople { store in
            let (knows, a, b) = try (id(store, Self.knows), id(store, Self.a), id(store, Self.b))
            for (object, matches) in [(b, true), (a, false)] {
                let cursor = try store.patternRows(PatternQuery([.init(.id(a), .id(knows), .id(object))], graphs: .graph(0)))
                var ids: [Int64] = []
                #expect(try cursor.read(16, into: &ids) == (matches ? 1 : 0))
                #expect(ids.isEmpty && cursor.slots.isEmpty)
            }
        }
    }

    @Test func graphsAreOneGraphAMergeOrAnyNamedGraphBoundToItsSlot() throws {
        try withPeople { store in
            let (knows, a, b, c, g1, g2) = try (id(store, Self.knows), id(store, Self.a), id(store, Self.b), id(store, Self.c),
                                               id(store, Self.g1), id(store, Self.g2))
            let edge = PatternQuery.Pattern(.variable(0), .id(knows), .variable(1))
            #expect(Set(try rows(store, PatternQuery([edge], graphs: .graph(g1)))) == [[a, c], [b, a]])
            // a knows c is in both graphs: once in their merge
            #expect(try rows(store, PatternQuery([edge], graphs: .merge([g1, g2]))).sorted { $0.lexicographicallyPrecedes($1) }
                    == [[a, c], [b, a]].sorted { $0.lexicographicallyPrecedes($1) })
            // any named graph (never the default graph): the graph is column 0, and both patterns are in it
            let named = try rows(store, PatternQuery([edge], graphs: .anyNamed(slot: 9, among: nil)))
            #expect(Set(named) == [[g1, a, c], [g2, a, c], [g1, b, a]])
            let chain = PatternQuery([edge, .init(.variable(1), .id(knows), .variable(2))], graphs: .anyNamed(slot: 9, among: nil))
            #expect(try rows(store, chain) == [[g1, b, a, c]])
            #expect(Set(try rows(store, PatternQuery([edge], graphs: .anyNamed(slot: 9, among: [g2])))) == [[g2, a, c]])
        }
    }

    @Test func aCursorReadsInBatchesAndEndsOnce() throws {
        try withTemporaryStore { store in
            let p = Term.iri("http://x/p")
            try store.transaction { for i in 0..<40 { try store.insert(Quad(.iri("http://x/s\(i)"), p, .string("\(i)"))) } }
            let cursor = try store.patternRows(PatternQuery([.init(.variable(0), .id(try id(store, p)), .variable(1))], graphs: .graph(0)))
            var ids: [Int64] = []
            #expect(try cursor.read(16, into: &ids) == 16)
            #expect(try cursor.read(16, into: &ids) == 16)
            #expect(try cursor.read(16, into: &ids) == 8)
            // a finished query is not run again
            #expect(try cursor.read(16, into: &ids) == 0)
            #expect(ids.count == 80 && Set(ids).count == 80)
        }
    }

    @Test func aLimitStopsTheRowsAndTooManyPatternsAreRefused() throws {
        try withPeople { store in
            let knows = try id(store, Self.knows)
            let edge = PatternQuery.Pattern(.variable(0), .id(knows), .variable(1))
            #expect(try rows(store, PatternQuery([edge], graphs: .graph(0), limit: 1)).count == 1)
            #expect(try rows(store, PatternQuery([edge], graphs: .graph(0))).count == 2)
            let many = PatternQuery(Array(repeating: edge, count: PatternQuery.maxPatterns + 1), graphs: .graph(0))
            #expect(throws: StoreError.self) { _ = try store.patternRows(many) }
        }
    }
}

@Suite struct TermDecodingTests {
    @Test func termsAreDecodedInChunksAndMissingIdsLeftOut() throws {
        try withTemporaryStore { store in
            let terms: [Term] = (0..<700).map { .string("t\($0)") } + [.lang("x", "en"), .iri("http://x/i"), .blank("b")]
            let ids = try store.transaction { try terms.map(store.intern) }
            var found: [Int64: Term] = [:]
            try store.terms(ids: ids[...] + [999_999]) { found[$0] = $1 }
            #expect(found.count == terms.count)
            for (i, t) in zip(ids, terms) { #expect(found[i] == t) }
            // three ids: one statement of four parameters (the last repeated)
            found = [:]
            try store.terms(ids: ids[700..<703]) { found[$0] = $1 }
            #expect(found == [ids[700]: terms[700], ids[701]: terms[701], ids[702]: terms[702]])
        }
    }

    @Test func languageVariantsIgnoreTheCaseOfTheTagOnly() throws {
        try withTemporaryStore { store in
            let en = try store.intern(.lang("war", "en")), EN = try store.intern(.lang("war", "EN"))
            _ = try store.intern(.lang("War", "en")); _ = try store.intern(.lang("war", "de")); _ = try store.intern(.string("war"))
            #expect(Set(try store.languageVariants(of: Literal("war", language: "En"))) == [en, EN])
            #expect(try store.languageVariants(of: Literal("peace", language: "en")).isEmpty)
        }
    }
}

@Suite struct PathAndNameLookupTests {
    @Test func pathStepsFollowOnePredicateOrAnyOtherInOneGraph() throws {
        try withTemporaryStore { store in
            let (a, b, c) = (Term.iri("http://x/a"), Term.iri("http://x/b"), Term.iri("http://x/c"))
            let (p, q, g) = (Term.iri("http://x/p"), Term.iri("http://x/q"), Term.iri("http://x/g"))
            try store.transaction {
                try store.insert(Quad(a, p, b)); try store.insert(Quad(a, q, b)); try store.insert(Quad(b, p, c))
                try store.insert(Quad(c, p, a, graph: g))
            }
            let (ia, ib, ic, ip, iq, ig) = try (store.id(of: a)!, store.id(of: b)!, store.id(of: c)!, store.id(of: p)!,
                                                store.id(of: q)!, store.id(of: g)!)
            let dflt = GraphMatch.merge([0])
            #expect(try store.pathStep(from: ia, predicate: ip, forward: true, in: dflt) == [ib])
            #expect(try store.pathStep(from: ic, predicate: ip, forward: false, in: dflt) == [ib])
            // by any predicate: once per predicate
            #expect(try store.pathStep(from: ia, predicate: nil, forward: true, in: dflt) == [ib, ib])
            #expect(try store.pathStep(from: ia, predicate: nil, excluding: [iq], forward: true, in: dflt) == [ib])
            #expect(try store.pathStep(from: ic, predicate: ip, forward: true, in: dflt).isEmpty)
            #expect(try store.pathStep(from: ic, predicate: ip, forward: true, in: .graph(ig)) == [ia])
            #expect(try store.pathStep(from: ic, predicate: ip, forward: true, in: .merge([0, ig])) == [ia])
            #expect(Set(try store.pathStarts(predicate: ip, in: dflt)) == [ia, ib])
            #expect(Set(try store.pathStarts(predicate: nil, in: dflt)) == [ia, ib, ic])
            #expect(Set(try store.pathStarts(predicate: nil, in: .graph(ig))) == [ia, ic])
            #expect(throws: StoreError.self) { _ = try store.pathStep(from: ia, predicate: ip, forward: true, in: .anyNamed(slot: 0, among: nil)) }
        }
    }

    @Test func namesAreLookedUpIgnoringCase() throws {
        try withTemporaryStore { store in
            let label = Term.iri(RDFS.label), alt = Term.iri(SKOS.altLabel)
            let (x, y, z) = (Term.iri(KG.entityNS + "X"), Term.iri(KG.entityNS + "Y"), Term.iri(KG.entityNS + "Z"))
            try store.transaction {
                _ = try store.intern(.iri(KG.ns + "surrenderedTo"))
                _ = try store.intern(.iri("http://other/SURRENDEREDTO"))
                try store.insert(Quad(z, alt, .iri("Northern Alliance")))   // not a literal: not a name
                try store.insert(Quad(y, alt, .string("Northern Alliance")))
                try store.insert(Quad(x, label, .string("northern alliance")))
            }
            #expect(try store.iri(inNamespace: KG.ns, equalIgnoringCase: KG.ns + "SurrenderedTO") == KG.ns + "surrenderedTo")
            #expect(try store.iri(inNamespace: KG.ns, equalIgnoringCase: KG.ns + "captured") == nil)
            #expect(try store.iri(inNamespace: "http://other/", equalIgnoringCase: "http://other/surrenderedto") == "http://other/SURRENDEREDTO")
            let (il, ia) = try (store.id(of: label)!, store.id(of: alt)!)
            let (ix, iy) = try (store.id(of: x)!, store.id(of: y)!)
            #expect(ia < il)
            // the lowest predicate id wins, whatever the order given
            #expect(try store.subject(labelled: "NORTHERN ALLIANCE", through: [il, ia]) == iy)
            #expect(try store.subject(labelled: "northern alliance", through: [il]) == ix)
            #expect(try store.subject(labelled: "Northern", through: [il, ia]) == nil)
            #expect(try store.subject(labelled: "northern alliance", through: []) == nil)
        }
    }
}

@Suite struct ReadAccessTests {
    @Test func namedGraphsAreTheGraphsWithQuads() throws {
        try withTemporaryStore { store in
            let g = Term.iri("http://x/g"), p = Term.iri("http://x/p")
            try store.insert(Quad(p, p, p))
            #expect(try store.namedGraphIDs().isEmpty)
            try store.insert(Quad(p, p, p, graph: g))
            let ig = try #require(try store.id(of: g))
            #expect(try store.namedGraphIDs() == [ig])
            #expect(try store.graphHasQuads(ig) && store.graphHasQuads(0))
            #expect(try !store.graphHasQuads(try store.id(of: p)!))
        }
    }

    @Test func aSnapshotDoesNotSeeWhatAnotherConnectionCommits() throws {
        try withTemporaryFolder { dir in
            let path = dir.appendingPathComponent("kg.sqlite").path
            let writer = try TripleStore(path: path)
            let p = Term.iri("http://x/p")
            try writer.insert(Quad(.iri("http://x/1"), p, .string("1")))
            let reader = try TripleStore(path: path, readOnly: true)
            let pid = try #require(try reader.id(of: p))
            func count() throws -> Int {
                let rows = try reader.patternRows(PatternQuery([.init(.variable(0), .id(pid), .variable(1))], graphs: .graph(0)))
                var ids: [Int64] = []
                return try rows.read(100, into: &ids)
            }
            let inside = try reader.withReadSnapshot {
                let before = try count()
                try writer.insert(Quad(.iri("http://x/2"), p, .string("2")))
                // nested: joins the snapshot
                return try (before, count(), reader.withReadSnapshot { try count() })
            }
            #expect(inside == (1, 1, 1))
            #expect(try count() == 2)
            // a failing body ends its snapshot: the next one sees the new quad
            struct Boom: Error {}
            #expect(throws: Boom.self) { try reader.withReadSnapshot { _ = try count(); throw Boom() } }
            try writer.insert(Quad(.iri("http://x/3"), p, .string("3")))
            #expect(try reader.withReadSnapshot { try count() } == 3)
            // inside a writer's transaction, the body runs in it
            try writer.transaction {
                try writer.insert(Quad(.iri("http://x/4"), p, .string("4")))
                #expect(try writer.withReadSnapshot { try writer.counts().quads } == 4)
            }
        }
    }

    @Test func anInterruptStopsTheRunningQuery() throws {
        try withTemporaryStore { store in
            let p = Term.iri("http://x/p")
            try store.transaction { for i in 0..<60 { try store.insert(Quad(.iri("http://x/s\(i)"), p, .string("\(i)"))) } }
            let pid = try #require(try store.id(of: p))
            let edge = PatternQuery.Pattern(.variable(0), .id(pid), .variable(1))
            let rows = try store.patternRows(PatternQuery([edge, .init(.variable(2), .id(pid), .variable(3))], graphs: .graph(0)))
            var ids: [Int64] = []
            #expect(try rows.read(1, into: &ids) == 1)
            store.interrupter.interrupt()
            do {
                _ = try rows.read(10_000, into: &ids)
                Issue.record("the interrupted query went on")
            } catch let e as StoreError {
                #expect(e.isInterrupt)
            }
            // the store is usable afterwards
            #expect(try store.counts().quads == 60)
        }
    }
}
