/// The SPARQL 1.1 tokeniser (grammar §19.8 terminals). Works on Unicode scalars; every token keeps its
/// offset so the parser can report line and column.
struct Token: Equatable {
    enum Kind: Equatable {
        case iri            // IRIREF, text without brackets
        case pname          // PNAME_NS or PNAME_LN: text "prefix:local" (local unescaped)
        case blank          // BLANK_NODE_LABEL, text without `_:`
        case variable       // VAR1 / VAR2, text without `?`/`$`
        case langTag        // text without `@`
        case integer, decimal, double
        case string         // any of the four string forms, escapes resolved
        case keyword        // a bare name (SELECT, a, true, str …); text as written
        case punct          // operators and delimiters
        case eof
    }
    var kind: Kind
    var text: String
    var offset: Int
    /// True when whitespace or a comment came right before the token.
    var spaceBefore: Bool = false
}

struct Lexer {
    let src: [Unicode.Scalar]
    var pos = 0

    init(_ text: String) {
        src = Array(Lexer.unescapeCodepoints(text).unicodeScalars)
    }

    /// §19.2: `\uXXXX` and `\UXXXXXXXX` anywhere in the query text stand for the character itself.
    static func unescapeCodepoints(_ text: String) -> String {
        guard text.contains("\\u") || text.contains("\\U") else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "\\", i + 1 < s.count, s[i + 1] == "u" || s[i + 1] == "U" {
                let n = s[i + 1] == "u" ? 4 : 8
                if i + 2 + n <= s.count, let v = UInt32(String(String.UnicodeScalarView(s[(i + 2)..<(i + 2 + n)])), radix: 16),
                   let sc = Unicode.Scalar(v) {
                    out.append(sc)
                    i += 2 + n
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return String(out)
    }

    func error(_ message: String, at offset: Int? = nil) -> SPARQLError {
        SPARQLError.syntax(message, source: src, offset: offset ?? pos)
    }

    func peekScalar(_ k: Int = 0) -> Unicode.Scalar? { pos + k < src.count ? src[pos + k] : nil }

    mutating func skipSpace() -> Bool {
        var skipped = false
        while pos < src.count {
            let c = src[pos]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { pos += 1; skipped = true; continue }
            if c == "#" {
                while pos < src.count, src[pos] != "\n", src[pos] != "\r" { pos += 1 }
                skipped = true
                continue
            }
            break
        }
        return skipped
    }

    static func isPNCharsBase(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
             0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
             0x10000...0xEFFFF: return true
        default: return false
        }
    }
    static func isPNCharsU(_ c: Unicode.Scalar) -> Bool { isPNCharsBase(c) || c == "_" }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    static func isPNChars(_ c: Unicode.Scalar) -> Bool {
        if isPNCharsU(c) || isDigit(c) || c == "-" || c.value == 0xB7 { return true }
        switch c.value { case 0x300...0x36F, 0x203F...0x2040: return true; default: return false }
    }
    static func isHex(_ c: Unicode.Scalar) -> Bool {
        isDigit(c) || (c.value >= 0x41 && c.value <= 0x46) || (c.value >= 0x61 && c.value <= 0x66)
    }

    mutating func next() throws -> Token {
        let spaced = skipSpace()
        var t = try scan()
        t.spaceBefore = spaced
        return t
    }

    private mutating func scan() throws -> Token {
        let start = pos
        guard pos < src.count else { return Token(kind: .eof, text: "", offset: pos) }
        let c = src[pos]
        func tok(_ k: Token.Kind, _ text: String) -> Token { Token(kind: k, text: text, offset: start) }
        switch c {
        case "<":
            if let iri = scanIRIRef() { return tok(.iri, iri) }
            pos += 1
            if peekScalar() == "=" { pos += 1; return tok(.punct, "<=") }
            return tok(.punct, "<")
        case "?", "$":
            if let n = peekScalar(1), Lexer.isPNCharsU(n) || Lexer.isDigit(n) {
                pos += 1
                return tok(.variable, scanVarName())
            }
            pos += 1
            return tok(.punct, String(c))
        case "\"", "'":
            return tok(.string, try scanString())
        case "@":
            return tok(.langTag, try scanLangTag())
        case "_" where peekScalar(1) == ":":
            return tok(.blank, try scanBlankLabel())
        default: break
        }
        if Lexer.isDigit(c) || (c == "." && peekScalar(1).map(Lexer.isDigit) == true) {
            return try scanNumber(start)
        }
        if Lexer.isPNCharsBase(c) || c == ":" {
            return try scanName(start)
        }
        return try scanPunctuation(start)
    }

    /// LANGTAG from its `@` (the text without it): letters, then `-` and letters or digits.
    private mutating func scanLangTag() throws -> String {
        let start = pos
        pos += 1
        var s = ""
        while let d = peekScalar(), d.properties.isAlphabetic && d.isASCII { s.unicodeScalars.append(d); pos += 1 }
        if s.isEmpty { throw error("expected a language tag after @", at: start) }
        while peekScalar() == "-", let d = peekScalar(1), d.isASCII, d.properties.isAlphabetic || Lexer.isDigit(d) {
            s += "-"; pos += 1
            while let d = peekScalar(), d.isASCII, d.properties.isAlphabetic || Lexer.isDigit(d) { s.unicodeScalars.append(d); pos += 1 }
        }
        return s
    }

    /// BLANK_NODE_LABEL from its `_:` (the text without it); a label does not end with `.`.
    private mutating func scanBlankLabel() throws -> String {
        let start = pos
        pos += 2
        var s = ""
        guard let f = peekScalar(), Lexer.isPNCharsU(f) || Lexer.isDigit(f) else { throw error("bad blank node label", at: start) }
        s.unicodeScalars.append(f); pos += 1
        while let d = peekScalar(), Lexer.isPNChars(d) || d == "." {
            if d == "." { guard let n = peekScalar(1), Lexer.isPNChars(n) || n == "." else { break } }
            s.unicodeScalars.append(d); pos += 1
        }
        return s
    }

    /// An operator or a delimiter; anything else is an error.
    private mutating func scanPunctuation(_ start: Int) throws -> Token {
        let c = src[pos]
        let two: String = pos + 1 < src.count ? String(String.UnicodeScalarView([src[pos], src[pos + 1]])) : ""
        for op in ["!=", ">=", "&&", "||", "^^"] where two == op {
            pos += 2
            return Token(kind: .punct, text: op, offset: start)
        }
        if "{}()[].,;*+-/!^|=<>".unicodeScalars.contains(c) {
            pos += 1
            return Token(kind: .punct, text: String(c), offset: start)
        }
        throw error("unexpected character '\(c.escaped(asASCII: false))'")
    }

    private mutating func scanIRIRef() -> String? {
        var i = pos + 1
        var s = ""
        while i < src.count {
            let d = src[i]
            if d == ">" { pos = i + 1; return s }
            if d.value <= 0x20 || "<\"{}|^`\\".unicodeScalars.contains(d) { return nil }
            s.unicodeScalars.append(d)
            i += 1
        }
        return nil
    }

    private mutating func scanVarName() -> String {
        var s = ""
        while let d = peekScalar(), Lexer.isPNCharsU(d) || Lexer.isDigit(d) || d.value == 0xB7
                || (0x300...0x36F).contains(d.value) || (0x203F...0x2040).contains(d.value) {
            s.unicodeScalars.append(d); pos += 1
        }
        return s
    }

    private mutating func scanString() throws -> String {
        let start = pos
        let q = src[pos]
        let long = peekScalar(1) == q && peekScalar(2) == q
        pos += long ? 3 : 1
        var s = ""
        while true {
            guard pos < src.count else { throw error("unterminated string", at: start) }
            let d = src[pos]
            if d == q {
                if !long { pos += 1; return s }
                if peekScalar(1) == q && peekScalar(2) == q {
                    // A long string may end with up to two quotes before the closing triple.
                    while peekScalar(3) == q { s.unicodeScalars.append(q); pos += 1 }
                    pos += 3
                    return s
                }
                s.unicodeScalars.append(d); pos += 1
                continue
            }
            if !long && (d == "\n" || d == "\r") { throw error("line break in a short string", at: pos) }
            if d == "\\" {
                guard let e = peekScalar(1) else { throw error("unterminated string", at: start) }
                let map: [Unicode.Scalar: String] = ["t": "\t", "b": "\u{08}", "n": "\n", "r": "\r", "f": "\u{0C}",
                                                     "\"": "\"", "'": "'", "\\": "\\"]
                guard let r = map[e] else { throw error("bad escape \\\(e) in string", at: pos) }
                s += r
                pos += 2
                continue
            }
            s.unicodeScalars.append(d)
            pos += 1
        }
    }

    private mutating func scanNumber(_ start: Int) throws -> Token {
        var s = ""
        while let d = peekScalar(), Lexer.isDigit(d) { s.unicodeScalars.append(d); pos += 1 }
        var kind = Token.Kind.integer
        if peekScalar() == ".", let n = peekScalar(1), Lexer.isDigit(n) || ((n == "e" || n == "E") && !s.isEmpty) {
            kind = .decimal
            s += "."; pos += 1
            while let d = peekScalar(), Lexer.isDigit(d) { s.unicodeScalars.append(d); pos += 1 }
        } else if peekScalar() == ".", s.isEmpty {
            throw error("bad number", at: start)
        }
        if let e = peekScalar(), e == "e" || e == "E" {
            var k = 1
            if let sg = peekScalar(1), sg == "+" || sg == "-" { k = 2 }
            if let d = peekScalar(k), Lexer.isDigit(d) {
                kind = .double
                for _ in 0..<k { s.unicodeScalars.append(src[pos]); pos += 1 }
                while let d = peekScalar(), Lexer.isDigit(d) { s.unicodeScalars.append(d); pos += 1 }
            }
        }
        return Token(kind: kind, text: s, offset: start)
    }

    /// Keywords, `a`, `true`/`false`, function names and prefixed names.
    private mutating func scanName(_ start: Int) throws -> Token {
        var prefix = ""
        if src[pos] != ":" {
            prefix.unicodeScalars.append(src[pos]); pos += 1
            while let d = peekScalar(), Lexer.isPNChars(d) || d == "." {
                if d == "." { guard let n = peekScalar(1), Lexer.isPNChars(n) || n == "." else { break } }
                prefix.unicodeScalars.append(d); pos += 1
            }
        }
        guard peekScalar() == ":" else { return Token(kind: .keyword, text: prefix, offset: start) }
        pos += 1
        var local = ""
        var first = true
        while let d = peekScalar() {
            if d == "%" {
                guard let h1 = peekScalar(1), let h2 = peekScalar(2), Lexer.isHex(h1), Lexer.isHex(h2) else {
                    throw error("bad %-escape in prefixed name", at: pos)
                }
                local += "%" + String(h1) + String(h2); pos += 3
            } else if d == "\\" {
                guard let e = peekScalar(1), "_~.-!$&'()*+,;=/?#@%".unicodeScalars.contains(e) else {
                    throw error("bad escape in prefixed name", at: pos)
                }
                local.unicodeScalars.append(e); pos += 2
            } else if Lexer.isPNCharsU(d) || d == ":" || Lexer.isDigit(d) || (!first && Lexer.isPNChars(d)) {
                local.unicodeScalars.append(d); pos += 1
            } else if d == ".", !first {
                var k = 1
                while peekScalar(k) == "." { k += 1 }
                guard let n = peekScalar(k), Lexer.isPNChars(n) || n == ":" || n == "%" || n == "\\" else { break }
                local.unicodeScalars.append(d); pos += 1
            } else { break }
            first = false
        }
        return Token(kind: .pname, text: prefix + ":" + local, offset: start)
    }
}
