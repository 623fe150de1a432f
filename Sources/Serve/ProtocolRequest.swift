import Foundation
import Hummingbird

/// A query operation of the SPARQL 1.1 Protocol (§2.1): the query text and the dataset the request's
/// `default-graph-uri` and `named-graph-uri` parameters give (empty: the query's own).
public struct QueryRequest: Sendable, Equatable {
    public var text: String
    public var defaultGraphs: [String] = []
    public var namedGraphs: [String] = []

    public init(text: String, defaultGraphs: [String] = [], namedGraphs: [String] = []) {
        self.text = text
        self.defaultGraphs = defaultGraphs
        self.namedGraphs = namedGraphs
    }
}

/// What a request to `/sparql` asks for.
public enum EndpointOperation: Sendable, Equatable {
    case query(QueryRequest)
    /// GET without a query: the service description.
    case serviceDescription
    /// An update operation (`update=` or an `application/sparql-update` body).
    case update
}

/// A request the endpoint cannot take, with the status and the message that say why.
public struct ProtocolError: Error, Equatable {
    public var status: HTTPResponse.Status
    public var message: String
    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// Reads a request to `/sparql` as the SPARQL 1.1 Protocol defines its operations: a query by GET
/// (`?query=`), by POST of a form (`query=` in an `application/x-www-form-urlencoded` body) or by POST
/// of the query itself (`application/sparql-query`, dataset parameters in the URL).
public enum ProtocolRequest {
    static let formType = "application/x-www-form-urlencoded"
    static let queryType = "application/sparql-query"
    static let updateType = "application/sparql-update"

    /// The operation `method` with URL query string `urlQuery`, Content-Type `contentType` and `body`
    /// (POST) asks for. Throws `ProtocolError` (400, 415) for a request the Protocol does not allow.
    public static func parse(method: HTTPRequest.Method, urlQuery: String?, contentType: String?,
                             body: ByteBuffer?) throws -> EndpointOperation {
        let url = try formFields(urlQuery ?? "")
        if url.contains(where: { $0.name == "update" }) { return .update }
        switch method {
        case .get:
            let queries = values("query", url)
            if queries.isEmpty {
                if url.contains(where: { $0.name == "default-graph-uri" || $0.name == "named-graph-uri" }) {
                    throw ProtocolError(.badRequest, "no query: give the query in the query= parameter")
                }
                return .serviceDescription
            }
            return .query(try request(queries, url))
        case .post:
            return try parsePost(url: url, contentType: contentType, body: body)
        default:
            throw ProtocolError(.methodNotAllowed, "a query is sent with GET or POST, not \(method.rawValue)")
        }
    }

    private static func parsePost(url: [Field], contentType: String?, body: ByteBuffer?) throws -> EndpointOperation {
        guard let contentType else {
            throw ProtocolError(.unsupportedMediaType, "a POSTed query needs a Content-Type: \(formType) (query=…) or \(queryType) (the query as the body)")
        }
        let (mediaType, charset) = parseContentType(contentType)
        if let charset, charset != "utf-8", charset != "utf8" {
            throw ProtocolError(.unsupportedMediaType, "the query must be UTF-8, not \(charset)")
        }
        let text = try utf8(body)
        switch mediaType {
        case formType:
            let form = try formFields(text)
            if form.contains(where: { $0.name == "update" }) { return .update }
            return .query(try request(values("query", url) + values("query", form), url + form))
        case queryType:
            if !values("query", url).isEmpty {
                throw ProtocolError(.badRequest, "the query is the request's body; do not give query= in the URL as well")
            }
            return .query(try request([text], url))
        case updateType:
            return .update
        default:
            throw ProtocolError(.unsupportedMediaType, "a POSTed query is \(formType) (query=…) or \(queryType), not \(mediaType)")
        }
    }

    /// The query operation of exactly one query text, with the dataset parameters of `fields`.
    private static func request(_ queries: [String], _ fields: [Field]) throws -> QueryRequest {
        guard queries.count == 1 else {
            throw ProtocolError(.badRequest, queries.isEmpty ? "no query: give the query in the query= parameter"
                                                             : "give one query, not \(queries.count) query= parameters")
        }
        return QueryRequest(text: queries[0], defaultGraphs: values("default-graph-uri", fields),
                            namedGraphs: values("named-graph-uri", fields))
    }

