import RDF

/// The writes of SPARQL 1.1 Update (`kg update`, `kg serve --writable`): quads inserted and deleted by
/// graph, graphs cleared and copied. Run them inside one `transaction` per request, so a request that
/// fails half-way leaves the store as it was.
///
/// A graph is the default graph (nil) or a named graph (an IRI). The store holds no empty graphs: a
/// named graph exists while it holds a quad.
///
/// Article graphs (`kg build`): a write changes the graph named and nothing else — a triple deleted
/// from an article's graph stays in the default graph, which holds its own copy (invariant 4), unless
/// the update deletes it there too. To keep invariant 3 (every fact statement has its triple in its
/// article's graph), a triple deleted from an article's graph takes with it that article's fact
/// statements of the triple (their rows and their descriptions in the default graph); clearing an
/// article's graph takes all of its fact statements. The next `kg build` that reads the article again
/// (its file changed) writes its graph and statements anew.
extension TripleStore {
    /// Adds `quads` (a nil graph is the default graph); returns how many were not there before.
    @discardableResult
    public func insertQuads(_ quads: [Quad]) throws -> Int {
        try transaction {
            var rows: [QuadRow] = []
            rows.reserveCapacity(quads.count)
            for q in quads {
                let g = try q.graph.map(intern) ?? 0
                rows.append(QuadRow(s: try intern(q.subject), p: try intern(q.predicate), o: try intern(q.object), g: g))
            }
            return try insertSorted(&rows)
        }
    }

    /// Removes `quads` (a nil graph is the default graph); returns how many were there. A quad of an
    /// article's graph takes that article's fact statements of its triple with it (see above).
    @discardableResult
    public func deleteQuads(_ quads: [Quad]) throws -> Int {
        try transaction {
            let articleGraphs = try self.articleGraphIDs()
            let delete = try connection.prepare("DELETE FROM quad WHERE s = ?1 AND p = ?2 AND o = ?3 AND g = ?4")
            var removed = 0
            for q in quads {
                guard let s = try id(of: q.subject), let p = try id(of: q.predicate), let o = try id(of: q.object)
                else { continue }
                var g: Int64 = 0
                if let graph = q.graph {
                    guard let id = try id(of: graph) else { continue }
                    g = id
                }
                try delete.run([.int(s), .int(p), .int(o), .int(g)])
                let changed = connection.changes
                removed += changed
                if changed > 0, articleGraphs.contains(g) { try retractStatements(graph: g, triple: (s, p, o)) }
            }
            return removed
        }
    }

    /// Removes every quad of `graph` (nil: the default graph); returns how many there were.
    @discardableResult
    public func clearGraph(_ graph: Term?) throws -> Int {
        try transaction {
            guard let graph else {
                try connection.prepare("DELETE FROM quad WHERE g = 0").run()
                return connection.changes
            }
            guard let g = try id(of: graph) else { return 0 }
            return try clearGraph(id: g, isArticle: try self.articleGraphIDs().contains(g))
        }
    }

    /// Makes `triples` the only triples of `graph` (nil: the default graph), as CLEAR then INSERT DATA
    /// would (an article's graph loses its fact statements), in one transaction. Returns whether the
    /// graph was there before (the default graph always is).
    @discardableResult
    public func putGraph(_ graph: Term?, triples: [Triple]) throws -> Bool {
        try transaction {
            let existed = try graph.map { try hasQuads(graph: $0) } ?? true
            try clearGraph(graph)
            try insertQuads(triples.map { Quad($0, graph: graph) })
            return existed
        }
    }

    /// Removes every quad of every named graph; returns how many there were.
    @discardableResult
    public func clearNamedGraphs() throws -> Int {
        try transaction {
            let articles = try self.articleGraphIDs()
            var removed = 0
            for g in try namedGraphIDs() { removed += try clearGraph(id: g, isArticle: articles.contains(g)) }
            return removed
        }
    }

