/// A small, tolerant HTML tokenizer over UTF-8 bytes. It never fails: an unclosed tag, comment or
/// raw-text element simply runs to the end of the input. Comments, doctypes and processing
/// instructions are skipped. It keeps no stack; nesting is the caller's business.
struct HTMLTokenizer {
    enum Token {
        case text(Range<Int>)
        /// The content of a raw-text element (`script`, `style`, `title`, `textarea`, …).
        case rawText(name: String, Range<Int>)
        case start(name: String, attributes: Range<Int>, selfClosing: Bool, at: Int)
        case end(name: String, at: Int)
        case eof
    }

    let bytes: [UInt8]
    private(set) var pos = 0
    private var pendingRaw: String?

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static let rawTextElements: Set<String> = [
        "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
    ]

    mutating func next() -> Token {
        let n = bytes.count
        if let raw = pendingRaw {
            pendingRaw = nil
            let start = pos
            let end = raw == "plaintext" ? n : findEndTag(raw, from: pos)
            pos = end
            return .rawText(name: raw, start..<end)
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
                return .end(name: name, at: start)
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
            if Self.rawTextElements.contains(name) && !selfClosing { pendingRaw = name }
            return .start(name: name, attributes: afterName..<gt, selfClosing: selfClosing, at: start)
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
        var name = Array(bytes[from..<min(j, from + 32)])
        for k in name.indices where name[k] >= 65 && name[k] <= 90 { name[k] |= 0x20 }
        return (String(decoding: name, as: UTF8.self), j)
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
