/// Markdown to plain text, line by line: headings, emphasis, links, images, lists, quotes, code fences,
/// tables, rules and HTML comments. Not a full CommonMark parser: what news articles use, done fast.
enum Markdown {
    static func blocks(_ bytes: [UInt8], from start: Int, firstLine: Int) -> [Block] {
        var reader = BlockReader(bytes: bytes)
        var i = start, line = firstLine
        while i < bytes.count {
            let end = FrontMatter.lineEnd(bytes, from: i) ?? bytes.count
            reader.read(i, end, line: line)
            i = end + 1; line += 1
        }
        return reader.builder.finish()
    }

    /// Reads the lines of a body one at a time, keeping what carries from line to line: the blocks so far
    /// and an open code fence or HTML comment.
    private struct BlockReader {
        let bytes: [UInt8]
        var builder = BlockBuilder()
        private var fence: (char: UInt8, count: Int)?
        private var inComment = false
        private var inlineOut: [UInt8] = []  // one line's plain text, reused

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// Reads the line `bytes[i..<end]`.
        mutating func read(_ i: Int, _ end: Int, line: Int) {
            if let f = fence {
                fenced(i, end, line: line, fence: f)
                return
            }
            if inComment {
                if contains(bytes, i, end, "-->") { inComment = false }
                return
            }
            var s = skipSpaces(bytes, i, end)
            if s == end { builder.end(); return }
            // Block quotes: drop the markers and read the rest as usual.
            while s < end, bytes[s] == UInt8(ascii: ">") {
                s += 1
                s = skipSpaces(bytes, s, end)
            }
            if s == end { builder.end(); return }
            if structure(s, end, line: line) { return }
            text(s, end, line: line)
        }

        /// A line inside a code fence: the closing fence, or code kept as it is.
        private mutating func fenced(_ i: Int, _ end: Int, line: Int, fence f: (char: UInt8, count: Int)) {
            let (c, n) = fenceRun(bytes, i, end)
            if c == f.char, n >= f.count, onlyFence(bytes, skipSpaces(bytes, i, end), end, c) {
                fence = nil
                builder.end()
            } else {
                builder.appendVerbatim(bytes[i..<end], line: line)
            }
        }

        /// Reads a line starting at `s` (after indentation and quote markers) if it opens a code fence or
        /// an HTML comment, or is a heading, a rule, a link reference definition or a table row; false if
        /// it is text.
        private mutating func structure(_ s: Int, _ end: Int, line: Int) -> Bool {
            let b = bytes[s]
            // Code fence.
            let (fc, fn) = fenceRun(bytes, s, end)
            if fn >= 3 && (fc == UInt8(ascii: "`") || fc == UInt8(ascii: "~")) {
                fence = (fc, fn)
                builder.begin(.code, line: line + 1)
                return true
            }
            // HTML comment spanning lines.
            if startsWith(bytes, s, end, "<!--") && !contains(bytes, s, end, "-->") { inComment = true; return true }
            if b == UInt8(ascii: "#"), atxHeading(s, end, line: line) { return true }
            // Setext heading underline (under a paragraph line) or thematic break.
            if (b == UInt8(ascii: "=") || b == UInt8(ascii: "-")) && builder.kind == .paragraph && !builder.isEmpty
                && onlyFence(bytes, s, end, b) {
                builder.retag(.heading(b == UInt8(ascii: "=") ? 1 : 2))
                builder.end()
                return true
            }
            if isRule(bytes, s, end) { builder.end(); return true }
            // Link reference definition: [id]: url
            if b == UInt8(ascii: "["), let close = firstIndex(bytes, s, end, UInt8(ascii: "]")),
               close + 1 < end, bytes[close + 1] == UInt8(ascii: ":") {
                builder.end()
                return true
            }
            if b == UInt8(ascii: "|") {
                tableRow(s, end, line: line)
                return true
            }
            return false
        }

