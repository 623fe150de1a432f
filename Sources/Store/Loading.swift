import RDF

extension TripleStore {
    /// Adds quads in transactions of `batchSize`, returning how many were new.
    /// Used by `kg import`; each batch commits whole, so an interrupted import keeps whole batches.
    /// Terms get their ids from the in-memory dictionary (new ones are inserted as they come); each
    /// batch's quads are sorted by the primary key (s, p, o, g) and inserted many rows per statement,
    /// so the B-tree is written in order.
    @discardableResult
    public func load<S: Sequence>(_ quads: S, batchSize: Int = 50_000) throws -> Int where S.Element == Quad {
        var added = 0
        var iterator = quads.makeIterator()
        var done = false
        var rows: [QuadRow] = []
        rows.reserveCapacity(min(max(batchSize, 1), 1 << 20))
        while !done {
            try transaction {
                rows.removeAll(keepingCapacity: true)
                while rows.count < batchSize {
                    guard let q = iterator.next() else { done = true; break }
                    let g = try q.graph.map(intern) ?? 0
                    rows.append(QuadRow(s: try intern(q.subject), p: try intern(q.predicate), o: try intern(q.object), g: g))
                }
                added += try insertSorted(&rows)
            }
        }
        return added
    }

    /// One quad as term ids, ordered like the primary key.
    public struct QuadRow: Comparable {
        public var s, p, o, g: Int64
        public static func < (a: QuadRow, b: QuadRow) -> Bool {
            if a.s != b.s { return a.s < b.s }
            if a.p != b.p { return a.p < b.p }
            if a.o != b.o { return a.o < b.o }
            return a.g < b.g
        }
    }

    /// Adds the triple (s, p, o) to `rows` in the named graph `g` and in the default graph (invariant 4).
    static func appendToGraphAndDefault(_ rows: inout [QuadRow], _ s: Int64, _ p: Int64, _ o: Int64, _ g: Int64) {
        rows.append(QuadRow(s: s, p: p, o: o, g: g))
        rows.append(QuadRow(s: s, p: p, o: o, g: 0))
    }

    /// Inserts `rows` (sorted here, duplicates dropped) with `INSERT OR IGNORE`; returns how many were new.
    /// Runs inside the caller's transaction.
    func insertSorted(_ rows: inout [QuadRow]) throws -> Int {
        guard !rows.isEmpty else { return 0 }
        rows.sort()
        var unique = 1
        for i in 1..<rows.count where rows[i] != rows[unique - 1] {
            rows[unique] = rows[i]
            unique += 1
        }
        let wide = 128
        var added = 0
        var i = 0
        while i < unique {
            let n = unique - i >= wide ? wide : 1
            let st = try insertQuadStatement(rows: n)
            var k: Int32 = 1
            for r in rows[i..<(i + n)] {
                st.bind(r.s, at: k); st.bind(r.p, at: k + 1); st.bind(r.o, at: k + 2); st.bind(r.g, at: k + 3)
                k += 4
            }
            try st.run()
            added += connection.changes
            i += n
        }
        return added
    }

    private func insertQuadStatement(rows n: Int) throws -> Statement {
        if let st = insertQuadStatements[n] { return st }
        let values = (0..<n).map { r in "(?\(4 * r + 1), ?\(4 * r + 2), ?\(4 * r + 3), ?\(4 * r + 4))" }
        let st = try connection.prepareUncached("INSERT OR IGNORE INTO quad(s, p, o, g) VALUES " + values.joined(separator: ", "))
        insertQuadStatements[n] = st
        return st
    }

    /// Runs a large load: when the store holds fewer quads than `expectedQuads` (an empty store when nil),
    /// the secondary quad indexes are dropped for the load and rebuilt after it (sorting once is much
    /// cheaper than keeping three B-trees ordered on every insert); otherwise `body` runs with the indexes
    /// in place. If the process dies before the rebuild, the next writer to open the store rebuilds
    /// them (`repairQuadIndexes`), so the store stays consistent and complete. `analyze`: refresh the
    /// planner's statistics after (`kg build` does it itself after deriving the timeline). `derive` runs
    /// after `body`: in a bulk load, once the POSG and GSPO indexes are rebuilt (its reads by predicate
    /// and by graph are indexed) and before OSPG (its writes keep one index fewer up to date).
    public func bulkLoad<T>(expectedQuads: Int? = nil, analyze analyzeAfter: Bool = true, _ body: () throws -> T,
                            derive: (() throws -> Void)? = nil) throws -> T {
        let limit = max(expectedQuads ?? 1, 1)
        let existing = try connection.prepare("SELECT count(*) FROM (SELECT 1 FROM quad LIMIT ?1)")
        existing.bind(Int64(limit), at: 1)
        let small = try existing.step() && existing.int(0) < limit
        existing.reset()
        guard small else {
            let result = try body()
            try derive?()
            if analyzeAfter { try analyze() }
            return result
        }
        try connection.execute("DROP INDEX IF EXISTS quad_posg; DROP INDEX IF EXISTS quad_ospg; DROP INDEX IF EXISTS quad_gspo")
        defer { try? createQuadIndexes() }
        let result = try body()
        if let derive {
            try createQuadIndexes(["quad_posg", "quad_gspo"])
            try derive()
        }
        try createQuadIndexes()
        if analyzeAfter { try analyze() }
        return result
    }

