import RDF

/// Group graph patterns, triples and property paths, translated to algebra while parsing (§18.2.2).
extension Parser {
    enum Element { case triple(TriplePattern), path(Node, PathExpr, Node) }

    /// `{ … }`: a group graph pattern or a sub-select.
    mutating func groupGraphPattern() throws -> Algebra {
        try enterNesting()
        defer { depth -= 1 }
        try expect("{")
        if isKeyword("SELECT") {
            let (algebra, _, _) = try selectQuery(top: false)
            try expect("}")
            return algebra
        }
        let outerGroup = currentGroup
        groupCounter += 1
        currentGroup = groupCounter
        defer { currentGroup = outerGroup }
        var g = Algebra.unit
        var filters: [Expr] = []
        while !isPunct("}") {
            let isFilter = isKeyword("FILTER")
            if try acceptKeyword("FILTER") {
                filters.append(try constraint())
            } else if let joined = try graphPatternNotTriples(after: g) {
                g = joined
            } else {
                var elements: [Element] = []
                try triplesBlock(&elements)
                g = Algebra.joined(g, Parser.algebra(of: elements))
                if !isPunct("}") && startsTerm { throw error("expected '.' or '}' but found \(describe(tok))") }
                continue
            }
            // Blank node labels may not be shared across the basic graph patterns this element separates.
            if !isFilter {
                groupCounter += 1
                currentGroup = groupCounter
            }
            _ = try accept(".")
        }
        try advance()
        if !filters.isEmpty { g = .filter(filters, g) }
        return g
    }

    /// OPTIONAL, MINUS, GRAPH, SERVICE, BIND, VALUES or a nested group or UNION, combined with the group so
    /// far `g`; nil when the next element is none of them (a triples block).
    mutating func graphPatternNotTriples(after g: Algebra) throws -> Algebra? {
        if try acceptKeyword("OPTIONAL") {
            let p = try groupGraphPattern()
            if case .filter(let f, let a) = p { return .leftJoin(g, a, f) }
            return .leftJoin(g, p, [])
        } else if try acceptKeyword("MINUS") {
            return .minus(g, try groupGraphPattern())
        } else if try acceptKeyword("GRAPH") {
            let n = try varOrIri()
            return Algebra.joined(g, .graph(n, try groupGraphPattern()))
        } else if try acceptKeyword("SERVICE") {
            let silent = try acceptKeyword("SILENT")
            let n = try varOrIri()
            return Algebra.joined(g, .service(n, try groupGraphPattern(), silent: silent))
        } else if try acceptKeyword("BIND") {
            return try bind(after: g)
        } else if isKeyword("VALUES") {
            return Algebra.joined(g, try valuesClause())
        } else if isPunct("{") {
            var alternatives = [try groupGraphPattern()]
            while try acceptKeyword("UNION") { alternatives.append(try groupGraphPattern()) }
            // a long chain of UNIONs as a balanced tree: its evaluation recurses log n deep
            let p = Self.balanced(alternatives[...])
            // A nested group's own FILTER must stay inside it (not be taken for an OPTIONAL's condition).
            if case .filter = p, g.isUnit { return .join(.unit, p) }
            return Algebra.joined(g, p)
        }
        return nil
    }

    /// `BIND (expr AS ?v)` after BIND: extends `g`, in which ?v must not be in scope yet.
    mutating func bind(after g: Algebra) throws -> Algebra {
        try expect("(")
        let e = try expression()
        try expectKeyword("AS")
        guard tok.kind == .variable else { throw error("expected a variable after AS") }
        let v = tok.text
        if g.inScope.contains(v) { throw error("BIND: ?\(v) is already in scope") }
        try advance()
        try expect(")")
        return .extend(g, v, e)
    }

    static func balanced(_ alternatives: ArraySlice<Algebra>) -> Algebra {
        if alternatives.count == 1 { return alternatives.first! }
        let middle = alternatives.startIndex + alternatives.count / 2
        return .union(balanced(alternatives[..<middle]), balanced(alternatives[middle...]))
    }

    static func algebra(of elements: [Element]) -> Algebra {
        var a = Algebra.unit
        var bgp: [TriplePattern] = []
        for e in elements {
            switch e {
            case .triple(let t): bgp.append(t)
            case .path(let s, let p, let o):
                a = Algebra.joined(a, .bgp(bgp)); bgp = []
                a = Algebra.joined(a, .path(s, p, o))
            }
        }
        return Algebra.joined(a, .bgp(bgp))
    }

    /// TriplesBlock: TriplesSameSubjectPath ( '.' TriplesSameSubjectPath? )*
    mutating func triplesBlock(_ out: inout [Element]) throws {
        while true {
            try triplesSameSubject(&out)
            guard isPunct(".") else { return }
            try advance()
            if !startsTerm { return }
        }
    }

