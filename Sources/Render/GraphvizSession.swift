import CGraphviz
import Foundation

// The only file that sees Graphviz pointers. Every pointer created here is
// freed here: the graph (agclose) after each render, its layout
// (gvFreeLayout) — unless the caller asked to leave them (freesGraphs = false,
// a process about to exit) —, render buffers (gvFreeRenderData), the context
// (gvFreeContext, in deinit), and the DOT memory stream of the test reference
// writer (fclose + free).

/// Graphviz (cgraph/gvc) keeps process-wide state — the error hook, error
/// level, string pools — so every call into it is serialised by one lock, and
/// messages go to one buffer that is only touched while the lock is held.
private final class GraphvizGlobal: @unchecked Sendable {
    let lock = NSLock()
    var messages = ""  // guarded by `lock`
}

private let global = GraphvizGlobal()

/// Receives Graphviz's warnings and errors. cgraph hands a message over in
/// pieces ("Warning", ": ", text), so they are concatenated and split later.
private let collectMessage: @convention(c) (UnsafeMutablePointer<CChar>?) -> Int32 = { text in
    // Called synchronously from inside Graphviz, i.e. while `global.lock` is held.
    if let text { global.messages += String(cString: text) }
    return 0
}

/// Owns one GVC_t, created on the first layout (DOT output needs none: loading Graphviz's plugins
/// is a few milliseconds) or by `warmUp`. Calls are
/// serialised globally: its mutable state is only touched with `global.lock` held (`freesGraphs` is
/// set once, before the first render), which is what lets `warmUp`'s thread share it.
final class GraphvizSession: @unchecked Sendable {
    private var context: OpaquePointer?  // guarded by `global.lock`
    /// When false, a laid-out graph and its layout are not freed after rendering (see MapRenderer).
    var freesGraphs = true
    /// Whether a render has started: a start-up that has not run by then is skipped. Guarded by `global.lock`.
    private var hasRendered = false

    init() {}

    deinit {
        guard let context else { return }
        global.lock.lock()
        defer { global.lock.unlock() }
        _ = gvFreeContext(context)
    }

    /// The Graphviz context, created when first needed. Called with `global.lock` held.
    private func ensureContext() throws -> OpaquePointer {
        if let context { return context }
        _ = agseterrf(collectMessage)
        guard let gvc = gvContext() else { throw RenderError("could not create a Graphviz context") }
        context = gvc
        return gvc
    }

    /// Starts Graphviz on another thread: draws a graph of one node in each of `fonts` with `engine`
    /// into `format`, through the same path as a render, which creates the context, loads the plugins
    /// and makes pango read the font configuration — most of Graphviz's start-up (≈ 10 ms here) and
    /// the same work the next render would do first. The next `render` waits for it (the global lock);
    /// if a render comes first, it is skipped. Nothing it does is seen in a render's output: the random
    /// generators are reset before each layout, and fdp's arena begins with each render.
    func warmUp(engine: String, format: String, fonts: [(name: String, size: String)]) {
        let spec: GraphSpec = {
            var spec = GraphSpec()
            spec.name = "warmup"
            spec.nodes = fonts.enumerated().map { i, font in
                .init(name: "n\(i)", attributes: [("label", "Ag"), ("fontname", font.name), ("fontsize", font.size)])
            }
            return spec
        }()
        let text = DOTText.write(spec)
        let thread = Thread { [self] in
            global.lock.lock()
            defer { global.lock.unlock() }
            guard !hasRendered else { return }
            _ = try? renderLocked(text, hasSubgraphs: false, separatesNodes: false, engine: engine, format: format)
        }
        thread.stackSize = 8 << 20  // Graphviz's layouts recurse
        thread.start()
    }

    /// What to produce from a graph.
    enum Output {
        /// Lay out with the engine, then render with this Graphviz format name.
        case rendered(format: String)
        /// The graph as DOT text, not laid out (`DOTText`: what cgraph's writer prints).
        case dotSource
    }

    /// Builds `spec` and produces `output`. Returns the bytes and Graphviz's warnings.
    func render(_ spec: GraphSpec, engine: String, output: Output) throws -> (bytes: [UInt8], warnings: [String]) {
        // The DOT text is kg's own work, written before waiting for Graphviz (a warm-up may still run).
        // The layout runs on the graph as this text reads back, so that `dot -Tsvg` on the `.dot`
        // output draws exactly this map: Graphviz's layouts depend on the order of nodes and edges,
        // which is the order of the text (DOTText writes what cgraph's agwrite would).
        let text = DOTText.write(spec)
        guard case .rendered(let format) = output else { return (text, []) }
        global.lock.lock()
        defer { global.lock.unlock() }
        hasRendered = true
        return try renderLocked(text, hasSubgraphs: !spec.subgraphs.isEmpty, separatesNodes: spec.separatesNodes,
                                engine: engine, format: format)
    }

