import Crypto
import Foundation
import RDF

/// Built-in functions on already evaluated arguments (§17.4). Functions that need the solution or the
/// query (BOUND, IF, COALESCE, EXISTS, BNODE, RAND, NOW, UUID) live in `Expressions.swift`.
/// Every function returns nil for an error.
enum Functions {
    /// A string literal argument: simple, xsd:string or language-tagged.
    static func string(_ t: Term?) -> Literal? {
        guard case .literal(let l)? = t, l.language != nil || l.datatype == XSD.string else { return nil }
        return l
    }
    static func simple(_ t: Term?) -> String? {
        guard case .literal(let l)? = t, l.language == nil, l.datatype == XSD.string else { return nil }
        return l.lexical
    }
    /// A result string carrying the language tag of `like`.
    static func result(_ s: String, like l: Literal) -> Term {
        l.language.map { .lang(s, $0) } ?? .string(s)
    }
    /// Argument compatibility for the two-string functions (§17.4.3.1.1).
    static func compatible(_ a: Literal, _ b: Literal) -> Bool {
        b.language == nil || a.language?.lowercased() == b.language?.lowercased()
    }

    static func call(_ name: String, _ args: [Term?], base: String?) -> Term? {
        let a0 = args.first ?? nil
        switch name {
        case "STR":
            switch a0 {
            case .iri(let v)?: return .string(v)
            case .literal(let l)?: return .string(l.lexical)
            default: return nil
            }
        case "LANG":
            guard case .literal(let l)? = a0 else { return nil }
            return .string(l.language ?? "")
        case "DATATYPE":
            guard case .literal(let l)? = a0 else { return nil }
            return .iri(l.language != nil ? RDFNS.langString : l.datatype)
        case "LANGMATCHES":
            guard let tag = simple(a0), let range = simple(args[1]) else { return nil }
            if range == "*" { return Values.bool(!tag.isEmpty) }
            let t = tag.lowercased(), r = range.lowercased()
            return Values.bool(t == r || t.hasPrefix(r + "-"))
        case "IRI":
            switch a0 {
            case .iri?: return a0
            case .literal(let l)? where l.language == nil && l.datatype == XSD.string:
                return .iri(IRIResolution.resolve(l.lexical, against: base))
            default: return nil
            }
        case "ISIRI": return a0.map { Values.bool($0.isIRI) }
        case "ISBLANK": return a0.map { Values.bool($0.isBlank) }
        case "ISLITERAL": return a0.map { Values.bool($0.isLiteral) }
        case "ISNUMERIC": return a0.map { Values.bool(Values.numeric($0) != nil) }
        case "SAMETERM":
            guard let a = a0, let b = args[1] else { return nil }
            return Values.bool(a == b)
        case "STRLEN":
            return string(a0).map { .typed(String($0.lexical.unicodeScalars.count), XSD.integer) }
        case "UCASE": return string(a0).map { result($0.lexical.uppercased(), like: $0) }
        case "LCASE": return string(a0).map { result($0.lexical.lowercased(), like: $0) }
        case "ENCODE_FOR_URI":
            guard let l = string(a0) else { return nil }
            var out = ""
            for b in l.lexical.utf8 {
                let c = Character(Unicode.Scalar(b))
                if b < 0x80, c.isLetter || c.isNumber || "-_.~".contains(c) { out.append(c) }
                else { out += String(format: "%%%02X", b) }
            }
            return .string(out)
        case "CONCAT":
            var out = ""
            var lang: String?? = .none
            for a in args {
                guard let l = string(a) else { return nil }
                out += l.lexical
                if case .none = lang { lang = .some(l.language) } else if lang! != l.language { lang = .some(nil) }
            }
            if case .some(.some(let tag)) = lang { return .lang(out, tag) }
            return .string(out)
        case "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER":
            guard let a = string(a0), let b = string(args[1]), compatible(a, b) else { return nil }
            let (x, y) = (a.lexical, b.lexical)
            switch name {
            case "CONTAINS": return Values.bool(y.isEmpty || x.contains(y))
            case "STRSTARTS": return Values.bool(x.hasPrefix(y))
            case "STRENDS": return Values.bool(x.hasSuffix(y))
            case "STRBEFORE":
                if y.isEmpty { return result("", like: a) }
                guard let r = x.range(of: y) else { return .string("") }
                return result(String(x[..<r.lowerBound]), like: a)
            default:
                if y.isEmpty { return result(x, like: a) }
                guard let r = x.range(of: y) else { return .string("") }
                return result(String(x[r.upperBound...]), like: a)
            }
        case "SUBSTR":
            guard let l = string(a0), let start = args[1].flatMap(Values.numeric)?.doubleValue else { return nil }
            var len: Double?
            if args.count > 2 { guard let n = args[2].flatMap(Values.numeric)?.doubleValue else { return nil }; len = n }
            let s = start.rounded(.toNearestOrAwayFromZero)
            let from = s.isNaN ? Double.infinity : s
            let to = len.map { from + $0.rounded(.toNearestOrAwayFromZero) } ?? .infinity
            var out = String.UnicodeScalarView()
            for (i, c) in l.lexical.unicodeScalars.enumerated() {
                let p = Double(i + 1)
                if p >= from && p < to { out.append(c) }
            }
            return result(String(out), like: l)
        case "ABS", "CEIL", "FLOOR", "ROUND":
            guard let n = a0.flatMap(Values.numeric) else { return nil }
            return round(name, n).term
        case "STRDT":
            guard let lex = simple(a0), case .iri(let dt)? = args[1] else { return nil }
            return .typed(lex, dt)
        case "STRLANG":
            guard let lex = simple(a0), let tag = simple(args[1]), !tag.isEmpty else { return nil }
            return .lang(lex, tag)
        case "MD5", "SHA1", "SHA256", "SHA384", "SHA512":
            guard let s = simple(a0) else { return nil }
            return .string(hash(name, Data(s.utf8)))
        case "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ":
            guard let a0, let d = DateTimeValue(a0) else { return nil }
            switch name {
            case "YEAR": return .typed(String(d.year), XSD.integer)
            case "MONTH": return .typed(String(d.month), XSD.integer)
            case "DAY": return .typed(String(d.day), XSD.integer)
            case "HOURS": return .typed(String(d.hour), XSD.integer)
            case "MINUTES": return .typed(String(d.minute), XSD.integer)
            case "SECONDS": return Numeric.decimal(d.second).term
            case "TIMEZONE": return d.timezoneDuration
            default: return .string(d.tzText)
            }
        default: return nil
        }
    }

