import Foundation
import RDF
import Store
import Testing
@testable import SPARQL

/// Runs `text` (the test prefixes before it) as an update on `store`.
@discardableResult
func update(_ store: TripleStore, _ text: String) throws -> UpdateSummary {
    try UpdateEngine(store: store).execute(try Update.parse(prefixes + text))
}

/// Every quad of `store` as "s p o g" with short names (g: "-" for the default graph), sorted.
func contents(_ store: TripleStore) throws -> [String] {
    func short(_ t: Term?) -> String {
        switch t {
        case .iri(let i)?: return i.hasPrefix(ex) ? String(i.dropFirst(ex.count)) : i
        case .literal(let l)?: return l.lexical
        case .blank?: return "_"
        case nil: return "-"
        }
    }
    var out: [String] = []
    try store.quads { q in
        out.append([q.subject, q.predicate, q.object].map { short($0) }.joined(separator: " ") + " " + short(q.graph))
        return true
    }
    return out.sorted()
}

@Suite struct UpdateParserTests {
    func operations(_ text: String) throws -> [UpdateOperation] { try Update.parse(prefixes + text).operations }

    @Test func everyOperationParses() throws {
        let ops = try operations("""
            INSERT DATA { :a :p :b . GRAPH :g { :a :p "x" } } ;
            DELETE DATA { :a :p :b } ;
            DELETE WHERE { ?s :p ?o } ;
            WITH :g DELETE { ?s :p ?o } INSERT { ?s :q ?o } USING :h USING NAMED :n WHERE { ?s :p ?o } ;
            INSERT { ?s :q [] } WHERE { ?s :p ?o } ;
            LOAD SILENT <file:///tmp/x.ttl> INTO GRAPH :g ;
            CLEAR SILENT GRAPH :g ; CLEAR DEFAULT ; DROP NAMED ; DROP ALL ;
            CREATE GRAPH :g ;
            ADD :g TO DEFAULT ; MOVE SILENT DEFAULT TO GRAPH :g ; COPY GRAPH :g TO :h ;
            """)
        #expect(ops.count == 14)
        guard case .insertData(let data) = ops[0] else { Issue.record("not INSERT DATA: \(ops[0])"); return }
        #expect(data.count == 2)
        #expect(data[1].graph == .term(iri("g")))
        guard case .modify(let m) = ops[3] else { Issue.record("not a modify: \(ops[3])"); return }
        #expect(m.with == ex + "g" && m.delete.count == 1 && m.insert.count == 1)
        #expect(m.using?.defaultGraphs == [ex + "h"] && m.using?.namedGraphs == [ex + "n"])
        guard case .transfer(.move, .defaultGraph, .named(let to), true) = ops[12] else { Issue.record("\(ops[12])"); return }
        #expect(to == ex + "g")
        guard case .load(let source, let into, true) = ops[5] else { Issue.record("\(ops[5])"); return }
        #expect(source == "file:///tmp/x.ttl" && into == ex + "g")
    }

    @Test func anEmptyRequestAndAPrologueAloneAreValid() throws {
        #expect(try Update.parse("").count == 0)
        #expect(try Update.parse("PREFIX : <http://example.org/>").count == 0)
        #expect(try Update.parse("CLEAR ALL ;").count == 1)
    }

