import Testing
import RDF
@testable import SPARQL

@Suite struct ResultFormatTests {
    let result = QueryResult.bindings(variables: ["x", "y"], rows: [
        [.iri("http://ex/a"), .lang("chat \"1\"", "fr")],
        [.blank("b0"), nil],
        [.typed("5", XSD.integer), .string("a,b\nc")],
    ])

    @Test func json() {
        let out = ResultWriter.write(result, format: .json)
        #expect(out == """
            {"head":{"vars":["x","y"]},"results":{"bindings":[{"x":{"type":"uri","value":"http://ex/a"},"y":{"type":"literal","value":"chat \\"1\\"","xml:lang":"fr"}},
            {"x":{"type":"bnode","value":"b0"}},
            {"x":{"type":"literal","value":"5","datatype":"http://www.w3.org/2001/XMLSchema#integer"},"y":{"type":"literal","value":"a,b\\nc"}}]}}

            """)
        #expect(ResultWriter.write(.boolean(true), format: .json) == "{\"head\":{},\"boolean\":true}\n")
    }

    /// XML 1.0 has no way to write most control characters: they become U+FFFD, and the document
    /// stays well-formed (the hardening issue's class 13).
    @Test func xmlOfControlCharactersIsWellFormed() throws {
        let out = ResultWriter.write(.bindings(variables: ["x"], rows: [[.string("a\u{01}b\rc\u{1B}[31m")]]), format: .xml)
        #expect(out.contains("<literal>a\u{FFFD}b&#xD;c\u{FFFD}[31m</literal>"), "\(out)")
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func xml() {
        let out = ResultWriter.write(result, format: .xml)
        #expect(out.hasPrefix("<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"))
        #expect(out.contains("<variable name=\"x\"/>"))
        #expect(out.contains("<binding name=\"x\"><uri>http://ex/a</uri></binding>"))
        #expect(out.contains("<binding name=\"y\"><literal xml:lang=\"fr\">chat &quot;1&quot;</literal></binding>"))
        #expect(out.contains("<binding name=\"x\"><bnode>b0</bnode></binding>"))
        #expect(out.contains("<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">5</literal>"))
        #expect(ResultWriter.write(.boolean(false), format: .xml).contains("<boolean>false</boolean>"))
    }

    @Test func csv() {
        #expect(ResultWriter.write(result, format: .csv) ==
                "x,y\r\nhttp://ex/a,\"chat \"\"1\"\"\"\r\n_:b0,\r\n5,\"a,b\nc\"\r\n")
    }

    @Test func tsv() {
        #expect(ResultWriter.write(result, format: .tsv) ==
                "?x\t?y\n<http://ex/a>\t\"chat \\\"1\\\"\"@fr\n_:b0\t\n5\t\"a,b\\nc\"\n")
    }

    @Test func tableIsAlignedAndUsesLabels() {
        let out = ResultWriter.write(result, format: .table) { $0 == .iri("http://ex/a") ? "Alpha" : nil }
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines[0] == "?x     ?y")
        #expect(lines[1] == "-----  -------------")
        #expect(lines[2] == "Alpha  \"chat \"1\"\"@fr")
        #expect(lines[3].hasPrefix("_:b0"))
        #expect(lines.last == "(3 rows)")
        let raw = ResultWriter.write(result, format: .table)
        #expect(raw.contains("<http://ex/a>"))
    }

    @Test func graphs() {
        let g = QueryResult.graph([Triple(.iri("http://ex/a"), .iri(RDFNS.type), .iri(KG.ns + "Person")),
                                   Triple(.iri("http://ex/a"), .iri(RDFS.label), .lang("A", "en"))])
        #expect(ResultWriter.write(g, format: .ntriples) ==
                "<http://ex/a> <\(RDFNS.type)> <\(KG.ns)Person> .\n<http://ex/a> <\(RDFS.label)> \"A\"@en .\n")
        let ttl = ResultWriter.write(g, format: .turtle)
        #expect(ttl.contains("<http://ex/a> a kg:Person ;\n    rdfs:label \"A\"@en .\n"))
        #expect(ResultWriter.write(g, format: .json) == ResultWriter.write(g, format: .ntriples))
    }

    @Test func rdfXML() {
        let g = QueryResult.graph([
            Triple(.iri("http://ex/a?x=1&y=2"), .iri(RDFNS.type), .iri(KG.ns + "Person")),
            Triple(.blank("b0"), .iri("http://ex/v1/name"), .lang("<A & B>", "en")),
            Triple(.blank("with space"), .iri("http://ex/n"), .typed("5", XSD.integer)),
            Triple(.iri("http://ex/a"), .iri("http://ex/1"), .blank("b0")),
        ])
        let out = ResultWriter.write(g, format: .rdfxml)
        #expect(out.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF xmlns:rdf=\"\(RDFNS.ns)\">\n"))
        #expect(out.hasSuffix("</rdf:RDF>\n"))
        #expect(out.contains("<rdf:Description rdf:about=\"http://ex/a?x=1&amp;y=2\">\n    <p:type xmlns:p=\"\(RDFNS.ns)\" rdf:resource=\"\(KG.ns)Person\"/>"))
        #expect(out.contains("<rdf:Description rdf:nodeID=\"bb0\">\n    <p:name xmlns:p=\"http://ex/v1/\" xml:lang=\"en\">&lt;A &amp; B&gt;</p:name>"))
        #expect(out.contains("rdf:nodeID=\"x77697468207370616365\""), "a label that is no XML name, in hex")
        #expect(out.contains("rdf:datatype=\"\(XSD.integer)\">5</p:n>"))
        #expect(out.contains("<!-- left out: a triple whose predicate &lt;http://ex/1&gt; RDF/XML cannot name -->"))
        #expect(RDFXMLWriter.split("http://ex/a#b.c-1") ?? ("", "") == ("http://ex/a#", "b.c-1"))
        #expect(RDFXMLWriter.split("http://ex/_9") ?? ("", "") == ("http://ex/", "_9"))
        #expect(RDFXMLWriter.split("http://ex/9") == nil)
        // solutions asked in a graph format are a table, as for Turtle
        #expect(ResultWriter.write(result, format: .rdfxml) == ResultWriter.write(result, format: .table))
    }
}
