import RDF

/// An aligned text table for the terminal: one column per variable, labels where known.
enum TableWriter {
    static func cell(_ t: Term?, _ label: ((Term) -> String?)?) -> String {
        guard let t else { return "" }
        if let label, let l = label(t) { return l }
        switch t {
        case .iri: return GraphWriter.turtleTerm(t)
        case .blank(let b): return "_:" + b
        case .literal(let l):
            if let lang = l.language { return "\"\(l.lexical)\"@\(lang)" }
            if l.datatype == XSD.string || Values.isNumericType(l.datatype) || l.datatype == XSD.boolean
                || l.datatype == XSD.date || l.datatype == XSD.dateTime { return l.lexical }
            return GraphWriter.turtleTerm(t)
        }
    }

    /// The table of `rows` (all of them: the columns are as wide as their widest cell).
    static func write(variables vars: [String], rows: [[Term?]], label: ((Term) -> String?)?) -> String {
        let header = vars.map { "?" + $0 }
        let cells = rows.map { row in row.map { TerminalText.safe(cell($0, label)) } }
        var widths = header.map(\.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ items: [String]) -> String {
            var parts: [String] = []
            for (i, s) in items.enumerated() {
                parts.append(i == items.count - 1 ? s : s + String(repeating: " ", count: widths[i] - s.count))
            }
            return parts.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        out += "(\(rows.count) \(rows.count == 1 ? "row" : "rows"))\n"
        return out
    }
}
