import Foundation
import RDF
@testable import Store
import Testing

/// A standard output that cannot be written (a full disk) ends kg with a message and status 1: no
/// crash, and no silent success.
@Suite struct OutputFailureTests {
    static let db: String = {
        let dir = try! KG.temporaryDirectory()
        KG.removeAtExit(dir)
        let db = dir.appendingPathComponent("kg.sqlite").path
        _ = try! KG.run(["build", "--db", db, KG.examples])
        return db
    }()

    /// Runs kg with standard output on /dev/full.
    static func runToFullDevice(_ args: [String]) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = KG.executable
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["KG_ONTOLOGY"] = KG.root.appendingPathComponent("Ontology").path
        p.environment = env
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        p.standardOutput = full
        p.standardError = err
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [["export", "--format", "jsonl"], ["export", "--format", "nq"], ["stats"], ["timeline", "Laukkai"],
                      ["query", "SELECT ?s { ?s ?p ?o }", "--format", "tsv"]])
    func aFullDiskIsAFailureWithAMessage(_ command: [String]) throws {
        let r = try Self.runToFullDevice(command + ["--db", Self.db])
        #expect(r.status == 1, "\(command): \(r.stderr)")
        #expect(r.stderr.contains("cannot write to standard output"), "\(command): \(r.stderr)")
    }

    @Test func aTimeoutMustBeAFinitePositiveNumber() throws {
        for bad in ["nan", "inf", "-1", "0"] {
            let r = try KG.run(["query", "--db", Self.db, "--timeout", bad, "SELECT * { ?s ?p ?o } LIMIT 1"])
            #expect(r.status == 2, "\(bad): \(r.stderr)")
        }
    }
}

