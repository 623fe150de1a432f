@testable import Extract
import RDF
import Testing

/// One normalisation case: a phrase, the article's publication date (nil: none), an optional reference
/// date from an earlier sentence, and the expected result: `2023-10-27` (a point), `/2009`,
/// `2021-02/`, `2017-11/2019-05` (intervals) or `nil`.
struct TimeCase: CustomTestStringConvertible, Sendable {
    let text: String
    let published: String?
    let reference: String?
    let expected: String

    init(_ text: String, _ published: String?, _ expected: String, reference: String? = nil) {
        self.text = text
        self.published = published
        self.reference = reference
        self.expected = expected
    }

    var testDescription: String { "\"\(text)\" @\(published ?? "none") → \(expected)" }
}

/// Renders an annotation as the cases write it.
func render(_ a: TimeAnnotation?) -> String {
    guard let a else { return "nil" }
    if let d = a.date { return d.iso }
    if a.start == nil && a.end == nil { return "nil" }
    return (a.start?.iso ?? "") + "/" + (a.end?.iso ?? "")
}

func normalised(_ c: TimeCase) -> String {
    render(TimeFinder.normalise(c.text, published: c.published.flatMap { PartialDate(iso: $0) },
                                reference: c.reference.flatMap { PartialDate(iso: $0) }))
}

/// Every expression of a sentence, rendered.
func allTimes(_ text: String, _ published: String?) -> [String] {
    let tokens = Tokenizer.tokenize(text)
    return TimeFinder.find(tokens, in: 0..<tokens.count, text: text, published: published.flatMap { PartialDate(iso: $0) })
        .map { render($0.annotation) }
}

@Suite struct TimeNormalisationTests {
    // 2023-11-16 is a Thursday, 2023-10-31 a Tuesday, 2024-01-06 a Saturday.

    static let weekdays: [TimeCase] = [
        TimeCase("on Tuesday", "2023-11-16", "2023-11-14"),
        TimeCase("last Sunday", "2023-11-16", "2023-11-12"),
        TimeCase("on Friday", "2023-10-31", "2023-10-27"),
        TimeCase("said late on Friday", "2023-10-31", "2023-10-27"),
        TimeCase("overran the camp at about 8pm on Sunday", "2023-10-31", "2023-10-29"),
        TimeCase("on Sunday night", "2023-11-16", "2023-11-12"),
        TimeCase("On Saturday morning", "2023-11-13", "2023-11-11"),
        // the publication weekday itself: the week before, unless the sentence says "today"
        TimeCase("on Thursday", "2023-11-16", "2023-11-09"),
        TimeCase("the group said on Thursday that it is fighting today", "2023-11-16", "2023-11-16"),
        // another weekday in the article sets a this-week frame: Thursday is the publication day
        TimeCase("A statement issued late on Wednesday followed. On Thursday, the alliance went further",
                 "2023-11-02", "2023-11-01"),
        TimeCase("last Thursday", "2023-11-16", "2023-11-09"),
        TimeCase("this Thursday", "2023-11-16", "2023-11-16"),
        TimeCase("this past Sunday", "2023-11-16", "2023-11-12"),
        TimeCase("next Monday", "2023-11-16", "2023-11-20"),
        TimeCase("last Wednesday", "2023-11-16", "2023-11-15"),
        // across the year end
        TimeCase("on Sunday", "2024-01-02", "2023-12-31"),
        TimeCase("on Saturday", "2024-01-01", "2023-12-30"),
        // a weekday with its date: the date
        TimeCase("on Tuesday, October 31", "2023-11-16", "2023-10-31"),
        TimeCase("Friday 27 October 2023", nil, "2023-10-27"),
        // no day to count from
        TimeCase("on Tuesday", "2023-11", "nil"),
        TimeCase("on Tuesday", nil, "nil"),
        TimeCase("last Sunday", nil, "nil"),
    ]

    @Test(arguments: weekdays) func weekdayResolution(_ c: TimeCase) {
        #expect(normalised(c) == c.expected)
    }

