import Foundation
import RDF

/// Output formats of `kg query`.
public enum ResultFormat: String, CaseIterable, Sendable {
    case table, json, xml, csv, tsv, ntriples, turtle, rdfxml
}

/// Serialises query results. Solutions and booleans go to the W3C result formats (JSON, XML, CSV, TSV)
/// or an aligned text table; graphs go to N-Triples, Turtle or RDF/XML (any other format asked of a
/// graph gives N-Triples, and a graph format asked of solutions gives the table).
public enum ResultWriter {
    /// SPARQL 1.1 Query Results JSON / XML / CSV / TSV, an aligned text table (labels via `label`, e.g.
    /// rdfs:label of an IRI; raw terms when nil), and N-Triples/Turtle for graphs.
    public static func write(_ result: QueryResult, format: ResultFormat, label: ((Term) -> String?)? = nil) -> String {
        var out = ""
        let writer = ResultStreamWriter(format: format, label: label) { out += $0 }
        switch result {
        case .bindings(let vars, let rows):
            _ = writer.write(.variables(vars))
            for r in rows { _ = writer.write(.solution(r)) }
        case .boolean(let b): _ = writer.write(.boolean(b))
        case .graph(let triples):
            _ = writer.write(.graph)
            for t in triples { _ = writer.write(.triple(t)) }
        }
        writer.finish()
        return out
    }
}

/// Writes a query's answer as it arrives from `QueryEngine.execute(_:timeout:_:)`: each solution or
/// triple is formatted and handed to `output` at once in JSON, XML, CSV, TSV, N-Triples and RDF/XML. The
/// aligned table (it measures its columns) and Turtle (it groups triples by subject) need the whole
/// answer: they keep it and write at `finish`. The bytes are those of `ResultWriter.write`.
///
/// ```swift
/// let writer = ResultStreamWriter(format: .tsv) { print($0, terminator: "") }
/// try engine.execute(query, timeout: 60, writer.write)
/// writer.finish()
/// ```
public final class ResultStreamWriter {
    let format: ResultFormat
    let label: ((Term) -> String?)?
    let output: (String) -> Void
    private var variables: [String] = []
    private var rowCount = 0
    private var kind: Kind?
    /// Kept for `finish`: the table's rows, Turtle's triples.
    private var rows: [[Term?]] = []
    private var triples: [Triple] = []
    /// The most rows the table holds (it measures its columns over all of them); nil: no limit.
    public var maxTableRows: Int?
    /// Whether the table would have held more than `maxTableRows` rows: the query was stopped there and
    /// `finish` writes nothing.
    public private(set) var tableOverflowed = false

    private enum Kind { case bindings, boolean, graph }

    public init(format: ResultFormat, label: ((Term) -> String?)? = nil, output: @escaping (String) -> Void) {
        self.format = format
        self.label = label
        self.output = output
    }

    /// Graphs: Turtle for `turtle` and the table, N-Triples for anything else.
    private var turtleGraph: Bool { format == .turtle || format == .table }
    /// Solutions and booleans: the table for `table` and the graph formats.
    private var table: Bool { format == .table || format == .ntriples || format == .turtle || format == .rdfxml }

    /// Formats one piece of the answer. True, except past `maxTableRows` rows for the table: that stops
    /// the query.
    public func write(_ event: QueryEvent) -> Bool {
        switch event {
        case .variables(let vars):
            kind = .bindings
            variables = vars
            switch format {
            case .json: output("{\"head\":{\"vars\":[" + vars.map(JSONResults.string).joined(separator: ",") + "]},\"results\":{\"bindings\":[")
            case .xml:
                output(XMLResults.header + "  <head>\n" + vars.map { "    <variable name=\"\(XMLResults.escape($0))\"/>\n" }.joined()
                       + "  </head>\n  <results>\n")
            case .csv: output(vars.map(TextResults.field).joined(separator: ",") + "\r\n")
            case .tsv: output(vars.map { "?" + $0 }.joined(separator: "\t") + "\n")
            default: break
            }
        case .solution(let row):
            switch format {
            case .json: output((rowCount == 0 ? "" : ",\n") + JSONResults.row(variables, row))
            case .xml: output(XMLResults.row(variables, row))
            case .csv: output(TextResults.csvRow(row))
            case .tsv: output(TextResults.tsvRow(row))
            default:
                if let max = maxTableRows, rows.count >= max {
                    tableOverflowed = true
                    rows = []
                    return false
                }
                rows.append(row)
            }
            rowCount += 1
        case .boolean(let b):
            kind = .boolean
            switch format {
            case .json: output("{\"head\":{},\"boolean\":\(b)}\n")
            case .xml: output(XMLResults.header + "  <head/>\n  <boolean>\(b)</boolean>\n</sparql>\n")
            case .csv: output("_askResult\r\n\(b)\r\n")
            case .tsv: output("?_askResult\n\(b)\n")
            default: output((b ? "yes" : "no") + "\n")
            }
        case .graph:
            kind = .graph
            if format == .rdfxml { output(RDFXMLWriter.header) }
        case .triple(let t):
            if turtleGraph { triples.append(t) }
            else if format == .rdfxml { output(RDFXMLWriter.triple(t)) }
            else { output(GraphWriter.ntriple(t)) }
        }
        return true
    }

    /// Ends the document: closes JSON and XML, writes the table or the Turtle.
    public func finish() {
        switch kind {
        case .bindings?:
            switch format {
            case .json: output("]}}\n")
            case .xml: output("  </results>\n</sparql>\n")
            case .csv, .tsv: break
            default:
                if tableOverflowed { break }
                output(TableWriter.write(variables: variables, rows: rows, label: label))
                rows = []
            }
        case .graph?:
            if turtleGraph { output(GraphWriter.turtle(triples)); triples = [] }
            if format == .rdfxml { output(RDFXMLWriter.footer) }
        case .boolean?, nil: break
        }
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

    /// One solution object (no separator).
    static func row(_ vars: [String], _ row: [Term?]) -> String {
        "{" + zip(vars, row).compactMap { v, t in t.map { string(v) + ":" + term($0) } }.joined(separator: ",") + "}"
    }
}

enum XMLResults {
    static let header = "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"

    /// Text for an XML 1.0 element or attribute. XML 1.0 cannot carry most control characters, not even
    /// as character references: each is written as U+FFFD (the JSON results keep every character). A
    /// carriage return is a reference, so that the parser's line-end normalisation keeps it.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#xD;"
            case "\t", "\n": out.unicodeScalars.append(c)
            case _ where c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// One `<result>` element.
    static func row(_ vars: [String], _ row: [Term?]) -> String {
        var out = "    <result>\n"
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
        return out + "    </result>\n"
    }
}

enum TextResults {
    /// A SPARQL 1.1 CSV field: RFC 4180 quoting.
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "\"" || $0 == "," || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// One SPARQL 1.1 CSV line: plain values, CRLF line end.
    static func csvRow(_ row: [Term?]) -> String {
        row.map { t -> String in
            switch t {
            case nil: return ""
            case .iri(let v)?: return field(v)
            case .blank(let v)?: return field("_:" + v)
            case .literal(let l)?: return field(l.lexical)
            }
        }.joined(separator: ",") + "\r\n"
    }

    /// One SPARQL 1.1 TSV line: terms in Turtle syntax (numbers and booleans abbreviated).
    static func tsvRow(_ row: [Term?]) -> String {
        row.map { t in t.map(GraphWriter.abbreviated) ?? "" }.joined(separator: "\t") + "\n"
    }
}
