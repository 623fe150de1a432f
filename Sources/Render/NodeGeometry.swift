import Foundation

// Per-node drawing details beyond `NodeStyle`, for maps whose nodes are pinned at computed
// positions (timelines, grids): a box whose width means something (a span of time) needs a fixed
// size, and a box for uncertain information is drawn dashed. `MapRenderer.render(_:geometry:…)`
// applies them on top of what `render(_:layout:format:)` draws; everything else is identical.

/// Size, outline and extra SVG classes of one node.
public struct NodeGeometry: Sendable, Hashable {
    /// Width and height in points; nil keeps Graphviz's size from the label.
    public var width: Double?
    public var height: Double?
    /// Draw exactly at `width`×`height` even when the label is larger (the label may overflow).
    public var fixedSize: Bool
    /// Dashed outline (e.g. claimed, unconfirmed information).
    public var dashed: Bool
    /// Outline width in points; nil for the default.
    public var penWidth: Double?
    /// Outline colour; nil for the default.
    public var borderColor: String?
    /// Label font size in points; nil for the default (11).
    public var fontSize: Double?
    /// Extra SVG classes, reduced to `a-z`, `0-9`, `-`, `_` (e.g. `claimed`, `lane-3`).
    public var classes: [String]

    /// Creates a geometry; every part is optional.
    public init(width: Double? = nil, height: Double? = nil, fixedSize: Bool = true, dashed: Bool = false,
                penWidth: Double? = nil, borderColor: String? = nil, fontSize: Double? = nil, classes: [String] = []) {
        self.width = width
        self.height = height
        self.fixedSize = fixedSize
        self.dashed = dashed
        self.penWidth = penWidth
        self.borderColor = borderColor
        self.fontSize = fontSize
        self.classes = classes
    }
}

extension MapRenderer {
    /// Lays out and draws `map` like `render(_:layout:format:)`, then sizes and outlines the nodes
    /// named in `geometry` (by `MapNode.id`; unknown ids are ignored).
    public func render(_ map: GraphMap, geometry: [String: NodeGeometry], layout: Layout,
                       format: MapFormat) throws -> [UInt8] {
        let engine = MapBuilder.engine(for: map, requested: layout)
        var spec = try MapBuilder.build(map, layout: engine)
        for (i, node) in map.nodes.enumerated() {
            guard let g = geometry[node.id] else { continue }
            spec.nodes[i].attributes = NodeGeometry.apply(g, to: spec.nodes[i].attributes)
        }
        switch format {
        case .dot:
            return try render(spec, engine: spec.engine, output: .dotSource)
        case .svg, .png, .pdf, .json:
            let bytes = try render(spec, engine: spec.engine, output: .rendered(format: format.rawValue))
            return format == .pdf ? PDFDate.normalized(bytes) : bytes
        }
    }
}

extension NodeGeometry {
    /// `attributes` with this geometry's attributes set (replacing earlier values of the same name).
    static func apply(_ g: NodeGeometry, to attributes: Attributes) -> Attributes {
        var attrs = attributes
        func set(_ name: String, _ value: String) {
            if let i = attrs.firstIndex(where: { $0.name == name }) { attrs[i].value = value } else { attrs.append((name, value)) }
        }
        // Graphviz sizes are in inches.
        if let w = g.width, w.isFinite, w > 0 { set("width", MapBuilder.number(w / 72)) }
        if let h = g.height, h.isFinite, h > 0 { set("height", MapBuilder.number(h / 72)) }
        if g.fixedSize && (g.width != nil || g.height != nil) { set("fixedsize", "true") }
        if g.dashed { set("style", "filled,dashed") }
        if let p = g.penWidth, p.isFinite, p >= 0 { set("penwidth", MapBuilder.number(min(p, 20))) }
        if let c = g.borderColor { set("color", AttributeValue.color(c, default: "#444444")) }
        if let f = g.fontSize, f.isFinite, f > 0 { set("fontsize", MapBuilder.number(min(f, 72))) }
        let extra = g.classes.map(Self.classToken).filter { !$0.isEmpty }
        if !extra.isEmpty, let i = attrs.firstIndex(where: { $0.name == "class" }) {
            attrs[i].value += " " + extra.joined(separator: " ")
        }
        return attrs
    }

    static func classToken(_ s: String) -> String {
        var out = ""
        for scalar in s.lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "-", "_": out.unicodeScalars.append(scalar)
            default: if !out.hasSuffix("-") && !out.isEmpty { out += "-" }
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(48))
    }
}
