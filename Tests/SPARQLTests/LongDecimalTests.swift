import Testing
@testable import SPARQL

/// ABS, CEIL, FLOOR and ROUND of decimals with more digits than Foundation's Decimal keeps (38) work on
/// the digits: carries through every 9, no negative zero, half rounded toward positive infinity.
@Suite struct LongDecimalTests {
    @Test func roundingOnTheDigits() {
        let nines = String(repeating: "9", count: 41)
        #expect(Functions.roundDigits("CEIL", nines + ".1") == "1" + String(repeating: "0", count: 41) + ".0")
        #expect(Functions.roundDigits("FLOOR", "-" + nines + ".1") == "-1" + String(repeating: "0", count: 41) + ".0")
        #expect(Functions.roundDigits("CEIL", "-0." + String(repeating: "0", count: 40) + "1") == "0.0")
        #expect(Functions.roundDigits("ROUND", "-" + nines + ".5") == "-" + nines + ".0")
        #expect(Functions.roundDigits("ROUND", nines + ".5") == "1" + String(repeating: "0", count: 41) + ".0")
        #expect(Functions.roundDigits("ABS", "-" + nines + ".25") == nines + ".25")
        #expect(Functions.roundDigits("CEIL", "1.5") == nil, "38 digits or fewer: the numeric path")
        #expect(Functions.roundDigits("CEIL", "1" + nines + "x") == nil, "not a number")
    }
}
