import Testing
@testable import SPARQL

@Suite struct ParserTests {
    @Test func parsesSelect() throws {
        let q = try Query.parse("PREFIX ex: <http://ex/> SELECT ?s WHERE { ?s ex:p ?o }")
        #expect(q.form == .select)
    }
}
