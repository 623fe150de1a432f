import Foundation
import RDF
import Testing
@testable import Store

/// Runs `body` with a fresh folder under the system's temporary directory, then removes the folder.
/// Whatever `body` opened there (a store, a connection) is closed by then, as long as it does not
/// escape `body`.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    return try body(dir)
}

/// Runs `body` on an empty store in a fresh temporary folder; the store is closed, then the folder
/// removed, when `body` returns.
func withTemporaryStore<T>(_ body: (TripleStore) throws -> T) throws -> T {
    try withTemporaryFolder { dir in try body(try TripleStore(path: dir.appendingPathComponent("kg.sqlite").path)) }
}

let mndaa = Term.iri(KG.entityNS + "A"), town = Term.iri(KG.entityNS + "T"), unit = Term.iri(KG.entityNS + "U")
let captured = KG.term("captured"), surrenderedTo = KG.term("surrenderedTo")

@Suite struct TermDictionaryTests {
    @Test func internIsGetOrCreateAndStable() throws {
        try withTemporaryStore { store throws in
            let terms: [Term] = [.iri("http://x/a"), .blank("b0"), .string("a"), .lang("a", "en"), .lang("a", "EN"),
                                 .typed("1", XSD.integer), .typed("01", XSD.integer), .typed("http://x/a", XSD.string)]
            let ids = try terms.map(store.intern)
            #expect(Set(ids).count == terms.count, "literals are kept exactly as written; kinds never collide")
            #expect(try terms.map(store.intern) == ids)
            for (t, id) in zip(terms, ids) { #expect(try store.term(id: id) == t) }
            #expect(!ids.contains(0))
        }
    }

    @Test func unknownTermHasNoID() throws {
        try withTemporaryStore { store throws in
            #expect(try store.id(of: .iri("http://nowhere")) == nil)
        }
    }

    @Test func rolledBackTransactionForgetsIDs() throws {
        try withTemporaryStore { store throws in
            struct Boom: Error {}
            #expect(throws: Boom.self) { try store.transaction { _ = try store.intern(.iri("http://x/gone")); throw Boom() } }
            #expect(try store.id(of: .iri("http://x/gone")) == nil)
        }
    }
}

@Suite struct ArticleTests {
    /// The default graph's triples other than statement descriptions (Provenance.swift).
    func factTriples(_ store: TripleStore) throws -> [Triple] {
        var described = Set<Term>(), out: [Triple] = []
        for described_class in [Provenance.statement, ArticleVocabulary.newsArticle] {
            try store.quads(predicate: .iri(RDFNS.type), object: .iri(described_class), graph: .some(nil)) {
                described.insert($0.subject); return true
            }
        }
        try store.quads(graph: .some(nil)) { q in
            if !described.contains(q.subject) { out.append(q.triple) }
            return true
        }
        return out
    }

    /// The statement resources of the default graph, with their rdf:subject/predicate/object.
    func describedTriples(_ store: TripleStore) throws -> [Triple] {
        var parts: [Term: [String: Term]] = [:]
        try store.quads(graph: .some(nil)) { q in
            if let p = q.predicate.iriValue, [Provenance.subject, Provenance.predicate, Provenance.object].contains(p) {
                parts[q.subject, default: [:]][p] = q.object
            }
            return true
        }
        return parts.values.compactMap { d in
            guard let s = d[Provenance.subject], let p = d[Provenance.predicate], let o = d[Provenance.object] else { return nil }
            return Triple(s, p, o)
        }
    }

    func statement(_ t: Triple, _ modality: Modality = .asserted) -> StatementRecord {
        StatementRecord(triple: t, sentence: "s", date: PartialDate(year: 2024, month: 1, day: 4), modality: modality, rule: "test")
    }

    @Test func sameFactFromThreeArticlesIsOneTripleWithThreeStatements() throws {
        try withTemporaryStore { store throws in
            let fact = Triple(mndaa, captured, town)
            for i in 1...3 {
                try store.replaceArticle(ArticleRecord(path: "a\(i).md", hash: "h\(i)"), triples: [], statements: [statement(fact)])
            }
            let c = try store.counts()
            #expect(try factTriples(store) == [fact])
            #expect(try describedTriples(store) == [fact, fact, fact], "one description per article's statement")
            #expect(c.statements == 3)
            #expect(c.facts == 1)
            #expect(c.graphs == 3)
            var n = 0
            try store.quads(subject: mndaa, graph: .some(nil)) { _ in n += 1; return true }
            #expect(n == 1)
            var dates: [Term] = []
            try store.quads(predicate: KG.term("date"), graph: .some(nil)) { dates.append($0.object); return true }
            #expect(dates.count == 3 && Set(dates) == [.typed("2024-01-04", XSD.date)])
            #expect(try store.check().isEmpty)
        }
    }