/// Integer arithmetic that does not fit goes on as a decimal instead of trapping (the hardening issue's
/// class 1): the absolute value and the negation of the smallest integer.
@Suite struct CheckedArithmeticTests {
    @Test func theSmallestIntegerNegatedAndItsAbsoluteValue() throws {
        let r = try KG.run(["query", "--db", OutputFailureTests.db, "--format", "tsv",
                            "SELECT (ABS(-9223372036854775808) AS ?a) (-(-9223372036854775808) AS ?n) {}"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("9223372036854775808"), "\(r.stdout)")
        #expect(!r.stdout.contains("-9223372036854775808"), "\(r.stdout)")
    }

    /// Past Int's range an integer stays an xsd:integer (class 13), and a cast with no value is an error.
    @Test func anIntegerPastTheRangeOfIntStaysAnInteger() throws {
        let r = try KG.run(["query", "--db", OutputFailureTests.db, "--format", "tsv", """
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            SELECT (9223372036854775807 + 1 AS ?sum) (DATATYPE(9223372036854775807 + 1) AS ?type)
                   (9223372036854775808 - 1 AS ?back) (xsd:integer(1e300) AS ?cast) {}
            """])
        #expect(r.status == 0, "\(r.stderr)")
        let row = r.stdout.split(separator: "\n").last.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(row == ["9223372036854775808", "<http://www.w3.org/2001/XMLSchema#integer>", "9223372036854775807", ""], "\(r.stdout)")
    }

    /// A decimal of more digits than a Foundation Decimal keeps (38) is rounded on its digits (class 13).
    @Test func roundingADecimalOfFortyOneDigits() throws {
        let x = "12345678901234567890123456789012345678901.5"
        let r = try KG.run(["query", "--db", OutputFailureTests.db, "--format", "tsv",
                            "SELECT (CEIL(\(x)) AS ?c) (FLOOR(\(x)) AS ?f) (ROUND(\(x)) AS ?r) (ROUND(-\(x)) AS ?rn) (ABS(-\(x)) AS ?a) {}"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = r.stdout.split(separator: "\n").last.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(row == ["12345678901234567890123456789012345678902.0", "12345678901234567890123456789012345678901.0",
                        "12345678901234567890123456789012345678902.0", "-12345678901234567890123456789012345678901.0",
                        "12345678901234567890123456789012345678901.5"], "\(r.stdout)")
    }
}

/// A U+0000 inside a term is kept (the hardening issue's class 9): text reaches SQLite by its length.
@Suite struct NULInTermsTests {
    @Test func twoLiteralsThatDifferAfterANULStayTwo() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nt = dir.appendingPathComponent("nul.nt")
        try "<http://e/a> <http://e/p> \"keep\\u0000tail\" .\n<http://e/a> <http://e/p> \"keep\" .\n"
            .write(to: nt, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        let load = try KG.run(["import", "--db", db, nt.path])
        #expect(load.status == 0, "\(load.stderr)")
        #expect((load.stdout + load.stderr).contains("2 new triples"), "\(load.stdout)\(load.stderr)")
        let out = try KG.run(["query", "--db", db, "--format", "ntriples", "CONSTRUCT WHERE { ?s ?p ?o }"])
        #expect(out.stdout.contains("\"keep\\u0000tail\""), "\(out.stdout)")
        #expect(out.stdout.contains("\"keep\" ."), "\(out.stdout)")
    }
}

/// Terminal escape sequences inside terms or sentences are shown as visible escapes, never sent raw
/// (the hardening issue's class 15, for the query table and `kg show`).
@Suite struct TerminalSafeOutputTests {
    @Test func anEscapeSequenceInALiteralIsShownNotObeyed() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nt = dir.appendingPathComponent("esc.nt")
        try "<http://e/a> <http://e/p> \"evil\\u001B[31mred\\u009B2J\" .\n".write(to: nt, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        _ = try KG.run(["import", "--db", db, nt.path])
        let table = try KG.run(["query", "--db", db, "SELECT ?o { ?s ?p ?o }"])
        #expect(table.stdout.contains("evil\\u001B[31mred\\u009B2J"), "\(table.stdout)")
        #expect(!table.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
        // machine formats keep the value as it is
        let tsv = try KG.run(["query", "--db", db, "--format", "tsv", "SELECT ?o { ?s ?p ?o }"])
        #expect(tsv.status == 0)
    }

    @Test func theHelperLeavesOrdinaryTextAlone() {
        #expect(TerminalText.safe("Laukkai, “Kokang”\tzone") == "Laukkai, “Kokang”\tzone")
        #expect(TerminalText.safe("a\nb\u{7}") == "a b\\u0007")
    }
}

/// Deep nesting and long chains in a query end in an answer or a syntax error, never in a stack
/// overflow (the hardening issue's class 2); dates of any year in xsd:dateTime's range compare (class 1).
@Suite struct DeepQueryTests {
    static func runFile(_ query: String, _ extra: [String] = []) throws -> KGRun {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("q.rq")
        try query.write(to: file, atomically: true, encoding: .utf8)
        return try KG.run(["query", "--db", OutputFailureTests.db, "--format", "tsv", "--file", file.path] + extra)
    }

    @Test(arguments: [("{", "}"), ("FILTER(", ")"), ("OPTIONAL {", "}")])
    func nestingPastTheBoundIsASyntaxErrorWithItsPlace(_ open: String, _ close: String) throws {
        let opens = open == "FILTER(" ? "FILTER(" + String(repeating: "(", count: 5000) : String(repeating: open, count: 5000)
        let closes = open == "FILTER(" ? "1" + String(repeating: ")", count: 5001) : String(repeating: close, count: 5000)
        let r = try Self.runFile("SELECT * { " + opens + closes + " }")
        #expect(r.status == 2, "\(r.stderr.prefix(300))")
        #expect(r.stderr.contains("nested more than"), "\(r.stderr.prefix(300))")
        #expect(r.stderr.contains("line 1, column"), "\(r.stderr.prefix(300))")
    }

    @Test func aLongChainOfAlternativesIsAnswered() throws {
        let or = "SELECT ?x { BIND(3 AS ?x) FILTER(" + (0..<40000).map { "?x = \($0)" }.joined(separator: " || ") + ") }"
        let r = try Self.runFile(or)
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
        #expect(r.stdout.split(separator: "\n").last == "3", "\(r.stdout)")
        let union = "SELECT ?x { " + (0..<5000).map { "{ BIND(\($0) AS ?x) }" }.joined(separator: " UNION ") + " } ORDER BY DESC(?x) LIMIT 1"
        let u = try Self.runFile(union)
        #expect(u.status == 0, "\(u.stderr.prefix(300))")
        #expect(u.stdout.split(separator: "\n").last == "4999", "\(u.stdout)")
    }

    @Test func datesOfAnyYearCompareWithoutTrapping() throws {
        let q = """
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            SELECT ?x { VALUES ?x { "300000000000-01-01T00:00:00"^^xsd:dateTime "-9000000000000000000-01-01T00:00:00"^^xsd:dateTime
              "2020-01-01T00:00:00"^^xsd:dateTime "9000000000000000000-01-01"^^xsd:date } } ORDER BY ?x
            """
        let r = try Self.runFile(q)
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
        let years = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "^").first.map(String.init) ?? "" }
        #expect(years.map { $0.contains("-9000000000000000000") } == [true, false, false, false], "\(r.stdout)")
        #expect(years.last?.contains("9000000000000000000-01-01") == true, "\(r.stdout)")
    }
}

/// A store that cannot be written in the middle of a build (a full disk, here a file-size limit) ends
/// the build with a message and status 1, not a crash, and leaves a store that passes its checks (the
/// hardening issue's classes 3 and 12).
@Suite struct FullDiskBuildTests {
    @Test func aBuildThatCannotWriteEndsWithAMessageAndACheckedStore() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        for i in 0..<400 {
            let text = "---\ntitle: Report \(i)\npublished: 2024-03-\(10 + i % 18)\n---\n"
                + "The Velor Front \(i % 7) captured the town of Orvale\(i) on Monday, residents said. "
                + "Fighters of the Dorvan Army \(i % 5) fled to Kessel\(i) after the battle for the bridge at Marn\(i).\n"
            try text.write(to: articles.appendingPathComponent("a\(i).md"), atomically: true, encoding: .utf8)
        }
        let db = dir.appendingPathComponent("kg.sqlite").path
        for limitKB in [2500, 3500, 5000] {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            let r = try KG.runWithFileSizeLimit(limitKB, ["build", "-q", "--db", db, articles.path])
            let message = r.stderr
            #expect(r.exited, "\(limitKB) KB: ended by a signal: \(message)")
            #expect([0, 1].contains(r.status), "\(limitKB) KB: \(message)")
            if r.status == 1 {
                #expect(message.contains("is the disk full?"), "\(limitKB) KB: \(message)")
            }
            guard FileManager.default.fileExists(atPath: db) else { continue }
            let check = try KG.run(["stats", "--check", "--db", db])
            #expect(check.status == 0 || check.stderr.contains("not a kg database") || check.stderr.contains("empty"),
                    "\(limitKB) KB: \(check.stderr)")
        }
    }

    @Test func anImportThatCannotWriteCountsOnlyWhatItStored() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data.nt")
        var text = ""
        for i in 0..<60_000 {
            text += "<https://example.org/entity/\(i)/with/a/long/path> <https://example.org/p\(i % 9)> \"value \(i), a literal long enough\" .\n"
        }
        try text.write(to: data, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try KG.runWithFileSizeLimit(3000, ["import", "--db", db, data.path])
        let message = r.stderr
        #expect(r.exited && r.status == 1, "\(message)")
        #expect(message.contains("is the disk full?"), "\(message)")
        // the count it reports is what the store holds
        let reported = message.components(separatedBy: "data.nt: ").last.flatMap { Int($0.prefix { $0.isNumber }) }
        let stats = try KG.run(["stats", "--db", db])
        let stored = stats.stdout.components(separatedBy: "triples      ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }
        #expect(reported != nil && reported == stored, "reported \(String(describing: reported)), stored \(String(describing: stored)): \(message)")
    }

    @Test func aStoreLeftWithoutItsIndexesPassesTheCheckOfItsNextReader() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["build", "-q", "--db", db, KG.examples]).status == 0)
        // what a first build killed before its last step leaves
        do {
            let store = try TripleStore(path: db)
            try store.connection.execute("DROP INDEX quad_posg; DROP INDEX quad_ospg; DROP INDEX quad_gspo")
        }
        let check = try KG.run(["stats", "--check", "--db", db])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("check        ok"), "\(check.stdout)")
    }
}

