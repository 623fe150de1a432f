import Foundation
import Ontology
import RDF
import Render
import Store
import Timeline

/// Builds the relationship map (a `GraphMap`) from the store's statements and the stored ontology,
/// or (`fromTriples`) from the relation triples of the default graph, e.g. a graph loaded with `kg import`.
public struct RelationMap {
    let store: TripleStore
    let ontology: Ontology?
    let includeModal: Bool
    let relations: Set<String>
    let minConfidence: Double
    /// Only facts dated in this window (date, or start…end overlapping it; undated facts by their
    /// article's publication date; facts with no date at all are left out when a window is given).
    var since: PartialDate? = nil
    var until: PartialDate? = nil
    /// Draw the relation triples of the default graph (not in the ontology graph) instead of statements.
    var fromTriples = false
    /// At most this many entities (0: all): the largest connected parts first, the most reported
    /// entities of a part too large to fit; the rest is counted in the title.
    var maxNodes = 0
    /// Only statements of these modalities (empty: facts, and with `includeModal` every statement).
    var modalities: Set<String> = []

    public init(store: TripleStore, ontology: Ontology?, includeModal: Bool, relations: Set<String>, minConfidence: Double,
                since: PartialDate? = nil, until: PartialDate? = nil, fromTriples: Bool = false, maxNodes: Int = 0,
                modalities: Set<String> = []) {
        self.store = store
        self.ontology = ontology
        self.includeModal = includeModal
        self.relations = relations
        self.minConfidence = minConfidence
        self.since = since
        self.until = until
        self.fromTriples = fromTriples
        self.maxNodes = maxNodes
        self.modalities = modalities
    }

    /// A fact drawn as an edge, and the statements that report it: how many, how many asserted, their
    /// articles (title and date) and their dates.
    struct EdgeKey: Hashable { var s: Term, p: Term, o: Term }
    struct EdgeFacts { var count = 0, facts = 0; var sources: [String] = []; var dates: Set<String> = [] }

    /// Relation names for which an actor is drawn beside the place (with `--geo`).
    static let geoAnchorRelations: Set<String> = ["controls", "captured"]

    /// True when a fact with these dates (or, undated, from an article published on `published`)
    /// overlaps the window `lo`…`hi` (day ordinals; nil = open).
    public static func inWindow(date: PartialDate?, start: PartialDate?, end: PartialDate?, published: String?,
                         lo: Int?, hi: Int?) -> Bool {
        if lo == nil && hi == nil { return true }
        var first: Int?, last: Int?
        if let d = date {
            (first, last) = (TimelineDays.first(d), TimelineDays.last(d))
        } else if start != nil || end != nil {
            (first, last) = (start.map(TimelineDays.first), end.map(TimelineDays.last))
        } else if let p = published.flatMap(PartialDate.init(iso:)) {
            (first, last) = (TimelineDays.first(p), TimelineDays.last(p))
        } else {
            return false
        }
        if let lo, let last, last < lo { return false }
        if let hi, let first, first > hi { return false }
        return true
    }

    /// The map and the entity each node stands for (by node id).
    public func graphMapWithTerms() throws -> (map: GraphMap, terms: [String: Term]) {
        var drawn = fromTriples ? try importedEdges() : try statementEdges()
        let (kept, left) = Self.choose(drawn.order.map { ($0.s, $0.o, drawn.edges[$0]!.count) }, maxNodes: maxNodes)
        if left > 0 { drawn.order = drawn.order.filter { kept.contains($0.s) && kept.contains($0.o) } }
        var drawing = RelationMapDrawing(infos: try entityInfos(drawn.order), ontology: ontology, labels: Labels(store: store))
        for key in drawn.order { drawing.add(key, drawn.edges[key]!) }
        let title = title(drawn, nodes: drawing.nodes.count, left: left)
        return (drawing.map(title: title), drawing.terms)
    }

    /// The facts a map draws: one edge per triple, in the order first met, with the statements behind it,
    /// and the articles and dates of those statements.
    struct Edges {
        var edges: [EdgeKey: EdgeFacts] = [:]
        var order: [EdgeKey] = []
        var articles = Set<String>(), dates: [String] = []
    }

    /// The edges of the relation triples of the default graph (`fromTriples`), each counted once.
    private func importedEdges() throws -> Edges {
        var out = Edges()
        try importedTriples { t in
            let rel = Labels.localName(t.predicate.iriValue ?? "")
            guard relations.isEmpty || relations.contains(rel) else { return }
            let key = EdgeKey(s: t.subject, p: t.predicate, o: t.object)
            if out.edges[key] == nil { out.order.append(key); out.edges[key] = EdgeFacts(count: 1, facts: 1) }
        }
        return out
    }

