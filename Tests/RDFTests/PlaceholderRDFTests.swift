import Testing
@Test func placeholderRDF() { #expect(Bool(true)) }