    @Test func removingAnArticleKeepsFactsOthersSupport() throws {
        try withTemporaryStore { store throws in
            let shared = Triple(mndaa, captured, town), own = Triple(unit, surrenderedTo, mndaa)
            try store.replaceArticle(ArticleRecord(path: "a.md", hash: "1"), triples: [], statements: [statement(shared), statement(own)])
            try store.replaceArticle(ArticleRecord(path: "b.md", hash: "2"), triples: [], statements: [statement(shared)])
            #expect(try store.removeArticle(path: "a.md"))
            #expect(try factTriples(store) == [shared])
            #expect(try describedTriples(store) == [shared])
            #expect(try store.counts().statements == 1)
            #expect(try store.articlePaths() == ["b.md"])
            #expect(try !store.removeArticle(path: "a.md"))
        }
    }

    @Test func modalStatementsAreKeptButAreNotTriples() throws {
        try withTemporaryStore { store throws in
            try store.replaceArticle(ArticleRecord(path: "a.md", hash: "1"), triples: [],
                                     statements: [statement(Triple(mndaa, captured, town), .planned)])
            #expect(try factTriples(store).isEmpty, "a planned capture is not a fact")
            #expect(try describedTriples(store) == [Triple(mndaa, captured, town)], "but its statement is described")
            var modality: [Term] = []
            try store.quads(predicate: KG.term("modality"), graph: .some(nil)) { modality.append($0.object); return true }
            #expect(modality == [.string("planned")])
            var facts = 0, all = 0
            try store.statements { _ in facts += 1; return true }
            try store.statements(factsOnly: false) { s in
                all += 1
                #expect(s.record.modality == .planned)
                #expect(s.record.date?.iso == "2024-01-04")
                return true
            }
            #expect(facts == 0 && all == 1)
        }
    }

    @Test func statementDescriptionsAreInTheDefaultGraphOnly() throws {
        try withTemporaryStore { store throws in
            let record = ArticleRecord(path: "a.md", hash: "1")
            try store.replaceArticle(record, triples: [], statements: [statement(Triple(mndaa, captured, town))])
            var inArticle: [Triple] = []
            try store.quads(graph: .some(record.graph)) { inArticle.append($0.triple); return true }
            #expect(inArticle == [Triple(mndaa, captured, town)], "the article's graph holds what it says, not its statements")
            #expect(try describedTriples(store) == [Triple(mndaa, captured, town)])
            #expect(try store.removeArticle(path: "a.md"))
            var left = 0
            try store.quads { _ in left += 1; return true }
            #expect(left == 0, "an article's statement descriptions leave with it")
        }
    }

    @Test func theOntologysExtractionVocabularyIsNotInTheDefaultGraph() throws {
        try withTemporaryStore { store throws in
            let type = Term.iri(RDFNS.type), cls = KG.term("ArmedGroup")
            let schema = [Triple(cls, type, .iri(RDFS.ns + "Class")), Triple(cls, .iri(RDFS.subClassOf), KG.term("Actor"))]
            let vocabulary = [Triple(cls, KG.term("headWord"), .string("Army")), Triple(captured, KG.term("trigger"), .string("seized"))]
            let entities = [Triple(mndaa, type, cls), Triple(mndaa, .iri(RDFS.label), .string("A")),
                            Triple(mndaa, KG.term("country"), town)]
            try store.replaceOntology((schema + vocabulary + entities).map { Quad($0) })
            var inDefault: [Triple] = [], inOntology = 0
            try store.quads(graph: .some(nil)) { inDefault.append($0.triple); return true }
            try store.quads(graph: .some(TripleStore.ontologyGraph)) { _ in inOntology += 1; return true }
            #expect(Set(inDefault) == Set(schema + entities), "the extraction vocabulary stays in the ontology graph")
            #expect(inOntology == 7)
            try store.replaceOntology([])
            inDefault = []
            try store.quads(graph: .some(nil)) { inDefault.append($0.triple); return true }
            #expect(inDefault.isEmpty)
        }
    }

