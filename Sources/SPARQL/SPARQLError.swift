/// An error from parsing or evaluating a SPARQL query, with the place in the query text when known.
///
/// `description` reads `line L, column C: message` followed by the offending line and a caret
/// under the column, so a command-line user sees exactly where the query went wrong.
public struct SPARQLError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case syntax, evaluation, timeout }
    public var kind: Kind
    public var line: Int?
    public var column: Int?
    public var message: String
    /// The offending source line and a caret under the column.
    public var snippet: String?

    public init(_ kind: Kind, _ message: String, line: Int? = nil, column: Int? = nil, snippet: String? = nil) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
        self.snippet = snippet
    }

    /// A syntax error at a UTF-8-independent position (`offset` counts Unicode scalars) in `source`.
    static func syntax(_ message: String, source: [Unicode.Scalar], offset: Int) -> SPARQLError {
        var line = 1, column = 1, lineStart = 0
        var i = 0
        let end = min(offset, source.count)
        while i < end {
            if source[i] == "\n" { line += 1; column = 1; lineStart = i + 1 } else { column += 1 }
            i += 1
        }
        var lineEnd = lineStart
        while lineEnd < source.count, source[lineEnd] != "\n", source[lineEnd] != "\r" { lineEnd += 1 }
        var text = ""
        text.unicodeScalars.append(contentsOf: source[lineStart..<lineEnd])
        let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
        return SPARQLError(.syntax, message, line: line, column: column, snippet: "  " + text + "\n  " + caret)
    }

    public var description: String {
        var out = ""
        if let line, let column { out = "line \(line), column \(column): " }
        out += message
        if let snippet { out += "\n" + snippet }
        return out
    }
}
