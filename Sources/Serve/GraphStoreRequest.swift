import Foundation
import Hummingbird
import RDF

/// The graph a Graph Store HTTP Protocol request names (SPARQL 1.1 Graph Store HTTP Protocol §4).
public enum GraphTarget: Sendable, Equatable {
    /// `?default`: the default graph.
    case defaultGraph
    /// `?graph=IRI` (indirect identification) or a path under `/rdf-graphs/` (direct identification).
    case named(String)
    /// The service itself, no graph named: a POST there makes a new graph.
    case service
}

/// Reads Graph Store Protocol requests: which graph they name, and the RDF their bodies carry.
public enum GraphStoreRequest {
    /// The path of the service (indirect identification); other paths under `directPrefix` name a
    /// graph directly, its IRI being the server's base URL followed by the path.
    public static let servicePath = "/rdf-graphs/service"
    public static let directPrefix = "/rdf-graphs/"

    /// The graph named by a request to `path` with URL query `urlQuery`; `base` is the server's URL
    /// (`http://host:port`), the start of a directly identified graph's IRI. Throws 400 for a request
    /// that names no graph, two, or one that is not an absolute IRI.
    public static func target(path: String, urlQuery: String?, base: String) throws -> GraphTarget {
        let fields = try ProtocolRequest.formFields(urlQuery ?? "")
        let graphs = fields.filter { $0.name == "graph" }.map(\.value)
        let isDefault = fields.contains { $0.name == "default" }
        guard path == servicePath else {
            if isDefault || !graphs.isEmpty {
                throw ProtocolError(.badRequest, "a graph under \(directPrefix) is named by its path; ?graph= and ?default go to \(servicePath)")
            }
            return .named(base + path)
        }
        switch (isDefault, graphs.count) {
        case (false, 0): return .service
        case (true, 0): return .defaultGraph
        case (false, 1):
            guard isAbsoluteIRI(graphs[0]) else {
                throw ProtocolError(.badRequest, "graph= must be an absolute IRI, not \"\(graphs[0].prefix(200))\"")
            }
            return .named(graphs[0])
        default:
            throw ProtocolError(.badRequest, "name one graph: ?default or one ?graph=IRI")
        }
    }

