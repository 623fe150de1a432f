import RDF

/// A parsed SPARQL 1.1 Update request (§3 of the Update spec): its operations in order, ready for
/// `UpdateEngine.execute`.
public struct Update: Sendable {
    var operations: [UpdateOperation]

    /// How many operations the request holds.
    public var count: Int { operations.count }

    /// True when the request names its WHERE dataset itself (USING, USING NAMED or WITH), which the
    /// Protocol's `using-graph-uri` and `using-named-graph-uri` may not override (Protocol §2.2.3).
    public var namesItsDataset: Bool {
        operations.contains { op in
            if case .modify(let m) = op { return m.with != nil || m.using != nil }
            return false
        }
    }

    /// Parses `text` (SPARQL 1.1 Update). Relative IRIs resolve against BASE, else `baseIRI`.
    /// Throws `SPARQLError` of kind `.syntax` with line, column and a snippet.
    public static func parse(_ text: String, baseIRI: String? = nil) throws -> Update {
        var parser = try Parser(text, baseIRI: baseIRI)
        return Update(operations: try parser.parseUpdate())
    }

    /// Sets the WHERE dataset of every DELETE/INSERT operation from the Protocol's `using-graph-uri`
    /// and `using-named-graph-uri` parameters (nothing when both are empty).
    public mutating func setProtocolDataset(usingGraphs: [String], usingNamedGraphs: [String]) {
        guard !usingGraphs.isEmpty || !usingNamedGraphs.isEmpty else { return }
        for i in operations.indices {
            if case .modify(var m) = operations[i] {
                m.using = Dataset(defaultGraphs: usingGraphs, namedGraphs: usingNamedGraphs)
                operations[i] = .modify(m)
            }
        }
    }
}

/// A quad of a template or of data: a triple pattern and its graph (nil: the default graph, or WITH's).
struct QuadPattern: Hashable, Sendable {
    var triple: TriplePattern
    var graph: Node?
}

/// A graph an operation names: the default graph or a named graph.
enum GraphName: Hashable, Sendable {
    case defaultGraph
    case named(String)
}

/// What CLEAR and DROP apply to.
enum UpdateScope: Hashable, Sendable {
    case graph(String), defaultGraph, named, all
}

/// DELETE/INSERT … WHERE (and DELETE WHERE, its short form).
struct Modify: Sendable {
    var with: String?
    var delete: [QuadPattern]
    var insert: [QuadPattern]
    /// USING / USING NAMED (nil: none given).
    var using: Dataset?
    var pattern: Algebra
}

enum UpdateOperation: Sendable {
    case insertData([QuadPattern])
    case deleteData([QuadPattern])
    case modify(Modify)
    case load(iri: String, into: String?, silent: Bool)
    case clear(UpdateScope, silent: Bool)
    case drop(UpdateScope, silent: Bool)
    case create(String, silent: Bool)
    /// ADD, MOVE or COPY.
    case transfer(Transfer, from: GraphName, to: GraphName, silent: Bool)

    enum Transfer: String, Sendable { case add = "ADD", move = "MOVE", copy = "COPY" }
}
