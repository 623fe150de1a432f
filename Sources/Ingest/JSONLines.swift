import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON Lines: one article object per line, read in chunks so a large file is never one string.
///
/// Fields: `title`; `text`, `body` or `content` (HTML in it is reduced to text); `published` or `date`;
/// `url` or `source`. A broken line gives a warning with its line (and column when the JSON parser tells)
/// and the other lines are still read. Blank lines are skipped.
enum JSONLines {
    static let chunkSize = 1 << 20

    static func read(file: String) -> (articles: [Article], warnings: [IngestWarning]) {
        let fd: Int32
        switch RawText.openFile(file) {
        case .failure(let w): return ([], [w])
        case .success(let f): fd = f
        }
        defer { close(fd) }
        var reader = Reader(file: file)
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var first = true
        var utf16: RawText.Encoding?
        while true {
            let n = RawText.readChunk(fd, into: &chunk)
            if n < 0 {
                if errno == EINTR { continue }
                reader.warnings.append(IngestWarning(file: file, message: "could not be read: " + RawText.errnoMessage(errno)))
                break
            }
            if n == 0 { break }
            buffer.append(contentsOf: chunk[0..<n])
            if first {
                // Decide on the encoding once the start of the file is in: wait for 8 KB or the end.
                if buffer.count < 8192 { continue }
                first = false
                if let stop = reader.checkStart(&buffer, utf16: &utf16) { return stop }
            }
            if utf16 != nil { continue }  // UTF-16 is decoded as a whole at the end
            let consumed = reader.lines(in: buffer, final: false)
            buffer.removeFirst(consumed)
        }
        if first, let stop = reader.checkStart(&buffer, utf16: &utf16) { return stop }
        if let enc = utf16 {
            buffer = RawText.utf16ToUTF8(buffer, from: 0, bigEndian: enc == .utf16BE)
        }
        _ = reader.lines(in: buffer, final: true)
        if reader.articles.isEmpty && reader.warnings.isEmpty {
            reader.warnings.append(IngestWarning(file: file, message: "no articles (only blank lines)"))
        }
        return (reader.articles, reader.warnings)
    }

    private struct Reader {
        let file: String
        var articles: [Article] = []
        var warnings: [IngestWarning] = []
        var lineNo = 0

        init(file: String) { self.file = file }

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

        /// Reads the complete lines in `buffer` (all of it when `final`); returns how many bytes were used.
        mutating func lines(in buffer: [UInt8], final: Bool) -> Int {
            var start = 0
            while start < buffer.count {
                guard let nl = buffer[start...].firstIndex(of: 0x0A) else {
                    if final { line(buffer[start...]); return buffer.count }
                    return start
                }
                line(buffer[start..<nl])
                start = nl + 1
            }
            return start
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
}
