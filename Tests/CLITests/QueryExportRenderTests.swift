import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// One store built from the examples, shared by the read-only tests below.
enum ExampleStore {
    static let db: String = {
        let dir = try! KG.temporaryDirectory()
        KG.removeAtExit(dir)
        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try! KG.run(["build", "--db", db, KG.examples])
        precondition(r.status == 0, "building the examples failed: \(r.stderr)")
        return db
    }()
}

@Suite struct QueryCommandTests {
    @Test func shortFormFindsWhoSurrenderedToWhom() throws {
        let r = try KG.run(["query", "--db", ExampleStore.db, "?who surrenderedTo ?whom"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").filter { $0.contains("MNDAA") }
        #expect(!rows.isEmpty, "no surrender to the MNDAA found:\n\(r.stdout)")
    }

    @Test func sparqlSelectAsJSONFollowsTheW3CFormat() throws {
        let q = """
            PREFIX kg: <https://kg.example.org/ontology#>
            SELECT ?unit ?actor WHERE { ?unit kg:surrenderedTo ?actor } LIMIT 5
            """
        let r = try KG.run(["query", "--db", ExampleStore.db, "--format", "json", q])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let head = try #require(json["head"] as? [String: Any])
        #expect(head["vars"] as? [String] == ["unit", "actor"])
        let bindings = try #require((json["results"] as? [String: Any])?["bindings"] as? [[String: Any]])
        #expect(!bindings.isEmpty)
    }

    @Test func queryFromStandardInputAndFile() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("q.rq")
        try "ASK { ?s ?p ?o }".write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try KG.run(["query", "--db", ExampleStore.db, "--format", "json", "--file", file.path])
        #expect(fromFile.stdout.contains("\"boolean\""))
        #expect(fromFile.stdout.contains("true"))
        let fromStdin = try KG.run(["query", "--db", ExampleStore.db, "--format", "json", "-"], stdin: "ASK { ?s ?p ?o }")
        #expect(fromStdin.stdout == fromFile.stdout)
    }

    @Test func syntaxErrorsGiveLineAndColumnAndExitTwo() throws {
        let r = try KG.run(["query", "--db", ExampleStore.db, "SELECT * WHERE {\n  ?s ?p }"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("line 2"), "\(r.stderr)")
        let parse = try KG.run(["parse", "SELECT * WHERE { ?s ?p ?o }"])
        #expect(parse.status == 0)
        #expect(try KG.run(["parse", "SELECT WHERE"]).status == 2)
    }

    @Test func hostileLiteralsAreJustLiterals() throws {
        let r = try KG.run(["query", "--db", ExampleStore.db, "--format", "csv",
                            "SELECT ?s WHERE { ?s ?p \"x' OR 1=1; DROP TABLE quad; --\" }"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "s")
        #expect(try KG.run(["stats", "--db", ExampleStore.db, "--check"]).status == 0)
    }
}

@Suite struct ExportImportTests {
    @Test func jsonlHasOneFactPerLineWithProvenance() throws {
        let r = try KG.run(["export", "--db", ExampleStore.db, "--format", "jsonl"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["subject", "predicate", "object", "subjectAliases", "objectAliases", "source", "sentence", "confidence", "modality"] {
                #expect(o[key] != nil, "missing \(key) in \(line)")
            }
            #expect(["asserted", "claimed"].contains(o["modality"] as? String))
        }
    }

    @Test func turtleImportRoundTripsThroughNTriples() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ttl = dir.appendingPathComponent("data.ttl")
        try """
            @prefix ex: <http://example.org/> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            ex:a ex:name "Zone \\"A\\"\\n", "zone"@en-GB ; ex:size 12, 1.50, 1e3 ; ex:on "2024-01-04"^^xsd:date .
            ex:a ex:list ( ex:b [ ex:c true ] ) .
            """.write(to: ttl, atomically: true, encoding: .utf8)
        let db1 = dir.appendingPathComponent("one.sqlite").path, db2 = dir.appendingPathComponent("two.sqlite").path
        #expect(try KG.run(["import", "--db", db1, ttl.path]).status == 0)
        let nt1 = try KG.run(["export", "--db", db1, "--format", "nt"]).stdout
        let ntFile = dir.appendingPathComponent("data.nt")
        try nt1.write(to: ntFile, atomically: true, encoding: .utf8)
        #expect(try KG.run(["import", "--db", db2, ntFile.path]).status == 0)
        let nt2 = try KG.run(["export", "--db", db2, "--format", "nt"]).stdout
        #expect(nt1.split(separator: "\n").count == 12)
        #expect(canonical(nt1) == canonical(nt2))
        #expect(nt1.contains("\"1.50\"^^<http://www.w3.org/2001/XMLSchema#decimal>"), "literals kept as written")
    }

    @Test func importErrorsNameFileLineAndColumn() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.ttl")
        try "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b \"open .\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try KG.run(["import", "--db", dir.appendingPathComponent("kg.sqlite").path, bad.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.ttl:3:"), "\(r.stderr)")
    }

