import SPARQL

/// A format `kg serve` writes an answer in, with the media types that ask for it.
public enum AnswerFormat: String, CaseIterable, Sendable {
    case json, xml, csv, tsv, turtle, ntriples, rdfxml, jsonld

    /// The formats of SELECT and ASK answers, in the order preferred when the client has no preference.
    public static let solutionFormats: [AnswerFormat] = [.json, .xml, .csv, .tsv]
    /// The formats of CONSTRUCT and DESCRIBE answers (and of the service description), preferred first.
    public static let graphFormats: [AnswerFormat] = [.turtle, .ntriples, .rdfxml, .jsonld]

    /// The formats a query of `form` can be answered in, preferred first.
    public static func formats(for form: Query.Form) -> [AnswerFormat] {
        form == .construct || form == .describe ? graphFormats : solutionFormats
    }

    /// The media type written in Content-Type.
    public var mediaType: String {
        switch self {
        case .json: "application/sparql-results+json"
        case .xml: "application/sparql-results+xml"
        case .csv: "text/csv"
        case .tsv: "text/tab-separated-values"
        case .turtle: "text/turtle"
        case .ntriples: "application/n-triples"
        case .rdfxml: "application/rdf+xml"
        case .jsonld: "application/ld+json"
        }
    }

    /// Content-Type with its charset (every format is UTF-8).
    public var contentType: String { mediaType + "; charset=utf-8" }

    /// Every media type that asks for this format: its own, and the generic ones clients send
    /// (SPARQLWrapper asks for JSON results with application/json too).
    var acceptedTypes: [String] {
        switch self {
        case .json: [mediaType, "application/json"]
        case .xml: [mediaType, "application/xml"]
        case .ntriples: [mediaType, "text/plain"]
        default: [mediaType]
        }
    }

    /// The writer's format (JSON-LD has its own writer).
    var resultFormat: ResultFormat? {
        switch self {
        case .json: .json
        case .xml: .xml
        case .csv: .csv
        case .tsv: .tsv
        case .turtle: .turtle
        case .ntriples: .ntriples
        case .rdfxml: .rdfxml
        case .jsonld: nil
        }
    }
}

/// HTTP content negotiation on the Accept header (RFC 9110 §12.5.1).
public enum Negotiation {
    /// One media range of an Accept header: `type/subtype` (either may be `*`) and its weight.
    struct MediaRange: Equatable {
        var type: String
        var subtype: String
        var quality: Double

        /// How closely the range matches `mediaType` (nil: not at all): 2 exact, 1 `type/*`, 0 `*/*`.
        func specificity(for mediaType: String) -> Int? {
            let parts = mediaType.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            if type == "*" { return subtype == "*" ? 0 : nil }
            guard type == parts[0] else { return nil }
            if subtype == "*" { return 1 }
            return subtype == parts[1] ? 2 : nil
        }
    }

    /// The ranges of an Accept header, lower-cased; parameters other than q are ignored, and a range
    /// without a q weighs 1. Malformed ranges are skipped.
    static func ranges(_ accept: String) -> [MediaRange] {
        accept.split(separator: ",").compactMap { item in
            let fields = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let range = fields.first else { return nil }
            let parts = range.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            var quality = 1.0
            for field in fields.dropFirst() where field.hasPrefix("q=") {
                quality = Double(field.dropFirst(2)).map { min(max($0, 0), 1) } ?? 1
            }
            return MediaRange(type: parts[0], subtype: parts[1], quality: quality)
        }
    }

    /// The format of `formats` the client prefers by `accept`: the highest weight, given by the most
    /// specific range that matches one of the format's media types, ties going to the earlier format.
    /// No header, or one with no well-formed range, accepts anything: the first format. Nil when every
    /// format has weight 0 (a 406).
    public static func choose(_ accept: String?, among formats: [AnswerFormat]) -> AnswerFormat? {
        let ranges = accept.map(Self.ranges) ?? []
        if ranges.isEmpty { return formats.first }
        var best: (format: AnswerFormat, quality: Double)?
        for format in formats {
            let quality = weight(of: format, in: ranges)
            if quality > 0, quality > (best?.quality ?? 0) { best = (format, quality) }
        }
        return best?.format
    }

    /// The weight `ranges` give `format`: that of the most specific range matching any of its media
    /// types (the highest, among equally specific ones); 0 when none matches.
    static func weight(of format: AnswerFormat, in ranges: [MediaRange]) -> Double {
        var best: (specificity: Int, quality: Double)?
        for mediaType in format.acceptedTypes {
            for range in ranges {
                guard let s = range.specificity(for: mediaType) else { continue }
                if best == nil || s > best!.specificity || (s == best!.specificity && range.quality > best!.quality) {
                    best = (s, range.quality)
                }
            }
        }
        return best?.quality ?? 0
    }
}
