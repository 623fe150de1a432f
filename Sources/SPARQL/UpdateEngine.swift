import Foundation
import RDF
import Store

/// What an update request changed: quads inserted (new ones only) and deleted (those that were there).
public struct UpdateSummary: Sendable, Equatable {
    public var inserted = 0
    public var deleted = 0
    public init(inserted: Int = 0, deleted: Int = 0) {
        self.inserted = inserted
        self.deleted = deleted
    }
}

/// Runs parsed SPARQL 1.1 Update requests against a `TripleStore`: the whole request in one
/// transaction (an operation that fails rolls back the operations before it), each operation's WHERE
/// pattern evaluated whole, on the store as the operations before it left it, before the operation
/// writes anything (Update §3.1.3).
///
/// ```swift
/// let summary = try UpdateEngine(store: store).execute(try Update.parse("INSERT DATA { <a> <b> <c> }"))
/// ```
///
/// A named graph exists while it holds a quad (the store keeps no empty graphs); a graph CREATEd by the
/// request counts as existing until the request ends. LOAD reads local files (`file:` IRIs) only.
public final class UpdateEngine {
    let store: TripleStore
    /// False refuses LOAD (a server whose clients must not read its files).
    public var allowLoad = true

    public init(store: TripleStore) {
        self.store = store
    }

    /// Executes `update`; with `timeout` (seconds), a WHERE pattern still running past it stops the
    /// request (`SPARQLError` of kind `.timeout`, nothing written). Other failures are `.evaluation`.
    public func execute(_ update: Update, timeout: Double? = nil) throws -> UpdateSummary {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        do {
            return try store.transaction {
                var run = UpdateRun(store: store, allowLoad: allowLoad, deadline: deadline, timeout: timeout)
                for operation in update.operations { try run.apply(operation) }
                return run.summary
            }
        } catch let e as StoreError {
            throw SPARQLError(.evaluation, "store error: \(e.message)")
        }
    }
}

/// One request's execution: what it changed, the graphs it created, its blank nodes.
struct UpdateRun {
    let store: TripleStore
    let allowLoad: Bool
    let deadline: Date?
    let timeout: Double?
    var summary = UpdateSummary()
    /// Graphs CREATEd by this request (empty, so not in the store).
    var created: Set<String> = []
    /// INSERT DATA's blank node labels → the labels stored (fresh for each request).
    var dataBlanks: [String: String] = [:]
    let blankPrefix = "u" + String(UInt32.random(in: 0...UInt32.max), radix: 36) + "b"
    var blankCounter = 0

    mutating func apply(_ operation: UpdateOperation) throws {
        switch operation {
        case .insertData(let quads):
            var blanks = dataBlanks
            let ground = quads.compactMap { instantiate($0, [:], nil, &blanks) }
            dataBlanks = blanks
            summary.inserted += try store.insertQuads(ground)
        case .deleteData(let quads):
            var blanks: [String: String] = [:]
            summary.deleted += try store.deleteQuads(quads.compactMap { instantiate($0, [:], nil, &blanks) })
        case .modify(let m): try modify(m)
        case .load(let iri, let into, let silent): try Self.orSilent(silent) { try load(iri, into: into) }
        case .clear(let scope, let silent), .drop(let scope, let silent):
            try Self.orSilent(silent) { try clear(scope) }
        case .create(let g, let silent):
            try Self.orSilent(silent) {
                if try exists(g) { throw SPARQLError(.evaluation, "CREATE: the graph <\(g)> already exists") }
                created.insert(g)
            }
        case .transfer(let kind, let from, let to, let silent):
            try Self.orSilent(silent) { try transfer(kind, from: from, to: to) }
        }
    }

    /// Runs `body`; with SILENT its failure is ignored (Update §3.1: the operation does nothing).
    /// The failures SILENT hides are found before the operation writes anything.
    private static func orSilent(_ silent: Bool, _ body: () throws -> Void) throws {
        do { try body() } catch let e as SPARQLError where silent && e.kind == .evaluation {}
    }

    private func exists(_ graph: String) throws -> Bool {
        try created.contains(graph) || store.hasQuads(graph: .iri(graph))
    }

    // MARK: DELETE/INSERT … WHERE

    private mutating func modify(_ m: Modify) throws {
        let templates = m.delete + m.insert
        var variables: [String] = []
        for q in templates {
            for v in (q.triple.variables + [q.graph?.variable].compactMap { $0 }) where !variables.contains(v) {
                variables.append(v)
            }
        }
        var dataset = m.using
        if dataset == nil, let with = m.with { dataset = Dataset(defaultGraphs: [with], allNamedGraphs: true) }
        let rows = try solutions(m.pattern, variables: variables, dataset: dataset)
        let with = m.with.map { Term.iri($0) }
        var deletes: [Quad] = [], inserts: [Quad] = []
        for row in rows {
            var binding: [String: Term] = [:]
            for (v, t) in zip(variables, row) { if let t { binding[v] = t } }
            var none: [String: String] = [:]
            deletes += m.delete.compactMap { instantiate($0, binding, with, &none) }
            var blanks: [String: String] = [:]  // fresh blank nodes for each solution
            inserts += m.insert.compactMap { instantiate($0, binding, with, &blanks) }
        }
        summary.deleted += try store.deleteQuads(deletes)
        summary.inserted += try store.insertQuads(inserts)
    }

