import Foundation
import RDF
import Store

/// A solution: one optional term per variable slot of the query.
typealias Row = [Term?]

/// Evaluates algebra (§18.5) over the store. Basic graph patterns are matched by the store, one query
/// each (`BasicPatterns.swift`); joins, optionals, unions, filters, grouping and ordering run here
/// over rows of terms, ids decoded through a bounded cache. Solutions are pushed one at a time through the operators to a sink that can stop
/// the evaluation (`stream`), so a query holds only what its operators must see whole (ORDER BY,
/// GROUP BY, a hash join's build side). Patterns may be evaluated under a `seed` solution whose bound
/// variables act as constants — used for EXISTS (substitution, §18.6) and for bind joins when the
/// left side is small.
final class Evaluator {
    let store: TripleStore
    var slots: [String: Int] = [:]
    var names: [String] = []
    var termCache: [Int64: Term] = [:]
    let deadline: Date?
    /// Graph ids of the default graph: [0], or the FROM graphs.
    var defaultGraphs: [Int64] = [0]
    /// Graph ids of the named graphs (nil: every graph in the store).
    var namedGraphs: [Int64]?
    let base: String?
    let now: Term
    let bnodePrefix: String
    var bnodeCounter = 0
    var bnodeScope: [String: String] = [:]
    var checkCounter = 0

    /// Left sides up to this size are joined by running the right side once per row.
    static let bindJoinLimit = 1024
    /// The most solutions ORDER BY holds to sort (`Ordering.swift`); ORDER BY … LIMIT holds only the first.
    static let defaultMaxSortedRows = 1_000_000
    var maxSortedRows = Evaluator.defaultMaxSortedRows
    /// Decoded terms kept by id at most (`decode`).
    static let termCacheLimit = 1 << 17
    /// What the evaluation has read and held so far (tests check that a LIMIT stops the scan and
    /// that a long scan does not keep its terms).
    struct Statistics {
        /// Rows stepped out of the SQL statements of basic graph patterns.
        var rowsRead = 0
        /// The most terms the decoding cache has held at once.
        var peakCachedTerms = 0
    }
    var statistics = Statistics()

    init(store: TripleStore, query: Query, deadline: Date?, base: String? = nil) throws {
        self.store = store
        self.deadline = deadline
        self.base = base
        now = DateTimeValue.now()
        bnodePrefix = "q" + String(UInt32.random(in: 0...UInt32.max), radix: 36) + "b"
        var names: [String] = []
        Evaluator.collect(query.algebra, into: &names)
        names += query.variables
        for t in query.template { names += t.variables }
        names += query.describe.compactMap(\.variable)
        for n in names where slots[n] == nil {
            slots[n] = self.names.count
            self.names.append(n)
        }
        if let d = query.dataset {
            if !d.defaultGraphs.isEmpty || !d.namedGraphs.isEmpty {
                defaultGraphs = try d.defaultGraphs.compactMap { try store.id(of: .iri($0)) }
                if defaultGraphs.isEmpty { defaultGraphs = [-1] }
                namedGraphs = d.allNamedGraphs ? nil : try d.namedGraphs.compactMap { try store.id(of: .iri($0)) }
            }
        }
    }

    /// Receives solutions one at a time; returns false to stop the evaluation (see `stream`).
    typealias Sink = (Row) throws -> Bool

    var emptyRow: Row { Row(repeating: nil, count: names.count) }

    func checkDeadline() throws {
        if let deadline, Date() > deadline { throw QueryEngine.timeoutError }
    }

    /// One step of a join's inner loop: checks the deadline every 4,096 steps. Per left row is not
    /// enough: without a shared variable every left row meets every right row (a cartesian product
    /// made millions of rows, gigabytes, between two checks).
    func tick() throws {
        checkCounter &+= 1
        if checkCounter & 4095 == 0 { try checkDeadline() }
    }