    static let days: [TimeCase] = [
        TimeCase("yesterday", "2023-11-16", "2023-11-15"),
        TimeCase("yesterday", "2024-01-01", "2023-12-31"),
        TimeCase("yesterday", "2024-03-01", "2024-02-29"),
        TimeCase("today", "2023-11-16", "2023-11-16"),
        TimeCase("tonight", "2023-11-16", "2023-11-16"),
        TimeCase("this morning", "2023-11-16", "2023-11-16"),
        TimeCase("last night", "2023-03-01", "2023-02-28"),
        TimeCase("three days ago", "2024-01-02", "2023-12-30"),
        TimeCase("a driven out almost fifteen years ago", "2024-01-06", "2009"),
        TimeCase("two months ago", "2024-01-15", "2023-11"),
        TimeCase("two weeks ago", "2023-11-16", "2023-11"),
        TimeCase("yesterday", nil, "nil"),
        TimeCase("today", nil, "nil"),
        TimeCase("three days ago", nil, "nil"),
        TimeCase("yesterday", "2023", "nil"),
    ]

    @Test(arguments: days) func daysRelativeToPublication(_ c: TimeCase) {
        #expect(normalised(c) == c.expected)
    }

    static let eventRelative: [TimeCase] = [
        TimeCase("a day earlier", "2024-01-05", "2023-12-31", reference: "2024-01-01"),
        TimeCase("A day earlier, the army withdrew", "2024-01-05", "2023-12-31", reference: "2024-01-01"),
        TimeCase("the day before", "2024-03-05", "2024-02-29", reference: "2024-03-01"),
        TimeCase("the previous day", "2024-03-05", "2024-02-29", reference: "2024-03-01"),
        TimeCase("the next day", "2024-01-05", "2024-01-01", reference: "2023-12-31"),
        TimeCase("the following morning", "2023-11-16", "2023-11-15", reference: "2023-11-14"),
        TimeCase("the same day", "2023-11-16", "2023-11-14", reference: "2023-11-14"),
        TimeCase("out of danger that day", "2023-11-16", "2023-11-10", reference: "2023-11-10"),
        TimeCase("two weeks later", "2024-01-30", "2024-01-08", reference: "2023-12-25"),
        TimeCase("20 years earlier", "2023-11-16", "1989", reference: "2009"),
        TimeCase("two days after October 27", "2023-11-16", "2023-10-29"),
        TimeCase("a day before 1 January 2024", nil, "2023-12-31"),
        // the written date wins: "A day earlier, on Friday"
        TimeCase("A day earlier, on Friday, fighters overran a camp", "2023-11-13", "2023-11-10", reference: "2023-11-12"),
        // nothing to count from: never a guess
        TimeCase("a day earlier", "2024-01-05", "nil"),
        TimeCase("the same day", "2024-01-05", "nil"),
        TimeCase("The day before the battalion surrendered, six were killed", "2023-11-17", "nil"),
        TimeCase("the day before", "2024-01-05", "nil", reference: "2024-01"),
    ]

    @Test(arguments: eventRelative) func datesRelativeToOtherDates(_ c: TimeCase) {
        #expect(normalised(c) == c.expected)
    }

