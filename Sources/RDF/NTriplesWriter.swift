/// Writes N-Triples and N-Quads lines.
public enum NTriplesWriter {
    /// One statement: an N-Triples line, or an N-Quads line when the quad names a graph; ends in `" .\n"`.
    public static func line(_ q: Quad) -> String {
        var out = term(q.subject)
        out += " "
        out += term(q.predicate)
        out += " "
        out += term(q.object)
        if let g = q.graph {
            out += " "
            out += term(g)
        }
        out += " .\n"
        return out
    }

    /// A term in N-Triples syntax; blank node labels that are not valid `_:` labels are re-encoded.
    static func term(_ t: Term) -> String {
        if case .blank(let label) = t { return "_:" + blankLabel(label) }
        return t.ntriples
    }

    /// `label` if it is a valid BLANK_NODE_LABEL, otherwise `x` followed by the hex of its UTF-8 bytes
    /// (a stable, re-parsable stand-in).
    static func blankLabel(_ label: String) -> String {
        if CharClass.isValidBlankLabel(label) { return label }
        var out = "x"
        for b in label.utf8 { out += NTriplesEscaping.hex(UInt32(b), width: 2) }
        return out
    }
}
