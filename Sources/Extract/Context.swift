import Ontology
import RDF

/// Extraction vocabulary the `Ontology` model does not carry, read straight from the ontology's triples:
/// the country each known entity belongs to (to tell apart generic names such as "the army" that
/// several conflicts' actors share) and the partial-control cues ("most of", "much of").
///
/// - `kg:country` on an actor names its country; a place's country is found by following
///   `kg:locatedIn` up to an entity of class `kg:Country` (a country is its own country).
/// - `kg:partialCue` (on any subject, conventionally `kg:ModalityCues`) lists the words that, just
///   before a place, say only part of it is meant: such a statement is not a fact about the place.
struct ExtraVocabulary: Sendable {
    /// Ontology entity index → IRI of its country, when known.
    var countryOf: [Int: String] = [:]
    var partialCues = PhraseSet<Bool>()

    init(_ ontology: Ontology) {
        let countryPredicate = KG.ns + "country"
        let partialPredicate = KG.ns + "partialCue"
        var declared: [String: String] = [:]
        for q in ontology.quads {
            guard let p = q.predicate.iriValue else { continue }
            if p == countryPredicate, let s = q.subject.iriValue, let o = q.object.iriValue { declared[s] = o }
            if p == partialPredicate, let text = q.object.literalValue?.lexical { partialCues.add(Phrase(text), true) }
        }
        var index: [String: Int] = [:]
        for (i, e) in ontology.entities.enumerated() { index[e.iri] = i }
        let countryClass = KG.ns + "Country"
        for (i, e) in ontology.entities.enumerated() {
            if let c = declared[e.iri] { countryOf[i] = c; continue }
            // Follow the chain of places (bounded: the data may contain a cycle).
            var current: OntologyEntity? = e
            var steps = 0
            while let c = current, steps < 12 {
                if ontology.isSubclass(c.classIRI, of: countryClass) { countryOf[i] = c.iri; break }
                if let d = declared[c.iri] { countryOf[i] = d; break }
                current = c.parentPlace.flatMap { index[$0] }.map { ontology.entities[$0] }
                steps += 1
            }
        }
    }
}
