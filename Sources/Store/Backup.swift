import Foundation
import RDF

// Articles in RDF, and a backup that restores everything.
//
// Every article is described in the default graph with standard vocabularies (written with the article,
// removed with it):
//   <https://kg.example.org/article/articles/laukkai.md> a schema:NewsArticle ;
//       dcterms:identifier "articles/laukkai.md" ;  dcterms:title "…" ;  schema:datePublished "2024-01-06"^^xsd:date ;
//       dcterms:source "https://…" ;  dcterms:publisher "…" ;  kg:contentHash "…" .
// `kg dump` writes every quad of the store and what only the tables hold: each article's kg:ingestedAt,
// each statement's kg:sentenceIndex, kg:timeAnchor and kg:rule; `kg load` of such a file into an empty store
// imports the quads and rebuilds the article and statement tables from these descriptions (the dump-only
// properties are not kept as quads), so every command prints what it printed on the original.
public enum ArticleVocabulary {
    public static let dcterms = "http://purl.org/dc/terms/"
    public static let schema = "https://schema.org/"
    public static let newsArticle = schema + "NewsArticle"
    public static let identifier = dcterms + "identifier"
    public static let title = dcterms + "title"
    public static let source = dcterms + "source"
    public static let publisher = dcterms + "publisher"
    public static let datePublished = schema + "datePublished"
    public static let contentHash = KG.ns + "contentHash"
    public static let ingestedAt = KG.ns + "ingestedAt"
    /// Statement properties written by `kg dump` only.
    public static let sentenceIndex = KG.ns + "sentenceIndex"
    public static let timeAnchor = KG.ns + "timeAnchor"
    public static let rule = KG.ns + "rule"
}

extension TripleStore {
    /// The default-graph description of an article (see the top of this file), as triples.
    static func articleDescription(_ record: ArticleRecord) -> [Triple] {
        let a = record.graph, V = ArticleVocabulary.self
        var out = [Triple(a, .iri(RDFNS.type), .iri(V.newsArticle)),
                   Triple(a, .iri(V.identifier), .string(record.path)),
                   Triple(a, .iri(V.contentHash), .string(record.hash))]
        if let t = record.title { out.append(Triple(a, .iri(V.title), .string(t))) }
        if let p = record.published {
            out.append(Triple(a, .iri(V.datePublished), PartialDate(iso: p)?.literal ?? .string(p)))
        }
        if let s = record.source { out.append(Triple(a, .iri(V.source), .string(s))) }
        if let p = record.publisher { out.append(Triple(a, .iri(V.publisher), .string(p))) }
        return out
    }

    /// Writes the article descriptions of a store written before they existed (schema 4).
    func describeStoredArticles() throws {
        let rows = try connection.prepareUncached("SELECT path, hash, title, published, source, ingested_at FROM article")
        var quads: [Quad] = []
        while try rows.step() {
            let record = ArticleRecord(path: rows.text(0), hash: rows.text(1), title: rows.optionalText(2),
                                       published: rows.optionalText(3), source: rows.optionalText(4))  // (no publisher before schema 5)
            quads += Self.articleDescription(record).map { Quad($0) }
        }
        _ = try load(quads)
    }

    /// Every quad of the store, then the dump-only statement properties: what `load(dump:)` restores from.
    public func dump(_ body: (Quad) throws -> Void) throws {
        try quads { q in try body(q); return true }
        let articles = try connection.prepareUncached("SELECT id, graph, ingested_at FROM article ORDER BY id")
        let statements = try connection.prepareUncached("""
            SELECT sentence_index, time_anchor, rule FROM statement WHERE article = ?1 ORDER BY id
            """)
        while try articles.step() {
            let graph = try term(id: articles.int(1))
            try body(Quad(graph, .iri(ArticleVocabulary.ingestedAt), .typed(articles.text(2), XSD.dateTime)))
            statements.reset()
            statements.bind(articles.int(0), at: 1)
            var index = 0
            while try statements.step() {
                let st = Provenance.statementIRI(graph: graph, index: index)
                index += 1
                try body(Quad(st, .iri(ArticleVocabulary.sentenceIndex), .typed(String(statements.int(0)), XSD.integer)))
                if let anchor = statements.optionalText(1).flatMap(PartialDate.init(iso:)) {
                    try body(Quad(st, .iri(ArticleVocabulary.timeAnchor), anchor.literal))
                }
                try body(Quad(st, .iri(ArticleVocabulary.rule), .string(statements.text(2))))
            }
        }
    }

    /// A statement's (or an article's) dump-only properties, by its IRI.
    public struct StatementExtras: Sendable {
        public var sentenceIndex = 0, timeAnchor: String?, rule = "", ingestedAt: String?
        public init() {}
        public mutating func set(_ property: String, _ value: String) {
            switch property {
            case ArticleVocabulary.ingestedAt: ingestedAt = value
            case ArticleVocabulary.sentenceIndex: sentenceIndex = Int(value) ?? 0
            case ArticleVocabulary.timeAnchor: timeAnchor = value
            case ArticleVocabulary.rule: rule = value
            default: break
            }
        }
    }

