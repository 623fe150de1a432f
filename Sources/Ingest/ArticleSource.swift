import Crypto
import Foundation
import RDF
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds article files and reads them into `Article`s. Problems with the input come back as warnings,
/// never as thrown errors or crashes.
public enum ArticleSource {
    static let formats: [String: ArticleFormat] = [
        "txt": .text, "md": .markdown, "markdown": .markdown, "html": .html, "htm": .html,
        "jsonl": .jsonLines, "ndjson": .jsonLines,
    ]

    /// The format a file is read as, by extension (case-insensitive); nil if kg does not read such files.
    static func format(of path: String) -> ArticleFormat? {
        let name = path.split(separator: "/").last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return formats[name[name.index(after: dot)...].lowercased()]
    }

    /// Expands files and folders (recursively, sorted, following no symlink loops) to the article files kg reads:
    /// .txt .md .markdown .html .htm .jsonl .ndjson. Paths that do not exist, unreadable folders → warnings.
    ///
    /// Named files come in the order given; each folder's entries in byte order of their names, depth first.
    /// Hidden entries (names starting with ".") inside folders are skipped, and so is a file already listed
    /// (the same file reached twice, e.g. through a symlink). A named file with another extension is a warning.
    public static func discover(_ paths: [String]) -> (files: [String], warnings: [IngestWarning]) {
        let (files, warnings) = discoverFiles(paths)
        return (files.map(\.path), warnings)
    }

    /// A file to read and the identity its articles take in a store.
    public struct File: Sendable, Hashable {
        public var path: String
        /// `identity(of:root:)`; a JSON Lines line adds `#L<line>`.
        public var id: String
        public init(path: String, id: String) {
            self.path = path
            self.id = id
        }
    }

    /// `discover`, with each file's identity. Two files of the same identity ("a/news" and "b/news" both
    /// holding "x.txt") cannot both be stored: the second is skipped with a warning.
    public static func discoverFiles(_ paths: [String]) -> (files: [File], warnings: [IngestWarning]) {
        var walker = FolderWalker()
        for path in paths { walker.visit(path) }
        var first: [String: String] = [:]
        var files: [File] = []
        var warnings = walker.warnings
        for (path, root) in zip(walker.files, walker.roots) {
            let id = identity(of: path, root: root)
            if let other = first[id] {
                warnings.append(IngestWarning(file: path, message: "same identity (\(id)) as \(other): kg names an article by its folder's name and its path inside it; skipped"))
                continue
            }
            first[id] = path
            files.append(File(path: path, id: id))
        }
        return (files, warnings)
    }

    /// An article file's identity in a store: the name of the folder given (`root`) and the file's path inside
    /// it — or, for a file given by itself, the name of its folder and its own — so "articles", "./articles/",
    /// "/home/me/kg/articles" and "articles/laukkai.md" all name `articles/laukkai.md`.
    public static func identity(of file: String, root: String) -> String {
        let absoluteRoot = absolute(root)
        let absoluteFile = absolute(file)
        var base = absoluteRoot
        if absoluteFile == absoluteRoot { base = parent(absoluteRoot) }
        let inside = absoluteFile.hasPrefix(base + "/") ? String(absoluteFile.dropFirst(base.count + 1)) : lastComponent(absoluteFile)
        return identityPrefix(ofFolder: base) + inside
    }

    /// What the identities of the articles under an (absolute) folder begin with: its name and "/"
    /// ("articles/"), nothing for the root folder.
    public static func identityPrefix(ofFolder absoluteFolder: String) -> String {
        let name = absoluteFolder.split(separator: "/").last.map(String.init) ?? ""
        return name.isEmpty ? "" : name + "/"
    }

