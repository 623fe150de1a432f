import Foundation
import RDF

// Typed look-ups for the layers above the store (the maps, the stored ontology a map draws with, the
// commands' read snapshots): the SQL they need lives here, with bound parameters only. A set of terms
// or predicates is passed as one JSON array (`json_each`), so each look-up is one query however many
// entities it covers.

extension TripleStore {
    /// What the default graph says an entity is called and what it is: the literal values of its
    /// `rdfs:label`, `skos:prefLabel` and `skos:altLabel` triples and the IRIs of its `rdf:type` triples,
    /// each list in index order (object id).
    public struct EntityNames: Sendable, Equatable {
        public var labels: [String] = []
        public var prefLabels: [String] = []
        public var altLabels: [String] = []
        public var types: [String] = []
        public init() {}
    }

    /// The names and types of every term in `terms` (in the same order), read in one query per term kind
    /// (IRIs, blank nodes); a literal has no triples of its own and gets empty lists. The same answers as
    /// reading term by term through `quads(subject:predicate:graph:)`.
    public func entityNames(_ terms: [Term]) throws -> [EntityNames] {
        var out = [EntityNames](repeating: EntityNames(), count: terms.count)
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
        let predicateIDs = try predicates.map { try id(of: .iri($0)) ?? -1 }
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
            let st = try connection.prepare(sql)
            st.bind(Self.jsonArray(group.values), at: 1)
            st.bind(group.kind, at: 2)
            for (k, id) in predicateIDs.enumerated() { st.bind(id, at: Int32(k + 3)) }
            defer { st.reset() }
            while try st.step() {
                let i = group.positions[Int(st.int(0))]
                let predicate = st.int(1), kind = st.int(2)
                switch predicate {
                case predicateIDs[0]: if kind == 2 { out[i].labels.append(st.text(3)) }
                case predicateIDs[1]: if kind == 2 { out[i].prefLabels.append(st.text(3)) }
                case predicateIDs[2]: if kind == 2 { out[i].altLabels.append(st.text(3)) }
                default: if kind == 0 { out[i].types.append(st.text(3)) }
                }
            }
        }
        return out
    }

    /// Calls `body` with every default-graph triple whose predicate is one of `predicates` and whose
    /// object is an IRI, except those also in `graph` (e.g. the ontology's own reference triples):
    /// predicate by predicate in the order given, each in index order (subject id, object id). One query.
    public func relationTriples(_ predicates: [String], notIn graph: Term, _ body: (Triple) -> Void) throws {
        guard !predicates.isEmpty else { return }
        let excluded = try id(of: graph) ?? -1
        // CROSS JOIN keeps the join order: each relation's dictionary row, then its quads (index on p).
        let st = try connection.prepare("""
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
        st.bind(Self.jsonArray(predicates), at: 1)
        st.bind(excluded, at: 2)
        defer { st.reset() }
        let terms = predicates.map(Term.iri)
        while try st.step() {
            let subject = Self.term(kind: st.int(1), value: st.text(2), datatype: st.text(3), lang: st.text(4))
            body(Triple(subject, terms[Int(st.int(0))], .iri(st.text(5))))
        }
    }

    /// The triples of `graph` whose predicate is one of `predicates` and whose subject is a blank node or
    /// an IRI in `namespace`, in index order (subject, predicate, object ids); none when the store does
    /// not know the graph. (The vocabulary of the stored ontology without its named entities.)
    public func triples(in graph: Term, predicates: [String], subjectsIn namespace: String) throws -> [Triple] {
        guard let graphID = try id(of: graph) else { return [] }
        let marks = (0..<predicates.count).map { "?\($0 + 3)" }.joined(separator: ", ")
        let st = try connection.prepare("""
            SELECT s.kind, s.value, p.value, o.kind, o.value, o.datatype, o.lang
            FROM quad AS q JOIN term AS s ON s.id = q.s JOIN term AS p ON p.id = q.p JOIN term AS o ON o.id = q.o
            WHERE q.g = ?1 AND p.kind = 0 AND p.value IN (\(marks))
              AND (s.kind = 1 OR (s.kind = 0 AND substr(s.value, 1, length(?2)) = ?2))
            ORDER BY q.s, q.p, q.o
            """)
        st.bind(graphID, at: 1)
        st.bind(namespace, at: 2)
        for (i, p) in predicates.enumerated() { st.bind(p, at: Int32(i + 3)) }
        defer { st.reset() }
        var out: [Triple] = []
        while try st.step() {
            let s = Self.term(kind: st.int(0), value: st.text(1), datatype: "", lang: "")
            let o = Self.term(kind: st.int(3), value: st.text(4), datatype: st.text(5), lang: st.text(6))
            out.append(Triple(s, .iri(st.text(2)), o))
        }
        return out
    }

    /// `values` as a JSON array of strings (RFC 8259; also U+2028/U+2029 escaped), for `json_each`.
    static func jsonArray(_ values: [String]) -> String {
        "[" + values.map(JSONText.quote).joined(separator: ",") + "]"
    }
}
