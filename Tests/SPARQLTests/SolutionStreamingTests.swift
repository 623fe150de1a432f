import Foundation
import Testing
import RDF
import Store
@testable import SPARQL

/// Issue #5, streaming: solutions flow from a BGP's SQL statement through the operators to the caller
/// one at a time, a LIMIT (or a caller that stops) ends the SQL scan, and the answer is the one the
/// whole-answer API gives, in the same order.
@Suite struct SolutionStreamingTests {
    /// `n` subjects: :s{i} :p :o{i % 300}, :s{i} :label "i"; and :o{j} :q :z{j % 7} (two for j % 3 == 0)
    /// for even j (150 of them, 50 with a second): 2n + 200 quads.
    static func wideQuads(_ n: Int) -> [Quad] {
        var q: [Quad] = []
        for i in 0..<n {
            q.append(Quad(iri("s\(i)"), iri("p"), iri("o\(i % 300)")))
            q.append(Quad(iri("s\(i)"), iri("label"), .string("\(i)")))
        }
        for j in stride(from: 0, to: 300, by: 2) {
            q.append(Quad(iri("o\(j)"), iri("q"), iri("z\(j % 7)")))
            if j % 3 == 0 { q.append(Quad(iri("o\(j)"), iri("q"), iri("z\((j + 1) % 7)"))) }
        }
        return q
    }

    /// The solutions of `text` as the engine hands them over, stopping after `stopAfter` if given, and
    /// what the engine read.
    static func streamed(_ engine: QueryEngine, _ text: String, stopAfter: Int? = nil) throws
        -> (rows: [[Term?]], calls: Int, stats: Evaluator.Statistics) {
        var rows: [[Term?]] = []
        var calls = 0
        try engine.execute(try Query.parse(prefixes + text)) { event in
            calls += 1
            guard case .solution(let r) = event else { return true }
            rows.append(r)
            return stopAfter.map { rows.count < $0 } ?? true
        }
        return (rows, calls, engine.statistics)
    }

    static func all(_ engine: QueryEngine, _ text: String) throws -> [[Term?]] {
        guard case .bindings(_, let rows) = try engine.execute(try Query.parse(prefixes + text)) else { return [] }
        return rows
    }

    @Test func aLimitStopsTheScan() throws {
        try withStore(Self.wideQuads(2500)) { store throws in
            let engine = QueryEngine(store: store)
            // Without a limit every quad is read (so the bounds below mean something).
            let full = try Self.streamed(engine, "SELECT * { ?s ?p ?o }")
            #expect(full.rows.count == 2 * 2500 + 200)
            #expect(engine.statistics.rowsRead == full.rows.count)
            let limited: [(String, Int)] = [
                ("SELECT * { ?s ?p ?o } LIMIT 1", 1),
                ("SELECT * { ?s ?p ?o FILTER(isIRI(?o)) } LIMIT 3", 3),
                ("SELECT DISTINCT ?s { ?s ?p ?o } LIMIT 2", 2),
                ("SELECT ?s { ?s ?p ?o BIND(STR(?s) AS ?x) } OFFSET 5 LIMIT 5", 5),
                ("SELECT * { { ?s :p ?o } UNION { ?s :label ?o } } LIMIT 4", 4),
                ("SELECT * { GRAPH ?g { ?s ?p ?o } } LIMIT 1", 0),
                ("SELECT * { ?s :label ?l FILTER EXISTS { ?s :p ?o } } LIMIT 2", 2),
                ("SELECT * { ?s ?p ?o VALUES ?k { 1 2 } } LIMIT 3", 3),
            ]
            for (text, expected) in limited {
                let r = try Self.streamed(engine, text)
                #expect(r.rows.count == expected, "\(text)")
                // The first batch of a statement is 16 rows; EXISTS reads a few per solution.
                #expect(r.stats.rowsRead <= 64, "\(text) read \(r.stats.rowsRead) rows")
            }
            var asked = false
            try engine.execute(try Query.parse("ASK { ?s ?p ?o }")) { if case .boolean(let b) = $0 { asked = b }; return true }
            #expect(asked)
            #expect(engine.statistics.rowsRead <= 16)
        }
    }

    @Test func aCallerThatStopsEndsTheQuery() throws {
        try withStore(Self.wideQuads(5000)) { store throws in
            let engine = QueryEngine(store: store)
            // (query, rows it may read): one statement's first batch; an OPTIONAL's left side up to the
            // bind-join limit (batches of 16, 32, … 1,024: 2,032 rows), then its right side (~250).
            for (text, bound) in [("SELECT * { ?s ?p ?o }", 16), ("SELECT ?s ?l { ?s :p ?o ; :label ?l }", 16),
                                  ("SELECT * { ?s :p ?o OPTIONAL { ?o :q ?z } }", 2032 + 300)] {
                let all = try Self.all(engine, text)
                let r = try Self.streamed(engine, text, stopAfter: 10)
                #expect(r.calls == 11, "the variables, then 10 solutions and no more: \(text)")
                #expect(r.rows == Array(all.prefix(10)), Comment(rawValue: text))
                #expect(r.stats.rowsRead <= bound && bound < all.count / 2, "\(text) read \(r.stats.rowsRead) of \(all.count)")
            }
        }
    }

