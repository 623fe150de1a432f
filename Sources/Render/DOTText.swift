// Writes a `GraphSpec` as DOT text, byte for byte what Graphviz 2.43's cgraph writer (`agwrite`)
// prints for the graph `GraphvizSession` would build from the spec, without building it: the layout
// reads this text back (as `dot -Tsvg` reads kg's `.dot` file), so the drawing depends only on the text.
//
// What agwrite does, and this file repeats (tests compare both on many maps):
// - dictionaries first: `graph [...]`, `node [...]`, `edge [...]` with every attribute whose default is
//   not empty, by name (byte order); nodes always have `label="\N"` (declared by gvContext);
// - then each subgraph in creation order (kg's ID discipline): its own graph attributes, all of them,
//   by name, then its nodes in creation order with their attributes;
// - then the root's nodes in creation order, each followed by its out-edges ordered by head node, then
//   creation. A node not in a subgraph is written before its first appearance: at its place, or just
//   before the first edge into it from an earlier node (agwrite's write_node_test), at most once with
//   attributes (a second time as a bare `name;`);
// - an object lists the attributes whose value differs from the dictionary default, by name;
// - strings are quoted unless they are plain identifiers or numbers, and lines of more than 128
//   characters are broken with backslash-newline where agwrite breaks them (`_agstrcanon`).

enum DOTText {
    /// agwrite's longest output line before it breaks a string (cgraph's MAX_OUTPUTLINE).
    static let maxOutputLine = 128

    static func write(_ spec: GraphSpec) -> [UInt8] {
        // Dictionaries of the root graph: later declarations of a name replace earlier ones.
        let graphDict = merged(spec.graphAttributes)
        let nodeDefaults = merged([("label", "\\N")] + spec.nodeDefaults)
        let edgeDefaults = merged(spec.edgeDefaults)
        var doc = Document(spec, nodeDefaults: nodeDefaults, edgeDefaults: edgeDefaults)
        doc.w.put("digraph ")
        doc.w.canon(spec.name)
        doc.w.put(" {\n")
        doc.w.level = 1
        doc.w.dict("graph", graphDict.filter { !$0.value.isEmpty })
        doc.w.dict("node", nodeDefaults.filter { !$0.value.isEmpty })
        doc.w.dict("edge", edgeDefaults.filter { !$0.value.isEmpty })
        doc.writeSubgraphs()
        doc.writeRoot()
        doc.w.level = 0
        doc.w.put("}\n")
        return doc.w.out
    }

    /// A graph's subgraphs, nodes and edges as they are written: which nodes were written with their
    /// attributes and which are in a subgraph, and each node's out-edges and lowest in-edge tail (for
    /// agwrite's write_node_test).
    private struct Document {
        let spec: GraphSpec
        var w = Writer()
        let edgeDefault: [String: String]
        /// Per-node attributes that differ from the defaults, by name.
        let nodeAttrs: [Attributes]
        var written: [Bool]
        var inSubgraph: [Bool]
        /// Out-edges by tail; the lowest tail of each node's in-edges; whether a node has any edge.
        let outEdges: [[Int]], lowestTail: [Int], hasEdges: [Bool]

        init(_ spec: GraphSpec, nodeDefaults: Attributes, edgeDefaults: Attributes) {
            self.spec = spec
            w.out.reserveCapacity(256 + 160 * spec.nodes.count + 160 * spec.edges.count)
            var nodeDefault: [String: String] = [:], edgeDefault: [String: String] = [:]
            for (name, value) in nodeDefaults { nodeDefault[name] = value }
            for (name, value) in edgeDefaults { edgeDefault[name] = value }
            self.edgeDefault = edgeDefault
            nodeAttrs = spec.nodes.map { nonDefault($0.attributes, defaults: nodeDefault) }
            written = [Bool](repeating: false, count: spec.nodes.count)
            inSubgraph = [Bool](repeating: false, count: spec.nodes.count)
            var out = [[Int]](repeating: [], count: spec.nodes.count)
            var lowestTail = [Int](repeating: Int.max, count: spec.nodes.count)
            var hasEdges = [Bool](repeating: false, count: spec.nodes.count)
            for (k, e) in spec.edges.enumerated() {
                out[e.tail].append(k)
                lowestTail[e.head] = min(lowestTail[e.head], e.tail)
                hasEdges[e.tail] = true
                hasEdges[e.head] = true
            }
            (outEdges, self.lowestTail, self.hasEdges) = (out, lowestTail, hasEdges)
        }

