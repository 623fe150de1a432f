import RDF

/// A parsed SPARQL 1.1 query: its form and its algebra (§18), ready for `QueryEngine.execute`.
public struct Query: Sendable {
    public enum Form: Sendable { case select, ask, construct, describe }
    public var form: Form

    /// The whole query as algebra, solution modifiers included.
    var algebra: Algebra
    /// SELECT: the result variables in order.
    var variables: [String] = []
    /// CONSTRUCT: the template (blank nodes as `.term(.blank)`).
    var template: [TriplePattern] = []
    /// DESCRIBE: the resources named or the variables to describe.
    var describe: [Node] = []
    var dataset: Dataset?
    /// The base IRI in effect at the end of the prologue (for IRI()).
    var baseIRI: String?

    /// Parses `text` (SPARQL 1.1 Query). Relative IRIs resolve against BASE, else `baseIRI`.
    /// Throws `SPARQLError` of kind `.syntax` with line, column and a snippet.
    public static func parse(_ text: String, baseIRI: String? = nil) throws -> Query {
        var parser = try Parser(text, baseIRI: baseIRI)
        var query = try parser.parseQuery()
        query.baseIRI = parser.base
        return query
    }

    /// Sets the dataset from the SPARQL 1.1 Protocol's `default-graph-uri` and `named-graph-uri`
    /// parameters, which win over the query's FROM and FROM NAMED (Protocol §2.1.4). With both lists
    /// empty the query keeps its own dataset; with only named graphs given the default graph is empty.
    /// A graph IRI the store does not hold is an empty graph.
    public mutating func setProtocolDataset(defaultGraphs: [String], namedGraphs: [String]) {
        guard !defaultGraphs.isEmpty || !namedGraphs.isEmpty else { return }
        dataset = Dataset(defaultGraphs: defaultGraphs, namedGraphs: namedGraphs)
    }
}
