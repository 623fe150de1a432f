import Testing
@testable import RDF

@Suite struct TurtleDirectiveTests {
    @Test func prefixAndBaseForms() throws {
        let doc = """
        @prefix ex: <http://example.org/> .
        PREFIX p2: <http://two.org/>
        prefix p3: <http://three.org/>
        @base <http://base.org/dir/> .
        ex:s p2:p p3:o .
        <rel> <#frag> <../up> .
        BASE <http://other.org/x/y>
        <z> ex:p <> .
        """
        #expect(try lines(doc) == [
            "<http://example.org/s> <http://two.org/p> <http://three.org/o> .",
            "<http://base.org/dir/rel> <http://base.org/dir/#frag> <http://base.org/up> .",
            "<http://other.org/x/z> <http://example.org/p> <http://other.org/x/y> .",
        ])
    }

    @Test func prefixesAreRecordedInOrder() throws {
        var parser = RDFParser(format: .turtle)
        try parser.parse("@prefix b: <http://b/> .\nPREFIX a: <http://a/>\n@prefix : <http://empty/> .\n") { _ in }
        #expect(parser.prefixes.map(\.prefix) == ["b", "a", ""])
        #expect(parser.prefixes.map(\.namespace) == ["http://b/", "http://a/", "http://empty/"])
    }

    @Test func relativeBaseResolvesAgainstPreviousBase() throws {
        #expect(try lines("@base <sub/> . <x> <p> <y> .", base: "http://h.org/a/b") == [
            "<http://h.org/a/sub/x> <http://h.org/a/sub/p> <http://h.org/a/sub/y> .",
        ])
    }

    @Test func directiveErrors() {
        #expect(syntaxError("@prefix ex <http://x/> .") != nil)
        #expect(syntaxError("@prefix ex: <http://x/>") != nil)          // missing '.'
        #expect(syntaxError("PREFIX ex: <http://x/> .") != nil)          // SPARQL form takes no '.'
        #expect(syntaxError("@base <http://x/>") != nil)
        #expect(syntaxError("@foo <http://x/> .") != nil)
        #expect(syntaxError("@PREFIX ex: <http://x/> .") != nil)         // '@' forms are case-sensitive
        #expect(syntaxError("ex:s ex:p ex:o .")?.message.contains("undeclared prefix") == true)
        #expect(syntaxError("<a> <b> <c> .", base: nil)?.message.contains("no base") == true)
    }

    @Test func keywordsAreCaseInsensitiveButPrefixedNamesWin() throws {
        #expect(try lines("pReFiX x: <http://x/>\nbase <http://b/>\nx:s x:p <o> .") == ["<http://x/s> <http://x/p> <http://b/o> ."])
        #expect(try lines("@prefix base: <http://b/> . base:s base:p base:o .") == ["<http://b/s> <http://b/p> <http://b/o> ."])
    }
}