        /// Node `i`: with its attributes the first time, as a bare name after.
        mutating func writeNode(_ i: Int) {
            w.indent()
            w.canon(spec.nodes[i].name)
            if !written[i] {
                w.attributes(nodeAttrs[i])
                written[i] = true
            }
            w.put(";\n")
        }

        /// Each subgraph in creation order: its graph attributes, then its nodes.
        mutating func writeSubgraphs() {
            for sub in spec.subgraphs {
                w.indent()
                w.put("subgraph ")
                w.canon(sub.name)
                w.put(" {\n")
                w.level += 1
                w.dict("graph", merged(sub.attributes))
                for i in Set(sub.nodes).sorted() {
                    inSubgraph[i] = true
                    writeNode(i)
                }
                w.level -= 1
                w.indent()
                w.put("}\n")
            }
        }

        /// agwrite's write_node_test at the root: not in a subgraph, no in-edge from a node before
        /// `position`, and worth writing (no edges at all, or attributes of its own).
        func shouldWrite(_ n: Int, at position: Int) -> Bool {
            !inSubgraph[n] && n >= position && lowestTail[n] >= position && (!hasEdges[n] || !nodeAttrs[n].isEmpty)
        }

        /// The root's nodes in creation order, each followed by its out-edges ordered by head then
        /// creation (a head not written yet is written just before its first edge).
        mutating func writeRoot() {
            for n in spec.nodes.indices {
                if shouldWrite(n, at: n) { writeNode(n) }
                var previous = n
                let edges = outEdges[n].count > 1 ? outEdges[n].sorted { (spec.edges[$0].head, $0) < (spec.edges[$1].head, $1) } : outEdges[n]
                for k in edges {
                    let e = spec.edges[k]
                    if previous != e.head && shouldWrite(e.head, at: n) {
                        writeNode(e.head)
                        previous = e.head
                    }
                    w.indent()
                    w.canon(spec.nodes[e.tail].name)
                    w.put(" -> ")
                    w.canon(spec.nodes[e.head].name)
                    w.attributes(nonDefault(e.attributes, defaults: edgeDefault))
                    w.put(";\n")
                }
            }
        }
    }

    /// The attributes with later values of a name replacing earlier ones, sorted by name (byte order,
    /// as cgraph's attribute dictionaries).
    static func merged(_ attributes: Attributes) -> Attributes {
        var out: Attributes = []
        out.reserveCapacity(attributes.count)
        for (name, value) in attributes {
            if let i = out.firstIndex(where: { $0.name == name }) { out[i].value = value } else { out.append((name, value)) }
        }
        out.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return out
    }

    /// The object's attributes whose (last) value differs from the dictionary default ("" when the
    /// name has no default), sorted by name.
    static func nonDefault(_ attributes: Attributes, defaults: [String: String]) -> Attributes {
        merged(attributes).filter { $0.value != (defaults[$0.name] ?? "") }
    }

    private struct Writer {
        var out: [UInt8] = []
        var level = 0

        mutating func put(_ s: String) { out.append(contentsOf: s.utf8) }

        mutating func indent() {
            for _ in 0..<level { out.append(UInt8(ascii: "\t")) }
        }

        /// `graph [a=b,\n\t\tc=d\n\t];` (agwrite's write_dict), nothing when empty.
        mutating func dict(_ kind: String, _ attributes: Attributes) {
            guard !attributes.isEmpty else { return }
            list(attributes) { w in
                w.indent()
                w.put(kind)
                w.put(" [")
            }
            level -= 1
            if attributes.count > 1 {
                put("\n")
                indent()
            }
            put("];\n")
        }