    static func collect(_ a: Algebra, into out: inout [String]) {
        func expr(_ e: Expr) {
            out += e.variables
            switch e {
            case .exists(let p, _): collect(p, into: &out)
            case .or(let x, let y), .and(let x, let y), .binary(_, let x, let y): expr(x); expr(y)
            case .not(let x), .negate(let x), .plus(let x): expr(x)
            case .inList(let x, let l, _): expr(x); l.forEach(expr)
            case .builtin(_, let l), .function(_, let l): l.forEach(expr)
            default: break
            }
        }
        switch a {
        case .bgp(let ts): for t in ts { out += t.variables }
        case .path(let s, _, let o): out += [s, o].compactMap(\.variable)
        case .join(let x, let y), .union(let x, let y), .minus(let x, let y):
            collect(x, into: &out); collect(y, into: &out)
        case .leftJoin(let x, let y, let f): collect(x, into: &out); collect(y, into: &out); f.forEach(expr)
        case .filter(let f, let x): f.forEach(expr); collect(x, into: &out)
        case .graph(let n, let x), .service(let n, let x, _): out += [n].compactMap(\.variable); collect(x, into: &out)
        case .extend(let x, let v, let e): collect(x, into: &out); out.append(v); expr(e)
        case .values(let vs, _): out += vs
        case .group(let x, let keys, let aggs):
            collect(x, into: &out)
            for k in keys { expr(k.0); if let v = k.1 { out.append(v) } }
            for (v, a) in aggs { out.append(v); if let e = a.argument { expr(e) } }
        case .orderBy(let x, let c): collect(x, into: &out); c.forEach { expr($0.expr) }
        case .project(let x, let vs): collect(x, into: &out); out += vs
        case .distinct(let x), .reduced(let x), .slice(let x, _, _): collect(x, into: &out)
        }
    }

    // MARK: Solutions

    static func merge(_ a: Row, _ b: Row) -> Row? {
        var r = a
        for i in 0..<b.count {
            if let y = b[i] {
                if let x = a[i] { if x != y { return nil } } else { r[i] = y }
            }
        }
        return r
    }

    static func compatible(_ a: Row, _ b: Row) -> Bool {
        for i in 0..<a.count { if let x = a[i], let y = b[i], x != y { return false } }
        return true
    }

    // MARK: Algebra

    /// Streams the solutions of `a`, in order, to `sink` (§18.5), each extending `seed`. `sink` returns
    /// false to stop early (LIMIT, ASK, EXISTS, a consumer that has seen enough): nothing more is
    /// read, SQL statements included. Returns false when `sink` stopped it, true when `a` ran out.
    ///
    /// Operators pass rows on as they come: BGP (its SQL statement, stepped batch by batch), bind
    /// joins, FILTER, Extend, projection, DISTINCT/REDUCED (a seen-set), OFFSET/LIMIT, UNION, GRAPH,
    /// VALUES, property paths (per start node), and the probe side of hash joins, OPTIONAL and MINUS.
    /// These hold rows: ORDER BY (all its input, at most `maxSortedRows`; ORDER BY … LIMIT only the
    /// first OFFSET + LIMIT), GROUP BY (all its input), the build side of a hash join /
    /// OPTIONAL / MINUS (the right side), and up to `bindJoinLimit` + 1 left rows while a join decides
    /// between a bind join and a hash join.
    @discardableResult
    func stream(_ a: Algebra, seed: Row, scope: GraphScope, _ sink: Sink) throws -> Bool {
        try checkDeadline()
        switch a {
        case .bgp(let ts):
            if ts.isEmpty { return try sink(seed) }
            return try runBGP(ts, scope: scope, seed: seed, sink)
        case .path(let s, let p, let o):
            return try evalPath(s, p, o, seed: seed, scope: scope, sink)
        case .join(let x, let y):
            return try join(x, y, filters: nil, seed: seed, scope: scope, sink)
        case .leftJoin(let x, let y, let filters):
            return try leftJoin(x, y, filters, seed: seed, scope: scope, sink)
        case .filter(let f, let x):
            return try filter(f, x, seed: seed, scope: scope, sink)
        case .union(let x, let y):
            return try stream(x, seed: seed, scope: scope, sink) && stream(y, seed: seed, scope: scope, sink)
        case .minus(let x, let y):
            return try minus(x, y, seed: seed, scope: scope, sink)
        case .graph(let n, let x):
            return try evalGraph(n, x, seed: seed, sink)
        case .extend:
            return try extend(a, seed: seed, scope: scope, sink)
        case .values(let vars, let rows):
            let vs = vars.map { slots[$0]! }
            for values in rows {
                var r = emptyRow
                for (i, v) in values.enumerated() { r[vs[i]] = v }
                if let m = Evaluator.merge(seed, r) { guard try sink(m) else { return false } }
            }
            return true
        case .group(let x, let keys, let aggs):
            for r in try evalGroup(x, keys: keys, aggregates: aggs, seed: seed, scope: scope) {
                guard try sink(r) else { return false }
            }
            return true
        case .orderBy(let x, let conditions):
            for r in try sorted(x, by: conditions, keep: nil, seed: seed, scope: scope) {
                guard try sink(r) else { return false }
            }
            return true
        case .project(let x, let vars):
            let keep = vars.compactMap { slots[$0] }
            return try stream(x, seed: emptyRow, scope: scope) { r in
                var p = emptyRow
                for i in keep { p[i] = r[i] }
                guard let m = Evaluator.merge(seed, p) else { return true }
                return try sink(m)
            }
        case .distinct(let x), .reduced(let x):
            var seen = Set<Row>()
            return try stream(x, seed: seed, scope: scope) { r in try !seen.insert(r).inserted || sink(r) }
        case .slice(let x, let offset, let limit):
            return try slice(x, offset: offset, limit: limit, seed: seed, scope: scope, sink)
        case .service:
            throw SPARQLError(.evaluation, "SERVICE (federated query) is not supported")
        }
    }

