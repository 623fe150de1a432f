import RDF

extension TripleStore {
    /// Adds quads in transactions of `batchSize`, returning how many were new.
    /// Used by `kg import`; each batch commits whole, so an interrupted import keeps whole batches.
    @discardableResult
    public func load<S: Sequence>(_ quads: S, batchSize: Int = 50_000) throws -> Int where S.Element == Quad {
        var added = 0
        var iterator = quads.makeIterator()
        var done = false
        while !done {
            try transaction {
                for _ in 0..<batchSize {
                    guard let q = iterator.next() else { done = true; return }
                    if try insert(q) { added += 1 }
                }
            }
        }
        return added
    }

    /// Runs a large load into an empty store: the secondary quad indexes are dropped for the load
    /// and rebuilt after it (sorting once is much cheaper than keeping three B-trees ordered on every
    /// insert). On a store that already has quads, `body` runs with the indexes in place.
    public func bulkLoad<T>(_ body: () throws -> T) throws -> T {
        let empty = try connection.prepare("SELECT NOT EXISTS (SELECT 1 FROM quad)")
        let isEmpty = try empty.step() && empty.int(0) == 1
        empty.reset()
        guard isEmpty else { return try body() }
        try connection.execute("DROP INDEX IF EXISTS quad_posg; DROP INDEX IF EXISTS quad_ospg; DROP INDEX IF EXISTS quad_gspo")
        defer { try? createQuadIndexes() }
        let result = try body()
        try createQuadIndexes()
        return result
    }

    func createQuadIndexes() throws {
        try transaction {
            try connection.execute("""
                CREATE INDEX IF NOT EXISTS quad_posg ON quad(p, o, s, g);
                CREATE INDEX IF NOT EXISTS quad_ospg ON quad(o, s, p, g);
                CREATE INDEX IF NOT EXISTS quad_gspo ON quad(g, s, p, o);
                """)
        }
    }

    /// Replaces the ontology graph (and its share of the default graph) with `quads`' triples.
    public func replaceOntology(_ quads: [Quad]) throws {
        try replaceGraph(Self.ontologyGraph, with: quads.map(\.triple))
    }

    /// Replaces a derived or loaded named graph (the ontology, the timeline) with `triples`, keeping
    /// invariant 4: its triples are also in the default graph, and leave it with it unless another
    /// graph holds them too. One transaction.
    public func replaceGraph(_ graph: Term, with triples: [Triple]) throws {
        try transaction {
            let g = try intern(graph)
            try dropGraph(g)
            for t in triples {
                let (s, p, o) = (try intern(t.subject), try intern(t.predicate), try intern(t.object))
                try insert(s: s, p: p, o: o, g: g)
                try insert(s: s, p: p, o: o, g: 0)
            }
        }
    }

    /// True when no quad is in the named graph `graph`.
    public func isEmpty(graph: Term) throws -> Bool {
        var empty = true
        try quads(graph: .some(graph)) { _ in empty = false; return false }
        return empty
    }

    /// Removes the named graph `graph` and the default-graph triples that no other graph holds.
    func dropGraph(_ graph: Int64) throws {
        try connection.prepare("""
            DELETE FROM quad WHERE g = 0 AND (s, p, o) IN (
                SELECT a.s, a.p, a.o FROM quad a WHERE a.g = ?1
                AND NOT EXISTS (SELECT 1 FROM quad b WHERE b.s = a.s AND b.p = a.p AND b.o = a.o
                                AND b.g <> 0 AND b.g <> ?1))
            """).run([.int(graph)])
        try connection.prepare("DELETE FROM quad WHERE g = ?1").run([.int(graph)])
    }
}
