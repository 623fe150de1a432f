import Foundation
import RDF

/// Publication dates as news writes them: `2024-01-06`, ISO date-times, `January 6, 2024`,
/// `6 January 2024`, `Jan. 6, 2024`, `Sat, 06 Jan 2024 10:00:00 GMT`, `January 2024`, `2024/01/06`.
enum DateText {
    static func parse(_ raw: String) -> PartialDate? {
        let text = TextUtil.trimmed(raw)
        guard !text.isEmpty, text.utf8.count < 200 else { return nil }
        if let d = isoFast(text) { return d }
        if let d = PartialDate(iso: text) { return d }
        if let d = slashed(text) { return d }
        return worded(text)
    }

    /// `YYYY-MM-DD`, alone or followed by `T` (a date-time), without Foundation.
    private static func isoFast(_ text: String) -> PartialDate? {
        let u = Array(text.utf8.prefix(11))
        guard u.count >= 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              u.count == 10 || u[10] == UInt8(ascii: "T") else { return nil }
        var v = [0, 0, 0]
        for (k, r) in [0..<4, 5..<7, 8..<10].enumerated() {
            for i in r { guard isDigit(u[i]) else { return nil }; v[k] = v[k] * 10 + Int(u[i] - 48) }
        }
        return PartialDate(year: v[0], month: v[1], day: v[2])
    }

    /// `2024/01/06` and `2024.01.06` (year first only: `01/06/2024` is ambiguous).
    private static func slashed(_ text: String) -> PartialDate? {
        let datePart = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text
        guard datePart.utf8.count == 10, let sep = datePart.utf8.dropFirst(4).first, sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".")
        else { return nil }
        return PartialDate(iso: datePart.replacingOccurrences(of: String(UnicodeScalar(sep)), with: "-"))
    }

    private enum Token: Equatable { case word(String), number(Int, digits: Int), time }

    private static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if isDigit(b) {
                var j = i, value = 0
                while j < bytes.count, isDigit(bytes[j]) { value = value &* 10 &+ Int(bytes[j] - 48); j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: ":") { out.append(.time); return out }
                // Ordinal suffix: 6th, 1st, 2nd, 3rd.
                var k = j
                while k < bytes.count, isLetter(bytes[k]) { k += 1 }
                let suffix = String(decoding: bytes[j..<k], as: UTF8.self).lowercased()
                guard suffix.isEmpty || ["st", "nd", "rd", "th"].contains(suffix) else { return out + [.word(suffix)] }
                out.append(.number(min(value, 1_000_000), digits: j - i))
                i = k
            } else if isLetter(b) {
                var j = i
                while j < bytes.count, isLetter(bytes[j]) { j += 1 }
                out.append(.word(String(decoding: bytes[i..<j], as: UTF8.self).lowercased()))
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    private static func worded(_ text: String) -> PartialDate? {
        var toks = tokens(text)
        while let first = toks.first, case .word(let w) = first, weekdays.contains(w) { toks.removeFirst() }
        guard toks.count >= 2 else { return nil }
        func month(_ t: Token) -> Int? { if case .word(let w) = t { return months[w] }; return nil }
        func day(_ t: Token) -> Int? { if case .number(let n, let d) = t, d <= 2 { return n }; return nil }
        func year(_ t: Token) -> Int? { if case .number(let n, let d) = t, d == 4 { return n }; return nil }
        // What may follow a complete date: nothing, a time, a weekday-free remainder like "at 10 am".
        func restOK(_ from: Int) -> Bool {
            guard from < toks.count else { return true }
            if toks[from] == .time { return true }
            if case .word(let w) = toks[from], ["at", "um", "à", "t"].contains(w) { return true }
            return false
        }
        if toks.count >= 3, let m = month(toks[0]), let d = day(toks[1]), let y = year(toks[2]), restOK(3) {
            return PartialDate(year: y, month: m, day: d)
        }
        if toks.count >= 3, let d = day(toks[0]), let m = month(toks[1]), let y = year(toks[2]), restOK(3) {
            return PartialDate(year: y, month: m, day: d)
        }
        if let m = month(toks[0]), let y = year(toks[1]), restOK(2) {
            return PartialDate(year: y, month: m)
        }
        return nil
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

    private static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"]
        var m: [String: Int] = [:]
        for (i, n) in names.enumerated() { m[n] = i + 1; m[String(n.prefix(3))] = i + 1 }
        m["sept"] = 9
        return m
    }()

    private static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]
}