    /// A CONSTRUCT template or the short `CONSTRUCT WHERE` form: triples only.
    mutating func triplesTemplate(until end: String) throws -> [TriplePattern] {
        var out: [Element] = []
        while !isPunct(end) {
            try triplesSameSubject(&out)
            if !(try accept(".")) { break }
        }
        return try out.map {
            guard case .triple(let t) = $0 else { throw error("property paths are not allowed in a template") }
            return t
        }
    }

    var startsTerm: Bool {
        switch tok.kind {
        case .iri, .pname, .blank, .variable, .string, .integer, .decimal, .double: return true
        case .keyword: return tok.text.lowercased() == "true" || tok.text.lowercased() == "false"
        case .punct: return ["(", "[", "-", "+"].contains(tok.text)
        default: return false
        }
    }

    mutating func triplesSameSubject(_ out: inout [Element]) throws {
        if isPunct("[") || isPunct("(") {
            let next = try peek()
            let empty = next.kind == .punct && (next.text == "]" || next.text == ")")
            if !empty {
                let s = try triplesNode(&out)
                if startsVerb { try propertyList(s, &out) }
                return
            }
        }
        if try startsQuotedTriple() {
            let s = try quotedTriple(&out)
            try propertyList(s, &out)
            return
        }
        guard startsTerm else { throw error("expected a triple pattern but found \(describe(tok))") }
        let s = try varOrTerm()
        try propertyList(s, &out)
    }

    /// True at SPARQL-star's `<<`.
    mutating func startsQuotedTriple() throws -> Bool {
        guard isPunct("<") else { return false }
        let next = try peek()
        return next.kind == .punct && next.text == "<"
    }

    /// SPARQL-star's quoted triple `<< s p o >>` in a subject or object position, read as the RDF
    /// reification kg stores for every extracted statement (Store/Provenance.swift): a fresh node `r`
    /// with `r rdf:subject s ; rdf:predicate p ; rdf:object o`. So `<< ?u kg:surrenderedTo ?a >> kg:date ?d`
    /// finds the date of each statement of that triple. Quoted triples nest.
    mutating func quotedTriple(_ out: inout [Element]) throws -> Node {
        try enterNesting()
        defer { depth -= 1 }
        try expect("<"); try expect("<")
        let s = try graphNode(&out)
        let p: Node = try acceptKeyword("a") ? .term(.iri(RDFNS.type)) : try varOrIri()
        let o = try graphNode(&out)
        guard isPunct(">"), case let next = try peek(), next.kind == .punct, next.text == ">" else {
            throw error("expected >> to close the quoted triple but found \(describe(tok))")
        }
        try advance(); try advance()
        let r = newBlank()
        for (name, value) in [("subject", s), ("predicate", p), ("object", o)] {
            out.append(.triple(TriplePattern(r, .term(.iri(RDFNS.ns + name)), value)))
        }
        return r
    }

    var startsVerb: Bool {
        switch tok.kind {
        case .iri, .pname, .variable: return true
        case .keyword: return tok.text == "a"
        case .punct: return ["^", "!", "("].contains(tok.text)
        default: return false
        }
    }

    /// PropertyListPathNotEmpty.
    mutating func propertyList(_ s: Node, _ out: inout [Element]) throws {
        guard startsVerb else { throw error("expected a predicate but found \(describe(tok))") }
        while true {
            let verb: PathExpr?
            var variable: Node?
            if tok.kind == .variable { variable = .variable(tok.text); verb = nil; try advance() }
            else if inTemplate {
                if try acceptKeyword("a") { verb = .link(RDFNS.type) }
                else if let i = try iri() { verb = .link(i) }
                else { throw error("expected a predicate but found \(describe(tok))") }
            } else { verb = try path() }
            repeat {
                let o = try graphNode(&out)
                if let variable { out.append(.triple(TriplePattern(s, variable, o))) } else { addPath(s, verb!, o, &out) }
            } while try accept(",")
            guard isPunct(";") else { return }
            while try accept(";") {}
            if !startsVerb { return }
        }
    }

    /// Simple paths become triple patterns; sequences get a fresh variable in the middle (§18.2.2.4).
    mutating func addPath(_ s: Node, _ p: PathExpr, _ o: Node, _ out: inout [Element]) {
        switch p {
        case .link(let i): out.append(.triple(TriplePattern(s, .term(.iri(i)), o)))
        case .inverse(.link(let i)): out.append(.triple(TriplePattern(o, .term(.iri(i)), s)))
        case .sequence(let a, let b):
            let v = Node.variable(freshVariable())
            addPath(s, a, v, &out)
            addPath(v, b, o, &out)
        default: out.append(.path(s, p, o))
        }
    }