        /// `\t[a=b,\n<indent>c=d]` after a node or edge (agwrite's write_nondefault_attrs).
        mutating func attributes(_ attributes: Attributes) {
            guard !attributes.isEmpty else { return }
            list(attributes) { w in w.put("\t[") }
            put("]")
            level -= 1
        }

        /// `name=value` pairs, `open` before the first (then one level deeper), `,\n<indent>` between.
        mutating func list(_ attributes: Attributes, open: (inout Self) -> Void) {
            for (i, (name, value)) in attributes.enumerated() {
                if i == 0 {
                    open(&self)
                    level += 1
                } else {
                    put(",\n")
                    indent()
                }
                canon(name)
                put("=")
                canon(value)
            }
        }

        /// cgraph's `_agstrcanon`: the string as is when it is an identifier or a number (and not a
        /// keyword), else quoted with `"` escaped; long strings broken with backslash-newline.
        mutating func canon(_ s: String) {
            if let done: Void = s.utf8.withContiguousStorageIfAvailable({ canon(bytes: $0) }) { return done }
            canon(bytes: Array(s.utf8))
        }

        mutating func canon<Bytes: RandomAccessCollection>(bytes: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int {
            if bytes.isEmpty { put("\"\""); return }
            let start = out.count
            out.append(UInt8(ascii: "\""))
            var needsQuotes = false
            let first = bytes[bytes.startIndex]
            var maybeNumber = isNumberChar(first) || first == UInt8(ascii: "-")
            var count = 0, dots = 0
            var backslashPending = false
            for index in bytes.indices {
                let c = bytes[index]
                if c == UInt8(ascii: "\"") {
                    out.append(UInt8(ascii: "\\"))
                    needsQuotes = true
                } else if maybeNumber {
                    if c == UInt8(ascii: "-") {
                        if count > 0 { maybeNumber = false; needsQuotes = true }
                    } else if c == UInt8(ascii: ".") {
                        if dots > 0 { maybeNumber = false; needsQuotes = true }
                        dots += 1
                    } else if !isDigit(c) {
                        maybeNumber = false
                        needsQuotes = true
                    }
                } else if !isAlnumOrUnderscore(c) {
                    needsQuotes = true
                }
                out.append(c)
                count += 1
                let next: UInt8? = index + 1 < bytes.endIndex ? bytes[index + 1] : nil
                guard let next else { continue }
                let last = out[out.count - 1]
                let breakable = !(isIDChar(last) || last == UInt8(ascii: "\\")) && isIDChar(next)
                if backslashPending && breakable {
                    out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\n"))
                    needsQuotes = true
                    backslashPending = false
                    count = 0
                } else if count >= DOTText.maxOutputLine {
                    if breakable {
                        out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\n"))
                        needsQuotes = true
                        count = 0
                    } else {
                        backslashPending = true
                    }
                }
            }
            out.append(UInt8(ascii: "\""))
            if needsQuotes || (count == 1 && (first == UInt8(ascii: ".") || first == UInt8(ascii: "-"))) { return }
            if bytes.count <= 8, Self.keywords.contains(where: { $0.elementsEqual(bytes.lazy.map { $0 | 0x20 }) }) { return }
            // A plain identifier or number: drop the quotes.
            out.removeSubrange(start..<out.count)
            out.append(contentsOf: bytes)
        }

        /// DOT keywords, compared case-insensitively (cgraph's tokenlist).
        static let keywords: [[UInt8]] = ["node", "edge", "strict", "graph", "digraph", "subgraph"].map { Array($0.utf8) }

        private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        private func isNumberChar(_ c: UInt8) -> Bool { isDigit(c) || c == UInt8(ascii: ".") }
        private func isAlpha(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        /// cgraph's ISALNUM: letters, digits, `_`, and every non-ASCII byte.
        private func isAlnumOrUnderscore(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) || c == UInt8(ascii: "_") || c >= 0x80 }
        /// cgraph's is_id_char (2.43): letters, digits, `.`, `-`, and every non-ASCII byte.
        private func isIDChar(_ c: UInt8) -> Bool {
            isAlpha(c) || isDigit(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c >= 0x80
        }
    }
}
