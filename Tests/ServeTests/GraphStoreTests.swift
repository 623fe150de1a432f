import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RDF
import Serve
import Testing

/// The SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graphs/service (?graph=, ?default) and under
/// /rdf-graphs/ (direct identification): each method, each status.
@Suite struct GraphStoreTests {
    static let service = "/rdf-graphs/service"
    static func graphURI(_ local: String) -> String { service + "?graph=" + encoded(ex + local) }
    static let turtle = "text/turtle; charset=utf-8"
    static let dave = "@prefix : <http://example.org/> . :dave :name \"Dave\" ; :knows [ :name \"Eve\" ] ."

    /// The triples of a Turtle answer.
    static func triples(_ r: TestResponse) throws -> [Triple] {
        try RDFParser.parseAll(r.text, format: .turtle).map(\.triple)
    }

    @Test func getAnswersTheGraphInTheFormatAsked() async throws {
        try await withServer { client in
            let r = try await client.execute(uri: Self.graphURI("g2"), method: .get)
            #expect(r.status == .ok)
            #expect(r.contentType == "text/turtle; charset=utf-8")
            #expect(Set(try Self.triples(r)) == [Triple(iri("bob"), iri("says"), .string("hi")), Triple(iri("bob"), iri("says"), .string("bye"))])
            let formats = ["application/n-triples": "<http://example.org/bob>", "application/rdf+xml": "rdf:RDF",
                           "application/ld+json": "\"@id\":\"http://example.org/bob\""]
            for (type, mark) in formats {
                let answer = try await client.execute(uri: Self.graphURI("g2"), method: .get, headers: [.accept: type])
                #expect(answer.contentType == type + "; charset=utf-8")
                #expect(answer.text.contains(mark), "\(type): \(answer.text)")
            }
            let none = try await client.execute(uri: Self.graphURI("g2"), method: .get, headers: [.accept: "text/csv"])
            #expect(none.status == .notAcceptable)
            let absent = try await client.execute(uri: Self.graphURI("nowhere"), method: .get)
            #expect(absent.status == .notFound)
            #expect(absent.text.contains("<http://example.org/nowhere>"), "\(absent.text)")
        }
    }

    @Test func getOfTheDefaultGraphHoldsOnlyItsTriples() async throws {
        try await withServer { client in
            let r = try await client.execute(uri: Self.service + "?default", method: .get, headers: [.accept: "application/n-triples"])
            #expect(r.status == .ok)
            let triples = try RDFParser.parseAll(r.text, format: .ntriples)
            #expect(triples.count == 4)
            #expect(!triples.contains { $0.predicate == iri("says") })
        }
    }

    @Test func headAnswersWithoutABody() async throws {
        try await withServer { client in
            let r = try await client.execute(uri: Self.graphURI("g1"), method: .head, headers: [.accept: Self.turtle])
            #expect(r.status == .ok)
            #expect(r.contentType == "text/turtle; charset=utf-8")
            #expect(r.body.readableBytes == 0)
            let absent = try await client.execute(uri: Self.graphURI("g9"), method: .head)
            #expect(absent.status == .notFound)
        }
    }

    @Test func putCreatesThenReplaces() async throws {
        try await withServer(writable: true) { client in
            let first = try await client.execute(uri: Self.graphURI("new"), method: .put, headers: [.contentType: Self.turtle],
                                                 body: ByteBuffer(string: Self.dave))
            #expect(first.status == .created, "\(first.text)")
            #expect(try Self.triples(try await client.execute(uri: Self.graphURI("new"), method: .get)).count == 3)
            let second = try await client.execute(uri: Self.graphURI("new"), method: .put, headers: [.contentType: "application/n-triples"],
                                                  body: ByteBuffer(string: "<http://example.org/x> <http://example.org/p> \"y\" .\n"))
            #expect(second.status == .noContent)
            let now = try Self.triples(try await client.execute(uri: Self.graphURI("new"), method: .get))
            #expect(now == [Triple(iri("x"), iri("p"), .string("y"))])
            let replaced = try await client.execute(uri: Self.graphURI("g1"), method: .put, headers: [.contentType: Self.turtle],
                                                    body: ByteBuffer(string: Self.dave))
            #expect(replaced.status == .noContent)
            let says = try await client.get(prefix + "SELECT ?w WHERE { GRAPH :g1 { ?s :says ?w } }")
            #expect(try jsonValues(says, "w").isEmpty, "PUT replaced g1")
        }
    }

