import ArgumentParser
import Extract
import Foundation
import Ingest

/// `kg extract`: what kg reads in articles, without a database — a dry run of `kg build`'s extraction.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Show the facts kg extracts from articles, without storing them (a dry run of kg build).",
        discussion: """
            Each fact is printed as `relation(subject, object)` with its time, modality and the rule that found it. With --mentions, each sentence is printed first with the names kg recognised in it and the class it gave them: [Spin Boldak|Town], [the group→Taliban|ArmedGroup]. A name kg could not type shows as |Entity: that is where an ontology entry or a head word is missing.

            Example:
              kg extract Examples/articles/laukkai.md
              kg extract --mentions article.txt | less
            """)

    @Argument(help: ArgumentHelp("Article files or folders.", valueName: "path")) var paths: [String]
    @OptionGroup var ontologyOptions: OntologyOptions
    @Flag(help: "Also print every sentence with its recognised names and their classes.") var mentions = false
    @Flag(help: "Also print plans, hypotheses and denials (not facts).") var all = false

    func run() throws {
        let (ontology, _) = try OntologyLocation.load(ontologyOptions)
        let extractor = Extractor(ontology: ontology)
        let out = Console.Output()
        defer { out.flush() }
        try Self.forEachArticle(in: paths) { article in
            out.write("== \(article.path)\(article.title.map { ": " + $0 } ?? "")\n")
            let result = extractor.extract(article, trace: mentions ? { out.write("  " + $0 + "\n") } : nil)
            if mentions { out.write("\n") }
            let labels = Dictionary(result.entities.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
            for a in result.assertions where all || a.modality.isFact {
                let t = a.time
                var when = t?.date?.iso ?? ""
                if t?.start != nil || t?.end != nil { when = (t?.start?.iso ?? "…") + "/" + (t?.end?.iso ?? "…") }
                let s = labels[a.subject] ?? a.subject, o = labels[a.object] ?? a.object
                out.write("\(a.relation)(\(s), \(o))  \(when)  \(a.modality.rawValue)  [\(a.rule)]\n")
            }
            out.write("\n")
        }
    }

    /// Each article of `paths` (files or folders), as `kg build` reads them; warnings go to stderr.
    /// Throws when the paths hold no article file.
    static func forEachArticle(in paths: [String], _ body: (Article) throws -> Void) throws {
        let (files, warnings) = ArticleSource.discover(paths)
        for w in warnings { Console.warning(w.description) }
        if files.isEmpty { throw KGFailure(message: "no articles found in \(paths.joined(separator: ", "))") }
        for file in files {
            let (articles, readWarnings) = ArticleSource.read(file: file)
            for w in readWarnings { Console.warning(w.description) }
            for article in articles { try body(article) }
        }
    }
}
