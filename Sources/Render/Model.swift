// The data a caller hands to `MapRenderer`. Nothing here knows about the news
// domain: kinds, relations and colours are plain strings chosen by the caller.

/// How a node is drawn: a Graphviz shape name and two colours
/// (`#rrggbb`, `#rrggbbaa` or an X11 colour name).
public struct NodeStyle: Sendable, Hashable {
    /// Graphviz shape name, e.g. `box`, `ellipse`, `hexagon`.
    public var shape: String
    /// Fill colour of the node.
    public var fillColor: String
    /// Colour of the label text.
    public var fontColor: String

    /// Creates a style; the defaults give a grey box with black text.
    public init(shape: String = "box", fillColor: String = "#dddddd", fontColor: String = "#000000") {
        self.shape = shape
        self.fillColor = fillColor
        self.fontColor = fontColor
    }
}

/// One node of a map.
public struct MapNode: Sendable {
    /// Caller's identifier, used by `MapEdge.from`/`to`. Never shown and never
    /// given to Graphviz (nodes are named `n0`, `n1`, … in input order).
    public var id: String
    /// Visible text (escaped and truncated before drawing).
    public var label: String
    /// Legend key; also becomes the SVG class `kind-<kind>`.
    public var kind: String
    /// Shape and colours.
    public var style: NodeStyle
    /// Hover text (SVG `xlink:title`); empty for none.
    public var tooltip: String
    /// Identifier of the `MapCluster` this node is drawn inside, if any.
    public var cluster: String?
    /// Pinned position in points. When any node is pinned, `dot` and `circo`
    /// layouts are replaced by `neato` (which honours pins).
    public var position: (x: Double, y: Double)?

    /// Creates a node; only `id` is required, `label` defaults to `id`.
    public init(id: String, label: String? = nil, kind: String = "", style: NodeStyle = NodeStyle(),
                tooltip: String = "", cluster: String? = nil, position: (x: Double, y: Double)? = nil) {
        self.id = id
        self.label = label ?? id
        self.kind = kind
        self.style = style
        self.tooltip = tooltip
        self.cluster = cluster
        self.position = position
    }
}

/// One directed edge of a map.
public struct MapEdge: Sendable {
    /// `MapNode.id` of the tail.
    public var from: String
    /// `MapNode.id` of the head.
    public var to: String
    /// Edge class; becomes the SVG class `rel-<relation>`.
    public var relation: String
    /// Visible text; `" ×N"` is appended when `count > 1`.
    public var label: String
    /// Hover text; empty for none.
    public var tooltip: String
    /// Drawn dashed (e.g. uncertain or reported facts).
    public var dashed: Bool
    /// Number of identical facts merged into this edge: drawn heavier.
    public var count: Int
    /// Line colour.
    public var color: String

    /// Creates an edge; only the endpoints are required.
    public init(from: String, to: String, relation: String = "", label: String = "", tooltip: String = "",
                dashed: Bool = false, count: Int = 1, color: String = "#555555") {
        self.from = from
        self.to = to
        self.relation = relation
        self.label = label
        self.tooltip = tooltip
        self.dashed = dashed
        self.count = count
        self.color = color
    }
}

/// A labelled box grouping nodes (drawn by the `dot` and `fdp` layouts).
public struct MapCluster: Sendable {
    /// Identifier referenced by `MapNode.cluster`.
    public var id: String
    /// Visible caption.
    public var label: String

    /// Creates a cluster.
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// Everything needed to draw one map.
public struct GraphMap: Sendable {
    /// Caption drawn at the top.
    public var title: String
    /// Nodes, drawn in this order (ids must be unique).
    public var nodes: [MapNode]
    /// Edges; both endpoints must name nodes.
    public var edges: [MapEdge]
    /// Clusters referenced by nodes.
    public var clusters: [MapCluster]
    /// Legend entries, drawn as sample nodes in a separate "Legend" box; empty for no legend.
    public var legend: [(label: String, style: NodeStyle)]
    /// When nodes are pinned, still remove overlaps between nodes (Graphviz `overlap=prism`): pinned
    /// nodes may then move a little, keeping their relative placement (a geographic map). Off by
    /// default: pinned nodes stay exactly where they are (timelines, grids) and may overlap.
    public var nudgePinned: Bool

    /// Creates a map.
    public init(title: String = "", nodes: [MapNode] = [], edges: [MapEdge] = [],
                clusters: [MapCluster] = [], legend: [(label: String, style: NodeStyle)] = [],
                nudgePinned: Bool = false) {
        self.title = title
        self.nodes = nodes
        self.edges = edges
        self.clusters = clusters
        self.legend = legend
        self.nudgePinned = nudgePinned
    }
}

/// Output formats.
public enum MapFormat: String, Sendable, CaseIterable {
    /// SVG with tooltips and `class` attributes.
    case svg
    /// Raster image (cairo).
    case png
    /// Vector document (cairo).
    case pdf
    /// DOT source, not laid out, that the Graphviz command line accepts.
    case dot
    /// Graphviz's JSON description of the laid-out graph.
    case json
}

/// Graphviz layout engines.
public enum Layout: String, Sendable, CaseIterable {
    case dot, neato, fdp, sfdp, circo

    /// Largest node count for which `automatic` picks the hierarchical `dot` layout.
    public static let dotNodeLimit = 300

    /// `dot` for up to `dotNodeLimit` nodes, `sfdp` above (dot is too slow on large graphs).
    public static func automatic(nodeCount: Int) -> Layout {
        nodeCount <= dotNodeLimit ? .dot : .sfdp
    }
}

/// A map could not be drawn. `message` includes whatever Graphviz reported.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    /// Human-readable reason.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// Creates an error.
    public init(message: String) { self.message = message }

    public var description: String { "render error: \(message)" }
}