    @Test func referenceWithinOneSentence() {
        #expect(allTimes("The town fell on 1 January 2024 and the army had left a day earlier.", nil) == ["2024-01-01", "2023-12-31"])
        // the clause after "two days after" happened two days before the sentence's date
        #expect(allTimes("the town was captured on Tuesday by the group, two days after their fighters began assaulting a base",
                         "2023-11-08") == ["2023-11-07", "2023-11-05"])
    }

    @Test func publicationWeekdayInAThisWeekFrame() {
        let text = "The group said late on Wednesday it held the town. On Thursday, the alliance went further."
        #expect(allTimes(text, "2023-11-02") == ["2023-11-01", "2023-11-02"])
        // no other weekday: the week before
        #expect(allTimes("On Thursday, the alliance went further.", "2023-11-02") == ["2023-10-26"])
    }

    @Test func referenceFoundInThePrecedingSentence() {
        let text = "A day earlier, on Friday, fighters overran a camp. They also led 3,000 civilians out of danger that day."
        let tokens = Tokenizer.tokenize(text)
        let sentences = SentenceSplitter.split(tokens)
        #expect(sentences.count == 2)
        let second = TimeFinder.find(tokens, in: sentences[1], text: text, published: PartialDate(iso: "2023-11-13"))
        #expect(second.map { render($0.annotation) } == ["2023-11-10"])
        #expect(second.first?.phrase == "that day" && second.first?.anchor?.iso == "2023-11-10")
    }

    @Test func referenceCarriedAcrossSentences() {
        let text = "A statement on Tuesday said the town was surrounded. A statement released a day earlier said it had surrendered."
        let tokens = Tokenizer.tokenize(text)
        let sentences = SentenceSplitter.split(tokens)
        var reference: PartialDate? = nil
        var found: [String] = []
        for s in sentences {
            found += TimeFinder.find(tokens, in: s, text: text, published: PartialDate(iso: "2023-11-16"), reference: &reference)
                .map { render($0.annotation) }
        }
        #expect(found == ["2023-11-14", "2023-11-13"])
        #expect(reference?.iso == "2023-11-13")
    }

    static let periods: [TimeCase] = [
        TimeCase("last week", "2023-11-16", "2023-11"),
        TimeCase("Some 2,000 residents fled the town last week", "2023-11-16", "2023-11"),
        TimeCase("Last week it claimed the biggest prize", "2024-01-13", "2024-01"),
        // the week before lies wholly in the previous year
        TimeCase("last week", "2024-01-03", "2023-12"),
        // the week before straddles the year end: filed under the month of its Thursday (2 January)
        TimeCase("last week", "2025-01-08", "2025-01"),
        // straddles a month end: its Thursday (2 November) decides
        TimeCase("last week", "2023-11-08", "2023-11"),
        TimeCase("this week", "2023-11-16", "2023-11"),
        TimeCase("last week", "2023-11", "nil"),
        TimeCase("last week", nil, "nil"),
        TimeCase("late last month", "2023-11-16", "2023-10"),
        TimeCase("late last month", "2024-01-10", "2023-12"),
        TimeCase("last month", "2024-01-10", "2023-12"),
        TimeCase("earlier this month", "2024-01-31", "2024-01"),
        TimeCase("this month", "2023-11-16", "2023-11"),
        TimeCase("next month", "2023-12-16", "2024-01"),
        TimeCase("this year", "2023-11-16", "2023"),
        TimeCase("earlier this year", "2023-11-16", "2023"),
        TimeCase("last year", "2024-01-06", "2023"),
        TimeCase("late last year", "2024-01-06", "2023"),
        TimeCase("next year", "2023-11-16", "2024"),
        TimeCase("last month", "2023", "nil"),
        TimeCase("last year", nil, "nil"),
        TimeCase("last weekend", "2023-11-16", "2023-11"),
    ]

    @Test(arguments: periods) func weeksMonthsAndYears(_ c: TimeCase) {
        #expect(normalised(c) == c.expected)
    }

    static let monthsAndDays: [TimeCase] = [
        TimeCase("on Oct. 27", "2023-11-02", "2023-10-27"),
        TimeCase("on October 27", "2023-10-31", "2023-10-27"),
        TimeCase("on December 18", "2024-01-06", "2023-12-18"),
        TimeCase("on December 30", "2023-11-16", "2022-12-30"),
        TimeCase("Nov. 16", "2023-11-16", "2023-11-16"),
        TimeCase("Nov. 17", "2023-11-16", "2022-11-17"),
        TimeCase("on 27 October", "2023-11-02", "2023-10-27"),
        TimeCase("on the 27th of October", "2023-11-02", "2023-10-27"),
        TimeCase("October 27th", "2023-11-02", "2023-10-27"),
        TimeCase("on October 27 last year", "2024-08-05", "2023-10-27"),
        TimeCase("on 27 October last year", "2024-08-05", "2023-10-27"),
        TimeCase("on 27 October 2023", nil, "2023-10-27"),
        TimeCase("27 Oct. 2023", nil, "2023-10-27"),
        TimeCase("Oct 27, 2023", nil, "2023-10-27"),
        TimeCase("October 27 2022", nil, "2022-10-27"),
        TimeCase("October 27th, 2022", nil, "2022-10-27"),
        TimeCase("on Sept. 17, 2024", nil, "2024-09-17"),
        TimeCase("2023-10-27", nil, "2023-10-27"),
        TimeCase("on the 27th", "2023-11-16", "2023-10-27"),
        TimeCase("on the 14th", "2023-11-16", "2023-11-14"),
        TimeCase("on the 31st", "2023-03-10", "nil"),
        TimeCase("on the 27th", nil, "nil"),
        TimeCase("Oct. 27", nil, "nil"),
        TimeCase("the night of November 12", "2023-11-17", "2023-11-12"),
        // leap days
        TimeCase("on Feb. 29", "2024-03-10", "2024-02-29"),
        TimeCase("on Feb. 29", "2023-03-10", "nil"),
        TimeCase("on February 29", "2024-02-28", "nil"),
        TimeCase("29 February 2024", nil, "2024-02-29"),
        TimeCase("29 February 2023", nil, "nil"),
        TimeCase("on 30 February 2024", nil, "nil"),
        TimeCase("2023-02-29", nil, "nil"),
    ]

    @Test(arguments: monthsAndDays) func monthAndDay(_ c: TimeCase) {
        #expect(normalised(c) == c.expected)
    }

    static let monthsAndYears: [TimeCase] = [
        TimeCase("in 2009", nil, "2009"),
        TimeCase("led the 2009 operation that expelled the MNDAA", "2024-01-06", "2009"),
        TimeCase("in November", "2023-11-16", "2023-11"),
        TimeCase("in December", "2023-11-16", "2022-12"),
        TimeCase("last December", "2024-01-06", "2023-12"),
        TimeCase("last December", "2023-12-20", "2022-12"),
        TimeCase("last October", "2024-10-16", "2023-10"),
        TimeCase("this December", "2023-11-16", "2023-12"),
        TimeCase("In December, police issued warrants", "2024-01-31", "2023-12"),
        TimeCase("in December last year", "2024-01-31", "2023-12"),
        TimeCase("in February 2021", nil, "2021-02"),
        TimeCase("in February of 2021", nil, "2021-02"),
        TimeCase("in Feb. 2021", nil, "2021-02"),
        TimeCase("in May", "2023-11-16", "2023-05"),
        TimeCase("They may go", "2023-11-16", "nil"),
        TimeCase("May God help them", "2023-11-16", "nil"),
        TimeCase("in March 2022", nil, "2022-03"),
        TimeCase("in November", nil, "nil"),
        TimeCase("in November", "2023", "nil"),
        TimeCase("some 2000 troops", "2023-11-16", "nil"),
        TimeCase("Operation 1027", "2023-11-16", "nil"),
        TimeCase("Brigade 143 and IB 129", "2023-11-16", "nil"),
        TimeCase("the 1990s", "2023-11-16", "nil"),
    ]

    @Test(arguments: monthsAndYears) func monthsAndYearsResolve(_ c: TimeCase) {
        #expect(normalised(c) == c.expected)
    }

    static let partsAndSeasons: [TimeCase] = [
        TimeCase("in the second half of November", "2023-12-01", "2023-11"),
        TimeCase("in the first half of 2023", nil, "2023"),
        TimeCase("in the first quarter of 2024", nil, "2024"),
        TimeCase("early January", "2024-01-31", "2024-01"),
        TimeCase("in early January", "2023-11-16", "2023-01"),
        TimeCase("mid-December", "2024-01-06", "2023-12"),
        TimeCase("in mid-March", "2024-01-06", "2023-03"),
        TimeCase("late 2023", nil, "2023"),
        TimeCase("in late November", "2023-12-27", "2023-11"),
        TimeCase("at the end of October", "2023-11-30", "2023-10"),
        TimeCase("by the end of 2009", nil, "2009"),
        TimeCase("the last week of October", "2023-11-30", "2023-10"),
        TimeCase("in the early hours of Sunday", "2023-11-16", "2023-11-12"),
        TimeCase("in the summer of 2022", nil, "2022"),
        TimeCase("summer 2021", nil, "2021"),
        TimeCase("a collapse that began last autumn", "2024-01-31", "2023"),
        TimeCase("last summer", "2023-07-01", "2022"),
        TimeCase("last summer", "2023-10-01", "2023"),
        TimeCase("last winter", "2024-03-15", "2024"),
        TimeCase("last winter", "2024-01-15", "2023"),
        TimeCase("the fall of Laukkai", "2024-01-15", "nil"),
        TimeCase("mid-December", nil, "nil"),
    ]

    @Test(arguments: partsAndSeasons) func partsOfPeriods(_ c: TimeCase) {
        #expect(normalised(c) == c.expected)
    }

    static let spans: [TimeCase] = [
        TimeCase("until 2009", nil, "/2009"),
        TimeCase("till 2009", nil, "/2009"),
        TimeCase("until the end of 2009", nil, "/2009"),
        TimeCase("since February 2021", nil, "2021-02/"),
        TimeCase("since August", "2024-10-16", "2024-08/"),
        TimeCase("since late October", "2024-01-13", "2023-10/"),
        TimeCase("since last Friday", "2023-10-31", "2023-10-27/"),
        TimeCase("after 2009", nil, "2009/"),
        TimeCase("from 2017", nil, "2017/"),
        TimeCase("from November 2017 to May 2019", nil, "2017-11/2019-05"),
        TimeCase("from November to May 2019", nil, "2018-11/2019-05"),
        TimeCase("from May 2019 to February", nil, "2019-05/2020-02"),
        TimeCase("between 2009 and 2015", nil, "2009/2015"),
        TimeCase("from 2009 to 2015", nil, "2009/2015"),
        TimeCase("in 2009-2015", nil, "2009/2015"),
        TimeCase("between November 26 and November 28", "2023-11-30", "2023-11-26/2023-11-28"),
        TimeCase("between November 26 and 28", "2023-11-30", "2023-11-26/2023-11-28"),
        TimeCase("from 26 to 28 November 2023", nil, "2023-11-26/2023-11-28"),
        TimeCase("from November to January", "2024-03-01", "2023-11/2024-01"),
        TimeCase("until Oct. 27", nil, "nil"),
        TimeCase("since August", nil, "nil"),
        TimeCase("between 100,000 and 500,000 yuan", "2024-01-31", "nil"),
    ]

    @Test(arguments: spans) func intervals(_ c: TimeCase) {
        #expect(normalised(c) == c.expected)
    }

    @Test func intervalMonthsTakeTheSentenceYear() {
        let s = "in 1971 and 1972, the party battled the army for 42 days, from November to January, for the span."
        #expect(allTimes(s, "2023-11-13") == ["1971", "1972", "1971-11/1972-01"])
    }

    @Test func resultsKeepPhraseAnchorAndPrecision() throws {
        let pub = PartialDate(iso: "2023-11-16")!
        let a = try #require(TimeFinder.normalise("the MNDAA said last Sunday that", published: pub))
        #expect(a.phrase == "last Sunday" && a.anchor == pub && a.date?.precision == .day)
        let b = try #require(TimeFinder.normalise("captured Laukkai on Thursday", published: pub))
        #expect(b.phrase == "on Thursday" && b.date?.iso == "2023-11-09")
        let c = try #require(TimeFinder.normalise("ran the town until 2009.", published: pub))
        #expect(c.phrase == "until 2009" && c.end?.precision == .year && c.date == nil && c.start == nil)
        let d = try #require(TimeFinder.normalise("a day earlier", published: pub, reference: PartialDate(iso: "2023-11-14")))
        #expect(d.anchor?.iso == "2023-11-14" && d.date?.iso == "2023-11-13")
        let e = try #require(TimeFinder.normalise("in late November", published: pub))
        #expect(e.phrase == "in late November" && e.date?.precision == .month)
        let f = try #require(TimeFinder.normalise("from November 2017 to May 2019", published: nil))
        #expect(f.phrase == "from November 2017 to May 2019" && f.anchor == nil)
    }

    @Test func observationIsThePublicationDate() {
        let pub = PartialDate(iso: "2024-01-06")!
        #expect(TimeFinder.observation(published: pub) == TimeAnnotation(date: pub, phrase: "", anchor: pub))
        #expect(TimeFinder.observation(published: nil) == nil)
    }

    @Test func calendarArithmetic() {
        #expect(TimeFinder.dayOfWeek(PartialDate(iso: "2024-01-06")!) == 6)
        #expect(TimeFinder.shift(PartialDate(iso: "2024-03-01")!, days: -1)?.iso == "2024-02-29")
        #expect(TimeFinder.shift(PartialDate(iso: "2024-01")!, months: -1)?.iso == "2023-12")
        #expect(TimeFinder.shift(PartialDate(iso: "0001-01-01")!, days: -1) == nil)
        #expect(TimeFinder.shift(PartialDate(iso: "9999-12-31")!, days: 1) == nil)
        #expect(TimeFinder.monthOfWeek(containing: PartialDate(iso: "2024-12-30")!)?.iso == "2025-01")
    }
}

