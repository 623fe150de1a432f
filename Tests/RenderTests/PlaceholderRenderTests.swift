import Testing
@Test func placeholderRender() { #expect(Bool(true)) }
