import Foundation

/// JSON-LD in expanded form (JSON-LD 1.1, §"Expanded Document Form"): one node object per subject with
/// full IRIs as keys and value objects (`@id`, or `@value` with `@type`/`@language`); the default graph's
/// nodes at the top level, each named graph as a node with its `@id` and `@graph`. Any JSON-LD processor
/// reads it back to the same quads.
public enum JSONLD {
    public static func expanded(_ quads: [Quad]) -> String {
        var graphOrder: [Term?] = [], byGraph: [Term?: [Triple]] = [:]
        for q in quads {
            if byGraph[q.graph] == nil { graphOrder.append(q.graph) }
            byGraph[q.graph, default: []].append(q.triple)
        }
        var top: [Any] = []
        for g in graphOrder {
            let nodes = nodeObjects(byGraph[g]!)
            if let g { top.append(["@id": id(g), "@graph": nodes] as [String: Any]) } else { top += nodes }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: top, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    static func nodeObjects(_ triples: [Triple]) -> [[String: Any]] {
        var order: [Term] = [], nodes: [Term: [String: [Any]]] = [:]
        for t in triples {
            if nodes[t.subject] == nil { order.append(t.subject); nodes[t.subject] = [:] }
            nodes[t.subject]![t.predicate.iriValue ?? "", default: []].append(value(t.object))
        }
        return order.map { s in
            var node: [String: Any] = ["@id": id(s)]
            for (p, values) in nodes[s]! { node[p] = values }
            return node
        }
    }

    static func id(_ t: Term) -> String {
        if case .blank(let label) = t { return "_:" + label }
        return t.iriValue ?? ""
    }

    static func value(_ t: Term) -> Any {
        switch t {
        case .literal(let l):
            var v: [String: Any] = ["@value": l.lexical]
            if let lang = l.language { v["@language"] = lang } else if l.datatype != XSD.string { v["@type"] = l.datatype }
            return v
        default: return ["@id": id(t)]
        }
    }
}
