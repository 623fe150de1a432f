/// One word, number or punctuation mark of an article, with its UTF-8 byte offsets in the text.
struct Token: Sendable {
    enum Kind: Sendable { case word, number, punct }
    var text: String
    /// Lower-cased text with typographic apostrophes folded to `'`: what patterns compare.
    var key: String
    var start: Int
    var end: Int
    var kind: Kind
    /// Whitespace precedes the token (a hyphen glued to its neighbours has none).
    var spaceBefore: Bool
    /// A blank line (paragraph break) precedes the token.
    var paragraphBefore: Bool
    /// The lexicon's id for `key` (see `WordIDs`): `noWord` if no phrase has it, `unstamped` before
    /// the extractor stamps it.
    var wordID: Int32 = Token.unstamped

    static let noWord: Int32 = -1
    static let unstamped = Int32.min

    /// Starts with an upper-case letter.
    var isCapitalised: Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if first.isASCII { return first.value &- 0x41 < 26 }
        return first.properties.isUppercase
    }
    /// Two or more letters, all upper case (digits allowed): an acronym such as `MNDAA`, `3BHA`.
    var isAcronym: Bool {
        var letters = 0
        for s in text.unicodeScalars {
            if s.isASCII {
                if s.value &- 0x61 < 26 { return false }
                if s.value &- 0x41 < 26 { letters += 1 }
                continue
            }
            if s.properties.isLowercase { return false }
            if s.properties.isAlphabetic { letters += 1 }
        }
        return letters >= 2
    }
}

/// Splits text into tokens in one pass over its Unicode scalars.
///
/// Words keep inner apostrophes (`Ta'ang`) but split off a possessive `'s`; numbers keep inner
/// commas and points (`3,000`, `1.5`) and trailing letters (`55th`, `8pm`); hyphens and other marks
/// are tokens of their own, so templates and names tokenised the same way line up.
enum Tokenizer {
    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{2018}" || s == "\u{02BC}"
    }
    // ASCII fast paths: in ASCII only A–Z and a–z are alphabetic, only 0–9 numeric, only tab to
    // carriage return and space white space, and nothing a non-spacing mark.
    @inline(__always) static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (s.value | 0x20) &- 0x61 < 26 || s.value &- 0x30 < 10 }
        return s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark
    }
    @inline(__always) static func isNumeric(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? s.value &- 0x30 < 10 : s.properties.numericType != nil
    }
    @inline(__always) static func isAlphabetic(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (s.value | 0x20) &- 0x61 < 26 : s.properties.isAlphabetic
    }
    @inline(__always) static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? s.value == 0x20 || s.value &- 0x09 < 5 : s.properties.isWhitespace
    }

    /// The key of ASCII UTF-8 bytes (lower-cased), or nil if any byte is not ASCII.
    static func asciiKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for b in bytes where b >= 0x80 { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            for (i, b) in bytes.enumerated() { out[i] = b &- 0x41 < 26 ? b | 0x20 : b }
            return bytes.count
        }
    }

    static func key(_ text: String) -> String {
        var text = text
        if let k = text.withUTF8({ asciiKey($0) }) { return k }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isApostrophe(s) { out.append("'") } else { out.append(contentsOf: String(s).lowercased().unicodeScalars) }
        }
        return String(out)
    }

    /// The end of the word or number starting at `i`: "3,000" and "1.5" are one number, "Ta'ang" one
    /// word; "MNDAA's" ends before its "'s".
    private static func wordEnd(_ scalars: [Unicode.Scalar], from i: Int) -> Int {
        var j = i + 1
        let numeric = isNumeric(scalars[i])
        while j < scalars.count {
            let c = scalars[j]
            if isWordScalar(c) { j += 1; continue }
            // 3,000 and 1.5: a comma or point between digits stays inside a number.
            if numeric, c == "," || c == ".", j + 1 < scalars.count,
               isNumeric(scalars[j + 1]), isNumeric(scalars[j - 1]) {
                j += 2; continue
            }
            // Ta'ang stays one word; MNDAA's splits into MNDAA + 's.
            if isApostrophe(c), j + 1 < scalars.count, isAlphabetic(scalars[j + 1]) {
                let possessive = (scalars[j + 1] == "s" || scalars[j + 1] == "S")
                    && (j + 2 >= scalars.count || !isWordScalar(scalars[j + 2]))
                if !possessive { j += 2; continue }
            }
            break
        }
        return j
    }

    static func tokenize(_ text: String) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        let bytes = Array(text.utf8)
        var offsets = [Int](repeating: 0, count: scalars.count + 1)
        for (i, s) in scalars.enumerated() { offsets[i + 1] = offsets[i] + UTF8.width(s) }
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 5)
        var i = 0, space = true, newlines = 0
        func emit(_ from: Int, _ to: Int, _ kind: Token.Kind) {
            // The token's text straight from its UTF-8 bytes (the text is valid UTF-8, so this is
            // the same string as its scalars); ASCII keys are lower-cased byte by byte.
            let (t, k) = bytes.withUnsafeBufferPointer { all -> (String, String) in
                let slice = UnsafeBufferPointer(rebasing: all[offsets[from]..<offsets[to]])
                let t = String(decoding: slice, as: UTF8.self)
                return (t, asciiKey(slice) ?? key(t))
            }
            tokens.append(Token(text: t, key: k, start: offsets[from], end: offsets[to], kind: kind,
                                spaceBefore: space || tokens.isEmpty, paragraphBefore: newlines >= 2))
            space = false
            newlines = 0
        }
        while i < scalars.count {
            let s = scalars[i]
            if isWhitespace(s) {
                if s == "\n" { newlines += 1 }
                space = true
                i += 1
                continue
            }
            if isWordScalar(s) {
                let j = wordEnd(scalars, from: i)
                emit(i, j, isNumeric(s) ? .number : .word)
                i = j
                continue
            }
            if isApostrophe(s), i + 1 < scalars.count, scalars[i + 1] == "s" || scalars[i + 1] == "S",
               !tokens.isEmpty, !space, i + 2 >= scalars.count || !isWordScalar(scalars[i + 2]) {
                emit(i, i + 2, .word)
                i += 2
                continue
            }
            emit(i, i + 1, .punct)
            i += 1
        }
        return tokens
    }
}

