import Foundation
import RDF

/// GROUP BY and the aggregate functions (§18.5 Group, Aggregation).
extension Evaluator {
    func evalGroup(_ x: Algebra, keys: [(Expr, String?)], aggregates: [(String, Aggregate)],
                   seed: Row, scope: GraphScope) throws -> [Row] {
        var order: [[Term?]] = []
        var groups: [[Term?]: [Row]] = [:]
        try stream(x, seed: emptyRow, scope: scope) { r in
            let k = try keys.map { try value($0.0, r, scope) }
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(r)
            return true
        }
        if keys.isEmpty && order.isEmpty { order = [[]]; groups[[]] = [] }
        var out: [Row] = []
        for k in order {
            try checkDeadline()
            let members = groups[k]!
            var r = emptyRow
            for (i, key) in keys.enumerated() {
                if let v = key.1 { r[slots[v]!] = k[i] } else if case .variable(let v) = key.0 { r[slots[v]!] = k[i] }
            }
            for (name, agg) in aggregates { r[slots[name]!] = try aggregate(agg, members, scope) }
            if let m = Evaluator.merge(seed, r) { out.append(m) }
        }
        return out
    }

    func aggregate(_ agg: Aggregate, _ rows: [Row], _ scope: GraphScope) throws -> Term? {
        guard let arg = agg.argument else {
            // COUNT(*)
            let n = agg.distinct ? Set(rows).count : rows.count
            return .typed(String(n), XSD.integer)
        }
        var values: [Term?] = try rows.map { try value(arg, $0, scope) }
        if agg.distinct {
            var seen = Set<Term?>()
            values = values.filter { seen.insert($0).inserted }
        }
        switch agg.name {
        case "COUNT":
            return .typed(String(values.count { $0 != nil }), XSD.integer)
        case "SUM", "AVG":
            var sum = Numeric.integer(0)
            for v in values {
                guard let v, let n = Values.numeric(v), let s = Values.arithmetic("+", sum, n) else { return nil }
                sum = s
            }
            if agg.name == "SUM" { return sum.term }
            if values.isEmpty { return Numeric.integer(0).term }
            return Values.arithmetic("/", sum, .integer(values.count))?.term
        case "MIN", "MAX":
            var best: Term?
            for case let v? in values {
                guard let b = best else { best = v; continue }
                let c = Values.orderCompare(v, b)
                if agg.name == "MIN" ? c < 0 : c > 0 { best = v }
            }
            return best
        case "SAMPLE":
            return values.first { $0 != nil } ?? nil
        case "GROUP_CONCAT":
            var parts: [String] = []
            for v in values {
                guard let l = Functions.string(v) else { return nil }
                parts.append(l.lexical)
            }
            return .string(parts.joined(separator: agg.separator))
        default:
            return nil
        }
    }
}
