import Foundation
import Testing
@testable import RDF

@Suite struct StreamingTests {
    static let turtleDoc = "\u{FEFF}# A comment that is longer than a small chunk, to cross a boundary.\n" + prelude + """
    @base <http://example.org/base/> .
    :s :p "short", 'single', \"\"\"long
    string with "quotes" and # no comment\"\"\" ;
       :n 1.5, 42, -3e7, .5 ; :b true ;
       :l ( 1 2 [ :q "x"@en-GB ] ) ;
       :r <rel> , _:lbl , [] .
    :é\\~x :p :o.
    PREFIX q: <http://q.org/>
    q:a q:b q:c.q .
    """

    func parseFile(_ text: String, _ format: RDFFormat, chunk: Int) throws -> [Quad] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rdf-stream-\(UUID().uuidString).\(format.rawValue)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var parser = RDFParser(format: format, baseIRI: "http://example.org/base/")
        parser.chunkSize = chunk
        var quads: [Quad] = []
        try parser.parse(fileAt: url.path) { quads.append($0) }
        return quads
    }

    @Test(arguments: [4, 5, 7, 13, 64, 1 << 20])
    func turtleChunksGiveTheSameQuads(chunk: Int) throws {
        let expected = try RDFParser.parseAll(Self.turtleDoc, format: .turtle, baseIRI: "http://example.org/base/")
        #expect(expected.count == 21)
        #expect(try parseFile(Self.turtleDoc, .turtle, chunk: chunk) == expected)
        let trig = "@prefix : <http://example.org/> .\n:g { :s :p 1 . :s :q \"\"\"a\nb\"\"\" }\n{ :a :b :c }\n"
        #expect(try parseFile(trig, .trig, chunk: chunk) == RDFParser.parseAll(trig, format: .trig))
    }

    @Test(arguments: [4, 9, 33, 1 << 20])
    func ntriplesChunks(chunk: Int) throws {
        var text = ""
        for i in 0..<300 {
            text += "<http://x/s\(i)> <http://x/p> \"value \(i) é\"@en . # c\n"
            if i % 7 == 0 { text += "\n# comment line\n_:b\(i) <http://x/p> <http://x/o\(i)> <http://x/g> .\r\n" }
        }
        let expected = try RDFParser.parseAll(text, format: .nquads)
        #expect(expected.count == 343)
        #expect(try parseFile(text, .nquads, chunk: chunk) == expected)
    }

    @Test func errorPositionAcrossChunks() throws {
        var text = ""
        for i in 0..<50 { text += "<http://x/s\(i)> <http://x/p> <http://x/o> .\n" }
        text += "<http://x/s> <http://x/p> <http://x/o> <oops> .\n"
        do {
            _ = try parseFile(text, .ntriples, chunk: 16)
            Issue.record("no error")
        } catch let e as RDFSyntaxError {
            #expect(e.line == 51)
            #expect(e.column == 40)
            #expect(e.file?.hasSuffix(".ntriples") == true)
        }
    }

    @Test func fileDefaultsAndMissingFile() throws {
        var parser = RDFParser(format: .turtle)
        #expect(throws: RDFSyntaxError.self) { try parser.parse(fileAt: "/nonexistent/file.ttl") { _ in } }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rdf-base-\(UUID().uuidString).ttl")
        try Data("<a> <b> <#c> .".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var quads: [Quad] = []
        try parser.parse(fileAt: url.path) { quads.append($0) }
        #expect(quads.first?.subject.iriValue?.hasPrefix("file:///") == true)
        #expect(quads.first?.object.iriValue?.hasSuffix(".ttl#c") == true)
    }

    @Test func emitErrorsPropagate() {
        struct Stop: Error {}
        var parser = RDFParser(format: .ntriples)
        var seen = 0
        #expect(throws: Stop.self) {
            try parser.parse("<http://x/a> <http://x/b> <http://x/c> .\n<http://x/a> <http://x/b> <http://x/d> .\n") { _ in
                seen += 1
                throw Stop()
            }
        }
        #expect(seen == 1)
    }

    /// A rough speed figure (debug build, so far below release speed); printed, not asserted.
    @Test func roughSpeed() throws {
        var text = ""
        let n = 100_000
        text.reserveCapacity(n * 90)
        for i in 0..<n {
            text += "<http://example.org/entity/\(i)> <http://example.org/ontology#name> \"Entity number \(i)\"@en .\n"
        }
        let bytes = Array(text.utf8)
        var parser = RDFParser(format: .ntriples)
        var count = 0
        let start = ContinuousClock.now
        try parser.parse(bytes) { _ in count += 1 }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        #expect(count == n)
        print("N-Triples: \(n) triples in \(seconds) s = \(Int(Double(n) / max(seconds, 1e-9))) triples/s")

        let turtle = "@prefix e: <http://example.org/entity/> .\n@prefix o: <http://example.org/ontology#> .\n"
            + (0..<(n / 2)).map { "e:\($0) a o:Thing ; o:name \"Entity \($0)\"@en , \"E\($0)\" ; o:rank \($0) .\n" }.joined()
        var tparser = RDFParser(format: .turtle)
        count = 0
        let t0 = ContinuousClock.now
        try tparser.parse(turtle) { _ in count += 1 }
        let ts = (ContinuousClock.now - t0) / .seconds(1)
        print("Turtle: \(count) triples in \(ts) s = \(Int(Double(count) / max(ts, 1e-9))) triples/s")
    }
}