    /// A join whose left side passes `bindJoinLimit` switches from a bind join to a hash join while the
    /// left side streams: no row lost or repeated, each left row meeting its compatible right rows in
    /// the right side's order (what the test computes by nested loops from the two sides' answers).
    @Test func aHashJoinTakenOverMidStreamKeepsTheOrder() throws {
        try withStore(Self.wideQuads(3000)) { store throws in
            let engine = QueryEngine(store: store)
            let left = try Self.all(engine, "SELECT ?s ?o { ?s :p ?o }")
            let right = try Self.all(engine, "SELECT ?o ?z { ?o :q ?z }")
            #expect(left.count > Evaluator.bindJoinLimit)
            var join: [[Term?]] = [], optional: [[Term?]] = []
            for l in left {
                let matches = right.filter { $0[0] == l[1] }.map { [l[0], l[1], $0[1]] }
                join += matches
                optional += matches.isEmpty ? [[l[0], l[1], nil]] : matches
            }
            #expect(try Self.all(engine, "SELECT ?s ?o ?z { { ?s :p ?o } { ?o :q ?z } }") == join)
            #expect(try Self.all(engine, "SELECT ?s ?o ?z { ?s :p ?o OPTIONAL { ?o :q ?z } }") == optional)
            // Not seedable (the FILTER reads ?s, which the right side does not bind): a hash join from the
            // first left row.
            #expect(try Self.all(engine, "SELECT ?s ?o ?z { { ?s :p ?o } { ?o :q ?z FILTER(!BOUND(?s)) } }") == join)
            let minus = left.filter { l in !right.contains { $0[0] == l[1] } }
            #expect(try Self.all(engine, "SELECT ?s ?o { ?s :p ?o MINUS { ?o :q ?z } }") == minus)
            // Stopping inside the hash join's probe.
            let r = try Self.streamed(engine, "SELECT ?s ?o ?z { ?s :p ?o OPTIONAL { ?o :q ?z } }", stopAfter: 1500)
            #expect(r.rows == Array(optional.prefix(1500)))
        }
    }

    /// OFFSET/LIMIT over a streamed answer is the slice of the whole answer.
    @Test func aSliceIsTheSliceOfTheWholeAnswer() throws {
        try withStore(Self.wideQuads(1500)) { store throws in
            let engine = QueryEngine(store: store)
            let queries = [
                "SELECT ?s ?o ?z { ?s :p ?o OPTIONAL { ?o :q ?z } }",
                "SELECT ?s ?o ?z { ?s :p ?o . ?o :q ?z FILTER(?z != :z3) }",
                "SELECT DISTINCT ?o { ?s :p ?o }",
                "SELECT ?x { { ?x :q ?y } UNION { ?x :p ?y } MINUS { ?x :q :z0 } }",
                "SELECT ?o (COUNT(*) AS ?n) { ?s :p ?o } GROUP BY ?o ORDER BY DESC(?n) ?o",
                "SELECT ?s ?len { ?s :label ?l BIND(STRLEN(?l) AS ?len) } ORDER BY ?len ?s",
            ]
            for text in queries {
                let all = try Self.all(engine, text)
                #expect(all.count > 60, "\(text)")
                for (offset, limit) in [(0, 7), (13, 40), (all.count - 3, 10)] {
                    let part = try Self.all(engine, text + " OFFSET \(offset) LIMIT \(limit)")
                    #expect(part == Array(all[offset..<min(all.count, offset + limit)]), "\(text) OFFSET \(offset) LIMIT \(limit)")
                }
            }
        }
    }

