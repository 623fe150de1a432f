#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming parser for Turtle 1.1, TriG, N-Triples and N-Quads, working on UTF-8 bytes.
///
/// Literals keep their lexical form and language tag exactly as written. Every blank node label is
/// prefixed with `blankNodePrefix`; labels the parser generates (for `[]`, `[ … ]` and collections)
/// are `_g1`, `_g2`, … and a written label of that shape (`_+g[0-9]+`) gets one more `_`, so the two
/// never meet (re-reading generated labels therefore renames them, consistently).
/// Relative IRIs are resolved against the base IRI (for files: the file's `file://` URL unless a base
/// is given); a relative IRI with no base at all is an error, as is any relative IRI in N-Triples/N-Quads.
/// Each `parse` call starts a new document (no prefixes, the initial base); the blank node counter
/// carries on, so generated blank nodes of successive documents stay distinct.
public struct RDFParser {
    var state: ParserState
    let initialBase: String?
    /// Bytes read per chunk by `parse(fileAt:)` (tests make it small to exercise chunk boundaries).
    var chunkSize = 1 << 20
    /// Bytes of term spellings `parseIDs` remembers before it starts over (tests make it small).
    var spellingLimit = 32 << 20
    /// Called with the number of bytes each read of a file returned (for a progress display).
    public var onBytesRead: (@Sendable (Int) -> Void)?

    /// The prefixes declared by the last parsed document, in order of declaration.
    public private(set) var prefixes: [(prefix: String, namespace: String)] = []

    /// - Parameters:
    ///   - format: the syntax; `.ntriples`/`.nquads` are strict and reject Turtle-only syntax.
    ///   - baseIRI: the initial base IRI for relative references (`@base` may change it).
    ///   - file: the name used in error messages.
    ///   - blankNodePrefix: prepended to every blank node label emitted.
    public init(format: RDFFormat, baseIRI: String? = nil, file: String? = nil, blankNodePrefix: String = "") {
        state = ParserState(format: format, file: file, blankNodePrefix: blankNodePrefix, base: baseIRI)
        initialBase = baseIRI
    }

    /// Parses a whole document held in memory; emits each quad (graph nil = default graph) in document order.
    public mutating func parse(_ bytes: [UInt8], emit: (Quad) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { try parseDocument($0, emit: emit) }
    }

    /// Parses a whole document held in memory; emits each quad (graph nil = default graph) in document order.
    public mutating func parse(_ text: String, emit: (Quad) throws -> Void) throws {
        var text = text
        try text.withUTF8 { try parseDocument($0, emit: emit) }
    }

    /// Streams a file in chunks (bounded memory for N-Triples/N-Quads of any size; Turtle may buffer per statement).
    public mutating func parse(fileAt path: String, emit: (Quad) throws -> Void) throws {
        try stream(fileAt: path) { parser, chunk, eof, position in
            try parser.parseChunk(chunk, start: 0, isFinal: eof, position: position) { try $0.run(emit: emit) }
        }
    }

    /// Streams an N-Triples or N-Quads file as term ids (the bulk-load path of `kg import`).
    ///
    /// `intern` turns a term into its id; it is called once per distinct spelling of a term in the file
    /// (a term seen before is recognised by its bytes, without building a `Term`), so it must give one
    /// id per term. `emit` gets (s, p, o, g) in document order, g = 0 for the default graph; with
    /// `keepGraphs` false every statement goes to g = 0 and graph labels are checked but not interned.
    /// Errors are those of `parse(fileAt:emit:)`; the statements before a syntax error were emitted.
    /// Other formats are parsed with `parse` and interned term by term.
    public mutating func parseIDs(fileAt path: String, keepGraphs: Bool = true, intern: (Term) throws -> Int64,
                                  emit: (Int64, Int64, Int64, Int64) throws -> Void) throws {
        guard state.format.isLineBased else {
            try parse(fileAt: path) { q in
                let g = keepGraphs ? try q.graph.map(intern) ?? 0 : 0
                try emit(try intern(q.subject), try intern(q.predicate), try intern(q.object), g)
            }
            return
        }
        let table = SpellingTable(byteLimit: spellingLimit)
        try stream(fileAt: path) { parser, chunk, eof, position in
            try parser.parseChunk(chunk, start: 0, isFinal: eof, position: position) {
                try $0.runIDs(table: table, keepGraphs: keepGraphs, intern: intern, emit: emit)
            }
        }
    }

