/// RFC 3986 §5.2 reference resolution, for relative IRIs in queries (BASE, or the file's IRI).
enum IRIResolution {
    struct Parts {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String?
        var fragment: String?
    }

    static func split(_ s: String) -> Parts {
        var rest = Substring(s)
        var fragment: String?, query: String?, scheme: String?, authority: String?
        if let i = rest.firstIndex(of: "#") { fragment = String(rest[rest.index(after: i)...]); rest = rest[..<i] }
        if let i = rest.firstIndex(of: "?") { query = String(rest[rest.index(after: i)...]); rest = rest[..<i] }
        if let i = rest.firstIndex(of: ":"), let f = rest.first, f.isLetter,
           rest[..<i].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
           !rest[..<i].contains("/") {
            scheme = String(rest[..<i]); rest = rest[rest.index(after: i)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[..<end]); rest = rest[end...]
        }
        return Parts(scheme: scheme, authority: authority, path: String(rest), query: query, fragment: fragment)
    }

    static func removeDotSegments(_ path: String) -> String {
        var input = Substring(path)
        var output: [Substring] = []
        var out = ""
        while !input.isEmpty {
            if input.hasPrefix("../") { input = input.dropFirst(3) }
            else if input.hasPrefix("./") { input = input.dropFirst(2) }
            else if input.hasPrefix("/./") { input = input.dropFirst(2) }
            else if input == "/." { input = "/" }
            else if input.hasPrefix("/../") { input = input.dropFirst(3); if !output.isEmpty { output.removeLast() } }
            else if input == "/.." { input = "/"; if !output.isEmpty { output.removeLast() } }
            else if input == "." || input == ".." { input = "" }
            else {
                var end = input.index(after: input.startIndex)
                if input.first != "/" { end = input.startIndex }
                end = input[end...].firstIndex(of: "/") ?? input.endIndex
                output.append(input[..<end])
                input = input[end...]
            }
        }
        for seg in output { out += seg }
        return out
    }

    static func resolve(_ ref: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return ref }
        let r = split(ref)
        if r.scheme != nil { return ref }
        let b = split(base)
        var t = Parts(scheme: b.scheme, authority: nil, path: "", query: nil, fragment: r.fragment)
        if r.authority != nil {
            t.authority = r.authority; t.path = removeDotSegments(r.path); t.query = r.query
        } else {
            t.authority = b.authority
            if r.path.isEmpty {
                t.path = b.path; t.query = r.query ?? b.query
            } else {
                if r.path.hasPrefix("/") { t.path = removeDotSegments(r.path) } else {
                    var merged: String
                    if b.authority != nil && b.path.isEmpty { merged = "/" + r.path } else {
                        if let i = b.path.lastIndex(of: "/") { merged = String(b.path[...i]) + r.path } else { merged = r.path }
                    }
                    t.path = removeDotSegments(merged)
                }
                t.query = r.query
            }
        }
        var out = ""
        if let s = t.scheme { out += s + ":" }
        if let a = t.authority { out += "//" + a }
        out += t.path
        if let q = t.query { out += "?" + q }
        if let f = t.fragment { out += "#" + f }
        return out
    }
}
