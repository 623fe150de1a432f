import Foundation

/// The RDF 1.1 data model: terms, triples and quads.
///
/// Literals are kept exactly as written (lexical form, datatype IRI, language tag as given), so
/// `"01"^^xsd:integer` and `"1"^^xsd:integer` are different terms; comparison by value is the
/// query engine's business, not the model's.
///
/// Equality and hashing are by Unicode code points (UTF-8 bytes), as RDF requires: "é" written
/// precomposed and "e" + combining accent are different terms, although Swift's `String ==` says equal.
public enum Term: Hashable, Sendable, Comparable {
    /// An absolute IRI, without angle brackets.
    case iri(String)
    /// A blank node by its label (without `_:`), unique within one store or document.
    case blank(String)
    case literal(Literal)

    public static func string(_ value: String) -> Term { .literal(Literal(value)) }
    public static func typed(_ value: String, _ datatype: String) -> Term {
        .literal(Literal(value, datatype: datatype))
    }
    public static func lang(_ value: String, _ language: String) -> Term {
        .literal(Literal(value, language: language))
    }

    public var isIRI: Bool { if case .iri = self { true } else { false } }
    public var isBlank: Bool { if case .blank = self { true } else { false } }
    public var isLiteral: Bool { if case .literal = self { true } else { false } }

    public var iriValue: String? { if case .iri(let v) = self { v } else { nil } }
    public var literalValue: Literal? { if case .literal(let l) = self { l } else { nil } }

    /// The term in N-Triples syntax: `<iri>`, `_:b0`, `"text"@en`, `"1"^^<…#integer>`.
    public var ntriples: String {
        switch self {
        case .iri(let v): return "<" + NTriplesEscaping.iri(v) + ">"
        case .blank(let v): return "_:" + v
        case .literal(let l): return l.ntriples
        }
    }

    public static func == (a: Term, b: Term) -> Bool {
        switch (a, b) {
        case (.iri(let x), .iri(let y)), (.blank(let x), .blank(let y)): return ExactText.equal(x, y)
        case (.literal(let x), .literal(let y)): return x == y
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .iri(let v): hasher.combine(0 as UInt8); ExactText.hash(v, into: &hasher)
        case .blank(let v): hasher.combine(1 as UInt8); ExactText.hash(v, into: &hasher)
        case .literal(let l): hasher.combine(2 as UInt8); l.hash(into: &hasher)
        }
    }

    /// Order used by ORDER BY for terms of different kinds: blank nodes, IRIs, literals.
    private var kindRank: Int {
        switch self {
        case .blank: 0
        case .iri: 1
        case .literal: 2
        }
    }

    public static func < (a: Term, b: Term) -> Bool {
        switch (a, b) {
        case (.iri(let x), .iri(let y)), (.blank(let x), .blank(let y)): return x < y
        case (.literal(let x), .literal(let y)):
            if x.lexical != y.lexical { return x.lexical < y.lexical }
            if x.datatype != y.datatype { return x.datatype < y.datatype }
            return (x.language ?? "") < (y.language ?? "")
        default: return a.kindRank < b.kindRank
        }
    }
}

public struct Literal: Hashable, Sendable {
    public var lexical: String
    /// Datatype IRI. `xsd:string` for simple literals, `rdf:langString` when a language tag is set.
    public var datatype: String
    /// Language tag exactly as written (RDF 1.1 compares tags case-insensitively; the store keeps the text).
    public var language: String?

    public init(_ lexical: String, datatype: String = XSD.string) {
        self.lexical = lexical
        self.datatype = datatype
        self.language = nil
    }

    public init(_ lexical: String, language: String) {
        self.lexical = lexical
        self.datatype = RDFNS.langString
        self.language = language
    }


    public static func == (a: Literal, b: Literal) -> Bool {
        ExactText.equal(a.lexical, b.lexical) && ExactText.equal(a.datatype, b.datatype)
            && ExactText.equal(a.language ?? "", b.language ?? "") && (a.language == nil) == (b.language == nil)
    }