/// Splits a token stream into sentences: at `.`, `!`, `?` followed by a capital, a digit, a quote or a
/// paragraph break, but not after abbreviations ("Oct.", "Col.", "No. 125"), initials ("U.S.", "J.")
/// or inside numbers; always at paragraph breaks.
enum SentenceSplitter {
    /// English abbreviations that take a full stop inside a sentence.
    static let abbreviations: Set<String> = [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "col", "lt", "maj", "gen", "brig", "capt", "cpt", "sgt", "cpl", "adm", "cmdr", "gov", "sen", "rep",
        "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "approx", "est", "dept", "fig", "inc", "ltd",
        "co", "corp", "mt", "ft", "jr", "sr", "rev", "hon", "pres", "vol",
    ]

    static func split(_ tokens: [Token]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < tokens.count {
            if i > start && tokens[i].paragraphBefore {
                out.append(start..<i)
                start = i
            }
            let t = tokens[i]
            if t.kind == .punct, t.text == "." || t.text == "!" || t.text == "?" {
                var end = i + 1
                // Closing quotes and brackets belong to the sentence they end.
                while end < tokens.count, !tokens[end].spaceBefore,
                      ["\"", "\u{201D}", "\u{2019}", ")", "'"].contains(tokens[end].text) { end += 1 }
                if isBoundary(tokens, dot: i, next: end) {
                    out.append(start..<end)
                    start = end
                    i = end
                    continue
                }
            }
            i += 1
        }
        if start < tokens.count { out.append(start..<tokens.count) }
        return out
    }

    private static func isBoundary(_ tokens: [Token], dot: Int, next: Int) -> Bool {
        guard next < tokens.count else { return true }
        let n = tokens[next]
        if n.paragraphBefore { return true }
        if tokens[dot].text != "." { return n.isCapitalised || n.kind != .word }
        if dot > 0 {
            let p = tokens[dot - 1]
            if !tokens[dot].spaceBefore {
                if abbreviations.contains(p.key) { return false }
                // Initials and dotted acronyms: "J. Smith", "U.S."
                if p.kind == .word, p.text.unicodeScalars.count == 1, p.isCapitalised { return false }
            }
        }
        if n.kind == .word { return n.isCapitalised }
        if n.kind == .number { return true }
        return ["\"", "\u{201C}", "'", "\u{2018}", "(", "["].contains(n.text)
    }
}
