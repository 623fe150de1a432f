import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON Lines: one article object per line, read a chunk at a time so a large file is never one string.
///
/// Fields: `title`; `text`, `body` or `content` (HTML in it is reduced to text); `published` or `date`;
/// `url` or `source`. A broken line gives a warning with its line (and column when the JSON parser tells)
/// and the other lines are still read. Blank lines are skipped; a line longer than `maxLineBytes` is
/// skipped with a warning (it is never held whole).
enum JSONLines {
    static let chunkSize = 1 << 20
    static let maxLineBytes = 16 << 20

    /// The whole file's articles and warnings (`JSONLinesReader` gives them a chunk at a time).
    static func read(file: String) -> (articles: [Article], warnings: [IngestWarning]) {
        let reader = JSONLinesReader(file: file)
        var articles: [Article] = [], warnings: [IngestWarning] = []
        while let lines = reader.next() {
            articles += lines.articles
            warnings += lines.warnings
        }
        return (articles, warnings)
    }
}

/// A JSON Lines file read in order, a chunk at a time: each `next()` reads at most `JSONLines.chunkSize`
/// bytes and returns the articles and warnings of the lines it completed. What it holds between calls is
/// the unfinished last line (at most `JSONLines.maxLineBytes`), so memory does not grow with the file.
public final class JSONLinesReader {
    public let file: String
    /// Bytes read from the file so far.
    public private(set) var bytesRead = 0
    private var fd: Int32 = -1
    private var parser: JSONLinesParser
    /// Bytes read and not yet parsed: the start of the file until its encoding is known, then the
    /// unfinished last line (UTF-8).
    private var buffer: [UInt8] = []
    private var chunk: [UInt8] = []
    private var phase = Phase.start
    private var pending: [IngestWarning] = []
    private var produced = false

    private enum Phase { case start, reading(RawText.UTF16Transcoder?), done }

    public convenience init(file: String) { self.init(file: file, maxLineBytes: JSONLines.maxLineBytes) }

