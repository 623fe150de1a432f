import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
#if canImport(Glibc)
import Glibc
#endif
import Testing

// Issue #8, resource limits, through the built `kg` as a user runs it: a runaway query stops at its
// --timeout, a 5,000-node map is drawn in bounded time, output files go only into the chosen folder,
// and an import's memory stays bounded. Each child runs under a wall-clock limit (killed if it runs
// over, so a hang fails the test instead of stalling the suite) and reports its peak RSS (VmHWM).
// The big-corpus memory check (100 MB, release build, minutes) is scripts/check-memory.

/// One `kg` run: exit status, wall time, peak resident memory, and what it printed.
struct BoundedRun {
    /// Exit status; -N when killed by signal N.
    var status: Int32
    /// The wall-clock limit ran out and the child was killed with SIGKILL.
    var killed: Bool
    var seconds: Double
    /// Peak resident set size of the child (VmHWM, sampled every 10 ms while it runs), in MiB.
    var peakMiB: Double
    var stdout: String
    var stderr: String

    /// Runs `kg args…` (absolute paths only: the child inherits this process's working directory),
    /// with `environment` added, killing it after `limit` seconds.
    static func kg(_ args: [String], limit: Double, environment: [String: String] = [:]) throws -> BoundedRun {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outPath = dir.appendingPathComponent("stdout").path, errPath = dir.appendingPathComponent("stderr").path

        var env = ProcessInfo.processInfo.environment
        env["KG_ONTOLOGY"] = KG.root.appendingPathComponent("Ontology").path
        env.removeValue(forKey: "KG_DB")
        env.merge(environment) { $1 }
        let argv = ([KG.executable.path] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let start = Date()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, KG.executable.path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }

        var status: Int32 = 0, killed = false, peakKiB = 0
        while true {
            peakKiB = max(peakKiB, highWaterMarkKiB(pid))
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r == -1 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
            if Date().timeIntervalSince(start) > limit {
                kill(pid, SIGKILL)
                killed = true
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                break
            }
            usleep(10_000)
        }
        let seconds = Date().timeIntervalSince(start)
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : -signal
        func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return BoundedRun(status: code, killed: killed, seconds: seconds, peakMiB: Double(peakKiB) / 1024,
                          stdout: text(outPath), stderr: text(errPath))
    }

    /// The peak resident set of a running process so far: VmHWM in /proc/PID/status (0 once it exited).
    /// Not wait4's ru_maxrss: posix_spawn's vfork-style child shares this process's memory until exec,
    /// and Linux carries that (the whole test runner's) peak over into the child's maxrss.
    static func highWaterMarkKiB(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.dropFirst(6).filter(\.isNumber)) ?? 0
    }
}

/// N-Triples with kg's vocabulary and nothing domain-specific: `count` entities labelled
/// "Entity i" (`rdfs:label`), and relation triples between them, deterministic: a spanning tree
/// (entity i → an earlier one) plus `extra` more edges chosen by a fixed linear congruential generator.
func generatedGraph(entities count: Int, extraEdges extra: Int) -> (text: String, edges: Int) {
    let id = "https://kg.example.org/id/generated/e", kg = "https://kg.example.org/ontology#"
    let relations = ["controls", "captured", "partOf", "alliedWith", "attacked"]
    var state: UInt64 = 0x2545F4914F6CDD1D
    func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }
    var lines: [String] = []
    for i in 0..<count { lines.append("<\(id)\(i)> <http://www.w3.org/2000/01/rdf-schema#label> \"Entity \(i)\" .") }
    var seen = Set<[Int]>()
    func edge(_ s: Int, _ r: Int, _ o: Int) {
        guard s != o, seen.insert([s, r, o]).inserted else { return }
        lines.append("<\(id)\(s)> <\(kg)\(relations[r])> <\(id)\(o)> .")
    }
    for i in 1..<count { edge(i, i % relations.count, next(i)) }
    for k in 0..<extra { edge(next(count), k % relations.count, next(count)) }
    return (lines.joined(separator: "\n") + "\n", seen.count)
}

/// A store holding the ontology (an empty build) and `triples` imported into the default graph.
func storeWithImported(_ triples: String, in dir: URL) throws -> String {
    let db = dir.appendingPathComponent("kg.sqlite").path
    let empty = dir.appendingPathComponent("no-articles")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let built = try KG.run(["build", "-q", "--db", db, empty.path])
    #expect(built.status == 0, "\(built.stderr)")
    let file = dir.appendingPathComponent("graph.nt")
    try triples.write(to: file, atomically: true, encoding: .utf8)
    let imported = try KG.run(["import", "--db", db, file.path])
    #expect(imported.status == 0, "\(imported.stderr)")
    return db
}