    /// Refreshes the query planner's statistics (sqlite_stat1) from a sample of each index, so that a
    /// join starts from its most selective pattern (without them SQLite may scan the whole default graph
    /// through GSPO: 166 ms instead of 9 ms for a 3-pattern star at 1M triples; an OPTIONAL or a property
    /// path repeats that scan per step: q04 25 s -> 0.05 s, q09 > 60 s -> 0.18 s). About 0.1 s at any size.
    public func analyze() throws {
        try connection.execute("PRAGMA analysis_limit = 1000; ANALYZE")
    }

    /// The names of the secondary quad indexes (invariant 6).
    static let quadIndexes = ["quad_posg", "quad_ospg", "quad_gspo"]
    static let quadIndexColumns = ["quad_posg": "p, o, s, g", "quad_ospg": "o, s, p, g", "quad_gspo": "g, s, p, o"]

    /// Recreates secondary quad indexes missing after an interrupted bulk load (a writer's open).
    func repairQuadIndexes() throws {
        if try quadIndexesMissing() { try createQuadIndexes() }
    }

    /// Whether any secondary quad index is missing (an interrupted bulk load).
    func quadIndexesMissing() throws -> Bool {
        let st = try connection.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('quad_posg', 'quad_ospg', 'quad_gspo')")
        let present = try st.step() ? Int(st.int(0)) : 0
        st.reset()
        return present < Self.quadIndexes.count
    }

    func createQuadIndexes(_ only: [String] = quadIndexes) throws {
        // The index sorter splits its input into runs of at most the page cache's size and merges them
        // from temporary files. Small runs (4 MB) sort within the CPU caches, and real temporary files
        // (the OS page cache) merge faster than SQLite's in-memory ones: at 1M triples the rebuild takes
        // ~30% less time and CPU than one 256 MB run in memory. Two sorter threads: when the indexes are
        // rebuilt the build's extraction is over and the other core idle (10k articles: 3.1 s -> 2.4 s).
        // The store's settings are restored after.
        try connection.execute("PRAGMA temp_store = FILE; PRAGMA cache_size = -4096; PRAGMA threads = 2")
        defer { try? connection.execute("PRAGMA temp_store = MEMORY; PRAGMA cache_size = -262144; PRAGMA threads = 0") }
        try transaction {
            for name in only {
                guard let columns = Self.quadIndexColumns[name] else { continue }
                try connection.execute("CREATE INDEX IF NOT EXISTS \(name) ON quad(\(columns))")
            }
        }
    }

    /// Replaces the ontology graph with `quads`' triples. Also in the default graph (invariant 4): its
    /// entities (the subjects typed with a class the ontology declares: actors, places, organisations)
    /// and its schema in the standard vocabularies (classes, their hierarchy, labels, domains and
    /// ranges: RDF, RDFS, OWL, SKOS); the extraction vocabulary (triggers, cues, head words, map
    /// colours) stays in the ontology graph. An entity with a skos:prefLabel and no rdfs:label gets one.
    public func replaceOntology(_ quads: [Quad]) throws {
        var triples = quads.map(\.triple)
        // Every entity has an rdfs:label (its skos:prefLabel), so `?x rdfs:label "Shan State"` finds it.
        let label = Term.iri(RDFS.label), prefLabel = Term.iri(SKOS.prefLabel)
        let labelled = Set(triples.filter { $0.predicate == label }.map(\.subject))
        triples += triples.filter { $0.predicate == prefLabel && !labelled.contains($0.subject) }.map { Triple($0.subject, label, $0.object) }
        let type = Term.iri(RDFNS.type)
        let classTypes: Set<Term> = [.iri(RDFS.ns + "Class"), .iri(OWL.ns + "Class")]
        let classes = Set(triples.filter { $0.predicate == type && classTypes.contains($0.object) }.map(\.subject))
        let entities = Set(triples.filter { $0.predicate == type && classes.contains($0.object) }.map(\.subject))
        let standard = [RDFNS.ns, RDFS.ns, OWL.ns, SKOS.ns]
        func inDefault(_ t: Triple) -> Bool {
            entities.contains(t.subject) || standard.contains { t.predicate.iriValue?.hasPrefix($0) == true }
        }
        try replaceGraph(Self.ontologyGraph, inDefault: inDefault) { add in try add(triples) }
    }

    /// Replaces a derived or loaded named graph (the ontology, the timeline) with `triples`. One transaction.
    public func replaceGraph(_ graph: Term, with triples: [Triple]) throws {
        try replaceGraph(graph) { add in try add(triples) }
    }

