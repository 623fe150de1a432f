import RDF

/// The SPARQL 1.1 Update grammar (Update spec §3, Query spec §19 rules 29–51): operations separated by
/// `;`, each after its own prologue. WHERE patterns are read by the query parser (so its nesting limit
/// holds); templates and data are read as CONSTRUCT templates are, their blank nodes kept as terms.
extension Parser {
    static let queryKeywords = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

    mutating func parseUpdate() throws -> [UpdateOperation] {
        var operations: [UpdateOperation] = []
        while true {
            try prologue()
            if tok.kind == .eof { return operations }
            blankScopes = [:]
            operations.append(try updateOperation(index: operations.count))
            if try accept(";") { continue }
            guard tok.kind == .eof else {
                throw error("expected ';' between two operations, or the end of the update, but found \(describe(tok))")
            }
            return operations
        }
    }

    /// Update1: one operation.
    mutating func updateOperation(index: Int) throws -> UpdateOperation {
        if try acceptKeyword("LOAD") {
            let silent = try acceptKeyword("SILENT")
            guard let source = try iri() else { throw error("expected the IRI of the document to load after LOAD") }
            var into: String?
            if try acceptKeyword("INTO") { into = try graphRef() }
            return .load(iri: source, into: into, silent: silent)
        }
        if try acceptKeyword("CLEAR") {
            let (scope, silent) = try graphScope()
            return .clear(scope, silent: silent)
        }
        if try acceptKeyword("DROP") {
            let (scope, silent) = try graphScope()
            return .drop(scope, silent: silent)
        }
        if try acceptKeyword("CREATE") {
            let silent = try acceptKeyword("SILENT")
            return .create(try graphRef(), silent: silent)
        }
        for transfer in [UpdateOperation.Transfer.add, .move, .copy] where try acceptKeyword(transfer.rawValue) {
            let silent = try acceptKeyword("SILENT")
            let from = try graphOrDefault()
            try expectKeyword("TO")
            return .transfer(transfer, from: from, to: try graphOrDefault(), silent: silent)
        }
        if isKeyword("INSERT") || isKeyword("DELETE") || isKeyword("WITH") { return try modify(index: index) }
        if let q = Self.queryKeywords.first(where: { isKeyword($0) }) {
            throw error("\(q) is a query, not an update: run it with kg query (or send it to /sparql)")
        }
        throw error("expected an update operation (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY or WITH) but found \(describe(tok))")
    }

    /// `SILENT`? GraphRefAll, for CLEAR and DROP.
    private mutating func graphScope() throws -> (UpdateScope, Bool) {
        let silent = try acceptKeyword("SILENT")
        let scope: UpdateScope
        if try acceptKeyword("DEFAULT") { scope = .defaultGraph }
        else if try acceptKeyword("NAMED") { scope = .named }
        else if try acceptKeyword("ALL") { scope = .all }
        else if isKeyword("GRAPH") { scope = .graph(try graphRef()) }
        else { throw error("expected GRAPH <iri>, DEFAULT, NAMED or ALL but found \(describe(tok))") }
        return (scope, silent)
    }

    /// GraphRef: `GRAPH` iri.
    private mutating func graphRef() throws -> String {
        try expectKeyword("GRAPH")
        guard let g = try iri() else { throw error("expected a graph IRI after GRAPH but found \(describe(tok))") }
        return g
    }

    /// GraphOrDefault: `DEFAULT` | `GRAPH`? iri.
    private mutating func graphOrDefault() throws -> GraphName {
        if try acceptKeyword("DEFAULT") { return .defaultGraph }
        _ = try acceptKeyword("GRAPH")
        guard let g = try iri() else { throw error("expected DEFAULT or a graph IRI but found \(describe(tok))") }
        return .named(g)
    }

