import Foundation
import Testing
@testable import KGCommands

/// `kg render` starts Graphviz with the process, on the other core, while it parses its arguments
/// and reads the store; what it draws is what the Graphviz command line draws from kg's DOT.
@Suite struct RenderStartTests {
    @Test func graphvizStartsOnlyForADrawing() {
        let cases: [([String], Bool)] = [
            (["render"], true),
            (["render", "--format", "png", "--layout", "sfdp"], true),
            (["render", "--map", "control"], true),
            (["render", "--format", "dot"], false),
            (["render", "--format=dot"], false),
            (["render", "--help"], false),
            (["render", "-h"], false),
            (["query", "?s ?p ?o"], false),
            (["build", "render"], false),
            ([], false),
        ]
        for (arguments, started) in cases {
            let early = EarlyRenderer()
            early.start(for: arguments)
            #expect((early.take() != nil) == started, "\(arguments)")
            #expect(early.take() == nil, "taken once")
        }
    }

    /// The SVG `kg render` writes (Graphviz started early, on another thread) is byte for byte what
    /// `dot -Tsvg` draws from the DOT `kg render --format dot` writes: the early start changes nothing
    /// in the drawing. Needs the Graphviz command line (not installed with the libraries alone).
    @Test(arguments: ["dot", "neato", "fdp"])
    func theDrawingIsTheGraphvizCommandLines(_ layout: String) throws {
        let engine = "/usr/bin/" + layout
        guard FileManager.default.isExecutableFile(atPath: engine) else { return }
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for format in ["svg", "dot"] {
            let r = try KG.run(["render", "--db", RenderMapFixture.db, "--layout", layout, "--format", format,
                                "--output", dir.path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: engine)
        process.arguments = ["-Tsvg", dir.appendingPathComponent("relations.dot").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let drawn = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let same = try Data(contentsOf: dir.appendingPathComponent("relations.svg")) == drawn
        #expect(same, "kg render --layout \(layout) differs from \(layout) -Tsvg on its DOT")
    }
}