    /// LeftJoin(x, y, filters) (§18.5), with the filters that only test y's own bindings moved into y.
    func leftJoin(_ x: Algebra, _ y: Algebra, _ filters: [Expr], seed: Row, scope: GraphScope, _ sink: Sink) throws -> Bool {
        // LeftJoin(A, B, e) = LeftJoin(A, Filter(e, B), true) when B binds e's variables in every
        // solution and e has no EXISTS; the filter can then go down into B's joins (see `filter`).
        let inY = Evaluator.certainlyBound(y)
        func local(_ e: Expr) -> Bool { !e.hasExists && Set(e.variables).isSubset(of: inY) }
        let down = filters.filter(local)
        if down.isEmpty { return try join(x, y, filters: filters, seed: seed, scope: scope, sink) }
        return try join(x, .filter(down, y), filters: filters.filter { !local($0) }, seed: seed, scope: scope, sink)
    }

    /// Filter(f, x) (§18.5), the conditions pushed into a join's sides when they can be.
    func filter(_ f: [Expr], _ x: Algebra, seed: Row, scope: GraphScope, _ sink: Sink) throws -> Bool {
        // Filter(e, Join(A, B)) = Join(Filter(e, A), B) when A binds e's variables in every solution
        // and e has no EXISTS: the filter runs before the join can multiply rows (same for B).
        if case .join(let a, let b) = x {
            let inA = Evaluator.certainlyBound(a), inB = Evaluator.certainlyBound(b)
            var toA: [Expr] = [], toB: [Expr] = [], stay: [Expr] = []
            for e in f {
                let vs = Set(e.variables)
                if e.hasExists { stay.append(e) } else if vs.isSubset(of: inA) { toA.append(e) }
                else if vs.isSubset(of: inB) { toB.append(e) } else { stay.append(e) }
            }
            if !toA.isEmpty || !toB.isEmpty {
                let pushed = Algebra.join(toA.isEmpty ? a : .filter(toA, a), toB.isEmpty ? b : .filter(toB, b))
                if stay.isEmpty { return try stream(pushed, seed: seed, scope: scope, sink) }
                return try stream(pushed, seed: seed, scope: scope) { r in try !passes(stay, r, scope) || sink(r) }
            }
        }
        return try stream(x, seed: seed, scope: scope) { r in try !passes(f, r, scope) || sink(r) }
    }

    /// A chain of Extends over `a`'s innermost pattern, applied row by row, so BNODE(str) is one node
    /// per solution.
    func extend(_ a: Algebra, seed: Row, scope: GraphScope, _ sink: Sink) throws -> Bool {
        var chain: [(Int, Expr)] = []
        var inner = a
        while case .extend(let x, let v, let e) = inner { chain.insert((slots[v]!, e), at: 0); inner = x }
        return try stream(inner, seed: seed, scope: scope) { row in
            var r = row
            bnodeScope = [:]
            for (slot, e) in chain {
                if let value = try value(e, r, scope) {
                    if let old = r[slot], old != value { return true }
                    r[slot] = value
                }
            }
            return try sink(r)
        }
    }