    @Test func putOfTheDefaultGraphReplacesIt() async throws {
        try await withServer(writable: true) { client in
            let r = try await client.execute(uri: Self.service + "?default", method: .put, headers: [.contentType: Self.turtle],
                                             body: ByteBuffer(string: Self.dave))
            #expect(r.status == .noContent)
            #expect(try jsonValues(try await client.get(UpdateEndpointTests.names), "name") == ["Dave", "Eve"])
            let g1 = try await client.execute(uri: Self.graphURI("g1"), method: .get)
            #expect(g1.status == .ok, "named graphs stay")
        }
    }

    @Test func postMergesIntoAGraph() async throws {
        try await withServer(writable: true) { client in
            let r = try await client.execute(uri: Self.graphURI("g1"), method: .post, headers: [.contentType: Self.turtle],
                                             body: ByteBuffer(string: Self.dave))
            #expect(r.status == .noContent, "\(r.text)")
            #expect(try Self.triples(try await client.execute(uri: Self.graphURI("g1"), method: .get)).count == 4)
            let new = try await client.execute(uri: Self.graphURI("g7"), method: .post, headers: [.contentType: Self.turtle],
                                               body: ByteBuffer(string: Self.dave))
            #expect(new.status == .created)
            // each request's blank nodes are its own: a second POST of the same body adds a second Eve
            _ = try await client.execute(uri: Self.graphURI("g7"), method: .post, headers: [.contentType: Self.turtle],
                                         body: ByteBuffer(string: Self.dave))
            let eves = try await client.get(prefix + "SELECT ?e WHERE { GRAPH :g7 { ?e :name \"Eve\" } }")
            #expect(try jsonValues(eves, "e").count == 2)
        }
    }

    @Test func postToTheServiceMakesANewGraph() async throws {
        try await withServer(writable: true) { client in
            let r = try await client.execute(uri: Self.service, method: .post, headers: [.contentType: Self.turtle],
                                             body: ByteBuffer(string: Self.dave))
            #expect(r.status == .created)
            let location = try #require(r.headers[.location])
            #expect(location.hasPrefix("http://localhost/rdf-graphs/"), "\(location)")
            let direct = try await client.execute(uri: String(location.dropFirst("http://localhost".count)), method: .get)
            #expect(direct.status == .ok)
            #expect(try Self.triples(direct).count == 3)
            let indirect = try await client.execute(uri: Self.service + "?graph=" + encoded(location), method: .get)
            #expect(try Self.triples(indirect).count == 3)
        }
    }

    @Test func deleteRemovesAGraphAnd404sAnAbsentOne() async throws {
        try await withServer(writable: true) { client in
            let r = try await client.execute(uri: Self.graphURI("g2"), method: .delete)
            #expect(r.status == .noContent)
            #expect(try await client.execute(uri: Self.graphURI("g2"), method: .get).status == .notFound)
            let again = try await client.execute(uri: Self.graphURI("g2"), method: .delete)
            #expect(again.status == .notFound)
            let defaultGraph = try await client.execute(uri: Self.service + "?default", method: .delete)
            #expect(defaultGraph.status == .noContent)
            #expect(try jsonValues(try await client.get(UpdateEndpointTests.names), "name").isEmpty)
            #expect(try await client.execute(uri: Self.graphURI("g1"), method: .get).status == .ok)
        }
    }

    @Test func aPathUnderRdfGraphsNamesAGraphDirectly() async throws {
        try await withServer(writable: true) { client in
            let put = try await client.execute(uri: "/rdf-graphs/people/1.ttl", method: .put, headers: [.contentType: Self.turtle],
                                               body: ByteBuffer(string: Self.dave))
            #expect(put.status == .created)
            let get = try await client.execute(uri: Self.service + "?graph=" + encoded("http://localhost/rdf-graphs/people/1.ttl"), method: .get)
            #expect(get.status == .ok)
            #expect(try await client.execute(uri: "/rdf-graphs/people/1.ttl", method: .delete).status == .noContent)
            #expect(try await client.execute(uri: "/rdf-graphs/people/1.ttl", method: .head).status == .notFound)
            let mixed = try await client.execute(uri: "/rdf-graphs/people/1.ttl?default", method: .get)
            #expect(mixed.status == .badRequest)
        }
    }

