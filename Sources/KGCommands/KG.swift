import ArgumentParser
import Foundation
import Render
import Store

/// `kg`: build a knowledge graph from news articles, query it with SPARQL, draw it with Graphviz.
public struct KGCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kg",
        abstract: "Build a knowledge graph of actors, places and events from news articles.",
        discussion: """
            A typical session:
              kg build Examples/articles          # extract facts into ./kg.sqlite
              kg query '?who surrenderedTo ?whom'  # ask a question (short form or SPARQL)
              kg update 'INSERT DATA { … }'        # change it with SPARQL Update
              kg render                           # draw Output/relations.svg
              kg export --format jsonl            # every fact with its source sentence

            Every command takes --db PATH (or the KG_DB environment variable; default ./kg.sqlite). A writer waits up to KG_BUSY_TIMEOUT seconds (default 30) for another build or import to finish.

            Exit status: 0 success, 1 failure, 2 usage or syntax error.
            """,
        version: KGVersion.string,
        subcommands: [BuildCommand.self, ExtractCommand.self, DraftCommand.self, QueryCommand.self, UpdateCommand.self, ShowCommand.self, RenderCommand.self, TimelineCommand.self, ExportCommand.self, ImportCommand.self, DumpCommand.self, LoadCommand.self, StatsCommand.self, ParseCommand.self, ServeCommand.self]
    )

    public init() {}

    /// Ends the process with `status` once what `print` wrote is out: failing to write it (a full disk)
    /// is kg's failure too, reported, with status 1.
    public static func exit(_ status: Int32) -> Never {
        if fflush(nil) != 0 { Console.outputFailed() }
        Foundation.exit(status)
    }

    /// Runs kg with `arguments` and returns the process exit status (0 ok, 1 failure, 2 usage).
    public static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as KGFailure {
            if !failure.message.isEmpty { Console.error(failure.message) }
            return failure.code
        } catch let e as StoreError {
            if e.isBusy { Console.error(StoreOptions.busyMessage("the database")) }
            else if e.isWriteFailure {
                // what was committed before stays: each article is written whole or not at all
                Console.error("could not write the database (\(e.message)): is the disk full? The store keeps what was "
                    + "committed before the failure; run the command again when there is room")
            } else { Console.error(e.message) }
            return 1
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            Console.stderr(message)
            return code == .validationFailure ? 2 : 1
        }
    }
}

public enum KGVersion {
    public static let string = "0.1.0"
}

/// A failure with the exit status it warrants: 1 for failures, 2 for bad usage or syntax.
struct KGFailure: Error {
    var message: String
    var code: Int32 = 1
    static func usage(_ message: String) -> KGFailure { KGFailure(message: message, code: 2) }
}

/// The database option every command shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge-graph database.", valueName: "path"))
    var db: String = Environment.value("KG_DB") ?? "kg.sqlite"
}

extension StoreOptions {
    /// Opens the store, turning its errors into messages a user can act on.
    func open(readOnly: Bool = false) throws -> TripleStore {
        let wait = Environment.value("KG_BUSY_TIMEOUT").flatMap(Double.init) ?? 30
        do { return try TripleStore(path: db, readOnly: readOnly, busyTimeout: wait) } catch let e as StoreError {
            throw KGFailure(message: e.isBusy ? Self.busyMessage(db) : e.message)
        }
    }

    static func busyMessage(_ db: String) -> String {
        "another kg process (a build or an import) is writing to \(db); waited for it, giving up — try again when it has finished"
    }
}

/// kg's environment variables. One variable is read with getenv: ProcessInfo builds a dictionary of
/// the whole environment on each call, and the argument parser creates a command's options (and
/// their defaults) several times per parse.
enum Environment {
    static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}

enum Console {
    nonisolated(unsafe) static var quiet = false

    static func stderr(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
    static func error(_ text: String) { stderr("kg: error: " + text) }
    static func warning(_ text: String) { if !quiet { stderr("kg: warning: " + text) } }
    static func note(_ text: String) { if !quiet { stderr(text) } }

    static var stderrIsTerminal: Bool { isatty(2) != 0 }

    /// Standard output could not be written: says why and ends kg with status 1.
    static func outputFailed() -> Never {
        let reason = String(cString: strerror(errno))
        error("cannot write to standard output: \(reason)")
        Foundation.exit(1)
    }

    /// Writes data to stdout in large chunks (exports can be big).
    final class Output {
        private var buffer: [UInt8] = []
        init() { buffer.reserveCapacity(1 << 16) }
        func write(_ s: String) {
            buffer.append(contentsOf: s.utf8)
            if buffer.count >= 1 << 16 { flush() }
        }
        func flush() {
            guard !buffer.isEmpty else { return }
            // After what `print` wrote (stdio is flushed first, so the two stay in order); a failed write
            // (a full disk) ends kg with a message and status 1 instead of a crash or silence.
            if fflush(nil) != 0 { Console.outputFailed() }
            var offset = 0
            while offset < buffer.count {
                let n = buffer.withUnsafeBufferPointer { Foundation.write(1, $0.baseAddress! + offset, $0.count - offset) }
                if n < 0 {
                    if errno == EINTR { continue }
                    Console.outputFailed()
                }
                offset += n
            }
            buffer.removeAll(keepingCapacity: true)
        }
        deinit { flush() }
    }
}
