import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Extract
import RDF
import Testing
@testable import Maps

/// `kg dump` then `kg load` into an empty store: every command prints what it printed on the original.
@Suite(.serialized) struct DumpLoadTests {
    @Test func aDumpLoadedIntoAnEmptyStorePrintsWhatTheOriginalPrints() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = dir.appendingPathComponent("kg.sqlite").path
        let restored = dir.appendingPathComponent("restored.sqlite").path
        let backup = dir.appendingPathComponent("backup.nq")
        #expect(try KG.run(["build", "-q", "--db", original, KG.examples]).status == 0)
        let dump = try KG.run(["dump", "--db", original])
        #expect(dump.status == 0, "\(dump.stderr)")
        try dump.stdout.write(to: backup, atomically: true, encoding: .utf8)
        let load = try KG.run(["load", "--db", restored, backup.path])
        #expect(load.status == 0, "\(load.stderr)")
        #expect(load.stderr.contains("5 articles"), "\(load.stderr)")

        func same(_ args: [String], sorted: Bool = false, dropping prefix: String? = nil) throws {
            func run(_ db: String) throws -> [String] {
                let r = try KG.run(Array(args.prefix(1)) + ["--db", db] + args.dropFirst(), cwd: dir)
                #expect(r.status == 0, "\(args): \(r.stderr)")
                let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    .filter { prefix == nil || !$0.hasPrefix(prefix!) }
                return sorted ? lines.sorted() : lines
            }
            let (a, b) = (try run(original), try run(restored))
            #expect(a == b, "kg \(args.joined(separator: " ")) differs after dump and load")
        }
        try same(["stats"], dropping: "database")
        try same(["show", "IB 129"])
        try same(["show", "MNDAA"])
        try same(["timeline"])
        try same(["timeline", "Laukkai"])
        try same(["export", "--format", "jsonl", "--include-modal"])
        try same(["export", "--format", "nq"], sorted: true)
        try same(["query", "?who controls ?place"], sorted: true)  // rows are a set
        // the maps, drawn as DOT
        for (map, file) in [("relations", "relations.dot"), ("control", "control.dot")] {
            for (db, out) in [(original, "a"), (restored, "b")] {
                #expect(try KG.run(["render", "--db", db, "--map", map, "--format", "dot", "--output", out], cwd: dir).status == 0)
            }
            let a = try String(contentsOf: dir.appendingPathComponent("a/" + file), encoding: .utf8)
            let b = try String(contentsOf: dir.appendingPathComponent("b/" + file), encoding: .utf8)
            #expect(a == b, "\(file) differs after dump and load")
        }
        // a restored store is a store: its articles are unchanged for the next build
        let again = try KG.run(["build", "--db", restored, KG.examples])
        #expect(again.stdout.contains(" 0 articles extracted, 5 unchanged"), "\(again.stdout)")
        // and a load never mixes into a store that has data
        let twice = try KG.run(["load", "--db", restored, backup.path])
        #expect(twice.status == 1 && twice.stderr.contains("is not empty"), "\(twice.stderr)")
    }

    @Test func everyEntityHasAnRdfsLabel() throws {
        // an entity only the ontology knows (no article names it) is found by its rdfs:label
        let r = try KG.run(["query", "--db", ExampleStore.db, "--format", "csv", "--raw",
                            #"SELECT ?x WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> "Kachin State" }"#])
        #expect(r.stdout.contains("https://kg.example.org/id/"), "\(r.stdout)")
    }

    @Test func articlesAreDescribedWithStandardVocabularies() throws {
        let q = """
            PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX schema: <https://schema.org/>
            SELECT ?id ?title ?published ?publisher WHERE { ?a a schema:NewsArticle ; dcterms:identifier ?id ;
              dcterms:title ?title ; schema:datePublished ?published ; dcterms:publisher ?publisher } ORDER BY ?id
            """
        let r = try KG.run(["query", "--db", ExampleStore.db, "--format", "csv", q])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("articles/04-battalion-129-and-laukkai.md,"), "\(r.stdout)")
        #expect(r.stdout.contains(",kg examples\r\n") || r.stdout.contains(",kg examples\n"), "the publisher: \(r.stdout)")
        #expect(r.stdout.split(whereSeparator: \.isNewline).count == 6, "a header and five articles: \(r.stdout)")
    }
}