    @Test func replacingAnArticleReplacesItsFacts() throws {
        try withTemporaryStore { store throws in
            try store.replaceArticle(ArticleRecord(path: "a.md", hash: "1"), triples: [], statements: [statement(Triple(mndaa, captured, town))])
            try store.replaceArticle(ArticleRecord(path: "a.md", hash: "2"), triples: [], statements: [statement(Triple(unit, surrenderedTo, mndaa))])
            #expect(try store.articleHash(path: "a.md") == "2")
            #expect(try factTriples(store).map(\.object) == [mndaa])
            #expect(try describedTriples(store) == [Triple(unit, surrenderedTo, mndaa)])
            #expect(try store.check().isEmpty)
        }
    }
}

@Suite struct SchemaTests {
    @Test func aVersionOneStoreIsMigratedToTheTruthfulModel() throws {
        try withTemporaryFolder { dir throws in
            let path = dir.appendingPathComponent("old.sqlite").path
            let timeline = Term.iri("https://kg.example.org/graph/timeline")
            let period = Triple(.iri("https://kg.example.org/timeline/T/period/1"), KG.term("controller"), mndaa)
            let record = ArticleRecord(path: "articles/a.md", hash: "1")  // (its schema-3 identity already)
            let statementIRI = Provenance.statementIRI(graph: record.graph, index: 0)
            do {
                // A store as kg wrote it before: the timeline also in the default graph, the statement
                // described in its article's graph too.
                let store = try TripleStore(path: path)
                try store.replaceArticle(record, triples: [], statements: [
                    StatementRecord(triple: Triple(mndaa, captured, town), sentence: "s", rule: "test")])
                try store.load([Quad(period, graph: timeline), Quad(period),
                                Quad(Triple(statementIRI, .iri(Provenance.subject), mndaa), graph: record.graph)])
                try store.connection.execute("ALTER TABLE article DROP COLUMN publisher; PRAGMA user_version = 1")
            }
            // a reader reads it as it is; the first writer migrates it
            #expect(try TripleStore(path: path, readOnly: true).connection.userVersion() == 1)
            let store = try TripleStore(path: path)
            #expect(try store.connection.userVersion() == TripleStore.schemaVersion)
            var inDefault: [Triple] = [], inTimeline = 0, inArticle: [Triple] = []
            try store.quads(graph: .some(nil)) { inDefault.append($0.triple); return true }
            try store.quads(graph: .some(timeline)) { _ in inTimeline += 1; return true }
            try store.quads(graph: .some(record.graph)) { inArticle.append($0.triple); return true }
            #expect(!inDefault.contains(period), "the timeline is in its graph only")
            #expect(inTimeline == 1)
            #expect(inArticle == [Triple(mndaa, captured, town)], "descriptions are in the default graph only")
            #expect(inDefault.contains(Triple(statementIRI, .iri(Provenance.subject), mndaa)))
        }
    }

