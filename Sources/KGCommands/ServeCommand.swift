import ArgumentParser
import Foundation
import Serve

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer SPARQL queries over HTTP (the SPARQL 1.1 Protocol); with --writable, updates too.",
        discussion: """
            Serves the knowledge graph at /sparql to any SPARQL client (YASGUI, rdflib, SPARQLWrapper, Jena, curl) until Ctrl-C. It prints one line, its URL, then nothing but errors. Then ask it from another terminal:
              kg serve                            # http://127.0.0.1:8080/sparql
              kg serve --db news.sqlite --port 0  # any free port: read the line
              curl -G http://127.0.0.1:8080/sparql -H 'Accept: text/csv' \\
                --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5'
              curl http://127.0.0.1:8080/sparql   # the service description
            Queries come by GET (?query=), by POST of a form (query=) or of the query itself (Content-Type: application/sparql-query); default-graph-uri and named-graph-uri set the dataset, over the query's FROM and FROM NAMED. The Accept header chooses the format: SPARQL results JSON (the default), XML, CSV or TSV; Turtle (the default), N-Triples, RDF/XML or JSON-LD for CONSTRUCT and DESCRIBE. A syntax error is a 400 with its line and column; a query past --timeout a 503. Any web page may query it (CORS). `kg build` may write the store while the server runs (each query reads one snapshot).

            /update answers 403 unless --writable: then it takes SPARQL 1.1 Update by POST (update=… in a form, or Content-Type: application/sparql-update), one update at a time, each in one transaction, while queries go on:
              kg serve --writable
              curl http://127.0.0.1:8080/update -H 'Content-Type: application/sparql-update' \\
                --data 'INSERT DATA { <https://ex.org/a> <https://ex.org/p> "b" }'
            LOAD is refused over HTTP (it would read the server's files; use kg update), and so is an update from a web page of another origin.

            The server listens on 127.0.0.1 only. --bind 0.0.0.0 (every network) needs --allow-remote: anyone who reaches the port can then read the whole graph (and, with --writable, change it).
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The TCP port (0: any free port).", valueName: "port"))
    var port: Int = 8080

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var bind: String = "127.0.0.1"

    @Flag(help: "Allow a --bind address other machines can reach.")
    var allowRemote = false

    @Flag(help: "Take SPARQL 1.1 Update at /update (POST).")
    var writable = false

    @Option(help: ArgumentHelp("Stop a query after this many seconds (503).", valueName: "seconds"))
    var timeout: Double = 60

    @Option(help: ArgumentHelp("Queries run at once, each with its own connection (default: the cores, at least 2).",
                               valueName: "n"))
    var readers: Int?

    func validate() throws {
        if !(0...65_535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
        if !timeout.isFinite || timeout <= 0 { throw ValidationError("--timeout must be a positive number of seconds") }
        if let readers, !(1...256).contains(readers) { throw ValidationError("--readers must be 1 to 256") }
        if !allowRemote, !KGServer.isLoopback(bind) {
            throw ValidationError("--bind \(bind) would let other machines read \(writable ? "and change " : "")the whole graph; "
                + "add --allow-remote if that is what you want (the server has no authentication)")
        }
    }

    func run() throws {
        _ = try store.open(readOnly: true)  // the store's own messages (no store, not a kg store, busy)
        if writable { _ = try store.open() }  // a store the writer cannot open (read-only file) is refused now
        var settings = ServeSettings(storePath: store.db, timeout: timeout, writable: writable)
        if let readers { settings.readers = readers }
        let server = try KGServer(settings)
        defer { server.close() }
        let failure = ServeFailure()
        let done = DispatchSemaphore(value: 0)
        let (bind, port) = (bind, port)
        Task {
            do {
                try await server.run(host: bind, port: port) { url in
                    print("kg serve: listening on \(url)")
                    fflush(nil)
                }
            } catch {
                failure.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = failure.error { throw KGFailure(message: "\(error)") }
    }
}

/// The error that ended the server, set by its task and read once the task is over.
private final class ServeFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var error: Error? { lock.lock(); defer { lock.unlock() }; return stored }
    func set(_ error: Error) { lock.lock(); stored = error; lock.unlock() }
}
