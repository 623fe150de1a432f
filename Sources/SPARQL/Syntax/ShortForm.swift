import RDF
import Store

/// The command-line short form: triple patterns of words, names and variables, e.g.
/// `?who surrenderedTo MNDAA` or `MNDAA controls ?place . ?place locatedIn "Shan State"`.
public enum ShortForm {
    /// Expands the command-line short form into SPARQL: `?who surrenderedTo MNDAA`, `MNDAA controls ?place . ?place locatedIn "Shan State"`.
    /// A word that is a local name of a property in the kg: namespace becomes kg:<name>; a name (bare word, or quoted for several words)
    /// becomes the entity IRI whose rdfs:label / skos:prefLabel / skos:altLabel matches it case-insensitively in the store; `?x` stays a variable; `a` is rdf:type.
    /// Unknown names → SPARQLError naming them. Returns the SPARQL text (SELECT DISTINCT over the variables in order of appearance).
    public static func expand(_ text: String, store: TripleStore) throws -> String {
        let statements = try tokenize(text)
        var variables: [String] = []
        var lines: [String] = []
        var unknown: [String] = []
        for words in statements {
            guard words.count == 3 else {
                throw SPARQLError(.syntax, "each pattern needs a subject, a property and an object; got \(words.count) item\(words.count == 1 ? "" : "s"): \(words.map(\.display).joined(separator: " "))")
            }
            var parts: [String] = []
            for (i, w) in words.enumerated() {
                switch w {
                case .variable(let v):
                    if !variables.contains(v) { variables.append(v) }
                    parts.append("?" + v)
                case .iri(let v): parts.append("<" + NTriplesEscaping.iri(v) + ">")
                case .word(let s), .quoted(let s):
                    if i == 1 {
                        if case .quoted = w { unknown.append("\"\(s)\" (a property must be one word)"); parts.append("?_"); continue }
                        if s == "a" { parts.append("<\(RDFNS.type)>"); continue }
                        if let p = try property(s, store) { parts.append("<" + NTriplesEscaping.iri(p) + ">") } else {
                            unknown.append("property '\(s)'"); parts.append("?_")
                        }
                    } else {
                        if i == 2, case .word(let verb) = words[1], verb == "a", let c = try property(s, store) {
                            parts.append("<" + NTriplesEscaping.iri(c) + ">"); continue
                        }
                        if let e = try entity(named: s, store) { parts.append(e.ntriples) } else {
                            unknown.append("'\(s)'"); parts.append("?_")
                        }
                    }
                }
            }
            lines.append("  " + parts.joined(separator: " ") + " .")
        }
        if !unknown.isEmpty {
            throw SPARQLError(.evaluation, "not in the knowledge graph: " + unknown.joined(separator: ", "))
        }
        let head = variables.isEmpty ? "ASK" : "SELECT DISTINCT " + variables.map { "?" + $0 }.joined(separator: " ")
        return head + " WHERE {\n" + lines.joined(separator: "\n") + "\n}\n"
    }

    /// False for text starting with SELECT/ASK/CONSTRUCT/DESCRIBE/PREFIX/BASE (case-insensitive, after comments).
    public static func looksLikeShortForm(_ text: String) -> Bool {
        var rest = Substring(text)
        while true {
            rest = rest.drop(while: { $0.isWhitespace })
            if rest.hasPrefix("#") { rest = rest.drop(while: { $0 != "\n" }); continue }
            break
        }
        if rest.isEmpty { return false }
        let first = rest.prefix(while: { $0.isLetter }).uppercased()
        return !(["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE"] + Parser.updateKeywords).contains(first)
    }

    enum Word {
        case variable(String), word(String), quoted(String), iri(String)
        var display: String {
            switch self {
            case .variable(let v): "?" + v
            case .word(let w): w
            case .quoted(let q): "\"" + q + "\""
            case .iri(let i): "<" + i + ">"
            }
        }
    }

    /// Statements separated by `.`; each a list of words.
    static func tokenize(_ text: String) throws -> [[Word]] {
        var statements: [[Word]] = [[]]
        var chars = Array(text)
        chars.append(" ")
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "." && (i + 1 == chars.count || chars[i + 1].isWhitespace) {
                if !statements[statements.count - 1].isEmpty { statements.append([]) }
                i += 1
                continue
            }
            if c == "\"" || c == "'" {
                guard let end = chars[(i + 1)...].firstIndex(of: c) else {
                    throw SPARQLError(.syntax, "unterminated quoted name starting at character \(i + 1)")
                }
                statements[statements.count - 1].append(.quoted(String(chars[(i + 1)..<end])))
                i = end + 1
                continue
            }
            if c == "<", let end = chars[(i + 1)...].firstIndex(of: ">") {
                statements[statements.count - 1].append(.iri(String(chars[(i + 1)..<end])))
                i = end + 1
                continue
            }
            var j = i
            while j < chars.count, !chars[j].isWhitespace { j += 1 }
            var w = String(chars[i..<j])
            if w.count > 1, w.hasSuffix(".") { w.removeLast(); j -= 1 }
            if w.hasPrefix("?") || w.hasPrefix("$") {
                let name = String(w.dropFirst())
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw SPARQLError(.syntax, "bad variable '\(w)'")
                }
                statements[statements.count - 1].append(.variable(name))
            } else {
                statements[statements.count - 1].append(.word(w))
            }
            i = j
        }
        if statements.last?.isEmpty == true { statements.removeLast() }
        if statements.isEmpty { throw SPARQLError(.syntax, "empty query") }
        return statements
    }

    /// kg:<name> when the store knows that IRI (exactly, else case-insensitively).
    static func property(_ name: String, _ store: TripleStore) throws -> String? {
        let exact = KG.ns + name
        if try store.id(of: .iri(exact)) != nil { return exact }
        return try store.iri(inNamespace: KG.ns, equalIgnoringCase: exact)
    }

    /// The entity whose rdfs:label, skos:prefLabel or skos:altLabel equals `name`, ignoring case: one
    /// indexed query. The one look-up of entities by name for every command (query, show, timeline, render).
    public static func entity(named name: String, _ store: TripleStore) throws -> Term? {
        var labelIDs: [Int64] = []
        for p in [RDFS.label, SKOS.prefLabel, SKOS.altLabel] { if let id = try store.id(of: .iri(p)) { labelIDs.append(id) } }
        return try store.subject(labelled: name, through: labelIDs).map { try store.term(id: $0) }
    }
}