/// Every file and folder under `dir` (relative paths), with the bytes of each regular file.
func snapshot(_ dir: URL) throws -> [String: Data?] {
    var out: [String: Data?] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: dir.path) else { return out }
    for case let path as String in walker {
        let full = dir.appendingPathComponent(path).path
        let attrs = try fm.attributesOfItem(atPath: full)
        out[path] = attrs[.type] as? FileAttributeType == .typeRegular ? fm.contents(atPath: full) : nil
    }
    return out
}

@Suite(.serialized) struct QueryTimeoutLimitTests {
    /// 8,000 entities, 16,000 triples: any 3- or 4-way product would run for hours, and one product of
    /// two patterns (256 million rows) is more than memory holds.
    static let db: String = {
        let dir = try! KG.temporaryDirectory()
        KG.removeAtExit(dir)
        return try! storeWithImported(generatedGraph(entities: 8000, extraEdges: 0).text, in: dir)
    }()

    static let blowUps = [
        // One basic graph pattern: a 4-way cross join inside SQLite (interrupted by the watchdog).
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        // Products built by the evaluator in Swift: OPTIONALs and groups without a shared variable.
        "SELECT * WHERE { ?a ?b ?c OPTIONAL { ?d ?e ?f } OPTIONAL { ?g ?h ?i } }",
        "SELECT * WHERE { { ?a ?b ?c } UNION { ?x ?y ?z } { ?d ?e ?f } { ?g ?h ?i } }",
        "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f OPTIONAL { ?g ?h ?i } } ORDER BY ?i",
    ]

    @Test(arguments: blowUps)
    func aCartesianBlowUpStopsAtTheTimeout(query: String) throws {
        // The table's and ORDER BY's budgets (QueryBudgetTests) are lifted: here the timeout stops the query.
        let r = try BoundedRun.kg(["query", "--db", Self.db, "--timeout", "1", query], limit: 120,
                                  environment: ["KG_TABLE_ROWS": "1000000000", "KG_SORT_ROWS": "1000000000"])
        #expect(!r.killed, "still running after 120 s: --timeout 1 did not stop it")
        #expect(r.status == 1, "exit status 1 (failure), as documented; got \(r.status): \(r.stderr)")
        #expect(r.stderr.contains("the query ran longer than 1 s and was stopped"), "\(r.stderr)")
        #expect(r.stdout.isEmpty, "no partial result is printed")
        // One second of work plus start-up and tear-down, in a debug build on a shared machine.
        #expect(r.seconds < 10, "stopped after \(r.seconds) s")
        // What the evaluator piles up in one second stays far from the machine's memory.
        #expect(r.peakMiB < 1024, "peak \(r.peakMiB) MiB")
    }

    @Test func theDefaultTimeoutIsTheDocumentedOne() throws {
        let help = try KG.run(["query", "--help"])
        #expect(help.status == 0)
        let line = try #require(help.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--timeout") }.map(String.init),
                                "--timeout is in `kg query --help`")
        // swift-argument-parser prints the default as "(default: 60.0)".
        let shown = try #require(line.range(of: "(default: "), "the help shows the default: \(line)")
        let seconds = String(line[shown.upperBound...].prefix { $0.isNumber })
        #expect(!seconds.isEmpty && Int(seconds)! > 0, "\(line)")
        let readme = try String(contentsOf: KG.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("`--timeout S` stops a runaway query (default \(seconds) s)"),
                "README states the same default (\(seconds) s) as `kg query --help`")
        #expect(readme.contains("Exit status: 0 success, 1 failure"), "README documents the exit status of a stopped query")
    }
}

