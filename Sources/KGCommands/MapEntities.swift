import Ontology
import RDF
import SPARQL
import Store

/// Name, other names and class of an entity drawn on the relationship map.
struct EntityInfo {
    var display: String
    var aliases: [String]
    var cls: OntologyClass?
}

/// Reads what the relationship map needs from the store in a few set-at-a-time queries (instead of one
/// query per entity or per relation), with the same answers, in the same order, as reading entity by
/// entity through `TripleStore.quads` (index order: subject, predicate, object ids). SQL only reads
/// the store, with bound parameters; entities are passed as one JSON array (`json_each`).
enum MapEntities {
    /// Name, aliases and class of every term in `terms`, from their default-graph triples: the name is
    /// the first `rdfs:label`, else the first `skos:prefLabel`, else the IRI's local name (as
    /// `Labels.display`); aliases are the other `skos:prefLabel`, `rdfs:label` and `skos:altLabel`
    /// values in that order; the class is the first `rdf:type` the ontology knows.
    static func infos(of terms: [Term], store: TripleStore, ontology: Ontology?) throws -> [Term: EntityInfo] {
        var labels = [[String]](repeating: [], count: terms.count)
        var prefs = labels, alts = labels
        var classes = [OntologyClass?](repeating: nil, count: terms.count)
        // One query per term kind (IRIs, blank nodes); literals have no triples of their own.
        var byKind: [(kind: Int64, positions: [Int], values: [String])] = [(0, [], []), (1, [], [])]
        for (i, t) in terms.enumerated() {
            switch t {
            case .iri(let v): byKind[0].positions.append(i); byKind[0].values.append(v)
            case .blank(let v): byKind[1].positions.append(i); byKind[1].values.append(v)
            case .literal: break
            }
        }
        // The four predicates' ids (a store without one of them has no such triples).
        let predicates = [RDFS.label, SKOS.prefLabel, SKOS.altLabel, RDFNS.type]
        let predicateIDs = try predicates.map { try store.id(of: .iri($0)) ?? -1 }
        // CROSS JOIN keeps the join order: each entity's dictionary row (unique index on value, kind,
        // datatype, lang), then its default-graph quads with those predicates (index on g, s, p, o).
        let sql = """
            SELECT j.key, q.p, o.kind, o.value
            FROM json_each(?1) AS j
            CROSS JOIN term AS s ON s.value = j.value AND s.kind = ?2 AND s.datatype = '' AND s.lang = ''
            CROSS JOIN quad AS q ON q.g = 0 AND q.s = s.id AND q.p IN (?3, ?4, ?5, ?6)
            JOIN term AS o ON o.id = q.o
            ORDER BY j.key, q.p, q.o
            """
        for group in byKind where !group.values.isEmpty {
            let st = try store.connection.prepare(sql)
            st.bind("[" + group.values.map(JSONText.quote).joined(separator: ",") + "]", at: 1)
            st.bind(group.kind, at: 2)
            for (k, id) in predicateIDs.enumerated() { st.bind(id, at: Int32(k + 3)) }
            defer { st.reset() }
            while try st.step() {
                let i = group.positions[Int(st.int(0))]
                let predicate = st.int(1), kind = st.int(2)
                switch predicate {
                case predicateIDs[0]: if kind == 2 { labels[i].append(st.text(3)) }
                case predicateIDs[1]: if kind == 2 { prefs[i].append(st.text(3)) }
                case predicateIDs[2]: if kind == 2 { alts[i].append(st.text(3)) }
                default:
                    if classes[i] == nil, kind == 0, let c = ontology?.ontologyClass(st.text(3)) { classes[i] = c }
                }
            }
        }
        var out: [Term: EntityInfo] = [:]
        out.reserveCapacity(terms.count)
        for (i, t) in terms.enumerated() {
            let main = labels[i].first ?? prefs[i].first
            var aliases: [String] = []
            for v in prefs[i] + labels[i] + alts[i] where v != main && !aliases.contains(v) { aliases.append(v) }
            out[t] = EntityInfo(display: main ?? Labels.unlabelledName(t), aliases: aliases, cls: classes[i])
        }
        return out
    }

    /// Calls `body` with every default-graph triple whose predicate is one of `relations` and whose
    /// object is an IRI, except those also in the ontology graph (the ontology's own reference
    /// triples): relation by relation in the order given, each in index order (subject id, object id).
    /// One query for all relations.
    static func relationTriples(_ relations: [String], store: TripleStore, _ body: (Triple) -> Void) throws {
        guard !relations.isEmpty else { return }
        let ontologyGraph = try store.id(of: TripleStore.ontologyGraph) ?? -1
        // CROSS JOIN keeps the join order: each relation's dictionary row, then its quads (index on p).
        let st = try store.connection.prepare("""
            SELECT j.key, s.kind, s.value, s.datatype, s.lang, o.value
            FROM json_each(?1) AS j
            CROSS JOIN term AS p ON p.value = j.value AND p.kind = 0 AND p.datatype = '' AND p.lang = ''
            CROSS JOIN quad AS q ON q.p = p.id AND q.g = 0
            JOIN term AS o ON o.id = q.o
            JOIN term AS s ON s.id = q.s
            WHERE o.kind = 0
              AND NOT EXISTS (SELECT 1 FROM quad AS r WHERE r.s = q.s AND r.p = q.p AND r.o = q.o AND r.g = ?2)
            ORDER BY j.key, q.s, q.o
            """)
        st.bind("[" + relations.map(JSONText.quote).joined(separator: ",") + "]", at: 1)
        st.bind(ontologyGraph, at: 2)
        defer { st.reset() }
        let predicates = relations.map(Term.iri)
        while try st.step() {
            let subject = TripleStore.term(kind: st.int(1), value: st.text(2), datatype: st.text(3), lang: st.text(4))
            body(Triple(subject, predicates[Int(st.int(0))], .iri(st.text(5))))
        }
    }
}
