/// The RDF concrete syntaxes kg reads. Turtle and TriG share one grammar; N-Triples and N-Quads are
/// their line-based subsets and are parsed strictly (Turtle-only syntax is rejected).
public enum RDFFormat: String, Sendable, CaseIterable {
    case turtle, ntriples, nquads, trig

    /// The format for a file extension: `ttl`, `nt`, `nq`, `trig` (case-insensitive, with or without the dot).
    public init?(fileExtension: String) {
        var ext = fileExtension.lowercased()
        if ext.hasPrefix(".") { ext.removeFirst() }
        switch ext {
        case "ttl": self = .turtle
        case "nt": self = .ntriples
        case "nq": self = .nquads
        case "trig": self = .trig
        default: return nil
        }
    }

    /// The format for a name: `turtle`/`ttl`, `ntriples`/`nt`, `nquads`/`nq`, `trig` (case-insensitive;
    /// `n-triples` and `n-quads` are accepted too).
    public init?(name: String) {
        switch name.lowercased() {
        case "turtle", "ttl": self = .turtle
        case "ntriples", "nt", "n-triples": self = .ntriples
        case "nquads", "nq", "n-quads": self = .nquads
        case "trig": self = .trig
        default: return nil
        }
    }

    /// N-Triples and N-Quads: one statement per line, no directives, no abbreviations.
    var isLineBased: Bool { self == .ntriples || self == .nquads }
    /// N-Quads and TriG may name graphs.
}

/// A syntax error in an RDF document, positioned at `file:line:column` (1-based; the column counts
/// Unicode scalars, not bytes). I/O failures are reported with line and column 0.
public struct RDFSyntaxError: Error, CustomStringConvertible, Sendable {
    public var file: String?
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String?, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message` (`<input>` when there is no file name).
    public var description: String {
        "\(file ?? "<input>"):\(line):\(column): \(message)"
    }
}