@Suite(.serialized) struct RenderSizeLimitTests {
    @Test func aFiveThousandNodeMapIsDrawnInBoundedTime() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = generatedGraph(entities: 5000, extraEdges: 3600)
        let db = try storeWithImported(graph.text, in: dir)
        let out = dir.appendingPathComponent("maps")
        // Default layout (sfdp above 300 nodes). About 17 s in a debug build on 2 shared cores and 6 s
        // in release (docs/rendering.md); 180 s is far above either and far below a hang.
        let r = try BoundedRun.kg(["render", "--db", db, "--from-triples", "--max-nodes", "0", "--output", out.path], limit: 180)
        #expect(!r.killed, "kg render of 5,000 nodes still running after 180 s")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("(5000 nodes, \(graph.edges) edges, layout sfdp)"), "\(r.stdout)")
        let map = try DrawnMap(file: out.appendingPathComponent("relations.svg"))
        #expect(try map.groups("kind-other").count == 5000, "every entity is a node of the SVG")
        #expect(try map.groups("edge").count == graph.edges, "every fact is an edge of the SVG")
        #expect(r.peakMiB < 1024, "peak \(r.peakMiB) MiB")
    }
}

@Suite struct OutputConfinementTests {
    /// A sandbox with a working folder `work/` (the child's cwd) and a folder `outside/` holding a file
    /// that no render may touch. The test removes `root` when done.
    struct Sandbox {
        let root: URL
        var work: URL { root.appendingPathComponent("work") }
        var outside: URL { root.appendingPathComponent("outside") }
        var victim: URL { outside.appendingPathComponent("victim.svg") }
        static let victimText = "not kg's: must survive every render\n"

        init() throws {
            root = try KG.temporaryDirectory()
            for d in ["work", "outside"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(d), withIntermediateDirectories: true)
            }
            try Self.victimText.write(to: root.appendingPathComponent("outside/victim.svg"), atomically: true, encoding: .utf8)
        }

        func render(_ args: [String]) throws -> KGRun {
            try KG.run(["render", "--db", RenderMapFixture.db] + args, cwd: work)
        }

        /// What changed under the sandbox since `before`: added or modified paths.
        func changes(since before: [String: Data?]) throws -> Set<String> {
            let after = try snapshot(root)
            return Set(after.keys.filter { before[$0] == nil ? true : before[$0]! != after[$0]! })
                .union(before.keys.filter { after[$0] == nil })
        }
    }

    @Test(arguments: [("../maps", "maps"), ("../outside/../maps", "maps"), ("deep/er", "work/deep/er")])
    func aRelativeOutputWithDotDotWritesOnlyTheFolderItNames(output: String, expected: String) throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.root) }
        let before = try snapshot(box.root)
        let r = try box.render(["--output", output])
        #expect(r.status == 0, "\(r.stderr)")
        let file = "\(expected)/relations.svg"
        #expect(r.stdout.hasPrefix("wrote "), "\(r.stdout)")
        // Only the folder named (and the folders leading to it) and the one map in it are new.
        var allowed: Set<String> = [file]
        var parent = (expected as NSString).deletingLastPathComponent
        allowed.insert(expected)
        while !parent.isEmpty && parent != "work" { allowed.insert(parent); parent = (parent as NSString).deletingLastPathComponent }
        #expect(try box.changes(since: before) == allowed)
        #expect(try DrawnMap(file: box.root.appendingPathComponent(file)).nodeLabels.contains("MNDAA"))
        #expect(try String(contentsOf: box.victim, encoding: .utf8) == Sandbox.victimText)
    }

    @Test func anAbsoluteOutputWritesOnlyThere() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.root) }
        let before = try snapshot(box.root)
        let target = box.root.appendingPathComponent("abs/maps")
        let r = try box.render(["--output", target.path, "--map", "control"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try box.changes(since: before) == ["abs", "abs/maps", "abs/maps/control.svg"])
        #expect(r.stdout.contains(target.appendingPathComponent("control.svg").path), "\(r.stdout)")
    }

    /// `Output/relations.svg` (or control.svg) is a symlink to a file outside: the map replaces the
    /// link (written to a temporary file and renamed over it), the file it pointed to is untouched.
    @Test(arguments: ["relations", "control"])
    func aSymlinkInTheOutputFolderIsReplacedNotFollowed(map: String) throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.root) }
        let output = box.work.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let link = output.appendingPathComponent("\(map).svg")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: box.victim)
        // And a dangling one: the folder it points into must stay empty.
        let ghost = box.outside.appendingPathComponent("ghost")
        try FileManager.default.createDirectory(at: ghost, withIntermediateDirectories: true)
        let dangling = output.appendingPathComponent("\(map).png")
        try FileManager.default.createSymbolicLink(at: dangling, withDestinationURL: ghost.appendingPathComponent("created.png"))

        for format in ["svg", "png"] {
            let r = try box.render(["--map", map, "--format", format])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try String(contentsOf: box.victim, encoding: .utf8) == Sandbox.victimText)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ghost.path).isEmpty)
        for file in [link, dangling] {
            let type = try FileManager.default.attributesOfItem(atPath: file.path)[.type] as? FileAttributeType
            #expect(type == .typeRegular, "\(file.lastPathComponent) is now kg's own file, not a link")
        }
        #expect(try String(contentsOf: link, encoding: .utf8).contains("<svg"))
        // Nothing else appeared in the folder (no temporary file left behind).
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: output.path)) == ["\(map).svg", "\(map).png"])
    }

    /// The file name is fixed: --format is one of five words, so it cannot carry a path.
    @Test func theFormatCannotNameAnotherFile() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.root) }
        let before = try snapshot(box.root)
        let r = try box.render(["--format", "../../outside/victim.svg"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--format"), "\(r.stderr)")
        #expect(try box.changes(since: before).isEmpty)
    }

    @Test func anOutputThatIsAFileIsRefusedWithAMessage() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.root) }
        let before = try snapshot(box.root)
        let r = try box.render(["--output", box.victim.path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains(box.victim.path), "the message names the path: \(r.stderr)")
        #expect(r.stderr.contains("not a folder"), "\(r.stderr)")
        #expect(try box.changes(since: before).isEmpty)
    }
}