    @Test(arguments: [
        ("LOAD ;", "expected the IRI"),
        ("CREATE DEAFULT", "expected GRAPH"),
        ("DELETE DATA { ?s :p :o }", "cannot hold variables"),
        ("INSERT DATA { GRAPH ?g { :s :p :o } }", "cannot hold variables"),
        ("DELETE DATA { GRAPH :g { :s :p :o . GRAPH :h { :s :p :o } } }", "expected"),
        ("INSERT WHERE { ?s ?p ?o }", "expected '{'"),
        ("CREATE GRAPH :g\nLOAD <x>", "expected ';'"),
        ("CREATE GRAPH :g ;; CLEAR ALL", "expected an update operation"),
        ("DELETE WHERE { _:a :p :o }", "blank nodes"),
        ("DELETE { :s :p [] } WHERE { ?x :p :o }", "blank nodes"),
        ("DELETE DATA { _:a :p :o }", "blank nodes"),
        ("INSERT DATA { _:b :p :o } ; INSERT DATA { _:b :p :o }", "two operations"),
        ("SELECT * WHERE { ?s ?p ?o }", "is a query, not an update"),
    ])
    func badUpdatesAreSyntaxErrors(_ text: String, _ message: String) throws {
        let e = try #require(throws: SPARQLError.self) { try Update.parse(prefixes + text) }
        #expect(e.kind == .syntax)
        #expect(e.message.contains(message), "\(e.message)")
        #expect(e.line != nil && e.column != nil)
    }

    @Test func aSyntaxErrorNamesItsLineAndColumn() throws {
        let e = try #require(throws: SPARQLError.self) { try Update.parse("CLEAR ALL ;\nINSERT DATA { <a> <b> }") }
        #expect(e.line == 2 && e.column == 23, "\(e)")
    }

    @Test func nestingPastTheLimitIsASyntaxErrorNotACrash() throws {
        let deep = String(repeating: "{ ", count: 5000) + String(repeating: "} ", count: 5000)
        let e = try #require(throws: SPARQLError.self) { try Update.parse("DELETE { ?s ?p ?o } WHERE " + deep) }
        #expect(e.kind == .syntax && e.message.contains("nested more than"), "\(e.message)")
        #expect(e.line == 1)
        let lists = String(repeating: "(", count: 5000) + String(repeating: ")", count: 5000)
        let e2 = try #require(throws: SPARQLError.self) { try Update.parse("INSERT DATA { <a> <b> \(lists) }") }
        #expect(e2.message.contains("nested more than"), "\(e2.message)")
    }

    @Test func kgQueryPointsAnUpdateToKgUpdate() throws {
        let e = try #require(throws: SPARQLError.self) { try Query.parse("DELETE WHERE { ?s ?p ?o }") }
        #expect(e.message.contains("run it with kg update"), "\(e.message)")
    }
}

@Suite struct UpdateEvaluationTests {
    @Test func insertDataAndDeleteDataCountWhatChanged() throws {
        try withStore { store in
            let s = try update(store, "INSERT DATA { :a :p :b . :a :p :b . GRAPH :g { :a :p 1 } }")
            #expect(s == UpdateSummary(inserted: 2, deleted: 0))
            #expect(try contents(store) == ["a p 1 g", "a p b -"])
            let again = try update(store, "INSERT DATA { :a :p :b }")
            #expect(again.inserted == 0, "the quad was there")
            let d = try update(store, "DELETE DATA { :a :p :b . :x :y :z . GRAPH :g { :a :p 1 } }")
            #expect(d == UpdateSummary(inserted: 0, deleted: 2))
            #expect(try contents(store).isEmpty)
        }
    }

    @Test func insertDataBlankNodesAreFreshAndSharedWithinTheOperation() throws {
        try withStore { store in
            try update(store, "INSERT DATA { _:x :p :a . _:x :q :b }")
            try update(store, "INSERT DATA { _:x :p :c }")
            let subjects = try column(store, "SELECT DISTINCT ?s WHERE { ?s :p ?o }", "s")
            #expect(subjects.count == 2, "a label is one node within a request, a new one in the next: \(subjects)")
            #expect(try column(store, "SELECT ?o WHERE { ?s :p :a ; :q ?o }", "o") == ["b"])
        }
    }

    @Test func deleteInsertWhereReadsBeforeItWrites() throws {
        try withPeopleStore { store in
            // every age goes up by one: the WHERE sees the old ages only
            let s = try update(store, "DELETE { ?x :age ?a } INSERT { ?x :age ?b } WHERE { ?x :age ?a BIND(?a + 1 AS ?b) }")
            #expect(s == UpdateSummary(inserted: 3, deleted: 3))
            #expect(try column(store, "SELECT ?a WHERE { :alice :age ?a }", "a") == ["31"])
            #expect(try column(store, "SELECT ?a WHERE { :bob :age ?a }", "a") == ["26"])
        }
    }

