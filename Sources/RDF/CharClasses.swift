/// Character classes of the Turtle 1.1 grammar (PN_CHARS_BASE, PN_CHARS_U, PN_CHARS, …) and a
/// small UTF-8 decoder, shared by the parser and the writers.
enum CharClass {
    @inline(__always) static func isPNCharsBase(_ c: UInt32) -> Bool {
        switch c {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
             0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
             0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    @inline(__always) static func isPNCharsU(_ c: UInt32) -> Bool { c == 0x5F || isPNCharsBase(c) }

    @inline(__always) static func isPNChars(_ c: UInt32) -> Bool {
        switch c {
        case 0x2D, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return isPNCharsU(c)
        }
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    @inline(__always) static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        default: return nil
        }
    }

    /// Characters that may follow `\` in a PN_LOCAL: `_~.-!$&'()*+,;=/?#@%`.
    static func isLocalEscapable(_ c: UInt8) -> Bool {
        switch c {
        case 0x5F, 0x7E, 0x2E, 0x2D, 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B,
             0x3D, 0x2F, 0x3F, 0x23, 0x40, 0x25:
            return true
        default:
            return false
        }
    }

    /// Decodes one UTF-8 scalar at `i` (< `end`). Returns the scalar and its length, length 0 when the
    /// sequence is cut off by `end`, or scalar `UInt32.max` (length 1) when the bytes are not UTF-8.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32, Int) {
        let b0 = p[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let len: Int
        var v: UInt32
        switch b0 {
        case 0xC2...0xDF: len = 2; v = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: len = 3; v = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: len = 4; v = UInt32(b0 & 0x07)
        default: return (UInt32.max, 1)
        }
        if i + len > end { return (0, 0) }
        for k in 1..<len {
            let b = p[i + k]
            guard b & 0xC0 == 0x80 else { return (UInt32.max, 1) }
            v = v << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = len == 2 ? 0x80 : (len == 3 ? 0x800 : 0x10000)
        if v < minimum || v > 0x10FFFF || (0xD800...0xDFFF).contains(v) { return (UInt32.max, 1) }
        return (v, len)
    }

    /// Appends the UTF-8 encoding of a valid scalar.
    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// True when `s` can be written as a blank node label after `_:`.
    static func isValidBlankLabel(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        guard isPNCharsU(first.value) || (0x30...0x39).contains(first.value) else { return false }
        guard last.value != 0x2E else { return false }
        return scalars.dropFirst().allSatisfy { isPNChars($0.value) || $0.value == 0x2E }
    }

    /// True when `s` is a PN_LOCAL that needs no escapes (the empty string counts, as in `ex:`).
    static func isPlainLocalName(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return true }
        guard isPNCharsU(first.value) || first == ":" || (0x30...0x39).contains(first.value) else { return false }
        guard last != "." else { return false }
        return scalars.dropFirst().allSatisfy { isPNChars($0.value) || $0 == "." || $0 == ":" }
    }

    /// True when `s` is a PN_PREFIX (or empty).
    static func isPrefixName(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return true }
        guard isPNCharsBase(first.value), last != "." else { return false }
        return scalars.dropFirst().allSatisfy { isPNChars($0.value) || $0 == "." }
    }
}
