@testable import Extract
import RDF
import Testing

@Suite struct TokenizerTests {
    @Test func splitsPossessivesButKeepsInnerApostrophesAndNumbers() {
        let t = Tokenizer.tokenize("The Ta'ang army's 3,000 fighters, 1.5 km from IB-129.")
        #expect(t.map(\.text) == ["The", "Ta'ang", "army", "'s", "3,000", "fighters", ",", "1.5", "km", "from", "IB", "-", "129", "."])
        #expect(t[4].kind == .number)
        let s = "Ta'ang"
        #expect(t[1].start == 4 && t[1].end == 4 + s.utf8.count)
    }

    @Test func sentencesSurviveAbbreviationsInitialsAndDecimals() {
        let text = "On Oct. 27 Col. Smith met Maj. Gen. Jones in the U.S. embassy. J. R. Doe paid 2.5 million. It ended.\n\nNew paragraph"
        let tokens = Tokenizer.tokenize(text)
        let sentences = SentenceSplitter.split(tokens)
        #expect(sentences.count == 4)
        let first = sentences[0]
        #expect(tokens[first.upperBound - 2].text == "embassy")
    }
}

@Suite struct TimeTests {
    let pub = PartialDate(iso: "2023-11-16")  // a Thursday

    func times(_ s: String) -> [TimeExpression] {
        let t = Tokenizer.tokenize(s)
        return TimeFinder.find(t, in: 0..<t.count, text: s, published: pub)
    }

    @Test func explicitDates() {
        #expect(times("on 27 October 2023").first?.date?.iso == "2023-10-27")
        #expect(times("on Oct. 27").first?.date?.iso == "2023-10-27")
        #expect(times("on October 27, 2022").first?.date?.iso == "2022-10-27")
        #expect(times("in February 2021").first?.date?.iso == "2021-02")
        #expect(times("in 2009").first?.date?.iso == "2009")
    }

    @Test func relativeDatesResolveAgainstPublication() {
        // Published on Thursday 2023-11-16: a bare "on Thursday" with no "today" and no other weekday
        // in the text means the week before (TimeFinder's weekday rule).
        #expect(times("on Thursday").first?.date?.iso == "2023-11-09")
        #expect(times("on Thursday, today").first?.date?.iso == "2023-11-16")
        #expect(times("last Sunday").first?.date?.iso == "2023-11-12")
        #expect(times("on Tuesday").first?.date?.iso == "2023-11-14")
        #expect(times("late last month").first?.date?.iso == "2023-10")
        #expect(times("last week").first?.date?.iso == "2023-11")
        #expect(times("on December 30").first?.date?.iso == "2022-12-30")
    }

    @Test func intervalsKeepTheirSide() {
        let until = times("until 2009").first
        #expect(until?.end?.iso == "2009" && until?.date == nil && until?.start == nil)
        #expect(times("since August").first?.start?.iso == "2023-08")
        let span = times("from November 2017 to May 2019").first
        #expect(span?.start?.iso == "2017-11" && span?.end?.iso == "2019-05")
    }

    @Test func weekdayArithmetic() {
        #expect(TimeFinder.dayOfWeek(PartialDate(iso: "2023-11-16")!) == 4)
        #expect(TimeFinder.addDays(PartialDate(iso: "2024-03-01")!, -1).iso == "2024-02-29")
    }
}
