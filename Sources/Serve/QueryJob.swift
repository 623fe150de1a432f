import Foundation
import Hummingbird
import RDF
import SPARQL
import Store

/// One query of the endpoint, run on a reader thread: parsed there (the parser recurses, and the
/// readers have the deep stack), its answer format negotiated from Accept, then executed with the
/// answer written to the sink as it is produced.
struct QueryJob: Sendable {
    var request: QueryRequest
    /// The request's Accept header (nil: none).
    var accept: String?
    /// Seconds the query may run, writing its answer included.
    var timeout: Double

    func run(store: TripleStore, sink: AnswerSink) {
        do {
            var query = try Query.parse(request.text)
            let formats = AnswerFormat.formats(for: query.form)
            guard let format = Negotiation.choose(accept, among: formats) else {
                sink.fail(.notAcceptable, Self.notAcceptable(accept ?? "", formats))
                return
            }
            query.setProtocolDataset(defaultGraphs: request.defaultGraphs, namedGraphs: request.namedGraphs)
            sink.contentType = format.contentType
            try execute(query, format: format, engine: QueryEngine(store: store), sink: sink)
            try sink.finish()
        } catch let e as SPARQLError {
            switch e.kind {
            case .syntax: sink.fail(.badRequest, "SPARQL syntax error at " + e.description)
            case .timeout: sink.fail(.serviceUnavailable, e.message + " (the server's --timeout)")
            case .evaluation: sink.fail(.internalServerError, "the query failed: " + e.message)
            }
        } catch {
            FileHandle.standardError.write(Data("kg serve: error: a query failed: \(error)\n".utf8))
            sink.fail(.internalServerError, "the query failed (an internal error; the server's log has it)")
        }
    }

    /// Runs `query`, its answer written in `format` to `sink` piece by piece (JSON-LD and Turtle, which
    /// group the triples, at the end). Stops when the client has gone.
    private func execute(_ query: Query, format: AnswerFormat, engine: QueryEngine, sink: AnswerSink) throws {
        guard let resultFormat = format.resultFormat else {
            var triples: [Quad] = []
            try engine.execute(query, timeout: timeout) { event in
                if case .triple(let t) = event { triples.append(Quad(t)) }
                return sink.wanted
            }
            sink.write(JSONLD.expanded(triples) + "\n")
            return
        }
        let writer = ResultStreamWriter(format: resultFormat, output: sink.write)
        try engine.execute(query, timeout: timeout) { event in
            _ = writer.write(event)
            try sink.check()
            return sink.wanted
        }
        writer.finish()
    }

    static func notAcceptable(_ accept: String, _ formats: [AnswerFormat]) -> String {
        "none of the media types in Accept (\(accept.prefix(200))) can carry this answer; ask for one of: "
            + formats.map(\.mediaType).joined(separator: ", ")
    }
}
