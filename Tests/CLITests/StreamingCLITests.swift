import Foundation
import Testing

/// Issue #5, streaming through `kg query`: the W3C formats are written while the query runs, so a
/// query stopped by --timeout has already printed rows (the table waits for the whole answer and
/// prints nothing), and a LIMIT answers from a large store with only its rows.
@Suite(.serialized) struct StreamingCLITests {
    /// A store of 8,000 entities and 16,000 triples (as the timeout tests), removed afterwards.
    static func withStore(_ body: (String) throws -> Void) throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(try storeWithImported(generatedGraph(entities: 8000, extraEdges: 0).text, in: dir))
    }

    static let product = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"

    @Test func rowsArePrintedBeforeTheQueryEnds() throws {
        try Self.withStore { db in
            for format in ["tsv", "csv", "json", "xml"] {
                // A four-way product runs for hours: what it printed in one second was written while it ran.
                let r = try BoundedRun.kg(["query", "--db", db, "--format", format, "--timeout", "1", Self.product], limit: 120)
                #expect(!r.killed)
                #expect(r.status == 1, "\(r.stderr)")
                #expect(r.stderr.contains("the query ran longer than 1 s and was stopped"), "\(r.stderr)")
                let lines = r.stdout.split(whereSeparator: \.isNewline)
                let header: String = switch format {
                case "tsv": "?a\t?b\t?c\t?d"
                case "csv": "a,b,c,d"
                case "json": "{\"head\":{\"vars\":[\"a\",\"b\",\"c\",\"d\""
                default: "<?xml version=\"1.0\"?>"
                }
                #expect(lines.first.map { $0.hasPrefix(header) } == true, "\(format): \(r.stdout.prefix(200))")
                #expect(lines.count > 100, "\(format): \(lines.count) lines before the timeout")
                // Memory does not grow with the rows written.
                #expect(r.peakMiB < 512, "\(format): peak \(r.peakMiB) MiB")
            }
            // The table measures its columns over every row: nothing is printed before the end.
            let table = try BoundedRun.kg(["query", "--db", db, "--timeout", "1", Self.product], limit: 120)
            #expect(table.status == 1)
            #expect(table.stdout.isEmpty)
        }
    }

    @Test func formatsWriteEveryRowOnce() throws {
        try Self.withStore { db in try Self.everyRowOnce(db) }
    }

    static func everyRowOnce(_ db: String) throws {
        let all = try KG.run(["query", "--db", db, "--format", "tsv", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"])
        #expect(all.status == 0, "\(all.stderr)")
        let rows = all.stdout.split(separator: "\n").dropFirst()
        let total = try KG.run(["query", "--db", db, "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"])
        #expect(total.stdout.split(separator: "\r\n").last.map(String.init) == String(rows.count))
        #expect(Set(rows).count == rows.count)
        let json = try KG.run(["query", "--db", db, "--format", "json", "SELECT ?s ?o WHERE { ?s ?p ?o } LIMIT 3"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let bindings = (object?["results"] as? [String: Any])?["bindings"] as? [Any]
        #expect(bindings?.count == 3, "\(json.stdout)")
        let nt = try KG.run(["query", "--db", db, "--format", "ntriples",
                             "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"])
        #expect(nt.status == 0)
        #expect(nt.stdout.split(separator: "\n").count == 5 && nt.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(" .") })
    }
}
