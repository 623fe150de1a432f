import RDF

/// A date or interval found in a sentence, resolved against the publication date.
struct TimeExpression: Sendable {
    /// Token indices of the phrase, including a leading "on"/"in"/"until"/"from".
    var range: Range<Int>
    var date: PartialDate?
    var start: PartialDate?
    var end: PartialDate?
    var phrase: String
    /// The date the expression was resolved against: the publication date, or for an expression
    /// relative to another event ("a day earlier", "the same day", "two days after October 27") that
    /// event's date. Absolute dates carry the publication date too (nil when the article has none).
    var anchor: PartialDate? = nil

    /// The expression as an assertion's time.
    var annotation: TimeAnnotation { TimeAnnotation(date: date, start: start, end: end, phrase: phrase, anchor: anchor) }
}

/// Finds English date expressions in a sentence and resolves them against the article's publication
/// date, keeping the precision the text gives (day, month or year).
///
/// Forms:
/// - absolute: "27 October 2023", "27th of October 2023", "Oct. 27, 2023", "October 27 2023",
///   "2023-10-27", "February 2021", "in 2009", "summer 2023";
/// - month and day without a year: "Oct. 27", "on the 27th", "in November", "October 27 last year",
///   "December of this year";
/// - relative to publication: "yesterday", "overnight" (the night before), "today", "tonight", "this morning", "last night", weekdays
///   ("on Tuesday", "last Sunday", "Sunday night", "this past Friday", "next Monday"), "last week",
///   "this month", "last month", "last year", "last December", "last autumn", "three days ago",
///   "fifteen years ago";
/// - parts: "early January", "mid-December", "late 2023", "late last month", "earlier this month",
///   "the end of October", "the second half of November", "the first quarter of 2024", "late on Friday";
/// - relative to another date of the text: "a day earlier", "the day before", "the next day",
///   "the following morning", "the same day", "that day", "two weeks later", "two days after October 27";
/// - intervals: "until 2009" / "till" / "through" / "up to" / "before" → end; "since February 2021" /
///   "after 2009" / "from 2017" → start; "from November 2017 to May 2019", "between 2009 and 2015",
///   "between November 26 and 28", "from 26 to 28 November", "2009–2015".
///
/// Resolution rules (past-tense news):
/// - A weekday is the most recent such day BEFORE the publication date; "last X" is always before it,
///   "this X" may be the day itself, "next X" comes after it. A bare weekday that IS the publication
///   weekday ("on Thursday" in a Thursday article) is the publication day only when the context says
///   so: the sentence says "today", "tonight" or "this morning/afternoon/evening", or the article
///   names another weekday. News names the days of the past week by weekday (AP style); an article
///   that does so for other days writes in that frame, in which the publication weekday is today (a
///   day a week back would be "last Thursday" or a date). Without either cue it is the week before.
///   `sameWeekdayFromArticleFrame` turns the article cue off.
/// - Dates counted from another date ("a day earlier", "that day") use the last date earlier in the
///   sentence, else the `reference` passed in, else the last date in the preceding 80 tokens.
/// - A month or a month and day without a year is the most recent one not after the publication date
///   ("Oct. 27" in an article of 2023-11-02 → 2023-10-27; "December 18" on 2024-01-06 → 2023-12-18).
///   "last December" is the most recent December before the publication month. A day that does not
///   exist in that year (29 February 2023) gives no date. An interval's bare months take the year
///   written on its other side or, failing that, earlier in the sentence ("in 1971 and 1972 … from
///   November to January" → 1971-11/1972-01).
/// - Vague periods take the coarsest value that contains them: "late last month", "earlier this
///   month" → a month; "late 2023", "last year", seasons → a year. "last week" is the Monday–Sunday
///   week before the publication week, filed under the month of its Thursday (the month that holds at
///   least four of its days), so it always has month precision, across year ends as well.
/// - Relative expressions need the anchor they count from: without a publication date (or, for "a day
///   earlier", without an earlier date in the text) they give nothing, never a guess; absolute dates
///   still resolve. Day arithmetic needs a day-precision anchor.
enum TimeFinder {
    /// See the weekday rule above.
    static let sameWeekdayFromArticleFrame = true
    /// How far back (tokens) the finder looks for the date that "a day earlier" counts from when the
    /// caller passes no reference.
    static let lookBack = 80

    static let months = TimeLexicon.months
    static let weekdays = TimeLexicon.weekdays

    /// The expressions of one sentence, left to right, not overlapping.
    static func find(_ tokens: [Token], in sentence: Range<Int>, text: String, published: PartialDate?) -> [TimeExpression] {
        var reference: PartialDate? = nil
        return find(tokens, in: sentence, text: text, published: published, reference: &reference)
    }

