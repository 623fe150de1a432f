import Foundation
import Testing

/// `kg extract`: a dry run of the build's extraction, printing facts (and, with --mentions, what kg
/// recognised in each sentence), without a database.
@Suite struct ExtractCommandTests {
    @Test func printsFactsAndMentionsWithoutADatabase() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a.txt")
        try "---\ntitle: Pass falls\npublished: 2021-07-14\n---\nVelor Front fighters captured Qelvar Pass on Monday.\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try KG.run(["extract", "--mentions", file.path], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("[Velor Front|ArmedGroup]"), "\(r.stdout)")
        #expect(r.stdout.contains("captured(Velor Front, Qelvar Pass)  2021-07-12  asserted"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("kg.sqlite").path))
        let plain = try KG.run(["extract", file.path], cwd: dir)
        #expect(!plain.stdout.contains("[Velor Front|"))
    }

    @Test func aMissingPathIsAnError() throws {
        let r = try KG.run(["extract", "/nonexistent/kg-articles"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no articles found"), "\(r.stderr)")
    }
}

/// `kg draft`: a conflict file drafted from a corpus, for review.
@Suite struct DraftCommandTests {
    @Test func draftsTypedNamesWithAliasesCountsAndSentencesAndLoadsAsAnOntology() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try "---\ntitle: One\npublished: 2022-03-01\n---\nFighters of the Velor Liberation Front (VLF) seized Qelvar Pass on Monday. VLF fighters then attacked Dorvan.\n"
            .write(to: articles.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "---\ntitle: Two\npublished: 2022-03-05\n---\nThe Velor Liberation Front said it held Qelvar Pass. Mr Zorbek said little.\n"
            .write(to: articles.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let draft = dir.appendingPathComponent("draft.ttl")
        let r = try KG.run(["draft", "--min-mentions", "1", "-o", draft.path, articles.path], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: draft, encoding: .utf8)
        #expect(text.contains("id:velor-liberation-front a kg:ArmedGroup ;  # 3 (2)"), "\(text)")
        #expect(text.contains("skos:altLabel \"VLF\""))
        #expect(text.contains("#   e.g. \"Fighters of the Velor Liberation Front (VLF) seized Qelvar Pass on Monday.\""))
        #expect(text.contains("id:qelvar-pass a kg:Place"))
        // the draft is an ontology file kg loads as it is
        let onto = dir.appendingPathComponent("onto")
        try FileManager.default.copyItem(at: KG.root.appendingPathComponent("Ontology"), to: onto)
        try FileManager.default.copyItem(at: draft, to: onto.appendingPathComponent("conflicts/velor.ttl"))
        let again = try KG.run(["extract", "--ontology", onto.path, articles.path], cwd: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("captured(Velor Liberation Front, Qelvar Pass)"), "\(again.stdout)")
    }

    @Test func aMinimumBelowOneIsAUsageError() throws {
        let r = try KG.run(["draft", "--min-mentions", "0", "."])
        #expect(r.status == 2)
    }
}