/// An article file that no longer holds an article loses its facts; one that is gone from a folder
/// that is not there any more keeps them (the hardening issue's class 10).
@Suite struct EmptiedArticleTests {
    @Test(arguments: ["empty", "binary"])
    func aFileThatNoLongerHoldsAnArticleLosesItsFacts(_ kind: String) throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        for name in ["01-operation-1027-begins.md", "02-chinshwehaw-falls.md"] {
            try FileManager.default.copyItem(atPath: KG.examples + "/" + name, toPath: articles.appendingPathComponent(name).path)
        }
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["build", "-q", "--db", db, articles.path]).status == 0)
        let bytes: [UInt8] = kind == "empty" ? [] : [0x00, 0xFF, 0xFE, 0x00, 0x01, 0x02, 0x00, 0x9F]
        try Data(bytes).write(to: articles.appendingPathComponent("02-chinshwehaw-falls.md"))
        let r = try KG.run(["build", "--db", db, articles.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("02-chinshwehaw-falls.md: no article in the file any more; its facts were removed"), "\(r.stderr)")
        let show = try KG.run(["show", "--db", db, "Chinshwehaw"])
        #expect(!show.stdout.contains("fell to the MNDAA"), "\(show.stdout)")
        let stats = try KG.run(["stats", "--db", db])
        #expect(stats.stdout.contains("articles     1"), "\(stats.stdout)")
        // a folder given that is not there removes nothing
        let gone = try KG.run(["build", "--db", db, dir.appendingPathComponent("elsewhere").path])
        #expect(gone.status != 0)
        #expect(try KG.run(["stats", "--db", db]).stdout.contains("articles     1"))
    }
}

