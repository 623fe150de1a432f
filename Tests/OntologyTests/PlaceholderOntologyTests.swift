import Testing
@Test func placeholderOntology() { #expect(Bool(true)) }
