/// Prefixed names, keywords, numbers and whole literals of Turtle/TriG.
extension TurtleReader {
    /// Where a PN_PREFIX starting at `pos` would end, and whether a `:` follows it (no bytes consumed).
    mutating func prefixedNameAhead() -> Bool {
        var i = pos
        if i < end && p[i] == 0x3A { return true }
        let (c, n) = scalar(at: i)
        guard n > 0, CharClass.isPNCharsBase(c) else { return false }
        i += n
        while true {
            let (d, m) = scalar(at: i)
            guard m > 0, CharClass.isPNChars(d) || d == 0x2E else { break }
            i += m
        }
        return i < end && p[i] == 0x3A && p[i - 1] != 0x2E
    }

    /// An ASCII keyword (`a`, `true`, `PREFIX`, …) at `pos`, compared case-insensitively when asked,
    /// followed by something that cannot continue a name.
    mutating func keywordAhead(_ word: StaticString, caseInsensitive: Bool = false) -> Bool {
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        for k in 0..<n {
            let c = peek(k)
            let expected = w[k]
            if caseInsensitive ? (c | 0x20) != (expected | 0x20) : c != expected { return false }
        }
        let next = peek(n)
        if CharClass.isAlpha(next) || CharClass.isDigit(next) || next == 0x5F || next == 0x2D || next == 0x3A || next >= 0x80 {
            return false
        }
        return !(next == 0x2E && pos + n + 1 < end && (CharClass.isAlpha(p[pos + n + 1]) || CharClass.isDigit(p[pos + n + 1])))
    }

    /// `prefix:local` (pos at its first byte), expanded with the declared namespace.
    mutating func readPrefixedName() throws -> String {
        let start = pos
        guard !state.format.isLineBased else { throw fail("prefixed names are not allowed in \(state.format.rawValue)") }
        let prefix = try readPrefixLabel()
        guard let ns = state.prefixMap[prefix] else { throw fail("undeclared prefix '\(prefix):'", at: start) }
        return ns + (try readLocalName())
    }

    /// PN_LOCAL: `%XX` kept as written, `\x` escapes replaced by the character, no trailing `.`.
    mutating func readLocalName() throws -> String {
        let start = pos
        scratch.removeAll(keepingCapacity: true)
        var first = true
        while true {
            let c = pos < end ? p[pos] : 0
            if c == 0x25 {
                guard CharClass.hexValue(peek(1)) != nil, CharClass.hexValue(peek(2)) != nil else { throw fail("invalid %-escape in a local name") }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[pos..<(pos + 3)]))
                pos += 3
            } else if c == 0x5C {
                let e = peek(1)
                guard CharClass.isLocalEscapable(e) else { throw fail("invalid escape in a local name") }
                scratch.append(e)
                pos += 2
            } else if c == 0x2E && !first {
                var j = pos
                while j < end && p[j] == 0x2E { j += 1 }
                let (d, m) = scalar(at: j)
                guard m > 0, CharClass.isPNChars(d) || d == 0x3A || d == 0x25 || d == 0x5C else { break }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[pos..<j]))
                pos = j
                continue
            } else {
                let (d, m) = scalar(at: pos)
                guard m > 0, d != UInt32.max else { break }
                let ok = first ? (CharClass.isPNCharsU(d) || d == 0x3A || (0x30...0x39).contains(d))
                               : (CharClass.isPNChars(d) || d == 0x3A)
                guard ok else { break }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[pos..<(pos + m)]))
                pos += m
            }
            first = false
        }
        return try scratchString(at: start)
    }

    /// An IRI in Turtle: `<…>` or a prefixed name.
    mutating func readIRI() throws -> String {
        if peek() == 0x3C { return try readIRIRef() }
        return try readPrefixedName()
    }

    /// A numeric literal, typed xsd:integer, xsd:decimal or xsd:double by its form, lexical form as written.
    mutating func readNumber() throws -> Term {
        let start = pos
        var c = peek()
        if c == 0x2B || c == 0x2D { pos += 1; c = peek() }
        var digits = 0
        while CharClass.isDigit(peek()) { pos += 1; digits += 1 }
        var datatype = XSD.integer
        if peek() == 0x2E {
            let n1 = peek(1)
            let exponentFollows = (n1 | 0x20) == 0x65 && digits > 0
                && (CharClass.isDigit(peek(2)) || ((peek(2) == 0x2B || peek(2) == 0x2D) && CharClass.isDigit(peek(3))))
            if CharClass.isDigit(n1) || exponentFollows {
                pos += 1
                while CharClass.isDigit(peek()) { pos += 1; digits += 1 }
                datatype = XSD.decimal
            }
        }
        guard digits > 0 else { throw fail("invalid number", at: start) }
        if (peek() | 0x20) == 0x65 {
            pos += 1
            if peek() == 0x2B || peek() == 0x2D { pos += 1 }
            guard CharClass.isDigit(peek()) else { throw fail("invalid exponent", at: start) }
            while CharClass.isDigit(peek()) { pos += 1 }
            datatype = XSD.double
        }
        return .literal(Literal(try string(start, pos, ascii: true), datatype: datatype))
    }

    /// A quoted literal with its optional language tag or datatype (pos at the opening quote).
    mutating func readQuotedLiteral() throws -> Term {
        let lexical = try readString()
        let save = pos
        if state.format.isLineBased {
            while peek() == 0x20 || peek() == 0x09 { pos += 1 }
        } else {
            skipWS()
        }
        if peek() == 0x40 {
            return .literal(Literal(lexical, language: try readLangTag()))
        }
        if peek() == 0x5E {
            guard peek(1) == 0x5E else { throw fail("expected '^^'") }
            pos += 2
            if !state.format.isLineBased { skipWS() }
            guard peek() == 0x3C || !state.format.isLineBased else { throw fail("expected a datatype IRI") }
            return .literal(Literal(lexical, datatype: try readIRI()))
        }
        pos = save
        return .literal(Literal(lexical))
    }

    /// An IRI, blank node label or literal (the cases that need no frame).
    mutating func readSimpleTerm(role: String) throws -> Term {
        let c = peek()
        switch c {
        case 0x3C: return .iri(try readIRIRef())
        case 0x5F: return try readBlankLabel()
        case 0x22, 0x27:
            guard role == "object" else { throw fail("a literal cannot be a \(role)") }
            return try readQuotedLiteral()
        case 0x2B, 0x2D, 0x2E, 0x30...0x39:
            guard role == "object" else { throw fail("a literal cannot be a \(role)") }
            guard !state.format.isLineBased else { throw fail("bare numbers are not allowed in \(state.format.rawValue)") }
            return try readNumber()
        default:
            if state.format.isLineBased { throw fail("expected an IRI, blank node or literal as \(role)") }
            if prefixedNameAhead() { return .iri(try readPrefixedName()) }
            if role == "object" {
                if keywordAhead("true") { pos += 4; return .literal(Literal("true", datatype: XSD.boolean)) }
                if keywordAhead("false") { pos += 5; return .literal(Literal("false", datatype: XSD.boolean)) }
            }
            if pos >= end { throw fail("unexpected end of input, expected \(role)") }
            throw fail("expected \(role)")
        }
    }
}