    /// The edges of the statements that pass the filters (relations, confidence, modalities, window).
    private func statementEdges() throws -> Edges {
        var out = Edges()
        let lo = since.map(TimelineDays.first), hi = until.map(TimelineDays.last)
        let modal = modalities.contains { !(Modality(rawValue: $0)?.isFact ?? true) }
        try store.statements(factsOnly: !includeModal && !modal) { st in
            let r = st.record
            let rel = Labels.localName(r.triple.predicate.iriValue ?? "")
            guard relations.isEmpty || relations.contains(rel), r.confidence >= minConfidence,
                  modalities.isEmpty || modalities.contains(r.modality.rawValue) else { return true }
            guard Self.inWindow(date: r.date, start: r.start, end: r.end, published: st.article.published,
                                lo: lo, hi: hi) else { return true }
            let key = EdgeKey(s: r.triple.subject, p: r.triple.predicate, o: r.triple.object)
            if out.edges[key] == nil { out.order.append(key) }
            out.edges[key, default: EdgeFacts()].count += 1
            if r.modality == .asserted { out.edges[key]!.facts += 1 }
            let source = (st.article.title ?? st.article.path) + (st.article.published.map { " (\($0))" } ?? "")
            if !out.edges[key]!.sources.contains(source) { out.edges[key]!.sources.append(source) }
            if let d = r.date ?? r.start { out.edges[key]!.dates.insert(d.iso); out.dates.append(d.iso) }
            out.articles.insert(st.article.path)
            if let p = st.article.published { out.dates.append(p) }
            return true
        }
        return out
    }

    /// Names and classes of every entity on the map, read at once.
    private func entityInfos(_ order: [EdgeKey]) throws -> [Term: EntityInfo] {
        var entities: [Term] = [], seen = Set<Term>()
        for key in order {
            if seen.insert(key.s).inserted { entities.append(key.s) }
            if seen.insert(key.o).inserted { entities.append(key.o) }
        }
        return try MapEntities.infos(of: entities, store: store, ontology: ontology)
    }

    /// What the map shows: how many articles (or imported facts), their dates, the window, and how many
    /// entities of how many when `left` were left out.
    private func title(_ drawn: Edges, nodes: Int, left: Int) -> String {
        let sortedDates = drawn.dates.sorted()
        var title: String
        if fromTriples {
            title = "Relationship map: \(drawn.order.count) imported fact\(drawn.order.count == 1 ? "" : "s")"
        } else {
            title = "Relationship map: \(drawn.articles.count) article\(drawn.articles.count == 1 ? "" : "s")"
            if let first = sortedDates.first, let last = sortedDates.last { title += ", \(first) to \(last)" }
            if since != nil || until != nil {
                title += " (facts from \(since?.iso ?? "…") to \(until?.iso ?? "…"))"
            }
        }
        // (first: a long title is cut at its end)
        if left > 0 { title = title.replacingOccurrences(of: "Relationship map:", with: "Relationship map (\(nodes) of \(nodes + left) entities):") }
        return title
    }

    /// The entities a map of at most `maxNodes` shows, from its edges (subject, object, reports): whole
    /// connected parts, the heaviest first (by reports), while they fit; then, of the next part, its most
    /// reported entities that are joined to one another. Returns them and how many are left out.
    static func choose(_ edges: [(Term, Term, Int)], maxNodes: Int) -> (kept: Set<Term>, left: Int) {
        var parent: [Term: Term] = [:], weight: [Term: Int] = [:], order: [Term] = []
        func find(_ t: Term) -> Term {
            var r = t
            while let p = parent[r], p != r { r = p }
            var c = t
            while let p = parent[c], p != r { parent[c] = r; c = p }
            return r
        }
        for (s, o, n) in edges {
            for t in [s, o] where parent[t] == nil { parent[t] = t; order.append(t) }
            weight[s, default: 0] += n
            weight[o, default: 0] += n
            let (a, b) = (find(s), find(o))
            if a != b { parent[b] = a }
        }
        guard maxNodes > 0, order.count > maxNodes else { return (Set(order), 0) }
        var parts: [Term: [Term]] = [:], partOrder: [Term] = []
        for t in order {
            let r = find(t)
            if parts[r] == nil { partOrder.append(r) }
            parts[r, default: []].append(t)
        }
        let ranked = partOrder.map { parts[$0]! }
            .sorted { a, b in (a.count, a.reduce(0) { $0 + weight[$1]! }) > (b.count, b.reduce(0) { $0 + weight[$1]! }) }
        var kept = Set<Term>()
        for part in ranked {
            if kept.count + part.count <= maxNodes { kept.formUnion(part); continue }
            // the part does not fit: its most reported entities, each joined to one kept before it
            let room = maxNodes - kept.count
            guard room >= 2 else { break }
            var chosen = Set<Term>()
            let byWeight = part.sorted { (weight[$0]!, "\($1)") > (weight[$1]!, "\($0)") }
            var neighbours: [Term: Set<Term>] = [:]
            for (s, o, _) in edges where parts[find(s)] != nil && find(s) == find(part[0]) {
                neighbours[s, default: []].insert(o); neighbours[o, default: []].insert(s)
            }
            chosen.insert(byWeight[0])
            while chosen.count < room {
                guard let next = byWeight.first(where: { !chosen.contains($0) && !(neighbours[$0] ?? []).isDisjoint(with: chosen) }) else { break }
                chosen.insert(next)
            }
            kept.formUnion(chosen)
            break
        }
        return (kept, order.count - kept.count)
    }