    private func clearGraph(id g: Int64, isArticle: Bool) throws -> Int {
        try connection.prepare("DELETE FROM quad WHERE g = ?1").run([.int(g)])
        let removed = connection.changes
        if isArticle { try retractStatements(graph: g, triple: nil) }
        return removed
    }

    /// Adds every triple of `source` to `target` (nil: the default graph); returns how many were new.
    @discardableResult
    public func addGraph(_ source: Term?, to target: Term?) throws -> Int {
        try transaction {
            var from: Int64 = 0
            if let source {
                guard let id = try id(of: source) else { return 0 }
                from = id
            }
            let to = try target.map(intern) ?? 0
            if from == to { return 0 }
            try connection.prepare("INSERT OR IGNORE INTO quad(s, p, o, g) SELECT s, p, o, ?2 FROM quad WHERE g = ?1")
                .run([.int(from), .int(to)])
            return connection.changes
        }
    }

    /// Whether the named graph `graph` holds a quad.
    public func hasQuads(graph: Term) throws -> Bool {
        guard let g = try id(of: graph) else { return false }
        return try graphHasQuads(g)
    }

    /// The named graphs that hold a quad.
    public func namedGraphs() throws -> [Term] {
        try namedGraphIDs().map { try term(id: $0) }
    }

    /// The term ids of the articles' graphs.
    func articleGraphIDs() throws -> Set<Int64> {
        let st = try connection.prepare("SELECT DISTINCT graph FROM article")
        defer { st.reset() }
        var ids: Set<Int64> = []
        while try st.step() { ids.insert(st.int(0)) }
        return ids
    }

    /// Removes the fact statements (asserted, claimed) of the article whose graph is `g` — those of
    /// `triple` only when given — and their descriptions in the default graph.
    func retractStatements(graph g: Int64, triple: (s: Int64, p: Int64, o: Int64)?) throws {
        var tripleSQL = ""
        var values: [SQLValue] = [.int(g)]
        if let triple {
            tripleSQL = " AND s = ?2 AND p = ?3 AND o = ?4"
            values += [.int(triple.s), .int(triple.p), .int(triple.o)]
        }
        try connection.prepare("""
            DELETE FROM statement WHERE article IN (SELECT id FROM article WHERE graph = ?1)
            AND modality IN (\(Modality.factsSQL))
            """ + tripleSQL).run(values)
        try dropFactDescriptions(graph: g, triple: triple)
    }

    /// Removes from the default graph the descriptions of the fact statements whose `kg:source` is `g`
    /// (and whose rdf:subject, rdf:predicate and rdf:object are `triple`, when given).
    private func dropFactDescriptions(graph g: Int64, triple: (s: Int64, p: Int64, o: Int64)?) throws {
        guard let source = try id(of: .iri(KG.ns + "source")), let modality = try id(of: .iri(KG.ns + "modality"))
        else { return }
        let facts = try Modality.facts.map { try id(of: .string($0.rawValue)) ?? -1 }
        var values: [SQLValue] = [.int(source), .int(g), .int(modality)] + facts.map { .int($0) }
        var conditions = ""
        if let triple {
            let names = [Provenance.subject, Provenance.predicate, Provenance.object]
            let ids = [triple.s, triple.p, triple.o]
            for (name, value) in zip(names, ids) {
                guard let p = try id(of: .iri(name)) else { return }
                values += [.int(p), .int(value)]
                let n = values.count
                conditions += " AND EXISTS (SELECT 1 FROM quad x WHERE x.g = 0 AND x.s = d.s AND x.p = ?\(n - 1) AND x.o = ?\(n))"
            }
        }
        let factList = (0..<facts.count).map { "?\(4 + $0)" }.joined(separator: ", ")
        try connection.prepare("""
            DELETE FROM quad WHERE g = 0 AND s IN (
                SELECT d.s FROM quad d WHERE d.g = 0 AND d.p = ?1 AND d.o = ?2
                AND EXISTS (SELECT 1 FROM quad m WHERE m.g = 0 AND m.s = d.s AND m.p = ?3 AND m.o IN (\(factList)))
            """ + conditions + ")").run(values)
    }
}
