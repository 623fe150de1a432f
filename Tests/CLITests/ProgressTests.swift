import Foundation
import Testing

/// `kg import`'s progress bar through the CLI (the bar itself: PipelineTests.ProgressBarTests).
@Suite struct ProgressTests {
    /// Through the CLI, stderr is a pipe, not a terminal: no bar, only the per-file note.
    @Test func importWritesNoBarToAPipe() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nt = dir.appendingPathComponent("g.nt")
        let lines = (0..<2_000).map { "<http://example.org/s\($0)> <http://example.org/p> \"o\($0)\" ." }
        try (lines.joined(separator: "\n") + "\n").write(to: nt, atomically: true, encoding: .utf8)
        let r = try KG.run(["import", "--db", dir.appendingPathComponent("kg.sqlite").path, nt.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("\r") && !r.stderr.contains("ETA"), "\(r.stderr.debugDescription)")
        #expect(r.stderr.contains("2000 new triples"), "\(r.stderr)")
    }
}
