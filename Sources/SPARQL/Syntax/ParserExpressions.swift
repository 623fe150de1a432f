import RDF

/// Expressions (§17, grammar rules Expression … PrimaryExpression, built-in calls and aggregates).
extension Parser {
    /// Built-in functions by name → allowed argument counts (nil: any number).
    static let builtins: [String: ClosedRange<Int>?] = [
        "STR": 1...1, "LANG": 1...1, "LANGMATCHES": 2...2, "DATATYPE": 1...1, "BOUND": 1...1,
        "IRI": 1...1, "URI": 1...1, "BNODE": 0...1, "RAND": 0...0, "ABS": 1...1, "CEIL": 1...1, "FLOOR": 1...1,
        "ROUND": 1...1, "CONCAT": nil, "STRLEN": 1...1, "UCASE": 1...1, "LCASE": 1...1,
        "ENCODE_FOR_URI": 1...1, "CONTAINS": 2...2, "STRSTARTS": 2...2, "STRENDS": 2...2, "STRBEFORE": 2...2,
        "STRAFTER": 2...2, "YEAR": 1...1, "MONTH": 1...1, "DAY": 1...1, "HOURS": 1...1, "MINUTES": 1...1,
        "SECONDS": 1...1, "TIMEZONE": 1...1, "TZ": 1...1, "NOW": 0...0, "UUID": 0...0, "STRUUID": 0...0,
        "MD5": 1...1, "SHA1": 1...1, "SHA256": 1...1, "SHA384": 1...1, "SHA512": 1...1, "COALESCE": nil,
        "IF": 3...3, "STRLANG": 2...2, "STRDT": 2...2, "SAMETERM": 2...2, "ISIRI": 1...1, "ISURI": 1...1,
        "ISBLANK": 1...1, "ISLITERAL": 1...1, "ISNUMERIC": 1...1, "REGEX": 2...3, "SUBSTR": 2...3,
        "REPLACE": 3...4,
    ]
    static let aggregateNames: Set<String> = ["COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"]

    mutating func expression() throws -> Expr {
        try enterNesting()
        defer { depth -= 1 }
        var operands = [try andExpression()]
        while try accept("||") { operands.append(try andExpression()) }
        // a long chain ("?x = 1 || ?x = 2 || …") as a balanced tree: its evaluation recurses log n deep
        return Self.balanced(operands[...], Expr.or)
    }

    mutating func andExpression() throws -> Expr {
        var operands = [try relational()]
        while try accept("&&") { operands.append(try relational()) }
        return Self.balanced(operands[...], Expr.and)
    }

    /// `a op b op c …` of an associative operator, as a tree of depth log₂ n.
    static func balanced(_ operands: ArraySlice<Expr>, _ op: (Expr, Expr) -> Expr) -> Expr {
        if operands.count == 1 { return operands.first! }
        let middle = operands.startIndex + operands.count / 2
        return op(balanced(operands[..<middle], op), balanced(operands[middle...], op))
    }

    mutating func relational() throws -> Expr {
        let e = try additive()
        if tok.kind == .punct, ["=", "!=", "<", ">", "<=", ">="].contains(tok.text) {
            let op = tok.text
            try advance()
            return .binary(op, e, try additive())
        }
        if isKeyword("IN") { try advance(); return .inList(e, try expressionList(), negated: false) }
        if isKeyword("NOT"), try peek().text.uppercased() == "IN" {
            try advance(); try advance()
            return .inList(e, try expressionList(), negated: true)
        }
        return e
    }

    mutating func expressionList() throws -> [Expr] {
        try expect("(")
        var list: [Expr] = []
        if try accept(")") { return list }
        list.append(try expression())
        while try accept(",") { list.append(try expression()) }
        try expect(")")
        return list
    }

    mutating func additive() throws -> Expr {
        var e = try multiplicative()
        while tok.kind == .punct, tok.text == "+" || tok.text == "-" {
            let op = tok.text
            try advance()
            e = .binary(op, e, try multiplicative())
        }
        return e
    }

    mutating func multiplicative() throws -> Expr {
        var e = try unary()
        while tok.kind == .punct, tok.text == "*" || tok.text == "/" {
            let op = tok.text
            try advance()
            e = .binary(op, e, try unary())
        }
        return e
    }

