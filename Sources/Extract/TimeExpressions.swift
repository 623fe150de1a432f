import RDF

/// A date or interval found in a sentence, resolved against the publication date.
struct TimeExpression: Sendable {
    var range: Range<Int>
    var date: PartialDate?
    var start: PartialDate?
    var end: PartialDate?
    var phrase: String
}

/// Finds English date expressions: "27 October 2023", "Oct. 27", "October 27, 2023", "February 2021",
/// "in 2009", "on Sunday", "last Sunday", "yesterday", "last week", "late last month", "earlier this month",
/// and the interval markers "until", "since", "from … to …", "between … and …".
/// Relative expressions resolve against `published`: a weekday is the most recent such day on or before
/// it ("last" excludes the day itself), a month or day without a year the most recent one.
enum TimeFinder {
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12,
    ]
    static let weekdays: [String: Int] = [
        "sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    ]

    static func find(_ tokens: [Token], in sentence: Range<Int>, text: String, published: PartialDate?) -> [TimeExpression] {
        var out: [TimeExpression] = []
        var i = sentence.lowerBound
        while i < sentence.upperBound {
            guard let (first, len) = core(tokens, i, sentence.upperBound, published) else { i += 1; continue }
            var lower = i, upper = i + len
            var e = TimeExpression(range: i..<upper, date: first, phrase: "")
            let before = i > sentence.lowerBound ? tokens[i - 1].key : ""
            switch before {
            case "until", "till", "before":
                if before != "before" { e = TimeExpression(range: i..<upper, end: first, phrase: ""); lower = i - 1 }
            case "since", "after":
                if before == "since" { e = TimeExpression(range: i..<upper, start: first, phrase: ""); lower = i - 1 }
            case "from", "between":
                if upper < sentence.upperBound, ["to", "until", "and", "till"].contains(tokens[upper].key),
                   let (second, len2) = core(tokens, upper + 1, sentence.upperBound, published) {
                    var startDate = first
                    // "from November to January": the start lies before the end.
                    if startDate > second, startDate.precision == .month, second.year == startDate.year {
                        startDate = PartialDate(year: startDate.year - 1, month: startDate.month)!
                    }
                    e = TimeExpression(range: i..<(upper + 1 + len2), start: startDate, end: second, phrase: "")
                    upper = upper + 1 + len2
                }
                lower = i - 1
            default: break
            }
            e.range = lower..<upper
            e.phrase = String(decoding: Array(text.utf8)[tokens[lower].start..<tokens[upper - 1].end], as: UTF8.self)
            out.append(e)
            i = upper
        }
        return out
    }

    /// A single date at `i`: (date, token count).
    static func core(_ t: [Token], _ i: Int, _ end: Int, _ pub: PartialDate?) -> (PartialDate, Int)? {
        func tok(_ k: Int) -> Token? { k < end ? t[k] : nil }
        func int(_ k: Int) -> Int? { tok(k).flatMap { $0.kind == .number && !$0.text.contains(",") ? Int($0.text) : nil } }
        func month(_ k: Int) -> Int? {
            guard let x = tok(k), x.isCapitalised, let m = months[x.key] else { return nil }
            if x.key == "may" || x.key == "mar" || x.key == "jan" { return x.text == "May" || x.text.count > 3 ? m : nil }
            return m
        }
        func isYear(_ v: Int?) -> Bool { v.map { (1800...2100).contains($0) } ?? false }
        // skips the full stop of "Oct."
        func afterMonth(_ k: Int) -> Int { tok(k + 1)?.text == "." ? k + 2 : k + 1 }

        // 27 October 2023 / 27 October
        if let d = int(i), (1...31).contains(d), let m = month(i + 1) {
            let n = afterMonth(i + 1)
            if let y = int(n), isYear(y), let pd = PartialDate(year: y, month: m, day: d) { return (pd, n + 1 - i) }
            if let pd = inferYear(month: m, day: d, pub) { return (pd, n - i) }
        }
        if let m = month(i) {
            let n = afterMonth(i)
            // October 27, 2023 / Oct. 27
            if let d = int(n), (1...31).contains(d) {
                if tok(n + 1)?.text == ",", let y = int(n + 2), isYear(y), let pd = PartialDate(year: y, month: m, day: d) {
                    return (pd, n + 3 - i)
                }
                if let y = int(n + 1), isYear(y), let pd = PartialDate(year: y, month: m, day: d) { return (pd, n + 2 - i) }
                if let pd = inferYear(month: m, day: d, pub) { return (pd, n + 1 - i) }
            }
            // February 2021
            if let y = int(n), isYear(y), let pd = PartialDate(year: y, month: m) { return (pd, n + 1 - i) }
            if let pd = inferYear(month: m, day: nil, pub) {
                // "late October", "in October": month precision.
                return (pd, n - i)
            }
        }
        if let y = int(i), isYear(y), t[i].text.count == 4, let pd = PartialDate(year: y) { return (pd, 1) }
        guard let x = tok(i), let pub else { return nil }
        if let w = weekdays[x.key] {
            let last = i > 0 && t[i - 1].key == "last"
            var back = (dayOfWeek(pub) - w + 7) % 7
            if last && back == 0 { back = 7 }
            return pub.precision == .day ? (addDays(pub, -back), 1) : nil
        }
        switch x.key {
        case "yesterday": return pub.precision == .day ? (addDays(pub, -1), 1) : nil
        case "today": return (pub, 1)
        case "last", "this", "earlier", "late", "early":
            var k = i
            if ["earlier", "late", "early"].contains(x.key) { k += 1 }
            guard let a = tok(k), let b = tok(k + 1) else { return nil }
            switch (a.key, b.key) {
            case ("last", "week"):
                let d = pub.precision == .day ? addDays(pub, -7) : pub
                return (d.truncated(to: .month), k + 2 - i)
            case ("last", "month"):
                guard let m = pub.month else { return nil }
                return (m == 1 ? PartialDate(year: pub.year - 1, month: 12)! : PartialDate(year: pub.year, month: m - 1)!, k + 2 - i)
            case ("this", "month"): return pub.month != nil ? (pub.truncated(to: .month), k + 2 - i) : nil
            case ("last", "year"): return (PartialDate(year: pub.year - 1)!, k + 2 - i)
            case ("this", "year"): return (PartialDate(year: pub.year)!, k + 2 - i)
            default: return nil
            }
        default: return nil
        }
    }

    static func inferYear(month: Int, day: Int?, _ pub: PartialDate?) -> PartialDate? {
        guard let pub else { return nil }
        let pm = pub.month ?? 12, pd = pub.day ?? 31
        let later = month > pm || (month == pm && (day ?? 0) > pd)
        return PartialDate(year: later ? pub.year - 1 : pub.year, month: month, day: day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    static func days(_ d: PartialDate) -> Int {
        let y0 = d.year - ((d.month ?? 1) <= 2 ? 1 : 0)
        let m = d.month ?? 1, day = d.day ?? 1
        let era = (y0 >= 0 ? y0 : y0 - 399) / 400
        let yoe = y0 - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func date(fromDays z0: Int) -> PartialDate {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return PartialDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    static func addDays(_ d: PartialDate, _ n: Int) -> PartialDate { date(fromDays: days(d) + n) }
    /// 0 = Sunday.
    static func dayOfWeek(_ d: PartialDate) -> Int { ((days(d) % 7) + 11) % 7 }
}
