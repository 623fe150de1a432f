// Text from news articles is hostile input for Graphviz: backslash escapes
// (\N, \G, \E, \T, \H, \L, \l, \n, \r) are interpreted even in attributes set
// through the API, and control characters or U+FFFE/U+FFFF would make the SVG
// invalid XML. Quotes, `<` and `>` need nothing: labels are never HTML-like
// (we never wrap them in `<...>`), and Graphviz's SVG renderer XML-escapes
// plain text. `&` mostly needs nothing either, except that Graphviz decodes
// entity-like text (`&amp;`, `&#60;`) in labels and copies it unescaped
// into SVG, so a WORD JOINER (U+2060, invisible) is put after such an `&`.

/// Turns arbitrary text into a literal, single-line Graphviz label.
public enum LabelText {
    /// Makes `s` safe to use as a Graphviz label or tooltip.
    ///
    /// Whitespace runs (including newlines and tabs) become one space and the
    /// ends are trimmed; control characters, NUL and Unicode noncharacters are
    /// removed; the text is cut to `maxLength` characters (grapheme clusters),
    /// the last being "…"; finally every backslash is doubled so Graphviz shows
    /// it literally. Right-to-left text is left untouched.
    public static func safe(_ s: String, maxLength: Int = 80) -> String {
        if isAlreadySafe(s, limit: max(1, maxLength)) { return s }
        var cleaned = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                // ASCII fast path (most labels): same answers as the Unicode properties below.
                if v == 0x20 || (0x09...0x0D).contains(v) {
                    pendingSpace = !cleaned.isEmpty
                    continue
                }
                if v < 0x20 || v == 0x7F { continue }
            } else {
                if scalar.properties.isWhitespace {
                    pendingSpace = !cleaned.isEmpty
                    continue
                }
                if isDropped(scalar) { continue }
            }
            if pendingSpace {
                cleaned.append(" ")
                pendingSpace = false
            }
            cleaned.append(scalar)
        }
        var text = String(cleaned)
        let limit = max(1, maxLength)
        if text.utf8.count > limit, text.count > limit {
            var cut = String(text.prefix(limit - 1))
            while cut.last?.isWhitespace == true { cut.removeLast() }
            text = cut + "…"
        }
        return text.breakingEntities().replacingBackslashes()
    }

    /// True when `safe` would return `s` unchanged, decided from its bytes alone (most labels): printable
    /// ASCII, single spaces between words, no space at either end, no backslash or `&`, not too long.
    private static func isAlreadySafe(_ s: String, limit: Int) -> Bool {
        var count = 0
        var previousSpace = true  // a leading space is not safe
        for b in s.utf8 {
            switch b {
            case 0x20:
                if previousSpace { return false }
                previousSpace = true
            case 0x21...0x7E where b != UInt8(ascii: "\\") && b != UInt8(ascii: "&"):
                previousSpace = false
            default:
                return false
            }
            count += 1
        }
        return count > 0 && !previousSpace && count <= limit
    }

    /// Like `safe`, for tooltips (`xlink:title`): Graphviz unescapes a
    /// doubled backslash there *before* expanding `\N` and friends, so a
    /// WORD JOINER also follows every doubled backslash.
    static func safeTooltip(_ s: String, maxLength: Int = 300) -> String {
        let label = safe(s, maxLength: maxLength)
        guard label.unicodeScalars.contains("\\") else { return label }
        var out = String.UnicodeScalarView()
        var pending = false
        for scalar in label.unicodeScalars {
            out.append(scalar)
            if scalar == "\\" {
                if pending { out.append(wordJoiner) }
                pending.toggle()
            }
        }
        return String(out)
    }

    /// Invisible, zero-width; breaks `&name;` and `\N` patterns without changing what is seen.
    static let wordJoiner: Unicode.Scalar = "\u{2060}"

    /// Control characters (C0, DEL, C1), noncharacters (U+FFFE, U+FFFF, …) and
    /// the format controls that reorder text (bidi overrides) are dropped.
    private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if scalar.properties.generalCategory == .control { return true }
        if scalar.properties.isNoncharacterCodePoint { return true }
        // Bidi embeddings/overrides/isolates can visually disguise text; the
        // letters themselves (Arabic, Hebrew) are kept.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        return false
    }
}

/// A name made only of ASCII letters, digits, `-` and `_`, for SVG classes.
enum ClassName {
    static func token(_ prefix: String, _ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "-", "_": out.unicodeScalars.append(scalar)
            case "A"..."Z": out.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            default: if !out.hasSuffix("-") { out += "-" }
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        while out.hasPrefix("-") { out.removeFirst() }
        return out.isEmpty ? prefix : "\(prefix)-\(String(out.prefix(40)))"
    }
}

/// Caller-supplied colour and shape names, reduced to characters Graphviz
/// colour/shape syntax uses (it warns about unknown names, never fails).
enum AttributeValue {
    static func color(_ s: String, default fallback: String) -> String {
        let allowed = s.unicodeScalars.allSatisfy { c in
            switch c {
            case "a"..."z", "A"..."Z", "0"..."9", "#", ".", ",", " ", "/", ":", ";": true
            default: false
            }
        }
        return allowed && !s.isEmpty && s.count <= 64 ? s : fallback
    }

    static func shape(_ s: String) -> String {
        let allowed = s.unicodeScalars.allSatisfy { c in
            switch c {
            case "a"..."z", "A"..."Z", "0"..."9", "_": true
            default: false
            }
        }
        return allowed && !s.isEmpty && s.count <= 32 ? s : "box"
    }
}

extension String {
    /// `&` followed by `name;`, `#123;` or `#x1F;` gets a WORD JOINER after it.
    fileprivate func breakingEntities() -> String {
        guard unicodeScalars.contains("&") else { return self }
        let scalars = Array(unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            out.append(scalar)
            guard scalar == "&" else { continue }
            var j = i + 1
            while j < scalars.count, scalars[j].isASCII,
                  scalars[j].properties.isAlphabetic || ("0"..."9").contains(scalars[j]) || scalars[j] == "#" {
                j += 1
            }
            if j > i + 1, j < scalars.count, scalars[j] == ";" { out.append(LabelText.wordJoiner) }
        }
        return String(out)
    }

    fileprivate func replacingBackslashes() -> String {
        guard unicodeScalars.contains("\\") else { return self }
        // Scalar-wise: a backslash followed by a combining mark is one Character.
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            out.append(scalar)
            if scalar == "\\" { out.append(scalar) }
        }
        return String(out)
    }
}
