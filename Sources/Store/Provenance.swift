import RDF

// Statement-level provenance as standard RDF reification, so that SPARQL reaches the time, source,
// confidence and sentence of every extracted statement:
//
//   <https://kg.example.org/article/<identity>#statement-3> a rdf:Statement ;
//       rdf:subject <ib-129> ; rdf:predicate kg:surrenderedTo ; rdf:object <mndaa> ;
//       kg:source <https://kg.example.org/article/<identity>> ;    the article (also the graph it is in)
//       kg:sentence "…" ; kg:modality "asserted" ; kg:confidence 0.9 ;
//       kg:date "2023-11-12"^^xsd:date ;                          kg:start / kg:end for spans
//       kg:timePhrase "on the night of November 12" ;             kg:attribution "the MNDAA" (claims)
//
// The resources live in the default graph, as Wikidata's statement nodes live beside its truthy triples,
// numbered in the article's statement order (`<article>#statement-N`): they are replaced and removed
// with the article. Every
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
        .iri(statementPrefix(graph: graph) + "\(index + 1)")
    }

    /// What the IRIs of the statements of the article whose graph is `graph` begin with.
    static func statementPrefix(graph: Term) -> String {
        (graph.iriValue ?? "") + "#statement-"
    }

    /// The kg: properties of a statement description, by local name.
    static let properties = ["source", "sentence", "modality", "confidence", "date", "start", "end", "timePhrase", "attribution"]
}

extension TripleStore {
    /// Removes from the default graph the statement descriptions of the article whose graph is `graph`:
    /// every quad whose subject is one of its statement IRIs (found by prefix in the term dictionary).
    func dropDescriptions(graph: Term) throws {
        let prefix = Provenance.statementPrefix(graph: graph)
        // "-" + 1 is ".": every IRI that starts with the prefix sorts in [prefix, end).
        let end = String(prefix.dropLast()) + "."
        try connection.prepare("""
            DELETE FROM quad WHERE g = 0 AND s IN (SELECT id FROM term WHERE value >= ?1 AND value < ?2 AND kind = 0)
            """).run([.text(prefix), .text(end)])
    }

    /// Term ids of the reification vocabulary, looked up once per batch of articles.
    struct ProvenanceIDs {
        let type, statementClass, subject, predicate, object: Int64
        let property: [String: Int64]

        init(_ store: TripleStore) throws {
            type = try store.intern(.iri(RDFNS.type))
            statementClass = try store.intern(.iri(Provenance.statement))
            subject = try store.intern(.iri(Provenance.subject))
            predicate = try store.intern(.iri(Provenance.predicate))
            object = try store.intern(.iri(Provenance.object))
            property = try Dictionary(uniqueKeysWithValues: Provenance.properties.map { ($0, try store.intern(KG.term($0))) })
        }
    }

    /// Adds to `rows` the description of the `index`-th statement `r` of the article whose graph is
    /// `graph` (term id `graphID`), its triple's ids being `s`, `p`, `o`: the quads listed at the top of
    /// this file, in the default graph. Terms met once per statement (its IRI,
    /// its sentence) bypass the session's term cache; `sentences` remembers an article's sentences.
    func describe(_ r: StatementRecord, index: Int, graph: Term, graphID: Int64, s: Int64, p: Int64, o: Int64,
                  ids v: ProvenanceIDs, sentences: inout [String: Int64], into rows: inout [QuadRow]) throws {
        let st = try internUncached(Provenance.statementIRI(graph: graph, index: index))
        func add(_ predicate: Int64, _ object: Int64) {
            rows.append(QuadRow(s: st, p: predicate, o: object, g: 0))
        }
        func add(_ name: String, _ value: Term?) throws {
            if let value { add(v.property[name]!, try intern(value)) }
        }
        add(v.type, v.statementClass)
        add(v.subject, s)
        add(v.predicate, p)
        add(v.object, o)
        add(v.property["source"]!, graphID)
        let sentence: Int64
        if let id = sentences[r.sentence] { sentence = id } else {
            sentence = try internUncached(.string(r.sentence))
            sentences[r.sentence] = sentence
        }
        add(v.property["sentence"]!, sentence)
        try add("modality", .string(r.modality.rawValue))
        try add("confidence", .typed(String((r.confidence * 1000).rounded() / 1000), XSD.decimal))
        try add("date", r.date?.literal)
        try add("start", r.start?.literal)
        try add("end", r.end?.literal)
        if let phrase = r.timePhrase { add(v.property["timePhrase"]!, try internUncached(.string(phrase))) }
        if let who = r.attribution { try add("attribution", .string(who)) }
    }
}
