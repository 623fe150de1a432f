import RDF

/// Reads one date expression at a token position of a sentence. See `TimeFinder` for the forms and the
/// resolution rules. Every lookup is bounds-checked against the sentence, and nesting ("early late
/// early …") is cut at a fixed depth, so arbitrary token streams cannot trap or recurse deeply.
struct TimeParser {
    /// One resolved date and how many tokens it took.
    struct Point {
        var date: PartialDate
        var len: Int
        /// The year was written or fixed by the text ("2023", "last year"), not inferred from the anchor.
        var explicitYear: Bool
        /// The date it was resolved against: the publication date, or another event's date.
        var anchor: PartialDate?
        /// Counted from another date of the text ("a day earlier"), not from the publication date.
        var eventRelative = false
        /// A bare month read without an anchor (an interval's side): the year is a placeholder that the
        /// other side must replace.
        var yearUnknown = false
    }

    /// A bare month ("November") when no publication date can give its year: only for intervals, whose
    /// other side may ("from November to May 2019").
    func bareMonth(_ i: Int) -> Point? {
        guard let m = month(i), dayOfMonth(afterMonth(i)) == nil, year(afterMonth(i)) == nil,
              let d = PartialDate(year: 2000, month: m) else { return nil }
        return Point(date: d, len: afterMonth(i) - i, explicitYear: false, anchor: nil, yearUnknown: true)
    }

    let t: [Token]
    let lower: Int
    let upper: Int
    let pub: PartialDate?
    /// The last date of an earlier sentence of the article, for "the same day" and "a day earlier".
    let narrative: PartialDate?
    /// The last date found earlier in this sentence.
    var sentenceReference: PartialDate?
    /// The last year written out earlier in this sentence ("in 1971 and 1972, … from November to January").
    var sentenceYear: Int?

    static let maxDepth = 4

    init(tokens: [Token], sentence: Range<Int>, published: PartialDate?, narrative: PartialDate?) {
        t = tokens
        lower = max(0, sentence.lowerBound)
        upper = min(tokens.count, sentence.upperBound)
        pub = published
        self.narrative = narrative
    }

    // MARK: token access

    @inline(__always) func key(_ k: Int) -> String? { k >= lower && k < upper ? t[k].key : nil }

    /// A plain ASCII integer token of at most `digits` digits ("27", "2009"; not "2,000", "1.5", "8pm").
    func integer(_ k: Int, digits: Int = 6) -> Int? {
        guard k >= lower, k < upper, t[k].kind == .number else { return nil }
        let u = t[k].key.utf8
        guard u.count <= digits, u.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(t[k].key)
    }

    /// A day of the month: "27" or "27th", "1st", "2nd", "3rd".
    func dayOfMonth(_ k: Int) -> Int? {
        if let d = integer(k, digits: 2) { return (1...31).contains(d) ? d : nil }
        return ordinal(k)
    }

    func ordinal(_ k: Int) -> Int? {
        guard k >= lower, k < upper, t[k].kind == .number else { return nil }
        let u = Array(t[k].key.utf8)
        guard (3...4).contains(u.count) else { return nil }
        let digits = u.prefix { $0 >= 48 && $0 <= 57 }
        guard !digits.isEmpty, digits.count == u.count - 2 else { return nil }
        let suffix = String(decoding: u.suffix(2), as: UTF8.self)
        let d = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        let expected: String
        switch (d % 100, d % 10) {
        case (11...13, _): expected = "th"
        case (_, 1): expected = "st"
        case (_, 2): expected = "nd"
        case (_, 3): expected = "rd"
        default: expected = "th"
        }
        return suffix == expected && (1...31).contains(d) ? d : nil
    }

    /// A four-digit year 1800...2100 that is not a count ("2000 troops") or a number ("No. 2009").
    func year(_ k: Int) -> Int? {
        guard let y = integer(k, digits: 4), t[k].key.utf8.count == 4, (1800...2100).contains(y) else { return nil }
        if let next = key(k + 1), TimeLexicon.countNouns.contains(next) { return nil }
        if let prev = key(k - 1), prev == "$" || prev == "no" || prev == "#" || prev == "number" { return nil }
        return y
    }

