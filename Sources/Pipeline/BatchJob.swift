import Dispatch
import Extract
import Foundation
import Ingest
import Ontology
import RDF
import Store

/// What every batch of a build shares: the extractor, the ontology and its fingerprint, the
/// `--published` override, and the hashes of the articles already stored (read once, before the first
/// batch, so batches compare them off the writer's thread).
struct BatchContext: Sendable {
    let extractor: Extractor
    let ontology: Ontology
    let fingerprint: String
    let published: String?
    let stored: [String: String]
    /// Where the articles come from: the files themselves, or (in tests) articles held in memory.
    var reader: any ArticleReading = ArticleFiles()
}

/// Where a build's articles come from.
protocol ArticleReading: Sendable {
    /// The articles of `file` and the warnings reading it gave, or `unchanged` (and no article) when
    /// `unchangedIf` accepts the hash of its content.
    func read(_ file: ArticleSource.File, unchangedIf: (_ contentHash: String) -> Bool)
        -> (articles: [Article], warnings: [IngestWarning], unchanged: Bool)
    /// The articles of a JSON Lines file in line order, a chunk at a time: `take` gets each chunk's
    /// articles and warnings as soon as they are read, so the file is never held whole.
    func readLines(_ file: ArticleSource.File, _ take: (_ articles: [Article], _ warnings: [IngestWarning]) -> Void)
    /// Whether `file` can be opened at all (one that cannot keeps its stored facts).
    func isReadable(_ file: ArticleSource.File) -> Bool
}

/// Articles read from their files on disk (`ArticleSource`, `JSONLinesReader`).
struct ArticleFiles: ArticleReading {
    func read(_ file: ArticleSource.File, unchangedIf: (_ contentHash: String) -> Bool)
        -> (articles: [Article], warnings: [IngestWarning], unchanged: Bool) {
        ArticleSource.read(file: file.path, unchangedIf: unchangedIf)
    }

    func readLines(_ file: ArticleSource.File, _ take: (_ articles: [Article], _ warnings: [IngestWarning]) -> Void) {
        let reader = JSONLinesReader(file: file.path)
        while let lines = reader.next() { take(lines.articles, lines.warnings) }
    }

    func isReadable(_ file: ArticleSource.File) -> Bool { FileManager.default.isReadableFile(atPath: file.path) }
}

/// One batch of a build's files, processed on a background queue: the files read (on all cores; a JSON
/// Lines file a chunk at a time), each article checked (size, date, stored hash) in file order, and the new
/// or changed ones extracted (on all cores) into what the store writes, at most `BuildPipeline.batchBytes`
/// of text at a time. Each such part is handed over by `next()` in order; the job works at most one part
/// ahead of the writer, so a big file (a JSON Lines dump of thousands of articles) is never read or
/// extracted all at once.
final class BatchJob: @unchecked Sendable {
    struct Output {
        var extracted: [ExtractedArticle] = []
        /// Warnings, each naming its file (and line where it applies).
        var messages: [String] = []
        var read = 0, unchanged = 0, skipped = 0
        /// Article identities met, and files (by identity) that yielded at least one article.
        var seen: [String] = [], readFiles: [String] = []
        /// Files (by identity) that were read and yield no article now (empty, binary, not text).
        var emptied: [String] = []

        var isEmpty: Bool {
            extracted.isEmpty && messages.isEmpty && read == 0 && unchanged == 0 && skipped == 0
                && seen.isEmpty && readFiles.isEmpty && emptied.isEmpty
        }
    }

    /// Index just past the batch's last file in the build's file list (for progress).
    let endIndex: Int
    /// Parts made and not yet taken: at most one. Guarded by `condition`, which both sides wait on (the
    /// writer for a part, the worker for room). (Not a semaphore: a build that fails while the worker
    /// holds a part would drop one that is not back at its starting value, which libdispatch traps.)
    private var parts: [Output] = []
    private var finished = false
    private let condition = NSCondition()

