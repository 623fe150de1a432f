/// Writes triples as readable Turtle: `@prefix` lines, one block per subject (in order of first
/// appearance) with `;` between predicates and `,` between objects, `a` for rdf:type, prefixed names
/// where the local part is a plain PN_LOCAL, bare numbers and booleans when their lexical form allows,
/// and `"""…"""` for strings with line breaks. The output parses back to the same triples.
public struct TurtleWriter {
    let prefixes: [(prefix: String, namespace: String)]

    /// - Parameter prefixes: the prefixes to declare and use (invalid prefix names are ignored; when a
    ///   prefix is given twice, the last namespace wins).
    public init(prefixes: [(prefix: String, namespace: String)]) {
        var seen: [String: Int] = [:]
        var kept: [(prefix: String, namespace: String)] = []
        for p in prefixes where CharClass.isPrefixName(p.prefix) {
            if let i = seen[p.prefix] { kept[i] = p } else { seen[p.prefix] = kept.count; kept.append(p) }
        }
        self.prefixes = kept
    }

    /// The Turtle document for `triples`.
    public func write(_ triples: [Triple]) -> String {
        var out = prefixLines()
        if !prefixes.isEmpty && !triples.isEmpty { out += "\n" }
        return out + blocks(triples, indent: "")
    }

    /// The TriG document for `quads`: the default graph's triples, then each named graph (in order of
    /// first appearance) as `<g> { … }`.
    public func writeTriG(_ quads: [Quad]) -> String {
        var out = prefixLines()
        var order: [Term] = [], byGraph: [Term: [Triple]] = [:], defaultGraph: [Triple] = []
        for q in quads {
            guard let g = q.graph else { defaultGraph.append(q.triple); continue }
            if byGraph[g] == nil { order.append(g) }
            byGraph[g, default: []].append(q.triple)
        }
        if !defaultGraph.isEmpty { out += "\n" + blocks(defaultGraph, indent: "") }
        for g in order {
            out += "\n" + term(g) + " {\n" + blocks(byGraph[g]!, indent: "    ") + "}\n"
        }
        return out
    }

    private func prefixLines() -> String {
        prefixes.map { "@prefix " + $0.prefix + ": <" + NTriplesEscaping.iri($0.namespace) + "> .\n" }.joined()
    }

    /// One block per subject, each line indented by `indent`.
    private func blocks(_ triples: [Triple], indent: String) -> String {
        var out = ""

        // subject -> predicate -> objects, each level in order of first appearance
        var subjectIndex: [Term: Int] = [:]
        var groups: [(subject: Term, predicates: [(predicate: Term, objects: [Term])], index: [Term: Int])] = []
        for t in triples {
            let si: Int
            if let i = subjectIndex[t.subject] { si = i } else {
                si = groups.count
                subjectIndex[t.subject] = si
                groups.append((t.subject, [], [:]))
            }
            if let pi = groups[si].index[t.predicate] {
                groups[si].predicates[pi].objects.append(t.object)
            } else {
                groups[si].index[t.predicate] = groups[si].predicates.count
                groups[si].predicates.append((t.predicate, [t.object]))
            }
        }
        for (n, group) in groups.enumerated() {
            if n > 0 { out += "\n" }
            out += indent + term(group.subject)
            for (k, entry) in group.predicates.enumerated() {
                out += k == 0 ? " " : " ;\n    " + indent
                out += entry.predicate == .iri(RDFNS.type) ? "a" : term(entry.predicate)
                out += " "
                out += entry.objects.map(term).joined(separator: ", ")
            }
            out += " .\n"
        }
        return out
    }

    func term(_ t: Term) -> String {
        switch t {
        case .iri(let iri): return name(iri)
        case .blank: return NTriplesWriter.term(t)
        case .literal(let l): return literal(l)
        }
    }

    /// A prefixed name when one fits (longest namespace first), else `<iri>`.
    func name(_ iri: String) -> String {
        var best: (prefix: String, local: Substring)?
        for p in prefixes where !p.namespace.isEmpty && iri.hasPrefix(p.namespace) {
            let local = iri.dropFirst(p.namespace.count)
            guard CharClass.isPlainLocalName(String(local)) else { continue }
            if best == nil || local.count < best!.local.count { best = (p.prefix, local) }
        }
        if let best { return best.prefix + ":" + best.local }
        return "<" + NTriplesEscaping.iri(iri) + ">"
    }

    func literal(_ l: Literal) -> String {
        if l.language == nil {
            switch l.datatype {
            case XSD.boolean where l.lexical == "true" || l.lexical == "false": return l.lexical
            case XSD.integer where Self.numberKind(l.lexical) == XSD.integer: return l.lexical
            case XSD.decimal where Self.numberKind(l.lexical) == XSD.decimal: return l.lexical
            case XSD.double where Self.numberKind(l.lexical) == XSD.double: return l.lexical
            default: break
            }
        }
        var out: String
        if l.lexical.contains("\n") {
            out = "\"\"\""
            for s in l.lexical.unicodeScalars {
                switch s {
                case "\n": out += "\n"
                case "\"": out += "\\\""
                default: out += NTriplesEscaping.string(String(s))
                }
            }
            out += "\"\"\""
        } else {
            out = "\"" + NTriplesEscaping.string(l.lexical) + "\""
        }
        if let language = l.language { return out + "@" + language }
        if l.datatype != XSD.string { out += "^^" + name(l.datatype) }
        return out
    }

    /// The datatype a bare Turtle number with this exact text would get, or nil if it is not one.
    static func numberKind(_ text: String) -> String? {
        var b = Array(text.utf8)[...]
        if let f = b.first, f == 0x2B || f == 0x2D { b = b.dropFirst() }
        let intDigits = b.prefix { CharClass.isDigit($0) }.count
        b = b.dropFirst(intDigits)
        var fracDigits = 0
        var dot = false
        if b.first == 0x2E {
            dot = true
            b = b.dropFirst()
            fracDigits = b.prefix { CharClass.isDigit($0) }.count
            b = b.dropFirst(fracDigits)
        }
        if b.isEmpty {
            if !dot { return intDigits > 0 ? XSD.integer : nil }
            return fracDigits > 0 ? XSD.decimal : nil
        }
        guard intDigits + fracDigits > 0, let e = b.first, e | 0x20 == 0x65 else { return nil }
        b = b.dropFirst()
        if let s = b.first, s == 0x2B || s == 0x2D { b = b.dropFirst() }
        guard !b.isEmpty, b.allSatisfy(CharClass.isDigit) else { return nil }
        return XSD.double
    }
}