    /// Calls `body` with every triple of the default graph whose predicate is an ontology relation
    /// (any kg: property between two IRIs without an ontology), except the ontology's own triples.
    private func importedTriples(_ body: (Triple) -> Void) throws {
        var reference = Set<EdgeKey>()
        func remember(_ q: Quad) -> Bool {
            reference.insert(EdgeKey(s: q.subject, p: q.predicate, o: q.object))
            return true
        }
        if ontology == nil { try store.quads(graph: .some(TripleStore.ontologyGraph), remember) }
        func visit(_ q: Quad) -> Bool {
            guard q.object.iriValue != nil, !reference.contains(EdgeKey(s: q.subject, p: q.predicate, o: q.object)) else { return true }
            body(q.triple)
            return true
        }
        if let ontology {
            try store.relationTriples(ontology.relations.map(\.iri), notIn: TripleStore.ontologyGraph, body)
        } else {
            try store.quads(graph: .some(nil)) { q in
                guard let p = q.predicate.iriValue, p.hasPrefix(KG.ns) else { return true }
                return visit(q)
            }
        }
    }

    /// Pins the nodes of entities with geo:lat/geo:long (WGS84; or kg:lat/kg:long) in the default graph at their projected positions, and
    /// the actors that control or captured such a place beside it (the place with most such facts);
    /// other nodes stay free. Returns how many nodes were pinned.
    @discardableResult
    public func placeGeographically(_ map: inout GraphMap, terms: [String: Term]) throws -> Int {
        func values(_ predicates: [String]) throws -> [Term: Double] {
            var out: [Term: Double] = [:]
            for p in predicates {
                try store.quads(predicate: .iri(p), graph: .some(nil)) { q in
                    if out[q.subject] == nil, let v = q.object.literalValue.flatMap({ Double($0.lexical) }), v.isFinite { out[q.subject] = v }
                    return true
                }
            }
            return out
        }
        let lats = try values([WGS84.lat, KG.ns + "lat"]), longs = try values([WGS84.long, KG.ns + "long"])
        var placed: [Int] = [], coords: [(lat: Double, lon: Double)] = []
        for (i, node) in map.nodes.enumerated() {
            guard let t = terms[node.id], let lat = lats[t], let lon = longs[t], abs(lat) <= 90, abs(lon) <= 180 else { continue }
            placed.append(i)
            coords.append((lat, lon))
        }
        let points = GeoProjection.project(coords)
        // Alliance boxes would span the whole map; pinned places may be nudged apart, not stacked.
        map.clusters = []
        for i in map.nodes.indices { map.nodes[i].cluster = nil }
        map.nudgePinned = true
        var indexOf: [String: Int] = [:]
        for (i, node) in map.nodes.enumerated() { indexOf[node.id] = i }
        for (k, i) in placed.enumerated() {
            map.nodes[i].position = points[k]
            map.nodes[i].tooltip += "\n" + String(format: "%.2f, %.2f", locale: nil, coords[k].lat, coords[k].lon)
        }
        // Actor → (place → number of control/capture facts), places in first-seen order.
        var anchors: [Int: [(place: Int, facts: Int)]] = [:]
        for e in map.edges where Self.geoAnchorRelations.contains(e.relation) {
            guard let a = indexOf[e.from], let p = indexOf[e.to], map.nodes[p].position != nil,
                  !placed.contains(a) else { continue }
            if let j = anchors[a]?.firstIndex(where: { $0.place == p }) { anchors[a]![j].facts += max(1, e.count) }
            else { anchors[a, default: []].append((p, max(1, e.count))) }
        }
        var besideCount: [Int: Int] = [:]
        for a in anchors.keys.sorted() {
            let list = anchors[a]!
            let best = list.max { x, y in x.facts < y.facts }!.facts
            let place = list.first { $0.facts == best }!.place
            let n = besideCount[place, default: 0]
            besideCount[place] = n + 1
            map.nodes[a].position = GeoProjection.beside(map.nodes[place].position!, index: n)
        }
        return placed.count + anchors.count
    }

    /// The sub-map within `depth` edges of `center`.
    public static func neighbourhood(of center: String, depth: Int, in map: GraphMap) -> GraphMap {
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
