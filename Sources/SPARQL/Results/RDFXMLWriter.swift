import RDF

/// RDF/XML (RDF 1.1 XML Syntax) for CONSTRUCT / DESCRIBE answers, a triple at a time: the header, one
/// `rdf:Description` per triple, the footer. A predicate is written as an element named by its IRI
/// split into a namespace and a local name (the longest XML name at its end), the namespace declared on
/// the element. RDF/XML cannot write a predicate whose IRI ends in no XML name (such as
/// `http://example.org/1`): that triple is left out, and a comment in its place says so.
enum RDFXMLWriter {
    static let header = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF xmlns:rdf=\"\(RDFNS.ns)\">\n"
    static let footer = "</rdf:RDF>\n"

    static func triple(_ t: Triple) -> String {
        let escape = XMLResults.escape
        let subject: String
        switch t.subject {
        case .iri(let i): subject = "rdf:about=\"\(escape(i))\""
        case .blank(let b): subject = "rdf:nodeID=\"\(nodeID(b))\""
        case .literal: return ""
        }
        guard let p = t.predicate.iriValue, let (namespace, local) = split(p) else {
            return "  <!-- left out: a triple whose predicate \(commentSafe(t.predicate.ntriples)) RDF/XML cannot name -->\n"
        }
        var property = "<p:\(local) xmlns:p=\"\(escape(namespace))\""
        switch t.object {
        case .iri(let i): property += " rdf:resource=\"\(escape(i))\"/>"
        case .blank(let b): property += " rdf:nodeID=\"\(nodeID(b))\"/>"
        case .literal(let l):
            if let lang = l.language { property += " xml:lang=\"\(escape(lang))\"" }
            else if l.datatype != XSD.string { property += " rdf:datatype=\"\(escape(l.datatype))\"" }
            property += ">\(escape(l.lexical))</p:\(local)>"
        }
        return "  <rdf:Description \(subject)>\n    \(property)\n  </rdf:Description>\n"
    }

    /// The IRI as a namespace and the longest XML name (NCName, ASCII letters, digits, `_ - .`, starting
    /// with a letter or `_`) at its end; nil when it ends in none.
    static func split(_ iri: String) -> (String, String)? {
        let scalars = Array(iri.unicodeScalars)
        var start = scalars.count
        while start > 0, isNameScalar(scalars[start - 1]) { start -= 1 }
        while start < scalars.count, !(scalars[start].properties.isAlphabetic && scalars[start].isASCII || scalars[start] == "_") {
            start += 1
        }
        guard start < scalars.count, start > 0 else { return nil }
        var namespace = "", local = ""
        namespace.unicodeScalars.append(contentsOf: scalars[..<start])
        local.unicodeScalars.append(contentsOf: scalars[start...])
        return (namespace, local)
    }

    private static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-" || c == ".")
    }

    /// A blank node label as an XML name, one to one: `b` and the label when it is made of name
    /// characters, `x` and its UTF-8 in hex otherwise.
    static func nodeID(_ label: String) -> String {
        if !label.isEmpty, label.unicodeScalars.allSatisfy(isNameScalar) { return "b" + label }
        return "x" + label.utf8.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// Text inside an XML comment, which may not hold `--`.
    private static func commentSafe(_ s: String) -> String {
        XMLResults.escape(s).replacingOccurrences(of: "--", with: "-\u{200B}-")
    }
}