    /// The media type (lower-cased, without parameters) and the charset parameter of a Content-Type.
    static func parseContentType(_ value: String) -> (mediaType: String, charset: String?) {
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let charset = parts.dropFirst().first { $0.hasPrefix("charset=") }.map {
            $0.dropFirst("charset=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return (parts.first ?? "", charset)
    }

    static func utf8(_ body: ByteBuffer?) throws -> String {
        guard let body else { return "" }
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
            throw ProtocolError(.badRequest, "the request body is not valid UTF-8")
        }
        return text
    }

    struct Field: Equatable {
        var name: String
        var value: String
    }

    /// The fields of an `application/x-www-form-urlencoded` string (a URL's query or a form body): `+`
    /// is a space and %XX a UTF-8 byte. Hummingbird's `URI.queryParameters` keeps `+` as it is, which
    /// would turn `SELECT+*` (how HTML forms and Python's urlencode send spaces) into a syntax error.
    static func formFields(_ text: String) throws -> [Field] {
        try text.split(separator: "&").map { pair in
            let name = pair.prefix { $0 != "=" }
            let value = pair.dropFirst(name.count + 1)
            return Field(name: try decode(name), value: try decode(value))
        }
    }

    private static func decode(_ s: Substring) throws -> String {
        guard let text = s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
            throw ProtocolError(.badRequest, "malformed percent-encoding in the request's parameters")
        }
        return text
    }

    private static func values(_ name: String, _ fields: [Field]) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }
}

/// An update operation of the SPARQL 1.1 Protocol (§2.2): the update text and the dataset of its
/// WHERE patterns that `using-graph-uri` and `using-named-graph-uri` give (empty: the update's own).
public struct UpdateRequest: Sendable, Equatable {
    public var text: String
    public var usingGraphs: [String] = []
    public var usingNamedGraphs: [String] = []

    public init(text: String, usingGraphs: [String] = [], usingNamedGraphs: [String] = []) {
        self.text = text
        self.usingGraphs = usingGraphs
        self.usingNamedGraphs = usingNamedGraphs
    }
}

extension ProtocolRequest {
    /// The update a POST to `/update` carries: a form with one `update=` field, or the update itself as
    /// an `application/sparql-update` body; `using-graph-uri` / `using-named-graph-uri` in the URL (or
    /// the form). Throws `ProtocolError` (400, 415) for a request the Protocol does not allow.
    public static func parseUpdate(urlQuery: String?, contentType: String?, body: ByteBuffer?) throws -> UpdateRequest {
        let url = try formFields(urlQuery ?? "")
        guard let contentType else {
            throw ProtocolError(.unsupportedMediaType, "a POSTed update needs a Content-Type: \(formType) (update=…) or \(updateType) (the update as the body)")
        }
        let (mediaType, charset) = parseContentType(contentType)
        if let charset, charset != "utf-8", charset != "utf8" {
            throw ProtocolError(.unsupportedMediaType, "the update must be UTF-8, not \(charset)")
        }
        let text = try utf8(body)
        var fields = url
        var updates = url.filter { $0.name == "update" }.map(\.value)
        switch mediaType {
        case formType:
            let form = try formFields(text)
            fields += form
            updates += form.filter { $0.name == "update" }.map(\.value)
        case updateType:
            updates.append(text)
        default:
            throw ProtocolError(.unsupportedMediaType, "a POSTed update is \(formType) (update=…) or \(updateType), not \(mediaType)")
        }
        guard updates.count == 1 else {
            throw ProtocolError(.badRequest, updates.isEmpty ? "no update: give it in the update= parameter"
                                                             : "give one update, not \(updates.count)")
        }
        return UpdateRequest(text: updates[0],
                             usingGraphs: fields.filter { $0.name == "using-graph-uri" }.map(\.value),
                             usingNamedGraphs: fields.filter { $0.name == "using-named-graph-uri" }.map(\.value))
    }
}
