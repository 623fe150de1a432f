import Foundation
import Hummingbird
import NIOCore
import SPARQL
import Store

/// `/update`: SPARQL 1.1 Update by POST (Protocol §2.2) on a `--writable` server, 403 otherwise.
///
/// Updates run one at a time on the writer's connection (its own thread, with the readers' deep
/// stack for the parser), each request in one transaction; queries keep reading their snapshots
/// meanwhile (WAL) and see an update once it has committed. LOAD is refused: it would let any client
/// read the server's files into the graph. A request with an `Origin` other than the server's own is
/// refused too, so a web page in a browser cannot change the store (a form POST needs no preflight).
extension KGServer {
    static let updateMethods = "POST, OPTIONS"

    func addUpdateRoutes(to router: Router<BasicRequestContext>) {
        guard settings.writable else {
            for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch] {
                router.on("update", method: method) { _, _ in Self.text(.forbidden, Self.readOnlyMessage) }
            }
            return
        }
        router.post("update") { request, _ in await self.updateEndpoint(request) }
        for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
            router.on("update", method: method) { request, _ in
                Self.text(.methodNotAllowed, "an update is sent with POST, not \(request.method.rawValue)",
                          headers: [.allow: Self.updateMethods])
            }
        }
    }

    /// Answers one POST to `/update`: 200 with what changed, or the error's status and message.
    func updateEndpoint(_ request: Request) async -> Response {
        if let origin = request.headers[.origin], !Self.sameOrigin(origin, authority: request.head.authority) {
            return Self.text(.forbidden, "updates from another origin (\(origin.prefix(100))) are refused")
        }
        let update: UpdateRequest
        do {
            let body = try await request.body.collect(upTo: settings.maxBodyBytes)
            update = try ProtocolRequest.parseUpdate(urlQuery: request.uri.query,
                                                     contentType: request.headers[.contentType], body: body)
        } catch {
            return Self.unreadable(error, limit: settings.maxBodyBytes)
        }
        let base = Self.updateURL(authority: request.head.authority)
            ?? listeningURL.value.map { $0.replacingOccurrences(of: "/sparql", with: "/update") }
        let (status, message) = await runUpdate(update, base: base)
        return Self.text(status, message)
    }

    /// Runs `update` on the writer thread; the status and message to answer with.
    func runUpdate(_ update: UpdateRequest, base: String?) async -> (HTTPResponse.Status, String) {
        guard let writer else { return (.forbidden, Self.readOnlyMessage) }
        let timeout = settings.timeout
        return await withCheckedContinuation { (done: CheckedContinuation<(HTTPResponse.Status, String), Never>) in
            writer.submit { store in
                guard let store else { return done.resume(returning: (.serviceUnavailable, "the server is shutting down")) }
                done.resume(returning: Self.execute(update, base: base, timeout: timeout, store: store))
            }
        }
    }

    /// Parses and executes `update` on `store` (the writer thread).
    static func execute(_ request: UpdateRequest, base: String?, timeout: Double,
                        store: TripleStore) -> (HTTPResponse.Status, String) {
        do {
            var update = try Update.parse(request.text, baseIRI: base)
            if !(request.usingGraphs.isEmpty && request.usingNamedGraphs.isEmpty) {
                if update.namesItsDataset {
                    return (.badRequest, "using-graph-uri and using-named-graph-uri cannot be given with an update "
                        + "that has USING, USING NAMED or WITH (SPARQL 1.1 Protocol §2.2.3)")
                }
                update.setProtocolDataset(usingGraphs: request.usingGraphs, usingNamedGraphs: request.usingNamedGraphs)
            }
            let engine = UpdateEngine(store: store)
            engine.allowLoad = false
            let summary = try engine.execute(update, timeout: timeout)
            return (.ok, "inserted \(summary.inserted) quads, deleted \(summary.deleted) quads")
        } catch let e as SPARQLError {
            switch e.kind {
            case .syntax: return (.badRequest, "SPARQL syntax error at " + e.description)
            case .timeout: return (.serviceUnavailable, e.message + " (the server's --timeout); nothing was changed")
            case .evaluation: return (.badRequest, "the update failed, nothing was changed: " + e.message)
            }
        } catch {
            FileHandle.standardError.write(Data("kg serve: error: an update failed: \(error)\n".utf8))
            return (.internalServerError, "the update failed, nothing was changed (an internal error; the server's log has it)")
        }
    }

    /// The update endpoint's URL as the client named it (the base IRI of its relative IRIs).
    static func updateURL(authority: String?) -> String? {
        endpointURL(authority: authority).map { String($0.dropLast("/sparql".count)) + "/update" }
    }

    /// Whether the `Origin` header names this server (scheme http, the host and port the client asked).
    static func sameOrigin(_ origin: String, authority: String?) -> Bool {
        guard let authority else { return false }
        return origin.lowercased() == "http://" + authority.lowercased()
    }
}
