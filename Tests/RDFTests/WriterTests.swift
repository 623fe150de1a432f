import Testing
@testable import RDF

@Suite struct WriterTests {
    static let tricky: [Triple] = {
        let s = Term.iri("http://example.org/s")
        let p = Term.iri("http://example.org/p")
        let objects: [Term] = [
            .string("plain"), .string("quote \" backslash \\ tab \t cr \r nl \n bell \u{07} del \u{7F}"),
            .string("multi\nline \"\"\" with quotes\""), .string(""), .lang("chat", "fr"), .lang("x", "EN-gb"),
            .typed("01", XSD.integer), .typed("1.50", XSD.decimal), .typed("1e3", XSD.double), .typed(".5", XSD.decimal),
            .typed("1.", XSD.decimal), .typed("abc", XSD.integer), .typed("true", XSD.boolean), .typed("TRUE", XSD.boolean),
            .typed("x", "http://example.org/dt"), .typed("y", "http://other.org/dt#z"),
            .iri("http://example.org/a.b"), .iri("http://example.org/ends."), .iri("http://example.org/with space"),
            .iri("http://example.org/a/b"), .iri("http://example.org/"), .iri("http://x/é<>{}|^`\\\""),
            .blank("b1"), .blank("has space"), .string("emoji 😀 é"),
        ]
        var triples = objects.map { Triple(s, p, $0) }
        triples.append(Triple(.blank("b1"), .iri(RDFNS.type), .iri("http://example.org/C")))
        triples.append(Triple(s, .iri(RDFNS.type), .iri("http://example.org/C")))
        triples.append(Triple(.iri("http://other.org/s"), p, .string("later")))
        return triples
    }()

    @Test func ntriplesLines() {
        let q = Quad(.iri("http://x/s"), .iri("http://x/p"), .lang("a\"b", "en"))
        #expect(NTriplesWriter.line(q) == "<http://x/s> <http://x/p> \"a\\\"b\"@en .\n")
        let g = Quad(.blank("b"), .iri("http://x/p"), .typed("1", XSD.integer), graph: .iri("http://x/g"))
        #expect(NTriplesWriter.line(g) == "_:b <http://x/p> \"1\"^^<\(XSD.integer)> <http://x/g> .\n")
    }

    @Test func ntriplesRoundTrip() throws {
        var quads = Self.tricky.map { Quad($0) }
        quads.append(Quad(.iri("http://x/s"), .iri("http://x/p"), .string("in graph"), graph: .blank("g")))
        let text = quads.map(NTriplesWriter.line).joined()
        let back = try RDFParser.parseAll(text, format: .nquads)
        let expected = quads.map { q -> Quad in
            var q = q
            if q.object == .blank("has space") { q.object = .blank(NTriplesWriter.blankLabel("has space")) }
            return q
        }
        #expect(back == expected)
        let triplesOnly = Self.tricky.map { NTriplesWriter.line(Quad($0)) }.joined()
        #expect(try RDFParser.parseAll(triplesOnly, format: .ntriples).count == Self.tricky.count)
    }

    @Test func turtleRoundTrip() throws {
        let writer = TurtleWriter(prefixes: [(prefix: "ex", namespace: "http://example.org/"),
                                            (prefix: "xsd", namespace: XSD.ns), (prefix: "bad name", namespace: "http://bad/")])
        let text = writer.write(Self.tricky)
        let back = try RDFParser.parseAll(text, format: .turtle)
        let expected = Self.tricky.map { t -> Triple in
            var t = t
            if t.object == .blank("has space") { t.object = .blank(NTriplesWriter.blankLabel("has space")) }
            return t
        }
        #expect(Set(back.map(\.triple)) == Set(expected))
        #expect(back.count == expected.count)
        #expect(!text.contains("bad name"))
    }

    @Test func turtleIsReadable() {
        let s = Term.iri("http://example.org/s"), p = Term.iri("http://example.org/p")
        let text = TurtleWriter(prefixes: [(prefix: "ex", namespace: "http://example.org/")]).write([
            Triple(s, .iri(RDFNS.type), .iri("http://example.org/C")),
            Triple(s, p, .string("a")),
            Triple(s, p, .typed("2", XSD.integer)),
            Triple(.iri("http://example.org/t"), p, .typed("true", XSD.boolean)),
        ])
        #expect(text == """
        @prefix ex: <http://example.org/> .

        ex:s a ex:C ;
            ex:p "a", 2 .

        ex:t ex:p true .

        """)
    }

    @Test func prefixedNamesOnlyForPlainLocalNames() {
        let w = TurtleWriter(prefixes: [(prefix: "ex", namespace: "http://e/"), (prefix: "", namespace: "http://e/x/")])
        #expect(w.name("http://e/abc") == "ex:abc")
        #expect(w.name("http://e/x/abc") == ":abc")            // the longer namespace wins
        #expect(w.name("http://e/a.") == "<http://e/a.>")
        #expect(w.name("http://e/a~b") == "<http://e/a~b>")
        #expect(w.name("http://e/a/b") == "ex:a/b" ? false : true)
        #expect(w.name("http://e/") == "ex:")
    }

    @Test func numberForms() {
        #expect(TurtleWriter.numberKind("-12") == XSD.integer)
        #expect(TurtleWriter.numberKind("1.5") == XSD.decimal)
        #expect(TurtleWriter.numberKind("1.") == nil)
        #expect(TurtleWriter.numberKind("1.e5") == XSD.double)
        #expect(TurtleWriter.numberKind(".e5") == nil)
        #expect(TurtleWriter.numberKind("1e") == nil)
        #expect(TurtleWriter.numberKind("") == nil)
    }
}
