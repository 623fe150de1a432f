import Testing
@testable import RDF

let exNS = "http://example.org/"

/// Parses `text` and returns N-Triples/N-Quads lines (without the final newline), in order.
func lines(_ text: String, _ format: RDFFormat = .turtle, base: String? = "http://example.org/base/doc") throws -> [String] {
    try RDFParser.parseAll(text, format: format, baseIRI: base).map { String(NTriplesWriter.line($0).dropLast()) }
}

/// The syntax error `text` raises, or nil when it parses.
func syntaxError(_ text: String, _ format: RDFFormat = .turtle, base: String? = "http://example.org/base/doc") -> RDFSyntaxError? {
    do {
        _ = try RDFParser.parseAll(text, format: format, baseIRI: base)
        return nil
    } catch let e as RDFSyntaxError {
        return e
    } catch {
        Issue.record("unexpected error type \(error)")
        return nil
    }
}

/// Turtle prefix lines used by many tests.
let prelude = "@prefix : <http://example.org/> .\n@prefix ex: <http://example.org/> .\n"
