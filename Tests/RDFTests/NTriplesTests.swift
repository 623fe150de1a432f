import Testing
@testable import RDF

@Suite struct NTriplesTests {
    @Test func basicLines() throws {
        let doc = """
        # comment
        <http://x/s> <http://x/p> <http://x/o> .
        _:b1 <http://x/p> "plain" . # trailing comment

        <http://x/s>\t<http://x/p>\t"chat"@fr.
        <http://x/s> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
        <http://x/s> <http://x/p> "esc \\" \\\\ \\n \\u00E9 \\U0001F600" .
        """
        let quads = try RDFParser.parseAll(doc, format: .ntriples)
        #expect(quads.map(\.object) == [
            .iri("http://x/o"), .string("plain"), .lang("chat", "fr"), .typed("1", XSD.integer),
            .string("esc \" \\ \n é 😀"),
        ])
        #expect(quads[1].subject == .blank("b1"))
        #expect(quads.allSatisfy { $0.graph == nil })
    }

    @Test func crlfAndNoFinalNewline() throws {
        #expect(try lines("<http://x/s> <http://x/p> <http://x/o> .\r\n<http://x/s> <http://x/p> <http://x/o2> .", .ntriples).count == 2)
    }

    @Test func strictModeRejectsTurtle() {
        let turtleOnly = [
            "@prefix ex: <http://x/> .",
            "PREFIX ex: <http://x/>",
            "<http://x/s> a <http://x/C> .",
            "<http://x/s> <http://x/p> ex:o .",
            "<http://x/s> <http://x/p> 1 .",
            "<http://x/s> <http://x/p> true .",
            "<http://x/s> <http://x/p> 'x' .",
            "<http://x/s> <http://x/p> \"\"\"x\"\"\" .",
            "<http://x/s> <http://x/p> [] .",
            "<http://x/s> <http://x/p> ( ) .",
            "<http://x/s> <http://x/p> <http://x/o> ; <http://x/q> <http://x/o> .",
            "<http://x/s> <http://x/p> <http://x/o> , <http://x/o2> .",
            "<http://x/s> <http://x/p> <relative> .",
            "<http://x/s> <http://x/p> <http://x/o>",
            "<http://x/s> <http://x/p> <http://x/o> . <http://x/s> <http://x/p> <http://x/o> .",
            "<http://x/s>\n<http://x/p> <http://x/o> .",
            "<http://x/s> <http://x/p> \"x\"^^<http://x/dt> <http://x/g> .",   // graph only in N-Quads
            "<http://x/s> <http://x/p> \"x\"^^xsd:string .",
        ]
        for doc in turtleOnly {
            #expect(syntaxError(doc, .ntriples, base: "http://base/") != nil, "accepted: \(doc)")
        }
    }

    @Test func nquads() throws {
        let doc = """
        <http://x/s> <http://x/p> <http://x/o> <http://x/g> .
        <http://x/s> <http://x/p> "v" _:g .
        <http://x/s> <http://x/p> "v"@en .
        """
        let quads = try RDFParser.parseAll(doc, format: .nquads)
        #expect(quads.map(\.graph) == [.iri("http://x/g"), .blank("g"), nil])
        #expect(syntaxError("<http://x/s> <http://x/p> <http://x/o> \"g\" .", .nquads) != nil)
        #expect(syntaxError("<http://x/s> <http://x/p> <http://x/o> <http://x/g> <http://x/h> .", .nquads) != nil)
    }

    @Test func ucharInIRIs() throws {
        let quads = try RDFParser.parseAll(#"<http://x/\u0041\U00000042> <http://x/p> <http://x/a\u0020b> ."#, format: .ntriples)
        #expect(quads.first?.subject == .iri("http://x/AB"))
        #expect(quads.first?.object == .iri("http://x/a b"))   // what NTriplesEscaping writes for a space
    }

    @Test func errorPositions() {
        let e = syntaxError("<http://x/s> <http://x/p> <http://x/o> .\n<http://x/s> <http://x/p> \"é\" x", .ntriples)
        #expect(e?.line == 2)
        #expect(e?.column == 31)
        #expect(e?.description == "<input>:2:31: expected '.' at the end of the statement")

        var parser = RDFParser(format: .turtle, baseIRI: "http://b/", file: "data.ttl")
        do {
            try parser.parse("<s> <p> <o> .\n\n  <s> <p> \"unterminated .\n") { _ in }
            Issue.record("no error")
        } catch let error as RDFSyntaxError {
            #expect(error.file == "data.ttl")
            #expect(error.line == 3)
            #expect(error.column == 26)   // where the line break is
            #expect(error.description.hasPrefix("data.ttl:3:26: "))
        } catch {
            Issue.record("wrong error \(error)")
        }
        #expect(syntaxError("@prefix : <http://x/> .\n:s :p :o ;\n   :q .")?.line == 3)
        #expect(syntaxError("@prefix : <http://x/> .\n:s :p :o ;\n   :q .")?.column == 7)
    }

    @Test func formatNames() {
        #expect(RDFFormat(fileExtension: "TTL") == .turtle)
        #expect(RDFFormat(fileExtension: "nt") == .ntriples)
        #expect(RDFFormat(fileExtension: "nq") == .nquads)
        #expect(RDFFormat(fileExtension: "trig") == .trig)
        #expect(RDFFormat(fileExtension: "xml") == nil)
        #expect(RDFFormat(name: "turtle") == .turtle)
        #expect(RDFFormat(name: "ttl") == .turtle)
        #expect(RDFFormat(name: "NTriples") == .ntriples)
        #expect(RDFFormat(name: "nq") == .nquads)
        #expect(RDFFormat(name: "trig") == .trig)
        #expect(RDFFormat(name: "rdfxml") == nil)
    }
}
