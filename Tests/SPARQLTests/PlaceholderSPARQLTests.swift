import Testing
@Test func placeholderSPARQL() { #expect(Bool(true)) }