    /// A month name at `k`: full names capitalised, abbreviations capitalised and followed by "." or a number.
    func month(_ k: Int) -> Int? {
        guard let k0 = key(k), let m = TimeLexicon.months[k0], t[k].isCapitalised else { return nil }
        if TimeLexicon.abbreviatedMonths.contains(k0) {
            guard key(k + 1) == "." || t.indices.contains(k + 1) && k + 1 < upper && t[k + 1].kind == .number else { return nil }
        }
        return m
    }

    /// The token after a month name, past the full stop of "Oct.".
    func afterMonth(_ k: Int) -> Int { key(k + 1) == "." && TimeLexicon.abbreviatedMonths.contains(t[k].key) ? k + 2 : k + 1 }

    /// The context says a weekday equal to the publication weekday is the publication day itself:
    /// the sentence says "today", "tonight" or "this morning/afternoon/evening", or the article names
    /// another weekday (`TimeFinder.sameWeekdayFromArticleFrame`). Only computed when such a weekday
    /// occurs, so the article scan is rare.
    func todayContext(weekday w: Int) -> Bool {
        var k = lower
        while k < upper {
            switch t[k].key {
            case "today", "tonight": return true
            case "this": if let n = key(k + 1), TimeLexicon.dayParts.contains(n) { return true }
            default: break
            }
            k += 1
        }
        if datelineIsPublicationDay { return true }
        guard TimeFinder.sameWeekdayFromArticleFrame else { return false }
        for tok in t where tok.kind == .word {
            if let other = TimeLexicon.weekdays[tok.key], other != w { return true }
        }
        return false
    }

    /// Wire copy dated in its dateline on the publication day ("MOSUL, Iraq, June 10 (Reuters) - … on
    /// Tuesday", June 10 being a Tuesday) names that day by its weekday: the dateline's month and day,
    /// within the article's first tokens (after its headline) and before "(" or a dash, are the publication date's.
    var datelineIsPublicationDay: Bool {
        guard let pub, let month = pub.month, let day = pub.day else { return false }
        let head = t.prefix(48)  // (the headline may come first)
        for (n, tok) in head.enumerated() where TimeLexicon.months[tok.key] == month {
            var k = head.startIndex + n + 1
            if k < head.endIndex, head[k].text == "." { k += 1 }
            guard k + 1 < head.endIndex, head[k].kind == .number, Int(head[k].text) == day else { continue }
            if ["(", "-", "\u{2014}", "\u{2013}"].contains(head[k + 1].text) { return true }
        }
        return false
    }

    // MARK: single dates

    /// A single date starting at `i`.
    func core(_ i: Int, depth: Int = 0) -> Point? {
        guard i >= lower, i < upper, depth <= TimeParser.maxDepth else { return nil }
        if t[i].kind == .number { return numeric(i) }
        let k = t[i].key
        if TimeLexicon.months[k] != nil { return monthFirst(i) }
        if let w = TimeLexicon.weekdays[k] { return weekday(i, w, mode: .plain) }
        switch k {
        // "overnight" in a report: the night that ended on its publication morning, dated by its evening
        case "yesterday", "overnight":
            guard let pub, let d = TimeFinder.shift(pub, days: -1) else { return nil }
            return Point(date: d, len: 1, explicitYear: false, anchor: pub)
        case "today", "tonight":
            guard let pub else { return nil }
            return Point(date: pub, len: 1, explicitYear: false, anchor: pub)
        case "last", "this", "next", "coming", "past":
            return deictic(i, depth: depth)
        case "early", "late", "mid", "earlier", "later":
            return qualified(i, depth: depth)
        case "end", "beginning", "start", "middle":
            return partOf(i, from: i, depth: depth)
        case "the":
            return the(i, depth: depth)
        case "that":
            return that(i)
        default:
            if let n = TimeLexicon.numbers[k] { return quantity(i, count: n, unitAt: i + 1) }
            if let s = TimeLexicon.seasons[k] { return season(i, s) }
            return nil
        }
    }