    /// Reads `path` in chunks and hands each to `body` (which returns how many bytes it consumed), with
    /// the line and column of the chunk's first byte; the unconsumed tail is carried to the next chunk.
    private mutating func stream(fileAt path: String,
                                 _ body: (inout RDFParser, UnsafeBufferPointer<UInt8>, Bool, (line: Int, column: Int)) throws -> Int) throws {
        let savedFile = state.file
        state.file = savedFile ?? path
        defer { state.file = savedFile }
        startDocument()
        if state.base == nil { state.base = Self.fileURL(path) }
        guard let f = fopen(path, "rb") else {
            throw RDFSyntaxError(file: state.file, line: 0, column: 0, message: "cannot open file: \(String(cString: strerror(errno)))")
        }
        defer { fclose(f) }
        var buffer = [UInt8](repeating: 0, count: max(chunkSize, 4))
        var filled = 0
        var eof = false
        var first = true
        var position = (line: 1, column: 1)
        while true {
            while !eof && filled < buffer.count {
                let n = buffer.withUnsafeMutableBufferPointer { b -> Int in
                    guard let base = b.baseAddress else { return 0 }
                    return fread(base + filled, 1, b.count - filled, f)
                }
                if n == 0 {
                    if ferror(f) != 0 {
                        throw RDFSyntaxError(file: state.file, line: 0, column: 0, message: "read error: \(String(cString: strerror(errno)))")
                    }
                    eof = true
                }
                if n > 0 { onBytesRead?(n) }
                filled += n
            }
            if first {
                first = false
                if filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
                    buffer.removeSubrange(0..<3)
                    buffer.append(contentsOf: [0, 0, 0])
                    filled -= 3
                }
            }
            let consumed = try buffer.withUnsafeBufferPointer { all -> Int in
                let chunk = UnsafeBufferPointer(rebasing: all[0..<filled])
                let used = try body(&self, chunk, eof, position)
                position = Self.position(of: used, in: chunk, from: position)
                return used
            }
            if eof { return }
            if consumed == 0 {
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            } else {
                buffer.withUnsafeMutableBufferPointer { b in
                    guard let base = b.baseAddress else { return }
                    memmove(base, base + consumed, filled - consumed)
                }
                filled -= consumed
            }
        }
    }

    /// Parses `text` and returns all quads.
    public static func parseAll(_ text: String, format: RDFFormat, baseIRI: String? = nil) throws -> [Quad] {
        var parser = RDFParser(format: format, baseIRI: baseIRI)
        var quads: [Quad] = []
        try parser.parse(text) { quads.append($0) }
        return quads
    }

    // MARK: - Internals

    private mutating func startDocument() {
        state.base = initialBase
        state.prefixMap = [:]
        state.prefixList = []
        prefixes = []
    }

    private mutating func parseDocument(_ buf: UnsafeBufferPointer<UInt8>, emit: (Quad) throws -> Void) throws {
        startDocument()
        let bom = buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF ? 3 : 0
        _ = try parseChunk(buf, start: bom, isFinal: true, position: (1, 1)) { try $0.run(emit: emit) }
    }

    /// Parses the statements of `buf` from `start`; `position` is the line and column of `buf[0]`.
    private mutating func parseChunk(_ buf: UnsafeBufferPointer<UInt8>, start: Int, isFinal: Bool,
                                     position: (line: Int, column: Int), _ body: (inout TurtleReader) throws -> Int) throws -> Int {
        var reader = TurtleReader(buf, start: start, isFinal: isFinal, state: state)
        defer {
            state = reader.state
            prefixes = state.prefixList
        }
        do {
            return try body(&reader)
        } catch ReaderFailure.syntax(let offset, let message) {
            let at = Self.position(of: offset, in: buf, from: position)
            throw RDFSyntaxError(file: state.file, line: at.line, column: at.column, message: message)
        } catch ReaderFailure.needMore {
            throw RDFSyntaxError(file: state.file, line: position.line, column: position.column, message: "unexpected end of input")
        }
    }

    /// Line and column (in Unicode scalars) of byte `offset`, counting from `start` at `buf[0]`.
    static func position(of offset: Int, in buf: UnsafeBufferPointer<UInt8>, from start: (line: Int, column: Int)) -> (line: Int, column: Int) {
        var line = start.line
        var column = start.column
        var i = 0
        let n = min(offset, buf.count)
        while i < n {
            let c = buf[i]
            if c == 0x0A {
                line += 1
                column = 1
            } else if c & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }

    static func fileURL(_ path: String) -> String {
        var absolute = path
        if !path.hasPrefix("/") {
            var cwd = [CChar](repeating: 0, count: 4096)
            if getcwd(&cwd, cwd.count) != nil {
                let dir = String(decoding: cwd.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                absolute = dir + "/" + path
            }
        }
        var out = "file://"
        for b in absolute.utf8 {
            if b <= 0x20 || b >= 0x7F || b == 0x25 || b == 0x23 || b == 0x3F || b == 0x3C || b == 0x3E || b == 0x22 {
                out += "%" + NTriplesEscaping.hex(UInt32(b), width: 2)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out
    }
}
