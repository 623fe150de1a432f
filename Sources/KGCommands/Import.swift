import ArgumentParser
import Foundation
import RDF
import Store

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load RDF files (Turtle, N-Triples, N-Quads, TriG) into the knowledge graph.",
        discussion: """
            The format comes from the file's extension (.ttl, .nt, .nq, .trig) or --format. Triples go to the
            default graph, quads to their named graphs. Files are streamed and committed in batches; a syntax
            error names file:line:column, and the triples before it in that file are kept.

            Example:
              kg import extra-places.ttl
              kg export --format nq > backup.nq && kg import --db copy.sqlite backup.nq
              kg import --graph https://example.org/g1=g1.ttl      # g1.ttl's triples into graph <…/g1>
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
        // (file, graph): the positional files keep their own graphs; --graph files go to the named graph.
        let jobs: [(String, String?)] = files.map { ($0, nil) } + graphFiles.map { g in
            let eq = g.lastIndex(of: "=")!
            return (String(g[g.index(after: eq)...]), String(g[..<eq]))
        }
        try kg.bulkLoad {
        for (index, (file, graph)) in jobs.enumerated() {
            let ext = (file as NSString).pathExtension
            guard let fmt = format.flatMap(RDFFormat.init(name:)) ?? RDFFormat(fileExtension: ext) else {
                Console.error("\(file): unknown RDF format '.\(ext)'; pass --format")
                failed = KGFailure(message: "", code: 2)
                continue
            }
            guard FileManager.default.isReadableFile(atPath: file) else {
                Console.error("\(file): cannot read the file")
                failed = KGFailure(message: "", code: 1)
                continue
            }
            let baseIRI = base ?? URL(fileURLWithPath: file).standardizedFileURL.absoluteString
            var parser = RDFParser(format: fmt, baseIRI: baseIRI, file: file, blankNodePrefix: "f\(index)_")
            var batch: [Quad] = []
            batch.reserveCapacity(50_000)
            var added = 0
            do {
                try parser.parse(fileAt: file) { q in
                    var q = q
                    if let graph { q.graph = .iri(graph) }
                    batch.append(q)
                    if batch.count >= 50_000 {
                        added += try kg.load(batch, batchSize: batch.count)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                added += try kg.load(batch, batchSize: max(batch.count, 1))
            } catch let e as RDFSyntaxError {
                added += (try? kg.load(batch, batchSize: max(batch.count, 1))) ?? 0
                Console.error(e.description)
                failed = KGFailure(message: "", code: 2)
            } catch {
                Console.error("\(file): \(error)")
                failed = KGFailure(message: "", code: 1)
            }
            total += added
            Console.note("\(file): \(added) new triples")
        }
        }
        if !quiet, jobs.count > 1 { Console.note("imported \(total) new triples into \(store.db)") }
        if let failed { throw failed }
    }
}
