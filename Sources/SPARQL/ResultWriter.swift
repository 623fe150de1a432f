import Foundation
import RDF

/// Output formats of `kg query`.
public enum ResultFormat: String, CaseIterable, Sendable {
    case table, json, xml, csv, tsv, ntriples, turtle
}

/// Serialises query results. Solutions and booleans go to the W3C result formats (JSON, XML, CSV, TSV)
/// or an aligned text table; graphs go to N-Triples or Turtle (any other format asked of a graph
/// gives N-Triples, and a graph format asked of solutions gives the table).
public enum ResultWriter {
    /// SPARQL 1.1 Query Results JSON / XML / CSV / TSV, an aligned text table (labels via `label`, e.g.
    /// rdfs:label of an IRI; raw terms when nil), and N-Triples/Turtle for graphs.
    public static func write(_ result: QueryResult, format: ResultFormat, label: ((Term) -> String?)? = nil) -> String {
        switch (result, format) {
        case (.graph(let triples), .turtle): return GraphWriter.turtle(triples)
        case (.graph(let triples), .table) where label != nil: return GraphWriter.turtle(triples)
        case (.graph(let triples), _): return GraphWriter.ntriples(triples)
        case (_, .json): return JSONResults.write(result)
        case (_, .xml): return XMLResults.write(result)
        case (_, .csv): return TextResults.csv(result)
        case (_, .tsv): return TextResults.tsv(result)
        default: return TableWriter.write(result, label: label)
        }
    }
}

/// A JSON string literal, shared by the SPARQL JSON results and kg's JSON Lines export.
public enum JSONText {
    /// `s` quoted and escaped per RFC 8259 (also U+2028/U+2029, for JavaScript consumers).
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    out += String(format: "\\u%04x", u.value)
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

enum JSONResults {
    static func string(_ s: String) -> String { JSONText.quote(s) }

    static func term(_ t: Term) -> String {
        switch t {
        case .iri(let v): return "{\"type\":\"uri\",\"value\":\(string(v))}"
        case .blank(let v): return "{\"type\":\"bnode\",\"value\":\(string(v))}"
        case .literal(let l):
            var out = "{\"type\":\"literal\",\"value\":\(string(l.lexical))"
            if let lang = l.language { out += ",\"xml:lang\":\(string(lang))" }
            else if l.datatype != XSD.string { out += ",\"datatype\":\(string(l.datatype))" }
            return out + "}"
        }
    }

    static func write(_ result: QueryResult) -> String {
        switch result {
        case .boolean(let b): return "{\"head\":{},\"boolean\":\(b)}\n"
        case .bindings(let vars, let rows):
            var out = "{\"head\":{\"vars\":[" + vars.map(string).joined(separator: ",") + "]},\"results\":{\"bindings\":["
            out += rows.map { row in
                "{" + zip(vars, row).compactMap { v, t in t.map { string(v) + ":" + term($0) } }.joined(separator: ",") + "}"
            }.joined(separator: ",\n")
            return out + "]}}\n"
        case .graph(let t): return GraphWriter.ntriples(t)
        }
    }
}

enum XMLResults {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func write(_ result: QueryResult) -> String {
        var out = "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
        switch result {
        case .boolean(let b):
            out += "  <head/>\n  <boolean>\(b)</boolean>\n"
        case .bindings(let vars, let rows):
            out += "  <head>\n" + vars.map { "    <variable name=\"\(escape($0))\"/>\n" }.joined() + "  </head>\n  <results>\n"
            for row in rows {
                out += "    <result>\n"
                for (v, t) in zip(vars, row) {
                    guard let t else { continue }
                    out += "      <binding name=\"\(escape(v))\">"
                    switch t {
                    case .iri(let i): out += "<uri>\(escape(i))</uri>"
                    case .blank(let b): out += "<bnode>\(escape(b))</bnode>"
                    case .literal(let l):
                        if let lang = l.language { out += "<literal xml:lang=\"\(escape(lang))\">" }
                        else if l.datatype != XSD.string { out += "<literal datatype=\"\(escape(l.datatype))\">" }
                        else { out += "<literal>" }
                        out += escape(l.lexical) + "</literal>"
                    }
                    out += "</binding>\n"
                }
                out += "    </result>\n"
            }
            out += "  </results>\n"
        case .graph(let t): return GraphWriter.ntriples(t)
        }
        return out + "</sparql>\n"
    }
}

enum TextResults {
    /// SPARQL 1.1 CSV: plain values, RFC 4180 quoting, CRLF line ends.
    static func csv(_ result: QueryResult) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "\"" || $0 == "," || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        switch result {
        case .boolean(let b): return "_askResult\r\n\(b)\r\n"
        case .bindings(let vars, let rows):
            var out = vars.map(field).joined(separator: ",") + "\r\n"
            for row in rows {
                out += row.map { t -> String in
                    switch t {
                    case nil: return ""
                    case .iri(let v)?: return field(v)
                    case .blank(let v)?: return field("_:" + v)
                    case .literal(let l)?: return field(l.lexical)
                    }
                }.joined(separator: ",") + "\r\n"
            }
            return out
        case .graph(let t): return GraphWriter.ntriples(t)
        }
    }

    /// SPARQL 1.1 TSV: `?var` header, terms in Turtle syntax (numbers and booleans abbreviated).
    static func tsv(_ result: QueryResult) -> String {
        switch result {
        case .boolean(let b): return "?_askResult\n\(b)\n"
        case .bindings(let vars, let rows):
            var out = vars.map { "?" + $0 }.joined(separator: "\t") + "\n"
            for row in rows {
                out += row.map { t in t.map(GraphWriter.abbreviated) ?? "" }.joined(separator: "\t") + "\n"
            }
            return out
        case .graph(let t): return GraphWriter.ntriples(t)
        }
    }
}