        /// `## Heading ##` at `s` as a block of its own; false if the `#`s do not make one.
        private mutating func atxHeading(_ s: Int, _ end: Int, line: Int) -> Bool {
            var j = s
            while j < end, bytes[j] == UInt8(ascii: "#") { j += 1 }
            let level = j - s
            guard level <= 6, j == end || bytes[j] == 0x20 || bytes[j] == 0x09 else { return false }
            var e = end
            while e > j, RawText.isSpace(bytes[e - 1]) { e -= 1 }
            var h = e
            while h > j, bytes[h - 1] == UInt8(ascii: "#") { h -= 1 }
            if h == j || bytes[h - 1] == 0x20 || bytes[h - 1] == 0x09 { e = h }
            builder.begin(.heading(level), line: line)
            appendInline(bytes[j..<max(j, e)], line: line)
            builder.end()
            return true
        }

        /// A table row as a block of its own; separator rows dropped.
        private mutating func tableRow(_ s: Int, _ end: Int, line: Int) {
            if bytes[s..<end].allSatisfy({ "|-: \t".utf8.contains($0) }) { return }
            builder.begin(.other, line: line)
            var e = end
            while e > s + 1, RawText.isSpace(bytes[e - 1]) || bytes[e - 1] == UInt8(ascii: "|") { e -= 1 }
            appendInline(bytes[(s + 1)..<e], line: line)
            builder.end()
        }

        /// A list item's first line, or a line of a paragraph (or of the list item it continues).
        private mutating func text(_ start: Int, _ end: Int, line: Int) {
            var s = start
            if let after = listMarker(bytes, s, end) {
                s = after
                if end - s >= 4, bytes[s] == UInt8(ascii: "["), bytes[s + 2] == UInt8(ascii: "]"), bytes[s + 3] == 0x20 { s += 4 }
                builder.begin(.listItem, line: line)
            } else {
                builder.space()
            }
            appendInline(bytes[s..<end], line: line)
        }

        private mutating func appendInline(_ markdown: ArraySlice<UInt8>, line: Int) {
            stripInline(markdown, into: &inlineOut)
            builder.append(inlineOut, line: line)
        }
    }

    // MARK: Inline

    /// Plain text of one line of Markdown: emphasis markers, link targets, images, code-span backticks,
    /// inline HTML tags and escapes removed; entities decoded.
    static func stripInline(_ s: ArraySlice<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var skips: [(at: Int, to: Int)] = []   // "](url)" parts of links to jump over
        var i = s.startIndex
        let end = s.endIndex
        // Every bracket's match and every next ">", found once: a line of thousands of "[" or "<" takes
        // linear time, not a scan to the end of the line for each.
        let pairs = Pairs(s)
        var missingRuns = Set<Int>()  // backtick run lengths with no closing run further on
        while i < end {
            if let last = skips.last, last.at == i { i = last.to; skips.removeLast(); continue }
            let b = s[i]
            switch b {
            case UInt8(ascii: "\\"):
                if i + 1 < end, isPunct(s[i + 1]) { out.append(s[i + 1]); i += 2 } else { out.append(b); i += 1 }
            case UInt8(ascii: "`"):
                i = codeSpan(s, at: i, missingRuns: &missingRuns, into: &out)
            case UInt8(ascii: "!") where i + 1 < end && s[i + 1] == UInt8(ascii: "["):
                if let (_, after) = pairs.link(s, at: i + 1) { i = after } else { out.append(b); i += 1 }
            case UInt8(ascii: "["):
                if let (close, after) = pairs.link(s, at: i) {
                    skips.append((close, after))
                    i += 1
                } else { out.append(b); i += 1 }
            case UInt8(ascii: "<"):
                i = angleBracket(s, at: i, pairs, into: &out)
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                i = emphasis(s, at: i, into: &out)
            case UInt8(ascii: "&"):
                if let (scalar, after) = Entities.decode(s, at: i) {
                    RawText.appendUTF8(scalar, to: &out); i = after
                } else { out.append(b); i += 1 }
            default:
                out.append(b); i += 1
            }
        }
    }