    /// GraphNode: VarOrTerm | TriplesNode.
    mutating func graphNode(_ out: inout [Element]) throws -> Node {
        if try startsQuotedTriple() { return try quotedTriple(&out) }
        if isPunct("[") || isPunct("(") {
            let next = try peek()
            if !(next.kind == .punct && (next.text == "]" || next.text == ")")) { return try triplesNode(&out) }
        }
        return try varOrTerm()
    }

    mutating func newBlank() -> Node {
        fresh += 1
        return inTemplate ? .term(.blank(".b\(fresh)")) : .variable("_:.b\(fresh)")
    }

    /// `[ p o ; … ]` or a collection `( … )`.
    mutating func triplesNode(_ out: inout [Element]) throws -> Node {
        try enterNesting()
        defer { depth -= 1 }
        if try accept("[") {
            let b = newBlank()
            try propertyList(b, &out)
            try expect("]")
            return b
        }
        try expect("(")
        var items: [Node] = []
        while !isPunct(")") {
            if tok.kind == .eof { throw error("unterminated collection") }
            items.append(try graphNode(&out))
        }
        try advance()
        var head = Node.term(.iri(RDFNS.nil))
        for item in items.reversed() {
            let b = newBlank()
            out.append(.triple(TriplePattern(b, .term(.iri(RDFNS.first)), item)))
            out.append(.triple(TriplePattern(b, .term(.iri(RDFNS.rest)), head)))
            head = b
        }
        return head
    }

    mutating func varOrIri() throws -> Node {
        if tok.kind == .variable { let v = tok.text; try advance(); return .variable(v) }
        if let i = try iri() { return .term(.iri(i)) }
        throw error("expected a variable or an IRI but found \(describe(tok))")
    }

    /// VarOrTerm: variable, IRI, literal, blank node, `[]` or `()`.
    mutating func varOrTerm() throws -> Node {
        switch tok.kind {
        case .variable: let v = tok.text; try advance(); return .variable(v)
        case .blank:
            let label = tok.text
            if inTemplate { try advance(); return .term(.blank(label)) }
            if let g = blankScopes[label], g != currentGroup {
                throw error("blank node _:\(label) is used in two different graph patterns")
            }
            blankScopes[label] = currentGroup
            try advance()
            return .variable("_:" + label)
        case .punct where tok.text == "[":
            try advance(); try expect("]"); return newBlank()
        case .punct where tok.text == "(":
            try advance(); try expect(")"); return .term(.iri(RDFNS.nil))
        default:
            if let i = try iri() { return .term(.iri(i)) }
            if let l = try literal() { return .term(l) }
            throw error("expected a term but found \(describe(tok))")
        }
    }

    // MARK: Property paths

    mutating func path() throws -> PathExpr {
        try enterNesting()
        defer { depth -= 1 }
        var p = try pathSequence()
        while try accept("|") { p = .alternative(p, try pathSequence()) }
        return p
    }

    mutating func pathSequence() throws -> PathExpr {
        var p = try pathEltOrInverse()
        while try accept("/") { p = .sequence(p, try pathEltOrInverse()) }
        return p
    }

    mutating func pathEltOrInverse() throws -> PathExpr {
        if try accept("^") { return .inverse(try pathElt()) }
        return try pathElt()
    }

    mutating func pathElt() throws -> PathExpr {
        let p = try pathPrimary()
        if tok.kind == .punct, !tok.spaceBefore || true {
            switch tok.text {
            case "*": try advance(); return .zeroOrMore(p)
            case "+": try advance(); return .oneOrMore(p)
            case "?": try advance(); return .zeroOrOne(p)
            default: break
            }
        }
        return p
    }

    mutating func pathPrimary() throws -> PathExpr {
        if try acceptKeyword("a") { return .link(RDFNS.type) }
        if let i = try iri() { return .link(i) }
        if try accept("(") {
            let p = try path()
            try expect(")")
            return p
        }
        if try accept("!") {
            var fwd: [String] = [], inv: [String] = []
            func one(_ p: inout Parser) throws {
                let inverse = try p.accept("^")
                let i: String
                if try p.acceptKeyword("a") { i = RDFNS.type } else if let x = try p.iri() { i = x } else {
                    throw p.error("expected an IRI in a negated property set")
                }
                if inverse { inv.append(i) } else { fwd.append(i) }
            }
            if try accept("(") {
                if !isPunct(")") {
                    try one(&self)
                    while try accept("|") { try one(&self) }
                }
                try expect(")")
            } else { try one(&self) }
            return .negated(forward: fwd, inverse: inv)
        }
        throw error("expected a predicate or a property path but found \(describe(tok))")
    }
}
