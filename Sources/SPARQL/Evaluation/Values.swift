import Foundation
import RDF

/// Value semantics of SPARQL expressions (§17.3, XPath operators): numeric promotion, strings,
/// booleans, dates, comparison and effective boolean value. `nil` stands for an error throughout.
enum Numeric {
    case integer(Int)
    /// An `xsd:integer` that does not fit in an `Int` (up to Decimal's 38 digits): a sum past Int.max
    /// stays an integer, as the XPath numeric tower says.
    case bigInteger(Decimal)
    case decimal(Decimal)
    case float(Double)
    case double(Double)

    var rank: Int {
        switch self { case .integer, .bigInteger: 0; case .decimal: 1; case .float: 2; case .double: 3 }
    }
    var doubleValue: Double {
        switch self {
        case .integer(let i): Double(i)
        case .bigInteger(let d), .decimal(let d): NSDecimalNumber(decimal: d).doubleValue
        case .float(let f), .double(let f): f
        }
    }
    var decimalValue: Decimal {
        switch self {
        case .integer(let i): Decimal(i)
        case .bigInteger(let d), .decimal(let d): d
        case .float(let f), .double(let f): Decimal(f)
        }
    }
    func promoted(to rank: Int) -> Numeric {
        if rank <= self.rank { return self }
        switch rank {
        case 1: return .decimal(decimalValue)
        case 2: return .float(doubleValue)
        default: return .double(doubleValue)
        }
    }

    var term: Term {
        switch self {
        case .integer(let i): return .typed(String(i), XSD.integer)
        case .bigInteger(let d): return .typed(d.description, XSD.integer)
        case .decimal(let d): return .typed(Numeric.format(d), XSD.decimal)
        case .float(let f): return .typed(Numeric.format(f), XSD.float)
        case .double(let f): return .typed(Numeric.format(f), XSD.double)
        }
    }

    /// An integer value: an `Int` when it fits, else a big integer.
    static func integer(_ d: Decimal) -> Numeric {
        if let i = Int(exactly: NSDecimalNumber(decimal: d).int64Value), Decimal(i) == d { return .integer(i) }
        return .bigInteger(d)
    }

    static func format(_ d: Decimal) -> String {
        var s = d.description
        if !s.contains(".") { s += ".0" }
        return s
    }
    static func format(_ f: Double) -> String {
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-INF" : "INF" }
        if f == 0 { return f.sign == .minus ? "-0.0E0" : "0.0E0" }
        // Shortest round-trip digits from `description`, rewritten as XSD canonical d.dddEn.
        let text = "\(abs(f))"
        let parts = text.split(separator: "e")
        let m = String(parts[0])
        var exp = parts.count > 1 ? Int(parts[1].replacingOccurrences(of: "+", with: "")) ?? 0 : 0
        let point = m.firstIndex(of: ".").map { m.distance(from: m.startIndex, to: $0) } ?? m.count
        var digits = Array(m.replacingOccurrences(of: ".", with: ""))
        var lead = 0
        while lead < digits.count - 1, digits[lead] == "0" { lead += 1 }
        digits.removeFirst(lead)
        exp += point - 1 - lead
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let rest = digits.count > 1 ? String(digits[1...]) : "0"
        return (f < 0 ? "-" : "") + String(digits[0]) + "." + rest + "E" + String(exp)
    }
}

enum Values {
    static let integerTypes: Set<String> = Set(["integer", "int", "long", "short", "byte", "nonNegativeInteger",
        "nonPositiveInteger", "positiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte"].map { XSD.ns + $0 })

    static func isNumericType(_ dt: String) -> Bool {
        integerTypes.contains(dt) || dt == XSD.decimal || dt == XSD.double || dt == XSD.float
    }

