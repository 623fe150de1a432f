import Foundation

// A plain-Swift description of a Graphviz graph: names and attribute values
// in a fixed order. `MapBuilder` produces it from a `GraphMap`;
// `GraphvizSession` (the only file touching C pointers) turns it into cgraph
// objects. Arrays, never dictionaries, so output order cannot depend on hashing.

/// An ordered attribute list (name, value).
typealias Attributes = [(name: String, value: String)]

struct GraphSpec {
    struct Node {
        var name: String
        var attributes: Attributes
    }
    struct Edge {
        var tail: Int  // index into `nodes`
        var head: Int
        var attributes: Attributes
    }
    struct Subgraph {
        var name: String  // starts with "cluster" to be drawn as a box
        var attributes: Attributes
        var nodes: [Int]
    }

    var name = "kg"
    /// Set on the root graph.
    var graphAttributes: Attributes = []
    /// Declared as defaults for every node / edge.
    var nodeDefaults: Attributes = []
    var edgeDefaults: Attributes = []
    var nodes: [Node] = []
    var edges: [Edge] = []
    var subgraphs: [Subgraph] = []
    /// After the layout, move apart nodes that still overlap and lay out again with every node
    /// pinned (`NodeSeparation`): for maps with pinned nodes that may be nudged.
    var separatesNodes = false
    /// The Graphviz engine that lays it out: the layout's name, or "nop" when every position is given.
    var engine = "dot"
}

/// Converts a `GraphMap` into a `GraphSpec`: escaping, styles, legend, defaults.
enum MapBuilder {
    static let fontName = "Helvetica"
    /// The fonts of a map's title, nodes and edge labels (small maps), which `MapRenderer.prepare` loads ahead.
    static let fonts: [(name: String, size: String)] = [(fontName, "14"), (fontName, "11"), (fontName, "10")]
    /// Force layouts route curved edges around nodes up to this many nodes.
    static let splineNodeLimit = 120
    /// Above this many edges, edges carry no visible label (their tooltip keeps the text): labels
    /// become unreadable clutter, and in `dot` each one is a virtual node (4× slower at 1,000 nodes).
    public static let edgeLabelLimit = 400
    /// Above this many nodes the map is "large": smaller fonts and arrows, thinner edges.
    public static let largeNodeCount = Layout.dotNodeLimit

    /// The engine actually used: pinned nodes need one that honours `pin`.
    static func engine(for map: GraphMap, requested: Layout) -> Layout {
        let pinned = map.nodes.contains { $0.position != nil }
        if pinned && (requested == .dot || requested == .circo) { return .neato }
        return requested
    }

    /// True when Graphviz has nothing to lay out: every node has a position that stays, and there is no
    /// edge to route (the control map). Graphviz's "nop" engine then takes the positions as given, in
    /// linear time and memory; neato would still build its n×n distance matrix (24,000 pinned nodes:
    /// 2.3 GB).
    static func positionsAreGiven(_ map: GraphMap) -> Bool {
        !map.nodes.isEmpty && map.edges.isEmpty && map.legend.isEmpty && !map.nudgePinned
            && map.nodes.allSatisfy { $0.position.map { $0.x.isFinite && $0.y.isFinite } ?? false }
    }

