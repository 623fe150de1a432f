import Foundation
import Testing
@testable import RDF

/// `RDFParser.parseIDs`, the bulk-load path: terms recognised by their spelling must give exactly what
/// `parse` gives, accept and reject the same input, and call `intern` once per distinct spelling.
@Suite struct ParseIDsTests {
    enum Outcome: Equatable {
        case quads([Quad])
        case error(line: Int, column: Int)
    }

    func withFile<T>(_ text: String, _ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rdf-ids-\(UUID().uuidString).nq")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    func plain(_ text: String, _ format: RDFFormat, chunk: Int) throws -> Outcome {
        try withFile(text) { path in
            var parser = RDFParser(format: format, blankNodePrefix: "f_")
            parser.chunkSize = chunk
            var quads: [Quad] = []
            do { try parser.parse(fileAt: path) { quads.append($0) } } catch let e as RDFSyntaxError {
                return .error(line: e.line, column: e.column)
            }
            return .quads(quads)
        }
    }

    /// parseIDs with an intern that numbers distinct terms; quads rebuilt from the ids. `calls` counts interns.
    func fast(_ text: String, _ format: RDFFormat, chunk: Int, keepGraphs: Bool = true, spellingLimit: Int = 32 << 20,
              calls: inout Int) throws -> Outcome {
        var n = 0
        let outcome = try withFile(text) { path -> Outcome in
            var parser = RDFParser(format: format, blankNodePrefix: "f_")
            parser.chunkSize = chunk
            parser.spellingLimit = spellingLimit
            var ids: [Term: Int64] = [:]
            var terms: [Int64: Term] = [:]
            var quads: [Quad] = []
            do {
                try parser.parseIDs(fileAt: path, keepGraphs: keepGraphs, intern: { t in
                    n += 1
                    if let id = ids[t] { return id }
                    let id = Int64(ids.count + 1)
                    ids[t] = id
                    terms[id] = t
                    return id
                }, emit: { s, p, o, g in
                    quads.append(Quad(terms[s]!, terms[p]!, terms[o]!, graph: g == 0 ? nil : terms[g]!))
                })
            } catch let e as RDFSyntaxError {
                return .error(line: e.line, column: e.column)
            }
            return .quads(quads)
        }
        calls = n
        return outcome
    }

    static let doc: String = {
        var text = "# header\n"
        for i in 0..<200 {
            text += "<http://x/s\(i % 17)> <http://x/p> \"v\(i % 5) é\"@en-GB <http://x/g> .\n"
            text += "<http://x/s\(i % 17)> <http://x/n> \"\(i % 9)\"^^<http://www.w3.org/2001/XMLSchema#integer> .\r\n"
            if i % 3 == 0 { text += "_:b\(i % 4) <http://x/p> \"say \\\"hi\\\"\\n\" . # comment\n" }
            if i % 5 == 0 { text += "<http://x/\\u0041> <http://x/p> <http://x/A> .\n\n" }
            if i % 7 == 0 { text += "<http://x/s1>\t<http://x/p>\t\"x\" .\n_:_g1 <http://x/p> \"\\u00E9\" _:g2 .\n" }
        }
        return text
    }()

    @Test(arguments: [5, 16, 61, 1 << 20])
    func sameQuadsAsParse(chunk: Int) throws {
        var calls = 0
        let expected = try plain(Self.doc, .nquads, chunk: chunk)
        guard case .quads(let quads) = expected else { Issue.record("the document should parse"); return }
        #expect(quads.count == 565)
        #expect(try fast(Self.doc, .nquads, chunk: chunk, calls: &calls) == expected)
        #expect(calls < quads.count * 3 / 10, "a term seen before is known by its spelling")
    }

    @Test func graphsCanBeDropped() throws {
        var calls = 0
        guard case .quads(let quads) = try plain(Self.doc, .nquads, chunk: 1 << 20) else { Issue.record("no parse"); return }
        #expect(try fast(Self.doc, .nquads, chunk: 1 << 20, keepGraphs: false, calls: &calls)
                == .quads(quads.map { Quad($0.subject, $0.predicate, $0.object) }))
    }

    /// A spelling seen before is only reused where the reader would accept it; every error is the
    /// reader's own, at the same position.
    @Test(arguments: [
        "<http://x/s> <http://x/p> \"x\" .\n\"x\" <http://x/p> <http://x/o> .\n",            // literal subject
        "<http://x/s> <http://x/p> <http://x/o> .\n<http://x/s> \"x\" <http://x/o> .\n",     // literal predicate
        "<http://x/s> <http://x/p> _:b .\n<http://x/s> _:b <http://x/o> .\n",                // blank predicate
        "<http://x/s> <http://x/p> \"x\" .\n<http://x/s> <http://x/p> \"x\" @en .\n",        // blank before a tag
        "<http://x/s> <http://x/p> \"x\"@en .\n<http://x/s> <http://x/p> \"x\"@en-- .\n",    // bad tag after a good one
        "<http://x/s> <http://x/p> <http://x/o> .\n<http://x/s> <http://x/p> <rel> .\n",      // relative IRI
        "<http://x/s> <http://x/p> <http://x/o> .\n<http://x/s> <http://x/p> <http://x/o>\n", // no dot
        "<http://x/s> <http://x/p> <http://x/o> .\n<http://x/s> <http://x/p> <http://x/o> <http://x/s> .\n",
        "<http://x/s> <http://x/p> \"x\"^^<http://x/d> .\n<http://x/s> <http://x/p> \"x\"^^<http://x/d>.\n",
    ])
    func acceptsAndRejectsLikeTheReader(text: String) throws {
        for format in [RDFFormat.ntriples, .nquads] {
            for chunk in [7, 1 << 20] {
                var calls = 0
                #expect(try fast(text, format, chunk: chunk, calls: &calls) == plain(text, format, chunk: chunk), "\(format) \(chunk)")
            }
        }
    }

    /// The spelling table is a bounded cache: past its byte limit it starts over, and the terms it forgot
    /// are interned again (the caller's intern keeps their ids), so the quads are the same.
    @Test func aFullSpellingTableStartsOverWithTheSameQuads() throws {
        var text = ""
        for i in 0..<400 {
            text += "<http://example.org/s\(i % 37)> <http://example.org/p\(i % 5)> \"object \(i % 53)\" <http://example.org/g\(i % 3)> .\n"
        }
        var bounded = 0, unbounded = 0
        let small = try fast(text, .nquads, chunk: 1 << 20, spellingLimit: 200, calls: &bounded)
        let large = try fast(text, .nquads, chunk: 1 << 20, calls: &unbounded)
        #expect(small == large)
        #expect(small == (try plain(text, .nquads, chunk: 1 << 20)))
        #expect(unbounded == 37 + 5 + 53 + 3, "each distinct spelling interned once")
        #expect(bounded > unbounded * 3, "a 200-byte table forgets and interns the terms again")
    }
}
