import RDF
import Store

/// Compiles a basic graph pattern to ONE SQL query over the quad table: one `quad` alias per triple
/// pattern, variables equated across aliases, constants looked up to term ids first and bound as
/// parameters. Nothing from the query text reaches SQL as text: the SQL is assembled from fixed
/// fragments, alias numbers and parameter numbers only.
struct SQLPlan {
    var sql: String
    var params: [SQLValue]
    /// (variable slot, result column) pairs.
    var outputs: [(slot: Int, column: Int32)]
    /// A constant is not in the store: the pattern has no solutions and no SQL needs to run.
    var empty: Bool

    static let never = SQLPlan(sql: "", params: [], outputs: [], empty: true)
}

/// Which graph a pattern is matched against.
enum GraphScope {
    /// The query's default graph (g = 0, or the FROM graphs).
    case defaultGraph
    /// One named graph by term id.
    case named(Int64)
    /// GRAPH ?g: any named graph, the graph's id bound to the variable's slot.
    case namedVariable(Int)
}

extension Evaluator {
    /// The SQL for `patterns` under `scope`, with the variables already bound in `seed` as constants.
    func compile(_ patterns: [TriplePattern], scope: GraphScope, seed: Row, limit: Int? = nil) throws -> SQLPlan {
        var params: [SQLValue] = []
        var conditions: [String] = []
        var from: [String] = []
        var firstColumn: [Int: String] = [:]     // slot → "qN.c"
        var outputs: [(Int, Int32)] = []
        var columns: [String] = []

        func param(_ v: SQLValue) -> String {
            params.append(v)
            return "?\(params.count)"
        }
        /// A constant's id, or nil when the store has never seen the term.
        func constant(_ t: Term) throws -> Int64? { try store.id(of: t) }

        let mergedDefault = defaultGraphs.count > 1
        for (n, t) in patterns.enumerated() {
            let alias = "q\(n)"
            if case .defaultGraph = scope, mergedDefault {
                let list = defaultGraphs.map { param(.int($0)) }.joined(separator: ", ")
                from.append("(SELECT DISTINCT s, p, o FROM quad WHERE g IN (\(list))) AS \(alias)")
            } else {
                from.append("quad AS \(alias)")
                switch scope {
                case .defaultGraph: conditions.append("\(alias).g = \(param(.int(defaultGraphs.first ?? -1)))")
                case .named(let id): conditions.append("\(alias).g = \(param(.int(id)))")
                case .namedVariable(let slot):
                    if n == 0 {
                        if let named = namedGraphs {
                            conditions.append("\(alias).g IN (\(named.map { param(.int($0)) }.joined(separator: ", ")))")
                        } else {
                            conditions.append("\(alias).g <> 0")
                        }
                        firstColumn[slot] = "q0.g"
                        columns.append("q0.g")
                        outputs.append((slot, Int32(columns.count - 1)))
                    } else {
                        conditions.append("\(alias).g = q0.g")
                    }
                }
            }
            for (node, column) in [(t.s, "s"), (t.p, "p"), (t.o, "o")] {
                let ref = "\(alias).\(column)"
                switch node {
                case .term(let term):
                    if case .literal(let l) = term, l.language != nil {
                        let ids = try store.languageVariants(of: l)
                        if ids.isEmpty { return .never }
                        conditions.append("\(ref) IN (\(ids.map { param(.int($0)) }.joined(separator: ", ")))")
                        continue
                    }
                    guard let id = try constant(term) else { return .never }
                    conditions.append("\(ref) = \(param(.int(id)))")
                case .variable(let name):
                    let slot = slots[name]!
                    if let bound = seed[slot] {
                        guard let id = try constant(bound) else { return .never }
                        conditions.append("\(ref) = \(param(.int(id)))")
                    } else if let first = firstColumn[slot] {
                        conditions.append("\(ref) = \(first)")
                    } else {
                        firstColumn[slot] = ref
                        columns.append(ref)
                        outputs.append((slot, Int32(columns.count - 1)))
                    }
                }
            }
        }
        var sql = "SELECT " + (columns.isEmpty ? "1" : columns.joined(separator: ", "))
            + " FROM " + from.joined(separator: ", ")
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if columns.isEmpty { sql += " LIMIT 1" } else if let limit { sql += " LIMIT \(param(.int(Int64(limit))))" }
        return SQLPlan(sql: sql, params: params, outputs: outputs.map { (slot: $0.0, column: $0.1) }, empty: false)
    }

    /// Triple patterns compiled into one SQL statement at most (each joins one copy of the quad table).
    static let patternsPerStatement = 48