    static func build(_ map: GraphMap, layout: Layout) throws -> GraphSpec {
        var spec = GraphSpec()
        let given = positionsAreGiven(map)
        spec.engine = given ? "nop" : layout.rawValue
        spec.graphAttributes = graphAttributes(map, layout: layout)
        if given, let i = spec.graphAttributes.firstIndex(where: { $0.name == "layout" }) {
            spec.graphAttributes[i].value = "nop"
        }
        let large = map.nodes.count > largeNodeCount
        spec.nodeDefaults = [
            ("fontname", fontName), ("fontsize", large ? "8" : "11"), ("shape", "box"), ("style", "filled"),
            ("fillcolor", "#dddddd"), ("fontcolor", "#000000"), ("color", "#444444"),
            ("penwidth", large ? "0.5" : "0.8"), ("margin", large ? "0.06,0.02" : "0.12,0.05"),
            ("height", large ? "0.2" : "0.3"),
        ]
        spec.edgeDefaults = [
            ("fontname", fontName), ("fontsize", large ? "7" : "10"), ("fontcolor", "#333333"),
            ("color", "#555555"), ("arrowsize", large ? "0.4" : "0.7"), ("penwidth", large ? "0.6" : "1"),
        ]
        let showEdgeLabels = map.edges.count <= edgeLabelLimit

        var index: [String: Int] = [:]
        index.reserveCapacity(map.nodes.count)
        for (i, node) in map.nodes.enumerated() {
            guard index[node.id] == nil else { throw RenderError("duplicate node id \(quoted(node.id))") }
            index[node.id] = i
            spec.nodes.append(.init(name: "n\(i)", attributes: nodeAttributes(node, positionsInPoints: given)))
        }

        for edge in map.edges {
            guard let tail = index[edge.from] else { throw RenderError("edge from unknown node \(quoted(edge.from))") }
            guard let head = index[edge.to] else { throw RenderError("edge to unknown node \(quoted(edge.to))") }
            spec.edges.append(.init(tail: tail, head: head, attributes: edgeAttributes(edge, showLabel: showEdgeLabels, faint: large)))
        }

        var clusterIndex: [String: Int] = [:]
        for (i, cluster) in map.clusters.enumerated() {
            guard clusterIndex[cluster.id] == nil else {
                throw RenderError("duplicate cluster id \(quoted(cluster.id))")
            }
            clusterIndex[cluster.id] = i
            spec.subgraphs.append(.init(name: "cluster_\(i)", attributes: [
                ("label", LabelText.safe(cluster.label)), ("style", "rounded,filled"),
                ("fillcolor", "#f5f5f0"), ("color", "#bbbbaa"), ("fontsize", "11"),
                ("labeljust", "l"), ("class", "cluster-box"),
            ], nodes: []))
        }
        for (i, node) in map.nodes.enumerated() {
            guard let id = node.cluster else { continue }
            guard let c = clusterIndex[id] else {
                throw RenderError("node \(quoted(node.id)) in unknown cluster \(quoted(id))")
            }
            spec.subgraphs[c].nodes.append(i)
        }

        spec.separatesNodes = map.nudgePinned && map.nodes.contains { $0.position != nil }
        if !map.legend.isEmpty { addLegend(map.legend, layout: layout, column: legendColumn(map), to: &spec) }
        return spec
    }

    private static func graphAttributes(_ map: GraphMap, layout: Layout) -> Attributes {
        var attrs: Attributes = [
            ("layout", layout.rawValue),
            ("label", LabelText.safe(map.title, maxLength: 120)),
            ("labelloc", "t"), ("fontname", fontName), ("fontsize", "14"),
            ("outputorder", "edgesfirst"), ("pad", "0.2"),
        ]
        switch layout {
        case .dot:
            attrs += [("rankdir", "LR"), ("nodesep", "0.12"), ("ranksep", "0.35")]
        case .neato, .fdp, .sfdp, .circo:
            // Spline routing around nodes grows ~cubically (300 nodes: 12 s),
            // so larger maps get straight edges.
            let small = map.nodes.count <= splineNodeLimit && map.edges.count <= 2 * splineNodeLimit
            // Without edges there is nothing to route (and neato would warn about touching nodes).
            let splines = map.edges.isEmpty ? "false" : (small ? "true" : "line")
            attrs += [("overlap", "prism"), ("splines", splines), ("start", "1"), ("sep", "+6")]
        }
        if map.nodes.contains(where: { $0.position != nil }) {
            // Overlap removal would move pinned nodes (unless the map allows it).
            attrs.removeAll { $0.name == "overlap" }
            attrs += [("notranslate", "true"), ("overlap", map.nudgePinned ? "prism" : "true")]
        }
        return attrs
    }

    /// `positionsInPoints`: for the "nop" engine, which reads `pos` in points (as `neato -n` does); the
    /// layout engines read inches.
    private static func nodeAttributes(_ node: MapNode, positionsInPoints: Bool) -> Attributes {
        var attrs: Attributes = [
            ("label", LabelText.safe(node.label)),
            ("shape", AttributeValue.shape(node.style.shape)),
            ("fillcolor", AttributeValue.color(node.style.fillColor, default: "#dddddd")),
            ("fontcolor", AttributeValue.color(node.style.fontColor, default: "#000000")),
            ("class", ClassName.token("kind", node.kind)),
        ]
        if !node.tooltip.isEmpty { attrs.append(("tooltip", LabelText.safeTooltip(node.tooltip))) }
        if let p = node.position, p.x.isFinite, p.y.isFinite {
            // the API speaks points
            let unit = positionsInPoints ? 1.0 : 72.0
            attrs.append(("pos", "\(number(p.x / unit)),\(number(p.y / unit))!"))
            attrs.append(("pin", "true"))
        }
        return attrs
    }

