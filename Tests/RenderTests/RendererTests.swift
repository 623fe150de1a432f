import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Render

@Suite struct RendererTests {
    @Test func everyFormatRenders() throws {
        let renderer = MapRenderer()
        let map = Fixture.sample()
        let svg = try renderer.render(map, layout: .dot, format: .svg)
        #expect(String(decoding: svg.prefix(5), as: UTF8.self) == "<?xml")
        let png = try renderer.render(map, layout: .dot, format: .png)
        #expect(png.prefix(4) == [0x89, 0x50, 0x4E, 0x47])
        let pdf = try renderer.render(map, layout: .dot, format: .pdf)
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
        let json = try renderer.render(map, layout: .dot, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        #expect(object["name"] as? String == "kg")
        let dot = String(decoding: try renderer.render(map, layout: .dot, format: .dot), as: UTF8.self)
        #expect(dot.hasPrefix("digraph kg {"))
        #expect(dot.contains("layout=dot"))
        #expect(!dot.contains("pos="))  // not laid out
    }

    @Test(arguments: MapFormat.allCases)
    func outputIsDeterministic(_ format: MapFormat) throws {
        // One cluster plus no legend (several clusters: multipleClustersAreDeterministic).
        let map = Fixture.sample(legend: false)
        let first = try MapRenderer().render(map, layout: .dot, format: format)
        let renderer = MapRenderer()
        let second = try renderer.render(map, layout: .dot, format: format)
        let third = try renderer.render(map, layout: .dot, format: format)
        let stable = first == second && second == third  // a Bool, so a failure does not print the bytes
        #expect(stable, "\(format) output differs between renders")
        if !stable {
            // The three outputs go with the failure: `swift test --attachments-path <folder>` saves them.
            Attachment.record(first, named: "det-\(format)-1")
            Attachment.record(second, named: "det-\(format)-2")
            Attachment.record(third, named: "det-\(format)-3")
        }
    }

    /// cgraph orders subgraphs by ID; kg's ID discipline numbers them in creation order (and gives
    /// cgraph pooled names, so no name is mistaken for an HTML-like one), so several clusters (one plus
    /// the legend) come out byte-identical render after render.
    @Test func multipleClustersAreDeterministic() throws {
        let renderer = MapRenderer()
        var outputs = try (0..<4).map { _ in try renderer.render(Fixture.sample(), layout: .dot, format: .svg) }
        outputs.append(try MapRenderer().render(Fixture.sample(), layout: .dot, format: .svg))
        #expect(Set(outputs).count == 1)
        let dot = String(decoding: try renderer.render(Fixture.sample(), layout: .dot, format: .dot), as: UTF8.self)
        #expect(!dot.contains("<kg>") && !dot.contains("<cluster"), "names are plain IDs, never HTML-like")
    }

    /// A drawing does not depend on what the process drew before. sfdp and fdp draw from the C
    /// library's random generators without always seeding them, and fdp directs edges by comparing
    /// node addresses (Graphviz 2.43): kg resets the generators before each layout and gives fdp's
    /// graphs memory in creation order. The map with clusters exercises fdp's derived graphs.
    @Test(arguments: [Layout.neato, .circo, .fdp, .sfdp])
    func forceLayoutsAreDeterministic(_ layout: Layout) throws {
        var clustered = Fixture.big(60)
        clustered.clusters = [MapCluster(id: "a", label: "A"), MapCluster(id: "b", label: "B")]
        for i in 0..<12 { clustered.nodes[i * 5].cluster = i % 2 == 0 ? "a" : "b" }
        for map in [Fixture.big(60), clustered] {
            let renderer = MapRenderer()
            let first = try renderer.render(map, layout: layout, format: .svg)
            _ = try renderer.render(Fixture.sample(), layout: layout, format: .svg)  // disturb any global state
            _ = try renderer.render(Fixture.big(90), layout: layout, format: .svg)
            let second = try renderer.render(map, layout: layout, format: .svg)
            let third = try MapRenderer().render(map, layout: layout, format: .svg)
            let same = first == second && second == third  // a Bool, so a failure does not print the bytes
            #expect(same, "\(layout) output differs between renders (\(map.clusters.count) clusters)")
        }
    }

    /// `prepare` starts Graphviz (context, plugins, fonts) on another thread; the next render waits
    /// for it and draws the same bytes as a renderer that was not prepared, with every layout.
    @Test(arguments: Layout.allCases)
    func aPreparedRendererDrawsTheSame(_ layout: Layout) throws {
        let map = Fixture.big(40)
        let reference = try MapRenderer().render(map, layout: layout, format: .svg)
        let prepared = MapRenderer(freesGraphs: false)
        prepared.prepare()
        let drawn = try prepared.render(map, layout: layout, format: .svg)
        let again = MapRenderer()
        again.prepare()
        again.prepare()  // twice: the second start-up finds the context made and waits its turn
        let png = try again.render(Fixture.sample(), layout: layout, format: .png)
        let same = drawn == reference  // a Bool, so a failure does not print the bytes
        #expect(same, "\(layout)")
        #expect(png.prefix(4) == [0x89, 0x50, 0x4E, 0x47])
    }

    /// A renderer for a process about to exit leaves its graphs unfreed and draws the same bytes.
    @Test(arguments: [Layout.dot, .sfdp, .fdp])
    func notFreeingGraphsDrawsTheSame(_ layout: Layout) throws {
        let keeping = MapRenderer(freesGraphs: false)
        let first = try keeping.render(Fixture.sample(), layout: layout, format: .svg)
        let second = try keeping.render(Fixture.sample(), layout: layout, format: .svg)
        let reference = try MapRenderer().render(Fixture.sample(), layout: layout, format: .svg)
        let same = first == reference && second == reference
        #expect(same, "\(layout)")
    }

    @Test func automaticLayout() {
        #expect(Layout.automatic(nodeCount: 10) == .dot)
        #expect(Layout.automatic(nodeCount: 300) == .dot)
        #expect(Layout.automatic(nodeCount: 301) == .sfdp)
        #expect(Layout.automatic(nodeCount: 50_000) == .sfdp)
    }

    @Test func thousandNodesWithSfdp() throws {
        let map = Fixture.big(1_000)
        let clock = ContinuousClock()
        var bytes: [UInt8] = []
        let elapsed = try clock.measure {
            bytes = try MapRenderer().render(map, layout: Layout.automatic(nodeCount: map.nodes.count), format: .svg)
        }
        #expect(elapsed < .seconds(10))
        let svg = try SVG(bytes)
        #expect(try svg.groups("node").count == 1_000)
        #expect(try svg.groups("rel-next").count == 1_000)
    }

    @Test func pinnedNodesKeepTheirPlaces() throws {
        var map = GraphMap(title: "Pinned")
        map.nodes = [
            MapNode(id: "left", label: "Left", position: (x: 0, y: 0)),
            MapNode(id: "right", label: "Right", position: (x: 400, y: 0)),
            MapNode(id: "top", label: "Top", position: (x: 200, y: 300)),
            MapNode(id: "free", label: "Free"),
        ]
        map.edges = [MapEdge(from: "left", to: "right"), MapEdge(from: "free", to: "top")]
        let dot = String(decoding: try render(map, .dot, .dot), as: UTF8.self)
        #expect(dot.contains("layout=neato"))  // dot cannot pin
        #expect(dot.contains(#"pos="5.556,0.000!""#))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try render(map, .dot, .json))) as? [String: Any])
        let objects = try #require(json["objects"] as? [[String: Any]])
        var positions: [String: (Double, Double)] = [:]
        for object in objects {
            guard let label = object["label"] as? String, let pos = object["pos"] as? String else { continue }
            let parts = pos.split(separator: ",").compactMap { Double($0.replacingOccurrences(of: "!", with: "")) }
            if parts.count == 2 { positions[label] = (parts[0], parts[1]) }
        }
        let left = try #require(positions["Left"]), right = try #require(positions["Right"])
        let top = try #require(positions["Top"])
        #expect(abs((right.0 - left.0) - 400) < 1)
        #expect(abs((top.1 - left.1) - 300) < 1)
    }

    @Test func inconsistentMapsAreRejected() {
        var map = Fixture.sample()
        map.edges.append(MapEdge(from: "a", to: "nobody"))
        #expect(throws: RenderError.self) { try render(map) }
        map = Fixture.sample()
        map.nodes.append(MapNode(id: "a"))
        #expect(throws: RenderError.self) { try render(map) }
        map = Fixture.sample()
        map.nodes[0].cluster = "missing"
        #expect(throws: RenderError.self) { try render(map) }
    }

    @Test func graphvizErrorsBecomeRenderErrors() throws {
        let renderer = MapRenderer()
        let spec = try MapBuilder.build(Fixture.sample(), layout: .dot)
        let badLayout = #expect(throws: RenderError.self) {
            try renderer.render(spec, engine: "no-such-layout", output: .rendered(format: "svg"))
        }
        #expect(badLayout?.message.contains("no-such-layout") == true)
        #expect(badLayout?.message.contains("not recognized") == true)
        let badFormat = #expect(throws: RenderError.self) {
            try renderer.render(spec, engine: "dot", output: .rendered(format: "no-such-format"))
        }
        #expect(badFormat?.message.contains("format \"no-such-format\" is not available") == true)
        // The renderer still works afterwards.
        let svg = try renderer.render(Fixture.sample(), layout: .dot, format: .svg)
        #expect(!svg.isEmpty)
        #expect(renderer.lastWarnings.isEmpty)
    }

    @Test func graphvizWarningsAreKept() throws {
        var map = Fixture.sample()
        map.nodes[0].style.fillColor = "notacolour"
        let renderer = MapRenderer()
        _ = try renderer.render(map, layout: .dot, format: .svg)
        #expect(renderer.lastWarnings.contains { $0.contains("notacolour") })
    }

    @Test func graphvizErrorsFailTheRender() throws {
        // neato reports a malformed position as an error ("expected two doubles") and draws anyway.
        var spec = try MapBuilder.build(Fixture.sample(), layout: .neato)
        spec.nodes[0].attributes.append(("pos", "not-a-position"))
        let renderer = MapRenderer()
        let error = #expect(throws: RenderError.self) {
            try renderer.render(spec, engine: "neato", output: .rendered(format: "svg"))
        }
        #expect(error?.message.contains("Graphviz reported an error") == true, "\(String(describing: error))")
        #expect(error?.message.contains("not-a-position") == true, "Graphviz's own message is kept")
        // The next render starts clean.
        #expect(!(try renderer.render(Fixture.sample(), layout: .neato, format: .svg)).isEmpty)
    }

    @Test func emptyMapRenders() throws {
        let svg = try SVG(try render(GraphMap()))
        #expect(try svg.groups("node").isEmpty)
    }

    @Test func pdfDateIsFixed() {
        let stamp = Array("x/CreationDate (D:20261125101235Z)y".utf8)
        #expect(PDFDate.normalized(stamp) == Array("x/CreationDate (D:20000101000000Z)y".utf8))
    }

    /// The sample map as PNG, for a person to look at: `swift test --attachments-path <folder>` saves it.
    @Test func sampleImageForReview() throws {
        let png = try render(Fixture.sample(), .dot, .png)
        Attachment.record(png, named: "render-sample.png")
    }
}
