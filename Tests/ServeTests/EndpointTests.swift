import Foundation
import Hummingbird
import HummingbirdTesting
import RDF
import Serve
import Testing

/// The SPARQL 1.1 Protocol at /sparql, through Hummingbird's in-process router tester.
@Suite struct QueryOperationTests {
    static let names = prefix + "SELECT ?name WHERE { ?who :name ?name }"

    @Test func getWithQueryParameter() async throws {
        try await withServer { client in
            let r = try await client.get(Self.names)
            #expect(r.status == .ok)
            #expect(r.contentType == "application/sparql-results+json; charset=utf-8")
            #expect(try jsonValues(r, "name") == ["Alice", "Bob", "Carol"])
        }
    }

    @Test func postOfAFormWithPlusForSpaces() async throws {
        try await withServer { client in
            // how HTML forms and Python's urlencode send a query: spaces as '+', a '+' as %2B
            let form = "query=" + encoded(prefix + "SELECT ?n WHERE { BIND(1 + 2 AS ?n) }").replacingOccurrences(of: "%20", with: "+")
            #expect(form.contains("SELECT+?n") || form.contains("SELECT+%3Fn"))
            let r = try await client.post(form, contentType: "application/x-www-form-urlencoded")
            #expect(r.status == .ok)
            #expect(try jsonValues(r, "n") == ["3"])
        }
    }

    @Test func postOfTheQueryItself() async throws {
        try await withServer { client in
            let r = try await client.post(Self.names, contentType: "application/sparql-query")
            #expect(r.status == .ok)
            #expect(try jsonValues(r, "name") == ["Alice", "Bob", "Carol"])
            let ask = try await client.post("ASK { <http://example.org/alice> ?p ?o }", contentType: "application/sparql-query; charset=UTF-8")
            #expect(try jsonBoolean(ask))
        }
    }

    @Test func aLargeAnswerStreamsWhole() async throws {
        // 3,000 solutions of ~65 bytes: three 64 KiB chunks, sent as the query runs
        let quads = (0..<3000).map { Quad(iri("s\($0)"), iri("p"), .string("value number \($0) of the long answer")) }
        try await withServer(quads) { client in
            let r = try await client.get("SELECT ?s ?o WHERE { ?s ?p ?o }", accept: "text/tab-separated-values")
            #expect(r.status == .ok)
            #expect(r.body.readableBytes > 2 * 65_536)
            let lines = r.text.split(separator: "\n")
            #expect(lines.count == 3001)
            #expect(Set(lines.dropFirst()).count == 3000)
            #expect(r.text.contains("\"value number 2999 of the long answer\""))
        }
    }
}

@Suite struct ProtocolErrorTests {
    @Test func aSyntaxErrorIs400WithLineAndColumn() async throws {
        try await withServer { client in
            let r = try await client.get("SELECT ?s\nWHERE { ?s ?p }")
            #expect(r.status == .badRequest)
            #expect(r.contentType == "text/plain; charset=utf-8")
            #expect(r.text.contains("line 2, column 15"), "\(r.text)")
            #expect(r.text.contains("WHERE { ?s ?p }\n"), "the offending line is shown")
        }
    }

    @Test func requestsTheProtocolForbids() async throws {
        try await withServer { client in
            let two = try await client.execute(uri: "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", method: .get)
            #expect(two.status == .badRequest)
            #expect(two.text.contains("one query"))
            #expect(try await client.post("ASK {}", contentType: "text/plain").status == .unsupportedMediaType)
            #expect(try await client.post("query=ASK%7B%7D", contentType: nil).status == .unsupportedMediaType)
            #expect(try await client.post("ASK {}", contentType: "application/sparql-query; charset=UTF-16").status == .unsupportedMediaType)
            #expect(try await client.post("", contentType: "application/x-www-form-urlencoded").status == .badRequest)
            let put = try await client.execute(uri: "/sparql?query=ASK%7B%7D", method: .put)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET, POST, OPTIONS")
            let malformed = try await client.execute(uri: "/sparql?query=ASK%7", method: .get)
            #expect(malformed.status == .badRequest)
        }
    }

