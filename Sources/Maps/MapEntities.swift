import Ontology
import RDF
import Store

/// Name, other names and class of an entity drawn on the relationship map.
struct EntityInfo {
    var display: String
    var aliases: [String]
    var cls: OntologyClass?
}

/// What the relationship map needs to know about its entities, read from the store in one look-up for
/// all of them (`TripleStore.entityNames`) instead of one query per entity, with the same answers.
enum MapEntities {
    /// Name, aliases and class of every term in `terms`, from their default-graph triples: the name is
    /// the first `rdfs:label`, else the first `skos:prefLabel`, else the IRI's local name (as
    /// `Labels.display`); aliases are the other `skos:prefLabel`, `rdfs:label` and `skos:altLabel`
    /// values in that order; the class is the first `rdf:type` the ontology knows.
    static func infos(of terms: [Term], store: TripleStore, ontology: Ontology?) throws -> [Term: EntityInfo] {
        let names = try store.entityNames(terms)
        var out: [Term: EntityInfo] = [:]
        out.reserveCapacity(terms.count)
        for (i, t) in terms.enumerated() {
            let n = names[i]
            let main = n.labels.first ?? n.prefLabels.first
            var aliases: [String] = []
            for v in n.prefLabels + n.labels + n.altLabels where v != main && !aliases.contains(v) { aliases.append(v) }
            let cls = n.types.lazy.compactMap { ontology?.ontologyClass($0) }.first
            out[t] = EntityInfo(display: main ?? Labels.unlabelledName(t), aliases: aliases, cls: cls)
        }
        return out
    }
}