    /// OFFSET / LIMIT: stops `x` once `limit` solutions have gone on.
    func slice(_ x: Algebra, offset: Int, limit: Int?, seed: Row, scope: GraphScope, _ sink: Sink) throws -> Bool {
        if limit == 0 { return true }
        var skipped = 0, taken = 0
        var stopped = false
        func take(_ r: Row) throws -> Bool {
            if skipped < offset { skipped += 1; return true }
            taken += 1
            guard try sink(r) else { stopped = true; return false }
            return limit.map { taken < $0 } ?? true
        }
        if let limit, try streamFirstOrdered(x, keep: offset > Int.max - limit ? Int.max : offset + limit, seed: seed, scope: scope, take) {
            return !stopped
        }
        if let limit, case .project(.bgp(let ts), let vars) = x, !ts.isEmpty, offset == 0, seed.allSatisfy({ $0 == nil }) {
            // LIMIT straight over a pattern: the store's query says so too (the scan stops either way;
            // this keeps the plan SQLite chose for a LIMIT before solutions streamed).
            let keep = vars.compactMap { slots[$0] }
            try runBGP(ts, scope: scope, seed: seed, limit: limit) { r in
                var p = emptyRow
                for i in keep { p[i] = r[i] }
                return try take(p)
            }
            return !stopped
        }
        try stream(x, seed: seed, scope: scope, take)
        return !stopped
    }

    /// Every solution of `a`, in order (for the operators that need all of them).
    func eval(_ a: Algebra, seed: Row, scope: GraphScope) throws -> [Row] {
        var out: [Row] = []
        try stream(a, seed: seed, scope: scope) { out.append($0); return true }
        return out
    }

    /// Whether `a` has at least one solution under `seed` (stops at the first).
    func hasSolution(_ a: Algebra, seed: Row, scope: GraphScope) throws -> Bool {
        var found = false
        try stream(a, seed: seed, scope: scope) { _ in found = true; return false }
        return found
    }

    /// Join(x, y), or LeftJoin(x, y, filters) when `filters` is not nil (§18.5). When y is seedable
    /// and x has at most `bindJoinLimit` rows, y runs once per left row with the row as its seed (a
    /// bind join: indexed lookups). Otherwise y's solutions are the build side of a hash join and the
    /// left side streams through it; y runs only once x has produced a row.
    func join(_ x: Algebra, _ y: Algebra, filters: [Expr]?, seed: Row, scope: GraphScope, _ sink: Sink) throws -> Bool {
        let optional = filters != nil
        let conditions = filters ?? []
        let bindable = Evaluator.seedable(y)
        var left: [Row] = []
        var probe: HashProbe?
        var stopped = false
        try stream(x, seed: seed, scope: scope) { l in
            if let probe {
                if probe.matchesNothing { return false }
                guard try probe.emit(l, sink) else { stopped = true; return false }
                return true
            }
            left.append(l)
            if bindable && left.count <= Evaluator.bindJoinLimit { return true }
            // A hash join: the rows held so far, then each further row as it comes.
            let p = try HashProbe(self, right: try eval(y, seed: seed, scope: scope), optional: optional, conditions, scope)
            probe = p
            defer { left = [] }
            for b in left {
                if p.matchesNothing { return false }
                guard try p.emit(b, sink) else { stopped = true; return false }
            }
            return !p.matchesNothing
        }
        if stopped { return false }
        for l in left {
            var matched = false
            let go = try stream(y, seed: l, scope: scope) { m in
                guard try passes(conditions, m, scope) else { return true }
                matched = true
                return try sink(m)
            }
            guard go else { return false }
            if optional && !matched { guard try sink(l) else { return false } }
        }
        return true
    }

    /// Patterns whose meaning does not change when variables of the left side are fixed in advance.
    /// A FILTER qualifies when its variables are bound in every solution of its pattern (the seed
    /// cannot change their values) and it has no EXISTS (which would see the seed's other variables).
    static func seedable(_ a: Algebra) -> Bool {
        switch a {
        case .bgp, .path: return true
        case .graph(_, let x): return seedable(x)
        case .join(let x, let y), .union(let x, let y): return seedable(x) && seedable(y)
        case .filter(let fs, let x):
            guard seedable(x) else { return false }
            let bound = certainlyBound(x)
            return fs.allSatisfy { !$0.hasExists && Set($0.variables).isSubset(of: bound) }
        default: return false
        }
    }

