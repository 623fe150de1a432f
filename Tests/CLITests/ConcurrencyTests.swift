import Foundation
@testable import Store
import Testing

@Suite struct ConcurrencyTests {
    @Test func aSecondWriterWaitsThenSaysAnotherBuildHoldsTheStore() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["build", "--db", db, KG.examples]).status == 0)
        let holder = try TripleStore(path: db)
        try holder.connection.execute("BEGIN IMMEDIATE")
        defer { try? holder.connection.execute("ROLLBACK") }
        let started = Date()
        let r = try KG.run(["build", "--db", db, KG.examples], environment: ["KG_BUSY_TIMEOUT": "1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("another kg process"), "\(r.stderr)")
        #expect(Date().timeIntervalSince(started) >= 0.9, "it waited for the lock first")
    }

    @Test func readersWorkWhileAWriterHoldsTheLock() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["build", "--db", db, KG.examples]).status == 0)
        let holder = try TripleStore(path: db)
        try holder.connection.execute("BEGIN IMMEDIATE")
        _ = try holder.intern(.iri("http://example.org/uncommitted"))
        defer { try? holder.connection.execute("ROLLBACK") }
        let q = try KG.run(["query", "--db", db, "?who surrenderedTo ?whom"])
        #expect(q.status == 0, "\(q.stderr)")
        #expect(q.stdout.contains("MNDAA"))
        let outDir = dir.appendingPathComponent("out").path
        #expect(try KG.run(["render", "--db", db, "--output", outDir]).status == 0)
    }
}