    static func round(_ name: String, _ n: Numeric) -> Numeric {
        switch n {
        case .integer(let i):
            guard name == "ABS" else { return .integer(i) }
            return i == Int.min ? .bigInteger(-Decimal(i)) : .integer(abs(i))   // |Int.min| does not fit
        case .bigInteger(let d):
            return name == "ABS" && d < 0 ? .bigInteger(-d) : .bigInteger(d)
        case .decimal(let d):
            var x = d, r = Decimal()
            switch name {
            case "ABS": return .decimal(d < 0 ? -d : d)
            case "CEIL": NSDecimalRound(&r, &x, 0, .up)
            case "FLOOR": NSDecimalRound(&r, &x, 0, .down)
            default: x += Decimal(string: "0.5")!; NSDecimalRound(&r, &x, 0, .down)
            }
            return .decimal(r)
        case .float(let f), .double(let f):
            let v: Double
            switch name {
            case "ABS": v = abs(f)
            case "CEIL": v = f.rounded(.up)
            case "FLOOR": v = f.rounded(.down)
            default: v = (f + 0.5).rounded(.down)
            }
            if case .float = n { return .float(v) }
            return .double(v)
        }
    }

    static func hash(_ name: String, _ d: Data) -> String {
        func hex<S: Sequence>(_ s: S) -> String where S.Element == UInt8 { s.map { String(format: "%02x", $0) }.joined() }
        switch name {
        case "MD5": return hex(Insecure.MD5.hash(data: d))
        case "SHA1": return hex(Insecure.SHA1.hash(data: d))
        case "SHA256": return hex(SHA256.hash(data: d))
        case "SHA384": return hex(SHA384.hash(data: d))
        default: return hex(SHA512.hash(data: d))
        }
    }

    /// Progress reports ICU's matcher may send for one call (about 3 s of backtracking): past it the
    /// pattern is "too complex to match". ICU itself gives up on such patterns after about 50,000 and
    /// answers "no match", which is wrong; a match over a megabyte of text reports a few hundred.
    static let regexStepBudget = 20_000

