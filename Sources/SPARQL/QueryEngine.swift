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

/// One piece of a query's answer, in the order `QueryEngine.execute(_:timeout:_:)` hands them over:
/// SELECT gives `variables` then each `solution`; ASK one `boolean`; CONSTRUCT and DESCRIBE `graph`
/// then each `triple`.
public enum QueryEvent {
    /// SELECT: the result variables, before any solution.
    case variables([String])
    /// SELECT: one solution, a term per variable (nil: unbound).
    case solution([Term?])
    /// ASK: the answer.
    case boolean(Bool)
    /// CONSTRUCT / DESCRIBE: the answer is a graph, whose triples follow.
    case graph
    /// CONSTRUCT / DESCRIBE: one triple (each once).
    case triple(Triple)
}

/// Runs parsed queries against a `TripleStore`.
///
/// ```swift
/// let engine = QueryEngine(store: store)
/// let result = try engine.execute(try Query.parse("SELECT ?s WHERE { ?s a <T> }"), timeout: 5)
/// // or one solution at a time, without holding them:
/// try engine.execute(query, timeout: 5) { event in
///     if case .solution(let row) = event { print(row) }
///     return true   // false stops the query
/// }
/// ```
public final class QueryEngine {
    let store: TripleStore
    /// The running query's evaluator (nil between queries).
    private var current: Evaluator?
    private var lastStatistics = Evaluator.Statistics()
    /// What the running query has read and held so far, or the last query's once it is over.
    var statistics: Evaluator.Statistics { current?.statistics ?? lastStatistics }

    /// The most solutions ORDER BY sorts in memory; past it the query ends with an error (ORDER BY …
    /// LIMIT holds only its first OFFSET + LIMIT solutions, whatever their number).
    public var maxSortedRows = Evaluator.defaultMaxSortedRows

    public init(store: TripleStore) {
        self.store = store
    }

    static let timeoutError = SPARQLError(.timeout, "the query ran out of time")

    /// Evaluates `query` and returns the whole answer. With `timeout` (seconds) a running SQL
    /// statement is interrupted and the evaluator stops at its next check, throwing `SPARQLError` of
    /// kind `.timeout`.
    public func execute(_ query: Query, timeout: Double? = nil) throws -> QueryResult {
        var variables: [String] = []
        var rows: [[Term?]] = []
        var boolean: Bool?
        var triples: [Triple]?
        try execute(query, timeout: timeout) { event in
            switch event {
            case .variables(let v): variables = v
            case .solution(let r): rows.append(r)
            case .boolean(let b): boolean = b
            case .graph: triples = []
            case .triple(let t): triples?.append(t)
            }
            return true
        }
        if let boolean { return .boolean(boolean) }
        if let triples { return .graph(triples) }
        return .bindings(variables: variables, rows: rows)
    }

    /// Evaluates `query`, handing its answer to `body` piece by piece as it is produced: solutions
    /// stream from the SQL statements through the operators that need not see them all (see
    /// `Evaluator.stream`), so memory does not grow with the answer. `body` returns false to stop
    /// the query (nothing more is read). The timeout covers `body`'s time too; what `body` throws
    /// ends the query and is rethrown.
    public func execute(_ query: Query, timeout: Double? = nil, _ body: (QueryEvent) throws -> Bool) throws {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        let evaluator = try Evaluator(store: store, query: query, deadline: deadline, base: query.baseIRI)
        evaluator.maxSortedRows = maxSortedRows
        let watchdog = timeout.map { Watchdog(store.interrupter, after: $0) }
        current = evaluator
        defer {
            watchdog?.cancel()
            lastStatistics = evaluator.statistics
            current = nil
        }
        do {
            // one snapshot: a writer committing meanwhile (kg build) is not seen half-way
            try store.withReadSnapshot { try run(query, evaluator, body) }
        } catch let e as StoreError where e.isInterrupt {
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

    private func run(_ query: Query, _ ev: Evaluator, _ body: (QueryEvent) throws -> Bool) throws {
        switch query.form {
        case .select:
            guard try body(.variables(query.variables)) else { return }
            let slots = query.variables.map { ev.slots[$0]! }
            try ev.stream(query.algebra, seed: ev.emptyRow, scope: .defaultGraph) { r in
                try body(.solution(slots.map { r[$0] }))
            }
        case .ask:
            _ = try body(.boolean(try ev.hasSolution(query.algebra, seed: ev.emptyRow, scope: .defaultGraph)))
        case .construct:
            guard try body(.graph) else { return }
            var seen = Set<Triple>()
            try ev.stream(query.algebra, seed: ev.emptyRow, scope: .defaultGraph) { r in
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
                    if seen.insert(triple).inserted { guard try body(.triple(triple)) else { return false } }
                }
                return true
            }
        case .describe:
            guard try body(.graph) else { return }
            var resources: [Term] = []
            var seenResource = Set<Term>()
            let variables = query.describe.compactMap { $0.variable.map { ev.slots[$0]! } }
            // Each variable's resources in order of first appearance (the solutions are not kept).
            var matches: [Int: [Term]] = [:]
            var seenMatch: [Int: Set<Term>] = [:]
            try ev.stream(query.algebra, seed: ev.emptyRow, scope: .defaultGraph) { r in
                for slot in variables {
                    if let t = r[slot], !t.isLiteral, seenMatch[slot, default: []].insert(t).inserted {
                        matches[slot, default: []].append(t)
                    }
                }
                return true
            }
            for target in query.describe {
                switch target {
                case .term(let t): if seenResource.insert(t).inserted { resources.append(t) }
                case .variable(let v):
                    for t in matches[ev.slots[v]!] ?? [] where seenResource.insert(t).inserted { resources.append(t) }
                }
            }
            try describe(resources, ev) { try body(.triple($0)) }
        }
    }

    /// The concise bounded description of each resource: its triples, and recursively those of the
    /// blank nodes it points to.
    private func describe(_ resources: [Term], _ ev: Evaluator, _ emit: (Triple) throws -> Bool) throws {
        var seen = Set<Term>()
        var queue = resources
        var go = true
        while go, let r = queue.popLast() {
            guard seen.insert(r).inserted else { continue }
            try ev.checkDeadline()
            try store.quads(subject: r, graph: .some(nil)) { q in
                if q.object.isBlank { queue.append(q.object) }
                go = try emit(q.triple)
                return go
            }
        }
    }

    /// The algebra of `query` and, for each basic graph pattern, the SQL it runs and its parameters.
    public func explain(_ query: Query) throws -> String {
        let ev = try Evaluator(store: store, query: query, deadline: nil, base: query.baseIRI)
        return try Explain(evaluator: ev).render(query)
    }
}

/// Interrupts the store's running statement when time is up, unless cancelled first.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    init(_ interrupter: StoreInterrupter, after seconds: Double) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            lock.lock()
            defer { lock.unlock() }
            if !done { interrupter.interrupt() }
        }
    }

    func cancel() {
        lock.lock()
        done = true
        lock.unlock()
    }
}
