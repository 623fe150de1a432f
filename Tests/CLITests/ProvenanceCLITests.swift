import Foundation
import Testing

/// Statement-level provenance through SPARQL: every statement's time, source, sentence and confidence
/// as RDF reification, and SPARQL-star's `<< s p o >>` reading it.
@Suite struct ProvenanceCLITests {
    static let prefixes = """
        PREFIX kg: <https://kg.example.org/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>

        """

    /// Runs a SELECT in JSON and returns its bindings as [variable: value].
    func select(_ query: String, db: String = ExampleStore.db) throws -> [[String: String]] {
        let r = try KG.run(["query", "--db", db, "--format", "json", Self.prefixes + query])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let bindings = (json?["results"] as? [String: Any])?["bindings"] as? [[String: [String: String]]] ?? []
        return bindings.map { $0.compactMapValues { $0["value"] } }
    }

    @Test func quotedTriplePatternFindsTheDateSourceAndSentenceOfAStatement() throws {
        let rows = try select("""
            SELECT ?unit ?actor ?d ?src ?sentence WHERE {
              << ?unit kg:surrenderedTo ?actor >> kg:date ?d ; kg:source ?src ; kg:sentence ?sentence .
            }
            """)
        // Infantry Battalion 129 surrendered to the MNDAA on 12 November 2023 (Examples/articles/04-…).
        let ib129 = rows.first { $0["d"] == "2023-11-12" }
        #expect(ib129 != nil, "no surrender dated 2023-11-12: \(rows)")
        #expect(ib129?["src"]?.hasPrefix("https://kg.example.org/article/") == true)
        #expect(ib129?["src"]?.contains("04-battalion-129") == true)
        #expect(ib129?["sentence"]?.contains("surrendered to the MNDAA") == true)
    }

    @Test func quotedTripleIsTheStandardReification() throws {
        let star = try select("SELECT ?s ?d WHERE { << ?s kg:surrenderedTo ?o >> kg:date ?d }")
        let plain = try select("""
            SELECT ?s ?d WHERE {
              ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate kg:surrenderedTo ; rdf:object ?o ; kg:date ?d .
            }
            """)
        #expect(!star.isEmpty)
        #expect(Set(star) == Set(plain))
    }

    @Test func everyFactHasAStatementWithConfidenceAndModalityInItsArticleGraph() throws {
        let missing = try select("""
            SELECT ?s ?p ?o WHERE {
              GRAPH ?g { ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(kg:)) && isIRI(?o) && STRSTARTS(STR(?g), "https://kg.example.org/article/")) }
              FILTER NOT EXISTS {
                GRAPH ?g { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:source ?g ;
                               kg:confidence ?c ; kg:modality ?m . }
              }
            }
            """)
        // Entity descriptions (kg:source on statements themselves) are the only kg: IRI-valued triples
        // that are not facts.
        let facts = missing.filter { $0["p"] != "https://kg.example.org/ontology#source" }
        #expect(facts.isEmpty, "facts without a statement: \(facts)")
        let confidences = try select("SELECT ?c WHERE { ?st a rdf:Statement ; kg:confidence ?c }")
        #expect(!confidences.isEmpty)
        #expect(confidences.allSatisfy { Double($0["c"] ?? "") .map { $0 > 0 && $0 <= 1 } == true })
    }

    @Test func nestedAndTemplateQuotedTriplesParse() throws {
        let r = try KG.run(["parse", Self.prefixes + """
            CONSTRUCT { << ?a kg:captured ?p >> kg:seenIn ?g } WHERE { GRAPH ?g { << << ?a kg:captured ?p >> kg:x ?y >> kg:z ?w } }
            """])
        #expect(r.status == 0, "\(r.stderr)")
        let bad = try KG.run(["parse", "SELECT * WHERE { << ?a ?b ?c > ?p ?o }"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(">>"), "\(bad.stderr)")
    }

    @Test func statementsFollowTheirArticleWhenItChangesOrGoes() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let file = articles.appendingPathComponent("a.txt")
        func write(_ day: Int) throws {
            try """
                ---
                title: Test
                published: 2022-03-20
                ---
                The Blue Valley Front captured Orvale Town on \(day) March 2022.
                """.write(to: file, atomically: true, encoding: .utf8)
        }
        let db = dir.appendingPathComponent("kg.sqlite").path
        let query = "SELECT ?d WHERE { << ?a kg:captured ?p >> kg:date ?d }"
        try write(4)
        #expect(try KG.run(["build", "-q", "--db", db, articles.path]).status == 0)
        #expect(try select(query, db: db).map { $0["d"] } == ["2022-03-04"])
        try write(6)
        #expect(try KG.run(["build", "-q", "--db", db, articles.path]).status == 0)
        #expect(try select(query, db: db).map { $0["d"] } == ["2022-03-06"])
        try FileManager.default.removeItem(at: file)
        #expect(try KG.run(["build", "-q", "--db", db, articles.path]).status == 0)
        #expect(try select("SELECT ?st WHERE { ?st a rdf:Statement }", db: db).isEmpty)
    }