    /// REGEX and REPLACE. ICU's matcher backtracks: a pattern such as `(.*a){20}` can take seconds, and
    /// ICU gives up on some, answering "no match" — a wrong answer. So every match reports its progress:
    /// past `deadline` the query ends with its timeout error, and past `regexStepBudget` with "too complex
    /// to match" — never a silent `false`.
    static func callRegex(_ name: String, _ args: [Term?], deadline: Date?) throws -> Term? {
        let a0 = args.first ?? nil
        guard let l = string(a0), args.count >= 2, let pattern = simple(args[1]) else { return nil }
        let flagIndex = name == "REGEX" ? 2 : 3
        let flags = args.count > flagIndex ? simple(args[flagIndex]) : ""
        guard let flags, let re = regex(pattern, flags) else { return nil }
        let range = NSRange(location: 0, length: (l.lexical as NSString).length)
        var matches: [NSTextCheckingResult] = []
        var timedOut = false, gaveUp = false, steps = 0
        re.enumerateMatches(in: l.lexical, options: [.reportProgress, .reportCompletion], range: range) { m, flags, stop in
            if let m {
                matches.append(m)
                if name == "REGEX" { stop.pointee = true }
                return
            }
            steps += 1
            if steps > regexStepBudget || flags.contains(.internalError) { gaveUp = true; stop.pointee = true }
            if steps & 63 == 0, let deadline, Date() > deadline { timedOut = true; stop.pointee = true }
        }
        if timedOut { throw QueryEngine.timeoutError }
        if gaveUp { throw SPARQLError(.evaluation, "the regular expression \(pattern) is too complex to match (it backtracks without end)") }
        if name == "REGEX" { return Values.bool(!matches.isEmpty) }
        guard args.count >= 3, let template = simple(args[2]) else { return nil }
        // the matches found, replaced from the last so the earlier ranges stay valid
        let out = NSMutableString(string: l.lexical)
        for m in matches.reversed() {
            out.replaceCharacters(in: m.range, with: re.replacementString(for: m, in: l.lexical, offset: 0, template: template))
        }
        return result(out as String, like: l)
    }

    nonisolated(unsafe) private static var regexCache: [String: NSRegularExpression] = [:]
    private static let regexLock = NSLock()

    /// XPath regular expression with flags `i s m x q`, compiled once.
    static func regex(_ pattern: String, _ flags: String) -> NSRegularExpression? {
        let key = flags + "\u{0}" + pattern
        regexLock.lock(); defer { regexLock.unlock() }
        if let r = regexCache[key] { return r }
        var options: NSRegularExpression.Options = []
        var p = pattern
        for f in flags {
            switch f {
            case "i": options.insert(.caseInsensitive)
            case "s": options.insert(.dotMatchesLineSeparators)
            case "m": options.insert(.anchorsMatchLines)
            case "x": p = p.filter { !$0.isWhitespace }
            case "q": p = NSRegularExpression.escapedPattern(for: p)
            default: return nil
            }
        }
        guard let re = try? NSRegularExpression(pattern: p, options: options) else { return nil }
        regexCache[key] = re
        return re
    }

    // MARK: Casts

    /// kg's date functions, for facts dated at different precisions (a day, a month, a year):
    /// `kg:start(d)`, `kg:end(d)`: the first and last day d covers, as xsd:date ("2023-11" → 2023-11-01, 2023-11-30);
    /// `kg:overlaps(d, from, to)`: whether d's days meet [from, to]; `kg:overlaps(start, end, from, to)` likewise for a
    /// span. Arguments are xsd:date, xsd:gYearMonth, xsd:gYear or xsd:dateTime literals (or plain strings of those forms).
    static func kg(_ name: String, _ args: [Term?]) -> Term? {
        func date(_ t: Term?) -> PartialDate? {
            guard case .literal(let l)? = t, l.language == nil else { return nil }
            return PartialDate(iso: String(l.lexical.prefix(10)))
        }
        switch (name, args.count) {
        case ("start", 1): return date(args[0]).map { $0.firstDay.literal }
        case ("end", 1): return date(args[0]).map { $0.lastDay.literal }
        case ("overlaps", 3), ("overlaps", 4):
            let spanEnd = args.count == 4 ? args[1] : args[0]
            guard let a = date(args[0]), let b = date(spanEnd), let from = date(args[args.count - 2]), let to = date(args[args.count - 1])
            else { return nil }
            return Values.bool(!(b.lastDay < from.firstDay) && !(to.lastDay < a.firstDay))
        default: return nil
        }
    }

