/// Which graphs a pattern query or a path step matches quads in.
public enum GraphMatch: Sendable, Equatable {
    /// One graph by term id (0: the store's default graph).
    case graph(Int64)
    /// The RDF merge of these graphs (a query's default graph made of several FROM graphs): a triple
    /// in two of them is one match.
    case merge([Int64])
    /// Any named graph (g ≠ 0), or only those listed; the graph's id is a result column bound to the
    /// variable `slot`, and every pattern of the query is matched in the same graph.
    case anyNamed(slot: Int, among: [Int64]?)
}

/// A basic graph pattern in term ids, matched by `TripleStore.patternRows(_:)` with one SQL statement:
/// one copy of the quad table per triple pattern, variables equated across copies, ids bound as
/// parameters. The caller (SPARQL) looks its constants up first: a constant the store has never seen
/// has no id, and a pattern holding one has no solutions (no query is needed).
public struct PatternQuery: Sendable, Equatable {
    /// One position of a triple pattern.
    public enum Position: Sendable, Equatable {
        /// A term by id.
        case id(Int64)
        /// Any of these terms (a language-tagged literal matches its tag in any case). Empty: nothing.
        case anyOf([Int64])
        /// A variable, by its slot: the same slot in two positions is the same term; each slot is a
        /// result column in order of first appearance.
        case variable(Int)
    }

    public struct Pattern: Sendable, Equatable {
        public var s: Position, p: Position, o: Position
        public init(_ s: Position, _ p: Position, _ o: Position) {
            self.s = s
            self.p = p
            self.o = o
        }
    }

    public var patterns: [Pattern]
    public var graphs: GraphMatch
    /// At most this many rows (the SQL says so, which can change SQLite's plan).
    public var limit: Int?

    public init(_ patterns: [Pattern], graphs: GraphMatch, limit: Int? = nil) {
        self.patterns = patterns
        self.graphs = graphs
        self.limit = limit
    }

    /// Triple patterns one query takes at most: SQLite joins at most 64 tables in one statement (a
    /// larger basic graph pattern is split by the caller).
    public static let maxPatterns = 48
}

/// The rows of a `PatternQuery`: one id per result column (`slots`), read in batches. The statement
/// is finalized when the cursor is released; a cursor dropped early stops the query.
public final class PatternRows {
    /// The variable slot of each result column, in column order.
    public let slots: [Int]
    private let statement: Statement?
    private var done: Bool

    init(statement: Statement?, slots: [Int]) {
        self.statement = statement
        self.slots = slots
        done = statement == nil
    }

    /// Appends up to `count` rows to `ids` (`slots.count` ids per row); returns how many rows it read.
    /// Fewer than `count`: the query has no more rows.
    public func read(_ count: Int, into ids: inout [Int64]) throws -> Int {
        guard !done, let st = statement else { return 0 }
        let width = Int32(slots.count)
        var n = 0
        while n < count {
            guard try st.step() else {
                done = true
                st.reset()
                break
            }
            var c: Int32 = 0
            while c < width { ids.append(st.int(c)); c += 1 }
            n += 1
        }
        return n
    }
}

extension TripleStore {
    /// The rows matching `query` (a query with a pattern of more than `PatternQuery.maxPatterns`
    /// triples is refused).
    public func patternRows(_ query: PatternQuery) throws -> PatternRows {
        guard query.patterns.count <= PatternQuery.maxPatterns else {
            throw StoreError("a pattern query takes at most \(PatternQuery.maxPatterns) triple patterns, not \(query.patterns.count)")
        }
        let plan = PatternSQL(query)
        if plan.empty { return PatternRows(statement: nil, slots: []) }
        // not cached: generated text, most of it run once
        let st = try connection.prepareUncached(plan.sql)
        for (i, v) in plan.params.enumerated() { st.bind(v, at: Int32(i + 1)) }
        return PatternRows(statement: st, slots: plan.slots)
    }

    /// The SQL `patternRows` runs for `query` and its bound parameters (for `kg query --explain`);
    /// nil when `query` cannot match (an empty `anyOf`).
    public func patternSQL(_ query: PatternQuery) -> (sql: String, parameters: [Int64])? {
        let plan = PatternSQL(query)
        if plan.empty { return nil }
        return (plan.sql, plan.params)
    }
}

/// A `PatternQuery` as SQL, assembled from fixed fragments, alias numbers and parameter numbers only.
struct PatternSQL {
    private(set) var sql = ""
    private(set) var params: [Int64] = []
    /// The slot of each result column.
    private(set) var slots: [Int] = []
    /// An `anyOf` with no terms: nothing matches.
    private(set) var empty = false

    private var conditions: [String] = []
    private var from: [String] = []
    private var columns: [String] = []
    /// slot → the first column reference ("qN.c") it was seen in.
    private var firstColumn: [Int: String] = [:]

    init(_ query: PatternQuery) {
        for (n, t) in query.patterns.enumerated() {
            let alias = "q\(n)"
            addGraph(query.graphs, alias: alias, first: n == 0)
            for (position, column) in [(t.s, "s"), (t.p, "p"), (t.o, "o")] {
                add(position, ref: "\(alias).\(column)")
                if empty { return }
            }
        }
        sql = "SELECT " + (columns.isEmpty ? "1" : columns.joined(separator: ", ")) + " FROM " + from.joined(separator: ", ")
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if columns.isEmpty { sql += " LIMIT 1" } else if let limit = query.limit { sql += " LIMIT \(param(Int64(limit)))" }
    }

    private mutating func param(_ v: Int64) -> String {
        params.append(v)
        return "?\(params.count)"
    }

    private mutating func list(_ ids: [Int64]) -> String {
        ids.map { param($0) }.joined(separator: ", ")
    }

    private mutating func output(_ ref: String, slot: Int) {
        firstColumn[slot] = ref
        columns.append(ref)
        slots.append(slot)
    }

    /// The copy `alias` of the quad table, restricted to `graphs`.
    private mutating func addGraph(_ graphs: GraphMatch, alias: String, first: Bool) {
        switch graphs {
        case .merge(let ids):
            from.append("(SELECT DISTINCT s, p, o FROM quad WHERE g IN (\(list(ids)))) AS \(alias)")
        case .graph(let id):
            from.append("quad AS \(alias)")
            conditions.append("\(alias).g = \(param(id))")
        case .anyNamed(let slot, let among):
            from.append("quad AS \(alias)")
            guard first else { conditions.append("\(alias).g = q0.g"); return }
            if let among {
                conditions.append("\(alias).g IN (\(list(among)))")
            } else {
                conditions.append("\(alias).g <> 0")
            }
            output("q0.g", slot: slot)
        }
    }

    private mutating func add(_ position: PatternQuery.Position, ref: String) {
        switch position {
        case .id(let id):
            conditions.append("\(ref) = \(param(id))")
        case .anyOf(let ids):
            if ids.isEmpty { empty = true; return }
            conditions.append("\(ref) IN (\(list(ids)))")
        case .variable(let slot):
            if let first = firstColumn[slot] {
                conditions.append("\(ref) = \(first)")
            } else {
                output(ref, slot: slot)
            }
        }
    }
}