    /// At a run of backticks: the text of the code span it opens, or the run itself if no run of the same
    /// length closes it. Returns the index after what was read.
    private static func codeSpan(_ s: ArraySlice<UInt8>, at i: Int, missingRuns: inout Set<Int>,
                                 into out: inout [UInt8]) -> Int {
        let b = s[i]
        var n = i
        while n < s.endIndex, s[n] == b { n += 1 }
        let run = n - i
        if !missingRuns.contains(run), let close = findRun(s, from: n, char: b, length: run) {
            out.append(contentsOf: s[n..<close])
            return close + run
        }
        missingRuns.insert(run)  // (none after a later start either)
        out.append(contentsOf: s[i..<n])
        return n
    }

    /// At a "<": an autolink's address, nothing for an inline HTML tag, else the "<" itself. Returns the
    /// index after what was read.
    private static func angleBracket(_ s: ArraySlice<UInt8>, at i: Int, _ pairs: Pairs, into out: inout [UInt8]) -> Int {
        if let gt = pairs.nextGreaterThan(after: i), i + 1 < s.endIndex {
            let inner = s[(i + 1)..<gt]
            if startsWithASCII(inner, "http://") || startsWithASCII(inner, "https://") || startsWithASCII(inner, "mailto:") {
                out.append(contentsOf: inner)
                return gt + 1
            }
            let c = s[i + 1]
            if isAlpha(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: "!") { return gt + 1 }
        }
        out.append(s[i])
        return i + 1
    }

    /// At a run of `*`, `_` or `~`: nothing if it is an emphasis (or strikethrough) marker, else the run.
    /// Returns the index after the run.
    private static func emphasis(_ s: ArraySlice<UInt8>, at i: Int, into out: inout [UInt8]) -> Int {
        let b = s[i]
        var n = i
        while n < s.endIndex, s[n] == b { n += 1 }
        let prev: UInt8 = i > s.startIndex ? s[i - 1] : 0x20
        let next: UInt8 = n < s.endIndex ? s[n] : 0x20
        let leftFlank = !RawText.isSpace(next), rightFlank = !RawText.isSpace(prev)
        var marker = leftFlank || rightFlank
        if b == UInt8(ascii: "_") && isAlnum(prev) && isAlnum(next) { marker = false }
        if b == UInt8(ascii: "~") && n - i < 2 { marker = false }
        if !marker { out.append(contentsOf: s[i..<n]) }
        return n
    }

    /// The brackets of one line: where each "[" and "(" closes (escaped ones skipped), and where the
    /// next ">" is, computed in one pass each.
    struct Pairs {
        let start: Int
        private var closing: [Int32]  // per offset: the offset of the matching closer, or -1
        private var nextGT: [Int32]   // per offset: the offset of the next ">" at or after it, or -1

        init(_ s: ArraySlice<UInt8>) {
            start = s.startIndex
            closing = Array(repeating: -1, count: s.count)
            nextGT = Array(repeating: -1, count: s.count + 1)
            var squares: [Int32] = [], rounds: [Int32] = []
            var i = s.startIndex
            while i < s.endIndex {
                let k = Int32(i - start)
                switch s[i] {
                case UInt8(ascii: "\\"): i += 2; continue
                case UInt8(ascii: "["): squares.append(k)
                case UInt8(ascii: "]"): if let o = squares.popLast() { closing[Int(o)] = k }
                case UInt8(ascii: "("): rounds.append(k)
                case UInt8(ascii: ")"): if let o = rounds.popLast() { closing[Int(o)] = k }
                default: break
                }
                i += 1
            }
            var next: Int32 = -1
            for j in stride(from: s.count - 1, through: 0, by: -1) {
                if s[start + j] == UInt8(ascii: ">") { next = Int32(j) }
                nextGT[j] = next
            }
        }

        func close(of open: Int) -> Int? {
            let c = closing[open - start]
            return c < 0 ? nil : start + Int(c)
        }

        func nextGreaterThan(after i: Int) -> Int? {
            let g = nextGT[i - start]
            return g < 0 ? nil : start + Int(g)
        }

