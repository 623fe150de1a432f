import Foundation

/// A calendar date known to a precision of a year, a month or a day ("2009", "2023-11", "2024-01-04").
///
/// News gives dates at all three precisions; kg keeps the precision instead of inventing a day.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Precision: Int, Sendable, Comparable, CaseIterable {
        case year = 1, month = 2, day = 3
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
        public var name: String {
            switch self {
            case .year: "year"
            case .month: "month"
            case .day: "day"
            }
        }
    }

    public let year: Int
    public let month: Int?
    public let day: Int?

    /// Fails for a month outside 1...12 or a day that the month does not have.
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let day {
            guard let month, (1...PartialDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and an ISO 8601 date-time (the date part is kept).
    public init?(iso text: String) {
        // The canonical forms (what the store keeps) by bytes; anything else by the general path.
        let count = text.utf8.count
        if count == 4 || count == 7 || count == 10 {
            var fields = [0, 0, 0], field = 0, ok = true
            for (i, byte) in text.utf8.enumerated() {
                if i == 4 || i == 7 {
                    if byte != UInt8(ascii: "-") { ok = false; break }
                    field += 1
                } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    fields[field] = fields[field] * 10 + Int(byte - UInt8(ascii: "0"))
                } else {
                    ok = false
                    break
                }
            }
            if ok {
                self.init(year: fields[0], month: count > 4 ? fields[1] : nil, day: count > 7 ? fields[2] : nil)
                return
            }
        }
        self.init(general: text)
    }

    /// Any ISO form `init(iso:)` accepts: surrounding spaces, a time part after `T` or a space.
    init?(general text: String) {
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        if let tIndex = t.firstIndex(where: { $0 == "T" || $0 == " " }) { t = t[..<tIndex] }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
              parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]) else { return nil }
        let m = parts.count > 1 ? Int(parts[1]) : nil
        let d = parts.count > 2 ? Int(parts[2]) : nil
        self.init(year: y, month: m, day: d)
    }

    public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

    /// ISO 8601 at its precision: `2009`, `2023-11`, `2024-01-04`.
    public var iso: String {
        var s = pad(year, 4)
        if let month { s += "-" + pad(month, 2) }
        if let day { s += "-" + pad(day, 2) }
        return s
    }

    public var description: String { iso }

    /// The XSD datatype matching the precision (`xsd:gYear`, `xsd:gYearMonth`, `xsd:date`).
    public var xsdDatatype: String {
        switch precision {
        case .year: XSD.gYear
        case .month: XSD.gYearMonth
        case .day: XSD.date
        }
    }

    public var literal: Term { .typed(iso, xsdDatatype) }

    /// The first and last day this date covers ("2023-11": 2023-11-01 and 2023-11-30).
    public var firstDay: PartialDate { PartialDate(year: year, month: month ?? 1, day: day ?? 1)! }
    public var lastDay: PartialDate {
        let m = month ?? 12
        return PartialDate(year: year, month: m, day: day ?? Self.daysIn(month: m, year: year))!
    }

    /// The same date cut to a coarser precision.
    public func truncated(to p: Precision) -> PartialDate {
        switch p {
        case .year: PartialDate(year: year)!
        case .month: PartialDate(year: year, month: month)!
        case .day: self
        }
    }

    /// Orders by the earliest day each date may denote; at equal start, the more precise first.
    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        let ka = (a.year, a.month ?? 0, a.day ?? 0), kb = (b.year, b.month ?? 0, b.day ?? 0)
        if ka != kb { return ka < kb }
        return a.precision > b.precision
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
