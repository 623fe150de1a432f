import ArgumentParser
import Pipeline
import RDF

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
        let pipeline = BuildPipeline(store: kg, ontology: ontology, fingerprint: fingerprint, published: published,
                                     showsProgress: !quiet && Console.stderrIsTerminal, warn: { Console.warning($0) })
        let found = try pipeline.start(paths: paths)
        if found.files.isEmpty && found.warnings > 0 { throw KGFailure(message: "no article could be read") }
        if published != nil && found.files.count != 1 { throw KGFailure.usage("--published applies to a single article file") }
        let summary = try pipeline.run(found)
        let counts = try kg.counts()
        if !quiet {
            print(summary.line(counts: counts, db: store.db))
        }
        if summary.read + summary.unchanged == 0 && found.files.count > 0 {
            throw KGFailure(message: "no article could be read from \(paths.joined(separator: " "))")
        }
    }
}
