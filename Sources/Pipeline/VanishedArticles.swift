import Foundation
import Ingest
import Store

/// The stored articles of the paths a build was given whose files are gone from disk, or hold no
/// article any more.
struct VanishedArticles {
    /// The folders and files built now.
    let paths: [String]
    let warn: (String) -> Void

    /// Removes the stored articles that lived under the folders (or were the files) built now but are
    /// gone from disk; returns how many. A stored identity "articles/sub/x.md" lives under a folder
    /// "…/articles" given now.
    func remove(from kg: TripleStore, seen: Set<String>, readFiles: Set<String>, emptied: Set<String>) throws -> Int {
        var folders: [(prefix: String, folder: String)] = []
        var named: [String: String] = [:]  // identity of a file given by itself → its path
        for p in paths {
            let absolute = ArticleSource.absolute(p)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder), isFolder.boolValue {
                folders.append((ArticleSource.identityPrefix(ofFolder: absolute), absolute))
            } else {
                named[ArticleSource.identity(of: absolute, root: absolute)] = absolute
            }
        }
        var removed = 0
        for id in try kg.articlePaths() where !seen.contains(id) {
            let fileID = id.split(separator: "#", maxSplits: 1).first.map(String.init) ?? id
            let file: String
            if let f = named[fileID] { file = f }
            else if let root = folders.first(where: { fileID.hasPrefix($0.prefix) }) { file = root.folder + "/" + fileID.dropFirst(root.prefix.count) }
            else { continue }
            // A vanished file loses its facts; so does a file read now that yields no article any more
            // (emptied, or binary now: what it said is no longer there); a file that could not be opened
            // may be unchanged and keeps them; a JSON Lines file read now keeps only the lines it still has.
            if emptied.contains(fileID) {
                warn("\(id): no article in the file any more; its facts were removed")
            }
            if !FileManager.default.fileExists(atPath: file) || emptied.contains(fileID)
                || (id.contains("#") && readFiles.contains(fileID)) {
                try kg.removeArticle(path: id)
                removed += 1
            }
        }
        return removed
    }
}