    /// INSERT DATA, DELETE DATA, DELETE WHERE, or Modify: (`WITH` iri)? DELETE/INSERT templates, USING
    /// clauses, `WHERE` pattern.
    private mutating func modify(index: Int) throws -> UpdateOperation {
        var m = Modify(with: nil, delete: [], insert: [], using: nil, pattern: .unit)
        if try acceptKeyword("WITH") {
            guard let g = try iri() else { throw error("expected a graph IRI after WITH but found \(describe(tok))") }
            m.with = g
        }
        if try acceptKeyword("DELETE") {
            if m.with == nil, try acceptKeyword("DATA") { return .deleteData(try quadData(delete: true, index: index)) }
            if m.with == nil, isKeyword("WHERE") {
                try advance()
                let at = tok
                m.delete = try quadPattern()
                try rejectBlankNodes(m.delete, in: "DELETE WHERE", at: at)
                m.pattern = Self.algebra(of: m.delete)
                return .modify(m)
            }
            let at = tok
            m.delete = try quadPattern()
            try rejectBlankNodes(m.delete, in: "a DELETE template", at: at)
            if try acceptKeyword("INSERT") { m.insert = try quadPattern() }
        } else {
            try expectKeyword("INSERT")
            if m.with == nil, try acceptKeyword("DATA") { return .insertData(try quadData(delete: false, index: index)) }
            m.insert = try quadPattern()
        }
        m.using = try usingClauses()
        try expectKeyword("WHERE")
        m.pattern = try groupGraphPattern()
        return .modify(m)
    }

    /// UsingClause*: nil without any.
    private mutating func usingClauses() throws -> Dataset? {
        var d: Dataset?
        while try acceptKeyword("USING") {
            var ds = d ?? Dataset()
            let named = try acceptKeyword("NAMED")
            guard let g = try iri() else { throw error("expected a graph IRI after USING but found \(describe(tok))") }
            if named { ds.namedGraphs.append(g) } else { ds.defaultGraphs.append(g) }
            d = ds
        }
        return d
    }

    /// QuadData of INSERT DATA / DELETE DATA: no variables; no blank nodes to delete; a blank node
    /// label of INSERT DATA may not appear in another operation of the request.
    private mutating func quadData(delete: Bool, index: Int) throws -> [QuadPattern] {
        let at = tok
        let quads = try quadPattern()
        let name = delete ? "DELETE DATA" : "INSERT DATA"
        for q in quads {
            for n in [q.triple.s, q.triple.p, q.triple.o] + [q.graph].compactMap({ $0 }) {
                if let v = n.variable { throw error("\(name) cannot hold variables (?\(v)); use DELETE/INSERT … WHERE", at: at) }
            }
        }
        if delete { try rejectBlankNodes(quads, in: name, at: at) }
        for q in quads {
            for case .term(.blank(let label)) in [q.triple.s, q.triple.o] where !label.hasPrefix(".") {
                if let other = dataBlankLabels[label], other != index {
                    throw error("blank node _:\(label) is used in two operations of the request", at: at)
                }
                dataBlankLabels[label] = index
            }
        }
        return quads
    }

    private func rejectBlankNodes(_ quads: [QuadPattern], in name: String, at: Token) throws {
        for q in quads {
            for case .term(.blank) in [q.triple.s, q.triple.o] {
                throw error("\(name) cannot hold blank nodes (they would match nothing); use a variable", at: at)
            }
        }
    }

    /// QuadPattern / QuadData: `{` Quads `}`, where Quads is triples and `GRAPH` VarOrIri `{` triples `}`
    /// blocks, a `.` optional after a block.
    mutating func quadPattern() throws -> [QuadPattern] {
        try expect("{")
        let outer = inTemplate
        inTemplate = true
        defer { inTemplate = outer }
        var quads: [QuadPattern] = []
        while !isPunct("}") {
            if try acceptKeyword("GRAPH") {
                let g = try varOrIri()
                try expect("{")
                quads += try triplesTemplate(until: "}").map { QuadPattern(triple: $0, graph: g) }
                try expect("}")
                _ = try accept(".")
                continue
            }
            var elements: [Element] = []
            try triplesSameSubject(&elements)
            for case .triple(let t) in elements { quads.append(QuadPattern(triple: t, graph: nil)) }
            if try accept(".") { continue }
            guard isPunct("}") || isKeyword("GRAPH") else { throw error("expected '.', GRAPH or '}' but found \(describe(tok))") }
        }
        try advance()
        return quads
    }

    /// DELETE WHERE's pattern: its quads as basic graph patterns, those of a GRAPH block inside GRAPH.
    static func algebra(of quads: [QuadPattern]) -> Algebra {
        var a = Algebra.bgp(quads.filter { $0.graph == nil }.map(\.triple))
        var graphs: [Node] = []
        for q in quads { if let g = q.graph, !graphs.contains(g) { graphs.append(g) } }
        for g in graphs {
            a = Algebra.joined(a, .graph(g, .bgp(quads.filter { $0.graph == g }.map(\.triple))))
        }
        return a
    }
}