    /// An IRI with a scheme and no character an IRI cannot hold.
    static func isAbsoluteIRI(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), let first = s.unicodeScalars.first, first.isASCII,
              CharacterSet.letters.contains(first) else { return false }
        let scheme = s[..<colon]
        guard scheme.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "+-.".unicodeScalars.contains($0)) })
        else { return false }
        return !s.unicodeScalars.contains { $0.value <= 0x20 || "<>\"{}|\\^`".unicodeScalars.contains($0) }
    }

    /// The triples of a request body of Content-Type `contentType`: Turtle, N-Triples, or a
    /// `multipart/form-data` of those (each part read by its own Content-Type). Relative IRIs resolve
    /// against `baseIRI`; blank nodes get labels of their own, so they never meet the store's.
    /// Throws 415 for another media type or charset, 400 (with line and column) for a syntax error.
    public static func triples(contentType: String?, body: ByteBuffer, baseIRI: String) throws -> [Triple] {
        guard let contentType else {
            throw ProtocolError(.unsupportedMediaType, "the graph needs a Content-Type: text/turtle or application/n-triples")
        }
        let blankPrefix = "gsp" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        if ProtocolRequest.parseContentType(contentType).mediaType == "multipart/form-data" {
            var triples: [Triple] = []
            for (index, part) in try MultipartForm.parts(contentType: contentType, body: ProtocolRequest.utf8(body)).enumerated() {
                let name = part.filename.map { "part \(index + 1) (\($0))" } ?? "part \(index + 1)"
                triples += try parse(part.body, contentType: part.contentType ?? defaultType(filename: part.filename),
                                     baseIRI: baseIRI, blankPrefix: blankPrefix + "p\(index)_", name: name)
            }
            return triples
        }
        return try parse(ProtocolRequest.utf8(body), contentType: contentType, baseIRI: baseIRI,
                         blankPrefix: blankPrefix + "_", name: "the body")
    }

    /// The syntax of a media type kg reads graphs in; 415 for the others.
    static func format(mediaType: String) throws -> RDFFormat {
        switch mediaType {
        case "text/turtle", "application/x-turtle": return .turtle
        case "application/n-triples", "text/plain": return .ntriples
        case "application/rdf+xml":
            throw ProtocolError(.unsupportedMediaType, "kg does not read RDF/XML; send the graph as text/turtle or application/n-triples")
        default:
            throw ProtocolError(.unsupportedMediaType, "a graph is sent as text/turtle or application/n-triples (or multipart/form-data of those), not \(mediaType)")
        }
    }

    private static func defaultType(filename: String?) -> String {
        filename?.lowercased().hasSuffix(".nt") == true ? "application/n-triples" : "text/turtle"
    }

    private static func parse(_ text: String, contentType: String, baseIRI: String, blankPrefix: String,
                              name: String) throws -> [Triple] {
        let (mediaType, charset) = ProtocolRequest.parseContentType(contentType)
        if let charset, charset != "utf-8", charset != "utf8" {
            throw ProtocolError(.unsupportedMediaType, "the graph must be UTF-8, not \(charset)")
        }
        let format = try format(mediaType: mediaType)
        var parser = RDFParser(format: format, baseIRI: baseIRI, blankNodePrefix: blankPrefix)
        var triples: [Triple] = []
        do {
            try parser.parse(text) { triples.append($0.triple) }
        } catch let e as RDFSyntaxError {
            let syntax = format == .turtle ? "Turtle" : "N-Triples"
            throw ProtocolError(.badRequest, "\(syntax) syntax error in \(name) at line \(e.line), column \(e.column): \(e.message)")
        }
        return triples
    }
}

/// The parts of a `multipart/form-data` body (RFC 7578): each part's body, its Content-Type and file name.
enum MultipartForm {
    struct Part: Equatable {
        var contentType: String?
        var filename: String?
        var body: String
    }

    /// The parts of `body`, split at the boundary the Content-Type names (lines end in CRLF or LF).
    static func parts(contentType: String, body: String) throws -> [Part] {
        guard let boundary = boundary(contentType) else {
            throw ProtocolError(.badRequest, "a multipart/form-data Content-Type needs its boundary= parameter")
        }
        let text = body.replacingOccurrences(of: "\r\n", with: "\n")
        var sections = text.components(separatedBy: "--" + boundary)
        guard sections.count >= 3, sections.last.map({ $0.hasPrefix("--") }) == true else {
            throw ProtocolError(.badRequest, "the multipart/form-data body does not end with its closing boundary --\(boundary)--")
        }
        sections.removeFirst()
        sections.removeLast()
        return sections.map(part)
    }

    private static func part(_ section: String) -> Part {
        var section = Substring(section)
        if section.hasPrefix("\n") { section = section.dropFirst() }
        if section.hasSuffix("\n") { section = section.dropLast() }
        let split = section.range(of: "\n\n")
        let head = split.map { section[..<$0.lowerBound] } ?? ""
        let body = split.map { section[$0.upperBound...] } ?? section
        var part = Part(contentType: nil, filename: nil, body: String(body))
        for line in head.split(separator: "\n") {
            let name = line.prefix { $0 != ":" }.lowercased()
            let value = line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
            if name == "content-type" { part.contentType = value }
            if name == "content-disposition", let range = value.range(of: "filename=\"") {
                part.filename = String(value[range.upperBound...].prefix { $0 != "\"" })
            }
        }
        return part
    }

    private static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let field = parameter.trimmingCharacters(in: .whitespaces)
            guard field.lowercased().hasPrefix("boundary=") else { continue }
            let value = field.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
