import Testing
@Test func placeholderExtract() { #expect(Bool(true)) }
