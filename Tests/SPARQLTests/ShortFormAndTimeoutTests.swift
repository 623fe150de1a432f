import Foundation
import Testing
import RDF
import Store
@testable import SPARQL

@Suite struct ShortFormTests {
    func withKGStore<T>(_ body: (TripleStore) throws -> T) throws -> T {
        let mndaa = Term.iri(KG.entityNS + "mndaa"), lashio = Term.iri(KG.entityNS + "lashio")
        let shan = Term.iri(KG.entityNS + "shan-state"), unit = Term.iri(KG.entityNS + "unit-1")
        return try withStore([
            Quad(mndaa, .iri(RDFS.label), .string("MNDAA")),
            Quad(mndaa, .iri(SKOS.altLabel), .string("Myanmar National Democratic Alliance Army")),
            Quad(shan, .iri(SKOS.prefLabel), .lang("Shan State", "en")),
            Quad(lashio, .iri(RDFS.label), .string("Lashio")),
            Quad(mndaa, KG.term("controls"), lashio),
            Quad(lashio, KG.term("locatedIn"), shan),
            Quad(unit, KG.term("surrenderedTo"), mndaa),
            Quad(mndaa, .iri(RDFNS.type), KG.term("ArmedGroup")),
        ], body)
    }

    @Test func looksLikeShortForm() {
        #expect(ShortForm.looksLikeShortForm("?who surrenderedTo MNDAA"))
        #expect(!ShortForm.looksLikeShortForm("select * { ?s ?p ?o }"))
        #expect(!ShortForm.looksLikeShortForm("# comment\n  PREFIX x: <y> SELECT * {}"))
        #expect(!ShortForm.looksLikeShortForm("ASK {}"))
        #expect(!ShortForm.looksLikeShortForm("  base <x> ASK {}"))
    }

    @Test func expandsAndRuns() throws {
        try withKGStore { store throws in
            let text = try ShortForm.expand("?who surrenderedTo mndaa", store: store)
            #expect(text.hasPrefix("SELECT DISTINCT ?who WHERE {"))
            #expect(text.contains("<\(KG.ns)surrenderedTo> <\(KG.entityNS)mndaa>"))
            let two = try ShortForm.expand("MNDAA controls ?place . ?place locatedIn \"shan state\"", store: store)
            guard case .bindings(let vars, let rows) = try QueryEngine(store: store).execute(try Query.parse(two)) else {
                Issue.record("the short form gave no bindings"); return
            }
            #expect(vars == ["place"])
            #expect(rows == [[.iri(KG.entityNS + "lashio")]])
            let alias = try ShortForm.expand("\"Myanmar National Democratic Alliance Army\" a ArmedGroup", store: store)
            #expect(alias.hasPrefix("ASK"))
            guard case .boolean(true) = try QueryEngine(store: store).execute(try Query.parse(alias)) else { Issue.record("alias"); return }
        }
    }

    @Test func unknownNamesAreNamed() throws {
        try withKGStore { store throws in
            do {
                _ = try ShortForm.expand("?x bombed \"Nowhere Town\"", store: store)
                Issue.record("accepted")
            } catch let e as SPARQLError {
                #expect(e.message.contains("bombed"))
                #expect(e.message.contains("Nowhere Town"))
            }
            #expect(throws: SPARQLError.self) { try ShortForm.expand("?x controls", store: store) }
        }
    }
}

@Suite struct TimeoutTests {
    @Test func cartesianProductTimesOutQuickly() throws {
        var quads: [Quad] = []
        for i in 0..<3000 { quads.append(Quad(iri("s\(i)"), iri("p\(i % 7)"), int(i))) }
        try withStore(quads) { store throws in
            let start = Date()
            do {
                _ = try run(store, "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout: 0.2)
                Issue.record("finished")
            } catch let e as SPARQLError {
                #expect(e.kind == .timeout)
                #expect(e.message.contains("0.2 s"))
            }
            #expect(Date().timeIntervalSince(start) < 3)
            // The connection is usable afterwards.
            Thread.sleep(forTimeInterval: 0.3)
            #expect(try select(store, "SELECT ?o { :s1 ?p ?o }").count == 1)
        }
    }
}
