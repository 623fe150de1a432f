import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A store built from three short articles written for these tests: two dated captures by the
/// MNDAA (Chinshwehaw in October 2023, Laukkai in January 2024) and one undated capture by the TNLA
/// (Hsenwi), published in November 2023. All three towns have coordinates in the ontology.
enum RenderMapFixture {
    static let articles = [
        ("chinshwehaw.md", """
            ---
            title: Border town changes hands
            published: 2023-10-30
            ---
            Fighters of the MNDAA captured Chinshwehaw on 29 October 2023, residents said.
            """),
        ("laukkai.md", """
            ---
            title: Kokang capital taken
            published: 2024-01-06
            ---
            The MNDAA captured Laukkai on 5 January 2024 after a long siege.
            """),
        ("hsenwi.md", """
            ---
            title: Fighting on the highway
            published: 2023-11-20
            ---
            The TNLA captured Hsenwi, a local monitor reported.
            """),
    ]

    static let db: String = {
        let dir = try! KG.temporaryDirectory()
        KG.removeAtExit(dir)
        let folder = dir.appendingPathComponent("articles")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in articles {
            try! text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try! KG.run(["build", "--db", db, folder.path])
        precondition(r.status == 0, "building the fixture failed: \(r.stderr)")
        return db
    }()
}

/// The drawn map: node groups by visible label, with their centres (SVG coordinates, y down).
struct DrawnMap {
    let text: String
    let document: XMLDocument

    init(file: URL) throws {
        let data = try Data(contentsOf: file)
        text = String(decoding: data, as: UTF8.self)
        document = try XMLDocument(data: data, options: [])
    }

    func groups(_ cls: String) throws -> [XMLElement] {
        try document.nodes(forXPath: "//*[local-name()='g'][contains(concat(' ', @class, ' '), ' \(cls) ')]")
            .compactMap { $0 as? XMLElement }
    }

    var nodeLabels: Set<String> {
        get throws { Set(try groups("node").map(Self.label)) }
    }

    func center(of label: String) throws -> (x: Double, y: Double) {
        let node = try #require(try groups("node").first { Self.label($0) == label }, "no node \(label)")
        let text = try #require(try node.nodes(forXPath: ".//*[local-name()='text']").first as? XMLElement)
        func number(_ name: String) throws -> Double {
            try #require((try text.nodes(forXPath: "@*[local-name()='\(name)']")).first?.stringValue.flatMap(Double.init))
        }
        return (try number("x"), try number("y"))
    }

    static func label(_ g: XMLElement) -> String {
        ((try? g.nodes(forXPath: ".//*[local-name()='text']")) ?? []).compactMap(\.stringValue).joined(separator: " ")
    }
}

/// Runs `kg render` on the fixture store into a fresh folder and returns the map (or the failure).
func renderMap(_ args: [String], db: String = RenderMapFixture.db, file: String = "relations.svg") throws -> (KGRun, DrawnMap?) {
    let dir = try KG.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out")
    let r = try KG.run(["render", "--db", db, "--output", out.path] + args)
    guard r.status == 0 else { return (r, nil) }
    return (r, try DrawnMap(file: out.appendingPathComponent(file)))
}

@Suite struct RenderMapCLIDateFilterTests {
    @Test func sinceKeepsOnlyLaterFacts() throws {
        let (r, map) = try renderMap(["--since", "2024-01"])
        #expect(r.status == 0, "\(r.stderr)")
        let labels = try #require(map).nodeLabels
        #expect(labels.isSuperset(of: ["MNDAA", "Laukkai"]), "\(labels)")
        #expect(!labels.contains("Chinshwehaw") && !labels.contains("Hsenwi"), "\(labels)")
        #expect(try map!.groups("rel-captured").count == 1)
        #expect(try map!.groups("legend").count == 1)
        #expect(map!.text.contains("(facts from 2024&#45;01 to …)"), "the title names the window")
    }

    @Test func untilKeepsOnlyEarlierFacts() throws {
        let (r, map) = try renderMap(["--until", "2023-10"])
        #expect(r.status == 0, "\(r.stderr)")
        let labels = try #require(map).nodeLabels
        #expect(labels.isSuperset(of: ["MNDAA", "Chinshwehaw"]), "\(labels)")
        #expect(!labels.contains("Laukkai") && !labels.contains("Hsenwi"), "\(labels)")
    }

    @Test func undatedFactsCountAtTheirPublicationDate() throws {
        let (r, map) = try renderMap(["--since", "2023-11-01", "--until", "2023-11-30"])
        #expect(r.status == 0, "\(r.stderr)")
        let labels = try #require(map).nodeLabels
        #expect(labels.isSuperset(of: ["TNLA", "Hsenwi"]), "\(labels)")
        #expect(!labels.contains("Laukkai") && !labels.contains("Chinshwehaw"), "\(labels)")
    }

    @Test func noFilterKeepsEverything() throws {
        let (r, map) = try renderMap([])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try #require(map).nodeLabels.isSuperset(of: ["MNDAA", "TNLA", "Laukkai", "Chinshwehaw", "Hsenwi"]))
        #expect(try map!.groups("rel-captured").count == 3)
    }

