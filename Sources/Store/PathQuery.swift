/// The look-ups of SPARQL property paths: one indexed query per step, in term ids.
extension TripleStore {
    /// One hop of a path from `node`: its objects (`forward`) or its subjects, through `predicate`, or
    /// through any predicate not in `excluding` when `predicate` is nil. By a single predicate each
    /// neighbour comes once; by any predicate once per predicate linking it. `graphs` is `.graph` or
    /// `.merge` (a path is matched in one graph at a time).
    public func pathStep(from node: Int64, predicate: Int64?, excluding: [Int64]? = nil, forward: Bool,
                         in graphs: GraphMatch) throws -> [Int64] {
        var params: [Int64] = [node]
        let (from, to) = forward ? ("s", "o") : ("o", "s")
        var sql = "SELECT DISTINCT \(to)\(predicate == nil ? ", p" : "") FROM quad WHERE \(from) = ?1"
        if let predicate { params.append(predicate); sql += " AND p = ?2" }
        if let excluding, !excluding.isEmpty {
            let list = excluding.map { e -> String in params.append(e); return "?\(params.count)" }
            sql += " AND p NOT IN (\(list.joined(separator: ", ")))"
        }
        sql += " AND " + (try Self.pathGraphCondition(graphs, &params))
        return try pathColumn(sql, params)
    }

    /// The nodes a path may start from when neither end is bound: the subjects of `predicate`, or
    /// (nil) every subject and object.
    public func pathStarts(predicate: Int64?, in graphs: GraphMatch) throws -> [Int64] {
        var params: [Int64] = []
        let g = try Self.pathGraphCondition(graphs, &params)
        let sql: String
        if let predicate {
            params.append(predicate)
            sql = "SELECT DISTINCT s FROM quad WHERE \(g) AND p = ?\(params.count)"
        } else {
            sql = "SELECT s FROM quad WHERE \(g) UNION SELECT o FROM quad WHERE \(g)"
        }
        return try pathColumn(sql, params)
    }

    private static func pathGraphCondition(_ graphs: GraphMatch, _ params: inout [Int64]) throws -> String {
        switch graphs {
        case .graph(let id): params.append(id); return "g = ?\(params.count)"
        case .merge(let ids):
            let list = ids.map { g -> String in params.append(g); return "?\(params.count)" }
            return "g IN (\(list.joined(separator: ", ")))"
        case .anyNamed:
            throw StoreError("internal: a path is matched in one graph at a time, not under any named graph")
        }
    }

    /// Runs kg's own SQL (bound ids only, statement kept prepared) and collects the first column.
    private func pathColumn(_ sql: String, _ params: [Int64]) throws -> [Int64] {
        let st = try connection.prepare(sql)
        for (i, v) in params.enumerated() { st.bind(v, at: Int32(i + 1)) }
        defer { st.reset() }
        var out: [Int64] = []
        while try st.step() { out.append(st.int(0)) }
        return out
    }
}
