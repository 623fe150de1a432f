import Ontology
import RDF
import Render

/// The nodes, edges and alliance boxes of a relationship map, as `RelationMap` adds its facts: an entity's
/// node is made the first time a fact names it, shaped and coloured by its class.
struct RelationMapDrawing {
    /// Name, aliases and class of every entity the facts name.
    let infos: [Term: EntityInfo]
    let ontology: Ontology?
    /// Names of the relations the ontology does not know.
    let labels: Labels
    private(set) var nodes: [MapNode] = []
    private(set) var edges: [MapEdge] = []
    private(set) var clusters: [MapCluster] = []
    /// The entity each node stands for, by node id.
    private(set) var terms: [String: Term] = [:]
    private var index: [Term: Int] = [:]
    /// The classes drawn, in the order first drawn (the legend's).
    private var legendKinds: [String] = []
    /// The alliance box of a node, by node id.
    private var clusterOf: [String: String] = [:]

    init(infos: [Term: EntityInfo], ontology: Ontology?, labels: Labels) {
        self.infos = infos
        self.ontology = ontology
        self.labels = labels
    }

    private func info(_ t: Term) -> EntityInfo { infos[t]! }

    /// The id of `t`'s node, made the first time.
    private mutating func node(_ t: Term) -> String {
        if let i = index[t] { return nodes[i].id }
        let entity = info(t)
        let cls = entity.cls
        let style = cls.map { NodeStyle(shape: $0.shape, fillColor: $0.color) } ?? NodeStyle()
        let kind = cls?.label ?? "other"
        if !legendKinds.contains(kind) { legendKinds.append(kind) }
        let aliases = entity.aliases
        let tooltip = entity.display + " (\(kind))" + (aliases.isEmpty ? "" : "\nalso: " + aliases.prefix(6).joined(separator: ", "))
        index[t] = nodes.count
        terms["n\(nodes.count)"] = t
        nodes.append(MapNode(id: "n\(nodes.count)", label: entity.display, kind: kind, style: style, tooltip: tooltip))
        return nodes[nodes.count - 1].id
    }

    /// The edge of one fact, labelled with the relation and its first date, its sources in the tooltip;
    /// a member of an alliance goes into the alliance's box.
    mutating func add(_ key: RelationMap.EdgeKey, _ e: RelationMap.EdgeFacts) {
        let from = node(key.s), to = node(key.o)
        let rel = ontology?.relation(named: Labels.localName(key.p.iriValue ?? ""))
        var label = rel?.edgeLabel ?? labels.display(key.p)
        if let d = e.dates.sorted().first { label += " " + d }
        var tooltip = "\(info(key.s).display) \(rel?.label ?? labels.display(key.p)) \(info(key.o).display)"
        if !e.sources.isEmpty {
            tooltip += "\nsources:\n" + e.sources.prefix(10).map { "• " + $0 }.joined(separator: "\n")
                + (e.sources.count > 10 ? "\n… and \(e.sources.count - 10) more" : "")
        }
        edges.append(MapEdge(from: from, to: to, relation: rel?.localName ?? Labels.localName(key.p.iriValue ?? ""),
                             label: label, tooltip: tooltip, dashed: e.facts == 0, count: e.count,
                             color: rel?.edgeColor ?? "#555555"))
        // Members of an alliance are drawn inside the alliance's box.
        if rel?.localName == "memberOf", let cls = info(key.o).cls, isAlliance(cls.iri) {
            if clusterOf[to] == nil {
                clusters.append(MapCluster(id: "c\(clusters.count)", label: info(key.o).display))
                clusterOf[to] = clusters.last!.id
            }
            if clusterOf[from] == nil { clusterOf[from] = clusterOf[to] }
        }
    }

    private func isAlliance(_ classIRI: String) -> Bool {
        guard let ontology else { return false }
        return ontology.isSubclass(classIRI, of: KG.ns + "Alliance") || classIRI == KG.ns + "Alliance"
    }

    /// The map: the nodes in their alliances' boxes, and a legend of the classes drawn.
    func map(title: String) -> GraphMap {
        var nodes = self.nodes
        for i in nodes.indices { nodes[i].cluster = clusterOf[nodes[i].id] }
        let legend: [(label: String, style: NodeStyle)] = legendKinds.map { kind in
            let cls = ontology?.classes.first { $0.label == kind }
            return (kind, cls.map { NodeStyle(shape: $0.shape, fillColor: $0.color) } ?? NodeStyle())
        }
        return GraphMap(title: title, nodes: nodes, edges: edges, clusters: clusters, legend: legend)
    }
}
