import Foundation
import Testing

@Suite(.serialized) struct BuildCommandTests {
    @Test func buildsTheExamplesAndReportsASummary() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try KG.run(["build", "--db", db, KG.examples])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("articles extracted"))
        #expect(!r.stdout.contains(" 0 articles extracted"))
        let stats = try KG.run(["stats", "--db", db, "--check"])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("check        ok"))
    }

    @Test func rebuildingUnchangedArticlesChangesNothing() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("kg.sqlite").path
        _ = try KG.run(["build", "--db", db, KG.examples])
        let before = try KG.run(["export", "--db", db, "--format", "nq"]).stdout
        let again = try KG.run(["build", "--db", db, KG.examples])
        #expect(again.status == 0)
        #expect(again.stdout.contains(" 0 articles extracted"), "\(again.stdout)")
        let after = try KG.run(["export", "--db", db, "--format", "nq"]).stdout
        #expect(before == after)
    }

    /// An unchanged file is hashed, not parsed again: its warnings (given when it was first read) are not
    /// repeated, it still counts as unchanged (and is not removed); once edited it is read, and warned about, again.
    @Test func anUnchangedFileIsNotParsedAgain() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let file = articles.appendingPathComponent("orvale.md")
        let text = "---\ntitle: Orvale\npublished: sometime soon\n---\nThe Blue Front captured Orvale on Monday.\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        let first = try KG.run(["build", "--db", db, articles.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("is not a date"), "\(first.stderr)")
        let again = try KG.run(["build", "--db", db, articles.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stderr.contains("is not a date"), "\(again.stderr)")
        #expect(again.stdout.contains(" 0 articles extracted") && again.stdout.contains("1 unchanged"), "\(again.stdout)")
        #expect(try KG.run(["stats", "--db", db]).stdout.contains("articles     1"))
        try (text + "It held the town a week later.\n").write(to: file, atomically: true, encoding: .utf8)
        let edited = try KG.run(["build", "--db", db, articles.path])
        #expect(edited.stderr.contains("is not a date"), "\(edited.stderr)")
        #expect(edited.stdout.contains(" 1 article"), "\(edited.stdout)")
    }

    /// An article is its folder's name and its path inside it: the same folder built as a relative path, an
    /// absolute path, from another working folder, or one of its files named alone, is one set of articles.
    @Test func theSameFolderBuiltThreeWaysIsOneSetOfArticles() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        let nested = articles.appendingPathComponent("north")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try "---\ntitle: Orvale\npublished: 2024-03-04\n---\nThe Blue Front captured Orvale on Monday.\n"
            .write(to: articles.appendingPathComponent("orvale.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: Belmuk\npublished: 2024-03-05\n---\nThe Blue Front captured Belmuk on Tuesday.\n"
            .write(to: nested.appendingPathComponent("belmuk.md"), atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        let relative = try KG.run(["build", "--db", db, "articles"], cwd: dir)
        #expect(relative.status == 0, "\(relative.stderr)")
        let absolute = try KG.run(["build", "--db", db, articles.path + "/"])
        #expect(absolute.stdout.contains(" 0 articles extracted, 2 unchanged"), "\(absolute.stdout)")
        let fromInside = try KG.run(["build", "--db", db, "../articles", "orvale.md"], cwd: articles)
        #expect(fromInside.stdout.contains(" 0 articles extracted, 2 unchanged"), "\(fromInside.stdout)")
        #expect(try KG.run(["stats", "--db", db]).stdout.contains("articles     2"))
        let export = try KG.run(["export", "--db", db, "--format", "nq"]).stdout
        #expect(export.contains("<https://kg.example.org/article/articles/north/belmuk.md>"), "no local path in an article's IRI")
        #expect(!export.contains(dir.path))
        let lines = try KG.run(["export", "--db", db, "--format", "jsonl"]).stdout
        #expect(lines.components(separatedBy: "\"source\":\"articles/orvale.md\"").count == 2, "one source for one article")
        // a file gone from the folder loses its facts, whichever way the folder is named
        try FileManager.default.removeItem(at: nested)
        let removed = try KG.run(["build", "--db", db, "./articles"], cwd: dir)
        #expect(removed.stdout.contains("1 removed"), "\(removed.stdout)")
    }

    @Test func twoFilesOfOneIdentityAreNotBothStored() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for side in ["a", "b"] {
            let folder = dir.appendingPathComponent(side).appendingPathComponent("news")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "The Blue Front captured Orvale.\n".write(to: folder.appendingPathComponent("x.txt"), atomically: true, encoding: .utf8)
        }
        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try KG.run(["build", "--db", db, "a/news", "b/news"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("b/news/x.txt: same identity (news/x.txt) as a/news/x.txt"), "\(r.stderr)")
        #expect(try KG.run(["stats", "--db", db]).stdout.contains("articles     1"))
    }

    @Test func editingAndDeletingAnArticleUpdatesExactlyItsFacts() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let examples = try FileManager.default.contentsOfDirectory(atPath: KG.examples).filter { $0.hasSuffix(".md") }.sorted()
        try #require(examples.count >= 2)
        for f in examples.prefix(2) {
            try FileManager.default.copyItem(atPath: KG.examples + "/" + f, toPath: articles.appendingPathComponent(f).path)
        }
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["build", "--db", db, articles.path]).status == 0)
        let sources = { () throws -> Set<String> in
            let lines = try KG.run(["export", "--db", db]).stdout.split(separator: "\n")
            return Set(lines.compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["source"] as? String
            }.map { URL(fileURLWithPath: $0).lastPathComponent })
        }
        #expect(try sources().count == 2)
        try FileManager.default.removeItem(at: articles.appendingPathComponent(examples[0]))
        let r = try KG.run(["build", "--db", db, articles.path])
        #expect(r.stdout.contains("1 removed"), "\(r.stdout)")
        #expect(try sources() == [examples[1]])
    }

    @Test func badFilesAreSkippedWithWarningsAndTheRestIsBuilt() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data().write(to: dir.appendingPathComponent("empty.txt"))
        try Data([0x00, 0xFF, 0x00, 0x12, 0x80]).write(to: dir.appendingPathComponent("binary.txt"))
        try FileManager.default.copyItem(atPath: try firstExample(), toPath: dir.appendingPathComponent("good.md").path)
        let r = try KG.run(["build", "--db", dir.appendingPathComponent("kg.sqlite").path, dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("empty.txt"))
        #expect(r.stderr.contains("binary.txt"))
        #expect(r.stdout.contains("1 article extracted"), "\(r.stdout)")
    }

    @Test func aMissingPathIsAFailureNamingIt() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try KG.run(["build", "--db", dir.appendingPathComponent("kg.sqlite").path, "/no/such/folder"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/no/such/folder"))
    }

    func firstExample() throws -> String {
        let f = try FileManager.default.contentsOfDirectory(atPath: KG.examples).filter { $0.hasSuffix(".md") }.sorted()
        return KG.examples + "/" + f[0]
    }
}

@Suite struct UsageTests {
    @Test func helpShowsExamplesForEveryCommand() throws {
        for command in ["build", "query", "show", "render", "export", "import", "stats", "parse", "timeline"] {
            let r = try KG.run([command, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Example"), "kg \(command) --help has no example")
        }
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try KG.run(["frobnicate"]).status == 2)
        #expect(try KG.run(["build"]).status == 2)
        #expect(try KG.run(["export", "--format", "xlsx"]).status == 2)
    }

    @Test func aMissingDatabaseIsAClearFailure() throws {
        let r = try KG.run(["query", "--db", "/no/such/kg.sqlite", "SELECT * WHERE { ?s ?p ?o }"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("kg build"))
    }
}
