import Extract
import Foundation
import Ingest
import Ontology
import RDF
import Store
import Timeline

// `kg build`'s work: article files in, committed articles and a current timeline out.
//
// States of an article, in order (TripleStore.swift names the same three):
//   reading    its file is found under the paths given (`ArticleSource.discoverFiles`), read on all cores
//              in a batch of at most `batchBytes` of files and 64 files (`BatchJob`; a JSON Lines file is
//              read a chunk at a time, whatever its size), and checked in file order: more than `maxArticleBytes` of text → skipped with a warning; stored with the same
//              hash (its content's and the ontology's, `Facts.storedHash`) → unchanged, never extracted.
//   extracted  a new or changed article's entities and assertions, made on all cores into what the store
//              writes (`ExtractedArticle`: its article row, its graph's triples, its statements), at most
//              `batchBytes` of text and 64 articles at a time.
//   committed  written by the writer (`TripleStore.replaceArticles`) inside the build's transaction,
//              which is committed every `commitArticles` articles or `commitRows` triples and statements.
//              Only committed articles are visible in the store.
//
// Invariants:
//   1. One writer: only the thread that calls `run` touches the store. Batches read the stored hashes
//      from a copy taken before the first batch.
//   2. Articles reach the writer in file order, whole: an article's rows are written inside one
//      transaction (Store invariant 5), so a build killed at any moment leaves whole articles, and the
//      next build skips the committed ones by their hashes.
//   3. Memory is bounded by the batch, not the corpus: at most two batches exist (the one being written,
//      the next being read and extracted), and each holds at most one extracted part the writer has not
//      taken. A JSON Lines file is not held whole: its parts are handed on as its chunks are read.
//   4. The timeline graph never shows periods of facts the store no longer holds: it is dropped in the
//      transaction of the first changed article, and derived again from every article's facts when an
//      article was extracted or removed (or it is missing).
//   5. A stored article whose file is gone, or whose file is read and holds no article now, loses its
//      facts; one whose file cannot be opened keeps them; a JSON Lines file read now keeps only the
//      lines it still has.

/// Builds articles into a store: the ontology first, then every file found under the paths given,
/// read → extracted → committed, then the vanished articles removed and the timeline derived.
public struct BuildPipeline {
    /// Longest article text extracted (longer ones are skipped with a warning), and the most text
    /// extracted in one batch: what bounds a build's memory besides SQLite's cache.
    public static let maxArticleBytes = 4 << 20
    public static let batchBytes = 4 << 20
    /// The writer commits after this many articles, or this many facts and statements, whichever comes first.
    public static let commitArticles = 1_024
    public static let commitRows = 200_000

    let store: TripleStore
    let ontology: Ontology
    let fingerprint: String
    /// `--published`: the publication date of the single article built.
    let published: String?
    /// Whether a progress bar is drawn (on standard error).
    let showsProgress: Bool
    /// Receives each warning, naming its file.
    let warn: (String) -> Void

    public init(store: TripleStore, ontology: Ontology, fingerprint: String, published: String?, showsProgress: Bool,
                warn: @escaping (String) -> Void) {
        self.store = store
        self.ontology = ontology
        self.fingerprint = fingerprint
        self.published = published
        self.showsProgress = showsProgress
        self.warn = warn
    }

    /// The paths a build was given, the article files found under them, and how many warnings finding
    /// them gave (each passed to `warn`).
    public struct Discovery {
        public var paths: [String]
        public var files: [ArticleSource.File]
        public var warnings: Int
    }

    /// Stores the ontology (it replaces the one stored before) and finds the article files under `paths`.
    public func start(paths: [String]) throws -> Discovery {
        try store.replaceOntology(ontology.quads)
        let (files, warnings) = ArticleSource.discoverFiles(paths)
        for w in warnings { warn(w.description) }
        return Discovery(paths: paths, files: files, warnings: warnings.count)
    }