    /// `xsd:T(x)` (§17.5).
    static func cast(_ dt: String, _ t: Term?) -> Term? {
        guard let t else { return nil }
        if dt == XSD.string {
            switch t {
            case .iri(let v): return .string(v)
            case .literal(let l):
                if let n = Values.numeric(t) { return .string(lexical(of: n, datatype: l.datatype)) }
                if l.datatype == XSD.boolean, let b = Values.boolean(t) { return .string(b ? "true" : "false") }
                return .string(l.lexical)
            default: return nil
            }
        }
        guard case .literal(let l) = t, l.language == nil else { return nil }
        let isString = l.datatype == XSD.string
        let lex = l.lexical.trimmingCharacters(in: .whitespaces)
        let num = Values.numeric(t)
        let boolean = l.datatype == XSD.boolean ? Values.boolean(t) : nil
        if l.datatype == XSD.boolean, boolean == nil { return nil }
        if Values.isNumericType(l.datatype), num == nil { return nil }
        switch dt {
        case XSD.boolean:
            if let boolean { return Values.bool(boolean) }
            if let num {
                let d = num.doubleValue
                return Values.bool(!(d == 0 || d.isNaN))
            }
            if isString {
                switch lex { case "true", "1": return Values.bool(true); case "false", "0": return Values.bool(false); default: return nil }
            }
            return nil
        case XSD.integer, XSD.decimal:
            var n: Numeric?
            if let boolean { n = .integer(boolean ? 1 : 0) }
            else if let num {
                switch num {
                case .float(let f), .double(let f):
                    guard f.isFinite else { return nil }
                    n = dt == XSD.integer ? .decimal(Decimal(f.rounded(.towardZero))) : .decimal(Decimal(f))
                    // (1e300 is past Decimal's range: no value, an error rather than "NaN"^^xsd:integer)
                    if n?.decimalValue.isNaN == true { return nil }
                default: n = num
                }
            } else if isString {
                if dt == XSD.integer {
                    guard Values.isValidInteger(lex) else { return nil }
                    n = Values.numeric(.typed(lex, XSD.integer))
                } else {
                    guard Values.isValidDecimal(lex) else { return nil }
                    n = Values.numeric(.typed(lex, XSD.decimal))
                }
            }
            guard let n else { return nil }
            if dt == XSD.integer {
                switch n {
                case .integer(let i): return .typed(String(i), XSD.integer)
                default:
                    var x = n.decimalValue, r = Decimal()
                    NSDecimalRound(&r, &x, 0, x < 0 ? .up : .down)
                    var s = r.description
                    if let dot = s.firstIndex(of: ".") { s = String(s[..<dot]) }
                    return .typed(s, XSD.integer)
                }
            }
            return Numeric.decimal(n.decimalValue).term
        case XSD.double, XSD.float:
            var d: Double?
            if let boolean { d = boolean ? 1 : 0 }
            else if let num { d = num.doubleValue }
            else if isString { d = Values.parseDouble(lex) }
            guard let d else { return nil }
            return dt == XSD.float ? Numeric.float(Double(Float(d))).term : Numeric.double(d).term
        case XSD.dateTime:
            if l.datatype == XSD.dateTime || isString {
                return DateTimeValue(dateTime: lex) != nil ? .typed(lex, XSD.dateTime) : nil
            }
            if l.datatype == XSD.date, let d = DateTimeValue(date: lex) {
                return .typed(String(format: "%04d-%02d-%02dT00:00:00", d.year, d.month, d.day) + d.tzText, XSD.dateTime)
            }
            return nil
        case XSD.date:
            if l.datatype == XSD.date || isString { return DateTimeValue(date: lex) != nil ? .typed(lex, XSD.date) : nil }
            if l.datatype == XSD.dateTime, let d = DateTimeValue(dateTime: lex) {
                return .typed(String(format: "%04d-%02d-%02d", d.year, d.month, d.day) + d.tzText, XSD.date)
            }
            return nil
        default:
            return nil
        }
    }

    static func lexical(of n: Numeric, datatype: String) -> String {
        switch n {
        case .integer(let i): return String(i)
        case .bigInteger(let d): return d.description
        case .decimal(let d):
            let s = d.description
            return datatype == XSD.decimal || s.contains(".") ? (s.contains(".") ? s : s) : s
        case .float(let f), .double(let f):
            if f.isNaN { return "NaN" }
            if f.isInfinite { return f < 0 ? "-INF" : "INF" }
            if f == 0 { return f.sign == .minus ? "-0" : "0" }
            if abs(f) >= 1e-6 && abs(f) < 1e6 {
                // XPath: doubles in this range cast to string through xs:decimal.
                var s = "\(f)"
                if s.hasSuffix(".0") { s.removeLast(2) }
                return s
            }
            return Numeric.format(f)
        }
    }
}