    @Test func multipartFormDataPostsEveryPart() async throws {
        try await withServer(writable: true) { client in
            let body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.ttl\"\r\nContent-Type: text/turtle\r\n\r\n"
                + "<http://example.org/alice> <http://example.org/age> 30 .\r\n--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"b\"; filename=\"b.nt\"\r\n\r\n"
                + "<http://example.org/alice> <http://example.org/city> \"Lashio\" .\r\n--XyZ--\r\n"
            let r = try await client.execute(uri: Self.graphURI("g1"), method: .post,
                                             headers: [.contentType: "multipart/form-data; boundary=XyZ"], body: ByteBuffer(string: body))
            #expect(r.status == .noContent, "\(r.text)")
            #expect(try Self.triples(try await client.execute(uri: Self.graphURI("g1"), method: .get)).count == 3)
        }
    }

    @Test func badBodiesAreRefusedAndChangeNothing() async throws {
        try await withServer(writable: true, maxBodyBytes: 200) { client in
            func put(_ body: String, _ type: String?) async throws -> TestResponse {
                var headers: HTTPFields = [:]
                if let type { headers[.contentType] = type }
                return try await client.execute(uri: Self.graphURI("g1"), method: .put, headers: headers, body: ByteBuffer(string: body))
            }
            let syntax = try await put("@prefix : <http://example.org/> .\n:a :b ", Self.turtle)
            #expect(syntax.status == .badRequest)
            #expect(syntax.text.hasPrefix("Turtle syntax error in the body at line 2, column"), "\(syntax.text)")
            let rdfxml = try await put("<rdf:RDF/>", "application/rdf+xml")
            #expect(rdfxml.status == .unsupportedMediaType)
            #expect(rdfxml.text.contains("RDF/XML"), "\(rdfxml.text)")
            #expect(try await put(Self.dave, nil).status == .unsupportedMediaType)
            #expect(try await put(Self.dave, "application/json").status == .unsupportedMediaType)
            #expect(try await put(Self.dave, "text/turtle; charset=latin1").status == .unsupportedMediaType)
            let big = try await put(Self.dave + String(repeating: " ", count: 300), Self.turtle)
            #expect(big.status == .contentTooLarge)
            let noGraph = try await client.execute(uri: Self.service, method: .put, headers: [.contentType: Self.turtle],
                                                   body: ByteBuffer(string: Self.dave))
            #expect(noGraph.status == .badRequest)
            #expect(try await client.execute(uri: Self.service + "?graph=relative", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: Self.graphURI("g1") + "&default", method: .get).status == .badRequest)
            let says = try await client.get(prefix + "SELECT ?w WHERE { GRAPH :g1 { ?s :says ?w } }")
            #expect(try jsonValues(says, "w") == ["hello"], "nothing changed")
        }
    }

    @Test func aReadOnlyServerRefusesChanges() async throws {
        try await withServer(writable: false) { client in
            for method in [HTTPRequest.Method.put, .post, .delete] {
                let r = try await client.execute(uri: Self.graphURI("g1"), method: method, headers: [.contentType: Self.turtle],
                                                 body: ByteBuffer(string: Self.dave))
                #expect(r.status == .forbidden, "\(method)")
                #expect(r.text.contains("kg serve --writable"), "\(r.text)")
            }
            #expect(try Self.triples(try await client.execute(uri: Self.graphURI("g1"), method: .get)).count == 1)
        }
    }

    @Test func aChangeFromAnotherOriginIsRefused() async throws {
        try await withServer(writable: true) { client in
            let r = try await client.execute(uri: Self.graphURI("g1"), method: .delete, headers: [.origin: "http://evil.example"])
            #expect(r.status == .forbidden)
            #expect(r.text.contains("another origin"), "\(r.text)")
            let own = try await client.execute(uri: Self.graphURI("g1"), method: .delete, headers: [.origin: "http://localhost"])
            #expect(own.status == .noContent)
        }
    }

    @Test func theServiceDescriptionAdvertisesUpdateOnlyWhenWritable() async throws {
        let update = "<http://www.w3.org/ns/sparql-service-description#SPARQL11Update>"
        for writable in [false, true] {
            try await withServer(writable: writable) { client in
                let r = try await client.execute(uri: "/sparql", method: .get, headers: [.accept: "application/n-triples"])
                #expect(r.text.contains(update) == writable, "\(r.text)")
                #expect(r.text.contains("/rdf-graphs/service"))
            }
        }
    }
}