    /// GROUP BY feeds each solution into running aggregates: they equal what the test computes from
    /// the group's solutions (in their order: SAMPLE is the first, GROUP_CONCAT joins in order).
    @Test func groupsAggregateAsTheSolutionsStream() throws {
        try withStore(Self.wideQuads(1200)) { store throws in
            let engine = QueryEngine(store: store)
            let pattern = "{ ?s :p ?o ; :label ?l BIND(STRLEN(?l) AS ?len) }"
            let rows = try Self.all(engine, "SELECT ?s ?o ?l ?len \(pattern)")
            var order: [Term] = []
            var members: [Term: [[Term?]]] = [:]
            for r in rows {
                if members[r[1]!] == nil { order.append(r[1]!) }
                members[r[1]!, default: []].append(r)
            }
            func integer(_ t: Term?) -> Int { Int(t!.literalValue!.lexical)! }
            let expected: [[Term?]] = order.map { o in
                let m = members[o]!
                return [o, int(m.count), int(Set(m.map { $0[0]! }).count), m[0][0],
                        .string(m.map { $0[2]!.literalValue!.lexical }.joined(separator: ",")),
                        int(m.map { integer($0[3]) }.reduce(0, +)), int(m.map { integer($0[3]) }.max()!), nil]
            }
            let grouped = try Self.all(engine, """
                SELECT ?o (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?d) (SAMPLE(?s) AS ?x) (GROUP_CONCAT(?l; SEPARATOR=",") AS ?c)
                       (SUM(?len) AS ?sum) (MAX(?len) AS ?mx) (SUM(?l) AS ?bad) \(pattern) GROUP BY ?o
                """)
            #expect(grouped.count == 300)
            #expect(grouped == expected)
            // No solution, no key: one group, COUNT 0, AVG 0, MIN unbound.
            let empty = try Self.all(engine, "SELECT (COUNT(*) AS ?n) (AVG(?x) AS ?a) (MIN(?x) AS ?m) { ?s :none ?x }")
            #expect(empty == [[int(0), int(0), nil]])
        }
    }

    /// 200,000 quads through the public API with a body that counts: the solutions arrive while the
    /// statement is still being read, and the term cache stays under its bound although the scan
    /// meets more distinct terms than that.
    @Test func aLargeScanIsNotHeld() throws {
        let n = 100_000
        var quads: [Quad] = []
        quads.reserveCapacity(2 * n)
        for i in 0..<n {
            quads.append(Quad(iri("s\(i)"), iri("label"), .string("label \(i)")))
            quads.append(Quad(iri("s\(i)"), iri("p"), iri("s\((i * 7919) % n)")))
        }
        try withStore(quads) { store throws in
            let engine = QueryEngine(store: store)
            var count = 0
            var readAtFirst = -1, readAtHalf = -1
            try engine.execute(try Query.parse("SELECT * WHERE { ?s ?p ?o }"), timeout: 600) { event in
                guard case .solution(let r) = event else { return true }
                #expect(r.count == 3 && r.allSatisfy { $0 != nil })
                count += 1
                if count == 1 { readAtFirst = engine.statistics.rowsRead }
                if count == n { readAtHalf = engine.statistics.rowsRead }
                return true
            }
            #expect(count == 2 * n)
            #expect(readAtFirst <= 16, "first solution after \(readAtFirst) rows")
            #expect(readAtHalf <= n + 1024, "half the solutions after \(readAtHalf) rows")
            #expect(engine.statistics.rowsRead == 2 * n)
            #expect(engine.statistics.peakCachedTerms <= Evaluator.termCacheLimit)
            #expect(2 * n > Evaluator.termCacheLimit, "the scan meets more terms than the cache keeps")
        }
    }

    /// The writers fed event by event write the bytes `ResultWriter.write` writes for the whole answer,
    /// and the streaming formats have written a solution before the next one is produced.
    @Test func writersStreamTheSameBytes() throws {
        try withPeopleStore { store throws in
            let engine = QueryEngine(store: store)
            let queries = [
                "SELECT ?s ?name ?age { ?s :name ?name OPTIONAL { ?s :age ?age } }",
                "SELECT * { GRAPH ?g { ?s :says ?w } }",
                "ASK { ?s :knows ?o }",
                "CONSTRUCT { ?o :knownBy ?s } WHERE { ?s :knows ?o }",
                "DESCRIBE :alice",
            ]
            for text in queries {
                let query = try Query.parse(prefixes + text)
                let whole = try engine.execute(query)
                for format in ResultFormat.allCases {
                    var out = ""
                    var seenBefore: [String] = []
                    let writer = ResultStreamWriter(format: format, label: { $0 == iri("alice") ? "Alice A." : nil }) { out += $0 }
                    try engine.execute(query) { event in
                        if case .solution = event { seenBefore.append(out) }
                        if case .triple = event { seenBefore.append(out) }
                        return writer.write(event)
                    }
                    writer.finish()
                    let expected = ResultWriter.write(whole, format: format, label: { $0 == iri("alice") ? "Alice A." : nil })
                    #expect(out == expected, "\(text) as \(format)")
                    // Solutions stream in the W3C formats, triples in N-Triples (any format but Turtle and the table).
                    let streams = query.form == .select ? [.json, .xml, .csv, .tsv].contains(format)
                                                        : ![.turtle, .table].contains(format)
                    if streams, seenBefore.count >= 2 {
                        // What was written when the second piece arrived holds the first one.
                        #expect(seenBefore[1].count > seenBefore[0].count, "\(text) as \(format) streams")
                    } else if !streams, query.form != .ask {
                        #expect(seenBefore.allSatisfy { $0.isEmpty }, "\(text) as \(format) waits for the whole answer")
                    }
                }
            }
        }
    }
}