    @Test func anEmptyWindowWarnsButWrites() throws {
        let (r, _) = try renderMap(["--since", "2030"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("the map is empty"))
    }
}

@Suite struct RenderMapCLIGeoTests {
    @Test func placesKeepTheirGeographicArrangement() throws {
        let (r, map) = try renderMap(["--geo"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("layout neato"))
        let m = try #require(map)
        // Hsenwi (97.97 E) is west of Laukkai (98.76 E), which is west of Chinshwehaw (98.94 E);
        // Chinshwehaw (23.94 N) is north of Laukkai (23.69 N), which is north of Hsenwi (23.30 N).
        let hsenwi = try m.center(of: "Hsenwi"), laukkai = try m.center(of: "Laukkai"), chinshwehaw = try m.center(of: "Chinshwehaw")
        #expect(hsenwi.x < laukkai.x && laukkai.x < chinshwehaw.x)
        #expect(hsenwi.y > laukkai.y && laukkai.y > chinshwehaw.y)
        // The TNLA captured only Hsenwi, so it is drawn beside it.
        let tnla = try m.center(of: "TNLA")
        #expect(hypot(tnla.x - hsenwi.x, tnla.y - hsenwi.y) < hypot(tnla.x - laukkai.x, tnla.y - laukkai.y))
        #expect(try m.groups("legend").count == 1)
        #expect(try m.groups("cluster-box").isEmpty, "no alliance boxes on a geographic map")
    }

    @Test func geoWorksWithDateFiltersAndIsDeterministic() throws {
        let (a, first) = try renderMap(["--geo", "--since", "2024-01"])
        let (_, second) = try renderMap(["--geo", "--since", "2024-01"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(try #require(first).nodeLabels.contains("Laukkai"))
        #expect(first?.text == second?.text)
    }
}

@Suite struct RenderMapCLIOptionTests {
    func fails(_ args: [String], saying text: String) throws {
        let (r, _) = try renderMap(args)
        #expect(r.status != 0, "\(args) should fail")
        #expect(r.stderr.contains(text), "\(args): \(r.stderr)")
    }

    @Test func optionsOfOneMapAreRefusedOnTheOther() throws {
        try fails(["--place", "Laukkai"], saying: "--place applies to --map control")
        try fails(["--map", "control", "--geo"], saying: "--geo applies to --map relations")
        try fails(["--map", "control", "--focus", "MNDAA"], saying: "--focus applies to --map relations")
        try fails(["--map", "control", "--from-triples"], saying: "--from-triples applies to --map relations")
    }

    @Test func datesAreCheckedForBothMaps() throws {
        try fails(["--since", "2024-02", "--until", "2024-01"], saying: "--since is after --until")
        try fails(["--since", "last week"], saying: "--since takes a date")
        try fails(["--map", "control", "--until", "soon"], saying: "--until takes a date")
        try fails(["--from-triples", "--since", "2024"], saying: "imported triples")
        try fails(["--geo", "--layout", "dot"], saying: "--geo pins positions")
    }

    @Test func theControlMapTakesTheSameDateOptions() throws {
        let (r, map) = try renderMap(["--map", "control", "--since", "2023-10", "--until", "2024-01"], file: "control.svg")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(map != nil)
    }
}

@Suite struct RenderMapCLIFromTriplesTests {
    static let triples = """
        <https://kg.example.org/id/test/north-army> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://kg.example.org/ontology#ArmedGroup> .
        <https://kg.example.org/id/test/north-army> <http://www.w3.org/2004/02/skos/core#prefLabel> "Northern Example Army" .
        <https://kg.example.org/id/test/river-town> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://kg.example.org/ontology#Town> .
        <https://kg.example.org/id/test/river-town> <http://www.w3.org/2004/02/skos/core#prefLabel> "Rivermouth" .
        <https://kg.example.org/id/test/hill-town> <http://www.w3.org/2004/02/skos/core#prefLabel> "Hillcrest" .
        <https://kg.example.org/id/test/north-army> <https://kg.example.org/ontology#controls> <https://kg.example.org/id/test/river-town> .
        <https://kg.example.org/id/test/north-army> <https://kg.example.org/ontology#captured> <https://kg.example.org/id/test/hill-town> .

        """

    /// A store in a fresh temporary folder; returns its path. The caller removes that folder (the path's parent).
    static func store(withOntology: Bool) throws -> String {
        let dir = try KG.temporaryDirectory()
        let db = dir.appendingPathComponent("kg.sqlite").path
        if withOntology {
            let empty = dir.appendingPathComponent("none")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            #expect(try KG.run(["build", "--db", db, empty.path]).status == 0)
        }
        let nt = dir.appendingPathComponent("graph.nt")
        try triples.write(to: nt, atomically: true, encoding: .utf8)
        let r = try KG.run(["import", "--db", db, nt.path])
        #expect(r.status == 0, "\(r.stderr)")
        return db
    }

    @Test func importedRelationTriplesAreDrawn() throws {
        let db = try Self.store(withOntology: true)
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: db).deletingLastPathComponent()) }
        let (r, map) = try renderMap(["--from-triples"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try #require(map)
        #expect(try m.nodeLabels.isSuperset(of: ["Northern Example Army", "Rivermouth", "Hillcrest"]))
        #expect(try m.groups("rel-controls").count == 1 && m.groups("rel-captured").count == 1)
        #expect(try m.groups("kind-armed-group").count == 1, "classes come from the stored ontology")
        #expect(m.text.contains("Relationship map: 2 imported facts"))
        // The ontology's own reference triples (kg:locatedIn between known places) are not drawn.
        #expect(try m.groups("rel-locatedIn").isEmpty)
    }

    @Test func namesAliasesAndClassesComeFromTheDefaultGraph() throws {
        let db = try Self.store(withOntology: true)
        let dir = URL(fileURLWithPath: db).deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let extra = dir.appendingPathComponent("names.nt")
        try """
            <https://kg.example.org/id/test/north-army> <http://www.w3.org/2000/01/rdf-schema#label> "Northern Army" .
            <https://kg.example.org/id/test/north-army> <http://www.w3.org/2004/02/skos/core#altLabel> "NEA" .
            <https://kg.example.org/id/test/river-town> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://kg.example.org/ontology#NoSuchClass> .
            _:raider <https://kg.example.org/ontology#attacked> <https://kg.example.org/id/test/river-town> .

            """.write(to: extra, atomically: true, encoding: .utf8)
        #expect(try KG.run(["import", "--db", db, extra.path]).status == 0)
        let (r, map) = try renderMap(["--from-triples"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try #require(map)
        // rdfs:label comes before skos:prefLabel; the other names are aliases in the tooltip.
        let labels = try m.nodeLabels
        #expect(labels.isSuperset(of: ["Northern Army", "Rivermouth", "Hillcrest"]), "\(labels)")
        #expect(m.text.contains("Northern Army (armed group)"))
        #expect(m.text.contains("also: Northern Example Army, NEA"), "aliases in order")
        // The first rdf:type the ontology knows is the class; a blank node is drawn under its label.
        #expect(try m.groups("kind-town").count == 1)
        #expect(try m.groups("rel-attacked").count == 1)
        #expect(m.text.contains("Relationship map: 3 imported facts"))
    }

    @Test func worksWithoutAStoredOntology() throws {
        let db = try Self.store(withOntology: false)
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: db).deletingLastPathComponent()) }
        let (r, map) = try renderMap(["--from-triples", "--relation", "controls"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try #require(map).nodeLabels.isSuperset(of: ["Northern Example Army", "Rivermouth"]))
        #expect(try !map!.nodeLabels.contains("Hillcrest"))
    }

    @Test func aBuiltStoreDrawsItsExtractedTriplesUndated() throws {
        // `kg build` also keeps extracted triples in the default graph: --from-triples draws them,
        // merged, without dates or sources, with each place's current controller (from its captures).
        let (r, map) = try renderMap(["--from-triples"])
        #expect(r.status == 0, "\(r.stderr)")
        let m = try #require(map)
        #expect(m.text.contains("Relationship map: 6 imported facts"))
        #expect(try m.groups("rel-captured").count == 3)
        #expect(try m.groups("rel-controls").count == 3)
        #expect(try m.nodeLabels.isSuperset(of: ["MNDAA", "TNLA", "Laukkai"]))
    }
}

@Suite struct RenderMapCLIDeterminismTests {
    /// Force layouts draw from random generators and (fdp) from memory addresses; the same command on
    /// the same store still writes the same bytes, process after process.
    @Test(arguments: ["fdp", "sfdp", "neato"])
    func theSameCommandWritesTheSameBytes(_ layout: String) throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var outputs: [Data] = []
        for run in 0..<2 {
            let out = dir.appendingPathComponent("out\(run)")
            let r = try KG.run(["render", "--db", RenderMapFixture.db, "--layout", layout, "--output", out.path])
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(try Data(contentsOf: out.appendingPathComponent("relations.svg")))
        }
        #expect(outputs[0].count > 1000)
        let same = outputs[0] == outputs[1]  // a Bool, so a failure does not print the bytes
        #expect(same, "\(layout): two runs of the same command differ")
    }
    /// A large map (1,000 nodes, sfdp with its multilevel layout and prism's overlap removal) is also
    /// the same bytes process after process.
    @Test func aLargeMapIsTheSameBytesFromRunToRun() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = generatedGraph(entities: 1000, extraEdges: 720)
        let db = try storeWithImported(graph.text, in: dir)
        var outputs: [Data] = []
        for run in 0..<2 {
            let out = dir.appendingPathComponent("out\(run)")
            let r = try KG.run(["render", "--db", db, "--from-triples", "--max-nodes", "0", "--output", out.path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("(1000 nodes, \(graph.edges) edges, layout sfdp)"), "\(r.stdout)")
            outputs.append(try Data(contentsOf: out.appendingPathComponent("relations.svg")))
        }
        let same = outputs[0] == outputs[1]  // a Bool, so a failure does not print the bytes
        #expect(same, "two runs of the same command differ on a 1,000-node map")
    }
}
