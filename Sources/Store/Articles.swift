import Foundation
import RDF

/// What the store keeps about one article.
public struct ArticleRecord: Sendable, Hashable {
    /// The article's identity: the name of the folder it was built from and its path inside it
    /// ("articles/laukkai.md", "feeds/may.jsonl#L12"), never a local absolute path.
    public var path: String
    public var hash: String
    public var title: String?
    public var published: String?
    public var source: String?
    /// The outlet that published it (front matter `publisher`, an HTML page's `og:site_name`, …).
    public var publisher: String?
    public init(path: String, hash: String, title: String? = nil, published: String? = nil, source: String? = nil,
                publisher: String? = nil) {
        self.path = path
        self.hash = hash
        self.title = title
        self.published = published
        self.source = source
        self.publisher = publisher
    }

    /// The article's named graph: `https://kg.example.org/article/<identity, percent-encoded>`.
    public var graph: Term { .iri(KG.articleNS + Self.percentEncoded(path)) }

    /// The ASCII bytes a graph IRI keeps as they are: Foundation's URL path characters less `#?%`.
    static let keptInGraphIRI: [Bool] = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?%")
        return (0..<128).map { allowed.contains(Unicode.Scalar(UInt8($0))) }
    }()

    /// `path` percent-encoded as `addingPercentEncoding(withAllowedCharacters:)` with that set does it
    /// (every byte of a non-ASCII character as %XX), without Foundation's per-call cost.
    static func percentEncoded(_ path: String) -> String {
        let kept = keptInGraphIRI
        if path.utf8.allSatisfy({ $0 < 128 && kept[Int($0)] }) { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count * 2)
        for byte in path.utf8 {
            if byte < 128 && kept[Int(byte)] {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Where an assertion was read and what kg knows about it.
public struct StatementRecord: Sendable, Hashable {
    public var triple: Triple
    public var sentence: String
    public var sentenceIndex: Int
    public var span: Range<Int>
    public var date: PartialDate?
    public var start: PartialDate?
    public var end: PartialDate?
    public var timePhrase: String?
    public var timeAnchor: PartialDate?
    public var confidence: Double
    public var modality: Modality
    public var attribution: String?
    public var rule: String

    public init(triple: Triple, sentence: String, sentenceIndex: Int = 0, span: Range<Int> = 0..<0,
                date: PartialDate? = nil, start: PartialDate? = nil, end: PartialDate? = nil,
                timePhrase: String? = nil, timeAnchor: PartialDate? = nil, confidence: Double = 1,
                modality: Modality = .asserted, attribution: String? = nil, rule: String) {
        self.triple = triple
        self.sentence = sentence
        self.sentenceIndex = sentenceIndex
        self.span = span
        self.date = date
        self.start = start
        self.end = end
        self.timePhrase = timePhrase
        self.timeAnchor = timeAnchor
        self.confidence = confidence
        self.modality = modality
        self.attribution = attribution
        self.rule = rule
    }
}

/// A statement as read back, with its article.
public struct StoredStatement: Sendable, Hashable {
    public var id: Int64
    public var record: StatementRecord
    public var article: ArticleRecord
}

extension TripleStore {
    /// The stored hash of the article at `path`, if it was built before.
    public func articleHash(path: String) throws -> String? {
        let s = try connection.prepare("SELECT hash FROM article WHERE path = ?1")
        s.bind(path, at: 1)
        defer { s.reset() }
        return try s.step() ? s.text(0) : nil
    }

    /// The stored hash of every article, by path (a build compares them off the writer's thread).
    public func articleHashes() throws -> [String: String] {
        let s = try connection.prepare("SELECT path, hash FROM article")
        defer { s.reset() }
        var out: [String: String] = [:]
        while try s.step() { out[s.text(0)] = s.text(1) }
        return out
    }

    /// Every article path in the store, sorted.
    public func articlePaths() throws -> [String] {
        let s = try connection.prepare("SELECT path FROM article ORDER BY path")
        var out: [String] = []
        while try s.step() { out.append(s.text(0)) }
        return out
    }

    /// Replaces everything known from the article at `record.path` with `triples` (its graph: entity
    /// descriptions and facts) and `statements`, in one transaction (invariant 5).
    public func replaceArticle(_ record: ArticleRecord, triples: [Triple], statements: [StatementRecord]) throws {
        try replaceArticles([ArticleContent(record: record, triples: triples, statements: statements)])
    }

    /// What one article contributes to the store: its record, its graph's triples (entity descriptions
    /// and facts) and its statements.
    public struct ArticleContent: Sendable {
        public var record: ArticleRecord
        public var triples: [Triple]
        public var statements: [StatementRecord]
        public init(record: ArticleRecord, triples: [Triple], statements: [StatementRecord]) {
            self.record = record
            self.triples = triples
            self.statements = statements
        }
    }

    /// Writes the `article` row of `record` (its graph's term id given); returns the row's id.
    func insertArticleRow(_ record: ArticleRecord, ingestedAt: String, graph: Int64) throws -> Int64 {
        let ins = try connection.prepare("""
            INSERT INTO article(path, hash, title, published, source, ingested_at, graph, publisher)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        ins.bind(record.path, at: 1); ins.bind(record.hash, at: 2); ins.bind(record.title, at: 3)
        ins.bind(record.published, at: 4); ins.bind(record.source, at: 5)
        ins.bind(ingestedAt, at: 6); ins.bind(graph, at: 7); ins.bind(record.publisher, at: 8)
        try ins.run()
        return connection.lastInsertRowID
    }

    /// Replaces each article of `batch` like `replaceArticle`, all in one transaction: every quad of the
    /// batch (each article's graph, its provenance, its share of the default graph) is sorted by the
    /// primary key and written many rows per statement, as `kg import` does, instead of one insert each.
    public func replaceArticles(_ batch: [ArticleContent]) throws {
        try transaction {
            let st = try connection.prepare("""
                INSERT INTO statement(article, s, p, o, sentence, sentence_index, span_start, span_end,
                    date, start, "end", time_phrase, time_anchor, confidence, modality, attribution, rule)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
                """)
            var rows: [QuadRow] = []
            var paths = Set<String>()
            let vocabulary = try ProvenanceIDs(self)
            for content in batch {
                let (record, statements) = (content.record, content.statements)
                // The same path twice in a batch: the first's quads are written before the second removes them.
                if !paths.insert(record.path).inserted { _ = try insertSorted(&rows); rows.removeAll(keepingCapacity: true) }
                try removeArticle(path: record.path)
                let graph = try intern(record.graph)
                let article = try insertArticleRow(record, ingestedAt: ingestTime, graph: graph)
                func add(_ t: Triple) throws {
                    let (s, p, o) = (try intern(t.subject), try intern(t.predicate), try intern(t.object))
                    Self.appendToGraphAndDefault(&rows, s, p, o, graph)
                }
                for t in content.triples { try add(t) }
                for t in Self.articleDescription(record) {
                    rows.append(QuadRow(s: try intern(t.subject), p: try intern(t.predicate), o: try intern(t.object), g: 0))
                }
                var sentences: [String: Int64] = [:]
                for (index, r) in statements.enumerated() {
                    let (s, p, o) = (try intern(r.triple.subject), try intern(r.triple.predicate), try intern(r.triple.object))
                    if r.modality.isFact {
                        Self.appendToGraphAndDefault(&rows, s, p, o, graph)
                    }
                    try describe(r, index: index, graph: record.graph, graphID: graph, s: s, p: p, o: o,
                                 ids: vocabulary, sentences: &sentences, into: &rows)
                    st.bind(article, at: 1)
                    st.bind(s, at: 2); st.bind(p, at: 3); st.bind(o, at: 4)
                    st.bind(r.sentence, at: 5); st.bind(Int64(r.sentenceIndex), at: 6)
                    st.bind(Int64(r.span.lowerBound), at: 7); st.bind(Int64(r.span.upperBound), at: 8)
                    st.bind(r.date?.iso, at: 9); st.bind(r.start?.iso, at: 10); st.bind(r.end?.iso, at: 11)
                    st.bind(r.timePhrase, at: 12); st.bind(r.timeAnchor?.iso, at: 13)
                    st.bind(r.confidence, at: 14); st.bind(r.modality.rawValue, at: 15)
                    st.bind(r.attribution, at: 16); st.bind(r.rule, at: 17)
                    try st.run()
                }
            }
            _ = try insertSorted(&rows)
        }
    }

    /// Removes the article at `path`, its statements and their descriptions, its graph, and the
    /// default-graph triples that no other graph still holds. Returns false if there was no such article.
    @discardableResult
    public func removeArticle(path: String) throws -> Bool {
        try transaction {
            let find = try connection.prepare("SELECT id, graph FROM article WHERE path = ?1")
            find.bind(path, at: 1)
            guard try find.step() else { return false }
            let (article, graph) = (find.int(0), find.int(1))
            find.reset()
            try dropGraph(graph)
            try dropDescriptions(graph: try term(id: graph))
            try connection.prepare("DELETE FROM quad WHERE g = 0 AND s = ?1").run([.int(graph)])
            try connection.prepare("DELETE FROM statement WHERE article = ?1").run([.int(article)])
            try connection.prepare("DELETE FROM article WHERE id = ?1").run([.int(article)])
            return true
        }
    }

    /// Every statement, in article then sentence order. `factsOnly` drops planned, hypothetical
    /// and denied statements. Stops early when `body` returns false.
    public func statements(factsOnly: Bool = true, _ body: (StoredStatement) throws -> Bool) throws {
        // Article by article (path order), each article's statements through its index: one sort of every
        // statement would hold them all in SQLite's sorter (about 400 MB for 1.4 million statements).
        let articleRows = try connection.prepareUncached("SELECT id, path, hash, title, published, source, publisher FROM article ORDER BY path")
        let s = try connection.prepareUncached("""
            SELECT \(StatementReader.columns) FROM statement st WHERE st.article = ?1
            \(factsOnly ? "AND st.modality IN (\(Modality.factsSQL))" : "")
            ORDER BY st.sentence_index, st.id
            """)
        var reader = StatementReader(store: self)
        while try articleRows.step() {
            let article = ArticleRecord(path: articleRows.text(1), hash: articleRows.text(2), title: articleRows.optionalText(3),
                                        published: articleRows.optionalText(4), source: articleRows.optionalText(5),
                                        publisher: articleRows.optionalText(6))
            s.reset()
            s.bind(articleRows.int(0), at: 1)
            reader.newArticle()
            while try s.step() {
                if try !body(StoredStatement(id: s.int(0), record: try reader.record(s), article: article)) { return }
            }
        }
    }

    /// The fact statements whose object is one of `objects` or whose id is one of `ids`, in the order of
    /// `statements(factsOnly:_:)`: a pass over part of the store (the control-period refresh builds its
    /// places a group at a time) reads and sorts only that part.
    public func statements(objects: Set<Term>, orIDs ids: Set<Int64> = [],
                           _ body: (StoredStatement) throws -> Bool) throws {
        try connection.execute("""
            CREATE TEMP TABLE IF NOT EXISTS statement_filter(id INTEGER PRIMARY KEY); DELETE FROM temp.statement_filter;
            CREATE TEMP TABLE IF NOT EXISTS statement_ids(id INTEGER PRIMARY KEY); DELETE FROM temp.statement_ids
            """)
        defer { try? connection.execute("DELETE FROM temp.statement_filter; DELETE FROM temp.statement_ids") }
        let add = try connection.prepareUncached("INSERT OR IGNORE INTO temp.statement_filter(id) VALUES (?1)")
        for t in objects { if let id = try id(of: t) { add.reset(); add.bind(id, at: 1); try add.run() } }
        let addID = try connection.prepareUncached("INSERT OR IGNORE INTO temp.statement_ids(id) VALUES (?1)")
        for id in ids { addID.reset(); addID.bind(id, at: 1); try addID.run() }
        // Both alternatives read an index (statement_o, the row id), so a pass reads only its rows.
        var alternatives = ["st.o IN (SELECT id FROM temp.statement_filter)"]
        if !ids.isEmpty { alternatives.append("st.id IN (SELECT id FROM temp.statement_ids)") }
        let s = try connection.prepareUncached("""
            SELECT \(StatementReader.columns), a.path, a.hash, a.title, a.published, a.source, a.publisher
            FROM statement st JOIN article a ON a.id = st.article
            WHERE st.modality IN (\(Modality.factsSQL)) AND (\(alternatives.joined(separator: " OR ")))
            ORDER BY a.path, st.sentence_index, st.id
            """)
        var reader = StatementReader(store: self)
        var article: ArticleRecord?
        let first = StatementReader.columnCount
        while try s.step() {
            if article?.path != s.text(first) {
                article = ArticleRecord(path: s.text(first), hash: s.text(first + 1), title: s.optionalText(first + 2),
                                        published: s.optionalText(first + 3), source: s.optionalText(first + 4),
                                        publisher: s.optionalText(first + 5))
                reader.newArticle()
            }
            if try !body(StoredStatement(id: s.int(0), record: try reader.record(s), article: article!)) { return }
        }
    }
}

/// Turns rows of `StatementReader.columns` into statement records, sharing repeated text: callers such as
/// the timeline keep some statements. A rule by its text (a few hundred rules); a sentence by its
/// article and index (statements from one sentence), which costs no hashing of the sentence itself.
struct StatementReader {
    static let columns = """
        st.id, st.s, st.p, st.o, st.sentence, st.sentence_index, st.span_start, st.span_end, st.date, st.start, \
        st."end", st.time_phrase, st.time_anchor, st.confidence, st.modality, st.attribution, st.rule
        """
    static let columnCount: Int32 = 17

    let store: TripleStore
    private var terms: [Int64: Term] = [:]
    private var rules: [String: String] = [:]
    private var sentences: [Int: String] = [:]  // the current article's, by sentence index
    private var dates: [String: PartialDate] = [:]

    init(store: TripleStore) { self.store = store }

    mutating func newArticle() { sentences.removeAll(keepingCapacity: true) }

    private mutating func term(_ id: Int64) throws -> Term {
        if let t = terms[id] { return t }
        let t = try store.term(id: id)
        terms[id] = t
        return t
    }

    private mutating func shared(_ text: String) -> String {
        if let t = rules[text] { return t }
        if rules.count >= 1 << 12 { rules.removeAll(keepingCapacity: true) }
        rules[text] = text
        return text
    }

    private mutating func date(_ text: String?) -> PartialDate? {
        guard let text else { return nil }
        if let d = dates[text] { return d }
        let d = PartialDate(iso: text)
        if let d, dates.count < 1 << 14 { dates[text] = d }
        return d
    }

    mutating func record(_ s: Statement) throws -> StatementRecord {
        let index = Int(s.int(5))
        var sentence = s.text(4)
        if let known = sentences[index], known == sentence { sentence = known } else { sentences[index] = sentence }
        return StatementRecord(
            triple: Triple(try term(s.int(1)), try term(s.int(2)), try term(s.int(3))),
            sentence: sentence, sentenceIndex: index,
            span: Int(s.int(6))..<max(Int(s.int(6)), Int(s.int(7))),
            date: date(s.optionalText(8)),
            start: date(s.optionalText(9)),
            end: date(s.optionalText(10)),
            timePhrase: s.optionalText(11), timeAnchor: date(s.optionalText(12)),
            confidence: s.double(13), modality: Modality(rawValue: s.text(14)) ?? .asserted,
            attribution: s.optionalText(15), rule: shared(s.text(16)))
    }
}