    /// Variables bound in every solution of `a` (a subset is enough: used to prove seeding safe).
    static func certainlyBound(_ a: Algebra) -> Set<String> {
        switch a {
        case .bgp(let ts): return Set(ts.flatMap(\.variables))
        case .path(let s, _, let o): return Set([s, o].compactMap(\.variable))
        case .join(let x, let y): return certainlyBound(x).union(certainlyBound(y))
        case .union(let x, let y): return certainlyBound(x).intersection(certainlyBound(y))
        case .filter(_, let x): return certainlyBound(x)
        case .graph(let n, let x): return certainlyBound(x).union([n.variable].compactMap { $0 })
        default: return []
        }
    }

    func passes(_ filters: [Expr], _ row: Row, _ scope: GraphScope) throws -> Bool {
        for f in filters { if try ebv(f, row, scope) != true { return false } }
        return true
    }

    /// §18.5 Minus: drops each left row that some right row is compatible with and shares a variable
    /// with. The right side is read once the left side has a row. Right rows are grouped by the slots
    /// they bind; for a left row, each group is probed in a hash set of the group's values on the
    /// slots both bind (built once per pair of domains).
    func minus(_ x: Algebra, _ y: Algebra, seed: Row, scope: GraphScope, _ sink: Sink) throws -> Bool {
        var groups: [[Int]: [Row]]?
        var probes: [[[Int]]: Set<[Term?]>] = [:]
        var n = 0
        var stopped = false
        try stream(x, seed: seed, scope: scope) { l in
            if groups == nil {
                var g: [[Int]: [Row]] = [:]
                for r in try eval(y, seed: emptyRow, scope: scope) { g[r.indices.filter { r[$0] != nil }, default: []].append(r) }
                groups = g
            }
            if n & 1023 == 0 { try checkDeadline() }
            n += 1
            for (domain, rows) in groups! {
                let shared = domain.filter { l[$0] != nil }
                if shared.isEmpty { continue }
                let key = [domain, shared]
                if probes[key] == nil { probes[key] = Set(rows.map { r in shared.map { r[$0] } }) }
                if probes[key]!.contains(shared.map { l[$0] }) { return true }
            }
            guard try sink(l) else { stopped = true; return false }
            return true
        }
        return !stopped
    }

    /// GRAPH n { x } (§18.6).
    func evalGraph(_ n: Node, _ x: Algebra, seed: Row, _ sink: Sink) throws -> Bool {
        var graphTerm: Term?
        var slot: Int?
        switch n {
        case .term(let t): graphTerm = t
        case .variable(let v):
            slot = slots[v]!
            graphTerm = seed[slot!]
        }
        // §18.6: Join(eval(D(g), P), {?g → g}). ?g is fixed in advance only when P is seedable; a FILTER
        // or OPTIONAL inside sees ?g unbound and the graph name is joined in afterwards.
        let seedable = Evaluator.seedable(x)
        func inGraph(_ id: Int64, _ g: Term) throws -> Bool {
            guard let slot else { return try stream(x, seed: seed, scope: .named(id), sink) }
            var s = seed
            if seedable { s[slot] = g; return try stream(x, seed: s, scope: .named(id), sink) }
            s[slot] = nil
            var bound = emptyRow
            bound[slot] = g
            return try stream(x, seed: s, scope: .named(id)) { r in
                guard let m = Evaluator.merge(r, bound) else { return true }
                return try sink(m)
            }
        }
        if let graphTerm {
            guard graphTerm.isIRI || graphTerm.isBlank, let id = try store.id(of: graphTerm), try isNamedGraph(id) else { return true }
            return try inGraph(id, graphTerm)
        }
        if case .bgp(let ts) = x, !ts.isEmpty { return try runBGP(ts, scope: .namedVariable(slot!), seed: seed, sink) }
        for id in try namedGraphIDs() { guard try inGraph(id, try term(id)) else { return false } }
        return true
    }

