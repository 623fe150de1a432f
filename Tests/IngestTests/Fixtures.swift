import Foundation
@testable import Ingest

/// A temporary folder for one test's fixtures, removed when the value goes away.
final class TempDir {
    let path: String

    init() {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/kg-ingest-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Give back permissions taken away by a test, so removal works.
        if let all = FileManager.default.enumerator(atPath: path) {
            for case let sub as String in all {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path + "/" + sub)
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` as UTF-8 to `name` (folders created) and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let full = path + "/" + name
        let folder = (full as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    func mkdir(_ name: String) -> String {
        let full = path + "/" + name
        try? FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    func symlink(_ name: String, to target: String) -> String {
        let full = path + "/" + name
        try? FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
        return full
    }
}

/// Reads a file that should hold exactly one article.
func readOne(_ path: String) -> (Article?, [IngestWarning]) {
    let (articles, warnings) = ArticleSource.read(file: path)
    return (articles.count == 1 ? articles[0] : nil, warnings)
}
