import Testing
@testable import SPARQL

@Suite struct ParserTests {
    @Test(arguments: [
        "SELECT * WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://ex/> SELECT DISTINCT ?s (COUNT(?o) AS ?n) WHERE { ?s ex:p ?o } GROUP BY ?s HAVING (COUNT(?o) > 1) ORDER BY DESC(?n) LIMIT 5 OFFSET 1",
        "BASE <http://ex/> ASK { <a> <b> \"x\"@en, 1, -2.5, 3e4, true ; a <C> }",
        "CONSTRUCT { ?s <p> [ <q> ?o ] } WHERE { ?s <p> ( 1 2 ?o ) }",
        "CONSTRUCT WHERE { ?s ?p ?o }",
        "DESCRIBE <http://ex/a> ?x WHERE { ?x ?p ?o }",
        "SELECT * { ?s <p>/^<q>|!(<r>|^<s>)* ?o ; <t>+ ?z . ?z <u>? ?w }",
        "SELECT * { ?s ?p ?o OPTIONAL { ?o ?q ?r FILTER(?r != 1) } MINUS { ?s a ?c } { ?a ?b ?c } UNION { ?d ?e ?f } }",
        "SELECT * { GRAPH ?g { ?s ?p ?o } BIND(STR(?s) AS ?x) VALUES (?y ?z) { (1 UNDEF) } FILTER NOT EXISTS { ?s ?p 3 } }",
        "SELECT ?x { { SELECT ?x WHERE { ?x ?y ?z } LIMIT 1 } } VALUES ?x { <http://ex/a> }",
        "SELECT (GROUP_CONCAT(DISTINCT ?o ; SEPARATOR = \", \") AS ?all) { ?s ?p ?o }",
        "SELECT * FROM <http://ex/g> FROM NAMED <http://ex/h> { ?s ?p ?o }",
        "SELECT (REGEX(?o, \"^a\", \"i\") AS ?r) (xsd:integer(\"1\") AS ?i) { ?s ?p ?o } # comment",
    ].map { $0.replacingOccurrences(of: "xsd:integer", with: "<http://www.w3.org/2001/XMLSchema#integer>") })
    func accepts(_ text: String) throws {
        _ = try Query.parse(text)
    }

    @Test func forms() throws {
        #expect(try Query.parse("SELECT * {}").form == .select)
        #expect(try Query.parse("ASK {}").form == .ask)
        #expect(try Query.parse("CONSTRUCT {} WHERE {}").form == .construct)
        #expect(try Query.parse("DESCRIBE <http://x>").form == .describe)
    }

    /// Negative cases: each reports the line and column of the offending token.
    @Test(arguments: [
        ("SELECT ?x\nWHERE { ?x ?p }", 2, 15),
        ("SELECT * WHERE { ?s ex:p ?o }", 1, 21),
        ("SELECT ?o { ?s ?p ?o } GROUP BY ?s", 1, 8),
        ("SELECT * {\n  ?s ?p ?o .\n  FILTER(?o = ) }", 3, 15),
        ("SELECT * { ?s ?p ?o . . }", 1, 23),
        ("SELECT (1 AS ?x) (2 AS ?x) {}", 1, 24),
        ("SELECT * { BIND(1 AS ?x) BIND(2 AS ?x) }", 1, 36),
        ("SELECT * { _:a ?p ?v . OPTIONAL { ?s ?p ?v } _:a ?q 1 }", 1, 46),
        ("SELECT * { ?s ?p \"open }", 1, 18),
        ("ASK { ?s <p> ?o } garbage", 1, 19),
        ("SELECT * { FILTER(COUNT(?x) > 1) }", 1, 19),
        ("SELECT * { VALUES (?a ?b) { (1) } }", 1, 29),
    ])
    func rejects(_ text: String, _ line: Int, _ column: Int) {
        do {
            _ = try Query.parse(text)
            Issue.record("accepted: \(text)")
        } catch let e as SPARQLError {
            #expect(e.kind == .syntax)
            #expect(e.line == line, "\(e)")
            #expect(e.column == column, "\(e)")
            #expect(e.description.hasPrefix("line \(line), column \(column): "))
            #expect(e.snippet?.contains("^") == true)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func snippetPointsAtTheColumn() {
        do {
            _ = try Query.parse("SELECT *\nWHERE { ?s ?p ?o FILTER(?o > ) }")
        } catch let e as SPARQLError {
            let lines = e.description.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 3)
            #expect(lines[1] == "  WHERE { ?s ?p ?o FILTER(?o > ) }")
            #expect(lines[2] == "  " + String(repeating: " ", count: e.column! - 1) + "^")
        } catch { Issue.record("\(error)") }
    }

    @Test func undeclaredPrefixIsNamed() {
        #expect(throws: SPARQLError.self) { try Query.parse("SELECT * { ?s foo:bar ?o }") }
        do { _ = try Query.parse("SELECT * { ?s foo:bar ?o }") } catch let e as SPARQLError {
            #expect(e.message.contains("foo:"))
        } catch {}
    }

    /// Found by Fuzz/ (FuzzSPARQL): a local name starting with a combining mark (U+0670) forms one
    /// Character with the ':' and crashed the prefixed-name expansion (force-unwrapped colon search).
    @Test func prefixedNameWhoseLocalPartStartsWithACombiningMark() throws {
        let q = try Query.parse("PREFIX ex: <http://ex/> DESCRIBE ex:\u{670}a")
        #expect(q.describe == [.term(.iri("http://ex/\u{670}a"))])
        _ = try Query.parse("PREFIX : <http://ex/> CONSTRUCT { ?s :\u{670}p ?o } WHERE { ?s :\u{903}q ?o }")
    }

    @Test func relativeIRIsResolveAgainstBase() {
        #expect(IRIResolution.resolve("b/c", against: "http://ex/a/d") == "http://ex/a/b/c")
        #expect(IRIResolution.resolve("../x", against: "http://ex/a/b/c") == "http://ex/a/x")
        #expect(IRIResolution.resolve("#f", against: "http://ex/a") == "http://ex/a#f")
        #expect(IRIResolution.resolve("//h/p", against: "http://ex/a") == "http://h/p")
    }
}
