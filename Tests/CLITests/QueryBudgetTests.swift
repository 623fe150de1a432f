import Foundation
import Testing

/// A query holds a bounded number of solutions: ORDER BY sorts at most KG_SORT_ROWS of them (ORDER BY …
/// LIMIT keeps only the first ones, however many there are) and the terminal table holds at most
/// KG_TABLE_ROWS rows; past either, a message and exit status 1 instead of memory that grows with the
/// answer. The budgets are set low here, on a join of 150 × 100 = 15,000 solutions.
@Suite struct QueryBudgetTests {
    /// A store of the two sides of the join, in `dir`.
    static func store(in dir: URL) throws -> String {
        var lines: [String] = []
        for i in 0..<150 { lines.append("<https://example.org/a\(i)> <https://example.org/p> \"\((i * 37) % 150)\"^^<http://www.w3.org/2001/XMLSchema#integer> .") }
        for j in 0..<100 { lines.append("<https://example.org/b\(j)> <https://example.org/q> \"\((j * 13) % 100)\"^^<http://www.w3.org/2001/XMLSchema#integer> .") }
        return try storeWithImported(lines.joined(separator: "\n") + "\n", in: dir)
    }
    static let join = "SELECT ?x ?y ?v ?w WHERE { ?x <https://example.org/p> ?v . ?y <https://example.org/q> ?w }"
    static let budget = ["KG_SORT_ROWS": "10000", "KG_TABLE_ROWS": "1000"]

    func query(_ db: String, _ text: String, _ extra: [String] = [], budget: [String: String] = Self.budget) throws -> KGRun {
        try KG.run(["query", "--db", db, text] + extra, environment: budget)
    }

    @Test func orderByPastTheBudgetEndsWithAMessage() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Self.store(in: dir)
        let r = try query(db, Self.join + " ORDER BY DESC(?v) ?w", ["--format", "tsv"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("ORDER BY has more than 10,000 solutions to sort"), "\(r.stderr)")
        #expect(r.stderr.contains("add LIMIT"))
        #expect(r.stdout.split(separator: "\n").count <= 1, "no solution is written: \(r.stdout.prefix(200))")
    }

    @Test func orderByWithLimitKeepsOnlyTheFirstSolutions() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Self.store(in: dir)
        // 15,000 solutions, more than the budget: the first 3 after OFFSET 2 of DESC(?v) ?w, then ?x ?y.
        let r = try query(db, Self.join + " ORDER BY DESC(?v) ?w ?x ?y OFFSET 2 LIMIT 3", ["--format", "tsv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        // ?v = 149 is a single ?x (i = 77: 77 · 37 mod 150 = 149); ?w runs 0, 1, 2, … over the 100 ?y
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0[0] == "<https://example.org/a77>" && $0[2] == "149" }, "\(rows)")
        #expect(rows.map { $0[3] } == ["2", "3", "4"], "\(rows)")
        // The same solutions as a full sort under a budget large enough.
        let full = try query(db, Self.join + " ORDER BY DESC(?v) ?w ?x ?y", ["--format", "tsv"], budget: [:])
        #expect(full.status == 0, "\(full.stderr)")
        let fullRows = full.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        #expect(fullRows.count == 15_000)
        #expect(Array(fullRows[2..<5]) == rows)
    }

    @Test func theTableRefusesPastItsRowsAndCSVStreams() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Self.store(in: dir)
        let table = try query(db, Self.join)
        #expect(table.status == 1)
        #expect(table.stderr.contains("more than 1000 solutions, too many for the table"), "\(table.stderr)")
        #expect(table.stderr.contains("--format csv or tsv"))
        #expect(table.stdout.isEmpty, "nothing of the table is printed")
        let csv = try query(db, Self.join, ["--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.split(separator: "\r\n").count == 15_001)
        let small = try query(db, Self.join + " LIMIT 10")
        #expect(small.status == 0, "\(small.stderr)")
        #expect(small.stdout.contains("(10 rows)"))
    }
}
