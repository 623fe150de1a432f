import Foundation
import RDF

/// GROUP BY and the aggregate functions (§18.5 Group, Aggregation). The input streams: each solution
/// goes into its group's running aggregates and is dropped, so a group holds its key and one
/// accumulator per aggregate, not its solutions (COUNT(DISTINCT *) and the DISTINCT aggregates keep
/// the distinct rows or values they have seen).
extension Evaluator {
    func evalGroup(_ x: Algebra, keys: [(Expr, String?)], aggregates: [(String, Aggregate)],
                   seed: Row, scope: GraphScope) throws -> [Row] {
        var order: [[Term?]] = []
        var groups: [[Term?]: [Accumulator]] = [:]
        let fresh = aggregates.map { Accumulator($0.1) }
        try stream(x, seed: emptyRow, scope: scope) { r in
            let k = try keys.map { try value($0.0, r, scope) }
            if groups[k] == nil { order.append(k); groups[k] = fresh }
            for i in aggregates.indices { try groups[k]![i].add(r, self, scope) }
            return true
        }
        if keys.isEmpty && order.isEmpty { order = [[]]; groups[[]] = fresh }
        var out: [Row] = []
        for k in order {
            try checkDeadline()
            let accumulators = groups[k]!
            var r = emptyRow
            for (i, key) in keys.enumerated() {
                if let v = key.1 { r[slots[v]!] = k[i] } else if case .variable(let v) = key.0 { r[slots[v]!] = k[i] }
            }
            for (i, (name, _)) in aggregates.enumerated() { r[slots[name]!] = accumulators[i].result }
            if let m = Evaluator.merge(seed, r) { out.append(m) }
        }
        return out
    }
}

/// One aggregate over a group's solutions, fed one solution at a time in order. Each argument value is
/// evaluated for every solution (as the spec's list of values), DISTINCT drops repeated values
/// (unbound included) before they count, and an error (SUM/AVG of a non-number, GROUP_CONCAT of a
/// non-string) makes the result unbound.
struct Accumulator {
    let aggregate: Aggregate
    /// DISTINCT: the values (or, for COUNT(DISTINCT *), the solutions) seen so far.
    private var seenValues = Set<Term?>()
    private var seenRows = Set<Row>()
    /// Values (or solutions) that passed DISTINCT.
    private var count = 0
    private var bound = 0
    /// SUM/AVG running total; nil after an error.
    private var sum: Numeric? = .integer(0)
    private var best: Term?
    private var sample: Term?
    /// GROUP_CONCAT's strings; nil after an error.
    private var parts: [String]? = []

    init(_ aggregate: Aggregate) { self.aggregate = aggregate }

    mutating func add(_ row: Row, _ ev: Evaluator, _ scope: GraphScope) throws {
        guard let arg = aggregate.argument else {
            // COUNT(*)
            if !aggregate.distinct || seenRows.insert(row).inserted { count += 1 }
            return
        }
        let v = try ev.value(arg, row, scope)
        if aggregate.distinct, !seenValues.insert(v).inserted { return }
        count += 1
        if v != nil { bound += 1 }
        switch aggregate.name {
        case "SUM", "AVG":
            if let s = sum {
                if let v, let n = Values.numeric(v), let total = Values.arithmetic("+", s, n) { sum = total } else { sum = nil }
            }
        case "MIN", "MAX":
            guard let v else { return }
            guard let b = best else { best = v; return }
            let c = Values.orderCompare(v, b)
            if aggregate.name == "MIN" ? c < 0 : c > 0 { best = v }
        case "SAMPLE":
            if sample == nil { sample = v }
        case "GROUP_CONCAT":
            if parts != nil {
                if let l = Functions.string(v) { parts!.append(l.lexical) } else { parts = nil }
            }
        default:
            break
        }
    }

    var result: Term? {
        guard aggregate.argument != nil else { return .typed(String(count), XSD.integer) }
        switch aggregate.name {
        case "COUNT": return .typed(String(bound), XSD.integer)
        case "SUM": return sum?.term
        case "AVG":
            guard let sum else { return nil }
            if count == 0 { return Numeric.integer(0).term }
            return Values.arithmetic("/", sum, .integer(count))?.term
        case "MIN", "MAX": return best
        case "SAMPLE": return sample
        case "GROUP_CONCAT": return parts.map { .string($0.joined(separator: aggregate.separator)) }
        default: return nil
        }
    }
}
