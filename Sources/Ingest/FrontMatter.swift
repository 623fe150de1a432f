import Foundation
import Yams

/// YAML front matter between `---` lines at the very top of a text or Markdown file.
///
/// Broken front matter never loses the article:
/// - not closed (no second `---` or `...` line): a warning at line 1, and the **whole file** is the body
///   (the opening `---` may just as well have been a Markdown rule);
/// - invalid YAML, or YAML that is not a mapping: a warning at the offending line, and the body is
///   **everything after the closing line**, as with valid front matter.
struct FrontMatter {
    struct Value { var text: String; var line: Int }

    var title: Value?
    var published: Value?
    var source: Value?
    /// `publisher`, or `outlet`.
    var publisher: Value?
    /// Whether the file starts with a closed front-matter block.
    var present = false
    /// Byte offset where the body starts, and its 1-based line.
    var bodyStart = 0
    var bodyLine = 1

    /// Recognises and reads the front matter of `bytes` (clean UTF-8, LF line ends).
    static func parse(_ bytes: [UInt8], file: String, warnings: inout [IngestWarning]) -> FrontMatter {
        var fm = FrontMatter()
        guard let firstEnd = lineEnd(bytes, from: 0), isFence(bytes[0..<firstEnd], allowDots: false) else { return fm }
        // Find the closing fence.
        var start = firstEnd + 1, line = 2
        var closing: (start: Int, end: Int)?
        while start < bytes.count {
            let end = lineEnd(bytes, from: start) ?? bytes.count
            if isFence(bytes[start..<end], allowDots: true) { closing = (start, end); break }
            start = end + 1; line += 1
        }
        guard let closing else {
            warnings.append(IngestWarning(file: file, line: 1,
                message: "front matter is not closed (no closing '---' line); read the whole file as the body"))
            return fm
        }
        fm.present = true
        fm.bodyStart = min(closing.end + 1, bytes.count)
        fm.bodyLine = line + 1
        let yaml = String(decoding: bytes[(firstEnd + 1)..<closing.start], as: UTF8.self)
        fm.read(yaml: yaml, closingLine: line, file: file, warnings: &warnings)
        return fm
    }

    private mutating func read(yaml: String, closingLine: Int, file: String, warnings: inout [IngestWarning]) {
        // Lines of the YAML text are one below the file's lines (the opening `---` is line 1).
        func warn(_ mark: Mark?, _ message: String) {
            warnings.append(IngestWarning(file: file, line: mark.map { $0.line + 1 } ?? 2,
                                          column: mark?.column, message: message))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (mark, problem) = Self.describe(error)
            readLeniently(yaml)
            warn(mark, "invalid YAML in front matter: \(problem); read it line by line as 'key: value'")
            return
        } catch {
            readLeniently(yaml)
            warn(nil, "invalid YAML in front matter: \(error); read it line by line as 'key: value'")
            return
        }
        guard let root else { return }
        guard let mapping = root.mapping else {
            warn(root.mark, "front matter is not a YAML mapping of keys to values; ignored")
            return
        }
        var fields: [String: Value] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string.lowercased() else { continue }
            guard Self.keys.contains(key) else { continue }
            guard let scalar = valueNode.scalar else {
                warn(valueNode.mark, "front matter '\(key)' is not a single value; ignored")
                continue
            }
            let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, !(scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(text)) else { continue }
            fields[key] = Value(text: text, line: (valueNode.mark?.line ?? 1) + 1)
        }
        assign(fields)
    }

    /// The keys kg reads; others are ignored.
    static let keys: Set<String> = ["title", "published", "date", "source", "url", "publisher", "outlet"]

    /// Takes the known keys: `published` before `date`, `source` before `url`, `publisher` before `outlet`.
    private mutating func assign(_ fields: [String: Value]) {
        title = fields["title"]
        published = fields["published"] ?? fields["date"]
        source = fields["source"] ?? fields["url"]
        publisher = fields["publisher"] ?? fields["outlet"]
    }

    /// Hand-written front matter often breaks YAML with an unquoted colon in a title
    /// ("title: Laukkai falls: the army surrenders"). Such a block is read line by line: a known key at
    /// the start of a line, a colon, and the rest of the line as the value (surrounding quotes removed).
    private mutating func readLeniently(_ yaml: String) {
        var fields: [String: Value] = [:]
        for (index, raw) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let colon = raw.firstIndex(of: ":") else { continue }
            let key = raw[..<colon].lowercased()
            guard Self.keys.contains(key) else { continue }
            var text = raw[raw.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if text.count >= 2, let f = text.first, let l = text.last, (f == "\"" && l == "\"") || (f == "'" && l == "'") {
                text = String(text.dropFirst().dropLast())
            }
            guard !text.isEmpty else { continue }
            fields[key] = Value(text: text, line: index + 2)
        }
        assign(fields)
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return (mark, context.map { "\(problem) (\($0.text))" } ?? problem)
        case .reader(let problem, _, _, _): return (nil, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark, "duplicate key \(duplicates.joined(separator: ", "))")
        default: return (nil, "\(error)")
        }
    }

    /// Index of the `\n` ending the line that starts at `from` (nil at the last line without one).
    static func lineEnd(_ bytes: [UInt8], from: Int) -> Int? {
        var i = from
        while i < bytes.count { if bytes[i] == 0x0A { return i }; i += 1 }
        return nil
    }

    private static func isFence(_ line: ArraySlice<UInt8>, allowDots: Bool) -> Bool {
        var s = line
        while let last = s.last, last == 0x20 || last == 0x09 { s.removeLast() }
        return s.elementsEqual("---".utf8) || (allowDots && s.elementsEqual("...".utf8))
    }
}