    /// N-Triples with blank node labels replaced by their order of appearance, sorted.
    func canonical(_ nt: String) -> [String] {
        var names: [String: String] = [:]
        return nt.split(separator: "\n").map { line in
            line.split(separator: " ").map { tok -> String in
                guard tok.hasPrefix("_:") else { return String(tok) }
                if let n = names[String(tok)] { return n }
                names[String(tok)] = "_:b\(names.count)"
                return names[String(tok)]!
            }.joined(separator: " ")
        }.sorted()
    }
}

@Suite struct RenderCommandTests {
    @Test func writesAValidSVGRelationshipMap() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try KG.run(["render", "--db", ExampleStore.db, "--output", dir.appendingPathComponent("out").path])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try Data(contentsOf: dir.appendingPathComponent("out/relations.svg"))
        let parser = XMLParser(data: svg)
        #expect(parser.parse(), "SVG does not parse as XML")
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("MNDAA"))
        #expect(text.contains("Legend"))
    }

    @Test func renderingTwiceGivesIdenticalFiles() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var outputs: [Data] = []
        for i in 0..<3 {
            let out = dir.appendingPathComponent("r\(i)").path
            #expect(try KG.run(["render", "--db", ExampleStore.db, "--output", out]).status == 0)
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out + "/relations.svg")))
        }
        #expect(Set(outputs).count == 1, "the same graph must give a byte-identical map")
    }

    @Test func dotFormatIsGraphvizText() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try KG.run(["render", "--db", ExampleStore.db, "--format", "dot", "--output", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let dot = try String(contentsOf: dir.appendingPathComponent("relations.dot"), encoding: .utf8)
        #expect(dot.contains("digraph"))
    }
}

@Suite struct NQuadsRoundTripTests {
    @Test func namedGraphsSurviveExportAndImport() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nq = try KG.run(["export", "--db", ExampleStore.db, "--format", "nq"])
        #expect(nq.status == 0)
        #expect(nq.stdout.contains("<https://kg.example.org/article/"), "one graph per article")
        let file = dir.appendingPathComponent("all.nq")
        try nq.stdout.write(to: file, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("copy.sqlite").path
        #expect(try KG.run(["import", "--db", db, file.path]).status == 0)
        let back = try KG.run(["export", "--db", db, "--format", "nq"]).stdout
        #expect(Set(back.split(separator: "\n")) == Set(nq.stdout.split(separator: "\n")))
    }
}

@Suite struct ProvenanceFromSPARQLTests {
    @Test func controlPeriodsAndSourcesAreReachableFromSPARQL() throws {
        let q = """
            PREFIX kg: <https://kg.example.org/ontology#>
            SELECT ?place ?controller ?source WHERE { GRAPH <https://kg.example.org/graph/timeline> {
              ?p a kg:ControlPeriod ; kg:place ?place ; kg:controller ?controller ; kg:source ?source .
            } }
            """
        let r = try KG.run(["query", "--db", ExampleStore.db, "--format", "csv", q])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(whereSeparator: \.isNewline).dropFirst()  // CSV lines end in CRLF
        #expect(!rows.isEmpty, "kg build materialises control periods")
        #expect(rows.allSatisfy { $0.contains("https://kg.example.org/article/") }, "every period names its article")
    }

    @Test func everyArticleIsANamedGraph() throws {
        let q = """
            PREFIX kg: <https://kg.example.org/ontology#>
            SELECT DISTINCT ?article WHERE { GRAPH ?article { ?unit kg:surrenderedTo ?actor } }
            """
        let r = try KG.run(["query", "--db", ExampleStore.db, "--format", "csv", q])
        #expect(r.status == 0, "\(r.stderr)")
        // an article's graph is named by its identity (its folder's name and file), no local path
        #expect(r.stdout.contains("https://kg.example.org/article/articles/04-battalion-129-and-laukkai.md"), "\(r.stdout)")
        #expect(!r.stdout.contains("Examples/"), "\(r.stdout)")
    }
}

@Suite struct ShowCommandTests {
    @Test func showListsFactsWithTheirSentences() throws {
        let r = try KG.run(["show", "--db", ExampleStore.db, "mndaa"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("MNDAA"))
        #expect(r.stdout.contains("IB 129 surrenderedTo MNDAA"), "\(r.stdout)")
        #expect(r.stdout.contains("“Infantry Battalion 129 surrendered to the MNDAA"), "the source sentence is quoted")
        #expect(r.stdout.contains("04-battalion-129-and-laukkai.md"))
        #expect(r.stdout.contains("rule: "))
    }

    @Test func showAsJSONAndUnknownEntities() throws {
        let r = try KG.run(["show", "--db", ExampleStore.db, "--format", "json", "Laukkai"])
        #expect(r.status == 0)
        for line in r.stdout.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(o["subject"] as? String == "Laukkai" || o["object"] as? String == "Laukkai")
        }
        let missing = try KG.run(["show", "--db", ExampleStore.db, "Atlantis"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Atlantis"))
    }
}