    @Test func deleteWhereRemovesTheMatchesInTheirGraphs() throws {
        try withPeopleStore { store in
            let s = try update(store, "DELETE WHERE { GRAPH ?g { :bob :says ?what } }")
            #expect(s.deleted == 2)
            #expect(try column(store, "SELECT ?w WHERE { GRAPH ?g { ?s :says ?w } }", "w") == ["hello"])
        }
    }

    @Test func withSetsTheGraphOfTheTemplatesAndThePattern() throws {
        try withPeopleStore { store in
            try update(store, "WITH :g2 DELETE { ?s :says \"bye\" } INSERT { ?s :said \"bye\" } WHERE { ?s :says \"bye\" }")
            #expect(try column(store, "SELECT ?w WHERE { GRAPH :g2 { :bob ?p ?w } }", "w").sorted() == ["bye", "hi"])
            #expect(try column(store, "SELECT ?p WHERE { GRAPH :g2 { :bob ?p \"bye\" } }", "p") == ["said"])
            // with WITH, the named graphs stay visible to GRAPH ?g
            let s = try update(store, "WITH :g1 INSERT { ?s :heard ?w } WHERE { GRAPH ?g { ?s :says ?w } }")
            #expect(s.inserted == 2)
        }
    }

    @Test func usingSetsTheDatasetOfThePatternOnly() throws {
        try withPeopleStore { store in
            // the default graph of the pattern is g2; the triple goes to the store's default graph
            let s = try update(store, "INSERT { ?s :quoted ?w } USING :g2 WHERE { ?s :says ?w }")
            #expect(s.inserted == 2)
            #expect(try column(store, "SELECT ?w WHERE { :bob :quoted ?w }", "w").sorted() == ["bye", "hi"])
            let none = try update(store, "INSERT { ?s :quoted ?w } USING NAMED :g1 WHERE { ?s :says ?w }")
            #expect(none.inserted == 0, "USING NAMED alone leaves the default graph empty")
        }
    }

    @Test func templateQuadsThatAreNotRDFAreSkipped() throws {
        try withPeopleStore { store in
            // ?n is a literal: it cannot be a subject; ?unbound leaves its triple out
            let s = try update(store, "INSERT { ?n :of ?x . ?x :nick ?unbound . ?x :named ?n } WHERE { ?x :name ?n }")
            #expect(s.inserted == 4)
        }
    }

    @Test func insertTemplateBlankNodesAreFreshPerSolution() throws {
        try withPeopleStore { store in
            try update(store, "INSERT { [] :about ?x } WHERE { ?x a :Person }")
            #expect(try column(store, "SELECT DISTINCT ?b WHERE { ?b :about ?x }", "b").count == 2)
        }
    }

    @Test func clearDropCreateAndTheirSilentForms() throws {
        try withPeopleStore { store in
            #expect(throws: SPARQLError.self) { try update(store, "CLEAR GRAPH :nowhere") }
            #expect(throws: SPARQLError.self) { try update(store, "DROP GRAPH :nowhere") }
            #expect(try update(store, "DROP SILENT GRAPH :nowhere") == UpdateSummary())
            #expect(throws: SPARQLError.self) { try update(store, "CREATE GRAPH :g1") }
            try update(store, "CREATE SILENT GRAPH :g1 ; CREATE GRAPH :new ; DROP GRAPH :new")
            #expect(try update(store, "CLEAR GRAPH :g2").deleted == 2)
            #expect(try update(store, "DROP NAMED").deleted == 1)
            #expect(try column(store, "SELECT ?g WHERE { GRAPH ?g {} }", "g").isEmpty)
            #expect(try update(store, "CLEAR DEFAULT").deleted == 12)
            #expect(try contents(store).isEmpty)
        }
    }