    @Test func statementQualifiersSurviveANQuadsRoundTrip() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nq = try KG.run(["export", "--db", ExampleStore.db, "--format", "nq"])
        #expect(nq.status == 0)
        let file = dir.appendingPathComponent("backup.nq")
        try nq.stdout.write(to: file, atomically: true, encoding: .utf8)
        let copy = dir.appendingPathComponent("copy.sqlite").path
        #expect(try KG.run(["import", "-q", "--db", copy, file.path]).status == 0)
        let q = """
            SELECT ?g ?s ?p ?o ?d ?c ?m ?sentence WHERE {
              << ?s ?p ?o >> kg:source ?g ; kg:confidence ?c ; kg:modality ?m ; kg:sentence ?sentence .
              OPTIONAL { << ?s ?p ?o >> kg:source ?g ; kg:date ?d }
            }
            """
        let original = try select(q), copied = try select(q, db: copy)
        #expect(original.count > 5)
        #expect(original.contains { $0["d"] != nil })
        #expect(Set(original) == Set(copied))
    }

    @Test func everyKgTermTheStoreWritesIsDeclaredInTheVocabulary() throws {
        let vocabulary = try String(contentsOf: KG.root.appendingPathComponent("docs/vocabulary.ttl"), encoding: .utf8)
        var written = Set<String>()
        for q in [
            "SELECT DISTINCT ?t WHERE { GRAPH <https://kg.example.org/graph/timeline> { { ?s ?t ?o } UNION { ?s a ?t } } }",
            "SELECT DISTINCT ?t WHERE { ?st a rdf:Statement ; ?t ?o }",
        ] {
            for row in try select(q) { if let t = row["t"], t.hasPrefix("https://kg.example.org/ontology#") { written.insert(t) } }
        }
        #expect(written.contains("https://kg.example.org/ontology#ControlPeriod"))
        #expect(written.contains("https://kg.example.org/ontology#sentence"))
        for t in written {
            let local = t.dropFirst("https://kg.example.org/ontology#".count)
            #expect(vocabulary.contains("\nkg:\(local) a "), "kg:\(local) is written by kg build but not declared in docs/vocabulary.ttl")
        }
        // Every kg: term of the whole export (ontology graph included) is declared, here or in the ontology.
        var declared = vocabulary
        for file in try FileManager.default.subpathsOfDirectory(atPath: KG.root.appendingPathComponent("Ontology").path) where file.hasSuffix(".ttl") {
            declared += try String(contentsOf: KG.root.appendingPathComponent("Ontology/" + file), encoding: .utf8)
        }
        let export = try KG.run(["export", "--db", ExampleStore.db, "--format", "nq"]).stdout
        var used = Set<String>()
        var rest = Substring(export)
        while let r = rest.range(of: "<https://kg.example.org/ontology#") {
            let after = rest[r.upperBound...]
            let name = after.prefix { $0.isLetter || $0.isNumber }
            if after.dropFirst(name.count).first == ">" { used.insert(String(name)) }
            rest = after
        }
        #expect(used.count > 50)
        for local in used.sorted() {
            #expect(declared.contains("\nkg:\(local) a "), "kg:\(local) is in the export but declared neither in docs/vocabulary.ttl nor in Ontology/")
        }
        // The file itself is valid Turtle.
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try KG.run(["import", "-q", "--db", dir.appendingPathComponent("v.sqlite").path,
                            KG.root.appendingPathComponent("docs/vocabulary.ttl").path])
        #expect(r.status == 0, "\(r.stderr)")
    }
}