    /// After a dump's quads were loaded into an empty store (its dump-only statement properties kept
    /// aside in `extras`): rebuilds the article and statement rows from the article and statement
    /// descriptions. Returns the number of articles and statements restored.
    @discardableResult
    public func restoreFromDescriptions(_ extras: [String: StatementExtras]) throws -> (articles: Int, statements: Int) {
        try transaction {
            let V = ArticleVocabulary.self
            // Predicate term ids (nil when the store has none: nothing to restore).
            func idOf(_ iri: String) throws -> Int64? { try id(of: .iri(iri)) }
            guard let type = try idOf(RDFNS.type), let newsArticle = try idOf(V.newsArticle) else { return (0, 0) }
            var names: [Int64: String] = [:]
            for iri in [V.identifier, V.title, V.source, V.publisher, V.datePublished, V.contentHash,
                        Provenance.subject, Provenance.predicate, Provenance.object]
                + Provenance.properties.map({ KG.ns + $0 }) {
                if let i = try idOf(iri) { names[i] = iri }
            }
            func properties(of subject: Int64) throws -> [String: [Int64]] {
                let st = try connection.prepare("SELECT p, o FROM quad WHERE g = 0 AND s = ?1")
                st.bind(subject, at: 1)
                defer { st.reset() }
                var out: [String: [Int64]] = [:]
                while try st.step() { if let n = names[st.int(0)] { out[n, default: []].append(st.int(1)) } }
                return out
            }
            func text(_ id: Int64?) throws -> String? { try id.map { try term(id: $0) }?.literalValue?.lexical }

            let found = try connection.prepareUncached("SELECT s FROM quad WHERE g = 0 AND p = ?1 AND o = ?2 ORDER BY s")
            found.bind(type, at: 1); found.bind(newsArticle, at: 2)
            var articles: [Int64] = []
            while try found.step() { articles.append(found.int(0)) }
            let insStatement = try connection.prepare("""
                INSERT INTO statement(article, s, p, o, sentence, sentence_index, span_start, span_end,
                    date, start, "end", time_phrase, time_anchor, confidence, modality, attribution, rule)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                """)
            let source = try idOf(KG.ns + "source")
            var restored = 0
            for a in articles {
                let p = try properties(of: a)
                guard let path = try text(p[V.identifier]?.first) else { continue }
                let record = ArticleRecord(path: path, hash: try text(p[V.contentHash]?.first) ?? "",
                                           title: try text(p[V.title]?.first), published: try text(p[V.datePublished]?.first),
                                           source: try text(p[V.source]?.first), publisher: try text(p[V.publisher]?.first))
                let article = try insertArticleRow(record, ingestedAt: try term(id: a).iriValue.flatMap { extras[$0]?.ingestedAt } ?? ingestTime,
                                                   graph: a)
                guard let source else { continue }
                // its statements: the descriptions whose kg:source is the article, in their number's order
                let described = try connection.prepare("SELECT s FROM quad WHERE g = 0 AND p = ?1 AND o = ?2")
                described.bind(source, at: 1); described.bind(a, at: 2)
                var numbered: [(Int, Int64, String)] = []
                while try described.step() {
                    let s = described.int(0)
                    guard let iri = try term(id: s).iriValue, let hash = iri.lastIndex(of: "-"),
                          let n = Int(iri[iri.index(after: hash)...]) else { continue }
                    numbered.append((n, s, iri))
                }
                described.reset()
                for (_, s, iri) in numbered.sorted(by: { $0.0 < $1.0 }) {
                    let q = try properties(of: s)
                    let extra = extras[iri] ?? StatementExtras()
                    guard let subject = q[Provenance.subject]?.first, let predicate = q[Provenance.predicate]?.first,
                          let object = q[Provenance.object]?.first, let sentence = try text(q[KG.ns + "sentence"]?.first) else { continue }
                    insStatement.bind(article, at: 1)
                    insStatement.bind(subject, at: 2); insStatement.bind(predicate, at: 3); insStatement.bind(object, at: 4)
                    insStatement.bind(sentence, at: 5)
                    insStatement.bind(Int64(extra.sentenceIndex), at: 6)
                    insStatement.bind(try text(q[KG.ns + "date"]?.first), at: 7)
                    insStatement.bind(try text(q[KG.ns + "start"]?.first), at: 8)
                    insStatement.bind(try text(q[KG.ns + "end"]?.first), at: 9)
                    insStatement.bind(try text(q[KG.ns + "timePhrase"]?.first), at: 10)
                    insStatement.bind(extra.timeAnchor, at: 11)
                    insStatement.bind(try text(q[KG.ns + "confidence"]?.first).flatMap(Double.init) ?? 0, at: 12)
                    insStatement.bind(try text(q[KG.ns + "modality"]?.first) ?? "asserted", at: 13)
                    insStatement.bind(try text(q[KG.ns + "attribution"]?.first), at: 14)
                    insStatement.bind(extra.rule, at: 15)
                    try insStatement.run()
                    restored += 1
                }
            }
            return (articles.count, restored)
        }
    }
}
