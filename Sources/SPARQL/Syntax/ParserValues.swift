import RDF

/// VALUES blocks and literal terms (RDFLiteral, NumericLiteral, BooleanLiteral).
extension Parser {
    mutating func valuesClause() throws -> Algebra {
        try expectKeyword("VALUES")
        var vars: [String] = []
        var rows: [[Term?]] = []
        if tok.kind == .variable {
            vars = [tok.text]; try advance()
            try expect("{")
            while !isPunct("}") { rows.append([try dataValue()]) }
            try advance()
        } else {
            try expect("(")
            while tok.kind == .variable { vars.append(tok.text); try advance() }
            try expect(")")
            try expect("{")
            while !isPunct("}") {
                let rowStart = tok
                try expect("(")
                var row: [Term?] = []
                while !isPunct(")") {
                    if tok.kind == .eof { throw error("unterminated VALUES row") }
                    row.append(try dataValue())
                }
                if row.count != vars.count { throw error("a VALUES row has \(row.count) values for \(vars.count) variables", at: rowStart) }
                try advance()
                rows.append(row)
            }
            try advance()
        }
        return .values(vars, rows)
    }

    /// DataBlockValue: iri, literal, or UNDEF (nil).
    mutating func dataValue() throws -> Term? {
        if try acceptKeyword("UNDEF") { return nil }
        if let i = try iri() { return .iri(i) }
        if let l = try literal() { return l }
        throw error("expected an IRI, a literal or UNDEF but found \(describe(tok))")
    }

    /// RDFLiteral, NumericLiteral (signed) or BooleanLiteral; nil if the token starts none.
    mutating func literal() throws -> Term? {
        switch tok.kind {
        case .string:
            let lex = tok.text
            try advance()
            if tok.kind == .langTag { let l = tok.text; try advance(); return .lang(lex, l) }
            if try accept("^^") {
                guard let dt = try iri() else { throw error("expected a datatype IRI after ^^") }
                return .typed(lex, dt)
            }
            return .string(lex)
        case .integer, .decimal, .double:
            let t = Parser.numberTerm(tok, sign: "")
            try advance()
            return t
        case .punct where (tok.text == "-" || tok.text == "+"):
            let next = try peek()
            guard [.integer, .decimal, .double].contains(next.kind), !next.spaceBefore else { return nil }
            let sign = tok.text
            try advance()
            let t = Parser.numberTerm(tok, sign: sign)
            try advance()
            return t
        case .keyword where tok.text.lowercased() == "true" || tok.text.lowercased() == "false":
            let t = Term.typed(tok.text.lowercased(), XSD.boolean)
            try advance()
            return t
        default: return nil
        }
    }

    static func numberTerm(_ t: Token, sign: String) -> Term {
        let dt = t.kind == .integer ? XSD.integer : t.kind == .decimal ? XSD.decimal : XSD.double
        return .typed(sign + t.text, dt)
    }
}