    init(files: [ArticleSource.File], endIndex: Int, context: BatchContext) {
        self.endIndex = endIndex
        DispatchQueue.global().async { [self] in
            Self.process(files, context) { part in
                condition.lock()
                while !parts.isEmpty { condition.wait() }
                parts.append(part)
                condition.broadcast()
                condition.unlock()
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next part, in order; nil when the batch is done.
    func next() -> Output? {
        condition.lock()
        defer { condition.unlock() }
        while parts.isEmpty && !finished { condition.wait() }
        guard !parts.isEmpty else { return nil }
        let part = parts.removeFirst()
        condition.broadcast()  // room for the next
        return part
    }

    /// Reads and checks `files` in order, and extracts the new and changed articles `maxBytes` of text
    /// (and 64 articles) at a time, handing each part to `emit` in order (at least one part). A JSON Lines
    /// file is read a chunk at a time, its parts handed on as they fill; the other files are read on all
    /// cores, a run of them at a time.
    static func process(_ files: [ArticleSource.File], _ context: BatchContext, maxBytes: Int = BuildPipeline.batchBytes,
                        _ emit: (Output) -> Void) {
        withoutActuallyEscaping(emit) { emit in
            var parts = Parts(context: context, maxBytes: maxBytes, emit: emit)
            var start = 0
            while start < files.count {
                if ArticleSource.isJSONLines(files[start].path) {
                    readLines(files[start], context, &parts)
                    start += 1
                    continue
                }
                var end = start + 1
                while end < files.count, !ArticleSource.isJSONLines(files[end].path) { end += 1 }
                read(files[start..<end], context, &parts)
                start = end
            }
            parts.finish()
        }
    }

    /// Reads the files (on all cores), then checks their articles in file order into `parts`.
    static func read(_ files: ArraySlice<ArticleSource.File>, _ context: BatchContext, _ parts: inout Parts) {
        // A file whose bytes are those of its stored article is hashed, not parsed (a re-run reads
        // 10k unchanged articles in about half the time).
        let sources = Self.parallelMap(Array(files)) { file in
            context.reader.read(file, unchangedIf: { hash in
                context.stored[file.id] == Facts.storedHash(hash, fingerprint: context.fingerprint)
            })
        }
        for (file, (articles, warnings, unchanged)) in zip(files, sources) {
            if unchanged {
                parts.out.seen.append(file.id)
                parts.out.readFiles.append(file.id)
                parts.out.unchanged += 1
                continue
            }
            parts.out.messages += warnings.map(\.description)
            for article in articles { parts.check(article, of: file) }
            parts.fileRead(file, yieldedArticles: !articles.isEmpty)
        }
    }

    /// Reads a JSON Lines file a chunk at a time and checks its articles into `parts` as they come.
    static func readLines(_ file: ArticleSource.File, _ context: BatchContext, _ parts: inout Parts) {
        var any = false
        context.reader.readLines(file) { articles, warnings in
            parts.out.messages += warnings.map(\.description)
            for article in articles { parts.check(article, of: file) }
            any = any || !articles.isEmpty
        }
        parts.fileRead(file, yieldedArticles: any)
    }

    /// The part being filled: what reading gave since the last part was handed on, and the articles to
    /// extract. It is extracted (on all cores) and handed on when the next article would take it past
    /// `maxBytes` of text or 64 articles.
    struct Parts {
        let context: BatchContext
        let maxBytes: Int
        let emit: (Output) -> Void
        var out = Output()
        private var changed: [Article] = []
        private var bytes = 0
        private var emitted = false

        init(context: BatchContext, maxBytes: Int, emit: @escaping (Output) -> Void) {
            self.context = context
            self.maxBytes = maxBytes
            self.emit = emit
        }

        /// One article of `file`: its identity met, and kept for extraction if it is new or changed.
        mutating func check(_ article: Article, of file: ArticleSource.File) {
            var article = article
            // "feed.jsonl#L12": a line of a JSON Lines file is the file's identity and the line
            article.id = file.id + article.path.dropFirst(file.path.count)
            out.seen.append(article.id)
            guard let article = BatchJob.check(article, context, &out) else { return }
            let size = article.text.utf8.count
            if !changed.isEmpty, changed.count >= 64 || bytes + size > maxBytes { handOn() }
            changed.append(article)
            bytes += size
        }

        /// `file` read to its end: it yielded articles, or it is emptied (its facts go) unless it cannot
        /// be opened (its facts stay).
        mutating func fileRead(_ file: ArticleSource.File, yieldedArticles: Bool) {
            if yieldedArticles {
                out.readFiles.append(file.id)
            } else {
                out.skipped += 1
                if context.reader.isReadable(file) { out.emptied.append(file.id) }
            }
        }

        /// Hands on what is left (and at least one part).
        mutating func finish() {
            if !changed.isEmpty || !emitted || !out.isEmpty { handOn() }
        }

        private mutating func handOn() {
            let context = self.context
            out.extracted = BatchJob.parallelMap(changed) { article in
                let extraction = context.extractor.extract(article)
                return ExtractedArticle(article, extraction, ontology: context.ontology, fingerprint: context.fingerprint)
            }
            for e in out.extracted {
                out.messages += e.warnings.map { "\(e.path): \($0)" }
            }
            emit(out)
            out = Output()
            changed = []
            bytes = 0
            emitted = true
        }
    }

    /// One article read: skipped when its text is too long; given the `--published` date; unchanged when
    /// it is stored with the same hash. Otherwise counted as read and returned, to be extracted.
    private static func check(_ article: Article, _ context: BatchContext, _ out: inout Output) -> Article? {
        var article = article
        let bytes = article.text.utf8.count
        if bytes > BuildPipeline.maxArticleBytes {
            // Extraction needs about 50 bytes of memory per byte of text: bound it.
            let size = String(format: "%.1f", Double(bytes) / 1_048_576)
            out.messages.append("\(article.path): \(size) MB of text, more than the \(BuildPipeline.maxArticleBytes >> 20) MB one article may have; skipped")
            out.skipped += 1
            return nil
        }
        if let published = context.published {
            article.published = published
            article.publishedDate = PartialDate(iso: published)
        }
        if article.publishedDate == nil {
            out.messages.append("\(article.path): no publication date; relative dates (\"on Tuesday\") stay unresolved")
        }
        if context.stored[article.id] == Facts.record(for: article, fingerprint: context.fingerprint).hash {
            out.unchanged += 1
            return nil
        }
        out.read += 1
        return article
    }

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
}