/// A regular expression ICU cannot match in reasonable work is an error, never a wrong `false`
/// (the hardening issue's class 6).
/// A file whose name is not UTF-8 cannot be named by kg (paths are text): it is skipped with a warning
/// that says so, and the other articles are built.
@Suite struct NonUTF8FileNameTests {
    @Test func aFileNameThatIsNotUTF8IsSkippedAndSaidSo() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: KG.examples + "/02-chinshwehaw-falls.md",
                                         toPath: dir.appendingPathComponent("02-chinshwehaw-falls.md").path)
        // "a\xFF.txt": created through the bytes of its path
        let path = Array(dir.path.utf8) + Array("/a".utf8) + [0xFF] + Array(".txt".utf8) + [0]
        let fd = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(fd >= 0)
        let text = Array("The Velor Front captured Qelvar on Monday.\n".utf8)
        #expect(text.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) } == text.count)
        close(fd)
        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try KG.run(["build", "--db", db, dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("the file name is not valid UTF-8"), "\(r.stderr)")
        #expect(!r.stderr.contains("does not exist"), "\(r.stderr)")
        #expect(try KG.run(["stats", "--db", db]).stdout.contains("articles     1"))
    }
}

/// A store in a read-only folder cannot be opened (SQLite must write its -shm and -wal files beside
/// it): kg says so and how to go on, instead of "not a kg database". Run as a user the folder denies
/// (as root, through `setpriv` as nobody, when kg's binary is reachable by others).
@Suite struct ReadOnlyStoreTests {
    /// The command line that runs kg as a user a read-only folder denies, if this machine has one.
    static let runner: [String]? = {
        if geteuid() != 0 { return [] }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
        // every folder up to kg must let others in
        var url = KG.executable
        while url.path != "/" {
            guard let mode = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int,
                  mode & 0o001 != 0 else { return nil }
            url = url.deletingLastPathComponent()
        }
        return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    }()

    @Test(.enabled(if: Self.runner != nil, "needs a user a read-only folder denies"))
    func aStoreInAReadOnlyFolderSaysSo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
            try? FileManager.default.removeItem(at: dir)
        }
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["build", "-q", "--db", db, KG.examples]).status == 0)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        let runner = try #require(Self.runner)
        let r = runner.isEmpty ? try KG.run(["stats", "--db", db])
            : try KG.run(Array(runner.dropFirst()) + [KG.executable.path, "stats", "--db", db], executable: URL(fileURLWithPath: runner[0]))
        let message = r.stderr
        #expect(r.status == 1, "\(message)")
        #expect(message.contains("read-only") && message.contains("copy the store to a writable folder"), "\(message)")
        #expect(!message.contains("not a kg database"), "\(message)")
    }
}

@Suite struct RegexBudgetTests {
    @Test func aPatternThatBacktracksWithoutEndIsAnErrorNotFalse() throws {
        let long = String(repeating: "x", count: 200_000)
        for (text, pattern) in [("aaaaaaaaaaaaaaaaaaaaaaaaa!", "(.*a){20}"), (long, "^(x|xx)+$")] {
            let r = try DeepQueryTests.runFile("SELECT (REGEX(\"\(text)\", \"\(pattern)\") AS ?m) {}")
            #expect(r.status == 1, "\(pattern): \(r.stdout.suffix(100)) \(r.stderr)")
            #expect(r.stderr.contains("too complex to match"), "\(pattern): \(r.stderr)")
        }
    }

    @Test func ordinaryPatternsStillMatchAndReplace() throws {
        let r = try DeepQueryTests.runFile(#"SELECT (REPLACE("abcabc", "b(c)", "[$1]") AS ?r) (REGEX("Laukkai", "^lau", "i") AS ?m) {}"#)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("\"a[c]a[c]\"\ttrue\n"), "\(r.stdout)")
    }
}

/// A basic graph pattern larger than SQLite's 64-table join is answered (the hardening issue's class 13).
@Suite struct LargePatternTests {
    @Test func seventyTriplePatternsAreAnswered() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nt = dir.appendingPathComponent("chain.nt")
        try (0..<80).map { "<http://e/n\($0)> <http://e/next> <http://e/n\($0 + 1)> .\n" }.joined()
            .write(to: nt, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["import", "-q", "--db", db, nt.path]).status == 0)
        let query = "SELECT ?start { " + (0..<70).map { "?x\($0) <http://e/next> ?x\($0 + 1) ." }.joined(separator: " ")
            + " BIND(?x0 AS ?start) } ORDER BY ?start"
        let r = try KG.run(["query", "--db", db, "--format", "tsv", query])
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
        // chains of 70 steps start at n0 … n10
        #expect(r.stdout.split(separator: "\n").count == 12, "\(r.stdout)")
    }
}
