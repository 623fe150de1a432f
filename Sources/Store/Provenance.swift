import RDF

// Statement-level provenance as standard RDF reification, so that SPARQL reaches the time, source,
// confidence and sentence of every extracted statement:
//
//   <https://kg.example.org/article/<path>#statement-3> a rdf:Statement ;
//       rdf:subject <ib-129> ; rdf:predicate kg:surrenderedTo ; rdf:object <mndaa> ;
//       kg:source <https://kg.example.org/article/<path>> ;      the article (also the graph it is in)
//       kg:sentence "…" ; kg:modality "asserted" ; kg:confidence 0.9 ;
//       kg:date "2023-11-12"^^xsd:date ;                          kg:start / kg:end for spans
//       kg:timePhrase "on the night of November 12" ;             kg:attribution "the MNDAA" (claims)
//
// The resources live in the article's named graph (and so, by invariant 4, in the default graph),
// numbered in the article's statement order: they are replaced and removed with the article. Every
// statement is described, facts (asserted, claimed) and modal ones (planned, hypothetical, denied);
// a reification does not assert its triple, `kg:modality` says whether it is a fact.
// `kg query` reads SPARQL-star's `<< ?s kg:p ?o >> kg:date ?d` as this reification. The kg: terms are
// declared in docs/vocabulary.ttl (a test checks it).
public enum Provenance {
    public static let statement = RDFNS.ns + "Statement"
    public static let subject = RDFNS.ns + "subject"
    public static let predicate = RDFNS.ns + "predicate"
    public static let object = RDFNS.ns + "object"

    /// The IRI of the `index`-th (0-based) statement of the article whose graph is `graph`.
    public static func statementIRI(graph: Term, index: Int) -> Term {
        .iri((graph.iriValue ?? "") + "#statement-\(index + 1)")
    }

    /// The reification triples describing `statements`, read from the article whose graph is `graph`.
    public static func triples(graph: Term, statements: [StatementRecord]) -> [Triple] {
        var out: [Triple] = []
        out.reserveCapacity(statements.count * 10)
        let type = Term.iri(RDFNS.type), statementClass = Term.iri(statement)
        let (s, p, o) = (Term.iri(subject), Term.iri(predicate), Term.iri(object))
        for (i, r) in statements.enumerated() {
            let st = statementIRI(graph: graph, index: i)
            func add(_ name: String, _ value: Term?) { if let value { out.append(Triple(st, KG.term(name), value)) } }
            out.append(Triple(st, type, statementClass))
            out.append(Triple(st, s, r.triple.subject))
            out.append(Triple(st, p, r.triple.predicate))
            out.append(Triple(st, o, r.triple.object))
            add("source", graph)
            add("sentence", .string(r.sentence))
            add("modality", .string(r.modality.rawValue))
            add("confidence", .typed(String((r.confidence * 1000).rounded() / 1000), XSD.decimal))
            add("date", r.date?.literal)
            add("start", r.start?.literal)
            add("end", r.end?.literal)
            add("timePhrase", r.timePhrase.map(Term.string))
            add("attribution", r.attribution.map(Term.string))
        }
        return out
    }
}
