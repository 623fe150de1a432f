import Foundation
import Testing

/// `kg import --graph IRI=FILE` loads a file into a named graph.
@Suite struct ImportGraphCLITests {
    @Test func graphOptionLoadsIntoTheNamedGraph() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = dir.appendingPathComponent("one.ttl"), two = dir.appendingPathComponent("two.nt")
        try "<http://example.org/a> <http://example.org/p> \"in g1\" .\n".write(to: one, atomically: true, encoding: .utf8)
        try "<http://example.org/b> <http://example.org/p> \"default\" .\n".write(to: two, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try KG.run(["import", "-q", "--db", db, "--graph", "http://example.org/g=1=\(one.path)", two.path])
        #expect(r.status == 0, "\(r.stderr)")
        let q = try KG.run(["query", "--db", db, "--format", "csv",
                            "SELECT ?g ?o WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } ORDER BY ?o"])
        #expect(q.status == 0, "\(q.stderr)")
        let rows = q.stdout.split(whereSeparator: \.isNewline).dropFirst().map(String.init)
        // The IRI may itself contain '=': the last '=' splits.
        #expect(rows == [",default", "http://example.org/g=1,in g1"], "\(rows)")
        let bad = try KG.run(["import", "-q", "--db", db, "--graph", "no-equals-sign"])
        #expect(bad.status == 2, "\(bad.stderr)")
    }
}
