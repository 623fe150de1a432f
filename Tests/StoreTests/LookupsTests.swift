import Foundation
import RDF
import Testing
@testable import Store

/// The typed look-ups of Lookups.swift answer as reading quad by quad would.
@Suite struct LookupsTests {
    static let ns = "https://kg.example.org/id/"

    @Test func entityNamesAreTheDefaultGraphsLabelsAndTypesInIndexOrder() throws {
        try withTemporaryStore { store throws in
            let a = Term.iri(Self.ns + "a"), b = Term.blank("b"), c = Term.iri(Self.ns + "c \"quoted\"\n")
            let article = Term.iri("https://kg.example.org/article/x")
            for q in [Quad(a, .iri(RDFS.label), .string("Alpha")), Quad(a, .iri(SKOS.altLabel), .string("A")),
                      Quad(a, .iri(SKOS.prefLabel), .string("The Alpha")), Quad(a, .iri(RDFNS.type), .iri(KG.ns + "Town")),
                      Quad(a, .iri(RDFNS.type), .string("not an IRI")), Quad(a, .iri(SKOS.altLabel), .iri(Self.ns + "iri")),
                      Quad(a, .iri(RDFS.label), .string("Only in an article"), graph: article),
                      Quad(b, .iri(RDFS.label), .string("Blank")), Quad(c, .iri(SKOS.altLabel), .string("Odd"))] {
                try store.insert(q)
            }
            let terms: [Term] = [a, .string("a literal"), b, c, .iri(Self.ns + "unknown")]
            let names = try store.entityNames(terms)
            #expect(names.count == terms.count)
            // the same lists quad by quad (index order), literals only for names, IRIs only for types
            for (t, n) in zip(terms, names) {
                func values(_ p: String, iris: Bool) throws -> [String] {
                    var out: [String] = []
                    try store.quads(subject: t, predicate: .iri(p), graph: .some(nil)) { q in
                        switch q.object {
                        case .literal(let l) where !iris: out.append(l.lexical)
                        case .iri(let v) where iris: out.append(v)
                        default: break
                        }
                        return true
                    }
                    return out
                }
                #expect(try n.labels == values(RDFS.label, iris: false))
                #expect(try n.prefLabels == values(SKOS.prefLabel, iris: false))
                #expect(try n.altLabels == values(SKOS.altLabel, iris: false))
                #expect(try n.types == values(RDFNS.type, iris: true))
            }
            #expect(names[0].labels == ["Alpha"] && names[0].types == [KG.ns + "Town"] && names[0].altLabels == ["A"])
            #expect(names[2].labels == ["Blank"] && names[3].altLabels == ["Odd"] && names[4] == TripleStore.EntityNames())
        }
    }

    @Test func relationTriplesLeaveOutTheOtherGraphsAndLiterals() throws {
        try withTemporaryStore { store throws in
            let a = Term.iri(Self.ns + "a"), t = Term.iri(Self.ns + "t"), u = Term.iri(Self.ns + "u")
            let captured = KG.ns + "captured", controls = KG.ns + "controls"
            for q in [Quad(a, .iri(controls), t), Quad(a, .iri(captured), u), Quad(a, .iri(captured), t),
                      Quad(a, .iri(captured), .string("a literal")),
                      Quad(a, .iri(controls), u), Quad(a, .iri(controls), u, graph: TripleStore.ontologyGraph)] {
                try store.insert(q)
            }
            var seen: [Triple] = []
            try store.relationTriples([captured, controls, KG.ns + "unused"], notIn: TripleStore.ontologyGraph) { seen.append($0) }
            let ids = try [t, u].map { try #require(try store.id(of: $0)) }
            let capturedOrder = ids[0] < ids[1] ? [t, u] : [u, t]
            #expect(seen == capturedOrder.map { Triple(a, .iri(captured), $0) } + [Triple(a, .iri(controls), t)],
                    "relation by relation as asked, objects in index order, the ontology's triple left out")
            try store.relationTriples([], notIn: TripleStore.ontologyGraph) { _ in Issue.record("no relations, no triples") }
        }
    }

    @Test func triplesOfAGraphKeepTheNamespacesSubjectsAndTheWantedPredicates() throws {
        try withTemporaryStore { store throws in
            let g = TripleStore.ontologyGraph
            #expect(try store.triples(in: g, predicates: [RDFS.label], subjectsIn: KG.ns).isEmpty, "no such graph yet")
            let cls = Term.iri(KG.ns + "Town"), entity = Term.iri(Self.ns + "laukkai")
            for q in [Quad(cls, .iri(RDFS.label), .string("town"), graph: g), Quad(cls, .iri(KG.ns + "trigger"), .string("x"), graph: g),
                      Quad(entity, .iri(RDFS.label), .string("Laukkai"), graph: g), Quad(.blank("r"), .iri(RDFS.label), .string("r"), graph: g),
                      Quad(cls, .iri(RDFS.label), .string("default graph"))] {
                try store.insert(q)
            }
            let found = try store.triples(in: g, predicates: [RDFS.label, RDFNS.type], subjectsIn: KG.ns)
            #expect(Set(found) == [Triple(cls, .iri(RDFS.label), .string("town")), Triple(.blank("r"), .iri(RDFS.label), .string("r"))])
        }
    }

    @Test func aReadSnapshotEndsWhateverItsBodyDoes() throws {
        try withTemporaryStore { store throws in
            struct Stop: Error {}
            #expect(try store.withReadSnapshot { try store.counts().quads } == 0)
            #expect(throws: Stop.self) { try store.withReadSnapshot { throw Stop() } }
            // no transaction is left open: a write transaction starts and commits
            _ = try store.transaction { try store.insert(Quad(.iri(Self.ns + "a"), .iri(RDFS.label), .string("A"))) }
            #expect(try store.counts().quads == 1)
        }
    }
}
