import Foundation
import Hummingbird
@testable import Serve
import Testing

@Suite struct NegotiationTests {
    @Test func qualityAndSpecificity() {
        let s = AnswerFormat.solutionFormats
        #expect(Negotiation.choose(nil, among: s) == .json)
        #expect(Negotiation.choose("", among: s) == .json)
        #expect(Negotiation.choose("text/csv", among: s) == .csv)
        #expect(Negotiation.choose("TEXT/CSV; charset=utf-8", among: s) == .csv)
        #expect(Negotiation.choose("text/csv;q=0.4, application/sparql-results+xml;q=0.8", among: s) == .xml)
        // the most specific range decides: text/csv is refused even though text/* is welcome
        #expect(Negotiation.choose("text/*, text/csv;q=0", among: s) == .tsv)
        #expect(Negotiation.choose("*/*;q=0.1, text/tab-separated-values", among: s) == .tsv)
        #expect(Negotiation.choose("text/html", among: s) == nil)
        #expect(Negotiation.choose("*/*;q=0", among: s) == nil)
        #expect(Negotiation.choose("application/ld+json", among: AnswerFormat.graphFormats) == .jsonld)
        #expect(Negotiation.choose("text/html,application/xhtml+xml,*/*;q=0.8", among: AnswerFormat.graphFormats) == .turtle)
    }
}

@Suite struct ProtocolRequestTests {
    @Test func formFieldsDecodePlusAndPercent() throws {
        let fields = try ProtocolRequest.formFields("query=SELECT+*+%7B%7D+%2B&x=&named-graph-uri=http%3A%2F%2Fa%2Fb")
        #expect(fields.map(\.name) == ["query", "x", "named-graph-uri"])
        #expect(fields.map(\.value) == ["SELECT * {} +", "", "http://a/b"])
        #expect(throws: ProtocolError.self) { try ProtocolRequest.formFields("query=%E2%28") }
    }

    @Test func operations() throws {
        func parse(_ method: HTTPRequest.Method, _ url: String?, _ type: String? = nil, _ body: String? = nil) throws -> EndpointOperation {
            try ProtocolRequest.parse(method: method, urlQuery: url, contentType: type, body: body.map { ByteBuffer(string: $0) })
        }
        #expect(try parse(.get, nil) == .serviceDescription)
        #expect(try parse(.get, "query=ASK%7B%7D&default-graph-uri=g") == .query(QueryRequest(text: "ASK{}", defaultGraphs: ["g"])))
        #expect(try parse(.post, "default-graph-uri=a", "application/x-www-form-urlencoded", "query=ASK&default-graph-uri=b")
                == .query(QueryRequest(text: "ASK", defaultGraphs: ["a", "b"])))
        #expect(try parse(.post, "named-graph-uri=n", "Application/SPARQL-Query; charset=utf-8", "ASK {}")
                == .query(QueryRequest(text: "ASK {}", namedGraphs: ["n"])))
        #expect(try parse(.get, "update=CLEAR%20ALL") == .update)
        #expect(throws: ProtocolError.self) { try parse(.get, "default-graph-uri=g") }
        #expect(throws: ProtocolError.self) { try parse(.post, "query=ASK", "application/sparql-query", "ASK {}") }
    }

    @Test func updateRequests() throws {
        func parse(_ url: String?, _ type: String?, _ body: String) throws -> UpdateRequest {
            try ProtocolRequest.parseUpdate(urlQuery: url, contentType: type, body: ByteBuffer(string: body))
        }
        #expect(try parse("using-graph-uri=a", "application/sparql-update", "CLEAR ALL")
                == UpdateRequest(text: "CLEAR ALL", usingGraphs: ["a"]))
        #expect(try parse(nil, "application/x-www-form-urlencoded", "update=CLEAR+ALL&using-named-graph-uri=n")
                == UpdateRequest(text: "CLEAR ALL", usingNamedGraphs: ["n"]))
        #expect(throws: ProtocolError.self) { try parse(nil, nil, "CLEAR ALL") }
        #expect(throws: ProtocolError.self) { try parse(nil, "application/x-www-form-urlencoded", "query=ASK") }
        #expect(throws: ProtocolError.self) { try parse("update=CLEAR", "application/x-www-form-urlencoded", "update=CLEAR") }
    }

    @Test func bodiesMustBeUTF8() {
        let latin1 = ByteBuffer(bytes: Array("ASK { ?s ?p \"caf".utf8) + [0xE9] + Array("\" }".utf8))
        #expect(throws: ProtocolError.self) {
            try ProtocolRequest.parse(method: .post, urlQuery: nil, contentType: "application/sparql-query", body: latin1)
        }
    }
}

@Suite struct ServerPolicyTests {
    @Test func loopbackAddresses() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"] { #expect(KGServer.isLoopback(host), "\(host)") }
        for host in ["0.0.0.0", "::", "192.168.1.4", "127.0.0.1.example.com", "1270.0.0.1", "example.com", ""] {
            #expect(!KGServer.isLoopback(host), "\(host)")
        }
    }

    @Test func theEndpointIRIComesFromAPlainHostHeader() {
        #expect(KGServer.endpointURL(authority: "kg.example:8123") == "http://kg.example:8123/sparql")
        #expect(KGServer.endpointURL(authority: "[::1]:80") == "http://[::1]:80/sparql")
        for hostile in ["a>b", "a b", "a/b", "é.example", "", String(repeating: "a", count: 300)] {
            #expect(KGServer.endpointURL(authority: hostile) == nil, "\(hostile)")
        }
        #expect(KGServer.endpointURL(authority: nil) == nil)
    }

    @Test func aCancelledStreamStopsItsReader() throws {
        let stream = AnswerStream()
        for _ in 0..<AnswerStream.window { #expect(try stream.send(.data(ByteBuffer(string: "x")), deadline: .distantFuture)) }
        stream.cancel()
        // the window is full: without the cancel this would wait for the client
        #expect(try stream.send(.data(ByteBuffer(string: "x")), deadline: .distantFuture) == false)
        #expect(stream.isCancelled)
    }

    @Test func aSlowClientRunsIntoTheDeadline() {
        let stream = AnswerStream()
        #expect(throws: Error.self) {
            for _ in 0...AnswerStream.window { _ = try stream.send(.data(ByteBuffer(string: "x")), deadline: Date().addingTimeInterval(0.2)) }
        }
    }
}
