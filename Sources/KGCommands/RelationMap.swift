import Foundation
import Ontology
import RDF
import Render
import Store

/// Builds the relationship map (a `GraphMap`) from the store's statements and the stored ontology.
struct RelationMap {
    let store: TripleStore
    let ontology: Ontology?
    let includeModal: Bool
    let relations: Set<String>
    let minConfidence: Double

    private struct EdgeKey: Hashable { var s: Term, p: Term, o: Term }
    private struct EdgeFacts { var count = 0, facts = 0; var sources: [String] = []; var dates: Set<String> = [] }

    func graphMap() throws -> GraphMap {
        let labels = Labels(store: store)
        var edges: [EdgeKey: EdgeFacts] = [:]
        var order: [EdgeKey] = []
        var articles = Set<String>(), dates: [String] = []
        try store.statements(factsOnly: !includeModal) { st in
            let r = st.record
            let rel = Labels.localName(r.triple.predicate.iriValue ?? "")
            guard relations.isEmpty || relations.contains(rel), r.confidence >= minConfidence else { return true }
            let key = EdgeKey(s: r.triple.subject, p: r.triple.predicate, o: r.triple.object)
            if edges[key] == nil { order.append(key) }
            edges[key, default: EdgeFacts()].count += 1
            if r.modality == .asserted { edges[key]!.facts += 1 }
            let source = (st.article.title ?? st.article.path) + (st.article.published.map { " (\($0))" } ?? "")
            if !edges[key]!.sources.contains(source) { edges[key]!.sources.append(source) }
            if let d = r.date ?? r.start { edges[key]!.dates.insert(d.iso); dates.append(d.iso) }
            articles.insert(st.article.path)
            if let p = st.article.published { dates.append(p) }
            return true
        }

        var nodes: [MapNode] = [], index: [Term: Int] = [:]
        var legendKinds: [String] = []
        func node(_ t: Term) -> String {
            if let i = index[t] { return nodes[i].id }
            let cls = entityClass(t)
            let style = cls.map { NodeStyle(shape: $0.shape, fillColor: $0.color) } ?? NodeStyle()
            let kind = cls?.label ?? "other"
            if !legendKinds.contains(kind) { legendKinds.append(kind) }
            let aliases = labels.aliases(t)
            let tooltip = labels.display(t) + " (\(kind))" + (aliases.isEmpty ? "" : "\nalso: " + aliases.prefix(6).joined(separator: ", "))
            index[t] = nodes.count
            nodes.append(MapNode(id: "n\(nodes.count)", label: labels.display(t), kind: kind, style: style, tooltip: tooltip))
            return nodes[nodes.count - 1].id
        }

        var mapEdges: [MapEdge] = []
        var clusters: [MapCluster] = [], clusterOf: [String: String] = [:]
        for key in order {
            let e = edges[key]!
            let from = node(key.s), to = node(key.o)
            let rel = ontology?.relation(named: Labels.localName(key.p.iriValue ?? ""))
            var label = rel?.edgeLabel ?? labels.display(key.p)
            if let d = e.dates.sorted().first { label += " " + d }
            let tooltip = "\(labels.display(key.s)) \(rel?.label ?? labels.display(key.p)) \(labels.display(key.o))\n"
                + "sources:\n" + e.sources.prefix(10).map { "• " + $0 }.joined(separator: "\n")
                + (e.sources.count > 10 ? "\n… and \(e.sources.count - 10) more" : "")
            mapEdges.append(MapEdge(from: from, to: to, relation: rel?.localName ?? Labels.localName(key.p.iriValue ?? ""),
                                    label: label, tooltip: tooltip, dashed: e.facts == 0, count: e.count,
                                    color: rel?.edgeColor ?? "#555555"))
            // Members of an alliance are drawn inside the alliance's box.
            if rel?.localName == "memberOf", let cls = entityClass(key.o), isAlliance(cls.iri) {
                if clusterOf[to] == nil {
                    clusters.append(MapCluster(id: "c\(clusters.count)", label: labels.display(key.o)))
                    clusterOf[to] = clusters.last!.id
                }
                if clusterOf[from] == nil { clusterOf[from] = clusterOf[to] }
            }
        }
        for i in nodes.indices { nodes[i].cluster = clusterOf[nodes[i].id] }

        let legend: [(label: String, style: NodeStyle)] = legendKinds.map { kind in
            let cls = ontology?.classes.first { $0.label == kind }
            return (kind, cls.map { NodeStyle(shape: $0.shape, fillColor: $0.color) } ?? NodeStyle())
        }
        let sortedDates = dates.sorted()
        var title = "Relationship map: \(articles.count) article\(articles.count == 1 ? "" : "s")"
        if let first = sortedDates.first, let last = sortedDates.last { title += ", \(first) to \(last)" }
        return GraphMap(title: title, nodes: nodes, edges: mapEdges, clusters: clusters, legend: legend)
    }

    private func entityClass(_ t: Term) -> OntologyClass? {
        guard let ontology else { return nil }
        var found: OntologyClass?
        try? store.quads(subject: t, predicate: .iri(RDFNS.type), graph: .some(nil)) { q in
            if let iri = q.object.iriValue, let c = ontology.ontologyClass(iri) { found = c; return false }
            return true
        }
        return found
    }

    private func isAlliance(_ classIRI: String) -> Bool {
        guard let ontology else { return false }
        return ontology.isSubclass(classIRI, of: KG.ns + "Alliance") || classIRI == KG.ns + "Alliance"
    }

    /// The node whose entity has `name` among its labels or aliases.
    static func node(named name: String, in map: GraphMap, store: TripleStore) -> MapNode? {
        let wanted = name.lowercased()
        var iri: Term?
        for p in [RDFS.label, SKOS.prefLabel, SKOS.altLabel] where iri == nil {
            try? store.quads(predicate: .iri(p), object: .string(name), graph: .some(nil)) { q in iri = q.subject; return false }
        }
        guard let iri else { return map.nodes.first { $0.label.lowercased() == wanted } }
        let label = Labels(store: store).display(iri)
        return map.nodes.first { $0.label == label }
    }

    /// The sub-map within `depth` edges of `center`.
    static func neighbourhood(of center: String, depth: Int, in map: GraphMap) -> GraphMap {
        var keep: Set<String> = [center], frontier: Set<String> = [center]
        for _ in 0..<depth {
            var next: Set<String> = []
            for e in map.edges {
                if frontier.contains(e.from), !keep.contains(e.to) { next.insert(e.to) }
                if frontier.contains(e.to), !keep.contains(e.from) { next.insert(e.from) }
            }
            keep.formUnion(next)
            frontier = next
        }
        var out = map
        out.nodes = map.nodes.filter { keep.contains($0.id) }
        out.edges = map.edges.filter { keep.contains($0.from) && keep.contains($0.to) }
        let used = Set(out.nodes.compactMap(\.cluster))
        out.clusters = map.clusters.filter { used.contains($0.id) }
        out.legend = map.legend.filter { entry in out.nodes.contains { $0.kind == entry.label } }
        return out
    }
}