    /// Builds the files found by `start(paths:)`: reads, extracts and commits them, removes the stored
    /// articles of its paths that are gone, and derives the timeline again when anything changed.
    public func run(_ found: Discovery) throws -> BuildSummary {
        let files = found.files
        let context = BatchContext(extractor: Extractor(ontology: ontology), ontology: ontology, fingerprint: fingerprint,
                                   published: published, stored: try store.articleHashes())
        let progress = ProgressBar(total: files.count, enabled: showsProgress)
        let writer = ArticleWriter(store: store, progress: progress, warn: warn)
        writer.summary.warnings = found.warnings
        // A store small next to what this build may add (a first build) has its secondary quad indexes
        // dropped while the articles are written and rebuilt once after, as `kg import` does (a killed
        // build's store is repaired by the next writer). Estimate: one quad per ~32 bytes of article file.
        let sizes = files.map { (try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int) ?? 0 }
        // After the articles: vanished files lose their facts, and the control periods are derived
        // from every article's facts when any changed (or an interrupted build left them dropped), so
        // SPARQL sees them in the graph <https://kg.example.org/graph/timeline> and they follow edits.
        // In a first build this runs before the last secondary index is rebuilt: its reads are indexed
        // (by predicate and by graph) and its writes keep one index fewer up to date.
        var refreshed = false
        func derive() throws {
            progress.finish()
            writer.summary.removed = try VanishedArticles(paths: found.paths, warn: warn)
                .remove(from: store, seen: writer.seen, readFiles: writer.readFiles, emptied: writer.emptied)
            if try writer.summary.read > 0 || writer.summary.removed > 0 || store.isEmpty(graph: TripleStore.timelineGraph) {
                try store.refreshTimeline(vocabulary: TimelineVocabulary(ontology: ontology))
                refreshed = true
            }
        }
        try store.bulkLoad(expectedQuads: max(sizes.reduce(0, +) / 32, 1), analyze: false, { try store.transaction {
            // Each batch is read and extracted on every core while the previous one is written: the
            // single writer thread is the build's critical path.
            var extracting: BatchJob?
            for batch in Self.batches(sizes: sizes) {
                let next = BatchJob(files: Array(files[batch]), endIndex: batch.upperBound, context: context)
                if let previous = extracting { try writer.write(previous) }
                extracting = next
            }
            if let last = extracting { try writer.write(last) }
        } }, derive: derive)
        // Fresh planner statistics, so SPARQL joins start from their most selective pattern (~0.1 s).
        if refreshed { try store.analyze() }
        return writer.summary
    }

    /// The files' batches, in order: at most `batchBytes` of files (or one file) and 64 files each.
    static func batches(sizes: [Int]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        while start < sizes.count {
            var end = start + 1, bytes = sizes[start]
            while end < sizes.count, end - start < 64, bytes + sizes[end] <= batchBytes {
                bytes += sizes[end]
                end += 1
            }
            out.append(start..<end)
            start = end
        }
        return out
    }
}

/// The build's writer: takes each batch's parts in order, writes their articles, commits in steps, and
/// keeps the counts and the identities met.
final class ArticleWriter {
    let store: TripleStore
    let progress: ProgressBar
    let warn: (String) -> Void
    var summary = BuildSummary()
    var seen = Set<String>(), readFiles = Set<String>(), emptied = Set<String>()
    private var timelineDropped = false
    private var uncommitted = (articles: 0, rows: 0)

    init(store: TripleStore, progress: ProgressBar, warn: @escaping (String) -> Void) {
        self.store = store
        self.progress = progress
        self.warn = warn
    }

    /// Writes every part of `job`. The writer commits in steps of `commitArticles` articles or
    /// `commitRows` facts and statements: a killed build keeps what was committed (the next build skips
    /// those articles by their hashes), and fewer, larger commits write fewer pages to the WAL than one
    /// commit per batch.
    func write(_ job: BatchJob) throws {
        while let done = job.next() {
            for m in done.messages { warn(m) }
            summary.add(done)
            seen.formUnion(done.seen)
            readFiles.formUnion(done.readFiles)
            emptied.formUnion(done.emptied)
            guard !done.extracted.isEmpty else { continue }
            // The derived timeline is stale from the first changed article on; dropping it in the
            // same transaction means a build killed before the refresh leaves no stale periods.
            if !timelineDropped { try store.replaceGraph(TripleStore.timelineGraph, with: []) }
            timelineDropped = true
            try store.replaceArticles(done.extracted.map(\.content))
            uncommitted.articles += done.extracted.count
            uncommitted.rows += done.extracted.reduce(0) { $0 + $1.content.triples.count + $1.content.statements.count }
            if uncommitted.articles >= BuildPipeline.commitArticles || uncommitted.rows >= BuildPipeline.commitRows {
                try store.commitSoFar()
                uncommitted = (0, 0)
            }
        }
        progress.update(done: job.endIndex)
    }
}
