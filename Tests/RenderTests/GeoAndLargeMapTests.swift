import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Render

/// Centre of a node group in SVG coordinates (x grows right, y grows down), from its label text.
func svgCenter(_ node: XMLElement) throws -> (x: Double, y: Double) {
    let text = try #require(node.first("text"))
    return (try #require(text.attr("x").flatMap(Double.init)), try #require(text.attr("y").flatMap(Double.init)))
}

@Suite struct GeoProjectionTests {
    @Test func eastIsRightAndNorthIsUp() {
        // Lashio, Hsenwi, Laukkai, Chinshwehaw (approximately).
        let pts = GeoProjection.project([(22.93, 97.75), (23.30, 97.97), (23.69, 98.76), (23.94, 98.94)])
        #expect(pts[0].x < pts[1].x && pts[1].x < pts[2].x && pts[2].x < pts[3].x)
        #expect(pts[0].y < pts[1].y && pts[1].y < pts[2].y && pts[2].y < pts[3].y)
        #expect(pts.allSatisfy { $0.x >= 0 && $0.y >= 0 })
    }

    @Test func readableSizeAndSeparatedPlaces() {
        let pts = GeoProjection.project([(20.0, 96.0), (25.0, 101.0), (23.00, 98.00), (23.01, 98.01)])
        let width = pts.map(\.x).max()! - pts.map(\.x).min()!, height = pts.map(\.y).max()! - pts.map(\.y).min()!
        #expect(max(width, height) <= GeoProjection.maxExtent + 0.001)
        #expect(max(width, height) >= GeoProjection.targetExtent - 0.001)
        // Two places 1.4 km apart are pushed as far apart as the size limit allows.
        #expect(hypot(pts[2].x - pts[3].x, pts[2].y - pts[3].y) > 5)
    }

    @Test func deterministicAndTolerant() {
        let input: [(lat: Double, lon: Double)] = [(23.69, 98.76), (.nan, 98.0), (23.42, 98.65)]
        let a = GeoProjection.project(input), b = GeoProjection.project(input)
        #expect(a.map(\.x) == b.map(\.x) && a.map(\.y) == b.map(\.y))
        let single = GeoProjection.project([(10, 10)])
        #expect(single.count == 1 && single[0].x == 0 && single[0].y == 0)
        #expect(GeoProjection.project([]).isEmpty)
        let beside = GeoProjection.beside((100, 100), index: 0)
        #expect(hypot(beside.x - 100, beside.y - 100) > 20 && hypot(beside.x - 100, beside.y - 100) < 60)
    }
}

@Suite struct GeoMapTests {
    static let place = NodeStyle(shape: "ellipse", fillColor: "#66bb6a")
    static let actor = NodeStyle(shape: "box", fillColor: "#ef9a9a")

    /// Three places pinned west → east (and south → north), an actor beside one, one free node.
    static func map() -> GraphMap {
        let pts = GeoProjection.project([(23.30, 97.97), (23.69, 98.76), (23.94, 98.94)])
        return GraphMap(
            title: "Geo map",
            nodes: [
                MapNode(id: "hsenwi", label: "Hsenwi", kind: "town", style: place, position: pts[0]),
                MapNode(id: "laukkai", label: "Laukkai", kind: "town", style: place, position: pts[1]),
                MapNode(id: "chinshwehaw", label: "Chinshwehaw", kind: "town", style: place, position: pts[2]),
                MapNode(id: "army", label: "Example Army", kind: "armed group", style: actor,
                        position: GeoProjection.beside(pts[1], index: 0)),
                MapNode(id: "free", label: "Unplaced Group", kind: "armed group", style: actor),
            ],
            edges: [
                MapEdge(from: "army", to: "laukkai", relation: "controls", label: "holds"),
                MapEdge(from: "free", to: "army", relation: "attacked", label: "attacked"),
            ],
            legend: [("town", place), ("armed group", actor)],
            nudgePinned: true)
    }

    @Test func pinnedPlacesKeepTheirRelativePositions() throws {
        let svg = try SVG(try render(Self.map(), .neato))
        let nodes = try svg.nodesByLabel()
        let hsenwi = try svgCenter(try #require(nodes["Hsenwi"]))
        let laukkai = try svgCenter(try #require(nodes["Laukkai"]))
        let chinshwehaw = try svgCenter(try #require(nodes["Chinshwehaw"]))
        #expect(hsenwi.x < laukkai.x && laukkai.x < chinshwehaw.x, "east is to the right")
        #expect(hsenwi.y > laukkai.y && laukkai.y > chinshwehaw.y, "north is up (SVG y grows down)")
        let army = try svgCenter(try #require(nodes["Example Army"]))
        #expect(hypot(army.x - laukkai.x, army.y - laukkai.y) < hypot(army.x - hsenwi.x, army.y - hsenwi.y))
        #expect(nodes["Unplaced Group"] != nil)
        #expect(try svg.groups("legend").count == 1)
        #expect(try svg.groups("rel-controls").count == 1)
    }

    @Test func pinnedLayoutIsNeatoWithPins() throws {
        let dot = String(decoding: try render(Self.map(), .dot, .dot), as: UTF8.self)
        #expect(dot.contains("layout=neato"))
        #expect(dot.contains("pin=true"))
        #expect(dot.contains("overlap=prism"), "a geographic map may nudge pinned places apart")
        var exact = Self.map()
        exact.nudgePinned = false
        #expect(String(decoding: try render(exact, .neato, .dot), as: UTF8.self).contains("overlap=true"))
    }

    @Test func sameBytesEveryTime() throws {
        #expect(try render(Self.map(), .neato) == render(Self.map(), .neato))
    }
}

@Suite struct LargeMapTests {
    /// 450 nodes, 515 edges: above both thresholds.
    static let big = Fixture.big(450)

    @Test func edgeLabelsHiddenAboveTheLimitButTooltipsKept() throws {
        var map = Self.big
        for i in map.edges.indices { map.edges[i].label = "edge \(i)"; map.edges[i].tooltip = "" }
        #expect(map.edges.count > MapBuilder.edgeLabelLimit)
        let svg = try SVG(try render(map, .sfdp))
        let edges = try svg.groups("edge")
        #expect(edges.count == map.edges.count)
        #expect(try edges.allSatisfy { try SVG.texts(in: $0).isEmpty }, "no visible edge text")
        #expect(svg.text.contains(#"xlink:title="edge 7""#), "the label moved to the tooltip")
    }

    @Test func smallerFontsAndOverlapRemovalOnLargeMaps() throws {
        let dot = String(decoding: try render(Self.big, .sfdp, .dot), as: UTF8.self)
        #expect(dot.contains("overlap=prism"))
        #expect(dot.contains("fontsize=8"))
        let small = String(decoding: try render(Fixture.sample(), .dot, .dot), as: UTF8.self)
        #expect(small.contains("fontsize=11"))
        let svg = try SVG(try render(Fixture.sample()))
        #expect(try svg.groups("rel-acquired").first.map(SVG.texts(in:)) == ["acquired ×3"], "small maps keep labels")
    }
}

/// A map whose every node has a position and which has no edge (the control map) is not laid out:
/// Graphviz's "nop" engine takes the positions, in points, in linear time and memory (neato would
/// build an n×n distance matrix first).
@Suite struct GivenPositionsTests {
    func pinned(_ n: Int) -> GraphMap {
        GraphMap(title: "given", nodes: (0..<n).map { MapNode(id: "n\($0)", position: (x: Double($0) * 30, y: Double($0 % 7) * 20)) })
    }

    @Test func everyPositionGivenAndNoEdgeUsesNop() throws {
        let spec = try MapBuilder.build(pinned(3), layout: .neato)
        #expect(spec.engine == "nop")
        #expect(spec.graphAttributes.contains { $0.name == "layout" && $0.value == "nop" })
        #expect(spec.nodes[2].attributes.contains { $0.name == "pos" && $0.value == "60.000,40.000!" }, "points, not inches")
    }

    @Test func anEdgeOrAFreeNodeIsLaidOut() throws {
        var withEdge = pinned(3)
        withEdge.edges = [MapEdge(from: "n0", to: "n1", label: "x")]
        #expect(try MapBuilder.build(withEdge, layout: .neato).engine == "neato")
        var withFree = pinned(3)
        withFree.nodes.append(MapNode(id: "free"))
        let spec = try MapBuilder.build(withFree, layout: .neato)
        #expect(spec.engine == "neato")
        #expect(spec.nodes[2].attributes.contains { $0.name == "pos" && $0.value == "0.833,0.556!" }, "inches")
    }

    @Test func nopDrawsTheNodesWhereTheyAre() throws {
        let svg = String(decoding: try MapRenderer().render(pinned(3), layout: .neato, format: .svg), as: UTF8.self)
        // node n2 at (60, 40) pt: its ellipse or box is centred 60 pt right of n0's
        let xs = svg.components(separatedBy: "<text text-anchor=\"middle\" x=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(xs.count == 4)  // the title, then the three nodes
        #expect(abs((xs[3] - xs[1]) - 60) < 0.5)
    }
}