    /// `replaceGraph(_:with:)` for triples made a part at a time: the graph is emptied, then `fill` calls
    /// `add` with each part (written sorted, many rows per statement). The triples `inDefault` accepts
    /// are also in the default graph, and leave it with the graph unless another graph holds them too
    /// (invariant 4); a graph with no `inDefault` is the named graph alone. One transaction.
    public func replaceGraph(_ graph: Term, inDefault: ((Triple) -> Bool)? = nil,
                             _ fill: (_ add: ([Triple]) throws -> Void) throws -> Void) throws {
        try transaction {
            let g = try intern(graph)
            try dropGraph(g, sharesDefault: inDefault != nil)
            var rows: [QuadRow] = []
            try fill { triples in
                rows.removeAll(keepingCapacity: true)
                for t in triples {
                    let (s, p, o) = (try intern(t.subject), try intern(t.predicate), try intern(t.object))
                    if let inDefault, inDefault(t) {
                        Self.appendToGraphAndDefault(&rows, s, p, o, g)
                    } else {
                        rows.append(QuadRow(s: s, p: p, o: o, g: g))
                    }
                }
                _ = try insertSorted(&rows)
            }
        }
    }

    /// Makes `triples` the default graph's only triples with the predicate `predicate`, in one transaction:
    /// for a relation whose default-graph triples are derived (the current controllers of the timeline)
    /// rather than merged from the articles' graphs.
    public func replaceDefaultTriples(predicate: Term, with triples: [Triple]) throws {
        try transaction {
            let p = try intern(predicate)
            try connection.prepare("DELETE FROM quad WHERE g = 0 AND p = ?1").run([.int(p)])
            var rows: [QuadRow] = []
            for t in triples where t.predicate == predicate {
                rows.append(QuadRow(s: try intern(t.subject), p: p, o: try intern(t.object), g: 0))
            }
            _ = try insertSorted(&rows)
        }
    }

    /// True when no quad is in the named graph `graph`.
    public func isEmpty(graph: Term) throws -> Bool {
        var empty = true
        try quads(graph: .some(graph)) { _ in empty = false; return false }
        return empty
    }

    /// Removes the named graph `graph`; when it `sharesDefault` (an article's, the ontology's), also the
    /// default-graph triples it holds that no other graph holds.
    func dropGraph(_ graph: Int64, sharesDefault: Bool = true) throws {
        if sharesDefault {
            try connection.prepare("""
                DELETE FROM quad WHERE g = 0 AND (s, p, o) IN (
                    SELECT a.s, a.p, a.o FROM quad a WHERE a.g = ?1
                    AND NOT EXISTS (SELECT 1 FROM quad b WHERE b.s = a.s AND b.p = a.p AND b.o = a.o
                                    AND b.g <> 0 AND b.g <> ?1))
                """).run([.int(graph)])
        }
        try connection.prepare("DELETE FROM quad WHERE g = ?1").run([.int(graph)])
    }
}

/// Writes a stream of quads given as term ids (`kg import`'s path for N-Triples and N-Quads): terms are
/// interned as they come, quads are collected and written `batchSize` at a time, each batch sorted by the
/// primary key and committed with its new terms in one transaction. An interrupted load keeps whole
/// batches. Use it inside `TripleStore.bulkLoad` for large loads.
public final class BulkWriter {
    public let store: TripleStore
    public let batchSize: Int
    /// Quads written that were not in the store before.
    public private(set) var added = 0
    private var rows: [TripleStore.QuadRow] = []
    private var open = false

    public init(store: TripleStore, batchSize: Int = 250_000) {
        self.store = store
        self.batchSize = max(batchSize, 1)
        rows.reserveCapacity(min(self.batchSize, 1 << 20))
    }

    /// The id of `term` (get-or-create), inside the current batch's transaction.
    public func intern(_ term: Term) throws -> Int64 {
        if !open { try store.beginTransaction(); open = true }
        return try store.intern(term)
    }

    /// `intern` for a caller that remembers ids itself (each term is given about once): the store's
    /// in-memory dictionary is bypassed, saving its memory and hashing.
    public func internNew(_ term: Term) throws -> Int64 {
        if !open { try store.beginTransaction(); open = true }
        return try store.internUncached(term)
    }

    /// Adds the quad (s, p, o, g) of term ids from `intern`; g = 0 is the default graph.
    public func add(_ s: Int64, _ p: Int64, _ o: Int64, _ g: Int64) throws {
        rows.append(TripleStore.QuadRow(s: s, p: p, o: o, g: g))
        if rows.count >= batchSize { try flush() }
    }

    /// Writes and commits the quads added so far; `added` counts them once the commit succeeded.
    public func flush() throws {
        if !open { try store.beginTransaction(); open = true }
        let inserted: Int
        do {
            inserted = try store.insertSorted(&rows)
        } catch {
            abandon()
            throw error
        }
        rows.removeAll(keepingCapacity: true)
        open = false
        do { try store.endTransaction(commit: true) } catch {
            try? store.endTransaction(commit: false)  // a failed COMMIT can leave the transaction open
            throw error
        }
        added += inserted
    }

    /// Drops the quads and terms of the current batch (rolls its transaction back).
    public func abandon() {
        rows.removeAll(keepingCapacity: true)
        if open { open = false; try? store.endTransaction(commit: false) }
    }
}
