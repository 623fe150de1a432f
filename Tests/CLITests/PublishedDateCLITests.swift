import Foundation
@testable import Store
import Testing

/// An article without a publication date keeps relative dates unresolved (never guessed) and gets a
/// warning; `kg build --published DATE` supplies the date for a single file.
@Suite struct PublishedDateCLITests {
    func dates(_ db: String) throws -> [String] {
        let r = try KG.run(["query", "--db", db, "--format", "csv", """
            PREFIX kg: <https://kg.example.org/ontology#>
            SELECT ?d WHERE { << ?a kg:captured ?p >> kg:date ?d }
            """])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(whereSeparator: \.isNewline).dropFirst().map(String.init)
    }

    @Test func relativeDatesNeedAPublicationDate() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("undated.txt")
        try "The Blue Valley Front captured Orvale Town on Tuesday.\n".write(to: file, atomically: true, encoding: .utf8)

        let undated = dir.appendingPathComponent("a.sqlite").path
        let r = try KG.run(["build", "--db", undated, file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("undated.txt: no publication date"), "\(r.stderr)")
        #expect(try dates(undated).isEmpty, "'on Tuesday' is not resolved without an anchor")

        let dated = dir.appendingPathComponent("b.sqlite").path
        // 2022-03-10 is a Thursday: "on Tuesday" is 2022-03-08.
        let d = try KG.run(["build", "--db", dated, "--published", "2022-03-10", file.path])
        #expect(d.status == 0, "\(d.stderr)")
        #expect(!d.stderr.contains("no publication date"), "\(d.stderr)")
        #expect(try dates(dated) == ["2022-03-08"])

        #expect(try KG.run(["build", "--db", dated, "--published", "last week", file.path]).status == 2)
    }
}

/// kg build leaves planner statistics behind, so SPARQL joins start from their most selective pattern.
@Suite struct BuildStatisticsTests {
    @Test func buildRefreshesPlannerStatistics() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["build", "-q", "--db", db, KG.examples]).status == 0)
        let store = try TripleStore(path: db, readOnly: true)
        let st = try store.connection.prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = 'quad' AND idx = 'quad_posg'")
        #expect(try st.step(), "statistics for the quad indexes")
        let estimated = Int64(st.text(0).split(separator: " ").first ?? "") ?? 0
        let count = try store.connection.prepare("SELECT count(*) FROM quad")
        #expect(try count.step())
        // Taken after the articles were stored, not when the store held only the ontology.
        #expect(estimated * 2 >= count.int(0), "stat says \(estimated) rows, the table has \(count.int(0))")
    }
}