    /// "27 October 2023", "27th of October", ISO "2023-10-27", "2009", "three days ago".
    func numeric(_ i: Int) -> Point? {
        if looksLikeISO(i) { return iso(i) }
        if let d = dayOfMonth(i) {
            var j = i + 1
            if key(j) == "of" { j += 1 }
            if let m = month(j) { return withYear(month: m, day: d, at: afterMonth(j), from: i) }
        }
        if let y = year(i), let d = PartialDate(year: y) {
            return Point(date: d, len: 1, explicitYear: true, anchor: pub)
        }
        if let n = integer(i, digits: 5) { return quantity(i, count: n, unitAt: i + 1) }
        return nil
    }

    /// Tokens of a written day and month at `i` that name no date ("29 February 2023", "30 Feb."), so
    /// that the finder skips them instead of reading the month or year alone; 0 if there is none.
    func impossibleDateLength(_ i: Int) -> Int {
        guard i >= lower, i < upper, t[i].kind == .number, dayOfMonth(i) != nil else { return 0 }
        var j = i + 1
        if key(j) == "of" { j += 1 }
        guard month(j) != nil else { return 0 }
        let n = afterMonth(j)
        if year(n) != nil { return n + 1 - i }
        if key(n) == ",", year(n + 1) != nil { return n + 2 - i }
        return n - i
    }

    /// Four digits, a hyphen and two digits, written without spaces: an ISO date, valid or not.
    func looksLikeISO(_ i: Int) -> Bool {
        key(i + 1) == "-" && !t[i + 1].spaceBefore && t[i].key.utf8.count == 4 && integer(i, digits: 4) != nil
            && integer(i + 2, digits: 2) != nil && t[i + 2].key.utf8.count == 2 && !t[i + 2].spaceBefore
    }

    /// "2023-10-27" or "2023-10" (hyphens written without spaces).
    func iso(_ i: Int) -> Point? {
        guard key(i + 1) == "-", !t[i + 1].spaceBefore, let y = integer(i, digits: 4), t[i].key.utf8.count == 4,
              let m = integer(i + 2, digits: 2), t[i + 2].key.utf8.count == 2, !t[i + 2].spaceBefore else { return nil }
        if key(i + 3) == "-", !t[i + 3].spaceBefore, let d = integer(i + 4, digits: 2), t[i + 4].key.utf8.count == 2,
           !t[i + 4].spaceBefore {
            guard let date = PartialDate(year: y, month: m, day: d) else { return nil }
            return Point(date: date, len: 5, explicitYear: true, anchor: pub)
        }
        guard let date = PartialDate(year: y, month: m) else { return nil }
        return Point(date: date, len: 3, explicitYear: true, anchor: pub)
    }