@Suite struct TurtleNameTests {
    @Test func prefixedNamesWithEscapesAndPercent() throws {
        let doc = prelude + #":s :p ex:a\~b\.c , ex:%41b , ex:a.b , ex:a:b:c , ex:\-x\-y , ex:_u , ex:123 , ex: ."#
        #expect(try lines(doc).map { $0.split(separator: " ")[2] } == [
            "<http://example.org/a~b.c>", "<http://example.org/%41b>", "<http://example.org/a.b>",
            "<http://example.org/a:b:c>", "<http://example.org/-x-y>", "<http://example.org/_u>",
            "<http://example.org/123>", "<http://example.org/>",
        ].map { Substring($0) })
    }

    @Test func trailingDotIsNotPartOfTheName() throws {
        #expect(try lines(prelude + ":s :p :o.") == ["<http://example.org/s> <http://example.org/p> <http://example.org/o> ."])
        #expect(try lines(prelude + ":s :p :o.x.") == ["<http://example.org/s> <http://example.org/p> <http://example.org/o.x> ."])
        #expect(try lines("@prefix a.b: <http://ab/> . a.b:s a.b:p a.b:o .") == ["<http://ab/s> <http://ab/p> <http://ab/o> ."])
    }

    @Test func nonASCIINames() throws {
        let doc = "@prefix é: <http://e/> . é:ŝ é:日本 é:a·b ."
        #expect(try lines(doc) == ["<http://e/ŝ> <http://e/日本> <http://e/a·b> ."])
    }

    @Test func aIsRdfType() throws {
        #expect(try lines(prelude + ":s a :C .") == ["<http://example.org/s> <\(RDFNS.type)> <http://example.org/C> ."])
        #expect(syntaxError(prelude + ":s :p a .") != nil)              // 'a' only as a verb
        #expect(syntaxError(prelude + "a :p :o .") != nil)
    }

    @Test func badNames() {
        #expect(syntaxError(prelude + #":s :p ex:a\q ."#) != nil)
        #expect(syntaxError(prelude + ":s :p ex:%4 .") != nil)
        #expect(syntaxError(prelude + ":s :p ex:%zz .") != nil)
        #expect(syntaxError(prelude + ":s :p foo .") != nil)
        #expect(syntaxError("@prefix .a: <http://x/> .") != nil)
        #expect(syntaxError("@prefix a.: <http://x/> .") != nil)
    }

    @Test func iriRefs() throws {
        #expect(try lines(#"<http://x/\u00E9\U0001F600> <http://x/p> <http://x/é> ."#) == ["<http://x/é😀> <http://x/p> <http://x/é> ."])
        #expect(syntaxError("<http://x/a b> <http://x/p> <http://x/o> .") != nil)
        #expect(syntaxError("<http://x/a{b> <http://x/p> <http://x/o> .") != nil)
        #expect(syntaxError(#"<http://x/\n> <http://x/p> <http://x/o> ."#) != nil)
        #expect(syntaxError(#"<http://x/\u00ZZ> <http://x/p> <http://x/o> ."#) != nil)
        #expect(syntaxError(#"<http://x/\uD800> <http://x/p> <http://x/o> ."#) != nil)
        #expect(syntaxError("<http://x/s> <http://x/p> <http://x/o") != nil)
    }
}

