import CSQLite
import Foundation
import RDF

// kg's SQLite triple store.
//
// Schema (version `TripleStore.schemaVersion`, kept in PRAGMA user_version):
//   term(id, kind, value, datatype, lang, num)   the term dictionary: every RDF term once, by id
//   quad(s, p, o, g)                             RDF quads as term ids; g = 0 is the default graph
//   article(id, path, hash, …, graph)            one row per article read, graph = its named graph's term id;
//                                                path is the article's identity ("articles/laukkai.md": the
//                                                folder built and the path inside it, ArticleSource.identity)
//   statement(id, article, s, p, o, …)           one row per extracted assertion, with provenance and time
//
// Invariants (every writer keeps them; tests check them):
//   1. The term dictionary only grows: a term's id never changes and is never reused.
//      (value, kind, datatype, lang) is unique, so a term has exactly one id. Id 0 is never a term.
//   2. Every quad's s, p, o and g (when g ≠ 0) is the id of a term row.
//   3. Every statement has exactly one article, and its (s, p, o) is a triple of that article's graph
//      when the statement is a fact (modality asserted or claimed). Modal statements (planned,
//      hypothetical, denied) are kept as statements only: their triple is never a quad.
//   4. The default graph holds what kg takes to be true now (Wikidata's "truthy" triples) beside the
//      statements behind them: the ontology's entities (its vocabulary stays in the ontology graph),
//      the merge of every article graph (a fact from three articles is one triple with three
//      statements) except for `kg:controls`, whose default-graph triples are the timeline's current
//      controllers (`refreshTimeline`), the statement descriptions (invariant 7) and imported
//      default-graph triples. The timeline's control periods are in the timeline graph only.
//   5. An article's rows (article, statements, its graph's quads, its share of the default graph, its
//      statement descriptions) are written or removed inside one transaction, so a crash leaves whole
//      articles only.
//   6. Every access path SPARQL needs is a covering index: SPOG (primary key), POSG, OSPG, GSPO.
//   7. Every statement is described in the default graph (not in its article's graph) as an
//      rdf:Statement with its source, time, sentence, modality and confidence (Provenance.swift), so
//      SPARQL reaches past, claimed and modal statements whose triple is not a truthy one.
//
// Build states of an article: read → extracted → committed. Only `committed` is visible in the
// store; an article whose content hash is unchanged is not read again.

/// The SQLite-backed quad store with provenance.
public final class TripleStore {
    public static let schemaVersion = 6
    public static let ontologyGraph: Term = .iri("https://kg.example.org/graph/ontology")

    public let path: String
    let connection: Connection
    /// The in-memory term dictionary (term → id) of this session: every term interned or looked up.
    private var termCache: [Term: Int64] = [:]
    /// Most terms `termCache` keeps: it is emptied when full, so a build of millions of statements does
    /// not hold every term it ever wrote (frequent terms come back on their next look-up).
    static let termCacheLimit = 1 << 18
    private var insertTermStatement: Statement?
    /// Multi-row `INSERT OR IGNORE INTO quad` statements, by row count (bulk loads).
    var insertQuadStatements: [Int: Statement] = [:]
    /// When this session's articles were ingested (one timestamp per open store: formatting a date per
    /// article cost more than writing it).
    lazy var ingestTime: String = ISO8601DateFormatter().string(from: Date())
    private var transactionDepth = 0