    /// As `find(_:in:text:published:)`, with the narrative's reference date carried from sentence to
    /// sentence: pass the same variable (nil at the start of an article) for every sentence, in order,
    /// so that "A day earlier, …" and "the same day" in one sentence resolve against the last date of
    /// the sentences before. It is set to the last date this sentence gave, if any.
    static func find(_ tokens: [Token], in sentence: Range<Int>, text: String, published: PartialDate?,
                     reference: inout PartialDate?) -> [TimeExpression] {
        find(tokens, in: sentence, text: text, published: published, reference: &reference, lookBack: true)
    }

    static func find(_ tokens: [Token], in sentence: Range<Int>, text: String, published: PartialDate?,
                     reference: inout PartialDate?, lookBack: Bool) -> [TimeExpression] {
        let lower = max(0, sentence.lowerBound), upper = min(tokens.count, sentence.upperBound)
        guard lower < upper else { return [] }
        var narrative = reference
        if narrative == nil, lookBack, lower > 0, mentionsPeriod(tokens, lower..<upper) {
            // "They also led 3,000 civilians out that day": the last date before this sentence.
            var r: PartialDate? = nil
            _ = find(tokens, in: max(0, lower - TimeFinder.lookBack)..<lower, text: text, published: published,
                     reference: &r, lookBack: false)
            narrative = r
        }
        var parser = TimeParser(tokens: tokens, sentence: lower..<upper, published: published, narrative: narrative)
        var out: [TimeExpression] = []
        var consumed = lower
        var i = lower
        while i < upper {
            guard TimeLexicon.mayStart(tokens[i]) else { i += 1; continue }
            guard var e = expression(&parser, at: i) else { i += max(1, parser.impossibleDateLength(i)); continue }
            var first = e.range.lowerBound
            if first > consumed, TimeLexicon.prepositions.contains(tokens[first - 1].key) { first -= 1 }
            e.range = first..<e.range.upperBound
            e.phrase = phrase(text, tokens, e.range)
            out.append(e)
            parser.sentenceReference = e.date ?? e.end ?? e.start
            i = e.range.upperBound
            consumed = i
        }
        if let r = parser.sentenceReference { reference = r }
        return out
    }

    /// The expression at `i`, with its interval markers.
    static func expression(_ p: inout TimeParser, at i: Int) -> TimeExpression? {
        let k = p.t[i].key
        switch k {
        case "until", "till", "through", "before", "up":
            var j = i + 1
            if k == "up" { guard p.key(j) == "to" else { return nil }; j += 1 }
            guard let x = p.core(j) else { return nil }
            note(&p, x)
            return TimeExpression(range: i..<(j + x.len), end: x.date, phrase: "", anchor: x.anchor)
        case "since", "after":
            guard let x = p.core(i + 1) else { return nil }
            note(&p, x)
            return TimeExpression(range: i..<(i + 1 + x.len), start: x.date, phrase: "", anchor: x.anchor)
        case "from", "between":
            return span(&p, at: i)
        default:
            guard let x = p.core(i) else { return nil }
            // "A day earlier, on Friday, …": the written date wins over the counted one.
            if x.eventRelative, p.key(i + x.len) == "," {
                var j = i + x.len + 1
                if p.key(j) == "on" { j += 1 }
                if let y = p.core(j), !y.eventRelative, y.date.precision == .day {
                    note(&p, y)
                    return TimeExpression(range: i..<(j + y.len), date: y.date, phrase: "", anchor: y.anchor)
                }
            }
            note(&p, x)
            // "2009-2015", "2009–2015"
            let n = i + x.len
            if x.explicitYear, x.date.precision == .year, let dash = p.key(n), dash == "-" || dash == "\u{2013}",
               let y2 = p.year(n + 1), y2 > x.date.year, let end = PartialDate(year: y2) {
                p.sentenceYear = y2
                return TimeExpression(range: i..<(n + 2), start: x.date, end: end, phrase: "", anchor: x.anchor)
            }
            return TimeExpression(range: i..<n, date: x.date, phrase: "", anchor: x.anchor)
        }
    }

    /// The sentence has a word that a date counted from another date needs ("day", "week", "night").
    static func mentionsPeriod(_ tokens: [Token], _ r: Range<Int>) -> Bool {
        for k in r where TimeLexicon.units[tokens[k].key] != nil || TimeLexicon.dayParts.contains(tokens[k].key) { return true }
        return false
    }

    static func note(_ p: inout TimeParser, _ x: TimeParser.Point) {
        if x.explicitYear { p.sentenceYear = x.date.year }
    }

