/// State that outlives one buffer: declarations, base IRI and the blank node counter.
struct ParserState {
    let format: RDFFormat
    var file: String?
    let blankNodePrefix: String
    var base: String?
    var prefixMap: [String: String] = [:]
    var prefixList: [(prefix: String, namespace: String)] = []
    var blankCounter = 0
}

/// How a reader stops early: it needs more input (streaming), or the input is wrong at a byte offset.
enum ReaderFailure: Error {
    case needMore
    case syntax(offset: Int, message: String)
}

/// The tokenizer of the Turtle family, over UTF-8 bytes. Reading past the end of the buffer yields 0
/// and sets `hitEnd`, so a streaming caller can tell "wrong" from "cut off" and retry with more bytes.
struct TurtleReader {
    let p: UnsafeBufferPointer<UInt8>
    let end: Int
    var pos: Int
    let isFinal: Bool
    var hitEnd = false
    var state: ParserState
    var graph: Term?
    var pending: [Quad] = []
    var scratch: [UInt8] = []
    var frames: [Frame] = []
    static let maxDepth = 10_000

    init(_ p: UnsafeBufferPointer<UInt8>, start: Int, isFinal: Bool, state: ParserState) {
        self.p = p
        self.end = p.count
        self.pos = start
        self.isFinal = isFinal
        self.state = state
        pending.reserveCapacity(16)
    }

    // MARK: - Bytes

    @inline(__always) mutating func peek() -> UInt8 {
        if pos < end { return p[pos] }
        hitEnd = true
        return 0
    }

    @inline(__always) mutating func peek(_ k: Int) -> UInt8 {
        let i = pos + k
        if i < end { return p[i] }
        hitEnd = true
        return 0
    }

    @inline(__always) mutating func scalar(at i: Int) -> (UInt32, Int) {
        guard i < end else { hitEnd = true; return (0, 0) }
        let r = CharClass.decode(p, i, end)
        if r.1 == 0 { hitEnd = true }
        return r
    }

    /// The error to throw: `needMore` when the buffer was cut off and more input may follow.
    func fail(_ message: String, at offset: Int? = nil) -> ReaderFailure {
        if hitEnd && !isFinal { return .needMore }
        return .syntax(offset: offset ?? pos, message: message)
    }

    mutating func expect(_ c: UInt8, _ what: String) throws {
        guard peek() == c else { throw fail("expected \(what)") }
        pos += 1
    }

    /// Skips Turtle whitespace and comments.
    mutating func skipWS() {
        while true {
            let c = peek()
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D {
                pos += 1
            } else if c == 0x23 {
                while pos < end && p[pos] != 0x0A && p[pos] != 0x0D { pos += 1 }
                if pos >= end { hitEnd = true; return }
            } else {
                return
            }
        }
    }

    func string(_ a: Int, _ b: Int, ascii: Bool) throws -> String {
        let slice = UnsafeBufferPointer(rebasing: p[a..<b])
        if ascii { return String(decoding: slice, as: UTF8.self) }
        guard let s = String(validating: slice, as: UTF8.self) else { throw fail("invalid UTF-8", at: a) }
        return s
    }

    func scratchString(at offset: Int) throws -> String {
        guard let s = String(validating: scratch, as: UTF8.self) else { throw fail("invalid UTF-8", at: offset) }
        return s
    }

    // MARK: - Terms

    mutating func freshBlank() -> Term {
        state.blankCounter &+= 1
        return .blank(state.blankNodePrefix + "_g" + String(state.blankCounter))
    }

    @inline(__always) mutating func add(_ s: Term, _ p: Term, _ o: Term) {
        pending.append(Quad(s, p, o, graph: graph))
    }