@Suite struct TurtleStructureTests {
    @Test func predicateAndObjectLists() throws {
        let doc = prelude + ":s :p :a , :b ; :q :c ;; ; :r :d ; ."
        #expect(try lines(doc) == [
            "<http://example.org/s> <http://example.org/p> <http://example.org/a> .",
            "<http://example.org/s> <http://example.org/p> <http://example.org/b> .",
            "<http://example.org/s> <http://example.org/q> <http://example.org/c> .",
            "<http://example.org/s> <http://example.org/r> <http://example.org/d> .",
        ])
        #expect(syntaxError(prelude + ":s :p :a , .") != nil)
        #expect(syntaxError(prelude + ":s :p .") != nil)
        #expect(syntaxError(prelude + ":s ; :p :o .") != nil)
        #expect(syntaxError(prelude + ":s :p :o") != nil)
        #expect(syntaxError(prelude + ":s :p :o :o2 .") != nil)
        #expect(syntaxError(prelude + ":s .") != nil)
    }

    @Test func blankNodes() throws {
        let doc = prelude + "_:a :p [] . [] :p _:a . _:_g1 :p :o . _:__g12 :p _:_x . _:_g1x :p _:g1 ."
        #expect(try lines(doc) == [
            "_:a <http://example.org/p> _:_g1 .",
            "_:_g2 <http://example.org/p> _:a .",
            "_:__g1 <http://example.org/p> <http://example.org/o> .",   // written labels never meet generated ones
            "_:___g12 <http://example.org/p> _:_x .",
            "_:_g1x <http://example.org/p> _:g1 .",
        ])
        #expect(syntaxError(prelude + ":s _:b :o .") != nil)
        #expect(syntaxError(prelude + "_:.a :p :o .") != nil)
        #expect(syntaxError(prelude + "[] .") != nil)
    }

    @Test func blankNodePrefixIsApplied() throws {
        var parser = RDFParser(format: .turtle, baseIRI: exNS, blankNodePrefix: "f1_")
        var quads: [Quad] = []
        try parser.parse("_:x <p> [ <q> _:y ] .") { quads.append($0) }
        #expect(quads.map { String(NTriplesWriter.line($0).dropLast()) } == [
            "_:f1_x <http://example.org/p> _:f1__g1 .",
            "_:f1__g1 <http://example.org/q> _:f1_y .",
        ])
    }

    @Test func blankNodePropertyLists() throws {
        let doc = prelude + ":s :p [ :q :o ; :r [ :t 1 ] ] . [ :a :b ] . [ :c :d ] :e :f ."
        #expect(try lines(doc) == [
            "<http://example.org/s> <http://example.org/p> _:_g1 .",
            "_:_g1 <http://example.org/q> <http://example.org/o> .",
            "_:_g1 <http://example.org/r> _:_g2 .",
            "_:_g2 <http://example.org/t> \"1\"^^<\(XSD.integer)> .",
            "_:_g3 <http://example.org/a> <http://example.org/b> .",
            "_:_g4 <http://example.org/c> <http://example.org/d> .",
            "_:_g4 <http://example.org/e> <http://example.org/f> .",
        ])
        #expect(syntaxError(prelude + ":s :p [ :q ] .") != nil)
        #expect(syntaxError(prelude + ":s :p [ :q :o .") != nil)
        #expect(syntaxError(prelude + ":s :p [ :q :o ; ] ] .") != nil)
    }

    @Test func collections() throws {
        let first = "<\(RDFNS.first)>", rest = "<\(RDFNS.rest)>", nilIRI = "<\(RDFNS.nil)>"
        let doc = prelude + ":s :p ( :a ( ) [ :q :r ] ( 1 ) ) . ( :x ) :p () ."
        #expect(try lines(doc) == [
            "<http://example.org/s> <http://example.org/p> _:_g1 .",
            "_:_g1 \(first) <http://example.org/a> .",
            "_:_g1 \(rest) _:_g2 .",
            "_:_g2 \(first) \(nilIRI) .",
            "_:_g2 \(rest) _:_g4 .",
            "_:_g4 \(first) _:_g3 .",
            "_:_g3 <http://example.org/q> <http://example.org/r> .",
            "_:_g4 \(rest) _:_g6 .",
            "_:_g6 \(first) _:_g5 .",
            "_:_g5 \(first) \"1\"^^<\(XSD.integer)> .",
            "_:_g5 \(rest) \(nilIRI) .",
            "_:_g6 \(rest) \(nilIRI) .",
            "_:_g7 \(first) <http://example.org/x> .",
            "_:_g7 \(rest) \(nilIRI) .",
            "_:_g7 <http://example.org/p> \(nilIRI) .",
        ])
        #expect(syntaxError(prelude + ":s :p ( :a .") != nil)
        #expect(syntaxError(prelude + "( :a ) .") != nil)             // a collection subject needs predicates
        #expect(syntaxError(prelude + ":s :p ( :a , :b ) .") != nil)
    }

    @Test func literalsAreNotSubjectsOrPredicates() {
        #expect(syntaxError(prelude + "\"x\" :p :o .") != nil)
        #expect(syntaxError(prelude + ":s \"x\" :o .") != nil)
        #expect(syntaxError(prelude + "1 :p :o .") != nil)
        #expect(syntaxError(prelude + ":s [] :o .") != nil)
        #expect(syntaxError(prelude + ":s _:b :o .") != nil)
        #expect(syntaxError(prelude + "{ :s :p :o }") != nil)           // graphs are TriG only
    }

    @Test func commentsAndWhitespace() throws {
        let doc = "# head\n" + prelude + ":s#c1\n\t:p # c2\r\n :o # c3\n. # end"
        #expect(try lines(doc) == ["<http://example.org/s> <http://example.org/p> <http://example.org/o> ."])
        #expect(try lines("") == [])
        #expect(try lines("  # only a comment") == [])
        #expect(try lines("\u{FEFF}<a> <b> <c> .").count == 1)            // byte order mark
    }
}