    init(file: String, maxLineBytes: Int) {
        self.file = file
        parser = JSONLinesParser(file: file, maxLineBytes: maxLineBytes)
        switch RawText.openFile(file) {
        case .failure(let w): pending = [w]; phase = .done
        case .success(let f): fd = f
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The articles and warnings of the lines completed by reading the next chunk (either may be empty);
    /// nil once the whole file has been returned.
    public func next() -> (articles: [Article], warnings: [IngestWarning])? {
        if case .done = phase {
            guard !pending.isEmpty else { return nil }
            defer { pending = [] }
            return ([], pending)
        }
        if chunk.isEmpty { chunk = [UInt8](repeating: 0, count: JSONLines.chunkSize) }
        let n = RawText.readChunk(fd, into: &chunk)
        if n < 0 {
            if errno == EINTR { return ([], []) }
            parser.warnings.append(IngestWarning(file: file, message: "could not be read: " + RawText.errnoMessage(errno)))
            return finish(atEnd: false)
        }
        if n == 0 { return finish(atEnd: true) }
        bytesRead += n
        switch phase {
        case .start:
            buffer.append(contentsOf: chunk[0..<n])
            // Decide on the encoding once the start of the file is in: wait for 8 KB or the end.
            if buffer.count >= 8192, let stop = startReading() { return stop }
        case .reading(var utf16?):
            utf16.decode(chunk[0..<n], final: false, into: &buffer)
            phase = .reading(utf16)
        case .reading(nil):
            buffer.append(contentsOf: chunk[0..<n])
        case .done:
            break
        }
        if case .reading = phase { parser.lines(in: &buffer, final: false) }
        return take()
    }

    /// Checks the start of the file (empty, binary, byte-order marks) and moves on to reading its lines;
    /// a result to stop with when the file is not read.
    private func startReading() -> (articles: [Article], warnings: [IngestWarning])? {
        var utf16: RawText.Encoding?
        if let stop = parser.checkStart(&buffer, utf16: &utf16) {
            phase = .done
            produced = true
            return stop
        }
        if let encoding = utf16 {
            var transcoder = RawText.UTF16Transcoder(bigEndian: encoding == .utf16BE)
            let raw = buffer
            buffer = []
            transcoder.decode(raw[...], final: false, into: &buffer)
            phase = .reading(transcoder)
        } else {
            phase = .reading(nil)
        }
        return nil
    }

    /// The last lines, at the end of the file (`atEnd`) or after a read error.
    private func finish(atEnd: Bool) -> (articles: [Article], warnings: [IngestWarning])? {
        if case .start = phase, let stop = startReading() { close(fd); fd = -1; return stop }
        if case .reading(var utf16?) = phase { utf16.decode([][...], final: true, into: &buffer) }
        if atEnd { parser.lines(in: &buffer, final: true) }
        phase = .done
        close(fd)
        fd = -1
        var last = take()
        if !produced && last.articles.isEmpty && last.warnings.isEmpty {
            last.warnings.append(IngestWarning(file: file, message: "no articles (only blank lines)"))
        }
        return last
    }

    private func take() -> (articles: [Article], warnings: [IngestWarning]) {
        defer { parser.articles = []; parser.warnings = [] }
        if !parser.articles.isEmpty || !parser.warnings.isEmpty { produced = true }
        return (parser.articles, parser.warnings)
    }
}

/// The lines of a JSON Lines file, parsed into articles and warnings as they come.
struct JSONLinesParser {
    let file: String
    var articles: [Article] = []
    var warnings: [IngestWarning] = []
    var lineNo = 0
    /// Whether the rest of the current line is being skipped (it is longer than `maxLineBytes`).
    private var skipping = false

    /// Longest line parsed; a longer one is skipped.
    let maxLineBytes: Int

    init(file: String, maxLineBytes: Int) {
        self.file = file
        self.maxLineBytes = maxLineBytes
    }

    /// Checks the first bytes: empty, binary, byte-order marks (removed). Returns a result to stop with.
    mutating func checkStart(_ buffer: inout [UInt8], utf16: inout RawText.Encoding?)
        -> (articles: [Article], warnings: [IngestWarning])? {
        if buffer.isEmpty { return ([], [IngestWarning(file: file, message: "empty file; skipped")]) }
        switch RawText.bom(buffer) {
        case (.utf8, let n)?: buffer.removeFirst(n)
        case (let enc, let n)?: utf16 = enc; buffer.removeFirst(n); return nil
        case nil: break
        }
        if let reason = RawText.binaryReason(buffer) { return ([], [IngestWarning(file: file, message: reason)]) }
        return nil
    }

    /// Parses the complete lines in `buffer` (all of it when `final`) and removes them from it. An
    /// unfinished line longer than `maxLineBytes` is dropped with a warning, and so is the rest
    /// of it as it comes.
    mutating func lines(in buffer: inout [UInt8], final: Bool) {
        var start = 0
        while start < buffer.count {
            guard let nl = buffer[start...].firstIndex(of: 0x0A) else {
                if final {
                    end(buffer[start...])
                    start = buffer.count
                } else if skipping || buffer.count - start > maxLineBytes {
                    skip()
                    start = buffer.count
                }
                break
            }
            end(buffer[start..<nl])
            start = nl + 1
        }
        buffer.removeFirst(start)
    }

    /// The end of a line: parsed, or the end of the line being skipped.
    private mutating func end(_ raw: ArraySlice<UInt8>) {
        if skipping {
            skipping = false
        } else {
            line(raw)
        }
    }

    /// Drops the unfinished line (a warning when it starts being dropped).
    private mutating func skip() {
        guard !skipping else { return }
        skipping = true
        lineNo += 1
        warnings.append(IngestWarning(file: file, line: lineNo,
            message: "line longer than \(Self.megabytes(maxLineBytes)) (kg reads JSON Lines a line at a time); skipped"))
    }

    private static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }

    private mutating func line(_ raw: ArraySlice<UInt8>) {
        lineNo += 1
        var bytes = raw
        if bytes.last == 0x0D { bytes.removeLast() }
        guard bytes.contains(where: { !RawText.isSpace($0) }) else { return }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            let (col, why) = Self.describe(error)
            warnings.append(IngestWarning(file: file, line: lineNo, column: col, message: "invalid JSON: \(why); line skipped"))
            return
        }
        guard let dict = object as? [String: Any] else {
            warnings.append(IngestWarning(file: file, line: lineNo, message: "not a JSON object; line skipped"))
            return
        }
        let title = field(dict, ["title", "headline"])
        let body = field(dict, ["text", "body", "content"])
        let published = field(dict, ["published", "date"])
        let source = field(dict, ["url", "source"])
        guard let body, !body.isEmpty else {
            warnings.append(IngestWarning(file: file, line: lineNo,
                message: "no article text (expected a \"text\", \"body\" or \"content\" field); line skipped"))
            return
        }
        var article = Article(path: "\(file)#L\(lineNo)", format: .jsonLines, title: title, published: published,
                              source: source, text: Self.plain(body), bodyLine: lineNo,
                              contentHash: ArticleSource.sha256Hex(bytes))
        article.publisher = field(dict, ["publisher", "outlet", "site"])
        if let published {
            article.publishedDate = DateText.parse(published)
            if article.publishedDate == nil {
                warnings.append(IngestWarning(file: file, line: lineNo, message: ArticleSource.notADate(published)))
            }
        }
        guard !article.text.isEmpty else {
            warnings.append(IngestWarning(file: file, line: lineNo, message: "article text is empty; line skipped"))
            return
        }
        articles.append(article)
    }

    /// The first of `keys` present, as trimmed text (numbers are written out); a warning for other types.
    private mutating func field(_ dict: [String: Any], _ keys: [String]) -> String? {
        for key in keys {
            guard let value = dict[key], !(value is NSNull) else { continue }
            if let s = value as? String {
                let t = TextUtil.trimmed(s)
                if t.isEmpty { continue }
                return t
            }
            if let n = value as? NSNumber { return n.stringValue }
            warnings.append(IngestWarning(file: file, line: lineNo, message: "field \"\(key)\" is not text; ignored"))
        }
        return nil
    }

    /// Body text as plain paragraphs; HTML markup in it is reduced to text.
    static func plain(_ body: String) -> String {
        if TextUtil.contains(body, anyOf: ["</p>", "<p>", "<br", "</div>"]) {
            var bytes = Array(body.utf8)
            RawText.normalizeLineEnds(&bytes)
            return Block.join(HTMLArticle(bytes).blocks)
        }
        return PlainText.normalize(body)
    }

    /// A column (when the message names one) and the parser's message.
    static func describe(_ error: Error) -> (Int?, String) {
        let ns = error as NSError
        var message = (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
        while message.hasSuffix(".") { message.removeLast() }
        var column: Int?
        if let r = message.range(of: "column ", options: .backwards) {
            column = Int(message[r.upperBound...].prefix(while: { $0.isNumber }))
        } else if let r = message.range(of: "character ", options: .backwards) {
            column = Int(message[r.upperBound...].prefix(while: { $0.isNumber })).map { $0 + 1 }
        }
        return (column, message)
    }
}
