import ArgumentParser
import Foundation
import Pipeline
import RDF
import Store

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load RDF files (Turtle, N-Triples, N-Quads, TriG) into the knowledge graph.",
        discussion: """
            The format comes from the file's extension (.ttl, .nt, .nq, .trig) or --format. Triples go to the default graph, quads to their named graphs. Files are streamed and committed in batches; a syntax error names file:line:column, and the triples before it in that file are kept.

            Example:
              kg import extra-places.ttl
              kg export --format nq > backup.nq && kg import --db copy.sqlite backup.nq
              kg import --graph https://example.org/g1=g1.ttl   # into graph <…/g1>
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("RDF files to load.", valueName: "file"))
    var files: [String] = []

    @Option(name: .customLong("graph"), help: ArgumentHelp(
        "Load FILE into the named graph IRI (repeatable; the last '=' splits).", valueName: "iri=file"))
    var graphFiles: [String] = []

    @Option(help: "Format of every file: turtle, ntriples, nquads or trig (default: from the extension).")
    var format: String?

    @Option(help: ArgumentHelp("Base IRI for relative IRIs (default: the file's URL).", valueName: "iri"))
    var base: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.") var quiet = false

    func validate() throws {
        if files.isEmpty && graphFiles.isEmpty { throw ValidationError("give at least one RDF file") }
        for g in graphFiles where g.lastIndex(of: "=") == nil || g.hasPrefix("=") || g.hasSuffix("=") {
            throw ValidationError("--graph takes IRI=FILE, not '\(g)'")
        }
        if let format, RDFFormat(name: format) == nil {
            throw ValidationError("unknown format '\(format)'; use turtle, ntriples, nquads or trig")
        }
    }

    func run() throws {
        Console.quiet = quiet
        let kg = try store.open()
        var failed: KGFailure?
        var total = 0
        let jobs = self.jobs
        // N-Triples take about 120 bytes a triple: a load much larger than the store rebuilds its indexes after.
        let bytes = jobs.reduce(0) { n, job in
            n + (((try? FileManager.default.attributesOfItem(atPath: job.file))?[.size] as? Int) ?? 0)
        }
        // On a terminal: a progress bar over the bytes of all the files (rate, ETA); silent otherwise.
        let progress = ProgressBar(total: bytes, enabled: !quiet && Console.stderrIsTerminal, unit: .bytes)
        defer { progress.finish() }
        try kg.bulkLoad(expectedQuads: bytes / 120) {
            for (index, job) in jobs.enumerated() {
                let loaded = load(job.file, graph: job.graph, index: index, into: kg, progress: progress)
                total += loaded.added
                if let failure = loaded.failure { failed = failure }
            }
        }
        if !quiet, jobs.count > 1 { Console.note("imported \(total) new triples into \(store.db)") }
        if let failed { throw failed }
    }

    /// (file, graph): the positional files keep their own graphs; --graph files go to the named graph.
    private var jobs: [(file: String, graph: String?)] {
        files.map { ($0, nil) } + graphFiles.map { g in
            let eq = g.lastIndex(of: "=")!
            return (String(g[g.index(after: eq)...]), String(g[..<eq]))
        }
    }

    /// Loads `file` (the `index`th) into the store, its triples into `graph` when given, and says how many
    /// triples it added. Returns them, and the failure that ended it early if one did (the triples before
    /// a syntax error stay); a file of an unknown format or that cannot be read is not loaded.
    private func load(_ file: String, graph: String?, index: Int, into kg: TripleStore,
                      progress: ProgressBar) -> (added: Int, failure: KGFailure?) {
        let ext = (file as NSString).pathExtension
        guard let fmt = format.flatMap(RDFFormat.init(name:)) ?? RDFFormat(fileExtension: ext) else {
            progress.finish()  // the bar's line is cleared before a message
            Console.error("\(file): unknown RDF format '.\(ext)'; pass --format")
            return (0, KGFailure(message: "", code: 2))
        }
        guard FileManager.default.isReadableFile(atPath: file) else {
            progress.finish()
            Console.error("\(file): cannot read the file")
            return (0, KGFailure(message: "", code: 1))
        }
        let baseIRI = base ?? URL(fileURLWithPath: file).standardizedFileURL.absoluteString
        var parser = RDFParser(format: fmt, baseIRI: baseIRI, file: file, blankNodePrefix: "f\(index)_")
        if progress.enabled { parser.onBytesRead = { progress.add($0) } }
        // Terms become ids as they are read (a term seen before in the file by its spelling alone);
        // quads are written in sorted batches, each one transaction.
        let writer = BulkWriter(store: kg)
        var failure: KGFailure?
        do {
            let graphID = try graph.map { try writer.intern(.iri($0)) }
            if fmt == .ntriples || fmt == .nquads {
                try Self.pipelined(parser: parser, file: file, writer: writer, graphID: graphID)
            } else {
                try parser.parseIDs(fileAt: file, keepGraphs: graphID == nil, intern: writer.intern) { s, p, o, g in
                    try writer.add(s, p, o, graphID ?? g)
                }
            }
            try writer.flush()
        } catch let e as RDFSyntaxError {
            try? writer.flush()
            progress.finish()
            Console.error(e.description)
            failure = KGFailure(message: "", code: 2)
        } catch let e as StoreError where e.isWriteFailure {
            writer.abandon()
            progress.finish()
            Console.error("\(file): could not write the database (\(e.message)): is the disk full? The store keeps the "
                + "batches committed before the failure (\(writer.added) new triples)")
            failure = KGFailure(message: "", code: 1)
        } catch {
            writer.abandon()
            progress.finish()
            Console.error("\(file): \(error)")
            failure = KGFailure(message: "", code: 1)
        }
        progress.finish()
        Console.note("\(file): \(writer.added) new triples")
        return (writer.added, failure)
    }

    /// Loads an N-Triples/N-Quads file on two threads: one parses, numbering each new spelling of a term
    /// locally; this one turns those numbers into store ids and writes the quads. Batches pass through a
    /// queue of at most two, so memory stays bounded. A syntax error arrives after the statements before it.
    static func pipelined(parser: RDFParser, file: String, writer: BulkWriter, graphID: Int64?) throws {
        let channel = BatchChannel()
        let box = ParserBox(parser)
        let keepGraphs = graphID == nil
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { finished.signal() }
            var batch = BatchChannel.Batch()
            var next: Int64 = 0
            do {
                try box.parser.parseIDs(fileAt: file, keepGraphs: keepGraphs, intern: { term in
                    batch.terms.append(term)
                    next += 1
                    return next
                }, emit: { s, p, o, g in
                    batch.quads.append(s); batch.quads.append(p); batch.quads.append(o); batch.quads.append(g)
                    if batch.quads.count >= 4 * 65_536 {
                        guard channel.put(batch) else { throw CancellationError() }
                        batch = BatchChannel.Batch()
                    }
                })
            } catch {
                batch.error = error
            }
            batch.last = true
            _ = channel.put(batch)
        }
        thread.stackSize = 8 << 20
        thread.start()
        defer {
            channel.cancel()
            finished.wait()
        }
        var ids: [Int64] = [0]  // local number → store id; 0 stays the default graph
        while true {
            let batch = channel.take()
            for term in batch.terms { ids.append(try writer.internNew(term)) }
            let q = batch.quads
            var i = 0
            while i < q.count {
                let g = q[i + 3]
                try writer.add(ids[Int(q[i])], ids[Int(q[i + 1])], ids[Int(q[i + 2])], graphID ?? (g == 0 ? 0 : ids[Int(g)]))
                i += 4
            }
            if let error = batch.error { throw error }
            if batch.last { return }
        }
    }
}

/// The parser, handed to the parsing thread (used by that thread only).
private final class ParserBox: @unchecked Sendable {
    var parser: RDFParser
    init(_ parser: RDFParser) { self.parser = parser }
}

/// A bounded queue of parsed batches between the parsing thread and the writer.
private final class BatchChannel: @unchecked Sendable {
    struct Batch {
        var terms: [Term] = []
        var quads: [Int64] = []
        var error: Error?
        var last = false
    }
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var cancelled = false

    /// Waits for room; false when the writer gave up.
    func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= 2 && !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    func take() -> Batch {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty { condition.wait() }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
