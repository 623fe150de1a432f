import RDF
import Store

/// Property paths (§9, §18.5 ALP): evaluated node by node with one indexed store look-up per step;
/// `*` and `+` keep a visited set, so cycles end.
extension Evaluator {
    /// The solutions of `s p o` to `sink`, start node by start node (see `Evaluator.stream`).
    func evalPath(_ s: Node, _ p: PathExpr, _ o: Node, seed: Row, scope: GraphScope, _ sink: Sink) throws -> Bool {
        if case .namedVariable = scope {
            throw SPARQLError(.evaluation, "internal: a path under GRAPH ?g must be evaluated per graph")
        }
        var outside: [Term] = []
        func resolve(_ n: Node) throws -> Int64?? {   // .none: unbound variable
            var t: Term
            switch n {
            case .term(let x): t = x
            case .variable(let v):
                guard let x = seed[slots[v]!] else { return .none }
                t = x
            }
            if let id = try store.id(of: t) { return .some(id) }
            outside.append(t)
            return .some(-Int64(outside.count))
        }
        func decode(_ id: Int64) throws -> Term { id < 0 ? outside[Int(-id) - 1] : try term(id) }
        let sv = try resolve(s), ov = try resolve(o)
        func emit(_ a: Int64, _ b: Int64) throws -> Bool {
            var r = seed
            if case .variable(let v) = s { r[slots[v]!] = try decode(a) }
            if case .variable(let v) = o {
                let t = try decode(b)
                if let x = r[slots[v]!], x != t { return true }
                r[slots[v]!] = t
            }
            return try sink(r)
        }
        switch (sv, ov) {
        case (.some(let a?), .some(let b?)):
            for n in try step(p, from: a, forward: true, scope) where n == b { guard try emit(a, b) else { return false } }
        case (.some(let a?), .none):
            for n in try step(p, from: a, forward: true, scope) { guard try emit(a, n) else { return false } }
        case (.none, .some(let b?)):
            for n in try step(p, from: b, forward: false, scope) { guard try emit(n, b) else { return false } }
        default:
            for a in try startNodes(p, scope) {
                try checkDeadline()
                for n in try step(p, from: a, forward: true, scope) { guard try emit(a, n) else { return false } }
            }
        }
        return true
    }

    /// The nodes reached from `node` by one match of `p` (a multiset, except for closures).
    func step(_ p: PathExpr, from node: Int64, forward: Bool, _ scope: GraphScope) throws -> [Int64] {
        switch p {
        case .link(let iri):
            guard node >= 0, let pid = try store.id(of: .iri(iri)) else { return [] }
            return try lookup(node, predicate: pid, excluding: nil, forward: forward, scope)
        case .inverse(let x):
            return try step(x, from: node, forward: !forward, scope)
        case .sequence(let a, let b):
            let (first, second) = forward ? (a, b) : (b, a)
            var out: [Int64] = []
            for m in try step(first, from: node, forward: forward, scope) {
                out += try step(second, from: m, forward: forward, scope)
            }
            return out
        case .alternative(let a, let b):
            return try step(a, from: node, forward: forward, scope) + step(b, from: node, forward: forward, scope)
        case .zeroOrOne(let x):
            var seen: Set<Int64> = [node]
            var out = [node]
            for n in try step(x, from: node, forward: forward, scope) where seen.insert(n).inserted { out.append(n) }
            return out
        case .zeroOrMore(let x), .oneOrMore(let x):
            var seen = Set<Int64>()
            var out: [Int64] = []
            var frontier: [Int64]
            if case .zeroOrMore = p { seen.insert(node); out.append(node); frontier = [node] } else { frontier = [node] }
            var first = true
            while !frontier.isEmpty {
                try checkDeadline()
                var next: [Int64] = []
                for f in frontier {
                    for n in try step(x, from: f, forward: forward, scope) where seen.insert(n).inserted {
                        out.append(n)
                        next.append(n)
                    }
                }
                if first, case .oneOrMore = p { first = false }
                frontier = next
            }
            return out
        case .negated(let fwd, let inv):
            guard node >= 0 else { return [] }
            var out: [Int64] = []
            let fwdIDs = try fwd.compactMap { try store.id(of: .iri($0)) }
            let invIDs = try inv.compactMap { try store.id(of: .iri($0)) }
            if !fwd.isEmpty || inv.isEmpty {
                out += try lookup(node, predicate: nil, excluding: fwdIDs, forward: forward, scope)
            }
            if !inv.isEmpty {
                out += try lookup(node, predicate: nil, excluding: invIDs, forward: !forward, scope)
            }
            return out
        }
    }

    /// The graphs a path step looks in: the named graph, or the query's default graph (its FROM graphs).
    func pathGraphs(_ scope: GraphScope) -> GraphMatch {
        if case .named(let id) = scope { return .graph(id) }
        return .merge(defaultGraphs)
    }

    /// One hop: objects of `node` (forward) or subjects (backward), by one predicate or by any
    /// predicate not in `excluding`.
    func lookup(_ node: Int64, predicate: Int64?, excluding: [Int64]?, forward: Bool, _ scope: GraphScope) throws -> [Int64] {
        try store.pathStep(from: node, predicate: predicate, excluding: excluding, forward: forward, in: pathGraphs(scope))
    }

    /// Candidate start nodes when both ends of a path are unbound.
    func startNodes(_ p: PathExpr, _ scope: GraphScope) throws -> [Int64] {
        switch p {
        case .link(let iri):
            guard let pid = try store.id(of: .iri(iri)) else { return [] }
            return try store.pathStarts(predicate: pid, in: pathGraphs(scope))
        case .oneOrMore(let x): return try startNodes(x, scope)
        case .sequence(let a, _): return try startNodes(a, scope)
        case .alternative(let a, let b): return Array(Set(try startNodes(a, scope) + startNodes(b, scope))).sorted()
        default: return try store.pathStarts(predicate: nil, in: pathGraphs(scope))
        }
    }
}
