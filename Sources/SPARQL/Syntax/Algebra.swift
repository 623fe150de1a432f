import RDF

/// The SPARQL algebra (spec §18.2) that the parser produces and the evaluator runs.
///
/// Variables are named by strings. Blank nodes of a pattern become variables named `_:label`
/// (never projected by `SELECT *`); variables the translation invents start with `.`.

/// A variable or an RDF term in a pattern position.
enum Node: Hashable, Sendable {
    case variable(String)
    case term(Term)

    var variable: String? { if case .variable(let v) = self { v } else { nil } }
}

struct TriplePattern: Hashable, Sendable {
    var s: Node, p: Node, o: Node
    init(_ s: Node, _ p: Node, _ o: Node) { self.s = s; self.p = p; self.o = o }
    var variables: [String] { [s, p, o].compactMap(\.variable) }
}

/// A property path (§9) over predicate IRIs.
indirect enum PathExpr: Hashable, Sendable {
    case link(String)
    case inverse(PathExpr)
    case sequence(PathExpr, PathExpr)
    case alternative(PathExpr, PathExpr)
    case zeroOrMore(PathExpr)
    case oneOrMore(PathExpr)
    case zeroOrOne(PathExpr)
    /// `!(a|^b)`: forward IRIs excluded, inverse IRIs excluded.
    case negated(forward: [String], inverse: [String])
}

struct Aggregate: Sendable {
    var name: String            // COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT
    var distinct: Bool
    var argument: Expr?         // nil: COUNT(*)
    var separator: String = " "
}

indirect enum Expr: Sendable {
    case variable(String)
    case constant(Term)
    case or(Expr, Expr)
    case and(Expr, Expr)
    case not(Expr)
    /// `= != < > <= >= + - * /`
    case binary(String, Expr, Expr)
    case negate(Expr)
    case plus(Expr)
    case inList(Expr, [Expr], negated: Bool)
    /// A built-in call by its upper-cased name (`STR`, `REGEX`, `COALESCE`, …).
    case builtin(String, [Expr])
    /// A call by IRI: XSD casts, or an unknown extension function (an error when evaluated).
    case function(String, [Expr])
    case exists(Algebra, negated: Bool)
    /// Only while parsing SELECT / HAVING / ORDER BY; replaced by a `.aggN` variable.
    case aggregate(Int)

    /// Variables the expression mentions (not inside EXISTS).
    var variables: [String] {
        switch self {
        case .variable(let v): return [v]
        case .constant, .aggregate, .exists: return []
        case .or(let a, let b), .and(let a, let b), .binary(_, let a, let b): return a.variables + b.variables
        case .not(let a), .negate(let a), .plus(let a): return a.variables
        case .inList(let a, let l, _): return a.variables + l.flatMap(\.variables)
        case .builtin(_, let args), .function(_, let args): return args.flatMap(\.variables)
        }
    }
}

struct OrderCondition: Sendable {
    var expr: Expr
    var ascending: Bool
}

indirect enum Algebra: Sendable {
    case bgp([TriplePattern])
    case path(Node, PathExpr, Node)
    case join(Algebra, Algebra)
    case leftJoin(Algebra, Algebra, [Expr])
    case filter([Expr], Algebra)
    case union(Algebra, Algebra)
    case minus(Algebra, Algebra)
    case graph(Node, Algebra)
    case extend(Algebra, String, Expr)
    case values([String], [[Term?]])
    case group(Algebra, keys: [(Expr, String?)], aggregates: [(String, Aggregate)])
    case orderBy(Algebra, [OrderCondition])
    case project(Algebra, [String])
    case distinct(Algebra)
    case reduced(Algebra)
    case slice(Algebra, offset: Int, limit: Int?)
    case service(Node, Algebra, silent: Bool)

    static let unit = Algebra.bgp([])

    var isUnit: Bool { if case .bgp(let t) = self { t.isEmpty } else { false } }

    /// Joins, dropping the unit pattern and merging adjacent basic graph patterns into one.
    static func joined(_ a: Algebra, _ b: Algebra) -> Algebra {
        if a.isUnit { return b }
        if b.isUnit { return a }
        if case .bgp(let x) = a, case .bgp(let y) = b { return .bgp(x + y) }
        if case .join(let l, .bgp(let x)) = a, case .bgp(let y) = b { return .join(l, .bgp(x + y)) }
        return .join(a, b)
    }

    /// The in-scope variables (§18.2.1), in order of first appearance.
    var inScope: [String] {
        var seen = Set<String>(), out: [String] = []
        func add(_ vs: [String]) { for v in vs where seen.insert(v).inserted { out.append(v) } }
        func walk(_ a: Algebra) {
            switch a {
            case .bgp(let ts): for t in ts { add(t.variables) }
            case .path(let s, _, let o): add([s, o].compactMap(\.variable))
            case .join(let x, let y), .leftJoin(let x, let y, _), .union(let x, let y): walk(x); walk(y)
            case .minus(let x, _), .filter(_, let x), .orderBy(let x, _), .distinct(let x), .reduced(let x),
                 .slice(let x, _, _): walk(x)
            case .graph(let n, let x): if let v = n.variable { add([v]) }; walk(x)
            case .service(let n, let x, _): if let v = n.variable { add([v]) }; walk(x)
            case .extend(let x, let v, _): walk(x); add([v])
            case .values(let vs, _): add(vs)
            case .group(_, let keys, let aggs): add(keys.compactMap { k in
                    if let v = k.1 { return v }
                    if case .variable(let v) = k.0 { return v }
                    return nil
                }); add(aggs.map(\.0))
            case .project(_, let vs): add(vs)
            }
        }
        walk(self)
        return out
    }
}

/// The dataset a query names with FROM / FROM NAMED (nil: the store's default graph and all named graphs).
struct Dataset: Sendable {
    var defaultGraphs: [String] = []
    var namedGraphs: [String] = []
    /// Every named graph of the store stays named (an update's WITH sets the default graph only).
    var allNamedGraphs = false
}
