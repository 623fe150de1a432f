import Foundation
import RDF
import Store

/// A solution: one optional term per variable slot of the query.
typealias Row = [Term?]

/// Evaluates algebra (§18.5) over the store. Basic graph patterns run as SQL (`SQLPlan.swift`); joins,
/// optionals, unions, filters, grouping and ordering run here over rows of terms, ids decoded through a
/// cache. Patterns may be evaluated under a `seed` solution whose bound variables act as constants —
/// used for EXISTS (substitution, §18.6) and for bind joins when the left side is small.
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
                namedGraphs = try d.namedGraphs.compactMap { try store.id(of: .iri($0)) }
            }
        }
    }

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

    /// Slots bound in every row of both sides: the hash key of a join.
    func joinKey(_ left: [Row], _ right: [Row]) -> [Int] {
        (0..<names.count).filter { i in left.allSatisfy { $0[i] != nil } && right.allSatisfy { $0[i] != nil } }
    }

    // MARK: Algebra

    func eval(_ a: Algebra, seed: Row, scope: GraphScope) throws -> [Row] {
        try checkDeadline()
        switch a {
        case .bgp(let ts):
            if ts.isEmpty { return [seed] }
            return try runBGP(ts, scope: scope, seed: seed)
        case .path(let s, let p, let o):
            return try evalPath(s, p, o, seed: seed, scope: scope)
        case .join(let x, let y):
            let left = try eval(x, seed: seed, scope: scope)
            if left.isEmpty { return [] }
            if left.count <= Evaluator.bindJoinLimit, Evaluator.seedable(y) {
                var out: [Row] = []
                for l in left { out += try eval(y, seed: l, scope: scope) }
                return out
            }
            return try hashJoin(left, try eval(y, seed: seed, scope: scope))
        case .leftJoin(let x, var y, var filters):
            // LeftJoin(A, B, e) = LeftJoin(A, Filter(e, B), true) when B binds e's variables in every
            // solution and e has no EXISTS; the filter can then go down into B's joins (see .filter).
            let inY = Evaluator.certainlyBound(y)
            let down = filters.filter { !$0.hasExists && Set($0.variables).isSubset(of: inY) }
            if !down.isEmpty {
                y = .filter(down, y)
                filters = filters.filter { e in !(!e.hasExists && Set(e.variables).isSubset(of: inY)) }
            }
            let left = try eval(x, seed: seed, scope: scope)
            if left.isEmpty { return [] }
            if left.count <= Evaluator.bindJoinLimit, Evaluator.seedable(y) {
                var out: [Row] = []
                for l in left {
                    let matches = try eval(y, seed: l, scope: scope).filter { try passes(filters, $0, scope) }
                    if matches.isEmpty { out.append(l) } else { out += matches }
                }
                return out
            }
            return try leftJoin(left, try eval(y, seed: seed, scope: scope), filters, scope)
        case .filter(let f, let x):
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
                    let rows = try eval(pushed, seed: seed, scope: scope)
                    return stay.isEmpty ? rows : try rows.filter { try passes(stay, $0, scope) }
                }
            }
            return try eval(x, seed: seed, scope: scope).filter { try passes(f, $0, scope) }
        case .union(let x, let y):
            return try eval(x, seed: seed, scope: scope) + eval(y, seed: seed, scope: scope)
        case .minus(let x, let y):
            let left = try eval(x, seed: seed, scope: scope)
            if left.isEmpty { return [] }
            return try minus(left, try eval(y, seed: emptyRow, scope: scope))
        case .graph(let n, let x):
            return try evalGraph(n, x, seed: seed)
        case .extend:
            // A chain of Extends is applied row by row, so BNODE(str) is one node per solution.
            var chain: [(Int, Expr)] = []
            var inner = a
            while case .extend(let x, let v, let e) = inner { chain.insert((slots[v]!, e), at: 0); inner = x }
            var out: [Row] = []
            rows: for var r in try eval(inner, seed: seed, scope: scope) {
                bnodeScope = [:]
                for (slot, e) in chain {
                    if let value = try value(e, r, scope) {
                        if let old = r[slot], old != value { continue rows }
                        r[slot] = value
                    }
                }
                out.append(r)
            }
            return out
        case .values(let vars, let rows):
            let vs = vars.map { slots[$0]! }
            return rows.compactMap { values in
                var r = emptyRow
                for (i, v) in values.enumerated() { r[vs[i]] = v }
                return Evaluator.merge(seed, r)
            }
        case .group(let x, let keys, let aggs):
            return try evalGroup(x, keys: keys, aggregates: aggs, seed: seed, scope: scope)
        case .orderBy(let x, let conditions):
            return try order(try eval(x, seed: seed, scope: scope), by: conditions, scope)
        case .project(let x, let vars):
            let keep = vars.compactMap { slots[$0] }
            let inner = try eval(x, seed: emptyRow, scope: scope)
            return inner.compactMap { r in
                var p = emptyRow
                for i in keep { p[i] = r[i] }
                return Evaluator.merge(seed, p)
            }
        case .distinct(let x), .reduced(let x):
            var seen = Set<Row>()
            return try eval(x, seed: seed, scope: scope).filter { seen.insert($0).inserted }
        case .slice(let x, let offset, let limit):
            if let limit, case .project(.bgp(let ts), let vars) = x, !ts.isEmpty, offset == 0, seed.allSatisfy({ $0 == nil }) {
                // LIMIT straight over a pattern: let SQLite stop early.
                let keep = vars.compactMap { slots[$0] }
                return try runBGP(ts, scope: scope, seed: seed, limit: limit).map { r in
                    var p = emptyRow
                    for i in keep { p[i] = r[i] }
                    return p
                }
            }
            let rows = try eval(x, seed: seed, scope: scope)
            let start = min(offset, rows.count)
            let end = limit.map { min(rows.count, start + $0) } ?? rows.count
            return Array(rows[start..<end])
        case .service:
            throw SPARQLError(.evaluation, "SERVICE (federated query) is not supported")
        }
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

    func hashJoin(_ left: [Row], _ right: [Row]) throws -> [Row] {
        if right.isEmpty { return [] }
        let key = joinKey(left, right)
        var out: [Row] = []
        if key.isEmpty {
            for l in left {
                for r in right {
                    try tick()
                    if let m = Evaluator.merge(l, r) { out.append(m) }
                }
            }
            return out
        }
        var table: [[Term?]: [Int]] = [:]
        for (i, r) in right.enumerated() { table[key.map { r[$0] }, default: []].append(i) }
        for l in left {
            try tick()
            for i in table[key.map { l[$0] }] ?? [] {
                try tick()
                if let m = Evaluator.merge(l, right[i]) { out.append(m) }
            }
        }
        return out
    }

    /// §18.5 Minus: drops each left row that some right row is compatible with and shares a variable
    /// with. Right rows are grouped by the slots they bind; for a left row, each group is probed in a
    /// hash set of the group's values on the slots both bind (built once per pair of domains).
    func minus(_ left: [Row], _ right: [Row]) throws -> [Row] {
        if right.isEmpty { return left }
        var groups: [[Int]: [Row]] = [:]
        for r in right { groups[r.indices.filter { r[$0] != nil }, default: []].append(r) }
        var probes: [[[Int]]: Set<[Term?]>] = [:]
        var out: [Row] = []
        for (n, l) in left.enumerated() {
            if n & 1023 == 0 { try checkDeadline() }
            var removed = false
            for (domain, rows) in groups {
                let shared = domain.filter { l[$0] != nil }
                if shared.isEmpty { continue }
                let key = [domain, shared]
                if probes[key] == nil { probes[key] = Set(rows.map { r in shared.map { r[$0] } }) }
                if probes[key]!.contains(shared.map { l[$0] }) { removed = true; break }
            }
            if !removed { out.append(l) }
        }
        return out
    }

    func leftJoin(_ left: [Row], _ right: [Row], _ filters: [Expr], _ scope: GraphScope) throws -> [Row] {
        let key = right.isEmpty ? [] : joinKey(left, right)
        var table: [[Term?]: [Int]] = [:]
        if !key.isEmpty { for (i, r) in right.enumerated() { table[key.map { r[$0] }, default: []].append(i) } }
        var out: [Row] = []
        for l in left {
            try tick()
            var matched = false
            let candidates: [Int] = key.isEmpty ? Array(right.indices) : (table[key.map { l[$0] }] ?? [])
            for i in candidates {
                try tick()
                if let m = Evaluator.merge(l, right[i]), try passes(filters, m, scope) {
                    out.append(m)
                    matched = true
                }
            }
            if !matched { out.append(l) }
        }
        return out
    }

    func evalGraph(_ n: Node, _ x: Algebra, seed: Row) throws -> [Row] {
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
        func inGraph(_ id: Int64, _ g: Term) throws -> [Row] {
            guard let slot else { return try eval(x, seed: seed, scope: .named(id)) }
            var s = seed
            if seedable { s[slot] = g; return try eval(x, seed: s, scope: .named(id)) }
            s[slot] = nil
            var bound = emptyRow
            bound[slot] = g
            return try eval(x, seed: s, scope: .named(id)).compactMap { Evaluator.merge($0, bound) }
        }
        if let graphTerm {
            guard graphTerm.isIRI || graphTerm.isBlank, let id = try store.id(of: graphTerm), try isNamedGraph(id) else { return [] }
            return try inGraph(id, graphTerm)
        }
        if case .bgp(let ts) = x, !ts.isEmpty { return try runBGP(ts, scope: .namedVariable(slot!), seed: seed) }
        var out: [Row] = []
        for id in try namedGraphIDs() { out += try inGraph(id, try term(id)) }
        return out
    }

    func isNamedGraph(_ id: Int64) throws -> Bool {
        if let namedGraphs { return namedGraphs.contains(id) }
        let st = try store.connection.prepare("SELECT 1 FROM quad WHERE g = ?1 LIMIT 1")
        st.bind(id, at: 1)
        defer { st.reset() }
        return try st.step()
    }

    func namedGraphIDs() throws -> [Int64] {
        if let namedGraphs { return namedGraphs }
        let st = try store.connection.prepare("SELECT DISTINCT g FROM quad WHERE g <> 0")
        defer { st.reset() }
        var ids: [Int64] = []
        while try st.step() { ids.append(st.int(0)) }
        return ids
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