/// `kg export` as TriG and JSON-LD, and one graph alone.
@Suite struct ExportFormatTests {
    @Test func trigImportsBackToTheSameQuads() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let trig = dir.appendingPathComponent("all.trig")
        let r = try KG.run(["export", "--db", ExampleStore.db, "--format", "trig"])
        #expect(r.status == 0, "\(r.stderr)")
        try r.stdout.write(to: trig, atomically: true, encoding: .utf8)
        let copy = dir.appendingPathComponent("copy.sqlite").path
        #expect(try KG.run(["import", "-q", "--db", copy, trig.path]).status == 0)
        let a = try KG.run(["export", "--db", ExampleStore.db, "--format", "nq"]).stdout.split(separator: "\n").sorted()
        let b = try KG.run(["export", "--db", copy, "--format", "nq"]).stdout.split(separator: "\n").sorted()
        #expect(a == b)
    }

    @Test func jsonLDHasEveryQuad() throws {
        let r = try KG.run(["export", "--db", ExampleStore.db, "--format", "jsonld"])
        #expect(r.status == 0, "\(r.stderr)")
        let top = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        func values(_ nodes: [[String: Any]]) -> Int {
            nodes.reduce(0) { n, node in n + node.filter { $0.key != "@id" && $0.key != "@graph" }.values.reduce(0) { $0 + (($1 as? [Any])?.count ?? 0) } }
        }
        let graphs = top.filter { $0["@graph"] != nil }
        let count = values(top.filter { $0["@graph"] == nil }) + graphs.reduce(0) { $0 + values(($1["@graph"] as? [[String: Any]]) ?? []) }
        let nq = try KG.run(["export", "--db", ExampleStore.db, "--format", "nq"]).stdout.split(separator: "\n").count
        #expect(count == nq)
        #expect(graphs.contains { ($0["@id"] as? String) == "https://kg.example.org/graph/ontology" })
    }

    @Test func oneGraphAlone() throws {
        let g = "https://kg.example.org/article/articles/02-chinshwehaw-falls.md"
        let r = try KG.run(["export", "--db", ExampleStore.db, "--format", "nq", "--graph", g])
        #expect(r.status == 0 && !r.stdout.isEmpty)
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix("<\(g)> .") })
        let missing = try KG.run(["export", "--db", ExampleStore.db, "--format", "nq", "--graph", "https://example.org/none"])
        #expect(missing.status == 1 && missing.stderr.contains("no graph"), "\(missing.stderr)")
        #expect(try KG.run(["export", "--db", ExampleStore.db, "--graph", g]).status == 2, "jsonl has no graphs")
    }
}

