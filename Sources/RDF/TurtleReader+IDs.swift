#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Term spellings already seen in one N-Triples/N-Quads file, mapped to the ids the caller gave them.
///
/// A term written the same way twice is the same term, so after its first occurrence a term costs one
/// hash of its bytes and one comparison: no `String`, no `Term`. Spellings are stored exactly as the
/// validating reader consumed them (a spelling is only stored after it parsed), so a hit never accepts
/// input the reader would reject. Different spellings of one term (`\u0041` and `A`) are different
/// keys for the same id; the caller's `intern` makes the ids agree.
///
/// The table is a cache with a memory bound: when its spellings pass `byteLimit`, it starts over empty,
/// so a file of millions of distinct terms costs at most that much here; a term seen before the reset
/// is parsed and given to `intern` once more, which must then return the same id again.
final class SpellingTable {
    /// Bytes of spellings kept before the table starts over (with the entries and slots, about 2.5× this).
    let byteLimit: Int
    private var bytes: [UInt8] = []
    private struct Entry { var hash: UInt64; var start: Int; var count: Int; var id: Int64 }
    private var entries: [Entry] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1 << 16, byteLimit: Int = 32 << 20) {
        self.byteLimit = byteLimit
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [Int32](repeating: -1, count: n)
        mask = n - 1
    }

    var count: Int { entries.count }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        return h
    }

    /// The id stored for the spelling `p[0..<n]`, if any.
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64) -> Int64? {
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[slot])
            if e < 0 { return nil }
            let entry = entries[e]
            if entry.hash == h && entry.count == n {
                let same = bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + entry.start, p, n) == 0 }
                if same { return entry.id }
            }
            slot = (slot + 1) & mask
        }
    }

    func insert(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64, id: Int64) {
        if bytes.count + n > byteLimit { removeAll() }
        if (entries.count + 1) * 2 > slots.count { grow() }
        let start = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        entries.append(Entry(hash: h, start: start, count: n, id: id))
        place(Int32(entries.count - 1), hash: h)
    }

    /// Forgets every spelling, keeping the storage for the next ones.
    private func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        for i in slots.indices { slots[i] = -1 }
    }

    private func place(_ e: Int32, hash h: UInt64) {
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = e
    }

    private func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (i, e) in entries.enumerated() { place(Int32(i), hash: e.hash) }
    }
}

extension TurtleReader {
    /// N-Triples/N-Quads statements as term ids: like `run`, but each term is looked up by its spelling in
    /// `table` first; only a spelling not seen before is parsed into a `Term` and given to `intern`.
    /// `emit` gets (s, p, o, g), g = 0 for the default graph (and for every statement when `keepGraphs`
    /// is false: graph labels are then checked but not interned). Returns like `run`.
    mutating func runIDs(table: SpellingTable, keepGraphs: Bool, intern: (Term) throws -> Int64,
                         emit: (Int64, Int64, Int64, Int64) throws -> Void) throws -> Int {
        let quads = state.format == .nquads
        while true {
            hitEnd = false
            let before = pos
            skipWS()
            if pos >= end { return isFinal ? end : before }
            let start = pos
            var ids: (Int64, Int64, Int64, Int64) = (0, 0, 0, 0)
            do {
                ids.0 = try termID(role: 0, table: table, intern: intern)
                skipInline()
                guard peek() == 0x3C else { throw fail("expected an IRI as predicate") }
                ids.1 = try termID(role: 1, table: table, intern: intern)
                skipInline()
                ids.2 = try termID(role: 2, table: table, intern: intern)
                skipInline()
                if quads && (peek() == 0x3C || peek() == 0x5F) {
                    if keepGraphs {
                        ids.3 = try termID(role: 3, table: table, intern: intern)
                    } else {
                        _ = try readLineTerm("graph name")
                    }
                    skipInline()
                }
                try finishLineStatement()
                if hitEnd && !isFinal { throw ReaderFailure.needMore }
            } catch ReaderFailure.needMore {
                pos = start
                return start
            }
            try emit(ids.0, ids.1, ids.2, ids.3)
        }
    }

    static let roles = ["subject", "predicate", "object", "graph name"]

    /// One term's id: by its spelling when seen before, else parsed by the validating reader, interned,
    /// and its spelling remembered when the quick scan below agrees with what the reader consumed.
    @inline(__always)
    private mutating func termID(role: Int, table: SpellingTable, intern: (Term) throws -> Int64) throws -> Int64 {
        let a = pos
        // Only an object may be a literal, only an IRI may be a predicate: other spellings go to the reader.
        let first = a < end ? p[a] : 0
        let b = role == 2 || (first != 0x22 && (role != 1 || first == 0x3C)) ? spellingEnd(from: a) : a
        if b > a, let base = p.baseAddress {
            let h = SpellingTable.hash(base + a, b - a)
            if let id = table.find(base + a, b - a, hash: h) {
                pos = b
                return id
            }
            let term = try role == 1 ? Term.iri(try readIRIRef()) : readLineTerm(Self.roles[role])
            let id = try intern(term)
            if pos == b { table.insert(base + a, b - a, hash: h, id: id) }
            return id
        }
        let term = try role == 1 ? Term.iri(try readIRIRef()) : readLineTerm(Self.roles[role])
        return try intern(term)
    }

    /// Where the term starting at `a` ends by a quick scan, or `a` when the scan cannot tell (the buffer
    /// ends first, or the text is unusual): `<…>`, `_:label` up to a blank, `"…"` with `@tag` or `^^<…>`.
    /// A literal followed by blanks and then `@` or `^` is left to the reader.
    @inline(__always)
    private func spellingEnd(from a: Int) -> Int {
        guard a < end else { return a }
        var i = a
        switch p[a] {
        case 0x3C:
            i += 1
            while i < end && p[i] != 0x3E { i += 1 }
            return i < end ? i + 1 : a
        case 0x5F:
            i += 1
            while i < end {
                let c = p[i]
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x3C || c == 0x22 || c == 0x23 { break }
                i += 1
            }
            return i < end ? i : a
        case 0x22:
            i += 1
            while i < end {
                let c = p[i]
                if c == 0x22 { break }
                if c == 0x5C { i += 2; continue }
                if c == 0x0A || c == 0x0D { return a }
                i += 1
            }
            guard i < end else { return a }
            i += 1
            guard i < end else { return a }
            if p[i] == 0x40 {
                i += 1
                while i < end, CharClass.isAlpha(p[i]) || CharClass.isDigit(p[i]) || p[i] == 0x2D { i += 1 }
            } else if p[i] == 0x5E {
                guard i + 1 < end, p[i + 1] == 0x5E, i + 2 < end, p[i + 2] == 0x3C else { return a }
                i += 3
                while i < end && p[i] != 0x3E { i += 1 }
                guard i < end else { return a }
                i += 1
            } else {
                var j = i
                while j < end && (p[j] == 0x20 || p[j] == 0x09) { j += 1 }
                if j >= end || p[j] == 0x40 || p[j] == 0x5E { return a }
            }
            return i < end ? i : a
        default:
            return a
        }
    }
}
