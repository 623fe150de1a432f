import RDF

/// The kind of input an article was read from, decided by the file extension.
public enum ArticleFormat: String, Sendable {
    /// `.txt` (and any file with an unknown extension that is read explicitly).
    case text
    /// `.md`, `.markdown`.
    case markdown
    /// `.html`, `.htm`.
    case html
    /// `.jsonl`, `.ndjson`: one article per line.
    case jsonLines
}

/// One news article, reduced to plain text plus the metadata kg uses.
public struct Article: Sendable, Hashable {
    /// The file path as it was reached (for messages); for JSON Lines `"file.jsonl#L12"` (1-based line).
    public var path: String
    /// What identifies the article in a store (`ArticleSource.identity`): the name of the folder
    /// `kg build` was given and the path inside it (`"articles/laukkai.md"`, `"feeds/may.jsonl#L12"`),
    /// whatever the working directory or the form of the path. `path` until a build sets it.
    public var id: String
    /// The format the article was read from.
    public var format: ArticleFormat
    /// The headline. A title taken from the body (a Markdown `# Heading`, the first short line of a
    /// text file, a leading `<h1>`) is not repeated in `text`.
    public var title: String?
    /// The publication date exactly as written in the input.
    public var published: String?
    /// `published` parsed; nil if absent or unparseable (then `read` also returns a warning).
    public var publishedDate: PartialDate?
    /// Where the article comes from: `source` or `url`.
    public var source: String?
    /// The outlet that published it: front matter `publisher`/`outlet`, JSON `publisher`/`outlet`/`site`,
    /// an HTML page's `og:site_name` or `publisher` meta tag.
    public var publisher: String?
    /// The body as plain text: paragraphs separated by `"\n\n"`, no markup. Lines wrapped inside a
    /// paragraph are joined with a space; code blocks keep their line breaks.
    public var text: String
    /// The 1-based line of the input file where `text` starts (for messages).
    public var bodyLine: Int
    /// Lower-case hex SHA-256 of the raw bytes of the article: the whole file, or for JSON Lines the line
    /// without its line terminator.
    public var contentHash: String

    public init(path: String, format: ArticleFormat, title: String? = nil, published: String? = nil,
                publishedDate: PartialDate? = nil, source: String? = nil, text: String,
                bodyLine: Int = 1, contentHash: String) {
        self.path = path
        self.id = path
        self.format = format
        self.title = title
        self.published = published
        self.publishedDate = publishedDate
        self.source = source
        self.text = text
        self.bodyLine = bodyLine
        self.contentHash = contentHash
    }
}

/// A problem with the input that kg reports and then works around (skipping a file, a line or a field).
public struct IngestWarning: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known (only with a line).
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `"file:line:column: message"`, leaving out the parts that are not known.
    public var description: String {
        var s = file
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        return s + ": " + message
    }
}
