import Foundation
import Testing

/// Killing `kg build` at any moment leaves a store that opens, passes its checks and holds whole
/// articles only; building again completes it, equal to a clean build.
@Suite(.serialized) struct CrashSafetyTests {
    static func corpus(_ count: Int) throws -> URL {
        let dir = try KG.temporaryDirectory().appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for i in 0..<count {
            let text = """
                ---
                title: Report \(i)
                published: 2024-03-\(String(format: "%02d", i % 28 + 1))
                ---
                The Northern Front said on Monday that it had captured the town of Oakford\(i) after two days of fighting.
                Soldiers of the 12th Light Infantry Division surrendered to the Northern Front, a member of the Coastal Alliance.
                About \(100 + i) residents fled the town of Oakford\(i) last week.
                """
            try text.write(to: dir.appendingPathComponent(String(format: "a%04d.md", i)), atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test(arguments: [0.05, 0.3, 0.8])
    func killedBuildLeavesWholeArticlesAndResumes(after delay: Double) throws {
        let articles = try Self.corpus(150)
        let dir = articles.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("kg.sqlite").path
        let p = Process()
        p.executableURL = KG.executable
        p.arguments = ["build", "-q", "--db", db, articles.path]
        var env = ProcessInfo.processInfo.environment
        env["KG_ONTOLOGY"] = KG.root.appendingPathComponent("Ontology").path
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: delay)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()

        if FileManager.default.fileExists(atPath: db) {
            let check = try KG.run(["stats", "--check", "--db", db])
            // A kill before the schema was written leaves an empty file, which kg refuses clearly.
            if check.status != 0 { #expect(check.stderr.contains("empty") || check.stderr.contains("kg build"), "\(check.stderr)") }
            // Whole articles only: every article graph has the same size (they all have one shape).
            let partial = try KG.run(["query", "--db", db, "--format", "csv", """
                SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g
                """])
            if check.status == 0 {
                let counts = partial.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").last.flatMap { Int($0) } }
                // The ontology graph and article graphs of one shape: two sizes at most, none half-written.
                #expect(Set(counts).count <= 2, "graph sizes \(Set(counts))")
            }
        }
        let resumed = try KG.run(["build", "-q", "--db", db, articles.path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let clean = dir.appendingPathComponent("clean.sqlite").path
        #expect(try KG.run(["build", "-q", "--db", clean, articles.path]).status == 0)
        let a = try KG.run(["export", "--db", db, "--format", "nq"]).stdout
        let b = try KG.run(["export", "--db", clean, "--format", "nq"]).stdout
        let (resumedQuads, cleanQuads) = (Set(a.split(separator: "\n")), Set(b.split(separator: "\n")))
        #expect(resumedQuads == cleanQuads, "\(resumedQuads.subtracting(cleanQuads).count) quads only in the resumed store, \(cleanQuads.subtracting(resumedQuads).count) only in the clean one: \(resumedQuads.symmetricDifference(cleanQuads).prefix(3))")
        #expect(try KG.run(["stats", "--check", "--db", db]).status == 0)
    }
}