    /// The year after a month (and day) at `n`: written ("2023", ", 2023", "of 2023"), relative
    /// ("last year", "of this year") or inferred from the publication date (the most recent such date
    /// not after it). nil when the day does not exist in that year (29 February 2023).
    func withYear(month m: Int, day d: Int?, at n: Int, from i: Int) -> Point? {
        if d != nil, key(n) == ",", let y = year(n + 1) {
            return PartialDate(year: y, month: m, day: d).map { Point(date: $0, len: n + 2 - i, explicitYear: true, anchor: pub) }
        }
        if let y = year(n) {
            return PartialDate(year: y, month: m, day: d).map { Point(date: $0, len: n + 1 - i, explicitYear: true, anchor: pub) }
        }
        if key(n) == "of", let y = year(n + 1) {
            return PartialDate(year: y, month: m, day: d).map { Point(date: $0, len: n + 2 - i, explicitYear: true, anchor: pub) }
        }
        var q = n
        if key(q) == "," || key(q) == "of" { q += 1 }
        if let rel = key(q), key(q + 1) == "year", let offset = ["last": -1, "this": 0, "next": 1][rel] {
            guard let pub else { return nil }
            return PartialDate(year: pub.year + offset, month: m, day: d)
                .map { Point(date: $0, len: q + 2 - i, explicitYear: true, anchor: pub) }
        }
        guard let pub, let pm = pub.month else { return nil }
        // "…until November 2015. On 12 November …": the month the story has reached, in its year
        if let story = narrative, story.month == m, story.year < pub.year,
           let date = PartialDate(year: story.year, month: m, day: d) {
            return Point(date: date, len: n - i, explicitYear: false, anchor: pub)
        }
        let later = m > pm || (m == pm && (d ?? 0) > (pub.day ?? 31))
        return PartialDate(year: later ? pub.year - 1 : pub.year, month: m, day: d)
            .map { Point(date: $0, len: n - i, explicitYear: false, anchor: pub) }
    }

    /// "Oct. 27", "October 27th, 2023", "February 2021", "December last year", "in November".
    func monthFirst(_ i: Int) -> Point? {
        guard let m = month(i) else { return nil }
        let n = afterMonth(i)
        if let d = dayOfMonth(n), !(key(n + 1).map { TimeLexicon.countNouns.contains($0) || TimeLexicon.units[$0] != nil } ?? false) {
            return withYear(month: m, day: d, at: n + 1, from: i)
        }
        // A bare "May" or "March" is a month only after a temporal word ("in May", "mid-March").
        if TimeLexicon.ambiguousMonths.contains(t[i].key), year(n) == nil, key(n) != "of", key(n) != "last", key(n) != "this" {
            guard let prev = key(i - 1), TimeLexicon.monthContext.contains(prev) else { return nil }
        }
        return withYear(month: m, day: nil, at: n, from: i)
    }

    enum WeekdayMode { case plain, last, this, next }

    /// A weekday, optionally with its date ("Tuesday, October 31") or part of day ("Sunday night").
    ///
    /// Past-tense news: a plain weekday is the most recent such day BEFORE the publication date; it is
    /// the publication day itself only when the sentence says so ("today", "tonight", "this morning").
    /// "last X" is always strictly before, "this X" may be the publication day, "next X" is after it.
    func weekday(_ i: Int, _ w: Int, mode: WeekdayMode) -> Point? {
        var j = i + 1
        if key(j) == "," { j += 1 }
        if let p = numeric(j) ?? monthFirst(j), p.date.precision == .day {
            return Point(date: p.date, len: j + p.len - i, explicitYear: p.explicitYear, anchor: p.anchor)
        }
        var len = 1
        if let n = key(i + 1), TimeLexicon.dayParts.contains(n) { len = 2 }
        guard let pub, pub.precision == .day else { return nil }
        let dow = TimeFinder.dayOfWeek(pub)
        var offset: Int
        switch mode {
        case .plain:
            offset = -((dow - w + 7) % 7)
            if offset == 0 && !todayContext(weekday: w) { offset = -7 }
        case .last:
            offset = -((dow - w + 7) % 7)
            if offset == 0 { offset = -7 }
        case .this:
            offset = -((dow - w + 7) % 7)
        case .next:
            offset = (w - dow + 7) % 7
            if offset == 0 { offset = 7 }
        }
        guard let d = TimeFinder.shift(pub, days: offset) else { return nil }
        return Point(date: d, len: len, explicitYear: false, anchor: pub)
    }

