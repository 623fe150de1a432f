import Foundation
import Testing

/// `kg update` as a user runs it: what it prints, its exit status, and what the store holds after.
@Suite struct UpdateCLITests {
    static let data = "INSERT DATA { <http://example.org/a> <http://example.org/p> \"one\" . GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> \"two\" } }"

    func values(_ db: String) throws -> String {
        let r = try KG.run(["query", "--db", db, "--format", "csv", "SELECT ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } ORDER BY ?o"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test func insertsAndDeletesAndSaysWhatChanged() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try KG.run(["update", "--db", db, Self.data])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "inserted 2 quads, deleted 0 quads\n")
        #expect(try values(db) == "o\r\none\r\ntwo\r\n")
        let d = try KG.run(["update", "--db", db, "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }"])
        #expect(d.stdout == "inserted 0 quads, deleted 1 quad\n", "\(d.stderr)")
        #expect(try values(db) == "o\r\none\r\n")
    }

    @Test func readsTheUpdateFromAFileOrStandardInput() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // relative IRIs of a file resolve against the file's URL
        try "INSERT DATA { <a> <http://example.org/p> \"from a file\" }".write(to: dir.appendingPathComponent("fix.ru"), atomically: true, encoding: .utf8)
        let f = try KG.run(["update", "--file", "fix.ru"], cwd: dir)
        #expect(f.status == 0 && f.stdout.hasPrefix("inserted 1 quad,"), "\(f.stdout)\(f.stderr)")
        let q = try KG.run(["query", "--format", "csv", "SELECT ?s WHERE { ?s <http://example.org/p> ?o }"], cwd: dir)
        #expect(q.stdout.hasPrefix("s\r\nfile:///") && q.stdout.hasSuffix("/a\r\n"), "\(q.stdout)")
        let s = try KG.run(["update", "-q", "-"], cwd: dir, stdin: "CLEAR ALL")
        #expect(s.status == 0 && s.stdout.isEmpty, "\(s.stdout)\(s.stderr)")
        #expect(try KG.run(["query", "--format", "csv", "ASK { ?s ?p ?o }"], cwd: dir).stdout.contains("false"))
    }

    @Test func aSyntaxErrorNamesLineAndColumnAndExits2() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try KG.run(["update", "CLEAR ALL ;\nINSERT DATA { <a> <b> }"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("kg: error: line 2, column 23: expected a term but found '}'"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("kg.sqlite").path), "nothing was opened")
    }

    @Test func aFailedOperationExits1AndChangesNothing() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["update", "-q", "--db", db, Self.data]).status == 0)
        let r = try KG.run(["update", "--db", db, "CLEAR DEFAULT ; DROP GRAPH <http://example.org/nowhere>"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no graph <http://example.org/nowhere>"), "\(r.stderr)")
        #expect(try values(db) == "o\r\none\r\ntwo\r\n")
        let remote = try KG.run(["update", "--db", db, "LOAD <https://example.org/data.ttl>"])
        #expect(remote.status == 1 && remote.stderr.contains("local files only"), "\(remote.stderr)")
    }

    @Test func kgQueryGivenAnUpdatePointsToKgUpdate() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try KG.run(["update", "-q", Self.data], cwd: dir).status == 0)
        let r = try KG.run(["query", "DELETE WHERE { ?s ?p ?o }"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("run it with kg update"), "\(r.stderr)")
    }

    /// A fact deleted from its article's graph takes its statement with it (kg stats --check stays
    /// clean) and comes back when kg build reads the article again.
    @Test func aDeletedFactKeepsTheStoreConsistentUntilItsArticleIsRebuilt() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let file = articles.appendingPathComponent("orvale.md")
        let text = "---\ntitle: Orvale\npublished: 2024-03-04\n---\nThe Blue Front captured Orvale on Monday.\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["build", "--db", db, articles.path]).status == 0)
        // the relations in the article's graph
        let facts = "PREFIX kg: <https://kg.example.org/ontology#> SELECT ?p WHERE { GRAPH ?g { ?s ?p ?o } "
            + "FILTER(STRSTARTS(STR(?p), STR(kg:)) && STRSTARTS(STR(?g), \"https://kg.example.org/article/\")) }"
        let before = try KG.run(["query", "--db", db, "--format", "csv", facts]).stdout
        #expect(before.contains("ontology#captured"), "the article has a fact: \(before)")

        let r = try KG.run(["update", "--db", db, """
            PREFIX kg: <https://kg.example.org/ontology#>
            DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o }
                FILTER(STRSTARTS(STR(?p), STR(kg:)) && STRSTARTS(STR(?g), "https://kg.example.org/article/")) }
            """])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try KG.run(["query", "--db", db, "--format", "csv", facts]).stdout == "p\r\n")
        let check = try KG.run(["stats", "--db", db, "--check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("(0 distinct facts)"), "\(check.stdout)")

        try (text + "It held the town a week later.\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try KG.run(["build", "--db", db, articles.path]).status == 0)
        let after = try KG.run(["query", "--db", db, "--format", "csv", facts]).stdout
        #expect(after.contains("ontology#captured"), "the rebuilt article has its facts again: \(after)")
        #expect(try KG.run(["stats", "--db", db, "--check"]).status == 0)
    }
}