    static func isValidInteger(_ s: String) -> Bool {
        var u = Substring(s)
        if u.first == "+" || u.first == "-" { u = u.dropFirst() }
        return !u.isEmpty && u.allSatisfy { $0.isASCII && $0.isNumber }
    }
    static func isValidDecimal(_ s: String) -> Bool {
        var u = Substring(s)
        if u.first == "+" || u.first == "-" { u = u.dropFirst() }
        let parts = u.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !u.isEmpty, u != "." else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
    static func parseDouble(_ s: String) -> Double? {
        switch s {
        case "INF", "+INF": return .infinity
        case "-INF": return -.infinity
        case "NaN": return .nan
        default: break
        }
        let lower = s.lowercased()
        guard !s.isEmpty, !lower.contains("inf"), !lower.contains("nan"), !lower.contains("x"),
              s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(s)
    }

    /// The numeric value of a numeric literal with a valid lexical form.
    static func numeric(_ t: Term) -> Numeric? {
        guard case .literal(let l) = t else { return nil }
        let dt = l.datatype
        if integerTypes.contains(dt) {
            guard isValidInteger(l.lexical) else { return nil }
            if let i = Int(l.lexical.hasPrefix("+") ? String(l.lexical.dropFirst()) : l.lexical) { return .integer(i) }
            return Decimal(string: l.lexical).map { .bigInteger($0) }
        }
        if dt == XSD.decimal {
            guard isValidDecimal(l.lexical), let d = Decimal(string: l.lexical.hasPrefix("+") ? String(l.lexical.dropFirst()) : l.lexical) else { return nil }
            return .decimal(d)
        }
        if dt == XSD.double { return parseDouble(l.lexical).map { .double($0) } }
        if dt == XSD.float { return parseDouble(l.lexical).map { .float(Double(Float($0))) } }
        return nil
    }

    static func arithmetic(_ op: String, _ a: Numeric, _ b: Numeric) -> Numeric? {
        let rank = max(a.rank, b.rank, op == "/" ? 1 : 0)
        switch (a.promoted(to: rank), b.promoted(to: rank)) {
        case (.integer(let x), .integer(let y)):
            let r: (Int, Bool)
            switch op {
            case "+": r = x.addingReportingOverflow(y)
            case "-": r = x.subtractingReportingOverflow(y)
            default: r = x.multipliedReportingOverflow(by: y)
            }
            if r.1 { return arithmetic(op, .bigInteger(Decimal(x)), .bigInteger(Decimal(y))) }
            return .integer(r.0)
        case (let x, let y) where rank == 0:
            // an integer past Int's range: Decimal arithmetic, an integer result
            let (dx, dy) = (x.decimalValue, y.decimalValue)
            switch op {
            case "+": return Numeric.integer(dx + dy)
            case "-": return Numeric.integer(dx - dy)
            default: return Numeric.integer(dx * dy)
            }
        case (.decimal(let x), .decimal(let y)):
            switch op {
            case "+": return .decimal(x + y)
            case "-": return .decimal(x - y)
            case "*": return .decimal(x * y)
            default: return y == 0 ? nil : .decimal(x / y)
            }
        case (.float(let x), .float(let y)):
            return .float(Double(Float(apply(op, x, y))))
        case (let x, let y):
            return .double(apply(op, x.doubleValue, y.doubleValue))
        }
    }

    static func apply(_ op: String, _ x: Double, _ y: Double) -> Double {
        switch op { case "+": x + y; case "-": x - y; case "*": x * y; default: x / y }
    }

    static func compareNumeric(_ a: Numeric, _ b: Numeric) -> Int? {
        let rank = max(a.rank, b.rank)
        switch (a.promoted(to: rank), b.promoted(to: rank)) {
        case (.integer(let x), .integer(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.decimal(let x), .decimal(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (let x, let y) where rank == 0:
            let (dx, dy) = (x.decimalValue, y.decimalValue)
            return dx < dy ? -1 : dx == dy ? 0 : 1
        case (let x, let y):
            let (dx, dy) = (x.doubleValue, y.doubleValue)
            if dx.isNaN || dy.isNaN { return nil }
            return dx < dy ? -1 : dx == dy ? 0 : 1
        }
    }

    static func isStringLiteral(_ l: Literal) -> Bool { l.language == nil && l.datatype == XSD.string }

    static func boolean(_ t: Term) -> Bool? {
        guard case .literal(let l) = t, l.datatype == XSD.boolean else { return nil }
        switch l.lexical { case "true", "1": return true; case "false", "0": return false; default: return nil }
    }

    static func bool(_ b: Bool) -> Term { .typed(b ? "true" : "false", XSD.boolean) }

    /// Effective boolean value (§17.2.2).
    static func ebv(_ t: Term) -> Bool? {
        guard case .literal(let l) = t else { return nil }
        if l.datatype == XSD.boolean { return boolean(t) ?? false }
        if isStringLiteral(l) { return !l.lexical.isEmpty }
        if isNumericType(l.datatype) {
            guard let n = numeric(t) else { return false }
            switch n {
            case .integer(let i): return i != 0
            case .bigInteger(let d), .decimal(let d): return !d.isZero
            case .float(let f), .double(let f): return !(f == 0 || f.isNaN)
            }
        }
        return nil
    }

    static func compareStrings(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : 1
    }

    /// `a = b` (§17.4.1.7 RDFterm-equal plus the typed operators); nil is a type error.
    static func equals(_ a: Term, _ b: Term) -> Bool? {
        if let x = numeric(a), let y = numeric(b) { return compareNumeric(x, y).map { $0 == 0 } ?? false }
        guard case .literal(let la) = a, case .literal(let lb) = b else { return a == b }
        if isStringLiteral(la) && isStringLiteral(lb) { return la.lexical == lb.lexical }
        if la.datatype == XSD.boolean && lb.datatype == XSD.boolean, let x = boolean(a), let y = boolean(b) { return x == y }
        if let x = DateTimeValue(a), let y = DateTimeValue(b), x.isDate == y.isDate { return x.compare(y).map { $0 == 0 } }
        if let la = la.language, let lb = lb.language {
            return la.lowercased() == lb.lowercased() && a.literalValue!.lexical == b.literalValue!.lexical
        }
        if a == b { return true }
        // A language-tagged string never equals a literal of another kind.
        if la.language != nil || lb.language != nil { return false }
        let known: (Literal) -> Bool = { l in
            l.language != nil || isStringLiteral(l) || (isNumericType(l.datatype) && numeric(.literal(l)) != nil)
                || (l.datatype == XSD.boolean && boolean(.literal(l)) != nil)
                || ((l.datatype == XSD.dateTime || l.datatype == XSD.date) && DateTimeValue(.literal(l)) != nil)
        }
        if known(la) && known(lb) { return false }
        return nil
    }

    /// `a < b` style comparison: -1, 0, 1, or nil when the operands are not comparable.
    static func compare(_ a: Term, _ b: Term) -> Int? {
        if let x = numeric(a), let y = numeric(b) { return compareNumeric(x, y) }
        guard case .literal(let la) = a, case .literal(let lb) = b else { return nil }
        if isStringLiteral(la) && isStringLiteral(lb) { return compareStrings(la.lexical, lb.lexical) }
        if la.datatype == XSD.boolean && lb.datatype == XSD.boolean, let x = boolean(a), let y = boolean(b) {
            return x == y ? 0 : (!x ? -1 : 1)
        }
        if let x = DateTimeValue(a), let y = DateTimeValue(b), x.isDate == y.isDate { return x.compare(y) }
        return nil
    }

    /// The ORDER BY order (§15.1): unbound < blank nodes < IRIs < literals; literals by value where
    /// comparable, otherwise by lexical form, datatype and language.
    static func orderCompare(_ a: Term?, _ b: Term?) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (.blank(let x)?, .blank(let y)?): return compareStrings(x, y)
        case (.blank?, _): return -1
        case (_, .blank?): return 1
        case (.iri(let x)?, .iri(let y)?): return compareStrings(x, y)
        case (.iri?, _): return -1
        case (_, .iri?): return 1
        case (.literal(let x)?, .literal(let y)?):
            if let c = compare(a!, b!), c != 0 { return c }
            if let c = compare(a!, b!), c == 0, x == y { return 0 }
            // Not comparable by value: by lexical form, then simple literals first, datatype, language.
            let c = compareStrings(x.lexical, y.lexical)
            if c != 0 { return c }
            let sx = isStringLiteral(x) ? 0 : 1, sy = isStringLiteral(y) ? 0 : 1
            if sx != sy { return sx - sy }
            let d = compareStrings(x.datatype, y.datatype)
            if d != 0 { return d }
            return compareStrings(x.language ?? "", y.language ?? "")
        default: return 0
        }
    }
}