    @Test func aVersionTwoStoresArticlesTakeTheirFolderAndFileAsIdentity() throws {
        try withTemporaryFolder { dir throws in
            let path = dir.appendingPathComponent("old.sqlite").path
            let fact = StatementRecord(triple: Triple(mndaa, captured, town), sentence: "s", rule: "test")
            let typed = ArticleRecord(path: "Examples/articles/a.md", hash: "1")
            let absolute = ArticleRecord(path: "/home/me/kg/Examples/articles/a.md", hash: "1")
            let other = ArticleRecord(path: "../corpus/dev/b.txt", hash: "2")
            do {
                // schema 2 named an article by the path as typed: one article built twice is two
                let store = try TripleStore(path: path)
                for r in [typed, absolute, other] { try store.replaceArticle(r, triples: [], statements: [fact]) }
                try store.connection.execute("ALTER TABLE article DROP COLUMN publisher; PRAGMA user_version = 2")
            }
            #expect(try TripleStore(path: path, readOnly: true).articlePaths().count == 3, "a reader reads it as it is")
            let store = try TripleStore(path: path)
            #expect(try store.connection.userVersion() == TripleStore.schemaVersion)
            #expect(try store.articlePaths() == ["articles/a.md", "dev/b.txt"])
            let renamed = ArticleRecord(path: "articles/a.md", hash: "1")
            var inGraph: [Triple] = []
            try store.quads(graph: .some(renamed.graph)) { inGraph.append($0.triple); return true }
            #expect(inGraph == [Triple(mndaa, captured, town)], "the graph keeps its quads under its new name")
            var subjects: Set<Term> = []
            try store.quads(graph: .some(nil)) { q in
                if q.triple.predicate == .iri(Provenance.subject) { subjects.insert(q.triple.subject) }
                return true
            }
            #expect(subjects == [Provenance.statementIRI(graph: renamed.graph, index: 0),
                                 Provenance.statementIRI(graph: ArticleRecord(path: "dev/b.txt", hash: "2").graph, index: 0)],
                    "one description a statement, named after the article's identity, none left of the copy")
        }
    }

    @Test func aVersionThreeStoresArticlesAreDescribed() throws {
        try withTemporaryFolder { dir throws in
            let path = dir.appendingPathComponent("old.sqlite").path
            let record = ArticleRecord(path: "articles/a.md", hash: "1", title: "A town falls", published: "2024-01-06")
            do {
                let store = try TripleStore(path: path)
                try store.replaceArticle(record, triples: [], statements: [])
                // as a schema-3 kg wrote it: no description
                try store.connection.execute("DELETE FROM quad WHERE g = 0 AND s = (SELECT graph FROM article)")
                try store.connection.execute("ALTER TABLE article DROP COLUMN publisher; PRAGMA user_version = 3")
            }
            let store = try TripleStore(path: path)
            var described: [Triple] = []
            try store.quads(subject: record.graph, graph: .some(nil)) { described.append($0.triple); return true }
            #expect(described.contains(Triple(record.graph, .iri(ArticleVocabulary.title), .string("A town falls"))))
            #expect(described.contains(Triple(record.graph, .iri(ArticleVocabulary.datePublished), .typed("2024-01-06", XSD.date))))
            // and removed with its article
            try store.removeArticle(path: record.path)
            described.removeAll()
            try store.quads(subject: record.graph, graph: .some(nil)) { described.append($0.triple); return true }
            #expect(described.isEmpty)
        }
    }

    @Test func aVersionFourStoreGainsPublishers() throws {
        try withTemporaryFolder { dir throws in
            let path = dir.appendingPathComponent("old.sqlite").path
            do {
                let store = try TripleStore(path: path)
                try store.replaceArticle(ArticleRecord(path: "articles/a.md", hash: "1"), triples: [], statements: [])
                try store.connection.execute("ALTER TABLE article DROP COLUMN publisher; PRAGMA user_version = 4")
            }
            let store = try TripleStore(path: path)
            #expect(try store.connection.userVersion() == TripleStore.schemaVersion)
            let published = ArticleRecord(path: "articles/b.md", hash: "2", publisher: "The Example Post")
            try store.replaceArticle(published, triples: [], statements: [])
            var described: [Triple] = []
            try store.quads(subject: published.graph, graph: .some(nil)) { described.append($0.triple); return true }
            #expect(described.contains(Triple(published.graph, .iri(ArticleVocabulary.publisher), .string("The Example Post"))))
        }
    }
    @Test func aVersionFiveStoreGainsTheStatementObjectIndex() throws {
        try withTemporaryFolder { dir throws in
            let path = dir.appendingPathComponent("old.sqlite").path
            func hasIndex(_ store: TripleStore) throws -> Bool {
                let st = try store.connection.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'statement_o'")
                defer { st.reset() }
                return try st.step() && st.int(0) == 1
            }
            do {
                let store = try TripleStore(path: path)
                #expect(try hasIndex(store))
                try store.connection.execute("DROP INDEX statement_o; PRAGMA user_version = 5")
                #expect(try !hasIndex(store))
            }
            // a reader reads it as it is; the first writer adds the index
            #expect(try !hasIndex(TripleStore(path: path, readOnly: true)))
            let store = try TripleStore(path: path)
            #expect(try store.connection.userVersion() == TripleStore.schemaVersion)
            #expect(try hasIndex(store))
        }
    }

    @Test func newerSchemaIsRefused() throws {
        try withTemporaryStore { store throws in
            try store.connection.execute("PRAGMA user_version = 99")
            #expect(throws: StoreError.self) { _ = try TripleStore(path: store.path) }
        }
    }

    @Test func foreignSQLiteFileIsRefusedUnchanged() throws {
        try withTemporaryFolder { dir throws in
            for version in [0, 1] {
                let path = dir.appendingPathComponent("foreign\(version).sqlite").path
                do {
                    let c = try Connection(path: path)
                    try c.execute("CREATE TABLE x(y); PRAGMA user_version = \(version)")
                }
                do {
                    _ = try TripleStore(path: path)
                    Issue.record("expected an error")
                } catch let e as StoreError {
                    #expect(e.message.contains("not a kg store"), "\(e.message)")
                }
                // the refused file keeps its journal mode (a writer switches a kg store to WAL)
                let c = try Connection(path: path)
                let mode = try c.prepare("PRAGMA journal_mode")
                #expect(try mode.step() && mode.text(0) == "delete")
                mode.reset()
            }
        }
    }

    @Test func notADatabaseIsRefused() throws {
        try withTemporaryFolder { dir throws in
            let path = dir.appendingPathComponent("text.sqlite").path
            try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
            #expect(throws: StoreError.self) { _ = try TripleStore(path: path) }
        }
    }

    @Test func readOnlyMissingStoreSaysHowToMakeOne() throws {
        do {
            _ = try TripleStore(path: "/nonexistent/kg.sqlite", readOnly: true)
            Issue.record("expected an error")
        } catch let e as StoreError {
            #expect(e.message.contains("kg build"))
        }
    }

    @Test func bulkLoadCountsNewQuads() throws {
        try withTemporaryStore { store throws in
            let quads = (0..<1000).map { Quad(.iri("http://x/\($0 % 10)"), .iri("http://x/p"), .typed(String($0), XSD.integer)) }
            #expect(try store.load(quads, batchSize: 64) == 1000)
            #expect(try store.load(quads) == 0)
            #expect(try store.counts().defaultGraphTriples == 1000)
        }
    }
}

