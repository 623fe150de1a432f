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
        case .or(let a, let b):
            let x = try ebv(a, row, scope)
            if x == true { return Values.bool(true) }
            let y = try ebv(b, row, scope)
            if y == true { return Values.bool(true) }
            if x == false && y == false { return Values.bool(false) }
            return nil
        case .and(let a, let b):
            let x = try ebv(a, row, scope)
            if x == false { return Values.bool(false) }
            let y = try ebv(b, row, scope)
            if y == false { return Values.bool(false) }
            if x == true && y == true { return Values.bool(true) }
            return nil
        case .not(let a):
            return try ebv(a, row, scope).map { Values.bool(!$0) }
        case .binary(let op, let a, let b):
            guard let x = try value(a, row, scope), let y = try value(b, row, scope) else { return nil }
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
        case .negate(let a):
            guard let x = try value(a, row, scope), let n = Values.numeric(x) else { return nil }
            switch n {
            // -Int.min does not fit: the value goes on as a big integer, as an overflowing sum does
            case .integer(let i): return (i == Int.min ? Numeric.bigInteger(-Decimal(i)) : Numeric.integer(-i)).term
            case .bigInteger(let d): return Numeric.integer(-d).term
            case .decimal(let d): return Numeric.decimal(-d).term
            case .float(let f): return Numeric.float(-f).term
            case .double(let f): return Numeric.double(-f).term
            }
        case .plus(let a):
            guard let x = try value(a, row, scope), Values.numeric(x) != nil else { return nil }
            return x
        case .inList(let a, let list, let negated):
            guard let x = try value(a, row, scope) else { return nil }
            var error = false
            for item in list {
                guard let y = try value(item, row, scope), let eq = Values.equals(x, y) else { error = true; continue }
                if eq { return Values.bool(!negated) }
            }
            return error ? nil : Values.bool(negated)
        case .exists(let pattern, let negated):
            var s = row
            var sc = scope
            if case .namedVariable(let slot) = scope, let g = row[slot], let id = try store.id(of: g) { sc = .named(id); s[slot] = g }
            let found = try hasSolution(pattern, seed: s, scope: sc)
            return Values.bool(found != negated)
        case .aggregate:
            return nil
        case .function(let iri, let args):
            if args.count == 1, iri.hasPrefix(XSD.ns) {
                return Functions.cast(iri, try value(args[0], row, scope))
            }
            if iri.hasPrefix(KG.ns) {
                return Functions.kg(String(iri.dropFirst(KG.ns.count)), try args.map { try value($0, row, scope) })
            }
            return nil
        case .builtin(let name, let args):
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
            case "BNODE":
                if args.isEmpty { return .blank(freshBlank()) }
                guard let s = Functions.simple(try value(args[0], row, scope)) else { return nil }
                if let b = bnodeScope[s] { return .blank(b) }
                let b = freshBlank()
                bnodeScope[s] = b
                return .blank(b)
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
    }

    func freshBlank() -> String {
        bnodeCounter += 1
        return bnodePrefix + String(bnodeCounter)
    }
}
