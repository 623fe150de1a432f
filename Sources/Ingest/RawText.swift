import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading files and turning their bytes into clean UTF-8: BOMs, UTF-16, binary detection, line ends.
enum RawText {
    /// Opens `path` for reading; a message in plain words when that fails (missing, permission, loop, folder).
    static func openFile(_ path: String) -> Result<Int32, IngestWarning> {
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return .failure(IngestWarning(file: path, message: errnoMessage(errno))) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            return .failure(IngestWarning(file: path, message: "is a folder, not a file"))
        }
        return .success(fd)
    }

    /// The whole file, or a warning.
    static func readAll(_ path: String) -> Result<[UInt8], IngestWarning> {
        let fd: Int32
        switch openFile(path) {
        case .failure(let w): return .failure(w)
        case .success(let f): fd = f
        }
        defer { close(fd) }
        var st = stat()
        let sizeHint = fstat(fd, &st) == 0 ? max(Int(st.st_size), 0) : 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = readChunk(fd, into: &chunk)
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(IngestWarning(file: path, message: "could not be read: " + errnoMessage(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return .success(bytes)
    }

    /// One `read(2)` into `buffer`: the byte count, 0 at the end, -1 on error (errno set).
    static func readChunk(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
        buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    }

    static func errnoMessage(_ code: Int32) -> String {
        switch code {
        case ENOENT: "does not exist"
        case EACCES, EPERM: "permission denied"
        case ELOOP: "symlink loop"
        case ENOTDIR: "a part of the path is not a folder"
        case ENAMETOOLONG: "path too long"
        default: String(cString: strerror(code))
        }
    }

    enum Encoding { case utf8, utf16LE, utf16BE }

    /// The byte-order mark at the start of `bytes`, if any, and its length.
    static func bom(_ bytes: [UInt8]) -> (Encoding, Int)? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return (.utf8, 3) }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return (.utf16LE, 2) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    /// Why the first 8 KB of `bytes` (after any BOM) do not look like text, or nil if they do.
    static func binaryReason(_ bytes: [UInt8], from start: Int = 0) -> String? {
        let end = min(bytes.count, start + 8192)
        guard end > start else { return nil }
        var control = 0
        for i in start..<end {
            let b = bytes[i]
            if b == 0 { return "binary file (NUL bytes); skipped" }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B { control += 1 } else if b == 0x7F { control += 1 }
        }
        return control * 10 > end - start ? "binary file (mostly non-text bytes); skipped" : nil
    }

    /// Clean UTF-8 text bytes: BOM removed, UTF-16 transcoded, CR LF and lone CR turned into LF.
    /// Fails (with a file-level warning) for an empty, binary or invalid UTF-8 file.
    static func decode(_ raw: consuming [UInt8], file: String) -> Result<[UInt8], IngestWarning> {
        var bytes = raw
        if bytes.isEmpty { return .failure(IngestWarning(file: file, message: "empty file; skipped")) }
        switch bom(bytes) {
        case (.utf16LE, _)?: bytes = utf16ToUTF8(bytes, from: 2, bigEndian: false)
        case (.utf16BE, _)?: bytes = utf16ToUTF8(bytes, from: 2, bigEndian: true)
        case (.utf8, _)?: bytes.removeFirst(3)
        case nil: break
        }
        if let reason = binaryReason(bytes) { return .failure(IngestWarning(file: file, message: reason)) }
        if let bad = firstInvalidUTF8(bytes) {
            let (line, column) = lineColumn(bytes, at: bad)
            return .failure(IngestWarning(file: file, line: line, column: column,
                                          message: "invalid UTF-8 (byte offset \(bad)); file skipped"))
        }
        normalizeLineEnds(&bytes)
        if !bytes.contains(where: { !isSpace($0) }) {
            return .failure(IngestWarning(file: file, message: "empty file (only white space); skipped"))
        }
        return .success(bytes)
    }

    /// 1-based line and column (in bytes) of offset `at`.
    static func lineColumn(_ bytes: [UInt8], at: Int) -> (Int, Int) {
        var line = 1, lineStart = 0
        for i in 0..<min(at, bytes.count) where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        return (line, at - lineStart + 1)
    }

    /// Replaces CR LF and lone CR by LF, in place.
    static func normalizeLineEnds(_ bytes: inout [UInt8]) {
        guard let firstCR = bytes.firstIndex(of: 0x0D) else { return }
        let count = bytes.withUnsafeMutableBufferPointer { p -> Int in
            var w = firstCR, r = firstCR
            let n = p.count
            while r < n {
                let b = p[r]
                if b == 0x0D {
                    p[w] = 0x0A
                    if r + 1 < n && p[r + 1] == 0x0A { r += 1 }
                } else {
                    p[w] = b
                }
                w += 1; r += 1
            }
            return w
        }
        bytes.removeLast(bytes.count - count)
    }

    /// Offset of the first byte that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { p -> Int? in
            let n = p.count
            guard let base = p.baseAddress else { return nil }
            var i = 0
            while i < n {
                // ASCII fast path, 8 bytes at a time.
                while i + 8 <= n,
                      UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                guard i < n else { break }
                let b0 = p[i]
                if b0 < 0x80 { i += 1; continue }
                let len: Int, lo: UInt8, hi: UInt8
                switch b0 {
                case 0xC2...0xDF: len = 2; lo = 0x80; hi = 0xBF
                case 0xE0: len = 3; lo = 0xA0; hi = 0xBF
                case 0xE1...0xEC, 0xEE, 0xEF: len = 3; lo = 0x80; hi = 0xBF
                case 0xED: len = 3; lo = 0x80; hi = 0x9F
                case 0xF0: len = 4; lo = 0x90; hi = 0xBF
                case 0xF1...0xF3: len = 4; lo = 0x80; hi = 0xBF
                case 0xF4: len = 4; lo = 0x80; hi = 0x8F
                default: return i
                }
                guard i + len <= n, (lo...hi).contains(p[i + 1]) else { return i }
                for k in 2..<len where p[i + k] & 0xC0 != 0x80 { return i }
                i += len
            }
            return nil
        }
    }

    /// UTF-16 to UTF-8; unpaired surrogates and a dangling odd byte become U+FFFD.
    static func utf16ToUTF8(_ bytes: [UInt8], from start: Int, bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count - start) * 3 / 2)
        var transcoder = UTF16Transcoder(bigEndian: bigEndian)
        transcoder.decode(bytes[start...], final: true, into: &out)
        return out
    }

    /// UTF-16 to UTF-8 a piece at a time: a code unit or surrogate pair cut by the end of a piece is
    /// finished by the next one.
    struct UTF16Transcoder {
        let bigEndian: Bool
        /// The bytes of an unfinished unit or pair from the end of the last piece.
        private var carry: [UInt8] = []

        init(bigEndian: Bool) { self.bigEndian = bigEndian }

        /// Appends the UTF-8 of `piece` to `out`; unpaired surrogates become U+FFFD, and so does a dangling
        /// odd byte or high surrogate at the end when the piece is the `final` one.
        mutating func decode(_ piece: ArraySlice<UInt8>, final: Bool, into out: inout [UInt8]) {
            let bytes = carry.isEmpty ? Array(piece) : carry + piece
            carry = []
            let big = bigEndian
            func unit(_ k: Int) -> UInt16 {
                big ? UInt16(bytes[k]) << 8 | UInt16(bytes[k + 1]) : UInt16(bytes[k + 1]) << 8 | UInt16(bytes[k])
            }
            var i = 0
            while i + 1 < bytes.count {
                let u = unit(i)
                if u < 0xD800 || u > 0xDFFF { appendUTF8(UInt32(u), to: &out); i += 2; continue }
                if u <= 0xDBFF {
                    if i + 3 < bytes.count {
                        let v = unit(i + 2)
                        if (0xDC00...0xDFFF).contains(v) {
                            appendUTF8(0x10000 + (UInt32(u - 0xD800) << 10) + UInt32(v - 0xDC00), to: &out)
                            i += 4
                            continue
                        }
                    } else if !final {
                        break  // its low surrogate may start the next piece
                    }
                }
                appendUTF8(0xFFFD, to: &out)
                i += 2
            }
            if i < bytes.count {
                if final { appendUTF8(0xFFFD, to: &out) } else { carry = Array(bytes[i...]) }
            }
        }
    }

    /// Appends the UTF-8 encoding of code point `v` (U+FFFD for surrogates and values past U+10FFFF).
    static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        var v = value
        if (0xD800...0xDFFF).contains(v) || v > 0x10FFFF { v = 0xFFFD }
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C || b == 0x0B
    }
}
