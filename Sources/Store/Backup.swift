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
            // (no rdf:type or schema:NewsArticle term: the store describes no article, nothing to restore)
            guard let type = try id(of: .iri(RDFNS.type)), let newsArticle = try id(of: .iri(ArticleVocabulary.newsArticle))
            else { return (0, 0) }
            let descriptions = try Descriptions(self)
            let articles = try describedArticles(type: type, newsArticle: newsArticle)
            let source = try id(of: .iri(KG.ns + "source"))
            var restored = 0
            for a in articles {
                guard let article = try restoreArticleRow(a, descriptions, extras), let source else { continue }
                for (s, iri) in try describedStatements(of: a, source: source) {
                    if try insertStatementRow(article: article, s, descriptions, extras[iri] ?? StatementExtras()) { restored += 1 }
                }
            }
            return (articles.count, restored)
        }
    }

    /// The default-graph properties a restore reads, by name, and the text of their literal values.
    private struct Descriptions {
        let store: TripleStore
        /// Term id → IRI of the predicates read (those the store has).
        var names: [Int64: String] = [:]

        init(_ store: TripleStore) throws {
            self.store = store
            let V = ArticleVocabulary.self
            for iri in [V.identifier, V.title, V.source, V.publisher, V.datePublished, V.contentHash,
                        Provenance.subject, Provenance.predicate, Provenance.object]
                + Provenance.properties.map({ KG.ns + $0 }) {
                if let i = try store.id(of: .iri(iri)) { names[i] = iri }
            }
        }

        /// The values of `subject`'s properties in the default graph, by property IRI.
        func properties(of subject: Int64) throws -> [String: [Int64]] {
            let st = try store.connection.prepare("SELECT p, o FROM quad WHERE g = 0 AND s = ?1")
            st.bind(subject, at: 1)
            defer { st.reset() }
            var out: [String: [Int64]] = [:]
            while try st.step() { if let n = names[st.int(0)] { out[n, default: []].append(st.int(1)) } }
            return out
        }

        /// The lexical form of a literal term (nil for no term or a term that is not a literal).
        func text(_ id: Int64?) throws -> String? { try id.map { try store.term(id: $0) }?.literalValue?.lexical }
    }

    /// The term ids of the subjects typed schema:NewsArticle in the default graph, in id order.
    private func describedArticles(type: Int64, newsArticle: Int64) throws -> [Int64] {
        let found = try connection.prepareUncached("SELECT s FROM quad WHERE g = 0 AND p = ?1 AND o = ?2 ORDER BY s")
        found.bind(type, at: 1); found.bind(newsArticle, at: 2)
        var articles: [Int64] = []
        while try found.step() { articles.append(found.int(0)) }
        return articles
    }

    /// Writes the article row of the article described by term `a`; nil (and no row) without a dcterms:identifier.
    private func restoreArticleRow(_ a: Int64, _ d: Descriptions, _ extras: [String: StatementExtras]) throws -> Int64? {
        let V = ArticleVocabulary.self
        let p = try d.properties(of: a)
        guard let path = try d.text(p[V.identifier]?.first) else { return nil }
        let record = ArticleRecord(path: path, hash: try d.text(p[V.contentHash]?.first) ?? "",
                                   title: try d.text(p[V.title]?.first), published: try d.text(p[V.datePublished]?.first),
                                   source: try d.text(p[V.source]?.first), publisher: try d.text(p[V.publisher]?.first))
        return try insertArticleRow(record, ingestedAt: try term(id: a).iriValue.flatMap { extras[$0]?.ingestedAt } ?? ingestTime,
                                    graph: a)
    }

    /// An article's statements: the descriptions whose kg:source is the article (term `a`), as term id and
    /// IRI, in the order of the number that ends their IRI.
    private func describedStatements(of a: Int64, source: Int64) throws -> [(Int64, String)] {
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
        return numbered.sorted(by: { $0.0 < $1.0 }).map { ($0.1, $0.2) }
    }

    /// Writes the statement row of the statement described by term `s`; false (and no row) if the
    /// description lacks its subject, predicate, object or sentence.
    private func insertStatementRow(article: Int64, _ s: Int64, _ d: Descriptions, _ extra: StatementExtras) throws -> Bool {
        let q = try d.properties(of: s)
        func text(_ name: String) throws -> String? { try d.text(q[KG.ns + name]?.first) }
        guard let subject = q[Provenance.subject]?.first, let predicate = q[Provenance.predicate]?.first,
              let object = q[Provenance.object]?.first, let sentence = try text("sentence") else { return false }
        let ins = try connection.prepare("""
            INSERT INTO statement(article, s, p, o, sentence, sentence_index, span_start, span_end,
                date, start, "end", time_phrase, time_anchor, confidence, modality, attribution, rule)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            """)
        ins.bind(article, at: 1)
        ins.bind(subject, at: 2); ins.bind(predicate, at: 3); ins.bind(object, at: 4)
        ins.bind(sentence, at: 5)
        ins.bind(Int64(extra.sentenceIndex), at: 6)
        ins.bind(try text("date"), at: 7)
        ins.bind(try text("start"), at: 8)
        ins.bind(try text("end"), at: 9)
        ins.bind(try text("timePhrase"), at: 10)
        ins.bind(extra.timeAnchor, at: 11)
        ins.bind(try text("confidence").flatMap(Double.init) ?? 0, at: 12)
        ins.bind(try text("modality") ?? "asserted", at: 13)
        ins.bind(try text("attribution"), at: 14)
        ins.bind(extra.rule, at: 15)
        try ins.run()
        return true
    }
}
