import Foundation
import Hummingbird
import NIOCore
import RDF
import SPARQL
import Store

/// The SPARQL 1.1 Graph Store HTTP Protocol: `/rdf-graphs/service?graph=IRI` and `?default`
/// (indirect identification), and any other path under `/rdf-graphs/` naming the graph whose IRI is
/// the server's URL followed by that path (direct identification).
///
/// GET and HEAD read on the reader threads, on any server. PUT, POST and DELETE need `--writable`
/// (403 otherwise); they run on the writer's connection, one at a time with the updates of `/update`,
/// each request one transaction, and like those are refused for another site's `Origin`.
extension KGServer {
    static let graphStoreMethods = "GET, HEAD, PUT, POST, DELETE, OPTIONS"
    static let graphStoreReadOnlyMessage = "not supported: this server is read-only (kg serve answers GET and HEAD "
        + "of graphs; PUT, POST and DELETE need kg serve --writable)"

    func addGraphStoreRoutes(to router: Router<BasicRequestContext>) {
        for method in [HTTPRequest.Method.get, .head, .put, .post, .delete] {
            router.on("rdf-graphs/**", method: method) { request, _ in await self.graphStore(request) }
        }
        router.on("rdf-graphs/**", method: .options) { _, _ in
            Response(status: .noContent, headers: [.allow: Self.graphStoreMethods])
        }
        router.on("rdf-graphs/**", method: .patch) { _, _ in
            Self.text(.methodNotAllowed, "the Graph Store takes GET, HEAD, PUT, POST and DELETE, not PATCH",
                      headers: [.allow: Self.graphStoreMethods])
        }
    }

    /// The server's URL as the client named it (`http://host:port`): the start of a directly
    /// identified graph's IRI, and of a new graph's.
    func serverBase(_ request: Request) -> String {
        let endpoint = Self.endpointURL(authority: request.head.authority) ?? listeningURL.value ?? "http://localhost/sparql"
        return String(endpoint.dropLast("/sparql".count))
    }

    /// Answers one Graph Store request.
    func graphStore(_ request: Request) async -> Response {
        let base = serverBase(request)
        let target: GraphTarget
        do {
            target = try GraphStoreRequest.target(path: request.uri.path, urlQuery: request.uri.query, base: base)
        } catch let e as ProtocolError {
            return Self.text(e.status, e.message)
        } catch {
            return Self.text(.badRequest, "could not read the request's parameters")
        }
        if request.method == .get || request.method == .head {
            return await readGraph(target, request)
        }
        guard settings.writable else { return Self.text(.forbidden, Self.graphStoreReadOnlyMessage) }
        if let origin = request.headers[.origin], !Self.sameOrigin(origin, authority: request.head.authority) {
            return Self.text(.forbidden, "changes from another origin (\(origin.prefix(100))) are refused")
        }
        return await writeGraph(target, request, base: base)
    }

