import Foundation
import RDF

/// An `xsd:dateTime` or `xsd:date` value: its fields, and its timezone offset in minutes when given.
struct DateTimeValue {
    var year: Int, month: Int, day: Int
    var hour = 0, minute = 0
    var second: Decimal = 0
    var secondText = "0"
    var tz: Int?
    var isDate = false

    init?(_ t: Term) {
        guard case .literal(let l) = t else { return nil }
        if l.datatype == XSD.dateTime { self.init(dateTime: l.lexical) }
        else if l.datatype == XSD.date { self.init(date: l.lexical) }
        else { return nil }
    }

    init?(dateTime s: String) {
        year = 0; month = 0; day = 0
        guard let t = s.firstIndex(of: "T") else { return nil }
        guard Self.parseDate(String(s[..<t]), into: &year, &month, &day) else { return nil }
        var rest = String(s[s.index(after: t)...])
        guard let tzv = Self.splitTimezone(&rest) else { return nil }
        tz = tzv.0
        let f = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard f.count == 3, f[0].count == 2, f[1].count == 2, let h = Int(f[0]), let m = Int(f[1]),
              f[2].count >= 2, Values.isValidDecimal(String(f[2])), !f[2].hasPrefix("+"), !f[2].hasPrefix("-"),
              let sec = Decimal(string: String(f[2])) else { return nil }
        guard h <= 24, m < 60, sec < 60, !(h == 24 && (m != 0 || sec != 0)) else { return nil }
        hour = h; minute = m; second = sec; secondText = String(f[2])
    }

    init?(date s: String) {
        var rest = s
        guard let tzv = Self.splitTimezone(&rest) else { return nil }
        tz = tzv.0
        year = 0; month = 0; day = 0
        guard Self.parseDate(rest, into: &year, &month, &day) else { return nil }
        isDate = true
    }

    /// Removes a trailing `Z` or `±hh:mm`; returns the offset (nil inside when absent), nil on a bad zone.
    static func splitTimezone(_ s: inout String) -> (Int?, Void)? {
        if s.hasSuffix("Z") { s.removeLast(); return (0, ()) }
        let scalars = Array(s)
        if scalars.count >= 6, scalars[scalars.count - 3] == ":", "+-".contains(scalars[scalars.count - 6]) {
            let zone = String(scalars[(scalars.count - 5)...])
            let hm = zone.split(separator: ":")
            guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), h <= 14, m < 60 else { return nil }
            let sign = scalars[scalars.count - 6] == "-" ? -1 : 1
            s.removeLast(6)
            return (sign * (h * 60 + m), ())
        }
        return (nil, ())
    }

    static func parseDate(_ s: String, into y: inout Int, _ m: inout Int, _ d: inout Int) -> Bool {
        var body = Substring(s)
        var neg = false
        if body.hasPrefix("-") { neg = true; body = body.dropFirst() }
        let f = body.split(separator: "-", omittingEmptySubsequences: false)
        guard f.count == 3, f[0].count >= 4, f[1].count == 2, f[2].count == 2,
              f.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let yy = Int(f[0]), let mm = Int(f[1]), let dd = Int(f[2]), (1...12).contains(mm), dd >= 1,
              dd <= daysIn(month: mm, year: yy) else { return false }
        y = neg ? -yy : yy; m = mm; d = dd
        return true
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for any year an `Int` holds (the 400-year eras are
    /// counted in `Decimal`: a year of nineteen digits is valid `xsd:dateTime`).
    static func days(_ y: Int, _ m: Int, _ d: Int) -> Decimal {
        let y2 = m <= 2 ? y - 1 : y  // (a parsed year is never Int.min)
        let era = y2 >= 0 ? y2 / 400 : (y2 + 1) / 400 - 1
        let yoe = (y2 % 400 + 400) % 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Decimal(era) * 146097 + Decimal(doe - 719468)
    }

    /// Seconds since the epoch of the local wall time, shifted by `tz` (or by `assume` minutes when absent).
    func instant(assume: Int = 0) -> Decimal {
        // (in Decimal: a year of twelve digits, valid in xsd:dateTime, overflows Int seconds)
        let local = Self.days(year, month, day) * 86400 + Decimal(hour * 3600 + minute * 60) + second
        return local - Decimal((tz ?? assume) * 60)
    }

    /// XSD order: with one side lacking a timezone the result is only defined when ±14 h agree.
    func compare(_ o: DateTimeValue) -> Int? {
        func cmp(_ a: Decimal, _ b: Decimal) -> Int { a < b ? -1 : a == b ? 0 : 1 }
        if (tz == nil) == (o.tz == nil) { return cmp(instant(), o.instant()) }
        if tz == nil {
            let lo = cmp(instant(assume: 14 * 60), o.instant()), hi = cmp(instant(assume: -14 * 60), o.instant())
            return lo == hi ? lo : nil
        }
        let lo = cmp(instant(), o.instant(assume: 14 * 60)), hi = cmp(instant(), o.instant(assume: -14 * 60))
        return lo == hi ? lo : nil
    }

    var timezoneDuration: Term? {
        guard let tz else { return nil }
        if tz == 0 { return .typed("PT0S", XSD.ns + "dayTimeDuration") }
        let a = abs(tz)
        var s = (tz < 0 ? "-" : "") + "PT"
        if a / 60 > 0 { s += "\(a / 60)H" }
        if a % 60 > 0 { s += "\(a % 60)M" }
        return .typed(s, XSD.ns + "dayTimeDuration")
    }

    var tzText: String {
        guard let tz else { return "" }
        if tz == 0 { return "Z" }
        let a = abs(tz)
        return (tz < 0 ? "-" : "+") + String(format: "%02d:%02d", a / 60, a % 60)
    }

    /// The current time, in UTC to the millisecond (`2026-12-07T14:16:13.123Z`), for NOW(). Written
    /// with gmtime_r: an ISO8601DateFormatter made per query took a third of a small query's time.
    static func now() -> Term {
        let seconds = Date().timeIntervalSince1970
        var whole = time_t(seconds.rounded(.down))
        var t = tm()
        gmtime_r(&whole, &t)
        let millis = min(999, Int((seconds - seconds.rounded(.down)) * 1000))
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let millisText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        let text = "\(t.tm_year + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday))T\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec)).\(millisText)Z"
        return .typed(text, XSD.dateTime)
    }
}
