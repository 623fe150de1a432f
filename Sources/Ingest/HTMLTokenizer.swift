/// A small, tolerant HTML tokenizer over UTF-8 bytes. It never fails: an unclosed tag, comment or
/// raw-text element simply runs to the end of the input. Comments, doctypes and processing
/// instructions are skipped. It keeps no stack; nesting is the caller's business.
struct HTMLTokenizer {
    enum Token {
        case text(Range<Int>)
        /// The content of a raw-text element (`script`, `style`, `title`, `textarea`, …).
        case rawText(HTMLTag, Range<Int>)
        case start(HTMLTag, attributes: Range<Int>, selfClosing: Bool, at: Int)
        case end(HTMLTag, at: Int)
        case eof
    }

    let bytes: [UInt8]
    private(set) var pos = 0
    private var pendingRaw: HTMLTag?

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> Token {
        let n = bytes.count
        if let raw = pendingRaw {
            pendingRaw = nil
            let start = pos
            let end = raw.name == "plaintext" ? n : findEndTag(raw.name, from: pos)
            pos = end
            return .rawText(raw, start..<end)
        }
        while pos < n {
            let start = pos
            if bytes[pos] != UInt8(ascii: "<") {
                var j = pos + 1
                while j < n, bytes[j] != UInt8(ascii: "<") { j += 1 }
                pos = j
                return .text(start..<j)
            }
            guard pos + 1 < n else { pos = n; return .text(start..<n) }
            let c = bytes[pos + 1]
            if c == UInt8(ascii: "!") {
                if pos + 3 < n, bytes[pos + 2] == UInt8(ascii: "-"), bytes[pos + 3] == UInt8(ascii: "-") {
                    pos = find("-->", from: pos + 4).map { $0 + 3 } ?? n
                } else {
                    pos = skipTo(UInt8(ascii: ">"), from: pos + 2)
                }
                continue
            }
            if c == UInt8(ascii: "?") { pos = skipTo(UInt8(ascii: ">"), from: pos + 2); continue }
            if c == UInt8(ascii: "/") {
                guard pos + 2 < n, isAlpha(bytes[pos + 2]) else {
                    // "</>" or "</ 3": ignored like a comment.
                    pos = skipTo(UInt8(ascii: ">"), from: pos + 2)
                    continue
                }
                let (name, after) = readName(from: pos + 2)
                pos = skipTo(UInt8(ascii: ">"), from: after)
                return .end(HTMLTag(name), at: start)
            }
            guard isAlpha(c) else {
                pos += 1
                return .text(start..<pos)
            }
            let (name, afterName) = readName(from: pos + 1)
            guard let (gt, selfClosing) = tagEnd(from: afterName) else {
                pos = n  // unclosed tag at the end of the input: dropped
                return .eof
            }
            pos = gt + 1
            let tag = HTMLTag(name)
            if tag.kind.contains(.rawText) && !selfClosing { pendingRaw = tag }
            return .start(tag, attributes: afterName..<gt, selfClosing: selfClosing, at: start)
        }
        return .eof
    }

