import RDF

/// The store's SQL schema, one constant per version. Never edit a released version: add a migration.
enum Schema {
    static let v1 = """
        CREATE TABLE term (
            id       INTEGER PRIMARY KEY,   -- never 0, never reused
            kind     INTEGER NOT NULL,      -- 0 IRI, 1 blank node, 2 literal
            value    TEXT NOT NULL,         -- the IRI, the blank node label, or the literal's lexical form as written
            datatype TEXT NOT NULL DEFAULT '',
            lang     TEXT NOT NULL DEFAULT '',
            num      REAL                   -- numeric value of numeric literals, for range filters
        );
        CREATE UNIQUE INDEX term_key ON term(value, kind, datatype, lang);

        CREATE TABLE quad (
            s INTEGER NOT NULL, p INTEGER NOT NULL, o INTEGER NOT NULL,
            g INTEGER NOT NULL DEFAULT 0,   -- 0: default graph
            PRIMARY KEY (s, p, o, g)
        ) WITHOUT ROWID;
        CREATE INDEX quad_posg ON quad(p, o, s, g);
        CREATE INDEX quad_ospg ON quad(o, s, p, g);
        CREATE INDEX quad_gspo ON quad(g, s, p, o);

        CREATE TABLE article (
            id          INTEGER PRIMARY KEY,
            path        TEXT NOT NULL UNIQUE,
            hash        TEXT NOT NULL,       -- SHA-256 of the article's bytes
            title       TEXT,
            published   TEXT,                -- ISO date at its precision, or the text as written if unparsed
            source      TEXT,
            ingested_at TEXT NOT NULL,
            graph       INTEGER NOT NULL     -- term id of the article's named graph
        );

        CREATE TABLE statement (
            id             INTEGER PRIMARY KEY,
            article        INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
            s INTEGER NOT NULL, p INTEGER NOT NULL, o INTEGER NOT NULL,
            sentence       TEXT NOT NULL,
            sentence_index INTEGER NOT NULL,
            span_start     INTEGER NOT NULL,  -- UTF-8 byte offsets in the article text
            span_end       INTEGER NOT NULL,
            date           TEXT,              -- ISO 8601 at its precision (YYYY, YYYY-MM, YYYY-MM-DD)
            start          TEXT,
            "end"          TEXT,
            time_phrase    TEXT,
            time_anchor    TEXT,
            confidence     REAL NOT NULL,
            modality       TEXT NOT NULL,     -- asserted, claimed, planned, hypothetical, denied
            attribution    TEXT,
            rule           TEXT NOT NULL
        );
        CREATE INDEX statement_spo ON statement(s, p, o);
        CREATE INDEX statement_article ON statement(article);

        PRAGMA user_version = 1;
        """

    /// v2: the store model of TripleStore.swift's invariants 4 and 7 — a control period lives in the
    /// timeline graph only and a statement's description in the default graph only. A v1 store's copies
    /// of the timeline in the default graph, and of the descriptions in the article graphs, are removed
    /// (the default graph's `kg:controls` and the ontology's share follow at the next build's refresh).
    static let v1to2 = """
        DELETE FROM quad WHERE g = 0 AND (s, p, o) IN (
            SELECT s, p, o FROM quad WHERE g = (
                SELECT id FROM term WHERE value = 'https://kg.example.org/graph/timeline' AND kind = 0 AND datatype = '' AND lang = ''));
        DELETE FROM quad WHERE g IN (SELECT graph FROM article)
            AND s IN (SELECT id FROM term WHERE kind = 0 AND value LIKE '%#statement-%');
        PRAGMA user_version = 2;
        """

    /// v3: articles are identified by their folder's name and their path inside it, not by the path as
    /// typed (`TripleStore.migrateArticleIdentities` renames a v2 store's articles before this runs).
    static let v2to3 = """
        PRAGMA user_version = 3;
        """

    /// v4: every article is described in the default graph (Backup.swift: schema:NewsArticle, dcterms:title …);
    /// `TripleStore.describeStoredArticles` writes the descriptions of an older store's articles before this runs.
    static let v3to4 = """
        PRAGMA user_version = 4;
        """

    /// v5: an article's publisher (the outlet), described as dcterms:publisher.
    static let v4to5 = """
        ALTER TABLE article ADD COLUMN publisher TEXT;
        PRAGMA user_version = 5;
        """

    /// v6: statements indexed by object, so that a control-period refresh group reads the statements about
    /// its places only (without it each group scanned the whole table: quadratic in the store).
    static let v5to6 = """
        CREATE INDEX IF NOT EXISTS statement_o ON statement(o);
        PRAGMA user_version = 6;
        """
}

extension Modality {
    /// The fact modalities as an SQL list of string constants ('asserted', 'claimed'), for `modality IN (…)`.
    static let factsSQL = facts.map { "'\($0.rawValue)'" }.joined(separator: ", ")
}
