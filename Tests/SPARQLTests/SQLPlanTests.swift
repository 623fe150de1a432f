import Testing
import RDF
import Store
@testable import SPARQL

@Suite struct SQLPlanTests {
    @Test func oneSQLQueryPerBGPWithConstantsAsParameters() throws {
        try withPeopleStore { store throws in
            let q = try Query.parse(prefixes + "SELECT ?n WHERE { ?x :knows ?y . ?y :name ?n . ?y a :Person OPTIONAL { ?y :age ?a } }")
            let text = try QueryEngine(store: store).explain(q)
            let sqlLines = text.split(separator: "\n").filter { $0.contains("SQL: ") }
            #expect(sqlLines.count == 2)   // the 3-pattern BGP and the OPTIONAL's BGP
            #expect(sqlLines[0].components(separatedBy: "quad AS q").count - 1 == 3)
            #expect(!text.contains("example.org/knows\"") && !sqlLines.joined().contains("example.org"))
            #expect(text.contains("parameters: ["))
            #expect(text.contains("LeftJoin"))
        }
    }

    @Test func injectionAttemptIsJustAnUnknownLiteral() throws {
        try withPeopleStore { store throws in
            let rows = try select(store, "SELECT ?x WHERE { ?x :name \"x' OR 1=1 --\" }")
            #expect(rows.isEmpty)
            let text = try QueryEngine(store: store).explain(try Query.parse(prefixes + "SELECT ?x WHERE { ?x :name \"x' OR 1=1 --\" }"))
            #expect(text.contains("a constant is not in the store"))
            #expect(!text.contains("OR 1=1 --\" ") || !text.contains("SQL: SELECT"))
            // And a literal that does exist still works after it.
            #expect(try column(store, "SELECT ?x WHERE { ?x :name \"Dave\" }", "x") == ["dave"])
            #expect(try column(store, "SELECT ?x WHERE { ?x :name ?n FILTER(?n = \"x'); DROP TABLE quad; --\") }", "x").isEmpty)
            #expect(try store.counts().quads > 0)
        }
    }

    @Test func sharedVariablesAreEquatedAcrossAliases() throws {
        try withPeopleStore { store throws in
            let q = try Query.parse(prefixes + "SELECT * { ?a :knows ?b . ?b :knows ?c }")
            let text = try QueryEngine(store: store).explain(q)
            #expect(text.contains("q1.s = q0.o"))
            #expect(try select(store, "SELECT * { ?a :knows ?b . ?b :knows ?c }").count == 3)
        }
    }
}