    /// Attributes of a start tag, names lower-cased, values entity-decoded; the first of a name wins.
    func attributes(_ range: Range<Int>) -> [String: String] {
        var result: [String: String] = [:]
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            while i < end, RawText.isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/") { i += 1 }
            let nameStart = i
            while i < end, !RawText.isSpace(bytes[i]), bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: "/") { i += 1 }
            if i == nameStart { i += 1; continue }
            let name = String(decoding: bytes[nameStart..<i], as: UTF8.self).lowercased()
            while i < end, RawText.isSpace(bytes[i]) { i += 1 }
            var value = ""
            if i < end, bytes[i] == UInt8(ascii: "=") {
                i += 1
                while i < end, RawText.isSpace(bytes[i]) { i += 1 }
                var vs = i, ve = i
                if i < end, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                    let q = bytes[i]
                    vs = i + 1; ve = vs
                    while ve < end, bytes[ve] != q { ve += 1 }
                    i = min(ve + 1, end)
                } else {
                    while ve < end, !RawText.isSpace(bytes[ve]) { ve += 1 }
                    i = ve
                }
                value = Entities.decodeAll(String(decoding: bytes[vs..<ve], as: UTF8.self))
            }
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    // MARK: Scanning

    private func readName(from: Int) -> (String, Int) {
        var j = from
        while j < bytes.count, !RawText.isSpace(bytes[j]), bytes[j] != UInt8(ascii: "/"), bytes[j] != UInt8(ascii: ">") { j += 1 }
        let raw = bytes[from..<min(j, from + 32)]
        guard raw.contains(where: { $0 >= 65 && $0 <= 90 }) else { return (String(decoding: raw, as: UTF8.self), j) }
        return (String(decoding: raw.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self), j)
    }

    /// The `>` closing a start tag (quotes respected) and whether it is written `/>`.
    private func tagEnd(from: Int) -> (Int, Bool)? {
        var i = from
        var quote: UInt8 = 0
        while i < bytes.count {
            let b = bytes[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                // Only a quote that opens an attribute value counts (after "=" and spaces).
                var k = i - 1
                while k >= from, RawText.isSpace(bytes[k]) { k -= 1 }
                if k >= from, bytes[k] == UInt8(ascii: "=") { quote = b }
            } else if b == UInt8(ascii: ">") {
                return (i, i > from && bytes[i - 1] == UInt8(ascii: "/"))
            }
            i += 1
        }
        return nil
    }

    /// Start of `</name` (case-insensitive) at or after `from`, or the end of the input.
    private func findEndTag(_ name: String, from: Int) -> Int {
        let nameBytes = Array(name.utf8)
        var i = from
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "/") {
                var match = i + 2 + nameBytes.count <= bytes.count
                if match {
                    for (k, c) in nameBytes.enumerated() where bytes[i + 2 + k] | 0x20 != c { match = false; break }
                }
                let after = i + 2 + nameBytes.count
                if match && (after == bytes.count || RawText.isSpace(bytes[after]) || bytes[after] == UInt8(ascii: ">")
                             || bytes[after] == UInt8(ascii: "/")) { return i }
            }
            i += 1
        }
        return bytes.count
    }

    private func find(_ lit: StaticString, from: Int) -> Int? {
        let n = lit.utf8CodeUnitCount
        var i = from
        while i + n <= bytes.count {
            if Markdown.startsWithASCII(bytes[i..<(i + n)], lit) { return i }
            i += 1
        }
        return nil
    }

    private func skipTo(_ c: UInt8, from: Int) -> Int {
        var i = from
        while i < bytes.count, bytes[i] != c { i += 1 }
        return min(i + 1, bytes.count)
    }

    private func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
}

/// A tag name with what the extractor needs to know about it, looked up once per tag.
struct HTMLTag {
    struct Kind: OptionSet {
        let rawValue: UInt8
        /// Content is raw text up to the end tag (`script`, `style`, `title`, …).
        static let rawText = Kind(rawValue: 1)
        /// Starts and ends a block of text.
        static let block = Kind(rawValue: 2)
        /// Not article text: navigation, scripts, forms, asides.
        static let dropped = Kind(rawValue: 4)
        /// Has no end tag.
        static let void = Kind(rawValue: 8)
        /// Ends an open `<p>`.
        static let closesP = Kind(rawValue: 16)
        /// May appear in `<head>` (others end it).
        static let headContent = Kind(rawValue: 32)
    }

    let name: String
    /// Index of a known tag (for counting open elements in an array), -1 otherwise.
    let id: Int
    let kind: Kind

    init(_ name: String) {
        self.name = name
        if let (id, kind) = Self.table[name] { self.id = id; self.kind = kind } else { id = -1; kind = [] }
    }

    static let table: [String: (Int, Kind)] = {
        let groups: [(Kind, String)] = [
            (.rawText, "script style title textarea xmp iframe noembed noframes noscript plaintext"),
            (.block, """
                p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre article section main table tr td th caption \
                tbody thead tfoot figure figcaption hr body html center address details summary fieldset hgroup \
                picture video audio
                """),
            (.dropped, """
                script style noscript nav header footer aside form head template svg button select iframe object \
                dialog menu textarea canvas map
                """),
            (.void, "area base br col embed hr img input link meta param source track wbr"),
            (.closesP, """
                p div h1 h2 h3 h4 h5 h6 ul ol dl blockquote pre article section main table figure header footer nav \
                aside form hr address details
                """),
            (.headContent, "meta link title style script base noscript template"),
            ([], "a b i em strong span time"),
        ]
        var kinds: [String: Kind] = [:]
        for (kind, names) in groups {
            for n in names.split(separator: " ") { kinds[String(n), default: []].formUnion(kind) }
        }
        var table: [String: (Int, Kind)] = [:]
        for (i, name) in kinds.keys.sorted().enumerated() { table[name] = (i, kinds[name]!) }
        return table
    }()
}