/// Dates at different precisions in SPARQL: kg:start, kg:end, kg:overlaps.
@Suite struct DateFunctionTests {
    @Test func aMonthIsWithinARangeItOverlaps() throws {
        func rows(_ filter: String) throws -> [String] {
            let q = """
                PREFIX kg: <https://kg.example.org/ontology#>
                PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
                SELECT ?d WHERE { ?st a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ; kg:date ?d . FILTER(\(filter)) }
                """
            let r = try KG.run(["query", "--db", ExampleStore.db, "--format", "csv", q])
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(whereSeparator: \.isNewline).dropFirst().map(String.init)
        }
        // a plain comparison drops the statement dated "2023-11" (a month is not comparable to a day)
        let plain = try rows(#"?d >= "2023-11-01"^^xsd:date && ?d <= "2023-11-30"^^xsd:date"#)
        #expect(!plain.contains("2023-11"))
        let overlapping = try rows(#"kg:overlaps(?d, "2023-11-01"^^xsd:date, "2023-11-30"^^xsd:date)"#)
        #expect(overlapping.contains("2023-11"), "\(overlapping)")
        #expect(Set(plain).isSubset(of: Set(overlapping)))
        #expect(!overlapping.contains { $0.hasPrefix("2024") })
        let ends = try rows(#"kg:end(?d) = "2023-11-30"^^xsd:date && kg:start(?d) = "2023-11-01"^^xsd:date"#)
        #expect(ends == ["2023-11"], "\(ends)")
    }
}

/// --since, --until, --modality and --relation work the same on show, export, timeline (and render's
/// relations are checked).
@Suite struct FactFilterTests {
    @Test func showAndExportKeepTheWindowAndTheRelation() throws {
        let show = try KG.run(["show", "--db", ExampleStore.db, "Laukkai", "--since", "2024-01", "--relation", "captured"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("MNDAA captured Laukkai") && show.stdout.contains("1 fact"), "\(show.stdout)")
        let lines = try KG.run(["export", "--db", ExampleStore.db, "--since", "2023-11", "--until", "2023-11"]).stdout
            .split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let when = (o["date"] as? String) ?? (o["start"] as? String) ?? (o["published"] as? String) ?? ""
            #expect(when.hasPrefix("2023-11") || (o["start"] != nil || o["end"] != nil), "\(line)")
        }
    }

    @Test func modalityPicksStatementsOfThatKind() throws {
        let claimed = try KG.run(["export", "--db", ExampleStore.db, "--modality", "claimed"]).stdout.split(separator: "\n")
        #expect(!claimed.isEmpty && claimed.allSatisfy { $0.contains(#""modality":"claimed""#) })
        // a plan is listed when asked for, without --include-modal
        let planned = try KG.run(["export", "--db", ExampleStore.db, "--modality", "planned"]).stdout.split(separator: "\n")
        #expect(!planned.isEmpty && planned.allSatisfy { $0.contains(#""modality":"planned""#) })
        #expect(try KG.run(["export", "--db", ExampleStore.db, "--modality", "rumoured"]).status == 2)
    }

    @Test func anUnknownRelationIsAnErrorNamingTheKnownOnes() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for args in [["render", "--relation", "capturd", "--output", dir.path], ["export", "--relation", "capturd"],
                     ["timeline", "--relation", "capturd"], ["show", "MNDAA", "--relation", "capturd"]] {
            let r = try KG.run([args[0], "--db", ExampleStore.db] + args.dropFirst())
            #expect(r.status == 2 && r.stderr.contains("no such relation") && r.stderr.contains("captured"), "\(args): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("relations.svg").path), "no map written")
    }

    @Test func theMapKeepsTheModalitiesAskedFor() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let planned = try KG.run(["render", "--db", ExampleStore.db, "--modality", "planned", "--format", "dot", "--output", dir.path])
        #expect(planned.status == 0 && planned.stdout.contains("(2 nodes, 1 edges"), "the one plan of the examples: \(planned.stdout)")
        let all = try KG.run(["render", "--db", ExampleStore.db, "--format", "dot", "--output", dir.path])
        #expect(!all.stdout.contains("(2 nodes, 1 edges"))
        #expect(try KG.run(["render", "--db", ExampleStore.db, "--modality", "rumoured"]).status == 2)
    }

    @Test func theTimelineIsCutToTheWindow() throws {
        let r = try KG.run(["timeline", "--db", ExampleStore.db, "Laukkai", "--since", "2024-01"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2024-01-04  captured"), "\(r.stdout)")
        #expect(!r.stdout.contains("2023-11"), "events before the window are left out: \(r.stdout)")
    }
}

@Suite struct ControllerColourTests {
    /// Two control maps of one store, one of them of a single place: the actor on both is drawn in
    /// the same colour, also when another actor, not on the smaller map, would claim that colour first.
    @Test func theSameActorHasTheSameColourOnTwoControlMaps() throws {
        let names = ["Velor", "Ostrin", "Kaldor", "Brenna", "Tavish", "Morrow", "Quillan", "Sarnet", "Dovra", "Elkin",
                     "Fennic", "Garrow", "Hesper", "Ilvane", "Jorund", "Korva"]
        func iri(_ n: String) -> Term { .iri(Extractor.entityIRI(forLabel: n + " Liberation Army")) }
        func preferred(_ n: String) -> Int {
            ControllerPalette.hash(Extractor.entityIRI(forLabel: n + " Liberation Army")) % ControllerPalette.colors.count
        }
        // two armies that prefer one colour; the second in IRI order gives way when both are drawn
        var found: (first: String, second: String)?
        for a in names { for b in names where a != b && preferred(a) == preferred(b) && iri(a) < iri(b) { found = (a, b) } }
        let (first, second) = try #require(found)
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try "---\ntitle: One\npublished: 2024-03-12\n---\nThe \(first) Liberation Army captured the town of Dunmere on March 3, 2024.\n"
            .write(to: articles.appendingPathComponent("one.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: Two\npublished: 2024-03-12\n---\nThe \(second) Liberation Army captured the town of Pellory on March 10, 2024.\n"
            .write(to: articles.appendingPathComponent("two.md"), atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["build", "-q", "--db", db, articles.path]).status == 0)
        func legend(_ extra: [String], _ folder: String) throws -> [String: String] {
            let out = dir.appendingPathComponent(folder)
            let r = try KG.run(["render", "--db", db, "--map", "control", "--output", out.path] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            let map = try DrawnMap(file: out.appendingPathComponent("control.svg"))
            var colours: [String: String] = [:]
            for g in try map.groups("legend-entry") {
                guard let name = try g.nodes(forXPath: ".//*[local-name()='text']").first?.stringValue,
                      let fill = try g.nodes(forXPath: ".//*[local-name()='polygon']/@fill").first?.stringValue else { continue }
                colours[name] = fill
            }
            return colours
        }
        let whole = try legend([], "whole"), one = try legend(["--place", "Pellory"], "one")
        let label = second + " Liberation Army"
        #expect(whole.keys.contains(first + " Liberation Army") && !one.keys.contains(first + " Liberation Army"), "\(whole) \(one)")
        #expect(whole[label] != nil && one[label] == whole[label], "\(whole) \(one)")
    }
}

@Suite struct MapSizeTests {
    @Test func theMapSaysWhatItLeftOut() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try KG.run(["render", "--db", ExampleStore.db, "--max-nodes", "5", "--format", "dot", "--output", dir.path])
        #expect(r.stdout.contains("(5 nodes"), "\(r.stdout)")
        let dot = try String(contentsOf: dir.appendingPathComponent("relations.dot"), encoding: .utf8)
        #expect(dot.contains("Relationship map (5 of 21 entities)"), "the title says how many were left out")
    }
}

@Suite struct ControlMapWindowTests {
    @Test func theAxisIsCutToTheWindowAndTheTitleSaysSo() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try KG.run(["render", "--db", ExampleStore.db, "--map", "control", "--since", "2023-10", "--until", "2024-02",
                            "--format", "dot", "--output", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let dot = try String(contentsOf: dir.appendingPathComponent("control.dot"), encoding: .utf8)
        #expect(dot.contains("Control map: 2 places, from 2023-10 to 2024-02"), "the title names the window")
        // no year tick before the window (Laukkai's junta period began in 2009)
        #expect(!dot.contains(#"label="2009""#) && !dot.contains(#"label=2009"#), "the axis starts at the window")
    }
}

@Suite struct GeoOverlapTests {
    /// Each node's outline: an ellipse (centre, radii) or a polygon's box, in SVG coordinates.
    static func outlines(_ map: DrawnMap) throws -> [(kind: Character, x: Double, y: Double, w: Double, h: Double)] {
        // (this parser reaches SVG attributes through XPath, not attribute(forName:))
        func attribute(_ e: XMLNode, _ name: String) -> String? {
            (try? e.nodes(forXPath: "@*[local-name()='\(name)']"))?.first?.stringValue
        }
        var out: [(kind: Character, x: Double, y: Double, w: Double, h: Double)] = []
        for g in try map.groups("node") where !(attribute(g, "class") ?? "").contains("legend") {
            if let e = try g.nodes(forXPath: ".//*[local-name()='ellipse']").first {
                func v(_ n: String) -> Double { Double(attribute(e, n) ?? "") ?? 0 }
                out.append(("e", v("cx"), v("cy"), v("rx"), v("ry")))
            } else if let p = try g.nodes(forXPath: ".//*[local-name()='polygon']").first, let points = attribute(p, "points") {
                var xs: [Double] = [], ys: [Double] = []
                for pair in points.split(separator: " ") {
                    let c = pair.split(separator: ",").compactMap { Double($0) }
                    if c.count == 2 { xs.append(c[0]); ys.append(c[1]) }
                }
                guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { continue }
                out.append(("b", (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2))
            }
        }
        return out
    }

    @Test(arguments: ["examples", "crowded"])
    func aGeographicMapDrawsNoNodeOverAnother(_ fixture: String) throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var args = ["render", "--db", ExampleStore.db, "--geo", "--output", dir.path]
        if fixture == "crowded" {
            // eight towns a few hundred metres apart: pinned at (almost) one point, they must be nudged apart
            var ttl = """
                @prefix kg: <https://kg.example.org/ontology#> . @prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix id: <https://kg.example.org/id/> .
                id:front a kg:ArmedGroup ; rdfs:label "Velor Front" .

                """
            for i in 0..<8 {
                ttl += "id:town\(i) a kg:Town ; rdfs:label \"Orvale Town Number \(i)\" ; geo:lat \"21.0\(i)\" ; geo:long \"96.0\(i)\" .\n"
                ttl += "id:front kg:captured id:town\(i) .\n"
            }
            let file = dir.appendingPathComponent("crowded.ttl")
            try ttl.write(to: file, atomically: true, encoding: .utf8)
            let db = dir.appendingPathComponent("crowded.sqlite").path
            #expect(try KG.run(["import", "-q", "--db", db, file.path]).status == 0)
            args = ["render", "--db", db, "--from-triples", "--geo", "--output", dir.path]
        }
        let r = try KG.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        let shapes = try Self.outlines(DrawnMap(file: dir.appendingPathComponent("relations.svg")))
        #expect(shapes.count >= 9)
        #expect(shapes.allSatisfy { $0.w > 1 && $0.h > 1 }, "every outline was read")
        var overlapping: [String] = []
        for i in shapes.indices {
            for j in shapes.indices where j > i {
                let a = shapes[i], b = shapes[j]
                let dx: Double = abs(a.x - b.x), dy: Double = abs(a.y - b.y)
                let sx: Double = a.w + b.w, sy: Double = a.h + b.h
                let boxes = a.kind == "b" && b.kind == "b"
                let ellipseDistance: Double = (dx / sx) * (dx / sx) + (dy / sy) * (dy / sy)
                let overlaps = boxes ? (dx < sx - 1 && dy < sy - 1) : ellipseDistance < 0.98
                if overlaps { overlapping.append("\(i)–\(j)") }
            }
        }
        #expect(overlapping.isEmpty, "overlapping nodes: \(overlapping)")
    }
}
