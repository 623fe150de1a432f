import Foundation
import Testing
@testable import KGCommands
@testable import Render

/// `kg render` and Graphviz's start-up: what Graphviz says while it starts is reported, and what kg
/// draws is what the Graphviz command line draws from kg's DOT.
@Suite struct RenderStartTests {
    /// What Graphviz says while it starts (here: a plugin its configuration names is missing) is
    /// reported by the render, as a warning of kg's. Graphviz's plugin folder is copied without the
    /// pango plugin (GVBINDIR); scripts/install-deps installs Graphviz where the test looks for it.
    @Test func graphvizStartUpMessagesAreReported() throws {
        let candidates = ["/usr/lib/x86_64-linux-gnu/graphviz", "/usr/lib/aarch64-linux-gnu/graphviz",
                          "/usr/lib64/graphviz", "/usr/lib/graphviz", "/usr/local/lib/graphviz"]
        let fm = FileManager.default
        let plugins = try #require(candidates.first(where: { fm.fileExists(atPath: $0 + "/config6a") }), "Graphviz's plugin folder")
        let dir = try KG.temporaryDirectory()
        defer { try? fm.removeItem(at: dir) }
        let gvbin = dir.appendingPathComponent("graphviz")
        try fm.createDirectory(at: gvbin, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: plugins) where !name.contains("pango") {
            let target = plugins + "/" + name
            if name == "config6a" {
                try fm.copyItem(atPath: target, toPath: gvbin.appendingPathComponent(name).path)
            } else {
                try fm.createSymbolicLink(atPath: gvbin.appendingPathComponent(name).path, withDestinationPath: target)
            }
        }
        let r = try KG.run(["render", "--db", RenderMapFixture.db, "--output", dir.path],
                           environment: ["GVBINDIR": gvbin.path])
        #expect(r.stderr.contains("kg: warning: Graphviz:") && r.stderr.contains("libgvplugin_pango"), "\(r.stderr)")
    }

    /// The map's path as `kg render` prints it: absolute, without "." or empty components.
    @Test func mapPathsAreAbsolute() {
        let cwd = FileManager.default.currentDirectoryPath
        #expect(RenderCommand.absolutePath("/tmp/maps/") == "/tmp/maps")
        #expect(RenderCommand.absolutePath("/tmp/./maps//x") == "/tmp/maps/x")
        #expect(RenderCommand.absolutePath("/") == "/")
        #expect(RenderCommand.absolutePath("Output") == (cwd == "/" ? "" : cwd) + "/Output")
        #expect(RenderCommand.absolutePath(".") == cwd)
        #expect(RenderCommand.absolutePath("../up") == (cwd == "/" ? "" : cwd) + "/../up")
    }

    /// The map file is written beside its final name and renamed over it, with the permissions of
    /// an ordinary new file; a failure names the reason and leaves no temporary file behind.
    @Test func aMapReplacesItsFileWhole() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("relations.svg").path
        #expect(RenderCommand.replaceFile(at: path, with: Array("first".utf8)) == nil)
        #expect(RenderCommand.replaceFile(at: path, with: Array("second, longer".utf8)) == nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second, longer")
        let mask = umask(0o022)
        umask(mask)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == Int(0o666 & ~mask))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["relations.svg"])
        let missing = dir.appendingPathComponent("no-such-folder/relations.svg").path
        let failure = RenderCommand.replaceFile(at: missing, with: [1, 2, 3])
        #expect(failure?.contains("No such file") == true, "\(failure ?? "no failure")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["relations.svg"])
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