@Suite struct UnicodeExactnessTests {
    @Test func composedAndDecomposedFormsAreDifferentTerms() throws {
        try withTemporaryStore { store throws in
            let composed = Term.iri("http://example.org/caf\u{E9}"), decomposed = Term.iri("http://example.org/cafe\u{301}")
            #expect(composed != decomposed)
            let a = try store.intern(composed), b = try store.intern(decomposed)
            #expect(a != b)
            #expect(try store.term(id: b) == decomposed)
            #expect(Set([Term.string("\u{E9}"), Term.string("e\u{301}")]).count == 2)
        }
    }
}

/// An article's graph IRI percent-encodes its path exactly as Foundation's
/// `addingPercentEncoding` with the URL path characters less `#?%` (the IRIs of existing stores).
@Suite struct ArticleGraphIRITests {
    @Test func encodingIsFoundations() {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?%")
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "0", "/", ".", "-", "_", "~", " ", "#", "?", "%", "&", ";", "=", "@", "+", ",", "!",
                      "'", "(", "[", "]", "{", "|", "\\", "\"", "<", "^", "`", "é", "ü", "ကွ", "😀", "\t"]
        var paths = ["articles/01-operation-1027.md", "a b/c#d?e%f", "news/2024/lauk kai.md#3", ""]
        for _ in 0..<1_000 {
            paths.append((0..<Int.random(in: 0...30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined())
        }
        for path in paths {
            let expected = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
            #expect(ArticleRecord.percentEncoded(path) == expected, "\(path.debugDescription)")
        }
    }
}

/// `commitSoFar` makes what a long transaction wrote so far durable and visible to other connections,
/// and the transaction goes on: a failure after it rolls back only what came later.
@Suite struct CommitInStepsTests {
    func contains(_ store: TripleStore, _ q: Quad) throws -> Bool {
        var found = false
        try store.quads(subject: q.subject, predicate: q.predicate, object: q.object) { _ in found = true; return false }
        return found
    }

    @Test func aStepIsCommittedAndLaterWorkStillRollsBack() throws {
        try withTemporaryFolder { dir in
            let path = dir.appendingPathComponent("kg.sqlite").path
            let store = try TripleStore(path: path)
            let first = Quad(mndaa, captured, town), second = Quad(unit, surrenderedTo, mndaa)
            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try store.transaction {
                    _ = try store.insert(first)
                    try store.commitSoFar()
                    let reader = try TripleStore(path: path, readOnly: true)
                    #expect(try contains(reader, first))
                    _ = try store.insert(second)
                    throw Stop()
                }
            }
            #expect(try contains(store, first))
            #expect(try !contains(store, second))
            try store.commitSoFar()  // outside a transaction: nothing to do
            #expect(try contains(store, first))
        }
    }
}