    @Test func addCopyMove() throws {
        try withPeopleStore { store in
            #expect(try update(store, "ADD :g1 TO :g2").inserted == 1)
            #expect(try column(store, "SELECT ?w WHERE { GRAPH :g2 { ?s :says ?w } }", "w").sorted() == ["bye", "hello", "hi"])
            try update(store, "COPY :g1 TO :g2")
            #expect(try column(store, "SELECT ?w WHERE { GRAPH :g2 { ?s :says ?w } }", "w") == ["hello"])
            try update(store, "MOVE :g2 TO :g3")
            #expect(try column(store, "SELECT ?g WHERE { GRAPH ?g { ?s :says ?w } }", "g").sorted() == ["g1", "g3"])
            #expect(try update(store, "COPY :g1 TO :g1") == UpdateSummary(), "a graph onto itself does nothing")
            #expect(throws: SPARQLError.self) { try update(store, "ADD :nowhere TO :g1") }
            #expect(try update(store, "MOVE SILENT :nowhere TO DEFAULT") == UpdateSummary())
            try update(store, "COPY DEFAULT TO :copy")
            #expect(try column(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH :copy { ?s ?p ?o } }", "n") == ["12"])
        }
    }

    @Test func aFailingOperationRollsBackTheWholeRequest() throws {
        try withPeopleStore { store in
            let before = try contents(store)
            #expect(throws: SPARQLError.self) { try update(store, "INSERT DATA { :z :p :q } ; CLEAR DEFAULT ; DROP GRAPH :nowhere") }
            #expect(try contents(store) == before)
        }
    }

    @Test func laterOperationsSeeTheEarlierOnes() throws {
        try withStore { store in
            let s = try update(store, "INSERT DATA { :a :p 1 } ; INSERT { ?s :q ?o } WHERE { ?s :p ?o } ; DELETE WHERE { ?s :p ?o }")
            #expect(s == UpdateSummary(inserted: 2, deleted: 1))
            #expect(try contents(store) == ["a q 1 -"])
        }
    }

    @Test func loadReadsALocalFileAndNeverTheNetwork() throws {
        let dir = try temporaryStoreFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("extra.ttl")
        try "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n".write(to: file, atomically: true, encoding: .utf8)
        try withStore { store in
            #expect(try update(store, "LOAD <\(file.absoluteString)> INTO GRAPH :x").inserted == 1)
            #expect(try contents(store) == ["a p b x"])
            let e = try #require(throws: SPARQLError.self) { try update(store, "LOAD <http://example.org/data.ttl>") }
            #expect(e.message.contains("local files only"), "\(e.message)")
            #expect(try update(store, "LOAD SILENT <http://example.org/data.ttl>") == UpdateSummary())
            let missing = try #require(throws: SPARQLError.self) { try update(store, "LOAD <file:///nonexistent/kg.ttl>") }
            #expect(missing.message.contains("cannot read"), "\(missing.message)")
            let engine = UpdateEngine(store: store)
            engine.allowLoad = false
            let refused = try #require(throws: SPARQLError.self) { try engine.execute(try Update.parse("LOAD <\(file.absoluteString)>")) }
            #expect(refused.message.contains("LOAD is refused"), "\(refused.message)")
        }
    }

    @Test func theProtocolsUsingGraphsReplaceTheDataset() throws {
        try withPeopleStore { store in
            var u = try Update.parse(prefixes + "INSERT { ?s :quoted ?w } WHERE { ?s :says ?w }")
            #expect(!u.namesItsDataset)
            u.setProtocolDataset(usingGraphs: [ex + "g1"], usingNamedGraphs: [])
            #expect(try UpdateEngine(store: store).execute(u).inserted == 1)
            #expect(try Update.parse(prefixes + "WITH :g1 INSERT { ?s :q ?w } WHERE { ?s :says ?w }").namesItsDataset)
        }
    }
}