/// Random and hostile input: never a crash, results always valid dates.
@Suite struct TimeGarbageTests {
    static let pieces = [
        "on", "Tuesday", "last", "week", "Oct.", "27", "27th", "31st", "2009", "2023", "-", "–", ",", ".", "the",
        "day", "before", "after", "a", "earlier", "later", "from", "to", "between", "and", "until", "since",
        "early", "late", "mid", "end", "of", "May", "March", "Feb", "29", "0", "99999999999999999999", "10000",
        "years", "ago", "this", "next", "that", "same", "summer", "fall", "first", "half", "9999", "1800",
        "2100", "today", "yesterday", "🙂", "\u{0301}", "ğ", "\n\n", "(", "\"", "’s", "No", "$", "-12",
    ]
    static let seeds = Array(0..<40)
    static let anchors: [String?] = [nil, "2023", "2023-11", "2024-02-29", "0001-01-01", "9999-12-31", "2024-01-01"]

    @Test(arguments: seeds) func randomTokenSoupNeverCrashes(_ seed: Int) {
        var state = UInt64(seed) &* 6364136223846793005 &+ 1442695040888963407
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<20 {
            let count = next(40)
            var words: [String] = []
            for _ in 0..<count { words.append(Self.pieces[next(Self.pieces.count)]) }
            let text = words.joined(separator: next(2) == 0 ? " " : "")
            let pub = Self.anchors[next(Self.anchors.count)].flatMap { PartialDate(iso: $0) }
            let tokens = Tokenizer.tokenize(text)
            var reference = [nil, PartialDate(iso: "0001-01-01"), PartialDate(iso: "9999-12-31")][next(3)]
            for e in TimeFinder.find(tokens, in: 0..<tokens.count, text: text, published: pub, reference: &reference) {
                #expect(e.date != nil || e.start != nil || e.end != nil)
                #expect(!e.range.isEmpty && e.range.upperBound <= tokens.count)
            }
        }
    }

    @Test(arguments: ["", " ", "\u{0}", "on", "the", "from", "between 2009 and", "until", "a day", "Feb. 29,",
                      String(repeating: "early ", count: 5000) + "2009", String(repeating: "from ", count: 2000),
                      String(repeating: "the end of ", count: 500) + "October", "the 0th", "the 32nd of May",
                      "2023-13-45", "2023-1-1", "2023-", "-2023", "Oct. 0", "99 October 2023", "12 12 12"])
    func hostileStringsNeverCrash(_ s: String) {
        for pub in Self.anchors {
            _ = TimeFinder.normalise(s, published: pub.flatMap { PartialDate(iso: $0) }, reference: PartialDate(iso: "0001-01-01"))
        }
    }

    @Test func outOfRangeSentenceIsEmpty() {
        let tokens = Tokenizer.tokenize("on Tuesday")
        #expect(TimeFinder.find(tokens, in: 5..<9, text: "on Tuesday", published: PartialDate(iso: "2023-11-16")).isEmpty)
    }
}
