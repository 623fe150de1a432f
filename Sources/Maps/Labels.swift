import RDF
import Store

/// Human-readable names of terms, read from the store (rdfs:label, then skos:prefLabel), cached.
public final class Labels {
    private let store: TripleStore
    private var labels: [Term: String?] = [:]
    private var aliases: [Term: [String]] = [:]

    public init(store: TripleStore) { self.store = store }

    /// The term's label, or nil if the store has none.
    public func label(_ term: Term) -> String? {
        if let cached = labels[term] { return cached }
        var found: String?
        for p in [RDFS.label, SKOS.prefLabel] where found == nil {
            try? store.quads(subject: term, predicate: .iri(p), graph: .some(nil)) { q in
                found = q.object.literalValue?.lexical
                return false
            }
        }
        labels[term] = found
        return found
    }

    /// A display name: the label, else the IRI's local name, else the term itself.
    public func display(_ term: Term) -> String {
        if let l = label(term) { return l }
        return Self.unlabelledName(term)
    }

    /// What `display` shows for a term without a label: the IRI's local name, `_:b` for a blank node,
    /// a literal's text.
    public static func unlabelledName(_ term: Term) -> String {
        switch term {
        case .iri(let v): return Self.localName(v)
        case .blank(let b): return "_:" + b
        case .literal(let l): return l.lexical
        }
    }

    /// Every other name the store knows for the term (skos:altLabel, skos:prefLabel, rdfs:label).
    public func aliases(_ term: Term) -> [String] {
        if let cached = aliases[term] { return cached }
        var out: [String] = []
        let main = label(term)
        for p in [SKOS.prefLabel, RDFS.label, SKOS.altLabel] {
            try? store.quads(subject: term, predicate: .iri(p), graph: .some(nil)) { q in
                if let v = q.object.literalValue?.lexical, v != main, !out.contains(v) { out.append(v) }
                return true
            }
        }
        aliases[term] = out
        return out
    }

    public static func localName(_ iri: String) -> String {
        if let i = iri.lastIndex(where: { $0 == "#" || $0 == "/" }), iri.index(after: i) < iri.endIndex {
            return String(iri[iri.index(after: i)...])
        }
        return iri
    }
}
