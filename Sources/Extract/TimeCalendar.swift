import RDF

/// Proleptic Gregorian calendar arithmetic on `PartialDate`, without Foundation: day numbers since
/// 1970-01-01, weekdays, and shifts by days, months and years that keep the input's precision and
/// return nil instead of trapping when the result leaves 1...9999 or the day does not exist.
extension TimeFinder {
    /// Days since 1970-01-01 (proleptic Gregorian); a month or year counts from its first day.
    static func days(_ d: PartialDate) -> Int {
        let y0 = d.year - ((d.month ?? 1) <= 2 ? 1 : 0)
        let m = d.month ?? 1, day = d.day ?? 1
        let era = (y0 >= 0 ? y0 : y0 - 399) / 400
        let yoe = y0 - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The day `z0` days after 1970-01-01; nil outside the years 1...9999.
    static func day(fromDays z0: Int) -> PartialDate? {
        guard (-719_162...2_932_896).contains(z0) else { return nil }
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return PartialDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// Kept for callers of the first version; traps outside the years 1...9999 like it always did.
    static func date(fromDays z0: Int) -> PartialDate { day(fromDays: z0)! }

    /// `d` shifted by `n` days (a day-precision result); the input itself if that leaves 1...9999.
    static func addDays(_ d: PartialDate, _ n: Int) -> PartialDate { shift(d, days: n) ?? d }

    /// `d` shifted by `n` days, at day precision; nil when `d` has no day or the result is out of range.
    static func shift(_ d: PartialDate, days n: Int) -> PartialDate? {
        guard d.day != nil, abs(n) <= 4_000_000 else { return nil }
        return day(fromDays: days(d) + n)
    }

    /// `d` shifted by `n` months at month precision; nil when `d` has no month.
    static func shift(_ d: PartialDate, months n: Int) -> PartialDate? {
        guard let m = d.month, abs(n) <= 120_000 else { return nil }
        let index = d.year * 12 + (m - 1) + n
        guard index >= 0 else { return nil }
        return PartialDate(year: index / 12, month: index % 12 + 1)
    }

    /// `d` shifted by `n` years at year precision.
    static func shift(_ d: PartialDate, years n: Int) -> PartialDate? {
        guard abs(n) <= 10_000 else { return nil }
        return PartialDate(year: d.year + n)
    }

    /// 0 = Sunday.
    static func dayOfWeek(_ d: PartialDate) -> Int { ((days(d) % 7) + 11) % 7 }

    /// The month a Monday–Sunday week is filed under: the month of its Thursday, which holds at least
    /// four of its seven days (the rule ISO 8601 uses to give a week to a year).
    static func monthOfWeek(containing d: PartialDate) -> PartialDate? {
        let monday = (dayOfWeek(d) + 6) % 7
        return shift(d, days: 3 - monday)?.truncated(to: .month)
    }
}