    /// `<…>` with UCHAR escapes, resolved against the base (line-based formats require absolute IRIs).
    mutating func readIRIRef() throws -> String {
        let start = pos
        pos += 1
        let a = pos
        var ascii = true
        while true {
            guard pos < end else { hitEnd = true; throw fail("unterminated IRI", at: start) }
            let c = p[pos]
            if c == 0x3E { break }
            if c == 0x5C { return try readIRIRefEscaped(start: start, from: a) }
            if c <= 0x20 || c == 0x3C || c == 0x22 || c == 0x7B || c == 0x7D || c == 0x7C || c == 0x5E || c == 0x60 {
                throw fail("character not allowed in an IRI", at: pos)
            }
            if c >= 0x80 { ascii = false }
            pos += 1
        }
        let raw = try string(a, pos, ascii: ascii)
        pos += 1
        return try absolute(raw, at: start)
    }

    private mutating func readIRIRefEscaped(start: Int, from a: Int) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[a..<pos]))
        while true {
            guard pos < end else { hitEnd = true; throw fail("unterminated IRI", at: start) }
            let c = p[pos]
            if c == 0x3E { break }
            if c == 0x5C {
                CharClass.appendUTF8(try readUCHAR(), to: &scratch)
                continue
            }
            if c <= 0x20 || c == 0x3C || c == 0x22 || c == 0x7B || c == 0x7D || c == 0x7C || c == 0x5E || c == 0x60 {
                throw fail("character not allowed in an IRI", at: pos)
            }
            scratch.append(c)
            pos += 1
        }
        pos += 1
        return try absolute(try scratchString(at: start), at: start)
    }

    private func absolute(_ raw: String, at offset: Int) throws -> String {
        if IRIResolver.hasScheme(raw.utf8) { return raw }
        if state.format.isLineBased { throw fail("relative IRI <\(raw)> is not allowed in \(state.format.rawValue)", at: offset) }
        guard let base = state.base else { throw fail("relative IRI <\(raw)> and no base IRI", at: offset) }
        return IRIResolver.resolve(raw, against: base)
    }

    /// `\uXXXX` or `\UXXXXXXXX` at `pos` (which is at the backslash).
    mutating func readUCHAR() throws -> UInt32 {
        let kind = peek(1)
        let n = kind == 0x75 ? 4 : (kind == 0x55 ? 8 : 0)
        guard n > 0 else { throw fail("invalid escape sequence") }
        var v: UInt32 = 0
        for k in 0..<n {
            guard let h = CharClass.hexValue(peek(2 + k)) else { throw fail("invalid \\\(kind == 0x75 ? "u" : "U") escape") }
            v = v << 4 | h
        }
        guard v <= 0x10FFFF, !(0xD800...0xDFFF).contains(v) else { throw fail("escape is not a Unicode scalar value") }
        pos += 2 + n
        return v
    }

    /// `_:label`, renamed so that labels never collide with generated ones (`_g1`, …): a label of the
    /// form `_+g[0-9]+` gets one more `_`; then the parser's blank node prefix goes in front.
    mutating func readBlankLabel() throws -> Term {
        let start = pos
        guard peek(1) == 0x3A else { throw fail("expected ':' after '_'") }
        pos += 2
        let (c, n) = scalar(at: pos)
        guard n > 0, CharClass.isPNCharsU(c) || (0x30...0x39).contains(c) else { throw fail("invalid blank node label", at: start) }
        pos += n
        var ascii = c < 0x80
        while true {
            let (d, m) = scalar(at: pos)
            if m > 0 && CharClass.isPNChars(d) { pos += m; ascii = ascii && d < 0x80; continue }
            if m > 0 && d == 0x2E {
                var j = pos
                while j < end && p[j] == 0x2E { j += 1 }
                let (e, k) = scalar(at: j)
                if k > 0 && CharClass.isPNChars(e) { pos = j; continue }
            }
            break
        }
        let label = try string(start + 2, pos, ascii: ascii)
        let prefix = state.blankNodePrefix
        let renamed = Self.looksGenerated(start + 2, pos, p) ? "_" + label : label
        return .blank(prefix.isEmpty ? renamed : prefix + renamed)
    }

    /// True for labels of the form `_+g[0-9]+`, which would meet or mimic generated ones.
    static func looksGenerated(_ a: Int, _ b: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = a
        while i < b && p[i] == 0x5F { i += 1 }
        guard i > a, i < b, p[i] == 0x67 else { return false }
        i += 1
        guard i < b else { return false }
        while i < b { guard CharClass.isDigit(p[i]) else { return false }; i += 1 }
        return true
    }

    /// A string in any of the four quote styles, escapes decoded, otherwise exactly as written.
    mutating func readString() throws -> String {
        let q = p[pos]
        let start = pos
        if peek(1) == q && peek(2) == q && !state.format.isLineBased {
            pos += 3
            let a = pos
            var ascii = true
            while true {
                guard pos < end else { hitEnd = true; throw fail("unterminated long string", at: start) }
                let c = p[pos]
                if c == q && peek(1) == q && peek(2) == q {
                    let s = try string(a, pos, ascii: ascii)
                    pos += 3
                    return s
                }
                if c == 0x5C { return try readStringEscaped(q, long: true, start: start, from: a) }
                if c >= 0x80 { ascii = false }
                pos += 1
            }
        }
        if q == 0x27 && state.format.isLineBased { throw fail("single-quoted strings are not allowed in \(state.format.rawValue)") }
        pos += 1
        let a = pos
        var ascii = true
        while true {
            guard pos < end else { hitEnd = true; throw fail("unterminated string", at: start) }
            let c = p[pos]
            if c == q {
                let s = try string(a, pos, ascii: ascii)
                pos += 1
                return s
            }
            if c == 0x5C { return try readStringEscaped(q, long: false, start: start, from: a) }
            if c == 0x0A || c == 0x0D { throw fail("line break in a string (use \\n or a long string)") }
            if c >= 0x80 { ascii = false }
            pos += 1
        }
    }

    private mutating func readStringEscaped(_ q: UInt8, long: Bool, start: Int, from a: Int) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[a..<pos]))
        while true {
            guard pos < end else { hitEnd = true; throw fail("unterminated string", at: start) }
            let c = p[pos]
            if c == q {
                if !long { pos += 1; break }
                if peek(1) == q && peek(2) == q && !state.format.isLineBased { pos += 3; break }
            } else if c == 0x5C {
                let e = peek(1)
                let mapped: UInt8
                switch e {
                case 0x74: mapped = 0x09
                case 0x62: mapped = 0x08
                case 0x6E: mapped = 0x0A
                case 0x72: mapped = 0x0D
                case 0x66: mapped = 0x0C
                case 0x22, 0x27, 0x5C: mapped = e
                case 0x75, 0x55:
                    CharClass.appendUTF8(try readUCHAR(), to: &scratch)
                    continue
                default: throw fail("invalid escape sequence in a string")
                }
                scratch.append(mapped)
                pos += 2
                continue
            } else if !long && (c == 0x0A || c == 0x0D) {
                throw fail("line break in a string (use \\n or a long string)")
            }
            scratch.append(c)
            pos += 1
        }
        return try scratchString(at: start)
    }

    /// `@tag` (pos at `@`): `[a-zA-Z]+ ('-' [a-zA-Z0-9]+)*`, kept as written.
    mutating func readLangTag() throws -> String {
        pos += 1
        let a = pos
        guard CharClass.isAlpha(peek()) else { throw fail("invalid language tag") }
        while CharClass.isAlpha(peek()) { pos += 1 }
        while peek() == 0x2D {
            pos += 1
            guard CharClass.isAlpha(peek()) || CharClass.isDigit(peek()) else { throw fail("invalid language tag") }
            while CharClass.isAlpha(peek()) || CharClass.isDigit(peek()) { pos += 1 }
        }
        return try string(a, pos, ascii: true)
    }
}
