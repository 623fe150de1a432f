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
        try withTemporaryStore { store throws in
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
    }

    @Test func abandonedBatchLeavesNothing() throws {
        try withTemporaryStore { store throws in
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
    }

    @Test func bulkLoadRebuildsTheIndexes() throws {
        try withTemporaryStore { store throws in
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
    }

    /// A bulk load killed between dropping and rebuilding the indexes: the next store opened on the file
    /// rebuilds them — a writer, or a reader that may write the file.
    @Test func interruptedBulkLoadIsRepairedOnOpen() throws {
        try withTemporaryStore { store throws in
            let before = try indexes(store)
            try store.load((0..<50).map { Quad(.iri("http://x/s\($0)"), .iri("http://x/p"), .string("\($0)")) })
            try store.connection.execute("DROP INDEX quad_posg; DROP INDEX quad_gspo")  // as a dying bulk load leaves it
            #expect(try store.check().contains { $0.contains("quad_posg, quad_gspo") }, "the check names what is missing")
            let reader = try TripleStore(path: store.path, readOnly: true)
            #expect(try reader.counts().quads == 50)
            #expect(try reader.check().isEmpty, "a reader that may write the file had them rebuilt")
            let writer = try TripleStore(path: store.path)
            #expect(try indexes(writer) == before)
            #expect(try writer.check().isEmpty)
            #expect(try writer.counts().quads == 50)
        }
    }
}

/// `replaceArticles` (a build's batch: one transaction, sorted multi-row inserts, provenance as ids)
/// writes exactly what `replaceArticle` one by one writes.
@Suite struct ArticleBatchTests {
    static func contents() -> [TripleStore.ArticleContent] {
        let a = Term.iri(KG.entityNS + "A"), t = Term.iri(KG.entityNS + "T"), u = Term.iri(KG.entityNS + "U")
        func st(_ s: Term, _ p: String, _ o: Term, _ modality: Modality = .asserted, sentence: String) -> StatementRecord {
            StatementRecord(triple: Triple(s, KG.term(p), o), sentence: sentence, date: PartialDate(year: 2024, month: 1, day: 4),
                            timePhrase: "on 4 January", confidence: 0.8, modality: modality, attribution: modality == .claimed ? "a spokesman" : nil,
                            rule: "test")
        }
        let label = Triple(a, .iri(RDFS.label), .string("Alpha"))
        return [
            .init(record: ArticleRecord(path: "b1.md", hash: "1"), triples: [label],
                  statements: [st(a, "captured", t, sentence: "Alpha took T."), st(u, "surrenderedTo", a, .claimed, sentence: "U gave up, it said.")]),
            .init(record: ArticleRecord(path: "b2.md", hash: "2"), triples: [label],
                  statements: [st(a, "captured", t, sentence: "Alpha took T."), st(a, "surrounds", t, .planned, sentence: "Alpha plans to ring T.")]),
            // The same path again in the batch: the later content replaces the earlier.
            .init(record: ArticleRecord(path: "b1.md", hash: "3"), triples: [],
                  statements: [st(a, "controls", t, sentence: "Alpha holds T.")]),
        ]
    }

    static func dump(_ store: TripleStore) throws -> (quads: [String], statements: [String]) {
        var quads: [String] = []
        try store.quads { q in quads.append("\(q.subject) \(q.predicate) \(q.object) \(q.graph.map { "\($0)" } ?? "default")"); return true }
        var statements: [String] = []
        try store.statements(factsOnly: false) { s in
            statements.append("\(s.article.path) \(s.article.hash) \(s.record.triple) \(s.record.sentence) \(s.record.modality)")
            return true
        }
        return (quads.sorted(), statements.sorted())
    }

    @Test func aBatchWritesWhatArticlesOneByOneWrite() throws {
        try withTemporaryStore { batch throws in
        try withTemporaryStore { single throws in
            try batch.replaceArticles(Self.contents())
            for c in Self.contents() { try single.replaceArticle(c.record, triples: c.triples, statements: c.statements) }
            let (b, s) = (try Self.dump(batch), try Self.dump(single))
            #expect(b.quads == s.quads)
            #expect(b.statements == s.statements)
            #expect(b.statements.count == 3, "b1.md's second version (1 statement) and b2.md's two")
            #expect(!b.quads.contains { $0.contains("surrenderedTo") }, "b1.md's first version is gone")
            #expect(b.quads.contains { $0.contains("\"on 4 January\"") })
            #expect(try batch.check().isEmpty)
        }
        }
    }
}
