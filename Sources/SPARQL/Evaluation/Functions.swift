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

    /// The built-ins on evaluated arguments, by family: one line each, or a function of their own.
    static func call(_ name: String, _ args: [Term?], base: String?) -> Term? {
        let a0 = args.first ?? nil
        switch name {
        // terms (§17.4.2; sameTerm §17.4.1.8)
        case "STR": return str(a0)
        case "LANG":
            guard case .literal(let l)? = a0 else { return nil }
            return .string(l.language ?? "")
        case "DATATYPE":
            guard case .literal(let l)? = a0 else { return nil }
            return .iri(l.language != nil ? RDFNS.langString : l.datatype)
        case "IRI": return iri(a0, base: base)
        case "ISIRI": return a0.map { Values.bool($0.isIRI) }
        case "ISBLANK": return a0.map { Values.bool($0.isBlank) }
        case "ISLITERAL": return a0.map { Values.bool($0.isLiteral) }
        case "ISNUMERIC": return a0.map { Values.bool(Values.numeric($0) != nil) }
        case "SAMETERM":
            guard let a = a0, let b = args[1] else { return nil }
            return Values.bool(a == b)
        case "STRDT":
            guard let lex = simple(a0), case .iri(let dt)? = args[1] else { return nil }
            return .typed(lex, dt)
        case "STRLANG":
            guard let lex = simple(a0), let tag = simple(args[1]), !tag.isEmpty else { return nil }
            return .lang(lex, tag)
        // strings (§17.4.3)
        case "STRLEN":
            return string(a0).map { .typed(String($0.lexical.unicodeScalars.count), XSD.integer) }
        case "UCASE": return string(a0).map { result($0.lexical.uppercased(), like: $0) }
        case "LCASE": return string(a0).map { result($0.lexical.lowercased(), like: $0) }
        case "ENCODE_FOR_URI": return string(a0).map { .string(encodeForURI($0.lexical)) }
        case "CONCAT": return concat(args)
        case "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER":
            guard let a = string(a0), let b = string(args[1]), compatible(a, b) else { return nil }
            return stringPair(name, a, b)
        case "SUBSTR": return substr(args)
        case "LANGMATCHES": return langMatches(a0, args[1])
        // numbers (§17.4.4)
        case "ABS", "CEIL", "FLOOR", "ROUND":
            if let l = a0?.literalValue, l.datatype == XSD.decimal || l.datatype == XSD.integer,
               let exact = roundDigits(name, l.lexical) {
                return .typed(exact, l.datatype)  // more digits than a Decimal keeps: done on the digits
            }
            guard let n = a0.flatMap(Values.numeric) else { return nil }
            return round(name, n).term
        // hashes (§17.4.6)
        case "MD5", "SHA1", "SHA256", "SHA384", "SHA512":
            guard let s = simple(a0) else { return nil }
            return .string(hash(name, Data(s.utf8)))
        // dates and times (§17.4.5)
        case "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ":
            guard let a0, let d = DateTimeValue(a0) else { return nil }
            return dateTimeField(name, d)
        default: return nil
        }
    }

    // MARK: Term functions

    /// STR: an IRI's text or a literal's lexical form.
    static func str(_ t: Term?) -> Term? {
        switch t {
        case .iri(let v)?: return .string(v)
        case .literal(let l)?: return .string(l.lexical)
        default: return nil
        }
    }

    /// IRI: an IRI as it is, or a simple literal resolved against the query's base.
    static func iri(_ t: Term?, base: String?) -> Term? {
        switch t {
        case .iri?: return t
        case .literal(let l)? where l.language == nil && l.datatype == XSD.string:
            return .iri(IRIResolution.resolve(l.lexical, against: base))
        default: return nil
        }
    }

    // MARK: String functions

    /// ENCODE_FOR_URI: every UTF-8 byte but the unreserved characters percent-encoded.
    static func encodeForURI(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80, c.isLetter || c.isNumber || "-_.~".contains(c) { out.append(c) }
            else { out += String(format: "%%%02X", b) }
        }
        return out
    }

    /// CONCAT: the language tag kept only if every argument has that same tag.
    static func concat(_ args: [Term?]) -> Term? {
        var out = ""
        var lang: String?? = .none
        for a in args {
            guard let l = string(a) else { return nil }
            out += l.lexical
            if case .none = lang { lang = .some(l.language) } else if lang! != l.language { lang = .some(nil) }
        }
        if case .some(.some(let tag)) = lang { return .lang(out, tag) }
        return .string(out)
    }

    /// CONTAINS, STRSTARTS, STRENDS, STRBEFORE, STRAFTER on two compatible string arguments.
    static func stringPair(_ name: String, _ a: Literal, _ b: Literal) -> Term? {
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
    }

    /// SUBSTR(s, start[, length]): positions count from 1 and are rounded as XPath's fn:substring does.
    static func substr(_ args: [Term?]) -> Term? {
        guard let l = string(args[0]), let start = args[1].flatMap(Values.numeric)?.doubleValue else { return nil }
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
    }

    /// LANGMATCHES: a language tag against a basic range (`*` matches any non-empty tag).
    static func langMatches(_ tag: Term?, _ range: Term?) -> Term? {
        guard let tag = simple(tag), let range = simple(range) else { return nil }
        if range == "*" { return Values.bool(!tag.isEmpty) }
        let t = tag.lowercased(), r = range.lowercased()
        return Values.bool(t == r || t.hasPrefix(r + "-"))
    }

    // MARK: Date, numeric and hash functions

    /// YEAR, MONTH, DAY, HOURS, MINUTES, SECONDS, TIMEZONE, TZ of a date or dateTime.
    static func dateTimeField(_ name: String, _ d: DateTimeValue) -> Term? {
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
    }

    /// ABS, CEIL, FLOOR, ROUND (halves up), keeping the argument's numeric type.
    /// ABS, CEIL, FLOOR or ROUND (half toward positive infinity, as fn:round) of a decimal or integer
    /// lexical form with more than 38 significant digits (what Foundation's Decimal keeps), worked on its
    /// digits; nil for a shorter or malformed one (the numeric path handles it).
    static func roundDigits(_ name: String, _ lexical: String) -> String? {
        var text = Substring(lexical.trimmingCharacters(in: .whitespaces))
        let negative = text.first == "-"
        if text.first == "-" || text.first == "+" { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0].drop { $0 == "0" }, fraction = parts.count > 1 ? parts[1] : ""
        guard parts[0].allSatisfy(\.isASCII) && parts[0].allSatisfy(\.isNumber), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
              !(parts[0].isEmpty && fraction.isEmpty), whole.count + fraction.count > 38 else { return nil }
        let point = lexical.contains(".")
        func written(_ digits: String, _ frac: Substring, minus: Bool) -> String {
            let zero = digits.allSatisfy { $0 == "0" } && frac.allSatisfy { $0 == "0" }
            return (minus && !zero ? "-" : "") + digits + (point ? "." + (frac.isEmpty ? "0" : String(frac)) : "")
        }
        let digits = whole.isEmpty ? "0" : String(whole)
        if name == "ABS" { return written(digits, fraction, minus: false) }
        let rest = fraction.drop { $0 == "0" }
        let up: Bool  // away from zero
        switch name {
        case "CEIL": up = !negative && !rest.isEmpty
        case "FLOOR": up = negative && !rest.isEmpty
        default:  // ROUND: .5 rounds up for a positive number, toward zero for a negative one
            let first = fraction.first ?? "0"
            up = first > "5" || (first == "5" && (!negative || fraction.dropFirst().contains { $0 != "0" }))
        }
        var result = Array(digits)
        if up {
            var i = result.count - 1
            while i >= 0 && result[i] == "9" { result[i] = "0"; i -= 1 }
            if i >= 0 { result[i] = Character(String(result[i].wholeNumberValue! + 1)) } else { result.insert("1", at: 0) }
        }
        return written(String(result), "", minus: negative)
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

    /// MD5, SHA1, SHA256, SHA384, SHA512 of the bytes, in lower-case hex.
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

    // MARK: kg's date functions

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

    // MARK: Casts

    /// `xsd:T(x)` (§17.5).
    static func cast(_ dt: String, _ t: Term?) -> Term? {
        guard let t else { return nil }
        if dt == XSD.string { return castToString(t) }
        guard let x = CastArgument(t) else { return nil }
        switch dt {
        case XSD.boolean: return castToBoolean(x)
        case XSD.integer, XSD.decimal: return castToIntegerOrDecimal(dt, x)
        case XSD.double, XSD.float: return castToFloatingPoint(dt, x)
        case XSD.dateTime: return castToDateTime(x)
        case XSD.date: return castToDate(x)
        default: return nil
        }
    }

    /// The literal argument of a cast to anything but xsd:string, with its value as a number or a boolean.
    private struct CastArgument {
        let datatype: String
        let isString: Bool
        /// The lexical form without surrounding spaces and tabs.
        let lexical: String
        let numeric: Numeric?
        let boolean: Bool?

        /// nil (an error) for an IRI, a blank node, a language-tagged literal, or an ill-formed boolean or number.
        init?(_ t: Term) {
            guard case .literal(let l) = t, l.language == nil else { return nil }
            datatype = l.datatype
            isString = l.datatype == XSD.string
            lexical = l.lexical.trimmingCharacters(in: .whitespaces)
            numeric = Values.numeric(t)
            boolean = l.datatype == XSD.boolean ? Values.boolean(t) : nil
            if l.datatype == XSD.boolean, boolean == nil { return nil }
            if Values.isNumericType(l.datatype), numeric == nil { return nil }
        }
    }

    /// `xsd:string(x)`: an IRI's text, a number or boolean in its canonical form, any other literal's lexical form.
    private static func castToString(_ t: Term) -> Term? {
        switch t {
        case .iri(let v): return .string(v)
        case .literal(let l):
            if let n = Values.numeric(t) { return .string(lexical(of: n, datatype: l.datatype)) }
            if l.datatype == XSD.boolean, let b = Values.boolean(t) { return .string(b ? "true" : "false") }
            return .string(l.lexical)
        default: return nil
        }
    }

    /// `xsd:boolean(x)`: a number is true unless zero or NaN; a string must be true, false, 1 or 0.
    private static func castToBoolean(_ x: CastArgument) -> Term? {
        if let boolean = x.boolean { return Values.bool(boolean) }
        if let num = x.numeric {
            let d = num.doubleValue
            return Values.bool(!(d == 0 || d.isNaN))
        }
        if x.isString {
            switch x.lexical { case "true", "1": return Values.bool(true); case "false", "0": return Values.bool(false); default: return nil }
        }
        return nil
    }

    /// `xsd:integer(x)` and `xsd:decimal(x)`; an integer cast truncates toward zero.
    private static func castToIntegerOrDecimal(_ dt: String, _ x: CastArgument) -> Term? {
        guard let n = exactNumber(dt, x) else { return nil }
        guard dt == XSD.integer else { return Numeric.decimal(n.decimalValue).term }
        switch n {
        case .integer(let i): return .typed(String(i), XSD.integer)
        default:
            var v = n.decimalValue, r = Decimal()
            NSDecimalRound(&r, &v, 0, v < 0 ? .up : .down)
            var s = r.description
            if let dot = s.firstIndex(of: ".") { s = String(s[..<dot]) }
            return .typed(s, XSD.integer)
        }
    }

    /// The value an integer or decimal cast starts from: a boolean as 1 or 0, a float or double as a
    /// decimal (truncated for an integer cast), a string that must be a valid literal of `dt`.
    private static func exactNumber(_ dt: String, _ x: CastArgument) -> Numeric? {
        if let boolean = x.boolean { return .integer(boolean ? 1 : 0) }
        if let num = x.numeric {
            switch num {
            case .float(let f), .double(let f):
                guard f.isFinite else { return nil }
                let n: Numeric = dt == XSD.integer ? .decimal(Decimal(f.rounded(.towardZero))) : .decimal(Decimal(f))
                // (1e300 is past Decimal's range: no value, an error rather than "NaN"^^xsd:integer)
                return n.decimalValue.isNaN ? nil : n
            default: return num
            }
        }
        guard x.isString else { return nil }
        if dt == XSD.integer {
            guard Values.isValidInteger(x.lexical) else { return nil }
            return Values.numeric(.typed(x.lexical, XSD.integer))
        }
        guard Values.isValidDecimal(x.lexical) else { return nil }
        return Values.numeric(.typed(x.lexical, XSD.decimal))
    }

    /// `xsd:double(x)` and `xsd:float(x)` (a float rounded to single precision).
    private static func castToFloatingPoint(_ dt: String, _ x: CastArgument) -> Term? {
        var d: Double?
        if let boolean = x.boolean { d = boolean ? 1 : 0 }
        else if let num = x.numeric { d = num.doubleValue }
        else if x.isString { d = Values.parseDouble(x.lexical) }
        guard let d else { return nil }
        return dt == XSD.float ? Numeric.float(Double(Float(d))).term : Numeric.double(d).term
    }

    /// `xsd:dateTime(x)`: a valid dateTime or string as it is, a date at midnight.
    private static func castToDateTime(_ x: CastArgument) -> Term? {
        if x.datatype == XSD.dateTime || x.isString {
            return DateTimeValue(dateTime: x.lexical) != nil ? .typed(x.lexical, XSD.dateTime) : nil
        }
        if x.datatype == XSD.date, let d = DateTimeValue(date: x.lexical) {
            return .typed(String(format: "%04d-%02d-%02dT00:00:00", d.year, d.month, d.day) + d.tzText, XSD.dateTime)
        }
        return nil
    }

    /// `xsd:date(x)`: a valid date or string as it is, a dateTime's date.
    private static func castToDate(_ x: CastArgument) -> Term? {
        if x.datatype == XSD.date || x.isString { return DateTimeValue(date: x.lexical) != nil ? .typed(x.lexical, XSD.date) : nil }
        if x.datatype == XSD.dateTime, let d = DateTimeValue(dateTime: x.lexical) {
            return .typed(String(format: "%04d-%02d-%02d", d.year, d.month, d.day) + d.tzText, XSD.date)
        }
        return nil
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
