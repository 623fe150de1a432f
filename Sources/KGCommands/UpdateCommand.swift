import ArgumentParser
import Foundation
import SPARQL
import Store

struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change the knowledge graph with SPARQL 1.1 Update (insert, delete, load, clear, copy).",
        discussion: """
            Examples:
              kg update 'INSERT DATA { <https://ex.org/a> <https://ex.org/p> "b" }'
              kg update 'DELETE WHERE { GRAPH ?g { ?s <https://ex.org/p> ?o } }'
              kg update 'DELETE { ?s ?p "Mandalay" } INSERT { ?s ?p "Hsipaw" }
                         WHERE { ?s ?p "Mandalay" }'
              kg update 'LOAD <file:///data/extra.ttl> INTO GRAPH <https://ex.org/x>'
              kg update 'COPY GRAPH <https://ex.org/g1> TO GRAPH <https://ex.org/g2>'
              kg update --file fix.ru
              echo 'CLEAR GRAPH <https://ex.org/g2>' | kg update -
            It prints what changed (quads inserted and deleted). Operations separated by ';' run in order, in one transaction: if one fails, none is kept. Each WHERE is evaluated before its operation writes. LOAD reads local files only (file: IRIs), never the network. Syntax errors give line and column, exit 2; a failed operation (a missing graph without SILENT) exits 1.

            A write to an article's graph (one that kg build made) lasts until kg build reads that article again (its file changed); a triple deleted from an article's graph also removes that article's statements of it, and stays in the default graph unless deleted there too. See docs/update.md.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The update, or - to read it from standard input.", valueName: "update"))
    var text: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Read the update from a file.", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Stop the update after this many seconds (nothing is written).", valueName: "seconds"))
    var timeout: Double = 60

    @Flag(name: .shortAndLong, help: "Print nothing but errors.") var quiet = false

    func validate() throws {
        if text == nil && file == nil { throw ValidationError("give an update, --file FILE, or - for standard input") }
        if text != nil && file != nil { throw ValidationError("give either an update or --file, not both") }
        if !timeout.isFinite || timeout <= 0 { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() throws {
        let source = try readUpdate()
        do {
            let update = try Update.parse(source, baseIRI: file.map { URL(fileURLWithPath: $0).standardizedFileURL.absoluteString })
            let kg = try store.open()
            let summary = try UpdateEngine(store: kg).execute(update, timeout: timeout)
            if !quiet { print(Self.describe(summary)) }
        } catch let e as SPARQLError {
            throw KGFailure(message: e.description, code: e.kind == .syntax ? 2 : 1)
        }
    }

    /// "inserted 2 quads, deleted 1 quad".
    static func describe(_ s: UpdateSummary) -> String {
        func n(_ k: Int) -> String { k == 1 ? "1 quad" : "\(k) quads" }
        return "inserted \(n(s.inserted)), deleted \(n(s.deleted))"
    }

    private func readUpdate() throws -> String { try RequestText.read(text, file: file) }
}
