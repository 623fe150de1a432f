import Testing
@Test func placeholderTimeline() { #expect(Bool(true)) }