    /// Every solution of `pattern` over `dataset`, as the terms of `variables`, read before anything
    /// is written.
    private func solutions(_ pattern: Algebra, variables: [String], dataset: Dataset?) throws -> [[Term?]] {
        let query = Query(form: .select, algebra: pattern, variables: variables, dataset: dataset)
        var remaining: Double?
        if let deadline, let timeout {
            remaining = deadline.timeIntervalSinceNow
            if remaining! <= 0 {
                throw SPARQLError(.timeout, "the update ran longer than \(QueryEngine.seconds(timeout)) and was stopped")
            }
        }
        var rows: [[Term?]] = []
        do {
            try QueryEngine(store: store).execute(query, timeout: remaining) { event in
                if case .solution(let row) = event { rows.append(row) }
                return true
            }
        } catch let e as SPARQLError where e.kind == .timeout {
            throw SPARQLError(.timeout, "the update ran longer than \(QueryEngine.seconds(timeout ?? 0)) and was stopped")
        }
        return rows
    }

    /// The quad `q` with `binding`'s terms for its variables and fresh labels for its blank nodes
    /// (remembered in `blanks`); nil when a variable is unbound or the quad is not RDF (a literal
    /// subject, a predicate that is not an IRI, a graph that is not an IRI). `with` is the graph of a
    /// quad given none.
    private mutating func instantiate(_ q: QuadPattern, _ binding: [String: Term], _ with: Term?,
                                      _ blanks: inout [String: String]) -> Quad? {
        func term(_ n: Node) -> Term? {
            switch n {
            case .variable(let v): return binding[v]
            case .term(.blank(let label)):
                if let fresh = blanks[label] { return .blank(fresh) }
                blankCounter += 1
                let fresh = blankPrefix + String(blankCounter)
                blanks[label] = fresh
                return .blank(fresh)
            case .term(let t): return t
            }
        }
        guard let s = term(q.triple.s), let p = term(q.triple.p), let o = term(q.triple.o),
              !s.isLiteral, p.isIRI else { return nil }
        var graph = with
        if let g = q.graph {
            guard let t = term(g), t.isIRI else { return nil }
            graph = t
        }
        return Quad(s, p, o, graph: graph)
    }

    // MARK: Graph management

    private mutating func clear(_ scope: UpdateScope) throws {
        switch scope {
        case .graph(let g):
            guard try exists(g) else { throw SPARQLError(.evaluation, "no graph <\(g)> in the store") }
            created.remove(g)
            summary.deleted += try store.clearGraph(.iri(g))
        case .defaultGraph: summary.deleted += try store.clearGraph(nil)
        case .named:
            created.removeAll()
            summary.deleted += try store.clearNamedGraphs()
        case .all:
            created.removeAll()
            summary.deleted += try store.clearNamedGraphs() + store.clearGraph(nil)
        }
    }

    /// ADD, COPY or MOVE `from` to `to` (Update §3.2.3–5): nothing when they are the same graph.
    private mutating func transfer(_ kind: UpdateOperation.Transfer, from: GraphName, to: GraphName) throws {
        if from == to { return }
        if case .named(let g) = from, try !exists(g) {
            throw SPARQLError(.evaluation, "\(kind.rawValue): no graph <\(g)> in the store")
        }
        func term(_ n: GraphName) -> Term? { if case .named(let g) = n { .iri(g) } else { nil } }
        if kind != .add { summary.deleted += try store.clearGraph(term(to)) }
        summary.inserted += try store.addGraph(term(from), to: term(to))
        if case .named(let g) = to { created.insert(g) }
        if kind == .move {
            summary.deleted += try store.clearGraph(term(from))
            if case .named(let g) = from { created.remove(g) }
        }
    }

    // MARK: LOAD

    /// Loads the local RDF file `iri` (a `file:` IRI; its format from its extension, Turtle when none
    /// is known) into `into`, or its triples into the default graph and its quads into their graphs.
    private mutating func load(_ iri: String, into: String?) throws {
        guard allowLoad else {
            throw SPARQLError(.evaluation, "LOAD is refused here: this server does not read its files for clients (use kg update or kg import)")
        }
        guard let url = URL(string: iri), url.isFileURL else {
            throw SPARQLError(.evaluation, "LOAD reads local files only (a file: IRI); <\(iri)> was not fetched: kg never goes to the network")
        }
        let path = url.path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SPARQLError(.evaluation, "LOAD: cannot read \(path)")
        }
        let format = RDFFormat(fileExtension: url.pathExtension) ?? .turtle
        var parser = RDFParser(format: format, baseIRI: iri, file: path, blankNodePrefix: blankPrefix + "l\(blankCounter)_")
        blankCounter += 1
        var quads: [Quad] = []
        do {
            try parser.parse(fileAt: path) { q in
                quads.append(into.map { Quad(q.triple, graph: .iri($0)) } ?? q)
            }
        } catch let e as RDFSyntaxError {
            throw SPARQLError(.evaluation, "LOAD: \(e.description)")
        }
        summary.inserted += try store.insertQuads(quads)
        if let into { created.insert(into) }
    }
}