    func isNamedGraph(_ id: Int64) throws -> Bool {
        if let namedGraphs { return namedGraphs.contains(id) }
        return try store.graphHasQuads(id)
    }

    func namedGraphIDs() throws -> [Int64] {
        try namedGraphs ?? store.namedGraphIDs()
    }

    func order(_ rows: [Row], by conditions: [OrderCondition], _ scope: GraphScope) throws -> [Row] {
        let keys = try rows.map { r in try conditions.map { try value($0.expr, r, scope) } }
        // Each condition's distinct values are ordered once and replaced by their rank, so the rows
        // sort on integers (comparing literals parses them; many rows share few key values).
        let width = conditions.count
        var rank = [Int](repeating: 0, count: rows.count * width)
        for k in 0..<width {
            var seen = Set<Term?>()
            let distinct = keys.map { $0[k] }.filter { seen.insert($0).inserted }
                .sorted { Values.orderCompare($0, $1) < 0 }
            var rankOf: [Term?: Int] = [:]
            var current = 0
            for (i, t) in distinct.enumerated() {
                if i > 0, Values.orderCompare(distinct[i - 1], t) != 0 { current += 1 }
                rankOf[t] = current
            }
            for i in rows.indices { rank[i * width + k] = rankOf[keys[i][k]]! }
        }
        let idx = rows.indices.sorted { i, j in
            for (k, c) in conditions.enumerated() {
                let a = rank[i * width + k], b = rank[j * width + k]
                if a != b { return c.ascending ? a < b : a > b }
            }
            return i < j
        }
        return idx.map { rows[$0] }
    }
}

extension Expr {
    /// Whether an EXISTS / NOT EXISTS occurs anywhere in the expression.
    var hasExists: Bool {
        switch self {
        case .exists: return true
        case .variable, .constant, .aggregate: return false
        case .or(let a, let b), .and(let a, let b), .binary(_, let a, let b): return a.hasExists || b.hasExists
        case .not(let a), .negate(let a), .plus(let a): return a.hasExists
        case .inList(let a, let l, _): return a.hasExists || l.contains(where: \.hasExists)
        case .builtin(_, let args), .function(_, let args): return args.contains(where: \.hasExists)
        }
    }
}

/// The build side of a hash join or OPTIONAL: the right side's solutions, indexed by the slots they
/// all bind. A left row is looked up on those of the slots it binds too (one table per such set,
/// built when first needed), or meets every right row when it binds none. Either way it meets the
/// compatible right rows in their order, so the output does not depend on which table served it.
final class HashProbe {
    let right: [Row]
    /// Slots bound in every right row.
    let key: [Int]
    let optional: Bool
    let conditions: [Expr]
    let scope: GraphScope
    unowned let evaluator: Evaluator
    private var tables: [[Int]: [[Term?]: [Int]]] = [:]

    init(_ evaluator: Evaluator, right: [Row], optional: Bool, _ conditions: [Expr], _ scope: GraphScope) throws {
        self.evaluator = evaluator
        self.right = right
        self.optional = optional
        self.conditions = conditions
        self.scope = scope
        key = (0..<evaluator.names.count).filter { i in right.allSatisfy { $0[i] != nil } }
    }

    /// A join whose right side is empty: no left row can match.
    var matchesNothing: Bool { !optional && right.isEmpty }

    /// Sends the solutions `l` joins into (or `l` itself, for an OPTIONAL without match) to `sink`.
    func emit(_ l: Row, _ sink: Evaluator.Sink) throws -> Bool {
        try evaluator.tick()
        var matched = false
        func meet(_ r: Row) throws -> Bool {
            try evaluator.tick()
            guard let m = Evaluator.merge(l, r), try evaluator.passes(conditions, m, scope) else { return true }
            matched = true
            return try sink(m)
        }
        let usable = key.filter { l[$0] != nil }
        if usable.isEmpty {
            for r in right { guard try meet(r) else { return false } }
        } else {
            if tables[usable] == nil {
                var table: [[Term?]: [Int]] = [:]
                for (i, r) in right.enumerated() { table[usable.map { r[$0] }, default: []].append(i) }
                tables[usable] = table
            }
            for i in tables[usable]![usable.map { l[$0] }] ?? [] { guard try meet(right[i]) else { return false } }
        }
        if optional && !matched { return try sink(l) }
        return true
    }
}
