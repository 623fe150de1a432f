import Foundation
import Testing

/// Graphviz's own warnings reach the user as kg's warnings.
@Suite struct RenderWarningsCLITests {
    @Test func graphvizWarningsArePrintedAsKgWarnings() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The project's ontology with one class colour Graphviz does not know.
        let ontology = dir.appendingPathComponent("Ontology")
        try FileManager.default.copyItem(at: KG.root.appendingPathComponent("Ontology"), to: ontology)
        let core = ontology.appendingPathComponent("core.ttl")
        let text = try String(contentsOf: core, encoding: .utf8)
        let color = ##"kg:color "#EF9A9A""##
        #expect(text.contains(color), "the armed-group colour this test replaces")
        try text.replacingOccurrences(of: color, with: #"kg:color "notacolour""#).write(to: core, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        let env = ["KG_ONTOLOGY": ontology.path]
        #expect(try KG.run(["build", "-q", "--db", db, KG.examples], environment: env).status == 0)
        let r = try KG.run(["render", "--db", db, "--output", dir.appendingPathComponent("out").path], environment: env)
        #expect(r.status == 0, "a warning does not fail the render: \(r.stderr)")
        #expect(r.stderr.contains("warning: Graphviz:"), "\(r.stderr)")
        #expect(r.stderr.contains("notacolour"), "\(r.stderr)")
    }
}