    public func hash(into hasher: inout Hasher) {
        ExactText.hash(lexical, into: &hasher)
        ExactText.hash(datatype, into: &hasher)
        ExactText.hash(language ?? "", into: &hasher)
    }

    public var ntriples: String {
        var out = "\"" + NTriplesEscaping.string(lexical) + "\""
        if let language { out += "@" + language } else if datatype != XSD.string { out += "^^<" + NTriplesEscaping.iri(datatype) + ">" }
        return out
    }
}

/// Code-point (UTF-8 byte) equality and hashing of strings, without Unicode canonical equivalence.
enum ExactText {
    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                pa.count == pb.count && (pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0)
            }
        }
    }

    @inline(__always)
    static func hash(_ s: String, into hasher: inout Hasher) {
        var s = s
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(s.utf8.count)
    }
}

public struct Triple: Hashable, Sendable {
    public var subject: Term
    public var predicate: Term
    public var object: Term
    public init(_ subject: Term, _ predicate: Term, _ object: Term) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }
}

public struct Quad: Hashable, Sendable {
    public var subject: Term
    public var predicate: Term
    public var object: Term
    /// The graph name; `nil` is the default graph.
    public var graph: Term?
    public init(_ subject: Term, _ predicate: Term, _ object: Term, graph: Term? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }
    public init(_ triple: Triple, graph: Term? = nil) {
        self.init(triple.subject, triple.predicate, triple.object, graph: graph)
    }
    public var triple: Triple { Triple(subject, predicate, object) }
}

/// The W3C Basic Geo (WGS84 lat/long) vocabulary.
public enum WGS84 {
    public static let ns = "http://www.w3.org/2003/01/geo/wgs84_pos#"
    public static let lat = ns + "lat"
    public static let long = ns + "long"
}

public enum XSD {
    public static let ns = "http://www.w3.org/2001/XMLSchema#"
    public static let string = ns + "string"
    public static let boolean = ns + "boolean"
    public static let integer = ns + "integer"
    public static let decimal = ns + "decimal"
    public static let double = ns + "double"
    public static let float = ns + "float"
    public static let date = ns + "date"
    public static let dateTime = ns + "dateTime"
    public static let gYear = ns + "gYear"
    public static let gYearMonth = ns + "gYearMonth"
}

public enum RDFNS {
    public static let ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let type = ns + "type"
    public static let first = ns + "first"
    public static let rest = ns + "rest"
    public static let `nil` = ns + "nil"
    public static let langString = ns + "langString"
}

public enum RDFS {
    public static let ns = "http://www.w3.org/2000/01/rdf-schema#"
    public static let label = ns + "label"
    public static let comment = ns + "comment"
    public static let subClassOf = ns + "subClassOf"
    public static let domain = ns + "domain"
    public static let range = ns + "range"
}

public enum OWL {
    public static let ns = "http://www.w3.org/2002/07/owl#"
}

public enum SKOS {
    public static let ns = "http://www.w3.org/2004/02/skos/core#"
    public static let prefLabel = ns + "prefLabel"
    public static let altLabel = ns + "altLabel"
    public static let hiddenLabel = ns + "hiddenLabel"
}

/// kg's own vocabulary: `https://kg.example.org/ontology#` (prefix `kg:`), entities under
/// `https://kg.example.org/id/`, articles under `https://kg.example.org/article/`.
public enum KG {
    public static let ns = "https://kg.example.org/ontology#"
    public static let entityNS = "https://kg.example.org/id/"
    public static let articleNS = "https://kg.example.org/article/"
    public static func term(_ local: String) -> Term { .iri(ns + local) }
}

/// Escaping for N-Triples / Turtle output (ECHAR and UCHAR where required).
public enum NTriplesEscaping {
    public static func string(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// IRIREF may not contain `<>"{}|^`\` `, controls or space: those are written as UCHAR.
    public static func iri(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "<", ">", "\"", "{", "}", "|", "^", "`", "\\", " ":
                out += "\\u" + hex(scalar.value, width: 4)
            default:
                if scalar.value <= 0x20 { out += "\\u" + hex(scalar.value, width: 4) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    static func hex(_ v: UInt32, width: Int) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }
}
