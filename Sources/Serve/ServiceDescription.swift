import RDF
import SPARQL

/// The SPARQL 1.1 Service Description of the endpoint (the `sd:` vocabulary), answered to a GET of
/// `/sparql` without a query: what it is, where it is, the languages and the result formats it takes.
enum ServiceDescription {
    static let sd = "http://www.w3.org/ns/sparql-service-description#"
    static let formats = "http://www.w3.org/ns/formats/"

    /// The W3C format IRIs (http://www.w3.org/ns/formats/) of the answer formats.
    static func formatIRI(_ format: AnswerFormat) -> String {
        switch format {
        case .json: formats + "SPARQL_Results_JSON"
        case .xml: formats + "SPARQL_Results_XML"
        case .csv: formats + "SPARQL_Results_CSV"
        case .tsv: formats + "SPARQL_Results_TSV"
        case .turtle: formats + "Turtle"
        case .ntriples: formats + "N-Triples"
        case .rdfxml: formats + "RDF_XML"
        case .jsonld: formats + "JSON-LD"
        }
    }

    /// The description of the endpoint at `endpoint`, as triples; `writable`: the server takes SPARQL
    /// Update at `/update` and changes graphs through the Graph Store at `/rdf-graphs/service`.
    static func triples(endpoint: String, writable: Bool = false) -> [Triple] {
        let service = Term.blank("service"), dataset = Term.blank("dataset"), graph = Term.blank("defaultGraph")
        let type = Term.iri(RDFNS.type)
        func p(_ local: String) -> Term { .iri(sd + local) }
        var triples = [
            Triple(service, type, p("Service")),
            Triple(service, p("endpoint"), .iri(endpoint)),
            Triple(service, p("supportedLanguage"), p("SPARQL11Query")),
        ]
        if writable { triples.append(Triple(service, p("supportedLanguage"), p("SPARQL11Update"))) }
        triples += AnswerFormat.allCases.map { Triple(service, p("resultFormat"), .iri(formatIRI($0))) }
        triples += [
            Triple(service, .iri("http://purl.org/dc/terms/description"), .literal(Literal(description(endpoint, writable)))),
            Triple(service, p("defaultDataset"), dataset),
            Triple(dataset, type, p("Dataset")),
            Triple(dataset, p("defaultGraph"), graph),
            Triple(graph, type, p("Graph")),
        ]
        return triples
    }

    /// What the server takes, in words (the `sd:` vocabulary has no term for the Graph Store).
    static func description(_ endpoint: String, _ writable: Bool) -> String {
        let base = endpoint.hasSuffix("/sparql") ? String(endpoint.dropLast("/sparql".count)) : endpoint
        guard writable else {
            return "kg serve: the knowledge graph built by kg, read-only (SPARQL 1.1 Query; no Update; "
                + "graphs read by the Graph Store HTTP Protocol at \(base)/rdf-graphs/service)"
        }
        return "kg serve --writable: the knowledge graph built by kg (SPARQL 1.1 Query; SPARQL 1.1 Update at "
            + "\(base)/update; the Graph Store HTTP Protocol, read and write, at \(base)/rdf-graphs/service)"
    }

    /// The description written in `format` (a graph format).
    static func document(endpoint: String, format: AnswerFormat, writable: Bool = false) -> String {
        let triples = triples(endpoint: endpoint, writable: writable)
        guard let resultFormat = format.resultFormat else { return JSONLD.expanded(triples.map { Quad($0) }) + "\n" }
        return ResultWriter.write(.graph(triples), format: resultFormat)
    }
}
