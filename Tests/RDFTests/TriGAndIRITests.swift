import Testing
@testable import RDF

@Suite struct TriGTests {
    @Test func graphs() throws {
        let doc = """
        @prefix : <http://example.org/> .
        :g1 { :s :p :o . :s :q :r }
        GRAPH :g2 { :a :b :c . }
        { :d :e :f }
        _:bg { :x :y :z }
        [] { :x :y :w }
        graph [] { }
        :t :u :v .
        [ :k :l ] .
        """
        let quads = try RDFParser.parseAll(doc, format: .trig)
        #expect(quads.map { String(NTriplesWriter.line($0).dropLast()) } == [
            "<http://example.org/s> <http://example.org/p> <http://example.org/o> <http://example.org/g1> .",
            "<http://example.org/s> <http://example.org/q> <http://example.org/r> <http://example.org/g1> .",
            "<http://example.org/a> <http://example.org/b> <http://example.org/c> <http://example.org/g2> .",
            "<http://example.org/d> <http://example.org/e> <http://example.org/f> .",
            "<http://example.org/x> <http://example.org/y> <http://example.org/z> _:bg .",
            "<http://example.org/x> <http://example.org/y> <http://example.org/w> _:_g1 .",
            "<http://example.org/t> <http://example.org/u> <http://example.org/v> .",
            "_:_g3 <http://example.org/k> <http://example.org/l> .",
        ])
    }

    @Test func nestedStructuresInsideGraphs() throws {
        let quads = try RDFParser.parseAll("@prefix : <http://e/> . :g { :s :p [ :q ( 1 2 ) ] . }", format: .trig)
        #expect(quads.count == 6)
        #expect(quads.allSatisfy { $0.graph == .iri("http://e/g") })
    }

    @Test func badTriG() {
        let p = "@prefix : <http://e/> .\n"
        #expect(syntaxError(p + ":g { :s :p :o ", .trig) != nil)
        #expect(syntaxError(p + ":g { :s :p :o } .", .trig) != nil)
        #expect(syntaxError(p + ":g { { :s :p :o } }", .trig) != nil)
        #expect(syntaxError(p + ":g { @prefix x: <http://x/> . }", .trig) != nil)
        #expect(syntaxError(p + "\"lit\" { :s :p :o }", .trig) != nil)
        #expect(syntaxError(p + "GRAPH { :s :p :o }", .trig) != nil)
        #expect(syntaxError(p + ":g { :s :p :o . . }", .trig) != nil)
        #expect(syntaxError(p + ":s :p :o", .trig) != nil)
    }
}

@Suite struct IRIResolutionTests {
    /// RFC 3986 §5.4.1 normal examples.
    @Test(arguments: [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
        ("../../g", "http://a/g"),
    ])
    func normalExamples(reference: String, expected: String) throws {
        #expect(IRIResolver.resolve(reference, against: "http://a/b/c/d;p?q") == expected)
        // and through the parser
        let quads = try RDFParser.parseAll("<\(reference)> <http://p/> <http://o/> .", format: .turtle, baseIRI: "http://a/b/c/d;p?q")
        let subject = reference == "g:h" ? "g:h" : expected
        #expect(quads.first?.subject == .iri(subject))
    }

    /// RFC 3986 §5.4.2 abnormal examples (the strict ones).
    @Test(arguments: [
        ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
        ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
        ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"),
    ])
    func abnormalExamples(reference: String, expected: String) {
        #expect(IRIResolver.resolve(reference, against: "http://a/b/c/d;p?q") == expected)
    }

    @Test func baseWithoutPath() {
        #expect(IRIResolver.resolve("g", against: "http://a") == "http://a/g")
        #expect(IRIResolver.resolve("#f", against: "urn:x:y") == "urn:x:y#f")
    }
}
