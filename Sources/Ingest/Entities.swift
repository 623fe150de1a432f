/// HTML character references: the common named ones (all of Latin-1 plus typographic punctuation),
/// `&#NNN;` and `&#xHH;`.
enum Entities {
    /// Decodes the reference starting with `&` at `at`: its code point and the index after it.
    /// Unknown names give nil (the `&` is then kept as text). Numeric references to C1 controls map
    /// as Windows-1252 (as browsers do); 0, surrogates and values past U+10FFFF become U+FFFD.
    static func decode(_ s: ArraySlice<UInt8>, at: Int) -> (UInt32, Int)? {
        var i = at + 1
        guard i < s.endIndex else { return nil }
        if s[i] == UInt8(ascii: "#") {
            i += 1
            var hex = false
            if i < s.endIndex, s[i] | 0x20 == UInt8(ascii: "x") { hex = true; i += 1 }
            var value: UInt32 = 0, digits = 0
            while i < s.endIndex, let d = digit(s[i], hex: hex) {
                value = min(value &* (hex ? 16 : 10) &+ d, 0x11_0000)
                digits += 1; i += 1
            }
            guard digits > 0 else { return nil }
            if i < s.endIndex, s[i] == UInt8(ascii: ";") { i += 1 }
            if (0x80...0x9F).contains(value) { value = windows1252[Int(value - 0x80)] }
            if value == 0 || (0xD800...0xDFFF).contains(value) || value > 0x10FFFF { value = 0xFFFD }
            return (value, i)
        }
        var j = i
        while j < s.endIndex, j - i < 10, isAlnum(s[j]) { j += 1 }
        guard j > i else { return nil }
        let name = String(decoding: s[i..<j], as: UTF8.self)
        if j < s.endIndex, s[j] == UInt8(ascii: ";"), let v = named[name] { return (v, j + 1) }
        // A few legacy names work without the semicolon.
        if let v = named[name], ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"].contains(name) { return (v, j) }
        return nil
    }

    /// `text` with every reference decoded.
    static func decodeAll(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let bytes = ArraySlice(Array(text.utf8))
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "&"), let (v, after) = decode(bytes, at: i) {
                RawText.appendUTF8(v, to: &out); i = after
            } else { out.append(bytes[i]); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func digit(_ c: UInt8, hex: Bool) -> UInt32? {
        if c >= 48 && c <= 57 { return UInt32(c - 48) }
        if hex, (c | 0x20) >= 97, (c | 0x20) <= 102 { return UInt32((c | 0x20) - 87) }
        return nil
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        ((c | 0x20) >= 97 && (c | 0x20) <= 122) || (c >= 48 && c <= 57)
    }

    private static let windows1252: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// Latin-1 names in code point order from U+00A0.
    private static let latin1 = """
        nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 \
        acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde \
        Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc \
        Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml \
        aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc \
        otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml
        """

    private static let named: [String: UInt32] = {
        var m: [String: UInt32] = [
            "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
            "ndash": 0x2013, "mdash": 0x2014, "hellip": 0x2026, "lsquo": 0x2018, "rsquo": 0x2019,
            "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "lsaquo": 0x2039,
            "rsaquo": 0x203A, "bull": 0x2022, "dagger": 0x2020, "Dagger": 0x2021, "permil": 0x2030,
            "prime": 0x2032, "Prime": 0x2033, "euro": 0x20AC, "trade": 0x2122, "ensp": 0x2002,
            "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C, "zwj": 0x200D, "lrm": 0x200E, "rlm": 0x200F,
            "OElig": 0x152, "oelig": 0x153, "Scaron": 0x160, "scaron": 0x161, "Yuml": 0x178, "fnof": 0x192,
            "circ": 0x2C6, "tilde": 0x2DC, "larr": 0x2190, "rarr": 0x2192, "uarr": 0x2191, "darr": 0x2193,
            "minus": 0x2212, "le": 0x2264, "ge": 0x2265, "ne": 0x2260, "infin": 0x221E, "asymp": 0x2248,
            "hearts": 0x2665, "star": 0x2606, "check": 0x2713, "nbhy": 0x2011, "NewLine": 0x0A, "Tab": 0x09,
            "alpha": 0x3B1, "beta": 0x3B2, "gamma": 0x3B3, "delta": 0x3B4, "mu": 0x3BC, "pi": 0x3C0,
            "Omega": 0x3A9, "Delta": 0x394,
        ]
        for (k, name) in latin1.split(separator: " ").enumerated() { m[String(name)] = 0xA0 + UInt32(k) }
        return m
    }()
}