@Suite(.serialized) struct MemoryLimitTests {
    /// Extraction needs memory in proportion to an article's text (about 50×), so `kg build` skips an
    /// article of more than 4 MB of text with a warning naming it, and builds the rest: a 50 MB article
    /// costs the memory to read it, not the gigabytes to extract it.
    @Test func aFiftyMegabyteArticleIsSkippedInBoundedMemory() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let small = "---\ntitle: A short report\npublished: 2024-01-06\n---\nThe MNDAA captured Laukkai on 5 January 2024.\n"
        try small.write(to: articles.appendingPathComponent("short.md"), atomically: true, encoding: .utf8)
        let big = articles.appendingPathComponent("huge.md")
        FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.write(contentsOf: Data("---\ntitle: A very long text\npublished: 2024-01-06\n---\n".utf8))
        var paragraph = ""
        for i in 0..<10_000 { paragraph += "Line \(i) of a paragraph that goes on and on. " }
        let chunk = Data((paragraph + "\n\n").utf8)
        var bytes = 0
        while bytes < 50_000_000 { try handle.write(contentsOf: chunk); bytes += chunk.count }
        try handle.close()

        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try BoundedRun.kg(["build", "--db", db, articles.path], limit: 300)
        #expect(!r.killed && r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("huge.md: ") && r.stderr.contains("MB of text, more than the 4 MB one article may have; skipped"),
                "\(r.stderr)")
        #expect(r.stdout.contains("1 article extracted, 0 unchanged, 1 skipped"), "\(r.stdout)")
        #expect(r.peakMiB < 512, "peak \(r.peakMiB) MiB for a \(bytes / 1_000_000) MB article")
        let facts = try KG.run(["query", "--db", db, "MNDAA captured ?place"])
        #expect(facts.stdout.contains("Laukkai"), "the short article was built: \(facts.stdout)")
    }

    /// `kg import` streams: a 40 MB N-Triples file is read, parsed and stored in batches, so the peak is
    /// SQLite's page cache (at most 256 MiB, `PRAGMA cache_size` in TripleStore.swift, and here less: the
    /// store stays smaller than that) plus a working set, not the file or its triples held at once.
    @Test func importPeakMemoryIsFarBelowTheInput() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.nt")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        let ns = "https://kg.example.org/"
        var bytes = 0, i = 0, chunk = ""
        while bytes < 40_000_000 {
            chunk += "<\(ns)id/generated/e\(i)> <\(ns)ontology#controls> <\(ns)id/generated/e\(i / 2)> .\n"
            chunk += "<\(ns)id/generated/e\(i)> <http://www.w3.org/2000/01/rdf-schema#label> \"Generated entity number \(i)\" .\n"
            i += 1
            if chunk.utf8.count > 1 << 20 {
                bytes += chunk.utf8.count
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
        try handle.close()
        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try BoundedRun.kg(["import", "--db", db, file.path], limit: 300)
        #expect(!r.killed && r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("big.nt: \(2 * i) new triples"), "\(r.stderr)")
        let input = Double(bytes) / 1_048_576
        #expect(r.peakMiB < 256, "peak \(r.peakMiB) MiB for \(input) MiB of N-Triples")
    }
}
