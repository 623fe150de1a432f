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