    @Test func aQueryPastTheTimeoutIs503() async throws {
        var quads: [Quad] = []
        for i in 0..<2000 { quads.append(Quad(iri("s\(i)"), iri("p\(i % 7)"), .string("\(i)"))) }
        // one reader: the query after the stopped one needs the reader it had
        try await withServer(quads, timeout: 0.3, readers: 1) { client in
            // 2,000³ solutions to count: only the timeout ends it (wall time is no measure here: the
            // test runner may not resume this task for a while when the suite runs in parallel)
            let r = try await client.get("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
            #expect(r.status == .serviceUnavailable)
            #expect(r.text.contains("longer than 0.3 s"), "\(r.text)")
            #expect(try await client.get("ASK {}").status == .ok, "the reader is free again")
        }
    }

    @Test func updatesAreRefused() async throws {
        try await withServer { client in
            for method in [HTTPRequest.Method.get, .post] {
                let r = try await client.execute(uri: "/update", method: method)
                #expect(r.status == .forbidden)
                #expect(r.text.hasPrefix("not supported: this server is read-only"))
            }
            let direct = try await client.post("CLEAR ALL", contentType: "application/sparql-update")
            #expect(direct.status == .forbidden)
            let form = try await client.post("update=CLEAR+ALL", contentType: "application/x-www-form-urlencoded")
            #expect(form.status == .forbidden)
            #expect(try await client.get("ASK { ?s ?p ?o }").status == .ok)
        }
    }
}

@Suite struct DatasetTests {
    static let said = prefix + "SELECT ?o WHERE { ?s :says ?o }"
    static let g1 = encoded(ex + "g1"), g2 = encoded(ex + "g2")

    @Test func defaultGraphURISetsTheDefaultGraph() async throws {
        try await withServer { client in
            #expect(try jsonValues(try await client.get(Self.said), "o") == [])
            let one = try await client.get(Self.said, extra: "&default-graph-uri=\(Self.g1)")
            #expect(try jsonValues(one, "o") == ["hello"])
            let both = try await client.get(Self.said, extra: "&default-graph-uri=\(Self.g1)&default-graph-uri=\(Self.g2)")
            #expect(try jsonValues(both, "o") == ["bye", "hello", "hi"])
        }
    }

    @Test func namedGraphURISetsTheNamedGraphs() async throws {
        try await withServer { client in
            let query = prefix + "SELECT ?g ?o WHERE { GRAPH ?g { ?s :says ?o } }"
            #expect(try jsonValues(try await client.get(query), "o") == ["bye", "hello", "hi"])
            let r = try await client.post(query, contentType: "application/sparql-query", uri: "/sparql?named-graph-uri=\(Self.g2)")
            #expect(try jsonValues(r, "o") == ["bye", "hi"])
            // named graphs only: the default graph is empty
            let names = try await client.get(prefix + "SELECT ?n WHERE { ?s :name ?n }", extra: "&named-graph-uri=\(Self.g2)")
            #expect(try jsonValues(names, "n") == [])
        }
    }

    @Test func theProtocolsDatasetWinsOverFromClauses() async throws {
        try await withServer { client in
            let query = prefix + "SELECT ?o FROM :g1 WHERE { ?s :says ?o }"
            #expect(try jsonValues(try await client.get(query), "o") == ["hello"])
            let form = "query=\(encoded(query))&default-graph-uri=\(Self.g2)"
            let r = try await client.post(form, contentType: "application/x-www-form-urlencoded")
            #expect(try jsonValues(r, "o") == ["bye", "hi"])
        }
    }
}

@Suite struct ContentNegotiationTests {
    static let query = prefix + "SELECT ?name WHERE { :alice :name ?name }"
    static let construct = prefix + "CONSTRUCT { ?s :called ?n } WHERE { ?s :name ?n FILTER(?n = \"Bob\") }"

