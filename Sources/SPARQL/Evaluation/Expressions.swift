import Foundation
import RDF

/// Expression evaluation over one solution (§17). Errors are `nil`: a FILTER drops the solution,
/// BIND leaves the variable unbound.
extension Evaluator {
    func ebv(_ e: Expr, _ row: Row, _ scope: GraphScope) throws -> Bool? {
        try value(e, row, scope).flatMap(Values.ebv)
    }

    func value(_ e: Expr, _ row: Row, _ scope: GraphScope) throws -> Term? {
        switch e {
        case .variable(let v): return slots[v].flatMap { row[$0] }
        case .constant(let t): return t
        case .or(let a, let b): return try logicalOr(a, b, row, scope)
        case .and(let a, let b): return try logicalAnd(a, b, row, scope)
        case .not(let a): return try ebv(a, row, scope).map { Values.bool(!$0) }
        case .binary(let op, let a, let b):
            guard let x = try value(a, row, scope), let y = try value(b, row, scope) else { return nil }
            return Self.binary(op, x, y)
        case .negate(let a):
            guard let x = try value(a, row, scope), let n = Values.numeric(x) else { return nil }
            return Self.negated(n).term
        case .plus(let a):
            guard let x = try value(a, row, scope), Values.numeric(x) != nil else { return nil }
            return x
        case .inList(let a, let list, let negated): return try inList(a, list, negated: negated, row, scope)
        case .exists(let pattern, let negated): return try exists(pattern, negated: negated, row, scope)
        case .aggregate: return nil
        case .function(let iri, let args): return try functionCall(iri, args, row, scope)
        case .builtin(let name, let args): return try builtinCall(name, args, row, scope)
        }
    }

    /// `a || b` (§17.4.1.1): true if either side is true, even when the other is an error.
    private func logicalOr(_ a: Expr, _ b: Expr, _ row: Row, _ scope: GraphScope) throws -> Term? {
        let x = try ebv(a, row, scope)
        if x == true { return Values.bool(true) }
        let y = try ebv(b, row, scope)
        if y == true { return Values.bool(true) }
        if x == false && y == false { return Values.bool(false) }
        return nil
    }

    /// `a && b` (§17.4.1.2): false if either side is false, even when the other is an error.
    private func logicalAnd(_ a: Expr, _ b: Expr, _ row: Row, _ scope: GraphScope) throws -> Term? {
        let x = try ebv(a, row, scope)
        if x == false { return Values.bool(false) }
        let y = try ebv(b, row, scope)
        if y == false { return Values.bool(false) }
        if x == true && y == true { return Values.bool(true) }
        return nil
    }

    /// A comparison (`= != < > <= >=`) or an arithmetic operator (`+ - * /`) on two values.
    private static func binary(_ op: String, _ x: Term, _ y: Term) -> Term? {
        switch op {
        case "=": return Values.equals(x, y).map(Values.bool)
        case "!=": return Values.equals(x, y).map { Values.bool(!$0) }
        case "<": return Values.compare(x, y).map { Values.bool($0 < 0) }
        case ">": return Values.compare(x, y).map { Values.bool($0 > 0) }
        case "<=": return Values.compare(x, y).map { Values.bool($0 <= 0) }
        case ">=": return Values.compare(x, y).map { Values.bool($0 >= 0) }
        default:
            guard let p = Values.numeric(x), let q = Values.numeric(y) else { return nil }
            return Values.arithmetic(op, p, q)?.term
        }
    }

    /// Unary minus.
    private static func negated(_ n: Numeric) -> Numeric {
        switch n {
        // -Int.min does not fit: the value goes on as a big integer, as an overflowing sum does
        case .integer(let i): return i == Int.min ? Numeric.bigInteger(-Decimal(i)) : Numeric.integer(-i)
        case .bigInteger(let d): return Numeric.integer(-d)
        case .decimal(let d): return Numeric.decimal(-d)
        case .float(let f): return Numeric.float(-f)
        case .double(let f): return Numeric.double(-f)
        }
    }

    /// `a IN (…)` / `a NOT IN (…)` (§17.4.1.9): an error if no item is equal and some comparison was an error.
    private func inList(_ a: Expr, _ list: [Expr], negated: Bool, _ row: Row, _ scope: GraphScope) throws -> Term? {
        guard let x = try value(a, row, scope) else { return nil }
        var error = false
        for item in list {
            guard let y = try value(item, row, scope), let eq = Values.equals(x, y) else { error = true; continue }
            if eq { return Values.bool(!negated) }
        }
        return error ? nil : Values.bool(negated)
    }

    /// EXISTS / NOT EXISTS, evaluated with the solution as seed (inside `GRAPH ?g`, in ?g's graph).
    private func exists(_ pattern: Algebra, negated: Bool, _ row: Row, _ scope: GraphScope) throws -> Term? {
        var s = row
        var sc = scope
        if case .namedVariable(let slot) = scope, let g = row[slot], let id = try store.id(of: g) { sc = .named(id); s[slot] = g }
        let found = try hasSolution(pattern, seed: s, scope: sc)
        return Values.bool(found != negated)
    }

    /// A call by IRI: an XSD cast or one of kg's date functions; any other IRI is an error.
    private func functionCall(_ iri: String, _ args: [Expr], _ row: Row, _ scope: GraphScope) throws -> Term? {
        if args.count == 1, iri.hasPrefix(XSD.ns) {
            return Functions.cast(iri, try value(args[0], row, scope))
        }
        if iri.hasPrefix(KG.ns) {
            return Functions.kg(String(iri.dropFirst(KG.ns.count)), try args.map { try value($0, row, scope) })
        }
        return nil
    }

    /// A built-in call: those that need the solution or the query here, the others in `Functions`.
    private func builtinCall(_ name: String, _ args: [Expr], _ row: Row, _ scope: GraphScope) throws -> Term? {
        switch name {
        case "BOUND":
            if case .variable(let v) = args[0] { return Values.bool(slots[v].flatMap { row[$0] } != nil) }
            return nil
        case "IF":
            guard let c = try ebv(args[0], row, scope) else { return nil }
            return try value(args[c ? 1 : 2], row, scope)
        case "COALESCE":
            for a in args { if let v = try value(a, row, scope) { return v } }
            return nil
        case "BNODE": return try bnode(args, row, scope)
        case "RAND": return Numeric.double(Double.random(in: 0..<1)).term
        case "NOW": return now
        case "UUID": return .iri("urn:uuid:" + UUID().uuidString.lowercased())
        case "STRUUID": return .string(UUID().uuidString.lowercased())
        case "REGEX", "REPLACE":
            // matched here, under the query's deadline (Functions.regex… stops a match that runs past it)
            let values = try args.map { try value($0, row, scope) }
            return try Functions.callRegex(name, values, deadline: deadline)
        default:
            let values = try args.map { try value($0, row, scope) }
            return Functions.call(name, values, base: base)
        }
    }

    /// `BNODE()`: a fresh blank node; `BNODE(s)`: the same blank node for the same string within a solution.
    private func bnode(_ args: [Expr], _ row: Row, _ scope: GraphScope) throws -> Term? {
        if args.isEmpty { return .blank(freshBlank()) }
        guard let s = Functions.simple(try value(args[0], row, scope)) else { return nil }
        if let b = bnodeScope[s] { return .blank(b) }
        let b = freshBlank()
        bnodeScope[s] = b
        return .blank(b)
    }

    func freshBlank() -> String {
        bnodeCounter += 1
        return bnodePrefix + String(bnodeCounter)
    }
}
