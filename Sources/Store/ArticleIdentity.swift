import Foundation
import RDF

/// Schema 3: an article is identified by the name of the folder `kg build` was given and its path inside
/// it ("articles/laukkai.md"), not by the path as typed. A schema-2 store's articles are renamed to the
/// identity they get when built from their own folder — the folder's name and the file's — so that the
/// next build of that folder finds them unchanged; copies of one article stored under several typed paths
/// ("articles/x.md" and "/home/me/kg/articles/x.md") become one, the one last ingested (or the one already
/// named so). Its graph and statement IRIs are renamed in the term dictionary (every quad follows), and the
/// timeline graph is emptied when copies were removed (the next build derives it again).
extension TripleStore {
    /// The identity a stored path of schema 2 takes: "Examples/articles/x.md" → "articles/x.md",
    /// "feed.jsonl#L3" → "<working folder>/feed.jsonl#L3" (a relative path is taken from the working folder).
    static func migratedIdentity(_ storedPath: String) -> String {
        let hash = storedPath.firstIndex(of: "#")
        let file = hash.map { String(storedPath[..<$0]) } ?? storedPath
        let suffix = hash.map { String(storedPath[$0...]) } ?? ""
        let full = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
        var parts: [Substring] = []
        for p in full.split(separator: "/") {
            if p == "." { continue }
            if p == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(p)
        }
        return parts.suffix(2).joined(separator: "/") + suffix
    }

    func migrateArticleIdentities() throws {
        struct Row { var id: Int64; var path: String; var graph: Int64; var ingested: String }
        let select = try connection.prepareUncached("SELECT id, path, graph, ingested_at FROM article ORDER BY id")
        var groups: [String: [Row]] = [:]
        while try select.step() {
            let row = Row(id: select.int(0), path: select.text(1), graph: select.int(2), ingested: select.text(3))
            groups[Self.migratedIdentity(row.path), default: []].append(row)
        }
        var removedCopies = false
        for (identity, rows) in groups.sorted(by: { $0.key < $1.key }) {
            let keep = rows.first { $0.path == identity }
                ?? rows.max { ($0.ingested, $0.id) < ($1.ingested, $1.id) }!
            for r in rows where r.id != keep.id {
                _ = try removeArticle(path: r.path)
                removedCopies = true
            }
            guard keep.path != identity else { continue }
            let oldIRI = KG.articleNS + ArticleRecord.percentEncoded(keep.path)
            let newIRI = KG.articleNS + ArticleRecord.percentEncoded(identity)
            // Terms of an article removed long ago may hold the new names: they name nothing now.
            try connection.prepare("""
                UPDATE term SET value = value || '#superseded-' || id
                WHERE kind = 0 AND (value = ?1 OR substr(value, 1, length(?1) + 11) = ?1 || '#statement-')
                """).run([.text(newIRI)])
            try connection.prepare("""
                UPDATE term SET value = ?2 || substr(value, length(?1) + 1)
                WHERE kind = 0 AND (value = ?1 OR substr(value, 1, length(?1) + 11) = ?1 || '#statement-')
                """).run([.text(oldIRI), .text(newIRI)])
            try connection.prepare("UPDATE article SET path = ?1 WHERE id = ?2").run([.text(identity), .int(keep.id)])
        }
        if removedCopies {
            try connection.execute("""
                DELETE FROM quad WHERE g = (SELECT id FROM term WHERE value = 'https://kg.example.org/graph/timeline'
                    AND kind = 0 AND datatype = '' AND lang = '')
                """)
        }
    }
}