    /// `path` made absolute against the working directory, with "." and ".." segments and repeated or
    /// trailing slashes resolved (symlinks are not followed: the name the user gave is kept).
    public static func absolute(_ path: String) -> String {
        var parts: [Substring] = []
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        for p in full.split(separator: "/", omittingEmptySubsequences: true) {
            if p == "." { continue }
            if p == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(p)
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func parent(_ absolute: String) -> String {
        guard let slash = absolute.lastIndex(of: "/"), slash != absolute.startIndex else { return "/" }
        return String(absolute[..<slash])
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Whether `path` is read as JSON Lines (by its extension): many articles, which a build reads a
    /// chunk at a time (`JSONLinesReader`).
    public static func isJSONLines(_ path: String) -> Bool { format(of: path) == .jsonLines }

    /// Reads one file: one article (text/markdown/html) or many (JSON Lines), plus warnings. Never throws, never crashes.
    ///
    /// A file with an unknown extension is read as plain text. Empty, binary and invalid UTF-8 files are
    /// skipped with a warning; UTF-8 and UTF-16 files with a byte-order mark are decoded.
    public static func read(file: String) -> (articles: [Article], warnings: [IngestWarning]) {
        let r = read(file: file, unchangedIf: { _ in false })
        return (r.articles, r.warnings)
    }

    /// `read(file:)`, except that a one-article file whose content hash (`Article.contentHash`)
    /// `unchanged` accepts is only read and hashed, not parsed: it comes back as `unchanged`, with no
    /// articles and no warnings (they were given when it was first read). JSON Lines files, whose lines
    /// are articles of their own, are always parsed.
    public static func read(file: String, unchangedIf unchanged: (_ contentHash: String) -> Bool)
        -> (articles: [Article], warnings: [IngestWarning], unchanged: Bool) {
        let format = format(of: file) ?? .text
        if format == .jsonLines {
            let r = JSONLines.read(file: file)
            return (r.articles, r.warnings, false)
        }
        var warnings: [IngestWarning] = []
        let raw: [UInt8]
        switch RawText.readAll(file) {
        case .failure(let w): return ([], [w], false)
        case .success(let r): raw = r
        }
        let hash = sha256Hex(raw)
        if unchanged(hash) { return ([], [], true) }
        let bytes: [UInt8]
        switch RawText.decode(raw, file: file) {
        case .failure(let w): return ([], [w], false)
        case .success(let b): bytes = b
        }
        var article = Article(path: file, format: format, text: "", contentHash: hash)
        let (blocks, published) = format == .html
            ? readHTML(bytes, into: &article)
            : readText(bytes, format: format, file: file, into: &article, warnings: &warnings)
        if let published {
            article.published = published.text
            article.publishedDate = DateText.parse(published.text)
            if article.publishedDate == nil {
                warnings.append(IngestWarning(file: file, line: published.line, message: notADate(published.text)))
            }
        }
        article.text = Block.join(blocks)
        article.bodyLine = blocks.first?.line ?? 1
        if article.text.isEmpty {
            warnings.append(IngestWarning(file: file, message: "no article text found; skipped"))
            return ([], warnings, false)
        }
        return ([article], warnings, false)
    }

    /// An HTML page's body blocks and publication date; its title, source and publisher go into `article`.
    private static func readHTML(_ bytes: [UInt8], into article: inout Article)
        -> (blocks: [Block], published: FrontMatter.Value?) {
        let page = HTMLArticle(bytes)
        article.title = page.title
        article.source = page.source
        article.publisher = page.publisher
        let published = page.published.map { FrontMatter.Value(text: $0.text.trimmingCharacters(in: .whitespaces), line: $0.line) }
        return (page.blocks, published)
    }

    /// A text or Markdown file's body blocks and publication date; the title, source and publisher from
    /// its front matter, or a title from its body, go into `article`.
    private static func readText(_ bytes: [UInt8], format: ArticleFormat, file: String, into article: inout Article,
                                 warnings: inout [IngestWarning]) -> (blocks: [Block], published: FrontMatter.Value?) {
        let fm = FrontMatter.parse(bytes, file: file, warnings: &warnings)
        article.title = fm.title?.text
        article.source = fm.source?.text
        article.publisher = fm.publisher?.text
        var blocks: [Block]
        if format == .markdown {
            blocks = Markdown.blocks(bytes, from: fm.bodyStart, firstLine: fm.bodyLine)
            if let first = blocks.first, first.kind == .heading(1), article.title == nil || article.title == first.text {
                article.title = first.text
                blocks.removeFirst()
            } else if article.title == nil {
                article.title = blocks.first(where: { $0.kind == .heading(1) })?.text
            }
        } else {
            blocks = PlainText.blocks(bytes, from: fm.bodyStart, firstLine: fm.bodyLine)
            if !fm.present, article.title == nil {
                article.title = PlainText.takeTitle(&blocks, source: bytes, from: 0)
            }
        }
        return (blocks, fm.published)
    }

    static func notADate(_ text: String) -> String {
        "publication date \"\(text.prefix(80))\" is not a date (expected e.g. 2024-01-06 or January 6, 2024); ignored"
    }

    static func sha256Hex<D: DataProtocol>(_ data: D) -> String {
        let digest = SHA256.hash(data: data)
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest { out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Depth-first walk over folders with an explicit stack; remembers visited folders by device and inode.
private struct FolderWalker {
    var files: [String] = []
    /// For each file, the path given that reached it (a folder, or the file itself).
    var roots: [String] = []
    private var root = ""
    var warnings: [IngestWarning] = []
    private var seenFiles: Set<[UInt64]> = []
    private var seenFolders: Set<[UInt64]> = []

    mutating func visit(_ path: String) {
        root = path
        var st = stat()
        guard stat(path, &st) == 0 else { warnStat(path); return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            walk(path, st)
        } else if (st.st_mode & S_IFMT) == S_IFREG {
            if ArticleSource.format(of: path) == nil {
                warnings.append(IngestWarning(file: path, message:
                    "not an article file (kg reads .txt .md .markdown .html .htm .jsonl .ndjson); skipped"))
            } else {
                addFile(path, st)
            }
        } else {
            warnings.append(IngestWarning(file: path, message: "not a regular file or folder; skipped"))
        }
    }

    private mutating func addFile(_ path: String, _ st: stat) {
        if seenFiles.insert([UInt64(st.st_dev), UInt64(st.st_ino)]).inserted {
            files.append(path)
            roots.append(root)
        }
    }

    private mutating func warnStat(_ path: String) {
        let code = errno
        var lst = stat()
        if code == ENOENT, lstat(path, &lst) == 0 {
            warnings.append(IngestWarning(file: path, message: "broken symlink (its target does not exist); skipped"))
        } else {
            warnings.append(IngestWarning(file: path, message: RawText.errnoMessage(code) + "; skipped"))
        }
    }

    private mutating func walk(_ root: String, _ rootStat: stat) {
        seenFolders.insert([UInt64(rootStat.st_dev), UInt64(rootStat.st_ino)])
        // Each frame: a folder path and its remaining sorted entries.
        var stack: [(path: String, entries: [String], next: Int)] = []
        if let entries = list(root) { stack.append((root, entries, 0)) }
        while !stack.isEmpty {
            let top = stack.count - 1
            guard stack[top].next < stack[top].entries.count else { stack.removeLast(); continue }
            let name = stack[top].entries[stack[top].next]
            stack[top].next += 1
            let dir = stack[top].path
            let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            var st = stat()
            guard stat(full, &st) == 0 else { warnStat(full); continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                guard seenFolders.insert([UInt64(st.st_dev), UInt64(st.st_ino)]).inserted else {
                    warnings.append(IngestWarning(file: full, message: "folder already visited (symlink loop or second link); skipped"))
                    continue
                }
                if let entries = list(full) { stack.append((full, entries, 0)) }
            case S_IFREG:
                if ArticleSource.format(of: name) != nil { addFile(full, st) }
            default:
                break
            }
        }
    }

    /// Sorted, non-hidden entry names of a folder; nil (and a warning) if it cannot be read.
    private mutating func list(_ path: String) -> [String]? {
        guard let dir = opendir(path) else {
            warnings.append(IngestWarning(file: path, message: "folder cannot be read: " + RawText.errnoMessage(errno)))
            return nil
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            // kg names files by their paths as text: a name that is not UTF-8 cannot be opened again
            guard let name = String(validating: bytes, as: UTF8.self) else {
                let shown = String(decoding: bytes, as: UTF8.self)
                if !shown.hasPrefix("."), ArticleSource.format(of: shown) != nil {
                    warnings.append(IngestWarning(file: (path.hasSuffix("/") ? path : path + "/") + shown, message:
                        "the file name is not valid UTF-8 (shown with \u{FFFD}), which kg cannot name; rename the file; skipped"))
                }
                continue
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