    /// "last Sunday", "this month", "last week", "last December", "next year", "last night", "last autumn".
    func deictic(_ i: Int, depth: Int) -> Point? {
        let k = t[i].key
        var j = i + 1
        if k == "this", key(j) == "past" { j += 1 }  // "this past Sunday"
        guard let n = key(j) else { return nil }
        let mode: WeekdayMode = switch k {
        case "last", "past": .last
        case "this": j > i + 1 ? .last : .this
        default: .next
        }
        if let w = TimeLexicon.weekdays[n] {
            return weekday(j, w, mode: mode).map { Point(date: $0.date, len: $0.len + j - i, explicitYear: $0.explicitYear, anchor: $0.anchor) }
        }
        guard k != "past", let pub else { return nil }
        if let m = month(j) {
            // "last December": the most recent December before the publication month.
            guard let pm = pub.month else { return nil }
            let y: Int
            switch mode {
            case .last, .plain: y = m < pm ? pub.year : pub.year - 1
            case .this: y = pub.year
            case .next: y = m > pm ? pub.year : pub.year + 1
            }
            return Self.point(PartialDate(year: y, month: m), afterMonth(j) - i, explicit: true, anchor: pub)
        }
        if let s = TimeLexicon.seasons[n] {
            guard let pm = pub.month else { return nil }
            return Self.point(PartialDate(year: Self.seasonYear(s, mode, publishedIn: pm, of: pub.year)), 2, explicit: true, anchor: pub)
        }
        return Self.deicticPeriod(n, k, step: mode == .next ? 1 : (mode == .this ? 0 : -1), pub)
    }

    private static func point(_ d: PartialDate?, _ len: Int = 2, explicit: Bool = false, anchor pub: PartialDate) -> Point? {
        d.map { Point(date: $0, len: len, explicitYear: explicit, anchor: pub) }
    }

    /// The year of "last autumn", "this winter", "next spring" said in month `pm` of `year`.
    private static func seasonYear(_ s: TimeLexicon.Season, _ mode: WeekdayMode, publishedIn pm: Int, of year: Int) -> Int {
        let (first, last) = s.months
        var y: Int
        switch mode {
        case .last, .plain:
            // the most recent such season that has ended
            y = pm > last ? year : year - 1
            if s == .winter { y = pm > 2 ? year : year - 1 }
        case .this:
            y = s == .winter && pm == 12 ? year + 1 : year
        case .next:
            y = s == .winter ? (pm == 12 ? year + 2 : year + 1) : (pm >= first ? year + 1 : year)
        }
        return y
    }

    /// "last week", "this weekend", "next month", "last year", "last night", "this morning" (`k` the first
    /// word, `n` the period, `step` -1, 0 or 1) against the publication date.
    private static func deicticPeriod(_ n: String, _ k: String, step: Int, _ pub: PartialDate) -> Point? {
        func point(_ d: PartialDate?, _ len: Int = 2, explicit: Bool = false) -> Point? {
            Self.point(d, len, explicit: explicit, anchor: pub)
        }
        switch n {
        case "week":
            // The Monday–Sunday week before (after) the publication week, filed under the month of its Thursday.
            guard pub.precision == .day else { return nil }
            if step == 0 { return point(pub.truncated(to: .month)) }
            return point(TimeFinder.shift(pub, days: 7 * step).flatMap { TimeFinder.monthOfWeek(containing: $0) })
        case "weekend":
            guard pub.precision == .day else { return nil }
            let dow = TimeFinder.dayOfWeek(pub)
            var back = (dow - 6 + 7) % 7  // days since the most recent Saturday
            if step < 0, back == 0 { back = 7 }
            let saturday = step > 0 ? TimeFinder.shift(pub, days: (6 - dow + 7) % 7 == 0 ? 7 : (6 - dow + 7) % 7)
                                    : TimeFinder.shift(pub, days: -back)
            return point(saturday?.truncated(to: .month))
        case "month":
            guard pub.month != nil else { return nil }
            return point(TimeFinder.shift(pub.truncated(to: .month), months: step))
        case "year":
            return point(TimeFinder.shift(pub.truncated(to: .year), years: step), explicit: true)
        case "night":
            guard k == "last" else { return nil }
            return point(TimeFinder.shift(pub, days: -1))
        case "morning", "afternoon", "evening":
            guard pub.precision == .day else { return nil }
            if step == 0 { return point(pub) }
            return k == "last" ? point(TimeFinder.shift(pub, days: -1)) : nil
        default:
            return nil
        }
    }