    /// Runs a basic graph pattern: each solution extends `seed` and goes to `sink` as the SQL
    /// statement is stepped. Rows are read in batches (16, doubling to 1,024) whose term ids are
    /// decoded together; a sink that stops ends the statement, so a LIMIT reads little more than it
    /// returns.
    @discardableResult
    func runBGP(_ patterns: [TriplePattern], scope: GraphScope, seed: Row, limit: Int? = nil, _ sink: Sink) throws -> Bool {
        // SQLite joins at most 64 tables in one statement: a larger pattern is its first part, then the
        // rest for each of its solutions
        if patterns.count > Self.patternsPerStatement {
            let rest = Array(patterns.dropFirst(Self.patternsPerStatement))
            return try runBGP(Array(patterns.prefix(Self.patternsPerStatement)), scope: scope, seed: seed) { row in
                try self.runBGP(rest, scope: scope, seed: row, sink)
            }
        }
        let plan = try compile(patterns, scope: scope, seed: seed, limit: limit)
        if plan.empty { return true }
        let st = try store.connection.prepareUncached(plan.sql)
        st.bind(plan.params)
        defer { st.reset() }
        let width = plan.outputs.count
        var ids: [Int64] = []
        var batch: [Row] = []
        var size = 16
        while true {
            ids.removeAll(keepingCapacity: true)
            var count = 0
            var more = true
            while count < size {
                guard try st.step() else { more = false; break }
                for (_, column) in plan.outputs { ids.append(st.int(column)) }
                count += 1
            }
            statistics.rowsRead += count
            try checkDeadline()
            try decode(ids)
            // The whole batch is built before any row goes on: the sink may evaluate other patterns,
            // whose decoding can empty the cache.
            batch.removeAll(keepingCapacity: true)
            for n in 0..<count {
                var r = seed
                for (k, out) in plan.outputs.enumerated() { r[out.slot] = termCache[ids[n * width + k]] }
                batch.append(r)
            }
            for r in batch { guard try sink(r) else { return false } }
            if !more { return true }
            size = min(size * 2, 1024)
        }
    }

    /// Loads the terms of `ids` that are not cached yet, up to 512 per SQL query. The cache is
    /// emptied first when it would grow past `termCacheLimit` (a scan of millions of rows does not
    /// keep every term it has seen).
    func decode(_ ids: [Int64]) throws {
        var missing: [Int64] = []
        var seen = Set<Int64>()
        for id in ids where termCache[id] == nil && seen.insert(id).inserted { missing.append(id) }
        if !missing.isEmpty, termCache.count + missing.count > Evaluator.termCacheLimit {
            termCache.removeAll(keepingCapacity: true)
            missing = []
            seen.removeAll(keepingCapacity: true)
            for id in ids where seen.insert(id).inserted { missing.append(id) }
        }
        var start = 0
        while start < missing.count {
            let chunk = missing[start..<min(start + 512, missing.count)]
            start += chunk.count
            // A power of two of parameters (the last id repeated): a few statements to prepare and
            // cache, whatever the batch's number of new terms.
            var width = 1
            while width < chunk.count { width *= 2 }
            let marks = (1...width).map { "?\($0)" }.joined(separator: ", ")
            let st = try store.connection.prepare("SELECT id, kind, value, datatype, lang FROM term WHERE id IN (\(marks))")
            st.bind(chunk.map { .int($0) } + Array(repeating: .int(chunk.last!), count: width - chunk.count))
            defer { st.reset() }
            while try st.step() {
                termCache[st.int(0)] = TripleStore.term(kind: st.int(1), value: st.text(2), datatype: st.text(3), lang: st.text(4))
            }
            try checkDeadline()
        }
        statistics.peakCachedTerms = max(statistics.peakCachedTerms, termCache.count)
        for id in missing where termCache[id] == nil { throw SPARQLError(.evaluation, "term \(id) is missing from the dictionary") }
    }

    /// A term by dictionary id, through the evaluator's cache.
    func term(_ id: Int64) throws -> Term {
        if let t = termCache[id] { return t }
        let t = try store.term(id: id)
        termCache[id] = t
        return t
    }
}

extension TripleStore {
    /// Ids of the literals equal to `l` up to the case of the language tag (RDF 1.1 compares tags
    /// case-insensitively; the store keeps them as written).
    func languageVariants(of l: Literal) throws -> [Int64] {
        let st = try connection.prepare(
            "SELECT id FROM term WHERE value = ?1 AND kind = 2 AND datatype = ?2 AND lang = ?3 COLLATE NOCASE")
        st.bind([.text(l.lexical), .text(l.datatype), .text(l.language ?? "")])
        defer { st.reset() }
        var ids: [Int64] = []
        while try st.step() { ids.append(st.int(0)) }
        return ids
    }
}
