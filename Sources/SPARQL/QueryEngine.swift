import Dispatch
import Foundation
import RDF
import Store

/// The answer to a query: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).
public enum QueryResult {
    case bindings(variables: [String], rows: [[Term?]])
    case boolean(Bool)
    case graph([Triple])
}

/// Runs parsed queries against a `TripleStore`.
///
/// ```swift
/// let engine = QueryEngine(store: store)
/// let result = try engine.execute(try Query.parse("SELECT ?s WHERE { ?s a <T> }"), timeout: 5)
/// ```
public final class QueryEngine {
    let store: TripleStore

    public init(store: TripleStore) {
        self.store = store
    }

    static let timeoutError = SPARQLError(.timeout, "the query ran out of time")

    /// Evaluates `query`. With `timeout` (seconds) a running SQL statement is interrupted and the
    /// evaluator stops at its next check, throwing `SPARQLError` of kind `.timeout`.
    public func execute(_ query: Query, timeout: Double? = nil) throws -> QueryResult {
        // SQLite clears an interrupt only once no statement is active; `Connection.userVersion()` leaves
        // its cached statement stepped, so reset it (re-preparing a cached statement resets it).
        _ = try? store.connection.prepare("PRAGMA user_version")
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        let evaluator = try Evaluator(store: store, query: query, deadline: deadline, base: query.baseIRI)
        let watchdog = timeout.map { Watchdog(connection: store.connection, after: $0) }
        defer { watchdog?.cancel() }
        do {
            return try run(query, evaluator)
        } catch let e as StoreError where e.code & 0xFF == 9 /* SQLITE_INTERRUPT */ {
            throw SPARQLError(.timeout, "the query ran longer than \(Self.seconds(timeout ?? 0)) and was stopped")
        } catch let e as SPARQLError where e.kind == .timeout {
            throw SPARQLError(.timeout, "the query ran longer than \(Self.seconds(timeout ?? 0)) and was stopped")
        } catch let e as StoreError {
            throw SPARQLError(.evaluation, "store error: \(e.message)")
        }
    }

    static func seconds(_ t: Double) -> String {
        t == t.rounded() ? "\(Int(t)) s" : "\(t) s"
    }

    private func run(_ query: Query, _ ev: Evaluator) throws -> QueryResult {
        switch query.form {
        case .select:
            let rows = try ev.eval(query.algebra, seed: ev.emptyRow, scope: .defaultGraph)
            let slots = query.variables.map { ev.slots[$0]! }
            return .bindings(variables: query.variables, rows: rows.map { r in slots.map { r[$0] } })
        case .ask:
            return .boolean(!(try ev.eval(query.algebra, seed: ev.emptyRow, scope: .defaultGraph)).isEmpty)
        case .construct:
            let rows = try ev.eval(query.algebra, seed: ev.emptyRow, scope: .defaultGraph)
            var seen = Set<Triple>()
            var triples: [Triple] = []
            for r in rows {
                var blanks: [String: String] = [:]
                func instantiate(_ n: Node) -> Term? {
                    switch n {
                    case .variable(let v): return r[ev.slots[v]!]
                    case .term(.blank(let b)):
                        if let x = blanks[b] { return .blank(x) }
                        let x = ev.freshBlank()
                        blanks[b] = x
                        return .blank(x)
                    case .term(let t): return t
                    }
                }
                for t in query.template {
                    guard let s = instantiate(t.s), let p = instantiate(t.p), let o = instantiate(t.o),
                          !s.isLiteral, p.isIRI else { continue }
                    let triple = Triple(s, p, o)
                    if seen.insert(triple).inserted { triples.append(triple) }
                }
            }
            return .graph(triples)
        case .describe:
            let rows = try ev.eval(query.algebra, seed: ev.emptyRow, scope: .defaultGraph)
            var resources: [Term] = []
            var seenResource = Set<Term>()
            for target in query.describe {
                switch target {
                case .term(let t): if seenResource.insert(t).inserted { resources.append(t) }
                case .variable(let v):
                    for r in rows { if let t = r[ev.slots[v]!], !t.isLiteral, seenResource.insert(t).inserted { resources.append(t) } }
                }
            }
            return .graph(try describe(resources, ev))
        }
    }

    /// The concise bounded description of each resource: its triples, and recursively those of the
    /// blank nodes it points to.
    private func describe(_ resources: [Term], _ ev: Evaluator) throws -> [Triple] {
        var out: [Triple] = []
        var seen = Set<Term>()
        var queue = resources
        while let r = queue.popLast() {
            guard seen.insert(r).inserted else { continue }
            try ev.checkDeadline()
            try store.quads(subject: r, graph: .some(nil)) { q in
                out.append(q.triple)
                if q.object.isBlank { queue.append(q.object) }
                return true
            }
        }
        return out
    }

    /// The algebra of `query` and, for each basic graph pattern, the SQL it runs and its parameters.
    public func explain(_ query: Query) throws -> String {
        let ev = try Evaluator(store: store, query: query, deadline: nil, base: query.baseIRI)
        return try Explain(evaluator: ev).render(query)
    }
}

/// Interrupts the store's connection when time is up, unless cancelled first.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private let connection: Connection

    init(connection: Connection, after seconds: Double) {
        self.connection = connection
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            lock.lock()
            defer { lock.unlock() }
            if !done { connection.interrupt() }
        }
    }

    func cancel() {
        lock.lock()
        done = true
        lock.unlock()
    }
}