    /// "early January", "mid-December", "late 2023", "late last month", "earlier this month",
    /// "late on Friday", "early in 2024": the qualified date at its own precision.
    func qualified(_ i: Int, depth: Int) -> Point? {
        var j = i + 1
        if key(j) == "-" { j += 1 }
        if key(j) == "on" || key(j) == "in" { j += 1 }
        guard let p = core(j, depth: depth + 1) else { return nil }
        return Point(date: p.date, len: j - i + p.len, explicitYear: p.explicitYear, anchor: p.anchor)
    }

    /// "end of October", "the beginning of 2024", "the first half of November", "the last week of
    /// October", "the early hours of Sunday": the date at its own precision. `j` is the noun.
    func partOf(_ i: Int, from j: Int, depth: Int) -> Point? {
        guard key(j + 1) == "of", let p = core(j + 2, depth: depth + 1) else { return nil }
        return Point(date: p.date, len: j + 2 - i + p.len, explicitYear: p.explicitYear, anchor: p.anchor)
    }

    /// Forms that start with "the".
    func the(_ i: Int, depth: Int) -> Point? {
        guard let n = key(i + 1) else { return nil }
        switch n {
        case "end", "beginning", "start", "middle", "turn", "close":
            return partOf(i, from: i + 1, depth: depth)
        case "first", "second", "third", "fourth", "last", "final", "latter", "opening", "closing", "early", "late":
            guard let noun = key(i + 2) else { return nil }
            if ["half", "quarter", "week", "weeks", "days", "hours", "months", "part", "weekend"].contains(noun) {
                return partOf(i, from: i + 2, depth: depth)
            }
            return nil
        case "day", "week", "month", "year":
            // "the day before", "the day after", "the week before"
            return quantity(i, count: 1, unitAt: i + 1)
        case "previous", "preceding", "next", "following", "same":
            guard let u = key(i + 2) else { return nil }
            let step = n == "same" ? 0 : (n == "next" || n == "following" ? 1 : -1)
            return relative(step: step, unitWord: u, len: 3)
        default:
            if let s = TimeLexicon.seasons[n] { return season(i + 1, s).map { Point(date: $0.date, len: $0.len + 1, explicitYear: true, anchor: pub) } }
            if let d = ordinal(i + 1) {
                var j = i + 2
                if key(j) == "of" { j += 1 }
                if let m = month(j) { return withYear(month: m, day: d, at: afterMonth(j), from: i) }
                // "on the 27th": that day of the publication month, or of the month before if it is still to come.
                guard key(i - 1) == "on" || key(i + 2) == nil || (i + 2 < upper && t[i + 2].kind == .punct) else { return nil }
                guard let pub, let pd = pub.day, pub.month != nil else { return nil }
                let base = d > pd ? TimeFinder.shift(pub.truncated(to: .month), months: -1) : pub.truncated(to: .month)
                guard let b = base, let date = PartialDate(year: b.year, month: b.month, day: d) else { return nil }
                return Point(date: date, len: 2, explicitYear: false, anchor: pub)
            }
            return nil
        }
    }

    /// "that day", "that night", "that month", "that year": the date the text is talking about.
    func that(_ i: Int) -> Point? {
        guard let u = key(i + 1) else { return nil }
        return relative(step: 0, unitWord: u, len: 2)
    }

    /// "the next day", "the same day", "the previous week": a step from the reference date (the last
    /// date of this sentence, else of the narrative).
    func relative(step: Int, unitWord u: String, len: Int) -> Point? {
        guard let ref = sentenceReference ?? narrative else { return nil }
        let unit: TimeLexicon.Unit
        if TimeLexicon.dayParts.contains(u) { unit = .day } else if let x = TimeLexicon.units[u], u.last != "s" { unit = x } else { return nil }
        return offset(ref, by: step, unit).map { Point(date: $0, len: len, explicitYear: false, anchor: ref, eventRelative: true) }
    }