    /// Lays out the graph of the DOT `text` with `engine` and draws it as `format`, with `global.lock` held.
    private func renderLocked(_ text: [UInt8], hasSubgraphs: Bool, separatesNodes: Bool, engine: String,
                              format: String) throws -> (bytes: [UInt8], warnings: [String]) {
        global.messages = ""
        _ = agseterrf(collectMessage)
        _ = agreseterrors()
        // fdp's drawing depends on the addresses of cgraph's objects (see kg_arena_begin in shim.h):
        // they come from an arena, in creation order, until every graph of this render is closed.
        // Declared before the graphs' own defers, so it runs after them.
        // The context first: gvContext creates Graphviz's prototype graph, which outlives the render.
        let context = try ensureContext()
        if engine == "fdp" { _ = kg_arena_begin() }
        defer { kg_arena_end() }

        guard let graph = text.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { kg_agread_memory($0.baseAddress, $0.count) }
        }) else {
            throw RenderError("Graphviz could not read back the graph" + messageSuffix(takeMessages()))
        }
        // fdp's graphs live in the arena and are always closed before it ends.
        let frees = freesGraphs || engine == "fdp"
        defer { if frees { _ = agclose(graph) } }
        // sfdp and fdp draw from the C library's random generators: each layout starts from a
        // fresh process's state, so a drawing does not depend on what this process drew before.
        kg_reset_random()
        guard gvLayout(context, graph, engine) == 0 else {
            _ = gvFreeLayout(context, graph)
            throw RenderError("layout \"\(engine)\" failed" + messageSuffix(takeMessages()))
        }
        if separatesNodes && pinSeparated(graph) {
            _ = gvFreeLayout(context, graph)
            guard gvLayout(context, graph, engine) == 0 else {
                _ = gvFreeLayout(context, graph)
                throw RenderError("layout \"\(engine)\" failed" + messageSuffix(takeMessages()))
            }
        }
        // Graphviz 2.43's dot can free a spline twice in gvFreeLayout on graphs with clusters (after
        // its router gives up on an edge: "Unable to reclaim box space", a known bug; the CLI never
        // frees its last graph, so it does not crash). Such layouts are left unfreed: one render's
        // layout memory, and agclose still frees the graph.
        let mayDoubleFree = engine == "dot" && hasSubgraphs
        defer { if frees && !mayDoubleFree { _ = gvFreeLayout(context, graph) } }
        let bytes = try renderData(graph, format: format, context: context)
        return (bytes, try checkedMessages())
    }

    /// When laid-out nodes of `graph` overlap, moves them apart (`NodeSeparation`; legend entries
    /// stay) and pins every node where it now is, without further overlap removal, for a second
    /// layout. Returns false when nothing overlapped (the layout stands).
    private func pinSeparated(_ graph: UnsafeMutablePointer<Agraph_t>) -> Bool {
        var nodes: [UnsafeMutablePointer<Agnode_t>] = []
        var boxes: [NodeSeparation.Box] = []
        var n = agfstnode(graph)
        while let node = n {
            let classes = kg_agget(UnsafeMutableRawPointer(node), "class").map { String(cString: $0) } ?? ""
            nodes.append(node)
            boxes.append(.init(x: kg_nd_x(node), y: kg_nd_y(node), width: kg_nd_width(node), height: kg_nd_height(node),
                               fixed: classes.contains("legend")))
            n = agnxtnode(graph, node)
        }
        guard NodeSeparation.separate(&boxes, gap: 4) else { return false }
        for (node, box) in zip(nodes, boxes) {
            let raw = UnsafeMutableRawPointer(node)
            _ = kg_agsafeset(raw, "pos", "\(box.x / 72),\(box.y / 72)!", "")
            _ = kg_agsafeset(raw, "pin", "true", "")
        }
        _ = kg_agsafeset(UnsafeMutableRawPointer(graph), "overlap", "true", "")
        return true
    }

    /// Graphviz's messages since the last reset; throws when any of them was an error (not a
    /// warning): Graphviz goes on after some errors (a failed edge route, a bad attribute) and
    /// writes a damaged drawing, which kg does not pass off as a map.
    private func checkedMessages() throws -> [String] {
        let messages = takeMessages()
        if agerrors() >= Int32(AGERR.rawValue) {
            throw RenderError("Graphviz reported an error" + messageSuffix(messages.isEmpty ? ["(no message)"] : messages))
        }
        return messages
    }

    private func renderData(_ graph: UnsafeMutablePointer<Agraph_t>, format: String, context: OpaquePointer) throws -> [UInt8] {
        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let rc = gvRenderData(context, graph, format, &buffer, &length)
        defer { if let buffer { gvFreeRenderData(buffer) } }
        guard rc == 0, let buffer else {
            let messages = takeMessages()
            let unknown = messages.contains { $0.contains("not recognized") || $0.contains("unavailable") }
            let reason = unknown ? "format \"\(format)\" is not available in this Graphviz installation"
                                 : "rendering \"\(format)\" failed"
            throw RenderError(reason + messageSuffix(messages))
        }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }

    /// gvc 2.43 refuses to render even "canon" before layout, so DOT comes
    /// from cgraph's own writer into a memory stream.
    private func writeDOT(_ graph: UnsafeMutablePointer<Agraph_t>) throws -> [UInt8] {
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        guard let stream = open_memstream(&buffer, &size) else {
            throw RenderError("could not open a memory stream for DOT output")
        }
        let rc = agwrite(graph, UnsafeMutableRawPointer(stream))
        fclose(stream)  // flushes; `buffer`/`size` are valid afterwards
        defer { free(buffer) }
        guard rc == 0, let buffer else {
            throw RenderError("writing DOT failed" + messageSuffix(takeMessages()))
        }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: size) {
            Array(UnsafeBufferPointer(start: $0, count: size))
        }
    }

    /// The DOT text cgraph itself writes (agwrite) for the graph built from `spec`: the reference
    /// `DOTText` is tested against.
    func cgraphDOT(_ spec: GraphSpec) throws -> [UInt8] {
        global.lock.lock()
        defer { global.lock.unlock() }
        global.messages = ""
        _ = agseterrf(collectMessage)
        _ = try ensureContext()  // as in a render: gvContext declares the node label default "\N"
        guard let graph = try build(spec) else {
            throw RenderError("Graphviz could not create the graph" + messageSuffix(takeMessages()))
        }
        defer { _ = agclose(graph) }
        return try writeDOT(graph)
    }

    /// Creates the cgraph objects. Returns nil if cgraph refused something.
    private func build(_ spec: GraphSpec) throws -> UnsafeMutablePointer<Agraph_t>? {
        guard let g = kg_agopen_directed(spec.name) else { return nil }
        var ok = true
        // Root graph values are inherited by clusters (DOT semantics), so
        // clusters set their own label, style and colours explicitly.
        for (name, value) in spec.graphAttributes { ok = ok && kg_agattr(g, Int32(AGRAPH), name, value) != 0 }
        for (name, value) in spec.nodeDefaults { ok = ok && kg_agattr(g, Int32(AGNODE), name, value) != 0 }
        for (name, value) in spec.edgeDefaults { ok = ok && kg_agattr(g, Int32(AGEDGE), name, value) != 0 }

        var nodes: [UnsafeMutablePointer<Agnode_t>] = []
        nodes.reserveCapacity(spec.nodes.count)
        for node in spec.nodes {
            guard ok, let n = kg_agnode(g, node.name) else { _ = agclose(g); return nil }
            ok = set(node.attributes, on: UnsafeMutableRawPointer(n))
            nodes.append(n)
        }
        for edge in spec.edges {
            guard ok, let e = kg_agedge(g, nodes[edge.tail], nodes[edge.head]) else { _ = agclose(g); return nil }
            ok = set(edge.attributes, on: UnsafeMutableRawPointer(e))
        }
        for sub in spec.subgraphs {
            guard ok, let s = kg_agsubg(g, sub.name) else { _ = agclose(g); return nil }
            ok = set(sub.attributes, on: UnsafeMutableRawPointer(s))
            for i in sub.nodes where ok {
                ok = agsubnode(s, nodes[i], 1) != nil
            }
        }
        guard ok else { _ = agclose(g); return nil }
        return g
    }

    private func set(_ attributes: Attributes, on object: UnsafeMutableRawPointer) -> Bool {
        for (name, value) in attributes where kg_agsafeset(object, name, value, "") != 0 {
            return false
        }
        return true
    }

    /// Graphviz's messages since the last call, one per line, trimmed.
    private func takeMessages() -> [String] {
        let text = global.messages
        global.messages = ""
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    private func messageSuffix(_ messages: [String]) -> String {
        messages.isEmpty ? "" : ": " + messages.joined(separator: " | ")
    }
}