    @Test(arguments: [
        ("text/csv", "text/csv; charset=utf-8", "name\r\nAlice\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "?name\n\"Alice\"\n"),
        ("application/sparql-results+xml", "application/sparql-results+xml; charset=utf-8", "<literal>Alice</literal>"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml; charset=utf-8", "<literal>Alice</literal>"),
        ("text/*;q=0.2, text/tab-separated-values;q=0.1", "text/csv; charset=utf-8", "Alice"),
        ("application/json", "application/sparql-results+json; charset=utf-8", "\"value\":\"Alice\""),
        ("*/*", "application/sparql-results+json; charset=utf-8", "\"value\":\"Alice\""),
    ])
    func solutionFormats(accept: String, contentType: String, fragment: String) async throws {
        try await withServer { client in
            let r = try await client.get(Self.query, accept: accept)
            #expect(r.status == .ok)
            #expect(r.contentType == contentType)
            #expect(r.text.contains(fragment), "\(accept): \(r.text)")
            #expect(r.headers[.vary] == "Accept")
        }
    }

    @Test func graphFormats() async throws {
        try await withServer { client in
            let turtle = try await client.get(Self.construct)
            #expect(turtle.contentType == "text/turtle; charset=utf-8")
            let parsed = try RDFParser.parseAll(turtle.text, format: .turtle)
            #expect(parsed == [Quad(iri("bob"), iri("called"), .string("Bob"))])
            let nt = try await client.get(Self.construct, accept: "application/n-triples, text/turtle;q=0.5")
            #expect(nt.contentType == "application/n-triples; charset=utf-8")
            #expect(nt.text == "<http://example.org/bob> <http://example.org/called> \"Bob\" .\n")
            // rdflib's SPARQLStore asks for RDF/XML (or SPARQL results XML) whatever the query
            let rdfxml = try await client.get(Self.construct, accept: "application/rdf+xml, application/sparql-results+xml")
            #expect(rdfxml.contentType == "application/rdf+xml; charset=utf-8")
            #expect(rdfxml.text.contains("<rdf:Description rdf:about=\"http://example.org/bob\">\n    <p:called xmlns:p=\"http://example.org/\">Bob</p:called>"))
            let jsonld = try await client.get(Self.construct, accept: "application/ld+json")
            #expect(jsonld.contentType == "application/ld+json; charset=utf-8")
            let nodes = try JSONSerialization.jsonObject(with: Data(jsonld.text.utf8)) as? [[String: Any]]
            #expect(nodes?.first?["@id"] as? String == ex + "bob")
        }
    }

    @Test func nothingAcceptableIs406() async throws {
        try await withServer { client in
            let r = try await client.get(Self.query, accept: "text/html, application/xhtml+xml")
            #expect(r.status == .notAcceptable)
            #expect(r.text.contains("application/sparql-results+json"))
            let zero = try await client.get(Self.construct, accept: "text/turtle;q=0, application/sparql-results+json")
            #expect(zero.status == .notAcceptable)
        }
    }
}

@Suite struct CORSAndDescriptionTests {
    @Test func preflightAndAllowOrigin() async throws {
        try await withServer { client in
            let preflight = try await client.execute(uri: "/sparql", method: .options, headers: [
                .origin: "https://yasgui.example", .accessControlRequestMethod: "POST",
                .accessControlRequestHeaders: "content-type"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "*")
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("POST") == true)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("content-type") == true)
            let get = try await client.execute(uri: "/sparql?query=ASK%7B%7D", method: .get, headers: [.origin: "https://yasgui.example"])
            #expect(get.headers[.accessControlAllowOrigin] == "*")
            let error = try await client.execute(uri: "/sparql?query=ASK", method: .get, headers: [.origin: "https://yasgui.example"])
            #expect(error.status == .badRequest)
            #expect(error.headers[.accessControlAllowOrigin] == "*", "a browser client can read the error")
        }
    }

    @Test func serviceDescriptionAtTheEndpoint() async throws {
        try await withServer { client in
            let r = try await client.execute(uri: "/sparql", method: .get)
            #expect(r.status == .ok)
            #expect(r.contentType == "text/turtle; charset=utf-8")
            // the endpoint IRI is the one the client used (the router tester's Host is localhost)
            let quads = try RDFParser.parseAll(r.text, format: .turtle)
            let sd = "http://www.w3.org/ns/sparql-service-description#"
            let service = try #require(quads.first { $0.object == .iri(sd + "Service") }?.subject)
            #expect(quads.contains(Quad(service, .iri(sd + "endpoint"), .iri("http://localhost/sparql"))))
            #expect(quads.contains(Quad(service, .iri(sd + "supportedLanguage"), .iri(sd + "SPARQL11Query"))))
            #expect(quads.contains(Quad(service, .iri(sd + "resultFormat"), .iri("http://www.w3.org/ns/formats/SPARQL_Results_JSON"))))
            let nt = try await client.execute(uri: "/sparql", method: .get, headers: [.accept: "application/n-triples"])
            #expect(nt.contentType == "application/n-triples; charset=utf-8")
            #expect(try RDFParser.parseAll(nt.text, format: .ntriples).count == quads.count)
        }
    }
}
