import Foundation
import Testing
@testable import Render

/// `DOTText` writes the DOT that cgraph's agwrite writes for the same graph, byte for byte: the layout
/// reads this text back, so the drawings (and `kg render --format dot`) stay what they were when kg
/// built cgraph objects and wrote them with agwrite.
@Suite struct DOTTextTests {
    /// Swift's text and cgraph's, compared; on a difference, the first differing line of each.
    func expectSameAsCgraph(_ spec: GraphSpec, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let session = GraphvizSession()
        let reference = try session.cgraphDOT(spec)
        let mine = DOTText.write(spec)
        guard mine != reference else { return }
        let a = String(decoding: reference, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: mine, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record("\(what): line \(i + 1) differs\ncgraph: \(i < a.count ? String(a[i]) : "<end>")\nkg:     \(i < b.count ? String(b[i]) : "<end>")",
                     sourceLocation: sourceLocation)
    }

    @Test func mapsAsBuilt() throws {
        // After a render, as in kg: Graphviz's process-wide defaults (the node label "\N") are in place.
        _ = try MapRenderer().render(Fixture.sample(), layout: .dot, format: .svg)
        for layout in [Layout.dot, .neato, .sfdp] {
            try expectSameAsCgraph(try MapBuilder.build(Fixture.sample(), layout: layout), "sample \(layout)")
            try expectSameAsCgraph(try MapBuilder.build(Fixture.sample(legend: false), layout: layout), "sample without legend \(layout)")
        }
        try expectSameAsCgraph(try MapBuilder.build(Fixture.big(60), layout: .dot), "ring of 60")
        try expectSameAsCgraph(try MapBuilder.build(Fixture.big(400), layout: .sfdp), "ring of 400 (large map)")
        try expectSameAsCgraph(try MapBuilder.build(GraphMap(), layout: .dot), "empty map")
        var pinned = Fixture.sample()
        pinned.nodes[2].position = (x: -12.5, y: 300)
        try expectSameAsCgraph(try MapBuilder.build(pinned, layout: .neato), "pinned")
    }

    /// agwrite's order: subgraphs first, then nodes, each before its first appearance, out-edges by
    /// head then creation; repeated and self edges; nodes with nothing to say; empty clusters.
    @Test func nodeAndEdgeOrder() throws {
        var spec = GraphSpec()
        spec.graphAttributes = [("label", "order"), ("rankdir", "LR"), ("label", "order, again"), ("empty", "")]
        spec.nodeDefaults = [("shape", "box"), ("color", "")]
        spec.edgeDefaults = [("color", "#555555")]
        let names = ["b", "y", "a", "c", "lonely", "quiet", "x", "sub1", "sub2", "z"]
        spec.nodes = names.map { GraphSpec.Node(name: $0, attributes: [("label", $0.uppercased())]) }
        spec.nodes[5].attributes = [("shape", "box")]   // only default values: written only if needed
        spec.nodes[9].attributes = []
        let edges = [(0, 1), (2, 3), (2, 0), (2, 3), (2, 2), (3, 5), (6, 5), (6, 9), (9, 2), (7, 8), (8, 1), (6, 0), (2, 9)]
        spec.edges = edges.enumerated().map { k, e in
            GraphSpec.Edge(tail: e.0, head: e.1, attributes: k % 3 == 0 ? [] : [("label", "e\(k)"), ("color", k % 2 == 0 ? "#555555" : "red")])
        }
        spec.subgraphs = [
            .init(name: "cluster_b", attributes: [("label", ""), ("style", "filled"), ("color", "blue")], nodes: [8, 7, 7]),
            .init(name: "cluster_empty", attributes: [], nodes: []),
            .init(name: "cluster_c", attributes: [("fontsize", "11")], nodes: [3]),
        ]
        try expectSameAsCgraph(spec, "hand-made graph")
    }

    /// Quoting and long-line breaking (cgraph's _agstrcanon) on strings chosen to hit each rule, and on
    /// random strings over an alphabet of the characters that matter.
    @Test func quotingAndLineBreaks() throws {
        var strings = ["node", "Graph", "subgraph", "strict", "edge", "digraph", "12", "-1", "1-2", ".5", "1.2.3", "-", ".",
                       "-.5", "1e5", "a_b", "a-b", "_x", "é", "Ta’ang", "say \"hi\"", "back\\slash", "\\N", "#ff0000",
                       "0.12,0.05", "trailing ", " leading", "tab\there", "x\ny", "<b>not html</b>", ""]
        let word = "Brotherhood Alliance, "
        strings.append(String(repeating: word, count: 9))
        strings.append(String(repeating: "x", count: 300))
        strings.append(String(repeating: "ab.", count: 100))
        strings.append(String(repeating: "a\\\"", count: 90))
        strings.append(String(repeating: "•, ", count: 80) + "end")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        let alphabet = Array("ab Z09._-,:;\"\\/()•é’\n#&<>")
        for _ in 0..<160 {
            let length = [1, 2, 5, 60, 127, 128, 129, 130, 200, 257, 400][next() % 11]
            strings.append(String((0..<length).map { _ in alphabet[next() % alphabet.count] }))
        }
        var spec = GraphSpec()
        spec.graphAttributes = [("label", strings[0])]
        for (i, s) in strings.enumerated() {
            spec.nodes.append(.init(name: "n\(i)", attributes: [("label", s), ("tooltip", s + " " + s)]))
            if i > 0 { spec.edges.append(.init(tail: i - 1, head: i, attributes: [("label", s)])) }
        }
        spec.subgraphs = [.init(name: "cluster_0", attributes: [("label", strings[strings.count - 1])], nodes: [0])]
        try expectSameAsCgraph(spec, "hostile strings")
    }
}
