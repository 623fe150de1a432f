import RDF
import SPARQL
import Store

/// Human-readable names of terms, read from the store (rdfs:label, then skos:prefLabel), cached.
final class Labels {
    private let store: TripleStore
    private var labels: [Term: String?] = [:]
    private var aliases: [Term: [String]] = [:]

    init(store: TripleStore) { self.store = store }

    /// The term's label, or nil if the store has none.
    func label(_ term: Term) -> String? {
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
    func display(_ term: Term) -> String {
        if let l = label(term) { return l }
        return Self.unlabelledName(term)
    }

    /// What `display` shows for a term without a label: the IRI's local name, `_:b` for a blank node,
    /// a literal's text.
    static func unlabelledName(_ term: Term) -> String {
        switch term {
        case .iri(let v): return Self.localName(v)
        case .blank(let b): return "_:" + b
        case .literal(let l): return l.lexical
        }
    }

    /// Every other name the store knows for the term (skos:altLabel, skos:prefLabel, rdfs:label).
    func aliases(_ term: Term) -> [String] {
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

    static func localName(_ iri: String) -> String {
        if let i = iri.lastIndex(where: { $0 == "#" || $0 == "/" }), iri.index(after: i) < iri.endIndex {
            return String(iri[iri.index(after: i)...])
        }
        return iri
    }
}

/// A JSON object written with keys in insertion order (stable, diffable output).
struct JSONObject {
    private var parts: [String] = []

    mutating func set(_ key: String, _ value: String?) {
        guard let value else { return }
        parts.append(Self.quote(key) + ":" + Self.quote(value))
    }
    mutating func set(_ key: String, _ value: [String]) {
        parts.append(Self.quote(key) + ":[" + value.map(Self.quote).joined(separator: ",") + "]")
    }
    mutating func set(_ key: String, number: Double) {
        let text = number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        parts.append(Self.quote(key) + ":" + text)
    }
    var text: String { "{" + parts.joined(separator: ",") + "}" }

    static func quote(_ s: String) -> String { JSONText.quote(s) }
}