    /// "from X to Y", "between X and Y", "from X" (a start), with bare days and years filled in from
    /// the other side.
    static func span(_ p: inout TimeParser, at i: Int) -> TimeExpression? {
        let k = p.t[i].key
        let connectors: Set<String> = k == "between" ? ["and"] : ["to", "until", "till", "through", "-", "\u{2013}"]
        var first = p.core(i + 1) ?? p.bareMonth(i + 1)
        var firstDay: Int? = nil
        var j: Int
        if let f = first { j = i + 1 + f.len } else if let d = p.dayOfMonth(i + 1) { firstDay = d; j = i + 2 } else { return nil }
        if let c = p.key(j), connectors.contains(c) {
            var second = p.core(j + 1) ?? p.bareMonth(j + 1)
            if second == nil, let f = first, f.date.precision == .day, let d = p.dayOfMonth(j + 1),
               let date = PartialDate(year: f.date.year, month: f.date.month, day: d) {
                // "between November 26 and 28"
                second = TimeParser.Point(date: date, len: 1, explicitYear: f.explicitYear, anchor: f.anchor)
            }
            if let s = second {
                if first == nil, let fd = firstDay {
                    // "from 26 to 28 November"
                    guard s.date.precision == .day, let date = PartialDate(year: s.date.year, month: s.date.month, day: fd) else { return nil }
                    first = TimeParser.Point(date: date, len: 1, explicitYear: s.explicitYear, anchor: s.anchor)
                }
                guard let f = first else { return nil }
                var a = f.date, b = s.date
                if !f.explicitYear, s.explicitYear {
                    a = reYear(a, b.year) ?? a
                    if a > b { a = reYear(a, b.year - 1) ?? a }
                } else if f.explicitYear, !s.explicitYear, a.precision != .year || b < a {
                    // ("from 1993 until Oct. 4": a bare year does not date the end; its own year, from the
                    // narrative, does — unless that would end the span before it began)
                    b = reYear(b, a.year) ?? b
                    if b < a { b = reYear(b, a.year + 1) ?? b }
                } else if !f.explicitYear, !s.explicitYear {
                    if let y = p.sentenceYear, a.precision != .year, b.precision != .year {
                        a = reYear(a, y) ?? a
                        b = reYear(b, y) ?? b
                    }
                    // "from November to January": the start lies before the end.
                    if a > b { a = reYear(a, b.year - 1) ?? a }
                    if (f.yearUnknown || s.yearUnknown) && p.sentenceYear == nil { return nil }
                }
                if f.explicitYear || s.explicitYear { p.sentenceYear = b.year }
                return TimeExpression(range: i..<(j + 1 + s.len), start: a, end: b, phrase: "", anchor: f.anchor ?? s.anchor)
            }
        }
        guard let f = first, !f.yearUnknown else { return nil }
        note(&p, f)
        if k == "from" {
            return TimeExpression(range: i..<(i + 1 + f.len), start: f.date, phrase: "", anchor: f.anchor)
        }
        // "between" without "and": a plain date
        return TimeExpression(range: (i + 1)..<(i + 1 + f.len), date: f.date, phrase: "", anchor: f.anchor)
    }

    static func reYear(_ d: PartialDate, _ y: Int) -> PartialDate? { PartialDate(year: y, month: d.month, day: d.day) }

    /// The text of tokens `r`, as written (UTF-8 offsets into `text`).
    static func phrase(_ text: String, _ tokens: [Token], _ r: Range<Int>) -> String {
        let u = text.utf8
        let a = tokens[r.lowerBound].start, b = tokens[r.upperBound - 1].end
        guard a >= 0, b >= a, b <= u.count else { return "" }
        let from = u.index(u.startIndex, offsetBy: a), to = u.index(from, offsetBy: b - a)
        return String(decoding: u[from..<to], as: UTF8.self)
    }

    // MARK: conveniences

    /// A present-tense observation ("the junta-held town"): the publication date itself, with an empty
    /// phrase; nil when the article has no publication date.
    static func observation(published: PartialDate?) -> TimeAnnotation? {
        published.map { TimeAnnotation(date: $0, start: nil, end: nil, phrase: "", anchor: $0) }
    }

    /// The first time expression of `text` (one sentence or phrase) as an annotation: "last Sunday",
    /// "until 2009". `reference` stands for the date of an earlier sentence.
    static func normalise(_ text: String, published: PartialDate?, reference: PartialDate? = nil) -> TimeAnnotation? {
        let tokens = Tokenizer.tokenize(text)
        var r = reference
        return find(tokens, in: 0..<tokens.count, text: text, published: published, reference: &r).first?.annotation
    }
}