        /// For `[text](url)`, `[text][ref]` at `open`: the index of `]` and the index after the link.
        func link(_ s: ArraySlice<UInt8>, at open: Int) -> (Int, Int)? {
            guard let close = close(of: open), close + 1 < s.endIndex,
                  s[close + 1] == UInt8(ascii: "(") || s[close + 1] == UInt8(ascii: "["),
                  let after = self.close(of: close + 1) else { return nil }
            return (close, after + 1)
        }
    }

    // MARK: Helpers

    private static func findRun(_ s: ArraySlice<UInt8>, from: Int, char: UInt8, length: Int) -> Int? {
        var i = from
        while i < s.endIndex {
            if s[i] == char {
                var n = i
                while n < s.endIndex, s[n] == char { n += 1 }
                if n - i == length { return i }
                i = n
            } else { i += 1 }
        }
        return nil
    }

    private static func fenceRun(_ b: [UInt8], _ s: Int, _ end: Int) -> (UInt8, Int) {
        let st = skipSpaces(b, s, end)
        guard st < end, b[st] == UInt8(ascii: "`") || b[st] == UInt8(ascii: "~") else { return (0, 0) }
        var n = st
        while n < end, b[n] == b[st] { n += 1 }
        return (b[st], n - st)
    }

    private static func onlyFence(_ b: [UInt8], _ s: Int, _ end: Int, _ c: UInt8) -> Bool {
        b[s..<end].allSatisfy { $0 == c || RawText.isSpace($0) }
    }

    /// A line of three or more `-`, `*` or `_`, spaces allowed between.
    private static func isRule(_ b: [UInt8], _ s: Int, _ end: Int) -> Bool {
        let c = b[s]
        guard c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "_") else { return false }
        var n = 0
        for k in s..<end {
            if b[k] == c { n += 1 } else if !RawText.isSpace(b[k]) { return false }
        }
        return n >= 3
    }

    /// The index after a list marker (`- `, `* `, `+ `, `1. `, `1) `), or nil.
    private static func listMarker(_ b: [UInt8], _ s: Int, _ end: Int) -> Int? {
        let c = b[s]
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") {
            return s + 1 < end && (b[s + 1] == 0x20 || b[s + 1] == 0x09) ? skipSpaces(b, s + 1, end) : nil
        }
        var j = s
        while j < end, j - s < 9, b[j] >= 48, b[j] <= 57 { j += 1 }
        guard j > s, j + 1 < end, b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: ")"),
              b[j + 1] == 0x20 || b[j + 1] == 0x09 else { return nil }
        return skipSpaces(b, j + 1, end)
    }

    private static func skipSpaces(_ b: [UInt8], _ s: Int, _ end: Int) -> Int {
        var i = s
        while i < end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        return i
    }

    private static func firstIndex(_ b: [UInt8], _ s: Int, _ end: Int, _ c: UInt8) -> Int? {
        var i = s
        while i < end { if b[i] == c { return i }; i += 1 }
        return nil
    }

    private static func startsWith(_ b: [UInt8], _ s: Int, _ end: Int, _ lit: StaticString) -> Bool {
        startsWithASCII(b[s..<end], lit)
    }

    private static func contains(_ b: [UInt8], _ s: Int, _ end: Int, _ lit: StaticString) -> Bool {
        let n = lit.utf8CodeUnitCount
        guard end - s >= n else { return false }
        for k in s...(end - n) where startsWithASCII(b[k..<end], lit) { return true }
        return false
    }

    static func startsWithASCII(_ s: ArraySlice<UInt8>, _ lit: StaticString) -> Bool {
        let n = lit.utf8CodeUnitCount
        guard s.count >= n else { return false }
        return lit.withUTF8Buffer { p in
            for k in 0..<n where s[s.startIndex + k] != p[k] { return false }
            return true
        }
    }

    private static func isPunct(_ c: UInt8) -> Bool {
        (33...47).contains(c) || (58...64).contains(c) || (91...96).contains(c) || (123...126).contains(c)
    }
    private static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
    private static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || (c >= 48 && c <= 57) || c >= 0x80 }
}
