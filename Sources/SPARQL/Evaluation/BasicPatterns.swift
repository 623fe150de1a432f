import RDF
import Store

/// Which graph a pattern is matched against.
enum GraphScope {
    /// The query's default graph (g = 0, or the FROM graphs).
    case defaultGraph
    /// One named graph by term id.
    case named(Int64)
    /// GRAPH ?g: any named graph, the graph's id bound to the variable's slot.
    case namedVariable(Int)
}

/// Basic graph patterns: compiled to a `PatternQuery` of term ids (constants looked up first, the
/// variables of the seed as constants, a variable's slot as itself) that the store matches with one
/// SQL statement. Nothing from the query text reaches the store as SQL.
extension Evaluator {
    /// `patterns` under `scope` in term ids, with the variables already bound in `seed` as constants;
    /// nil when a constant is not in the store (the pattern has no solutions; nothing needs to run).
    func compile(_ patterns: [TriplePattern], scope: GraphScope, seed: Row, limit: Int? = nil) throws -> PatternQuery? {
        var out: [PatternQuery.Pattern] = []
        out.reserveCapacity(patterns.count)
        for t in patterns {
            guard let s = try position(t.s, seed), let p = try position(t.p, seed), let o = try position(t.o, seed) else {
                return nil
            }
            out.append(PatternQuery.Pattern(s, p, o))
        }
        return PatternQuery(out, graphs: graphMatch(scope), limit: limit)
    }

    /// The graphs `scope` matches in a pattern query.
    func graphMatch(_ scope: GraphScope) -> GraphMatch {
        switch scope {
        case .defaultGraph: defaultGraphs.count > 1 ? .merge(defaultGraphs) : .graph(defaultGraphs.first ?? -1)
        case .named(let id): .graph(id)
        case .namedVariable(let slot): .anyNamed(slot: slot, among: namedGraphs)
        }
    }

    /// A pattern position in ids, or nil when its term is not in the store.
    private func position(_ node: Node, _ seed: Row) throws -> PatternQuery.Position? {
        switch node {
        case .term(let term):
            if case .literal(let l) = term, l.language != nil {
                let ids = try store.languageVariants(of: l)
                return ids.isEmpty ? nil : .anyOf(ids)
            }
            return try store.id(of: term).map { .id($0) }
        case .variable(let name):
            let slot = slots[name]!
            guard let bound = seed[slot] else { return .variable(slot) }
            return try store.id(of: bound).map { .id($0) }
        }
    }

    /// Runs a basic graph pattern: each solution extends `seed` and goes to `sink` as the store's
    /// rows are read. Rows are read in batches (16, doubling to 1,024) whose term ids are decoded
    /// together; a sink that stops ends the query, so a LIMIT reads little more than it returns.
    @discardableResult
    func runBGP(_ patterns: [TriplePattern], scope: GraphScope, seed: Row, limit: Int? = nil, _ sink: Sink) throws -> Bool {
        // A larger pattern is its first part, then the rest for each of its solutions.
        let most = PatternQuery.maxPatterns
        if patterns.count > most {
            let rest = Array(patterns.dropFirst(most))
            return try runBGP(Array(patterns.prefix(most)), scope: scope, seed: seed) { row in
                try self.runBGP(rest, scope: scope, seed: row, sink)
            }
        }
        guard let query = try compile(patterns, scope: scope, seed: seed, limit: limit) else { return true }
        let rows = try store.patternRows(query)
        let slots = rows.slots, width = slots.count
        var ids: [Int64] = []
        var batch: [Row] = []
        var size = 16
        while true {
            ids.removeAll(keepingCapacity: true)
            let count = try rows.read(size, into: &ids)
            statistics.rowsRead += count
            try checkDeadline()
            try decode(ids)
            // The whole batch is built before any row goes on: the sink may evaluate other patterns,
            // whose decoding can empty the cache.
            batch.removeAll(keepingCapacity: true)
            for n in 0..<count {
                var r = seed
                for (k, slot) in slots.enumerated() { r[slot] = termCache[ids[n * width + k]] }
                batch.append(r)
            }
            for r in batch { guard try sink(r) else { return false } }
            if count < size { return true }
            size = min(size * 2, 1024)
        }
    }

    /// Loads the terms of `ids` that are not cached yet, `TripleStore.termsPerDecode` per store
    /// call. The cache is emptied first when it would grow past `termCacheLimit` (a scan of millions
    /// of rows does not keep every term it has seen).
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
            let chunk = missing[start..<min(start + TripleStore.termsPerDecode, missing.count)]
            start += chunk.count
            try store.terms(ids: chunk) { id, term in termCache[id] = term }
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
