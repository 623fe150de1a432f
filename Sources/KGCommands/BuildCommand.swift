import ArgumentParser
import Dispatch
import Extract
import Foundation
import Ingest
import Ontology
import RDF
import Store
import Timeline

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read articles, extract facts, and store them with their sources.",
        discussion: """
            Reads .txt and .md files (with optional YAML front matter: title, published, source, publisher), .html pages and .jsonl files, in the folders given, recursively. Articles whose content has not changed since the last build are not read again; articles that were deleted from a folder are removed with their facts. Files that cannot be read are skipped with a warning naming them, and the rest is built; a file that no longer holds an article (emptied, binary) loses its facts, one that cannot be opened keeps them.

            Example:
              kg build Examples/articles
              kg build --db conflict.sqlite ~/news/2023 ~/news/2024

            Exit status: 0 when the build completed (even if some files were skipped with warnings), 1 when nothing could be built or the store failed, 2 on bad usage.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Article files or folders.", valueName: "path"))
    var paths: [String]

    @OptionGroup var ontologyOptions: OntologyOptions

    @Option(help: ArgumentHelp("Publication date (YYYY-MM-DD) for a single article that has none.", valueName: "date"))
    var published: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one article file or folder") }
        if let published, PartialDate(iso: published) == nil {
            throw ValidationError("--published wants a date such as 2024-01-06, not '\(published)'")
        }
    }

    func run() throws {
        Console.quiet = quiet
        let (ontology, fingerprint) = try OntologyLocation.load(ontologyOptions)
        let kg = try store.open()
        try kg.replaceOntology(ontology.quads)

        let (files, discoveryWarnings) = ArticleSource.discoverFiles(paths)
        for w in discoveryWarnings { Console.warning(w.description) }
        if files.isEmpty && !discoveryWarnings.isEmpty { throw KGFailure(message: "no article could be read") }
        if published != nil && files.count != 1 { throw KGFailure.usage("--published applies to a single article file") }

        var summary = BuildSummary()
        summary.warnings = discoveryWarnings.count
        let context = BatchContext(extractor: Extractor(ontology: ontology), ontology: ontology, fingerprint: fingerprint,
                                   published: published, stored: try kg.articleHashes())
        let progress = Progress(total: files.count, enabled: !quiet && Console.stderrIsTerminal)
        var seen = Set<String>(), readFiles = Set<String>(), emptied = Set<String>()

        // Files go in batches of at most `batchBytes` and 64 files. A batch is read, checked against the
        // stored hashes and extracted on every core (BatchJob) while the previous batch is written: the
        // single writer thread is the build's critical path.
        // The writer commits in steps of `commitArticles` articles or `commitRows` facts and statements:
        // a killed build keeps what was committed (the next build skips those articles by their hashes),
        // and fewer, larger commits write fewer pages to the WAL than one commit per batch.
        var timelineDropped = false
        var uncommitted = (articles: 0, rows: 0)
        func write(_ job: BatchJob) throws {
            while let done = job.next() {
                for m in done.messages { Console.warning(m) }
                summary.add(done)
                seen.formUnion(done.seen)
                readFiles.formUnion(done.readFiles)
                emptied.formUnion(done.emptied)
                guard !done.extracted.isEmpty else { continue }
                // The derived timeline is stale from the first changed article on; dropping it in the
                // same transaction means a build killed before the refresh leaves no stale periods.
                if !timelineDropped { try kg.replaceGraph(TripleStore.timelineGraph, with: []) }
                timelineDropped = true
                try kg.replaceArticles(done.extracted.map(\.content))
                uncommitted.articles += done.extracted.count
                uncommitted.rows += done.extracted.reduce(0) { $0 + $1.content.triples.count + $1.content.statements.count }
                if uncommitted.articles >= Self.commitArticles || uncommitted.rows >= Self.commitRows {
                    try kg.commitSoFar()
                    uncommitted = (0, 0)
                }
            }
            progress.update(done: job.endIndex)
        }

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
            summary.removed = try removeVanished(from: kg, seen: seen, readFiles: readFiles, emptied: emptied)
            if try summary.read > 0 || summary.removed > 0 || kg.isEmpty(graph: TripleStore.timelineGraph) {
                try kg.refreshTimeline()
                refreshed = true
            }
        }
        try kg.bulkLoad(expectedQuads: max(sizes.reduce(0, +) / 32, 1), analyze: false, { try kg.transaction {
            var extracting: BatchJob?
            var start = 0
            while start < files.count {
                var end = start + 1, bytes = sizes[start]
                while end < files.count, end - start < 64, bytes + sizes[end] <= Self.batchBytes {
                    bytes += sizes[end]
                    end += 1
                }
                let next = BatchJob(files: Array(files[start..<end]), endIndex: end, context: context)
                if let previous = extracting { try write(previous) }
                extracting = next
                start = end
            }
            if let last = extracting { try write(last) }
        } }, derive: derive)
        // Fresh planner statistics, so SPARQL joins start from their most selective pattern (~0.1 s).
        if refreshed { try kg.analyze() }

        let counts = try kg.counts()
        if !quiet {
            print(summary.line(counts: counts, db: store.db))
        }
        if summary.read + summary.unchanged == 0 && files.count > 0 {
            throw KGFailure(message: "no article could be read from \(paths.joined(separator: " "))")
        }
    }

    /// Longest article text extracted (longer ones are skipped with a warning), and the most text
    /// extracted in one batch: what bounds a build's memory besides SQLite's cache.
    static let maxArticleBytes = 4 << 20
    static let batchBytes = 4 << 20
    /// The writer commits after this many articles, or this many facts and statements, whichever comes first.
    static let commitArticles = 1_024
    static let commitRows = 200_000

    /// `transform` applied to every element on all cores; results in input order.
    static func parallelMap<T, U>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        guard !items.isEmpty else { return [] }
        let results = UnsafeMutableBufferPointer<U?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            // Deinitialize before deallocating: without it every article's extraction leaked (a 100 MB
            // corpus grew the build past 1.6 GB).
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        nonisolated(unsafe) let input = items
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            slots[i] = transform(input[i])
        }
        return results.map { $0! }
    }

    /// Removes stored articles that lived under the folders (or were the files) built now but are gone
    /// from disk. A stored identity "articles/sub/x.md" lives under a folder "…/articles" given now.
    private func removeVanished(from kg: TripleStore, seen: Set<String>, readFiles: Set<String>, emptied: Set<String>) throws -> Int {
        var folders: [(prefix: String, folder: String)] = []
        var named: [String: String] = [:]  // identity of a file given by itself → its path
        for p in paths {
            let absolute = ArticleSource.absolute(p)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder), isFolder.boolValue {
                folders.append((ArticleSource.identityPrefix(ofFolder: absolute), absolute))
            } else {
                named[ArticleSource.identity(of: absolute, root: absolute)] = absolute
            }
        }
        var removed = 0
        for id in try kg.articlePaths() where !seen.contains(id) {
            let fileID = id.split(separator: "#", maxSplits: 1).first.map(String.init) ?? id
            let file: String
            if let f = named[fileID] { file = f }
            else if let root = folders.first(where: { fileID.hasPrefix($0.prefix) }) { file = root.folder + "/" + fileID.dropFirst(root.prefix.count) }
            else { continue }
            // A vanished file loses its facts; so does a file read now that yields no article any more
            // (emptied, or binary now: what it said is no longer there); a file that could not be opened
            // may be unchanged and keeps them; a JSON Lines file read now keeps only the lines it still has.
            if emptied.contains(fileID) {
                Console.warning("\(id): no article in the file any more; its facts were removed")
            }
            if !FileManager.default.fileExists(atPath: file) || emptied.contains(fileID)
                || (id.contains("#") && readFiles.contains(fileID)) {
                try kg.removeArticle(path: id)
                removed += 1
            }
        }
        return removed
    }
}

/// One article made ready for the store: what the writer needs and what the summary counts.
struct ExtractedArticle: Sendable {
    var content: TripleStore.ArticleContent
    /// The file (and line) it was read from, for messages.
    var path: String
    var entities: Int, assertions: Int, modal: Int
    var warnings: [String]

    init(_ article: Article, _ e: ArticleExtraction, ontology: Ontology, fingerprint: String) {
        content = TripleStore.ArticleContent(record: Facts.record(for: article, fingerprint: fingerprint),
                                             triples: Facts.triples(for: e),
                                             statements: Facts.statements(for: e, ontology: ontology))
        path = article.path
        entities = e.entities.count
        assertions = e.assertions.count
        modal = e.assertions.filter { ![.asserted, .claimed].contains($0.modality) }.count
        warnings = e.warnings
    }
}

struct BuildSummary {
    var read = 0, unchanged = 0, skipped = 0, removed = 0, warnings = 0
    var entities = 0, assertions = 0, modal = 0

    mutating func add(_ batch: BatchJob.Output) {
        read += batch.read
        unchanged += batch.unchanged
        skipped += batch.skipped
        warnings += batch.messages.count
        for e in batch.extracted {
            entities += e.entities
            assertions += e.assertions
            modal += e.modal
        }
    }

    func line(counts: TripleStore.Counts, db: String) -> String {
        """
        built \(db): \(read) article\(read == 1 ? "" : "s") extracted, \(unchanged) unchanged, \
        \(skipped) skipped, \(removed) removed; \(assertions) assertions (\(modal) not facts: planned, hypothetical or denied), \
        \(warnings) warning\(warnings == 1 ? "" : "s")
        store: \(counts.articles) articles, \(counts.facts) distinct facts from \(counts.statements) statements, \
        \(counts.defaultGraphTriples) triples
        """
    }
}

/// A one-line progress bar with rate and ETA on a terminal; silent otherwise. Thread-safe: a parser
/// thread may report while the writer thread does.
final class Progress: @unchecked Sendable {
    enum Unit { case files, bytes }
    let total: Int
    let enabled: Bool
    let unit: Unit
    let start = Date()
    private let lock = NSLock()
    private var done = 0, lastDraw = Date.distantPast  // guarded by `lock`
    private let write: (String) -> Void

    /// `write` receives each drawing (by default: standard error).
    init(total: Int, enabled: Bool, unit: Unit = .files,
         write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = total
        self.enabled = enabled
        self.unit = unit
        self.write = write
    }

    /// Sets the amount done (files, or bytes read) and redraws at most ten times a second.
    func update(done now: Int) {
        guard enabled else { return }
        lock.withLock {
            done = now
            draw()
        }
    }

    /// Adds to the amount done.
    func add(_ amount: Int) {
        guard enabled else { return }
        lock.withLock {
            done += amount
            draw()
        }
    }

    private func draw() {  // with `lock` held
        guard Date().timeIntervalSince(lastDraw) > 0.1 || done >= total else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(max(total - done, 0)) / rate : 0
        let width = 30
        let filled = total > 0 ? min(width, width * done / total) : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        switch unit {
        case .files:
            write(String(format: "\r%@ %d/%d files  %.0f/s  ETA %.0fs ", bar, done, total, rate, eta))
        case .bytes:
            let mb = 1_048_576.0
            write(String(format: "\r%@ %.0f/%.0f MB  %.1f MB/s  ETA %.0fs ", bar, Double(done) / mb, Double(total) / mb, rate / mb, eta))
        }
    }

    func finish() {
        if enabled { write("\r\u{1B}[K") }
    }
}
