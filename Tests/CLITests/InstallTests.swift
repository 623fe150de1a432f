import Foundation
import Ontology
import OntologyData
import Testing
@testable import KGCommands

/// kg carries its ontology: a copy of the executable anywhere, run from any folder, builds the examples.
@Suite(.serialized) struct InstallTests {
    @Test func aCopiedKgBuildsTheExamplesFromAnyFolder() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bin = dir.appendingPathComponent("bin")
        let work = dir.appendingPathComponent("work")
        for d in [bin, work] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        let copy = bin.appendingPathComponent("kg")
        // copied by cp: a file this (multi-threaded) process wrote could still be open in a child another
        // test forks at that moment, and executing it would fail with "text file busy"
        let cp = Process()
        cp.executableURL = URL(fileURLWithPath: "/bin/cp")
        cp.arguments = [KG.executable.path, copy.path]
        try cp.run()
        cp.waitUntilExit()
        #expect(cp.terminationStatus == 0)
        let link = dir.appendingPathComponent("kg-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: copy)
        let examples = KG.root.appendingPathComponent("Examples/articles").path
        for exe in [copy, link] {
            let db = work.appendingPathComponent("kg-\(exe.lastPathComponent).sqlite").path
            // no Ontology/ folder beside it or in the working folder, and no KG_ONTOLOGY
            let r = try KG.run(["build", "--db", db, examples], cwd: work, environment: ["KG_ONTOLOGY": ""], executable: exe)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("5 articles extracted"), "\(r.stdout)")
            let q = try KG.run(["query", "--db", db, "?who controls Laukkai"], cwd: work, environment: ["KG_ONTOLOGY": ""], executable: exe)
            #expect(q.stdout.contains("MNDAA"), "\(q.stdout)")
        }
    }

    @Test func theBuiltInOntologyIsTheOntologyFolder() throws {
        let folder = try Ontology.load(directory: KG.root.appendingPathComponent("Ontology").path)
        let builtIn = try Ontology.load(files: try OntologyLocation.files(OntologyOptions.parse([])))
        #expect(builtIn.quads == folder.quads, "rebuild kg after editing Ontology/")
        #expect(builtIn.places.count == folder.places.count)
        #expect(EmbeddedOntology.files.contains { $0.path == "core.ttl" })
    }

    @Test func addedTurtleExtendsTheBuiltInOntology() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let war = dir.appendingPathComponent("orvan.ttl")
        try """
            @prefix kg: <https://kg.example.org/ontology#> .
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            <https://kg.example.org/id/velor-front> a kg:ArmedGroup ; skos:prefLabel "Velor Front" ; skos:altLabel "VLF" .
            """.write(to: war, atomically: true, encoding: .utf8)
        let article = dir.appendingPathComponent("a.md")
        try "---\ntitle: T\npublished: 2024-03-04\n---\nThe VLF captured Orvanto on Monday.\n".write(to: article, atomically: true, encoding: .utf8)
        let plain = try KG.run(["extract", article.path], cwd: dir, environment: ["KG_ONTOLOGY": ""])
        #expect(!plain.stdout.contains("Velor Front"), "\(plain.stdout)")
        let added = try KG.run(["extract", "--add-ontology", war.path, article.path], cwd: dir, environment: ["KG_ONTOLOGY": ""])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("captured(Velor Front, Orvanto)"), "\(added.stdout)")
        let missing = try KG.run(["extract", "--add-ontology", dir.appendingPathComponent("none.ttl").path, article.path], cwd: dir)
        #expect(missing.status == 2 && missing.stderr.contains("none.ttl does not exist"), "\(missing.stderr)")
    }
}
