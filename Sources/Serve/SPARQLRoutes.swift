import Foundation
import Hummingbird
import NIOCore

/// The SPARQL 1.1 Protocol endpoint: queries at `/sparql` (GET, POST of a form or of the query), the
/// service description at `/sparql` without a query (`UpdateRoutes.swift` has `/update`).
extension KGServer {
    static let endpointMethods = "GET, POST, OPTIONS"
    static let readOnlyMessage = "not supported: this server is read-only (kg serve answers SPARQL queries at /sparql; "
        + "SPARQL Update needs kg serve --writable)"

    func addSPARQLRoutes(to router: Router<BasicRequestContext>) {
        router.get("sparql") { request, _ in await self.endpoint(request) }
        router.post("sparql") { request, _ in await self.endpoint(request) }
        for path in ["sparql", "update"] {
            // OPTIONS without an Origin (a CORS preflight has one, and the middleware answers it)
            router.on(RouterPath(path), method: .options) { _, _ in
                Response(status: .noContent, headers: [.allow: Self.endpointMethods])
            }
        }
        for method in [HTTPRequest.Method.put, .delete, .patch] {
            router.on("sparql", method: method) { request, _ in
                Self.text(.methodNotAllowed, "a query is sent with GET or POST, not \(request.method.rawValue)",
                          headers: [.allow: Self.endpointMethods])
            }
        }
    }

    /// Answers one request to `/sparql`.
    func endpoint(_ request: Request) async -> Response {
        do {
            let body = request.method == .post ? try await request.body.collect(upTo: settings.maxBodyBytes) : nil
            let operation = try ProtocolRequest.parse(method: request.method, urlQuery: request.uri.query,
                                                      contentType: request.headers[.contentType], body: body)
            switch operation {
            case .serviceDescription: return serviceDescription(request)
            case .update:
                if settings.writable { return Self.text(.badRequest, "/sparql answers queries; POST updates to /update") }
                return Self.text(.forbidden, Self.readOnlyMessage)
            case .query(let query): return await answer(query, accept: Self.accept(request))
            }
        } catch {
            return Self.unreadable(error, limit: settings.maxBodyBytes)
        }
    }

    /// The request's Accept header lines as one list (nil: none).
    static func accept(_ request: Request) -> String? {
        let lines = request.headers[values: .accept]
        return lines.isEmpty ? nil : lines.joined(separator: ", ")
    }

    /// Runs `query` on the next free reader and answers: whole when the answer is small or failed
    /// before anything was sent, streamed in chunks otherwise.
    func answer(_ query: QueryRequest, accept: String?) async -> Response {
        let job = QueryJob(request: query, accept: accept, timeout: settings.timeout)
        let start = await withCheckedContinuation { (started: CheckedContinuation<AnswerStart, Never>) in
            readers.submit { store in
                let sink = AnswerSink(start: started, deadline: Date().addingTimeInterval(job.timeout))
                guard let store else { return sink.fail(.serviceUnavailable, "the server is shutting down") }
                job.run(store: store, sink: sink)
            }
        }
        switch start {
        case .complete(let status, let contentType, let body):
            return Response(status: status, headers: [.contentType: contentType, .vary: "Accept"],
                            body: ResponseBody(byteBuffer: body))
        case .streaming(let contentType, let first, let rest):
            return Response(status: .ok, headers: [.contentType: contentType, .vary: "Accept"],
                            body: ResponseBody { writer in try await Self.send(first, rest, to: &writer) })
        }
    }

    /// A failure after the answer's status went out: the connection closes before the answer's end.
    struct AnswerFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes a streamed answer: `first`, then each chunk as the reader produces it.
    static func send(_ first: ByteBuffer, _ rest: AnswerStream, to writer: inout any ResponseBodyWriter) async throws {
        // the client gone or the write failed: the reader's query stops
        defer { rest.cancel() }
        try await writer.write(first)
        for await chunk in rest.chunks {
            switch chunk {
            case .data(let buffer):
                try await writer.write(buffer)
                rest.taken()
            case .failed(let message):
                throw AnswerFailed(description: message)
            }
        }
        try await writer.finish(nil)
    }

    /// The service description, in the graph format the client accepts (Turtle by default).
    func serviceDescription(_ request: Request) -> Response {
        let formats = AnswerFormat.graphFormats
        guard let format = Negotiation.choose(Self.accept(request), among: formats) else {
            return Self.text(.notAcceptable, QueryJob.notAcceptable(Self.accept(request) ?? "", formats))
        }
        let endpoint = Self.endpointURL(authority: request.head.authority) ?? listeningURL.value ?? "http://localhost/sparql"
        let document = ServiceDescription.document(endpoint: endpoint, format: format, writable: settings.writable)
        return Response(status: .ok, headers: [.contentType: format.contentType, .vary: "Accept"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: document)))
    }

    /// The endpoint's URL as the client named it (its Host header), when that is a plain host and port.
    static func endpointURL(authority: String?) -> String? {
        guard let authority, !authority.isEmpty, authority.count <= 255,
              authority.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-:[]_".unicodeScalars.contains($0)) })
        else { return nil }
        return "http://\(authority)/sparql"
    }
}