    /// GET or HEAD of a graph: 200 with the graph in the format the client accepts, 404 without it.
    func readGraph(_ target: GraphTarget, _ request: Request) async -> Response {
        let graph: Term?
        switch target {
        case .service: return Self.text(.badRequest, "name the graph: ?graph=IRI, or ?default for the default graph")
        case .defaultGraph: graph = nil
        case .named(let iri): graph = .iri(iri)
        }
        let formats = AnswerFormat.graphFormats
        guard let format = Negotiation.choose(Self.accept(request), among: formats) else {
            return Self.text(.notAcceptable, QueryJob.notAcceptable(Self.accept(request) ?? "", formats))
        }
        let read = await Self.run(on: readers) { store -> [Triple]? in
            try store.withReadSnapshot {
                if let graph, try !store.hasQuads(graph: graph) { return nil }
                var triples: [Triple] = []
                try store.quads(graph: .some(graph)) { triples.append($0.triple); return true }
                return triples
            }
        }
        switch read {
        case .failure(let failure): return failure.response
        case .success(nil): return Self.text(.notFound, "no graph <\(graph?.iriValue ?? "")> in the store")
        case .success(let triples?):
            let headers: HTTPFields = [.contentType: format.contentType, .vary: "Accept"]
            if request.method == .head { return Response(status: .ok, headers: headers) }
            let document = format.resultFormat.map { ResultWriter.write(.graph(triples), format: $0) }
                ?? JSONLD.expanded(triples.map { Quad($0) }) + "\n"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: document)))
        }
    }

    /// PUT, POST or DELETE of a graph, on the writer.
    func writeGraph(_ target: GraphTarget, _ request: Request, base: String) async -> Response {
        let method = request.method
        var graph: Term?
        switch target {
        case .defaultGraph: graph = nil
        case .named(let iri): graph = .iri(iri)
        case .service:
            guard method == .post else {
                return Self.text(.badRequest, "name the graph to \(method.rawValue): ?graph=IRI, or ?default for the default graph")
            }
            graph = .iri(base + GraphStoreRequest.directPrefix + UUID().uuidString.lowercased())
        }
        var triples: [Triple] = []
        if method != .delete {
            do {
                let body = try await request.body.collect(upTo: settings.maxBodyBytes)
                triples = try GraphStoreRequest.triples(contentType: request.headers[.contentType], body: body,
                                                        baseIRI: graph?.iriValue ?? base + GraphStoreRequest.servicePath)
            } catch {
                return Self.unreadable(error, limit: settings.maxBodyBytes)
            }
        }
        guard let writer else { return Self.text(.forbidden, Self.graphStoreReadOnlyMessage) }
        let created = target == .service
        let (named, body) = (graph, triples)
        let result = await Self.run(on: writer) { store in
            try Self.change(named, method: method, triples: body, created: created, store: store)
        }
        switch result {
        case .failure(let failure): return failure.response
        case .success(let response): return response
        }
    }

    /// Changes `graph` on the writer's `store` as `method` asks; the answer to send.
    static func change(_ graph: Term?, method: HTTPRequest.Method, triples: [Triple], created: Bool,
                       store: TripleStore) throws -> Response {
        let name = graph.map { "<\($0.iriValue ?? "")>" } ?? "the default graph"
        switch method {
        case .put:
            let existed = try store.putGraph(graph, triples: triples)
            return existed ? Response(status: .noContent) : text(.created, "created \(name) with \(triples.count) triples")
        case .delete:
            if let graph, try !store.hasQuads(graph: graph) { return text(.notFound, "no graph \(name) in the store") }
            try store.clearGraph(graph)
            return Response(status: .noContent)
        default:
            let existed = try graph.map { try store.hasQuads(graph: $0) } ?? true
            try store.insertQuads(triples.map { Quad($0, graph: graph) })
            if created, let iri = graph?.iriValue {
                return text(.created, "created \(name) with \(triples.count) triples", headers: [.location: iri])
            }
            return existed ? Response(status: .noContent) : text(.created, "created \(name) with \(triples.count) triples")
        }
    }

    /// Runs `job` with a store of `pool` (a reader, or the writer) and hands back its value, or the
    /// response that says why it could not run (the server stopping, an error, logged).
    static func run<T: Sendable>(on pool: ReaderPool, _ job: @escaping @Sendable (TripleStore) throws -> T) async
        -> Result<T, ErrorResponse> {
        await withCheckedContinuation { (done: CheckedContinuation<Result<T, ErrorResponse>, Never>) in
            pool.submit { store in
                guard let store else {
                    return done.resume(returning: .failure(ErrorResponse(text(.serviceUnavailable, "the server is shutting down"))))
                }
                do {
                    done.resume(returning: .success(try job(store)))
                } catch {
                    FileHandle.standardError.write(Data("kg serve: error: a graph store request failed: \(error)\n".utf8))
                    let message = "the request failed, nothing was changed (an internal error; the server's log has it)"
                    done.resume(returning: .failure(ErrorResponse(text(.internalServerError, message))))
                }
            }
        }
    }

    /// A response that ends a request early.
    struct ErrorResponse: Error {
        let response: Response
        init(_ response: Response) { self.response = response }
    }
}
