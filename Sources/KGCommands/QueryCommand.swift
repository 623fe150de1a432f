import ArgumentParser
import Foundation
import Maps
import RDF
import SPARQL
import Store

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ask the knowledge graph a question in SPARQL 1.1 or the short triple-pattern form.",
        discussion: """
            Examples, in the short form (the ontology's relation names, entities' labels or aliases):
              kg query '?who surrenderedTo ?whom'
              kg query 'MNDAA controls ?place . ?place locatedIn "Shan State"'
            and in SPARQL 1.1:
              kg query 'PREFIX kg: <https://kg.example.org/ontology#>
                        SELECT ?unit ?actor WHERE { ?unit kg:surrenderedTo ?actor }'
              kg query --file question.rq --format json
              echo 'ASK { ?s ?p ?o }' | kg query -
            On a terminal, results print as a table of labels (--raw shows IRIs); --format json, xml, csv and tsv write the W3C SPARQL results formats; CONSTRUCT and DESCRIBE write Turtle, N-Triples or RDF/XML. These formats (not the table or Turtle) are written row by row as the query runs, so a query that --timeout stopped may have printed some rows (exit status 1 all the same). The table holds at most 100,000 rows (KG_TABLE_ROWS), ORDER BY sorts at most 1,000,000 solutions (KG_SORT_ROWS; ORDER BY … LIMIT keeps only the first ones): past either the query stops with a message, exit 1. --explain prints the SPARQL and the SQL it runs. Syntax errors give line and column, exit 2.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The query, or - to read it from standard input.", valueName: "query"))
    var text: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Read the query from a file.", valueName: "file"))
    var file: String?

    @Option(help: "Output format: table, json, xml, csv, tsv (SELECT/ASK); ntriples, turtle, rdfxml (CONSTRUCT/DESCRIBE).")
    var format: ResultFormat?

    @Flag(help: "Show IRIs and literals as they are instead of labels (table).") var raw = false
    @Flag(help: "Print the SPARQL and the SQL plan instead of running the query.") var explain = false

    @Option(help: ArgumentHelp("Stop a query after this many seconds.", valueName: "seconds"))
    var timeout: Double = 60

    func validate() throws {
        if text == nil && file == nil { throw ValidationError("give a query, --file FILE, or - for standard input") }
        if text != nil && file != nil { throw ValidationError("give either a query or --file, not both") }
        if !timeout.isFinite || timeout <= 0 { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() throws {
        let source = try readQuery()
        let kg = try store.open(readOnly: true)
        var sparql = source
        do {
            if ShortForm.looksLikeShortForm(source) { sparql = try ShortForm.expand(source, store: kg) }
            let query = try Query.parse(sparql, baseIRI: file.map { URL(fileURLWithPath: $0).standardizedFileURL.absoluteString })
            let engine = QueryEngine(store: kg)
            engine.maxSortedRows = Self.limit("KG_SORT_ROWS") ?? engine.maxSortedRows
            if explain {
                print(sparql)
                print(try engine.explain(query))
                return
            }
            // Solutions and triples are written as the query produces them (the table and Turtle
            // print at the end: they need the whole answer).
            let labels = Labels(store: kg)
            let out = Console.Output()
            let writer = ResultStreamWriter(format: format ?? Self.defaultFormat(for: query.form),
                                            label: raw ? nil : { labels.label($0) }, output: out.write)
            defer { out.flush() }
            writer.maxTableRows = Self.limit("KG_TABLE_ROWS") ?? Self.maxTableRows
            try engine.execute(query, timeout: timeout, writer.write)
            writer.finish()
            if writer.tableOverflowed {
                throw KGFailure(message: "more than \(writer.maxTableRows ?? 0) solutions, too many for the table (it holds every row to align "
                                + "its columns); use --format csv or tsv, which write each row as it comes, or add LIMIT")
            }
        } catch let e as SPARQLError {
            switch e.kind {
            case .syntax: throw KGFailure(message: e.description, code: 2)
            case .timeout, .evaluation: throw KGFailure(message: e.description)
            }
        }
    }

    /// The most rows the terminal table holds (KG_TABLE_ROWS sets another).
    static let maxTableRows = 100_000

    /// A positive whole number from the environment variable `name`, if set.
    static func limit(_ name: String) -> Int? {
        Environment.value(name).flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
    }

    static func defaultFormat(for form: Query.Form) -> ResultFormat {
        form == .construct || form == .describe ? .turtle : .table
    }

    private func readQuery() throws -> String { try RequestText.read(text, file: file) }
}

extension ResultFormat: ExpressibleByArgument {}

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Check a SPARQL query's or update's syntax without running it (exit 0 valid, 2 invalid).",
        discussion: """
            Example:
              kg parse --file question.rq
              kg parse 'SELECT * WHERE { ?s ?p ?o }'
              kg parse --update 'DELETE WHERE { ?s ?p ?o }'
            """)

    @Argument(help: ArgumentHelp("The query.", valueName: "query")) var text: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Read the query from a file.", valueName: "file")) var file: String?
    @Flag(help: "Read it as SPARQL 1.1 Update.") var update = false

    func validate() throws {
        if (text == nil) == (file == nil) { throw ValidationError("give a query or --file FILE") }
    }

    func run() throws {
        var source = text ?? ""
        if let file {
            guard let d = FileManager.default.contents(atPath: file) else { throw KGFailure(message: "cannot read \(file)") }
            source = String(decoding: d, as: UTF8.self)
        }
        do {
            let base = file.map { URL(fileURLWithPath: $0).standardizedFileURL.absoluteString }
            if update { _ = try Update.parse(source, baseIRI: base) } else { _ = try Query.parse(source, baseIRI: base) }
        } catch let e as SPARQLError {
            throw KGFailure(message: e.description, code: 2)
        }
    }
}