    private static func edgeAttributes(_ edge: MapEdge, showLabel: Bool, faint: Bool) -> Attributes {
        let count = max(1, edge.count)
        var classes = ClassName.token("rel", edge.relation)
        var attrs: Attributes = []
        if showLabel {
            var label = LabelText.safe(edge.label, maxLength: 60)
            if count > 1 { label += label.isEmpty ? "×\(count)" : " ×\(count)" }
            attrs.append(("label", label))
        }
        var color = AttributeValue.color(edge.color, default: "#555555")
        // On large maps edges are semi-transparent so node labels stay readable through them.
        if faint, color.count == 7, color.hasPrefix("#") { color += "99" }
        attrs += [("color", color)]
        if count > 1 {
            // 1 → 1pt, 2 → 2pt, 4 → 3pt, 8 → 4pt, … capped at 6pt.
            attrs.append(("penwidth", number(min(6, 1 + log2(Double(count))))))
        }
        if edge.dashed {
            attrs.append(("style", "dashed"))
            classes += " dashed"
        }
        attrs.append(("class", classes))
        var tooltip = edge.tooltip
        if !showLabel, tooltip.isEmpty { tooltip = edge.label + (count > 1 ? " ×\(count)" : "") }
        if !tooltip.isEmpty { attrs.append(("tooltip", LabelText.safeTooltip(tooltip))) }
        return attrs
    }

    /// Sample nodes, one per entry, in their own "Legend" box. They never
    /// connect to the map; for force layouts (which ignore clusters) they are
    /// chained with invisible edges so they stay together.
    /// Where a legend goes on a map with pinned nodes (free legend nodes would be scattered between
    /// them): a column left of the pinned nodes, from their top down, in points. nil without pins.
    static func legendColumn(_ map: GraphMap) -> (x: Double, top: Double)? {
        let pins = map.nodes.compactMap(\.position).filter { $0.x.isFinite && $0.y.isFinite }
        guard let minX = pins.map(\.x).min(), let maxY = pins.map(\.y).max() else { return nil }
        return (minX - 160, maxY - 30)
    }

    private static func addLegend(_ legend: [(label: String, style: NodeStyle)], layout: Layout,
                                  column: (x: Double, top: Double)?, to spec: inout GraphSpec) {
        var members: [Int] = []
        for (i, entry) in legend.enumerated() {
            members.append(spec.nodes.count)
            var attrs: Attributes = [
                ("label", LabelText.safe(entry.label, maxLength: 40)),
                ("shape", AttributeValue.shape(entry.style.shape)),
                ("fillcolor", AttributeValue.color(entry.style.fillColor, default: "#dddddd")),
                ("fontcolor", AttributeValue.color(entry.style.fontColor, default: "#000000")),
                ("class", "legend-entry"),
            ]
            if let column {
                attrs += [("pos", "\(number(column.x / 72)),\(number((column.top - Double(i) * 34) / 72))!"), ("pin", "true")]
            }
            spec.nodes.append(.init(name: "legend\(i)", attributes: attrs))
        }
        if layout != .dot {
            for (a, b) in zip(members, members.dropFirst()) {
                spec.edges.append(.init(tail: a, head: b, attributes: [
                    ("style", "invis"), ("class", "legend-link"), ("label", ""),
                ]))
            }
        }
        spec.subgraphs.append(.init(name: "cluster_legend", attributes: [
            ("label", "Legend"), ("style", "rounded,filled"), ("fillcolor", "#ffffff"),
            ("color", "#999999"), ("fontsize", "11"), ("labeljust", "c"), ("class", "legend"),
        ], nodes: members))
    }

    /// Locale-independent, fixed-precision number text.
    static func number(_ x: Double) -> String {
        String(format: "%.3f", locale: nil, x)
    }

    private static func quoted(_ s: String) -> String {
        "\"" + LabelText.safe(s, maxLength: 60) + "\""
    }
}
