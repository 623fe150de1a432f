/// Relative IRI resolution, RFC 3986 §5.2 (works on the UTF-8 bytes; IRIs are compared and kept as text).
enum IRIResolver {
    /// The five components of an IRI reference (RFC 3986 appendix B), as byte ranges of the input.
    struct Parts {
        var scheme: ArraySlice<UInt8>?
        var authority: ArraySlice<UInt8>?
        var path: ArraySlice<UInt8>
        var query: ArraySlice<UInt8>?
        var fragment: ArraySlice<UInt8>?
    }

    /// True when `bytes` starts with a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`).
    static func hasScheme<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var first = true
        for c in bytes {
            let isAlpha = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            if first {
                guard isAlpha else { return false }
                first = false
                continue
            }
            if c == 0x3A { return true }
            guard isAlpha || (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E else { return false }
        }
        return false
    }

    static func split(_ s: [UInt8]) -> Parts {
        var i = s.startIndex
        var scheme: ArraySlice<UInt8>?
        if hasScheme(s), let colon = s.firstIndex(of: 0x3A) {
            scheme = s[..<colon]
            i = colon + 1
        }
        var authority: ArraySlice<UInt8>?
        if i + 1 < s.endIndex, s[i] == 0x2F, s[i + 1] == 0x2F {
            var j = i + 2
            while j < s.endIndex, s[j] != 0x2F, s[j] != 0x3F, s[j] != 0x23 { j += 1 }
            authority = s[(i + 2)..<j]
            i = j
        }
        var j = i
        while j < s.endIndex, s[j] != 0x3F, s[j] != 0x23 { j += 1 }
        let path = s[i..<j]
        i = j
        var query: ArraySlice<UInt8>?
        if i < s.endIndex, s[i] == 0x3F {
            j = i + 1
            while j < s.endIndex, s[j] != 0x23 { j += 1 }
            query = s[(i + 1)..<j]
            i = j
        }
        var fragment: ArraySlice<UInt8>?
        if i < s.endIndex, s[i] == 0x23 { fragment = s[(i + 1)...] }
        return Parts(scheme: scheme, authority: authority, path: path, query: query, fragment: fragment)
    }

    /// Resolves `reference` against the absolute `base` (RFC 3986 §5.2.2, strict: a reference with a
    /// scheme is used as is apart from dot-segment removal).
    static func resolve(_ reference: String, against base: String) -> String {
        let r = split(Array(reference.utf8))
        let b = split(Array(base.utf8))
        var t = Parts(scheme: nil, authority: nil, path: [], query: nil, fragment: nil)
        if r.scheme != nil {
            t = r
            t.path = removeDotSegments(r.path)
        } else {
            if r.authority != nil {
                t.authority = r.authority
                t.path = removeDotSegments(r.path)
                t.query = r.query
            } else {
                if r.path.isEmpty {
                    t.path = b.path
                    t.query = r.query ?? b.query
                } else {
                    if r.path.first == 0x2F {
                        t.path = removeDotSegments(r.path)
                    } else {
                        t.path = removeDotSegments(merge(base: b, reference: r.path))
                    }
                    t.query = r.query
                }
                t.authority = b.authority
            }
            t.scheme = b.scheme
        }
        t.fragment = r.fragment
        return recompose(t)
    }

    static func merge(base: Parts, reference: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if base.authority != nil && base.path.isEmpty { return [0x2F] + reference }
        if let slash = base.path.lastIndex(of: 0x2F) { return base.path[...slash] + reference }
        return reference
    }

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let input = Array(path)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        let n = input.count
        func at(_ k: Int) -> UInt8 { k < n ? input[k] : 0 }
        func removeLastSegment() {
            if let slash = out.lastIndex(of: 0x2F) { out.removeSubrange(slash...) } else { out.removeAll() }
        }
        let dot: UInt8 = 0x2E, slash: UInt8 = 0x2F
        while i < n {
            if at(i) == dot && at(i + 1) == dot && at(i + 2) == slash { i += 3 }                  // A "../"
            else if at(i) == dot && at(i + 1) == slash { i += 2 }                                 // A "./"
            else if at(i) == slash && at(i + 1) == dot && at(i + 2) == slash { i += 2 }           // B "/./"
            else if at(i) == slash && at(i + 1) == dot && i + 2 == n { out.append(slash); i = n } // B "/."
            else if at(i) == slash && at(i + 1) == dot && at(i + 2) == dot && at(i + 3) == slash { // C "/../"
                i += 3
                removeLastSegment()
            } else if at(i) == slash && at(i + 1) == dot && at(i + 2) == dot && i + 3 == n {      // C "/.."
                removeLastSegment()
                out.append(slash)
                i = n
            } else if (at(i) == dot && i + 1 == n) || (at(i) == dot && at(i + 1) == dot && i + 2 == n) { // D
                i = n
            } else {                                                                              // E
                var j = i
                if at(j) == slash { j += 1 }
                while j < n && input[j] != slash { j += 1 }
                out.append(contentsOf: input[i..<j])
                i = j
            }
        }
        return out[...]
    }

    static func recompose(_ t: Parts) -> String {
        var out: [UInt8] = []
        if let s = t.scheme { out += s; out.append(0x3A) }
        if let a = t.authority { out += [0x2F, 0x2F]; out += a }
        out += t.path
        if let q = t.query { out.append(0x3F); out += q }
        if let f = t.fragment { out.append(0x23); out += f }
        return String(decoding: out, as: UTF8.self)
    }
}