    mutating func unary() throws -> Expr {
        if try accept("!") { return .not(try primary()) }
        if try accept("+") { return .plus(try primary()) }
        if try accept("-") {
            if [.integer, .decimal, .double].contains(tok.kind), !tok.spaceBefore {
                let t = Parser.numberTerm(tok, sign: "-")
                try advance()
                return .constant(t)
            }
            return .negate(try primary())
        }
        return try primary()
    }

    mutating func bracketted() throws -> Expr {
        try expect("(")
        let e = try expression()
        try expect(")")
        return e
    }

    /// Constraint: BrackettedExpression | BuiltInCall | FunctionCall.
    mutating func constraint() throws -> Expr {
        if isPunct("(") { return try bracketted() }
        if let e = try builtinOrFunctionCall() { return e }
        throw error("expected a constraint ( … ), a built-in call or a function call but found \(describe(tok))")
    }

    mutating func primary() throws -> Expr {
        if isPunct("(") { return try bracketted() }
        if tok.kind == .variable { let v = tok.text; try advance(); return .variable(v) }
        if let e = try builtinOrFunctionCall() { return e }
        if tok.kind == .iri || tok.kind == .pname {
            return .constant(.iri(try iri()!))
        }
        if let l = try literal() { return .constant(l) }
        throw error("expected an expression but found \(describe(tok))")
    }

    /// A built-in call, aggregate, EXISTS, or an IRI followed by an argument list; nil otherwise.
    mutating func builtinOrFunctionCall() throws -> Expr? {
        if tok.kind == .iri || tok.kind == .pname {
            let next = try peek()
            guard next.kind == .punct, next.text == "(" else { return nil }
            let name = try iri()!
            try advance()
            var args: [Expr] = []
            if try accept(")") { return .function(name, args) }
            _ = try acceptKeyword("DISTINCT")
            args.append(try expression())
            while try accept(",") { args.append(try expression()) }
            try expect(")")
            return .function(name, args)
        }
        guard tok.kind == .keyword else { return nil }
        let name = tok.text.uppercased()
        if name == "NOT" {
            let next = try peek()
            guard next.kind == .keyword, next.text.uppercased() == "EXISTS" else { return nil }
            try advance(); try advance()
            return .exists(try existsPattern(), negated: true)
        }
        if name == "EXISTS" {
            try advance()
            return .exists(try existsPattern(), negated: false)
        }
        if Parser.aggregateNames.contains(name) { return try aggregate(name) }
        guard let arity = Parser.builtins[name] else { return nil }
        let at = tok
        try advance()
        var args: [Expr] = []
        if name == "BOUND" {
            try expect("(")
            guard tok.kind == .variable else { throw error("BOUND takes a variable") }
            args = [.variable(tok.text)]
            try advance()
            try expect(")")
        } else {
            args = try expressionList()
        }
        if let arity, !arity.contains(args.count) {
            throw error("\(name) takes \(arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)") arguments, not \(args.count)", at: at)
        }
        return .builtin(name == "URI" ? "IRI" : name == "ISURI" ? "ISIRI" : name, args)
    }

    mutating func existsPattern() throws -> Algebra {
        let saved = aggregates
        aggregates = nil
        defer { aggregates = saved }
        return try groupGraphPattern()
    }

    mutating func aggregate(_ name: String) throws -> Expr {
        let at = tok
        guard aggregates != nil else { throw error("aggregate \(name) is not allowed here", at: at) }
        try advance()
        try expect("(")
        let distinct = try acceptKeyword("DISTINCT")
        let saved = aggregates
        aggregates = nil
        var agg = Aggregate(name: name, distinct: distinct, argument: nil)
        if name == "COUNT", try accept("*") {
        } else {
            agg.argument = try expression()
        }
        if name == "GROUP_CONCAT", try accept(";") {
            try expectKeyword("SEPARATOR")
            try expect("=")
            guard tok.kind == .string else { throw error("expected a string after SEPARATOR =") }
            agg.separator = tok.text
            try advance()
        }
        try expect(")")
        aggregates = saved
        aggregateCounter += 1
        let v = ".agg\(aggregateCounter)"
        aggregates!.append((v, agg))
        return .variable(v)
    }
}
