import RDF
import Store

/// `QueryEngine.explain`: the algebra as an indented tree, with the SQL (and its bound parameters)
/// the store runs for each basic graph pattern (`TripleStore.patternSQL`).
struct Explain {
    let evaluator: Evaluator

    func render(_ query: Query) throws -> String {
        var out = "\(query.form)".uppercased()
        if !query.variables.isEmpty { out += " " + query.variables.map { "?" + $0 }.joined(separator: " ") }
        out += "\n"
        try tree(query.algebra, 1, &out)
        return out
    }

    func node(_ n: Node) -> String {
        switch n {
        case .variable(let v): return v.hasPrefix("_:") ? v : "?" + v
        case .term(let t): return t.ntriples
        }
    }

    func path(_ p: PathExpr) -> String {
        switch p {
        case .link(let i): return "<\(i)>"
        case .inverse(let x): return "^" + path(x)
        case .sequence(let a, let b): return "(\(path(a)) / \(path(b)))"
        case .alternative(let a, let b): return "(\(path(a)) | \(path(b)))"
        case .zeroOrMore(let x): return path(x) + "*"
        case .oneOrMore(let x): return path(x) + "+"
        case .zeroOrOne(let x): return path(x) + "?"
        case .negated(let f, let i): return "!(" + (f.map { "<\($0)>" } + i.map { "^<\($0)>" }).joined(separator: " | ") + ")"
        }
    }

    func expr(_ e: Expr) -> String {
        switch e {
        case .variable(let v): return "?" + v
        case .constant(let t): return t.ntriples
        case .or(let a, let b): return "(\(expr(a)) || \(expr(b)))"
        case .and(let a, let b): return "(\(expr(a)) && \(expr(b)))"
        case .not(let a): return "!" + expr(a)
        case .binary(let op, let a, let b): return "(\(expr(a)) \(op) \(expr(b)))"
        case .negate(let a): return "-" + expr(a)
        case .plus(let a): return "+" + expr(a)
        case .inList(let a, let l, let n): return "(\(expr(a)) \(n ? "NOT IN" : "IN") (\(l.map(expr).joined(separator: ", "))))"
        case .builtin(let n, let args): return n + "(" + args.map(expr).joined(separator: ", ") + ")"
        case .function(let i, let args): return "<\(i)>(" + args.map(expr).joined(separator: ", ") + ")"
        case .exists(_, let n): return n ? "NOT EXISTS {…}" : "EXISTS {…}"
        case .aggregate(let i): return "aggregate\(i)"
        }
    }

    func tree(_ a: Algebra, _ depth: Int, _ out: inout String, scope: GraphScope = .defaultGraph) throws {
        let pad = String(repeating: "  ", count: depth)
        func line(_ s: String) { out += pad + s + "\n" }
        switch a {
        case .bgp(let ts):
            line("BGP")
            for t in ts { line("  " + [t.s, t.p, t.o].map(node).joined(separator: " ")) }
            if ts.isEmpty { return }
            guard let query = try evaluator.compile(ts, scope: scope, seed: evaluator.emptyRow),
                  let plan = evaluator.store.patternSQL(query) else {
                line("  SQL: none (a constant is not in the store: no solutions)")
                return
            }
            line("  SQL: " + plan.sql)
            line("  parameters: [" + plan.parameters.map(String.init).joined(separator: ", ") + "]")
        case .path(let s, let p, let o):
            line("Path \(node(s)) \(path(p)) \(node(o))  (one indexed lookup per step)")
        case .join(let x, let y): line("Join"); try tree(x, depth + 1, &out, scope: scope); try tree(y, depth + 1, &out, scope: scope)
        case .leftJoin(let x, let y, let f):
            line("LeftJoin" + (f.isEmpty ? "" : " " + f.map(expr).joined(separator: " && ")))
            try tree(x, depth + 1, &out, scope: scope); try tree(y, depth + 1, &out, scope: scope)
        case .filter(let f, let x): line("Filter " + f.map(expr).joined(separator: " && ")); try tree(x, depth + 1, &out, scope: scope)
        case .union(let x, let y): line("Union"); try tree(x, depth + 1, &out, scope: scope); try tree(y, depth + 1, &out, scope: scope)
        case .minus(let x, let y): line("Minus"); try tree(x, depth + 1, &out, scope: scope); try tree(y, depth + 1, &out, scope: scope)
        case .graph(let n, let x):
            line("Graph \(node(n))")
            var inner = GraphScope.namedVariable(0)
            if case .term(let t) = n { inner = .named(try evaluator.store.id(of: t) ?? -1) }
            else if let v = n.variable, let s = evaluator.slots[v] { inner = .namedVariable(s) }
            try tree(x, depth + 1, &out, scope: inner)
        case .extend(let x, let v, let e): line("Extend ?\(v) := \(expr(e))"); try tree(x, depth + 1, &out, scope: scope)
        case .values(let vs, let rows): line("Values \(vs.map { "?" + $0 }.joined(separator: " ")) (\(rows.count) rows)")
        case .group(let x, let keys, let aggs):
            line("Group by (\(keys.map { expr($0.0) + ($0.1.map { " AS ?" + $0 } ?? "") }.joined(separator: ", "))) "
                 + aggs.map { "?\($0.0) := \($0.1.name)\($0.1.distinct ? " DISTINCT" : "")(\($0.1.argument.map(expr) ?? "*"))" }.joined(separator: ", "))
            try tree(x, depth + 1, &out, scope: scope)
        case .orderBy(let x, let c):
            line("OrderBy " + c.map { ($0.ascending ? "ASC(" : "DESC(") + expr($0.expr) + ")" }.joined(separator: " "))
            try tree(x, depth + 1, &out, scope: scope)
        case .project(let x, let vs): line("Project " + vs.map { "?" + $0 }.joined(separator: " ")); try tree(x, depth + 1, &out, scope: scope)
        case .distinct(let x): line("Distinct"); try tree(x, depth + 1, &out, scope: scope)
        case .reduced(let x): line("Reduced"); try tree(x, depth + 1, &out, scope: scope)
        case .slice(let x, let o, let l): line("Slice offset \(o) limit \(l.map(String.init) ?? "none")"); try tree(x, depth + 1, &out, scope: scope)
        case .service(let n, let x, _): line("Service \(node(n))"); try tree(x, depth + 1, &out, scope: scope)
        }
    }
}