    /// `ref` moved by `n` units, at the unit's precision (days and weeks need a day, months a month).
    func offset(_ ref: PartialDate, by n: Int, _ unit: TimeLexicon.Unit) -> PartialDate? {
        switch unit {
        case .day: TimeFinder.shift(ref, days: n)
        case .week: TimeFinder.shift(ref, days: 7 * n)
        case .month: TimeFinder.shift(ref, months: n)
        case .year: TimeFinder.shift(ref.truncated(to: .year), years: n)
        }
    }

    /// "three days ago", "fifteen years ago" (from the publication date); "a day earlier", "two weeks
    /// later", "the day before" (from the reference date); "two days after October 27" (from that date);
    /// "two days after their fighters began …" (the clause's event: the sentence's date minus two days);
    /// "three days after that" (from the reference date).
    func quantity(_ i: Int, count: Int, unitAt u: Int) -> Point? {
        guard let unitWord = key(u), let unit = TimeLexicon.units[unitWord], let dir = key(u + 1) else { return nil }
        guard count <= 10_000 else { return nil }
        switch dir {
        case "ago":
            guard let pub else { return nil }
            let d: PartialDate? = switch unit {
            case .day: TimeFinder.shift(pub, days: -count)
            // weeks ago: filed under a month, as "last week"
            case .week: TimeFinder.shift(pub, days: -7 * count).flatMap { TimeFinder.monthOfWeek(containing: $0) }
            case .month: TimeFinder.shift(pub.truncated(to: .month), months: -count)
            case .year: TimeFinder.shift(pub.truncated(to: .year), years: -count)
            }
            return d.map { Point(date: $0, len: u + 2 - i, explicitYear: unit == .year, anchor: pub) }
        case "earlier", "later", "previously", "afterwards", "prior":
            guard let ref = sentenceReference ?? narrative else { return nil }
            let sign = dir == "later" || dir == "afterwards" ? 1 : -1
            return offset(ref, by: sign * count, unit).map { Point(date: $0, len: u + 2 - i, explicitYear: false, anchor: ref, eventRelative: true) }
        case "before", "after":
            let sign = dir == "after" ? 1 : -1
            let q = u + 2
            if let p = core(q, depth: TimeParser.maxDepth - 1) {
                return offset(p.date, by: sign * count, unit)
                    .map { Point(date: $0, len: q + p.len - i, explicitYear: p.explicitYear, anchor: p.date) }
            }
            // "three days after that": after the date the narrative had reached
            if let k = key(q), k == "that" || k == "this", q + 1 >= upper || t[q + 1].kind == .punct {
                guard let ref = sentenceReference ?? narrative else { return nil }
                return offset(ref, by: sign * count, unit).map { Point(date: $0, len: q + 1 - i, explicitYear: false, anchor: ref, eventRelative: true) }
            }
            if q < upper, t[q].kind != .punct {
                // a clause follows: its event lies `count` units the other way from this sentence's date
                guard let ref = sentenceReference else { return nil }
                return offset(ref, by: -sign * count, unit).map { Point(date: $0, len: u + 2 - i, explicitYear: false, anchor: ref, eventRelative: true) }
            }
            guard let ref = sentenceReference ?? narrative else { return nil }
            return offset(ref, by: sign * count, unit).map { Point(date: $0, len: u + 2 - i, explicitYear: false, anchor: ref, eventRelative: true) }
        default:
            return nil
        }
    }

    /// "summer 2023", "the summer of 2023": year precision.
    func season(_ i: Int, _ s: TimeLexicon.Season) -> Point? {
        var j = i + 1
        if key(j) == "of" { j += 1 }
        guard let y = year(j), let d = PartialDate(year: y) else { return nil }
        return Point(date: d, len: j + 1 - i, explicitYear: true, anchor: pub)
    }
}
