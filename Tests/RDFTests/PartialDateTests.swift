import Testing
@testable import RDF

/// `PartialDate(iso:)` reads the canonical forms byte by byte and everything else through the general
/// parser; both paths agree on every input.
@Suite struct PartialDateParsingTests {
    @Test func theCanonicalPathAgreesWithTheGeneralOne() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["0", "1", "2", "9", "-", " ", "T", "x", "٣"]
        var samples = ["2009", "2023-11", "2024-01-04", "2024-02-29", "2023-02-29", "0000", "2023-00", "2023-13",
                       "2023-04-31", "9999-12-31", "10000", "2023-1-05", "2023/11/05", " 2023-11", "2023-11-05T10:00",
                       "2023-11-05 10:00", "", "-", "202a", "２０２３"]
        for _ in 0..<2_000 {
            samples.append((0..<[4, 7, 10, Int.random(in: 0...12, using: &rng)].randomElement(using: &rng)!)
                .map { _ in pieces.randomElement(using: &rng)! }.joined())
        }
        for text in samples {
            #expect(PartialDate(iso: text) == PartialDate(general: text), "\(text.debugDescription)")
        }
        #expect(PartialDate(iso: "2024-01-04") == PartialDate(year: 2024, month: 1, day: 4))
        #expect(PartialDate(iso: "2023-11")?.precision == .month)
        #expect(PartialDate(iso: "2023-02-29") == nil)
    }
}
