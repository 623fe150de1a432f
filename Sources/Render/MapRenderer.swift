import Foundation

/// Draws `GraphMap`s with Graphviz's libgvc, linked in-process.
///
/// Owns one Graphviz context; not `Sendable` — create one per thread. Calls
/// into Graphviz from all renderers are serialised internally (Graphviz keeps
/// process-wide state), so separate renderers on separate threads are safe.
public final class MapRenderer {
    private let session = GraphvizSession()

    /// Warnings Graphviz reported during the last successful `render`
    /// (e.g. unknown colour names), one message per element.
    public private(set) var lastWarnings: [String] = []

    /// Creates a renderer (its Graphviz context is created on the first layout).
    /// - Parameter freesGraphs: false for a process that exits right after drawing (the `kg`
    ///   command): as the `dot` command does, each laid-out graph is left to the operating system
    ///   instead of being freed, which saves the time of freeing it. Long-lived callers keep the default.
    public init(freesGraphs: Bool = true) {
        session.freesGraphs = freesGraphs
    }

    /// Starts Graphviz on another thread — its context, the dot layout and SVG plugins, and the font
    /// configuration (pango), most of its start-up — so that it is ready when the caller has read its
    /// map. Optional: the next `render` waits for it, and draws the same bytes with or without it.
    public func prepare() {
        session.warmUp(engine: Layout.dot.rawValue, format: MapFormat.svg.rawValue, fonts: MapBuilder.fonts)
    }

    /// Lays out and draws `map`.
    ///
    /// Output is deterministic: the same map, layout and format give the same
    /// bytes. `.dot` output is the graph before layout, with the engine in its
    /// `layout` attribute, so `dot -Tsvg` reproduces the map. When any node
    /// has a `position`, `.dot` and `.circo` are replaced by `.neato`.
    /// - Throws: `RenderError` for inconsistent maps (duplicate or unknown ids)
    ///   and when Graphviz fails; the message includes Graphviz's own messages.
    public func render(_ map: GraphMap, layout: Layout, format: MapFormat) throws -> [UInt8] {
        try render(map, geometry: [:], layout: layout, format: format)
    }

    /// Renders with raw Graphviz engine and format names (for tests and
    /// formats beyond `MapFormat`).
    func render(_ spec: GraphSpec, engine: String, output: GraphvizSession.Output) throws -> [UInt8] {
        lastWarnings = []
        let result = try session.render(spec, engine: engine, output: output)
        lastWarnings = result.warnings
        return result.bytes
    }
}

/// cairo stamps PDFs with the current time; replacing the stamp by a fixed
/// one of the same length keeps every byte offset (xref table) valid.
enum PDFDate {
    static let fixed = Array("/CreationDate (D:20000101000000Z)".utf8)

    static func normalized(_ pdf: [UInt8]) -> [UInt8] {
        let prefix = Array("/CreationDate (D:".utf8)
        var out = pdf
        var i = 0
        while i + fixed.count <= out.count {
            if out[i] == prefix[0], Array(out[i..<i + prefix.count]) == prefix {
                // Only rewrite the exact "D:YYYYMMDDHHMMSSZ)" form.
                let date = out[(i + prefix.count)..<(i + fixed.count)]
                let digits = date.dropLast(2).allSatisfy { (0x30...0x39).contains($0) }
                if digits, date.suffix(2).elementsEqual(Array("Z)".utf8)) {
                    out.replaceSubrange(i..<i + fixed.count, with: fixed)
                }
                i += prefix.count
            } else {
                i += 1
            }
        }
        return out
    }
}
