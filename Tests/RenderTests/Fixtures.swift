import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Render

/// Small maps and SVG helpers shared by the tests.
enum Fixture {
    static let person = NodeStyle(shape: "box", fillColor: "#cfe2ff", fontColor: "#000000")
    static let org = NodeStyle(shape: "ellipse", fillColor: "#ffe0b3", fontColor: "#222222")

    static func sample(legend: Bool = true) -> GraphMap {
        GraphMap(
            title: "Sample map",
            nodes: [
                MapNode(id: "a", label: "Alice Example", kind: "person", style: person,
                        tooltip: "Alice, mentioned in 3 articles", cluster: "c1"),
                MapNode(id: "b", label: "Bob Example", kind: "person", style: person, cluster: "c1"),
                MapNode(id: "c", label: "Acme Corp", kind: "organisation", style: org),
                MapNode(id: "d", label: "Globex", kind: "organisation", style: org),
            ],
            edges: [
                MapEdge(from: "a", to: "c", relation: "works for", label: "works for", tooltip: "2024-01-02"),
                MapEdge(from: "b", to: "c", relation: "captured", label: "captured", dashed: true),
                MapEdge(from: "c", to: "d", relation: "acquired", label: "acquired", count: 3, color: "#aa3333"),
            ],
            clusters: [MapCluster(id: "c1", label: "Example family")],
            legend: legend ? [("Person", person), ("Organisation", org)] : []
        )
    }

    /// n nodes in a ring with chords, for size tests.
    static func big(_ n: Int) -> GraphMap {
        var map = GraphMap(title: "Big")
        for i in 0..<n { map.nodes.append(MapNode(id: "id\(i)", label: "Node \(i)", kind: "k\(i % 3)")) }
        for i in 0..<n {
            map.edges.append(MapEdge(from: "id\(i)", to: "id\((i + 1) % n)", relation: "next"))
            if i % 7 == 0 { map.edges.append(MapEdge(from: "id\(i)", to: "id\((i * 13) % n)", relation: "jump")) }
        }
        return map
    }
}

/// A parsed SVG with XPath helpers that ignore the SVG namespace.
struct SVG {
    let document: XMLDocument
    let text: String

    init(_ bytes: [UInt8]) throws {
        text = String(decoding: bytes, as: UTF8.self)
        document = try XMLDocument(data: Data(bytes), options: [])
    }

    func elements(_ localName: String, classContains cls: String? = nil) throws -> [XMLElement] {
        var path = "//*[local-name()='\(localName)']"
        if let cls { path += "[contains(concat(' ', @class, ' '), ' \(cls) ')]" }
        return try document.nodes(forXPath: path).compactMap { $0 as? XMLElement }
    }

    /// `g` groups of a class (node, edge, cluster).
    func groups(_ cls: String) throws -> [XMLElement] { try elements("g", classContains: cls) }

    /// All `<text>` contents inside an element.
    static func texts(in element: XMLElement) throws -> [String] {
        try element.nodes(forXPath: ".//*[local-name()='text']").compactMap(\.stringValue)
    }

    static func title(of element: XMLElement) throws -> String? {
        try element.nodes(forXPath: "./*[local-name()='title']").first?.stringValue
    }

    /// Node groups keyed by their visible label text.
    func nodesByLabel() throws -> [String: XMLElement] {
        var out: [String: XMLElement] = [:]
        for g in try groups("node") { out[try SVG.texts(in: g).joined(separator: " ")] = g }
        return out
    }
}

func render(_ map: GraphMap, _ layout: Layout = .dot, _ format: MapFormat = .svg) throws -> [UInt8] {
    try MapRenderer().render(map, layout: layout, format: format)
}

extension XMLElement {
    /// Attribute value by name (`attribute(forName:)` misses attributes of
    /// namespaced elements in swift-corelibs-foundation).
    func attr(_ name: String) -> String? {
        (try? nodes(forXPath: "@*[local-name()='\(name)']"))?.first?.stringValue
    }

    /// First descendant element with this local name.
    func first(_ localName: String) -> XMLElement? {
        (try? nodes(forXPath: ".//*[local-name()='\(localName)']"))?.first as? XMLElement
    }
}
