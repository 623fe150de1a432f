import Ontology
import RDF
import Store
import Timeline

/// The ontology a build kept in the store (its ontology graph), for the commands and maps that do not
/// read Ontology/: the maps' shapes, colours and edge labels, the relation names a filter accepts.
public enum StoredOntology {
    /// The ontology kept in the store by the last build. `schemaOnly` keeps the classes, relations and vocabulary (subjects in the kg: namespace, and
    /// blank nodes) and leaves out the named entities. nil when the store has none.
    public static func read(in store: TripleStore, schemaOnly: Bool = false) throws -> Ontology? {
        var quads: [Quad] = []
        try store.quads(graph: .some(TripleStore.ontologyGraph)) { q in
            switch q.subject {
            case .iri(let iri) where schemaOnly && !iri.hasPrefix(KG.ns): break
            default: quads.append(Quad(q.triple))
            }
            return true
        }
        return quads.isEmpty ? nil : Ontology(quads: quads)
    }

    /// Predicates of the stored ontology that maps use: what classes and relations are, their names,
    /// hierarchy, shapes, colours and edge labels.
    public static let mapVocabulary = [RDFNS.type, RDFS.label, RDFS.subClassOf, RDFS.domain, RDFS.range,
                                       KG.ns + "shape", KG.ns + "color", KG.ns + "edgeLabel", KG.ns + "edgeColor",
                                       KG.ns + "stateRelation"]

    /// The stored ontology's classes and relations as a map draws them: `read(in:schemaOnly: true)`
    /// restricted to `mapVocabulary` (one query; no entities, triggers, templates or lexicon, which a
    /// map does not use). Classes and relations come in the same order with the same names, shapes,
    /// colours and edge labels. nil when the store has no ontology.
    public static func forMaps(in store: TripleStore) throws -> Ontology? {
        let quads = try store.triples(in: TripleStore.ontologyGraph, predicates: mapVocabulary, subjectsIn: KG.ns).map { Quad($0) }
        return quads.isEmpty ? nil : Ontology(quads: quads)
    }

    /// Predicates of the stored ontology that say what relations mean to the timeline.
    public static let timelineVocabularyPredicates = [RDFNS.type, RDFS.label, KG.ns + "controlRole", KG.ns + "garrisonRank",
                                                      KG.ns + "affiliates", KG.ns + "descriptive", KG.ns + "markerLabel"]

    /// What the stored ontology's relations mean to the timeline (one query); empty when the store has no
    /// ontology (then it has no extracted statements either).
    public static func timelineVocabulary(in store: TripleStore) throws -> TimelineVocabulary {
        let quads = try store.triples(in: TripleStore.ontologyGraph, predicates: timelineVocabularyPredicates,
                                      subjectsIn: KG.ns).map { Quad($0) }
        return quads.isEmpty ? TimelineVocabulary() : TimelineVocabulary(ontology: Ontology(quads: quads))
    }
}
