import RDF

/// Recursive-descent parser for the SPARQL 1.1 Query grammar (§19). Group graph patterns are
/// translated to algebra as they are read (§18.2.2); this file holds the prologue, the query forms and
/// the solution modifiers, `ParserPatterns.swift` the patterns and `ParserExpressions.swift` expressions.
struct Parser {
    var lexer: Lexer
    var tok: Token
    var prefixes: [String: String] = [:]
    var base: String?

    // Blank node labels of patterns: label → the group that used it (reuse across groups is an error).
    var blankScopes: [String: Int] = [:]
    var groupCounter = 0
    var currentGroup = 0
    var fresh = 0
    /// Update: the blank node labels of INSERT DATA, by the index of the operation that used them.
    var dataBlankLabels: [String: Int] = [:]
    /// The keywords that open a SPARQL 1.1 Update operation.
    static let updateKeywords = ["INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"]

    /// Aggregates of the SELECT being parsed; nil where aggregates are not allowed.
    var aggregates: [(String, Aggregate)]?
    var aggregateCounter = 0
    /// Inside a CONSTRUCT template blank nodes stay blank nodes.
    var inTemplate = false
    /// How deep the groups, brackets, collections and quoted triples being parsed are nested.
    var depth = 0
    /// Deeper than this is a syntax error, not a stack overflow (no real query comes near it).
    static let maxDepth = 200

    init(_ text: String, baseIRI: String?) throws {
        lexer = Lexer(text)
        base = baseIRI
        tok = Token(kind: .eof, text: "", offset: 0)
        tok = try lexer.next()
    }

    // MARK: Tokens

    /// Counts one more level of nesting; past `maxDepth`, a syntax error at the current token.
    mutating func enterNesting() throws {
        depth += 1
        if depth > Self.maxDepth { throw error("nested more than \(Self.maxDepth) levels deep") }
    }

    func error(_ message: String, at token: Token? = nil) -> SPARQLError {
        lexer.error(message, at: (token ?? tok).offset)
    }

    mutating func advance() throws { tok = try lexer.next() }

    /// The token after the current one, without consuming anything.
    func peek() throws -> Token {
        var l = lexer
        return try l.next()
    }

    func isKeyword(_ k: String) -> Bool { tok.kind == .keyword && (k == "a" ? tok.text == "a" : tok.text.uppercased() == k) }
    func isPunct(_ p: String) -> Bool { tok.kind == .punct && tok.text == p }

