import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RDF
import Serve
import Testing

/// POST /update on a `--writable` server (SPARQL 1.1 Protocol §2.2), and its refusals.
@Suite struct UpdateEndpointTests {
    static let insert = prefix + "INSERT DATA { :dave :name \"Dave\" }"
    static let names = prefix + "SELECT ?name WHERE { ?who :name ?name }"

    @Test func aDirectPostUpdatesAndQueriesSeeIt() async throws {
        try await withServer(writable: true) { client in
            let r = try await client.post(Self.insert, contentType: "application/sparql-update", uri: "/update")
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.text == "inserted 1 quads, deleted 0 quads\n")
            #expect(try jsonValues(try await client.get(Self.names), "name") == ["Alice", "Bob", "Carol", "Dave"])
        }
    }

    @Test func aFormPostUpdates() async throws {
        try await withServer(writable: true) { client in
            let r = try await client.post("update=" + encoded(prefix + "DELETE WHERE { :bob ?p ?o }"),
                                          contentType: "application/x-www-form-urlencoded", uri: "/update")
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.text.contains("deleted 1 quads"))
            #expect(try jsonValues(try await client.get(Self.names), "name") == ["Alice", "Carol"])
        }
    }

    @Test func usingGraphURIsSetTheDatasetOfTheWherePattern() async throws {
        try await withServer(writable: true) { client in
            let update = prefix + "INSERT { ?s :quoted ?w } WHERE { ?s :says ?w }"
            let r = try await client.post(update, contentType: "application/sparql-update",
                                          uri: "/update?using-graph-uri=" + encoded(ex + "g2"))
            #expect(r.text.contains("inserted 2 quads"), "\(r.text)")
            let conflict = try await client.post(prefix + "WITH :g1 " + update.dropFirst(prefix.count), contentType: "application/sparql-update",
                                                 uri: "/update?using-named-graph-uri=" + encoded(ex + "g2"))
            #expect(conflict.status == .badRequest)
            #expect(conflict.text.contains("USING, USING NAMED or WITH"), "\(conflict.text)")
        }
    }

    @Test func relativeIRIsResolveAgainstTheUpdateEndpoint() async throws {
        try await withServer(writable: true) { client in
            let r = try await client.post("INSERT DATA { <s> <http://example.org/p> <o> }", contentType: "application/sparql-update", uri: "/update")
            #expect(r.status == .ok, "\(r.text)")
            let s = try await client.get("SELECT ?s WHERE { ?s <http://example.org/p> ?o }")
            let subject = try #require(try jsonValues(s, "s").first)
            #expect(subject.hasPrefix("http://") && subject.hasSuffix("/s"), "\(subject)")
        }
    }

    @Test func badUpdatesAreRefusedWithTheRightStatus() async throws {
        try await withServer(writable: true) { client in
            let syntax = try await client.post("CLEAR XYZ", contentType: "application/sparql-update", uri: "/update")
            #expect(syntax.status == .badRequest)
            #expect(syntax.text.hasPrefix("SPARQL syntax error at line 1, column 7"), "\(syntax.text)")
            let two = try await client.post("update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", contentType: "application/x-www-form-urlencoded", uri: "/update")
            #expect(two.status == .badRequest)
            let type = try await client.post("CLEAR ALL", contentType: "text/plain", uri: "/update")
            #expect(type.status == .unsupportedMediaType)
            let utf16 = try await client.post("CLEAR ALL", contentType: "application/sparql-update; charset=UTF-16", uri: "/update")
            #expect(utf16.status == .unsupportedMediaType)
            let get = try await client.execute(uri: "/update?update=CLEAR%20ALL", method: .get)
            #expect(get.status == .methodNotAllowed)
            let failed = try await client.post("DROP GRAPH <http://example.org/nowhere>", contentType: "application/sparql-update", uri: "/update")
            #expect(failed.status == .badRequest)
            #expect(failed.text.contains("nothing was changed"), "\(failed.text)")
            let load = try await client.post("LOAD <file:///etc/hostname>", contentType: "application/sparql-update", uri: "/update")
            #expect(load.status == .badRequest)
            #expect(load.text.contains("LOAD is refused"), "\(load.text)")
            let atSparql = try await client.post("CLEAR ALL", contentType: "application/sparql-update")
            #expect(atSparql.status == .badRequest && atSparql.text.contains("POST updates to /update"), "\(atSparql.text)")
            #expect(try jsonValues(try await client.get(Self.names), "name") == ["Alice", "Bob", "Carol"], "nothing changed")
        }
    }

    @Test func anUpdateFromAnotherOriginIsRefused() async throws {
        try await withServer(writable: true) { client in
            let headers: HTTPFields = [.contentType: "application/sparql-update", .origin: "http://evil.example"]
            let r = try await client.execute(uri: "/update", method: .post, headers: headers, body: ByteBuffer(string: "CLEAR ALL"))
            #expect(r.status == .forbidden)
            #expect(r.text.contains("another origin"), "\(r.text)")
            #expect(try jsonValues(try await client.get(Self.names), "name") == ["Alice", "Bob", "Carol"])
        }
    }

    @Test func withoutWritableUpdatesStay403() async throws {
        try await withServer(writable: false) { client in
            let r = try await client.post(Self.insert, contentType: "application/sparql-update", uri: "/update")
            #expect(r.status == .forbidden)
            #expect(r.text.contains("kg serve --writable"), "\(r.text)")
            #expect(try jsonValues(try await client.get(Self.names), "name") == ["Alice", "Bob", "Carol"])
        }
    }

    @Test func updatesAreSerialisedAndEachIsWhole() async throws {
        try await withServer(writable: true) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<8 {
                    group.addTask {
                        let u = prefix + "INSERT { :counter :seen \(i) } WHERE { } ; INSERT DATA { :n\(i) :name \"N\(i)\" }"
                        let r = try await client.post(u, contentType: "application/sparql-update", uri: "/update")
                        #expect(r.status == .ok, "\(r.text)")
                    }
                }
                try await group.waitForAll()
            }
            let count = try await client.get(prefix + "SELECT (COUNT(*) AS ?n) WHERE { :counter :seen ?i }")
            #expect(try jsonValues(count, "n") == ["8"])
            #expect(try jsonValues(try await client.get(Self.names), "name").count == 11)
        }
    }
}
