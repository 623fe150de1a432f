import Foundation
import Hummingbird
import HummingbirdTesting
import RDF
import Serve
import Store
import Testing

let ex = "http://example.org/"
func iri(_ local: String) -> Term { .iri(ex + local) }

/// A small graph: names and ages in the default graph, what people say in the named graphs g1 and g2.
func fixtureQuads() -> [Quad] {
    var quads: [Quad] = []
    func t(_ s: String, _ p: String, _ o: Term, _ g: Term? = nil) { quads.append(Quad(iri(s), iri(p), o, graph: g)) }
    t("alice", "name", .string("Alice")); t("alice", "knows", iri("bob"))
    t("bob", "name", .string("Bob")); t("carol", "name", .string("Carol"))
    t("alice", "says", .string("hello"), iri("g1"))
    t("bob", "says", .string("hi"), iri("g2")); t("bob", "says", .string("bye"), iri("g2"))
    return quads
}

/// Runs `body` with a client of a `KGServer` (Hummingbird's in-process router tester) over a fresh
/// store holding `quads` (`writable`: a server that takes updates); the store's folder is removed afterwards.
func withServer(_ quads: [Quad] = fixtureQuads(), timeout: Double = 30, readers: Int = 2, writable: Bool = false,
                maxBodyBytes: Int = 8 << 20, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("kg.sqlite").path
    try TripleStore(path: path).load(quads)
    let server = try KGServer(ServeSettings(storePath: path, timeout: timeout, readers: readers,
                                                      maxBodyBytes: maxBodyBytes, writable: writable))
    defer { server.close() }
    try await Application(router: server.router()).test(.router, body)
}

/// A URL's query string value: everything but unreserved characters percent-encoded.
func encoded(_ s: String) -> String {
    s.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
}

let prefix = "PREFIX : <http://example.org/> "

extension TestClientProtocol {
    /// GET /sparql?query=… with `accept` (none when nil) and `extra` URL parameters.
    func get(_ query: String, accept: String? = nil, extra: String = "") async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let accept { headers[.accept] = accept }
        return try await execute(uri: "/sparql?query=\(encoded(query))\(extra)", method: .get, headers: headers)
    }

    /// POST /sparql with `body` of `contentType`.
    func post(_ body: String, contentType: String?, uri: String = "/sparql", accept: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let contentType { headers[.contentType] = contentType }
        if let accept { headers[.accept] = accept }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var contentType: String? { headers[.contentType] }
}

/// The values of `variable` in a SPARQL JSON results document, sorted.
func jsonValues(_ response: TestResponse, _ variable: String) throws -> [String] {
    let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
    let bindings = try #require((object?["results"] as? [String: Any])?["bindings"] as? [[String: Any]], "\(response.text)")
    return bindings.compactMap { ($0[variable] as? [String: Any])?["value"] as? String }.sorted()
}

/// The ASK answer in a SPARQL JSON results document.
func jsonBoolean(_ response: TestResponse) throws -> Bool {
    let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
    return try #require(object?["boolean"] as? Bool, "\(response.text)")
}