    mutating func acceptKeyword(_ k: String) throws -> Bool {
        if isKeyword(k) { try advance(); return true }
        return false
    }
    mutating func accept(_ p: String) throws -> Bool {
        if isPunct(p) { try advance(); return true }
        return false
    }
    mutating func expect(_ p: String) throws {
        guard isPunct(p) else { throw error("expected '\(p)' but found \(describe(tok))") }
        try advance()
    }
    mutating func expectKeyword(_ k: String) throws {
        guard isKeyword(k) else { throw error("expected \(k) but found \(describe(tok))") }
        try advance()
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "the end of the query"
        case .iri: return "<\(t.text)>"
        case .variable: return "?\(t.text)"
        case .string: return "a string"
        case .blank: return "_:\(t.text)"
        case .langTag: return "@\(t.text)"
        default: return "'\(t.text)'"
        }
    }

    mutating func freshVariable() -> String {
        fresh += 1
        return ".v\(fresh)"
    }

    // MARK: IRIs

    func resolve(_ iri: String) -> String { IRIResolution.resolve(iri, against: base) }

    func expand(_ pname: Token) throws -> String {
        // Split on Unicode scalars: a local name may start with a combining mark (e.g. U+0670), which
        // joins the ':' into one Character, so a Character search would not find the colon.
        let text = pname.text.unicodeScalars
        guard let i = text.firstIndex(of: ":") else { throw error("bad prefixed name '\(pname.text)'", at: pname) }
        let prefix = String(text[..<i])
        guard let ns = prefixes[prefix] else { throw error("undeclared prefix '\(prefix):'", at: pname) }
        return ns + String(text[text.index(after: i)...])
    }

    /// iri: IRIREF | PrefixedName.
    mutating func iri() throws -> String? {
        switch tok.kind {
        case .iri: let v = resolve(tok.text); try advance(); return v
        case .pname: let v = try expand(tok); try advance(); return v
        default: return nil
        }
    }

    // MARK: Query

    mutating func parseQuery() throws -> Query {
        try prologue()
        var query: Query
        if isKeyword("SELECT") {
            let (algebra, vars, dataset) = try selectQuery(top: true)
            query = Query(form: .select, algebra: algebra, variables: vars, dataset: dataset)
        } else if try acceptKeyword("ASK") {
            let dataset = try datasetClauses()
            _ = try acceptKeyword("WHERE")
            let pattern = try groupGraphPattern()
            let algebra = try solutionModifiers(pattern, selectItems: nil, star: true)
            query = Query(form: .ask, algebra: algebra.0, dataset: dataset)
        } else if try acceptKeyword("CONSTRUCT") {
            query = try constructQuery()
        } else if try acceptKeyword("DESCRIBE") {
            query = try describeQuery()
        } else if let update = Self.updateKeywords.first(where: { isKeyword($0) }) {
            throw error("SPARQL Update (\(update)) is not a query: kg query only reads the graph; run it with kg update")
        } else {
            throw error("expected SELECT, ASK, CONSTRUCT or DESCRIBE but found \(describe(tok))")
        }
        if isKeyword("VALUES") {
            let values = try valuesClause()
            query.algebra = Parser.joinBelowModifiers(query.algebra, values)
        }
        guard tok.kind == .eof else { throw error("unexpected \(describe(tok)) after the query") }
        return query
    }

    /// A trailing VALUES joins the pattern below the projection and slice (§18.2.4.1 step 3 order aside).
    static func joinBelowModifiers(_ a: Algebra, _ values: Algebra) -> Algebra {
        switch a {
        case .project(let x, let v): return .project(joinBelowModifiers(x, values), v)
        case .distinct(let x): return .distinct(joinBelowModifiers(x, values))
        case .reduced(let x): return .reduced(joinBelowModifiers(x, values))
        case .slice(let x, let o, let l): return .slice(joinBelowModifiers(x, values), offset: o, limit: l)
        case .orderBy(let x, let c): return .orderBy(joinBelowModifiers(x, values), c)
        default: return .join(a, values)
        }
    }

    mutating func prologue() throws {
        while true {
            if try acceptKeyword("BASE") {
                guard tok.kind == .iri else { throw error("expected an IRI after BASE") }
                base = resolve(tok.text)
                try advance()
            } else if try acceptKeyword("PREFIX") {
                guard tok.kind == .pname, tok.text.firstIndex(of: ":") == tok.text.index(before: tok.text.endIndex) else { throw error("expected a prefix like 'ex:' after PREFIX") }
                let name = String(tok.text.dropLast())
                try advance()
                guard tok.kind == .iri else { throw error("expected an IRI for prefix '\(name):'") }
                prefixes[name] = resolve(tok.text)
                try advance()
            } else { return }
        }
    }

    mutating func datasetClauses() throws -> Dataset? {
        var d: Dataset?
        while try acceptKeyword("FROM") {
            var ds = d ?? Dataset()
            let named = try acceptKeyword("NAMED")
            guard let g = try iri() else { throw error("expected a graph IRI after FROM") }
            if named { ds.namedGraphs.append(g) } else { ds.defaultGraphs.append(g) }
            d = ds
        }
        return d
    }

    // MARK: SELECT

    struct SelectItem { var variable: String; var expr: Expr?; var token: Token? = nil }

    /// SELECT query or sub-select; returns the algebra and the projected variables.
    mutating func selectQuery(top: Bool) throws -> (Algebra, [String], Dataset?) {
        try expectKeyword("SELECT")
        let savedAggregates = aggregates
        aggregates = []
        defer { aggregates = savedAggregates }
        let distinct = try acceptKeyword("DISTINCT")
        let reduced = try !distinct && acceptKeyword("REDUCED")
        var items: [SelectItem] = []
        var star = false
        if try accept("*") { star = true } else {
            while true {
                if tok.kind == .variable {
                    let v = tok.text
                    if items.contains(where: { $0.variable == v }) { throw error("?\(v) is projected twice") }
                    items.append(SelectItem(variable: v, token: tok)); try advance()
                } else if isPunct("(") {
                    try advance()
                    let e = try expression()
                    try expectKeyword("AS")
                    guard tok.kind == .variable else { throw error("expected a variable after AS") }
                    let v = tok.text
                    if items.contains(where: { $0.variable == v }) { throw error("?\(v) is projected twice") }
                    let at = tok
                    try advance()
                    try expect(")")
                    items.append(SelectItem(variable: v, expr: e, token: at))
                } else { break }
            }
            if items.isEmpty { throw error("expected variables, (expression AS ?var) or * after SELECT") }
        }
        let dataset = top ? try datasetClauses() : nil
        if !top && isKeyword("FROM") { throw error("a subquery cannot have FROM") }
        let aggs = aggregates
        aggregates = nil
        _ = try acceptKeyword("WHERE")
        let pattern = try groupGraphPattern()
        aggregates = aggs
        var (algebra, vars) = try solutionModifiers(pattern, selectItems: items, star: star)
        if distinct { algebra = Parser.wrapBelowSlice(algebra) { .distinct($0) } }
        if reduced { algebra = Parser.wrapBelowSlice(algebra) { .reduced($0) } }
        if !top, isKeyword("VALUES") {
            algebra = Parser.joinBelowModifiers(algebra, try valuesClause())
        }
        vars = vars.filter { !$0.hasPrefix("_:") && !$0.hasPrefix(".") }
        return (algebra, vars, dataset)
    }

    static func wrapBelowSlice(_ a: Algebra, _ f: (Algebra) -> Algebra) -> Algebra {
        if case .slice(let x, let o, let l) = a { return .slice(f(x), offset: o, limit: l) }
        return f(a)
    }

    /// GROUP BY, HAVING, ORDER BY, LIMIT/OFFSET, then the select expressions and projection (§18.2.4).
    mutating func solutionModifiers(_ pattern: Algebra, selectItems: [SelectItem]?, star: Bool) throws -> (Algebra, [String]) {
        let keys = try groupByClause(whereScope: Set(pattern.inScope))
        let having = try havingClause()
        let order = try orderByClause()
        let (limit, offset) = try limitOffsetClauses()
        let aggs = aggregates ?? []
        let items = selectItems ?? []
        var algebra = pattern
        if keys != nil || having != nil || !aggs.isEmpty {
            if star && selectItems != nil { throw error("SELECT * cannot be used with GROUP BY or aggregates") }
            algebra = .group(algebra, keys: keys ?? [], aggregates: aggs)
            try checkGroupedSelect(items, keys: keys ?? [])
        }
        if let having, !having.isEmpty { algebra = .filter(having, algebra) }
        var vars: [String]
        (algebra, vars) = try selectExpressions(items, over: algebra)
        if star { vars = pattern.inScope }
        if !order.isEmpty { algebra = .orderBy(algebra, order) }
        if selectItems != nil { algebra = .project(algebra, vars) }
        if limit != nil || offset > 0 { algebra = .slice(algebra, offset: offset, limit: limit) }
        return (algebra, vars)
    }

    /// `GROUP BY` conditions, nil without the clause: variables, calls, or `(expr)` and `(expr AS ?v)` with
    /// ?v new to the pattern. Aggregates are not allowed in them.
    mutating func groupByClause(whereScope: Set<String>) throws -> [(Expr, String?)]? {
        let saved = aggregates
        guard try acceptKeyword("GROUP") else { return nil }
        try expectKeyword("BY")
        aggregates = nil
        var keys: [(Expr, String?)] = []
        while true {
            if tok.kind == .variable { keys.append((.variable(tok.text), nil)); try advance() }
            else if isPunct("(") {
                try advance()
                let e = try expression()
                var v: String?
                if try acceptKeyword("AS") {
                    guard tok.kind == .variable else { throw error("expected a variable after AS") }
                    v = tok.text
                    if whereScope.contains(tok.text) { throw error("?\(tok.text) is already bound in the pattern") }
                    try advance()
                }
                try expect(")")
                keys.append((e, v))
            } else if let call = try builtinOrFunctionCall() { keys.append((call, nil)) }
            else { break }
        }
        if keys.isEmpty { throw error("expected a grouping condition after GROUP BY") }
        aggregates = saved
        return keys
    }

    /// `HAVING` constraints, nil without the clause (which groups the solutions even when it is empty).
    mutating func havingClause() throws -> [Expr]? {
        guard try acceptKeyword("HAVING") else { return nil }
        var having: [Expr] = []
        while isPunct("(") || tok.kind == .keyword || tok.kind == .iri || tok.kind == .pname {
            if isKeyword("ORDER") || isKeyword("LIMIT") || isKeyword("OFFSET") || isKeyword("VALUES") { break }
            having.append(try constraint())
        }
        return having
    }

    /// `ORDER BY` conditions, empty without the clause.
    mutating func orderByClause() throws -> [OrderCondition] {
        guard try acceptKeyword("ORDER") else { return [] }
        try expectKeyword("BY")
        var order: [OrderCondition] = []
        while true {
            if isKeyword("ASC") || isKeyword("DESC") {
                let asc = isKeyword("ASC"); try advance()
                guard isPunct("(") else { throw error("expected '(' after ASC/DESC") }
                order.append(OrderCondition(expr: try bracketted(), ascending: asc))
            } else if tok.kind == .variable {
                order.append(OrderCondition(expr: .variable(tok.text), ascending: true)); try advance()
            } else if isPunct("(") || ((tok.kind == .keyword || tok.kind == .iri || tok.kind == .pname)
                                        && !isKeyword("LIMIT") && !isKeyword("OFFSET") && !isKeyword("VALUES")) {
                order.append(OrderCondition(expr: try constraint(), ascending: true))
            } else { break }
        }
        if order.isEmpty { throw error("expected an ordering condition after ORDER BY") }
        return order
    }

    /// `LIMIT n` and `OFFSET n`, in either order.
    mutating func limitOffsetClauses() throws -> (limit: Int?, offset: Int) {
        var limit: Int?, offset = 0
        for _ in 0..<2 {
            if try acceptKeyword("LIMIT") {
                guard tok.kind == .integer, let n = Int(tok.text) else { throw error("expected an integer after LIMIT") }
                limit = n; try advance()
            } else if try acceptKeyword("OFFSET") {
                guard tok.kind == .integer, let n = Int(tok.text) else { throw error("expected an integer after OFFSET") }
                offset = n; try advance()
            }
        }
        return (limit, offset)
    }

    /// In a grouped query a select item may use only the grouping keys, aggregates and the items before it.
    func checkGroupedSelect(_ items: [SelectItem], keys: [(Expr, String?)]) throws {
        var allowed = Set(keys.compactMap { k -> String? in
            if let v = k.1 { return v }
            if case .variable(let v) = k.0 { return v }
            return nil
        })
        for item in items {
            let used = item.expr.map(\.variables) ?? [item.variable]
            for v in used where !v.hasPrefix(".agg") && !allowed.contains(v) {
                throw error("?\(v) is used in SELECT but is neither grouped nor aggregated", at: item.token)
            }
            allowed.insert(item.variable)
        }
    }

    /// The select expressions `(expr AS ?v)` as Extends, in order, and the selected variables.
    func selectExpressions(_ items: [SelectItem], over pattern: Algebra) throws -> (Algebra, [String]) {
        var algebra = pattern
        var vars: [String] = []
        var scope = Set(algebra.inScope)
        for item in items {
            if let e = item.expr {
                if scope.contains(item.variable) { throw error("?\(item.variable) is already bound, it cannot be assigned by AS") }
                algebra = .extend(algebra, item.variable, e)
                scope.insert(item.variable)
            }
            vars.append(item.variable)
        }
        return (algebra, vars)
    }

    // MARK: CONSTRUCT, DESCRIBE

    mutating func constructQuery() throws -> Query {
        var template: [TriplePattern] = []
        var pattern: Algebra
        var dataset: Dataset?
        if isPunct("{") {
            try advance()
            inTemplate = true
            template = try triplesTemplate(until: "}")
            inTemplate = false
            try expect("}")
            dataset = try datasetClauses()
            _ = try acceptKeyword("WHERE")
            pattern = try groupGraphPattern()
        } else {
            dataset = try datasetClauses()
            try expectKeyword("WHERE")
            try expect("{")
            groupCounter += 1
            currentGroup = groupCounter
            let triples = try triplesTemplate(until: "}")
            try expect("}")
            pattern = .bgp(triples)
            template = triples.map { t in
                func blank(_ n: Node) -> Node {
                    if case .variable(let v) = n, v.hasPrefix("_:") { return .term(.blank(String(v.dropFirst(2)))) }
                    return n
                }
                return TriplePattern(blank(t.s), t.p, blank(t.o))
            }
        }
        let (algebra, _) = try solutionModifiers(pattern, selectItems: nil, star: true)
        return Query(form: .construct, algebra: algebra, template: template, dataset: dataset)
    }

    mutating func describeQuery() throws -> Query {
        var targets: [Node] = []
        if try accept("*") {} else {
            while true {
                if tok.kind == .variable { targets.append(.variable(tok.text)); try advance() }
                else if let i = try iri() { targets.append(.term(.iri(i))) }
                else { break }
            }
            if targets.isEmpty { throw error("expected resources or * after DESCRIBE") }
        }
        let dataset = try datasetClauses()
        var pattern = Algebra.unit
        if try acceptKeyword("WHERE") || isPunct("{") { pattern = try groupGraphPattern() }
        if targets.isEmpty { targets = pattern.inScope.filter { !$0.hasPrefix("_:") && !$0.hasPrefix(".") }.map { .variable($0) } }
        let (algebra, _) = try solutionModifiers(pattern, selectItems: nil, star: true)
        return Query(form: .describe, algebra: algebra, describe: targets, dataset: dataset)
    }
}
