import Testing
@testable import RDF

@Suite struct TurtleLiteralTests {
    func objects(_ body: String) throws -> [Term] {
        try RDFParser.parseAll(prelude + ":s :p " + body + " .", format: .turtle, baseIRI: "http://example.org/base/doc").map(\.object)
    }

    @Test func quoteStyles() throws {
        #expect(try objects(#""a", 'b', """c"d""e""", '''f'g''h''', "", '', """""", ''''''"#) == [
            .string("a"), .string("b"), .string("c\"d\"\"e"), .string("f'g''h"),
            .string(""), .string(""), .string(""), .string(""),
        ])
    }

    @Test func longStringsKeepLineBreaks() throws {
        #expect(try objects("\"\"\"line1\nline2\r\n\"\"\"") == [.string("line1\nline2\r\n")])
        #expect(try objects("'''x\n'''") == [.string("x\n")])
    }

    @Test func escapes() throws {
        #expect(try objects(#""\t\b\n\r\f\"\'\\""#) == [.string("\t\u{08}\n\r\u{0C}\"'\\")])
        #expect(try objects(#""\u00e9\U0001F600x", '''\u0041\n'''"#) == [.string("é😀x"), .string("A\n")])
        #expect(try objects(#""""a\"""b""""#) == [.string("a\"\"\"b")])
    }

    @Test func badStrings() {
        #expect(syntaxError(prelude + ":s :p \"a\nb\" .") != nil)
        #expect(syntaxError(prelude + ":s :p 'a\rb' .") != nil)
        #expect(syntaxError(prelude + #":s :p "\a" ."#) != nil)
        #expect(syntaxError(prelude + #":s :p "\u12" ."#) != nil)
        #expect(syntaxError(prelude + #":s :p "\uDC00" ."#) != nil)
        #expect(syntaxError(prelude + #":s :p "\U00110000" ."#) != nil)
        #expect(syntaxError(prelude + #":s :p "abc ."#) != nil)
        #expect(syntaxError(prelude + #":s :p """abc" ."#) != nil)
        #expect(syntaxError(prelude + #":s :p """a"""" ."#) != nil)
    }

    @Test func languageTagsKeptAsWritten() throws {
        #expect(try objects(#""chat"@fr, "colour"@en-GB, 'x'@EN-latn-1997, """y"""@de"#) == [
            .lang("chat", "fr"), .lang("colour", "en-GB"), .lang("x", "EN-latn-1997"), .lang("y", "de"),
        ])
        #expect(syntaxError(prelude + ":s :p \"x\"@ .") != nil)
        #expect(syntaxError(prelude + ":s :p \"x\"@en- .") != nil)
        #expect(syntaxError(prelude + ":s :p \"x\"@1en .") != nil)
    }

    @Test func datatypes() throws {
        #expect(try objects(#""01"^^<http://www.w3.org/2001/XMLSchema#integer>, "x"^^ex:dt, "y" ^^ <rel>"#) == [
            .typed("01", XSD.integer), .typed("x", exNS + "dt"), .typed("y", "http://example.org/base/rel"),
        ])
        #expect(syntaxError(prelude + ":s :p \"x\"^ex:dt .") != nil)
        #expect(syntaxError(prelude + ":s :p \"x\"^^\"y\" .") != nil)
        #expect(syntaxError(prelude + ":s :p \"x\"@en^^ex:dt .") != nil)
    }

    @Test func numbersKeepTheirLexicalForm() throws {
        #expect(try objects("1, -05, +7, 0.50, .5, -1.0, 1e3, 1.E-2, .5e+10, -0.0e0, 1.e5, 007") == [
            .typed("1", XSD.integer), .typed("-05", XSD.integer), .typed("+7", XSD.integer),
            .typed("0.50", XSD.decimal), .typed(".5", XSD.decimal), .typed("-1.0", XSD.decimal),
            .typed("1e3", XSD.double), .typed("1.E-2", XSD.double), .typed(".5e+10", XSD.double),
            .typed("-0.0e0", XSD.double), .typed("1.e5", XSD.double), .typed("007", XSD.integer),
        ])
    }

    @Test func numberAtEndOfStatement() throws {
        #expect(try objects("1") == [.typed("1", XSD.integer)])
        #expect(try RDFParser.parseAll(prelude + ":s :p 1.", format: .turtle).map(\.object) == [.typed("1", XSD.integer)])
        #expect(try RDFParser.parseAll(prelude + ":s :p 1.5.", format: .turtle).map(\.object) == [.typed("1.5", XSD.decimal)])
    }

    @Test func badNumbers() {
        #expect(syntaxError(prelude + ":s :p + .") != nil)
        #expect(syntaxError(prelude + ":s :p 1e .") != nil)
        #expect(syntaxError(prelude + ":s :p 1e+ .") != nil)
        #expect(syntaxError(prelude + ":s :p . .") != nil)
    }

    @Test func booleans() throws {
        #expect(try objects("true, false") == [.typed("true", XSD.boolean), .typed("false", XSD.boolean)])
        #expect(syntaxError(prelude + ":s :p TRUE .") != nil)
        #expect(syntaxError(prelude + ":s :p truex .") != nil)
        #expect(try lines("@prefix true: <http://t/> . true:s true:p true .") == [
            "<http://t/s> <http://t/p> \"true\"^^<\(XSD.boolean)> .",
        ])
    }

    @Test func invalidUTF8IsRejected() {
        var parser = RDFParser(format: .turtle, baseIRI: exNS)
        let bytes = Array("<s> <p> \"a".utf8) + [0xFF, 0xFE] + Array("\" .".utf8)
        #expect(throws: RDFSyntaxError.self) { try parser.parse(bytes) { _ in } }
        let iri = Array("<s> <p> <a".utf8) + [0xC3] + Array("> .".utf8)
        #expect(throws: RDFSyntaxError.self) { try parser.parse(iri) { _ in } }
    }
}