    /// Opens (creating if needed) the store at `path`. A store written by a newer kg is refused;
    /// an older one is migrated.
    /// `busyTimeout`: how long a writer waits for another writer's lock, in seconds.
    public init(path: String, readOnly: Bool = false, busyTimeout: Double = 5) throws {
        self.path = path
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw StoreError("no knowledge graph at \(path) (run `kg build` or `kg import` first, or pass --db)")
        }
        connection = try Connection(path: path, readOnly: readOnly, busyTimeoutMs: Int32(min(max(busyTimeout, 0), 86_400) * 1000))
        try connection.execute("PRAGMA foreign_keys = ON")
        // another program's SQLite file is refused before anything changes it (its journal mode too)
        let version = try storeVersion()
        if !readOnly {
            try connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
            // Index pages for bulk writes: SQLite's 2 MB default cache thrashes on the four quad indexes.
            try connection.execute("PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY")
        }
        try migrate(from: version, readOnly: readOnly)
        // A bulk load killed before it rebuilt the secondary indexes left them missing: rebuild now
        // (best effort: a busy store keeps working without them, only slower).
        if !readOnly { try? repairQuadIndexes() }
        // A reader of such a store (`kg stats --check` after a build that failed on a full disk) has them
        // rebuilt too, by a writer's open, when it may write the file; otherwise it reads without them.
        if readOnly, (try? quadIndexesMissing()) == true, FileManager.default.isWritableFile(atPath: path) {
            _ = try? TripleStore(path: path, readOnly: false, busyTimeout: busyTimeout)
        }
    }

    /// The store's schema version (0: a new, empty file); throws for a file that is not a kg store: not
    /// SQLite, another program's tables, or a newer kg's schema.
    private func storeVersion() throws -> Int {
        let version: Int
        do { version = try connection.userVersion() } catch let e as StoreError {
            if e.code & 0xFF == SQLITE_READONLY {
                // a store in WAL mode is read with its -wal and -shm files beside it, which SQLite must
                // be able to create or write
                throw StoreError(code: e.code, "\(path) cannot be opened: it, or the folder holding it, is read-only "
                    + "(SQLite needs to write \((path as NSString).lastPathComponent)-shm and -wal beside it); "
                    + "copy the store to a writable folder")
            }
            throw StoreError(code: e.code, "\(path) is not a kg database: \(e.message)")
        }
        if version > Self.schemaVersion {
            throw StoreError("\(path) was written by a newer kg (schema \(version); this kg knows \(Self.schemaVersion)); refusing to read it")
        }
        // what the file holds: anything, and kg's two core tables
        let tables = try connection.prepare(
            "SELECT count(*), coalesce(sum(type = 'table' AND name IN ('term', 'quad')), 0) FROM sqlite_master")
        guard try tables.step() else { throw StoreError("\(path) is not a kg database: no schema") }
        let (any, kgTables) = (tables.int(0), tables.int(1))
        tables.reset()
        if version == 0, any > 0 { throw StoreError("\(path) is an SQLite database but not a kg store (no schema version)") }
        // a schema version set by another program on its own tables is no kg store
        if version > 0, kgTables != 2 {
            throw StoreError("\(path) is an SQLite database but not a kg store (schema version \(version) without kg's tables)")
        }
        return version
    }

    private func migrate(from version: Int, readOnly: Bool) throws {
        if version == Self.schemaVersion { return }
        if version == 0 {
            if readOnly { throw StoreError("\(path) is empty; run `kg build` or `kg import` first") }
            try transaction { try connection.execute(Schema.v1); try connection.execute(Schema.v1to2); try connection.execute(Schema.v2to3)
                              try connection.execute(Schema.v3to4); try connection.execute(Schema.v4to5)
                              try connection.execute(Schema.v5to6) }
            return
        }
        // An older store is read as it is and migrated by the first writer, one transaction per step.
        if readOnly { return }
        guard (1...5).contains(version) else { throw StoreError("\(path) has unknown schema version \(version)") }
        if version == 1 { try transaction { try connection.execute(Schema.v1to2) } }
        if version <= 2 {
            try transaction {
                try migrateArticleIdentities()
                try connection.execute(Schema.v2to3)
            }
        }
        if version <= 3 {
            try transaction {
                try describeStoredArticles()
                try connection.execute(Schema.v3to4)
            }
        }
        if version <= 4 { try transaction { try connection.execute(Schema.v4to5) } }
        try transaction { try connection.execute(Schema.v5to6) }
    }

    // MARK: Transactions

    /// Runs `body` in one transaction (nested calls join the outer one). Rolled back on error.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        try connection.execute("BEGIN IMMEDIATE")
        transactionDepth = 1
        do {
            let result = try body()
            transactionDepth = 0
            try connection.execute("COMMIT")
            return result
        } catch {
            transactionDepth = 0
            try? connection.execute("ROLLBACK")
            termCache.removeAll()  // ids handed out inside the rolled-back transaction are gone
            throw error
        }
    }

    /// Inside the outermost `transaction`: commits what was written so far and goes on in a new
    /// transaction, for a long writer that commits in steps (a crash loses only what came after the
    /// last step). Each commit writes every page it changed to the WAL, so fewer, larger steps write
    /// less: `kg build` commits every ~1,000 articles, not every batch (10k articles: 9.9 s -> 7 s).
    public func commitSoFar() throws {
        guard transactionDepth == 1 else { return }
        do {
            try connection.execute("COMMIT")
            try connection.execute("BEGIN IMMEDIATE")
        } catch {
            try? connection.execute("ROLLBACK")
            termCache.removeAll()
            throw error
        }
    }

    /// Starts a transaction that `endTransaction` finishes (for writers driven by a callback, such as the
    /// bulk loader); nested like `transaction`.
    func beginTransaction() throws {
        if transactionDepth == 0 { try connection.execute("BEGIN IMMEDIATE") }
        transactionDepth += 1
    }

    /// Commits (or, with `commit` false, rolls back) what `beginTransaction` started.
    func endTransaction(commit: Bool) throws {
        guard transactionDepth > 0 else { return }
        transactionDepth -= 1
        if transactionDepth > 0 { return }
        if commit {
            do { try connection.execute("COMMIT") } catch {
                try? connection.execute("ROLLBACK")
                termCache.removeAll()
                throw error
            }
        } else {
            try? connection.execute("ROLLBACK")
            termCache.removeAll()
        }
    }

    // MARK: Terms

    /// The id of `term`, or nil if the store has never seen it.
    public func id(of term: Term) throws -> Int64? {
        if let id = termCache[term] { return id }
        let (kind, value, datatype, lang) = Self.columns(of: term)
        let s = try connection.prepare("SELECT id FROM term WHERE value = ?1 AND kind = ?2 AND datatype = ?3 AND lang = ?4")
        s.bind(value, at: 1); s.bind(Int64(kind), at: 2); s.bind(datatype, at: 3); s.bind(lang, at: 4)
        guard try s.step() else { return nil }
        let id = s.int(0)
        s.reset()
        remember(term, id)
        return id
    }

    private func remember(_ term: Term, _ id: Int64) {
        if termCache.count >= Self.termCacheLimit { termCache.removeAll(keepingCapacity: true) }
        termCache[term] = id
    }

    /// The id of `term`, adding it to the dictionary if new (get-or-create).
    @inline(__always)
    public func intern(_ term: Term) throws -> Int64 {
        if let id = termCache[term] { return id }
        return try internMiss(term)
    }

    /// `intern` for a term missing from the in-memory dictionary.
    private func internMiss(_ term: Term) throws -> Int64 {
        let id = try insertOrFind(term)
        remember(term, id)
        return id
    }

    /// `intern` without filling the in-memory dictionary, for callers that keep their own (the bulk
    /// loader keeps ids by spelling).
    func internUncached(_ term: Term) throws -> Int64 {
        if let id = termCache[term] { return id }
        return try insertOrFind(term)
    }

    /// The id of `term`, inserting it when missing. A term missed in memory is usually new: try the
    /// insert first (one index probe, one statement kept prepared), and look the id up only when the term
    /// was already there (written by an earlier session or another writer).
    private func insertOrFind(_ term: Term) throws -> Int64 {
        let s: Statement
        if let kept = insertTermStatement { s = kept } else {
            s = try connection.prepareUncached("INSERT OR IGNORE INTO term(kind, value, datatype, lang, num) VALUES (?1, ?2, ?3, ?4, ?5)")
            insertTermStatement = s
        }
        let (kind, value, datatype, lang) = Self.columns(of: term)
        s.bind(Int64(kind), at: 1); s.bind(value, at: 2); s.bind(datatype, at: 3); s.bind(lang, at: 4)
        if let n = Self.numericValue(of: term) { s.bind(n, at: 5) } else { s.bind(.null, at: 5) }
        try s.run()
        if connection.changes > 0 { return connection.lastInsertRowID }
        let q = try connection.prepare("SELECT id FROM term WHERE value = ?1 AND kind = ?2 AND datatype = ?3 AND lang = ?4")
        q.bind(value, at: 1); q.bind(Int64(kind), at: 2); q.bind(datatype, at: 3); q.bind(lang, at: 4)
        guard try q.step() else { throw StoreError("term dictionary lost \(term.ntriples)") }
        let id = q.int(0)
        q.reset()
        return id
    }

    /// The term with dictionary id `id`.
    public func term(id: Int64) throws -> Term {
        let s = try connection.prepare("SELECT kind, value, datatype, lang FROM term WHERE id = ?1")
        s.bind(id, at: 1)
        guard try s.step() else { throw StoreError("term \(id) is missing from the dictionary") }
        let t = Self.term(kind: s.int(0), value: s.text(1), datatype: s.text(2), lang: s.text(3))
        s.reset()
        return t
    }

    static func columns(of term: Term) -> (Int, String, String, String) {
        switch term {
        case .iri(let v): return (0, v, "", "")
        case .blank(let v): return (1, v, "", "")
        case .literal(let l): return (2, l.lexical, l.datatype, l.language ?? "")
        }
    }

    /// Rebuilds a term from its dictionary columns.
    public static func term(kind: Int64, value: String, datatype: String, lang: String) -> Term {
        switch kind {
        case 0: return .iri(value)
        case 1: return .blank(value)
        default: return lang.isEmpty ? .typed(value, datatype) : .lang(value, lang)
        }
    }

    static let numericTypes: Set<String> = Set(["integer", "decimal", "double", "float", "int", "long", "short", "byte",
        "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
        "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"].map { XSD.ns + $0 })

    static func numericValue(of term: Term) -> Double? {
        guard case .literal(let l) = term, numericTypes.contains(l.datatype) else { return nil }
        return Double(l.lexical) ?? Double(l.lexical.trimmingCharacters(in: .whitespaces))
    }

    // MARK: Quads

    /// Adds a quad; returns false if it was already there.
    @discardableResult
    public func insert(_ quad: Quad) throws -> Bool {
        let g = try quad.graph.map(intern) ?? 0
        return try insert(s: intern(quad.subject), p: intern(quad.predicate), o: intern(quad.object), g: g)
    }

    @discardableResult
    public func insert(s: Int64, p: Int64, o: Int64, g: Int64) throws -> Bool {
        let st = try connection.prepare("INSERT OR IGNORE INTO quad(s, p, o, g) VALUES (?1, ?2, ?3, ?4)")
        st.bind(s, at: 1); st.bind(p, at: 2); st.bind(o, at: 3); st.bind(g, at: 4)
        try st.run()
        return connection.changes > 0
    }

    /// Every quad matching the given terms (nil = any), in index order. `graph: .some(nil)` is the
    /// default graph only; `graph: nil` is every graph. Stops early when `body` returns false.
    public func quads(subject: Term? = nil, predicate: Term? = nil, object: Term? = nil,
                      graph: Term?? = nil, _ body: (Quad) throws -> Bool) throws {
        var conditions: [String] = []
        var values: [SQLValue] = []
        for (column, term) in [("s", subject), ("p", predicate), ("o", object)] {
            guard let term else { continue }
            guard let id = try id(of: term) else { return }
            conditions.append("q.\(column) = ?\(values.count + 1)")
            values.append(.int(id))
        }
        if let graph {
            if let g = graph {
                guard let id = try id(of: g) else { return }
                values.append(.int(id))
            } else {
                values.append(.int(0))
            }
            conditions.append("q.g = ?\(values.count)")
        }
        let sql = """
            SELECT ts.kind, ts.value, ts.datatype, ts.lang, tp.value, \
            tobj.kind, tobj.value, tobj.datatype, tobj.lang, q.g, tg.kind, tg.value
            FROM quad q JOIN term ts ON ts.id = q.s JOIN term tp ON tp.id = q.p JOIN term tobj ON tobj.id = q.o
            LEFT JOIN term tg ON tg.id = q.g
            """ + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY q.g, q.s, q.p, q.o"
        let st = try connection.prepare(sql)
        st.bind(values)
        defer { st.reset() }
        while try st.step() {
            let s = Self.term(kind: st.int(0), value: st.text(1), datatype: st.text(2), lang: st.text(3))
            let o = Self.term(kind: st.int(5), value: st.text(6), datatype: st.text(7), lang: st.text(8))
            let g: Term? = st.int(9) == 0 ? nil : Self.term(kind: st.int(10), value: st.text(11), datatype: "", lang: "")
            if try !body(Quad(s, .iri(st.text(4)), o, graph: g)) { break }
        }
    }

    // MARK: Counts

    public struct Counts: Sendable, Equatable {
        public var terms: Int, quads: Int, defaultGraphTriples: Int, graphs: Int
        public var articles: Int, statements: Int, facts: Int
    }

    public func counts() throws -> Counts {
        func one(_ sql: String) throws -> Int {
            let s = try connection.prepare(sql)
            defer { s.reset() }
            return try s.step() ? Int(s.int(0)) : 0
        }
        return Counts(
            terms: try one("SELECT count(*) FROM term"),
            quads: try one("SELECT count(*) FROM quad"),
            defaultGraphTriples: try one("SELECT count(*) FROM quad WHERE g = 0"),
            graphs: try one("SELECT count(DISTINCT g) FROM quad WHERE g <> 0"),
            articles: try one("SELECT count(*) FROM article"),
            statements: try one("SELECT count(*) FROM statement"),
            facts: try one("SELECT count(*) FROM (SELECT DISTINCT s, p, o FROM statement WHERE modality IN (\(Modality.factsSQL)))"))
    }

    /// `PRAGMA integrity_check` plus kg's own invariants 2 and 3; returns the problems found.
    public func check() throws -> [String] {
        var problems: [String] = []
        let ic = try connection.prepareUncached("PRAGMA integrity_check")
        while try ic.step() { if ic.text(0) != "ok" { problems.append(ic.text(0)) } }
        let orphan = try connection.prepareUncached("""
            SELECT count(*) FROM quad q WHERE NOT EXISTS (SELECT 1 FROM term WHERE id = q.s)
            OR NOT EXISTS (SELECT 1 FROM term WHERE id = q.p) OR NOT EXISTS (SELECT 1 FROM term WHERE id = q.o)
            OR (q.g <> 0 AND NOT EXISTS (SELECT 1 FROM term WHERE id = q.g))
            """)
        if try orphan.step(), orphan.int(0) > 0 { problems.append("\(orphan.int(0)) quads name missing terms") }
        let loose = try connection.prepareUncached("""
            SELECT count(*) FROM statement st JOIN article a ON a.id = st.article
            WHERE st.modality IN (\(Modality.factsSQL))
            AND NOT EXISTS (SELECT 1 FROM quad q WHERE q.s = st.s AND q.p = st.p AND q.o = st.o AND q.g = a.graph)
            """)
        if try loose.step(), loose.int(0) > 0 { problems.append("\(loose.int(0)) fact statements without their triple") }
        let indexes = try connection.prepareUncached("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'quad'")
        var present: Set<String> = []
        while try indexes.step() { present.insert(indexes.text(0)) }
        let missing = Self.quadIndexes.filter { !present.contains($0) }
        if !missing.isEmpty {
            problems.append("quad indexes missing: \(missing.joined(separator: ", ")) (an interrupted import or build; the next kg import or kg build rebuilds them)")
        }
        return problems
    }
}
