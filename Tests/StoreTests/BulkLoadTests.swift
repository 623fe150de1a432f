import Foundation
import RDF
import Testing
@testable import Store

/// The bulk-load path of `kg import`: `BulkWriter` batches, `bulkLoad`'s index drop and rebuild, and the
/// rebuild after an interrupted bulk load.
@Suite struct BulkLoadTests {
    func indexes(_ store: TripleStore) throws -> Set<String> {
        let st = try store.connection.prepareUncached("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'quad'")
        var names: Set<String> = []
        while try st.step() { names.insert(st.text(0)) }
        return names
    }


    @Test func writerCommitsSortedBatchesAndCountsNewQuads() throws {
        let store = try temporaryStore()
        let writer = BulkWriter(store: store, batchSize: 7)
        let g = try writer.internNew(.iri("http://x/g"))
        // Written in descending order, with repeats within and across batches.
        for i in stride(from: 40, to: 0, by: -1) {
            let s = try writer.internNew(.iri("http://x/s\(i % 13)"))
            let p = try writer.intern(.iri("http://x/p"))
            let o = try writer.internNew(.typed("\(i % 5)", XSD.integer))
            try writer.add(s, p, o, i % 2 == 0 ? 0 : g)
        }
        try writer.flush()
        var expected: Set<Quad> = []
        for i in 1...40 {
            expected.insert(Quad(.iri("http://x/s\(i % 13)"), .iri("http://x/p"), .typed("\(i % 5)", XSD.integer),
                                 graph: i % 2 == 0 ? nil : .iri("http://x/g")))
        }
        #expect(writer.added == expected.count)
        var stored: [Quad] = []
        try store.quads { stored.append($0); return true }
        #expect(Set(stored) == expected)
        #expect(stored.count == expected.count)
        // The same term interned twice, with or without the session dictionary, has one id.
        #expect(try writer.internNew(.iri("http://x/s3")) == store.intern(.iri("http://x/s3")))
        #expect(try store.check().isEmpty)
        // Writing it all again adds nothing.
        let again = BulkWriter(store: store, batchSize: 1000)
        for q in expected {
            try again.add(again.internNew(q.subject), again.internNew(q.predicate), again.internNew(q.object),
                          q.graph.map(again.internNew) ?? 0)
        }
        try again.flush()
        #expect(again.added == 0)
    }

    @Test func abandonedBatchLeavesNothing() throws {
        let store = try temporaryStore()
        let writer = BulkWriter(store: store, batchSize: 2)
        try writer.add(writer.internNew(.iri("http://x/a")), writer.internNew(.iri("http://x/p")), writer.internNew(.string("kept")), 0)
        try writer.add(writer.internNew(.iri("http://x/b")), writer.internNew(.iri("http://x/p")), writer.internNew(.string("kept")), 0)
        try writer.add(writer.internNew(.iri("http://x/c")), writer.internNew(.iri("http://x/p")), writer.internNew(.string("gone")), 0)
        writer.abandon()
        #expect(writer.added == 2)
        #expect(try store.counts().quads == 2)
        #expect(try store.id(of: .string("gone")) == nil, "terms of the abandoned batch are rolled back")
        #expect(try store.id(of: .string("kept")) != nil)
        #expect(try store.check().isEmpty)
    }

    @Test func bulkLoadRebuildsTheIndexes() throws {
        let store = try temporaryStore()
        let before = try indexes(store)
        #expect(before.isSuperset(of: ["quad_posg", "quad_ospg", "quad_gspo"]))
        var during: Set<String> = []
        try store.bulkLoad(expectedQuads: 100) {
            during = try indexes(store)
            try store.load((0..<100).map { Quad(.iri("http://x/s\($0)"), .iri("http://x/p"), .iri("http://x/o")) })
        }
        #expect(!during.contains("quad_posg"), "an empty store loads without the secondary indexes")
        #expect(try indexes(store) == before)
        // A store already larger than the load keeps its indexes throughout.
        try store.bulkLoad(expectedQuads: 10) {
            during = try indexes(store)
            try store.load([Quad(.iri("http://x/s"), .iri("http://x/p"), .iri("http://x/o"))])
        }
        #expect(during == before)
        #expect(try store.check().isEmpty)
    }

    /// A bulk load killed between dropping and rebuilding the indexes: the next writer rebuilds them.
    @Test func interruptedBulkLoadIsRepairedOnOpen() throws {
        let store = try temporaryStore()
        let before = try indexes(store)
        try store.load((0..<50).map { Quad(.iri("http://x/s\($0)"), .iri("http://x/p"), .string("\($0)")) })
        try store.connection.execute("DROP INDEX quad_posg; DROP INDEX quad_gspo")  // as a dying bulk load leaves it
        let reader = try TripleStore(path: store.path, readOnly: true)
        #expect(try reader.counts().quads == 50, "readable without the indexes")
        #expect(try reader.check().contains { $0.contains("quad_posg, quad_gspo") }, "the check names what is missing")
        let writer = try TripleStore(path: store.path)
        #expect(try indexes(writer) == before)
        #expect(try writer.check().isEmpty)
        #expect(try writer.counts().quads == 50)
    }
}
