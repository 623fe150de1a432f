import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A store built from two small articles written for these tests (invented places and armed groups).
enum TimelineStore {
    static let db: String = {
        let dir = try! KG.temporaryDirectory()
        KG.removeAtExit(dir)
        let articles = dir.appendingPathComponent("articles")
        try! FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try! """
            ---
            title: Orvale Town changes hands
            published: 2022-03-10
            ---
            The Blue Valley Front captured Orvale Town on 4 March 2022.

            The Grey Ridge Army had held Orvale Town until March 2022.
            """.write(to: articles.appendingPathComponent("orvale.txt"), atomically: true, encoding: .utf8)
        try! """
            ---
            title: Siege of Tessin Town
            published: 2023-05-20
            ---
            The Grey Ridge Army surrounded Tessin Town on 2 May 2023.

            The Blue Valley Front seized Tessin Town on 18 May 2023.
            """.write(to: articles.appendingPathComponent("tessin.txt"), atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try! KG.run(["build", "--db", db, articles.path])
        precondition(r.status == 0, "building the timeline fixtures failed: \(r.stderr)")
        return db
    }()
}

@Suite struct TimelineCLITests {
    @Test func listsPlacesWithAChangeOfControl() throws {
        let r = try KG.run(["timeline", "--db", TimelineStore.db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Orvale Town"))
        #expect(r.stdout.contains("Grey Ridge Army → Blue Valley Front"), "\(r.stdout)")
        #expect(r.stdout.contains("Tessin Town"))
    }

    @Test func tableShowsPeriodsEventsAndSources() throws {
        let r = try KG.run(["timeline", "--db", TimelineStore.db, "orvale town"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let grey = try #require(lines.first { $0.contains("Grey Ridge Army") })
        #expect(grey.contains("…") && grey.contains("2022-03") && grey.contains("confirmed") && grey.contains("orvale.txt"))
        let blue = try #require(lines.first { $0.contains("Blue Valley Front") && $0.contains("confirmed") })
        #expect(blue.contains("2022-03-04"))
        #expect(lines.contains { $0.contains("captured") && $0.contains("2022-03-04") })
    }

    @Test func jsonParsesWithPrecisionAndSources() throws {
        let r = try KG.run(["timeline", "--db", TimelineStore.db, "Orvale Town", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let periods = try #require(o["periods"] as? [[String: Any]])
        #expect(periods.count == 2)
        #expect(periods[0]["controller"] as? String == "Grey Ridge Army")
        #expect(periods[0]["start"] == nil)
        #expect(periods[0]["end"] as? String == "2022-03")
        #expect(periods[0]["endPrecision"] as? String == "month")
        #expect(periods[1]["startPrecision"] as? String == "day")
        #expect(periods[1]["status"] as? String == "confirmed")
        let sources = try #require(periods[1]["sources"] as? [[String: Any]])
        #expect(sources.first?["sentence"] as? String == "The Blue Valley Front captured Orvale Town on 4 March 2022.")
        #expect((sources.first?["article"] as? String)?.hasSuffix("orvale.txt") == true)
        let list = try KG.run(["timeline", "--db", TimelineStore.db, "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.count == 2)
    }

    @Test func unknownPlaceExitsOne() throws {
        let r = try KG.run(["timeline", "--db", TimelineStore.db, "Atlantis Town"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no place named 'Atlantis Town'"), "\(r.stderr)")
        let help = try KG.run(["timeline", "--help"])
        #expect(help.status == 0 && help.stdout.contains("Examples"))
    }

    @Test func controlMapHasLanesLegendAndPeriodBlocks() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try KG.run(["render", "--db", TimelineStore.db, "--map", "control", "--output", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: dir.appendingPathComponent("control.svg"))
        let svg = SVGGroups()
        let parser = XMLParser(data: data)
        parser.delegate = svg
        #expect(parser.parse(), "control.svg is not well-formed XML")
        #expect(svg.count("lane-label") == 2)
        #expect(svg.count("period") == 3)
        #expect(svg.count("claimed") == 1)  // only the legend sample: every period here is asserted
        #expect(svg.count("legend-entry") >= 3)  // two controllers and the 'claimed only' sample
        #expect(svg.count("event") == 3)  // captured, surrounded, seized
        #expect(svg.tooltips.contains { $0.contains("Orvale Town: Blue Valley Front 2022-03-04") && $0.contains("Orvale Town changes hands") })
        #expect(!r.stderr.contains("Graphviz"), "every label fits its box: \(r.stderr)")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(">Blue Valley Front captured 2022&#45;03&#45;04<") || text.contains(">Blue Valley Front captured 2022-03-04<"),
                "event labels name the actor")

        let one = try KG.run(["render", "--db", TimelineStore.db, "--map", "control", "--place", "tessin town",
                              "--since", "2023", "--output", dir.path])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("1 place"))
        #expect(try KG.run(["render", "--db", TimelineStore.db, "--place", "Tessin Town", "--output", dir.path]).status == 2)
        #expect(try KG.run(["render", "--db", TimelineStore.db, "--map", "control", "--since", "May", "--output", dir.path]).status == 2)
    }
}

/// Counts the SVG groups carrying each class and collects link tooltips.
final class SVGGroups: NSObject, XMLParserDelegate {
    var classes: [String: Int] = [:]
    var tooltips: [String] = []

    func count(_ cls: String) -> Int { classes[cls] ?? 0 }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "g", let c = attributes["class"] {
            for token in Set(c.split(separator: " ").map(String.init)) { classes[token, default: 0] += 1 }
        }
        if name == "a", let t = attributes["xlink:title"] { tooltips.append(t) }
    }
}

/// Many places and crowded events: the control map grows lanes instead of overlapping labels.
@Suite struct ControlMapCrowdTests {
    @Test func crowdedLanesStackEventLabelsAndLongNamesFit() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        // 22 towns; one of them changes hands four times in one week, under a very long name.
        var text = "---\ntitle: A crowded week\npublished: 2022-06-30\n---\n"
        for n in 1...21 { text += "The Blue Valley Front captured Town \(n) on \(n) June 2022.\n\n" }
        let long = "Upper Orvale Riverside Market Town"
        for (day, actor) in [(2, "Blue Valley Front"), (3, "Grey Ridge Army"), (4, "Blue Valley Front"), (5, "Grey Ridge Army")] {
            text += "The \(actor) captured \(long) on \(day) June 2022.\n\n"
        }
        try text.write(to: articles.appendingPathComponent("crowd.txt"), atomically: true, encoding: .utf8)
        let ontology = dir.appendingPathComponent("Ontology")
        try FileManager.default.copyItem(at: KG.root.appendingPathComponent("Ontology"), to: ontology)
        var places = "@prefix kg: <https://kg.example.org/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        for n in 1...21 { places += "<https://kg.example.org/id/test-town-\(n)> a kg:Town ; rdfs:label \"Town \(n)\" .\n" }
        places += "<https://kg.example.org/id/test-long-town> a kg:Town ; rdfs:label \"\(long)\" .\n"
        try places.write(to: ontology.appendingPathComponent("zz-test-places.ttl"), atomically: true, encoding: .utf8)
        let env = ["KG_ONTOLOGY": ontology.path]
        let db = dir.appendingPathComponent("kg.sqlite").path
        let b = try KG.run(["build", "-q", "--db", db, articles.path], environment: env)
        #expect(b.status == 0, "\(b.stderr)")
        let r = try KG.run(["render", "--db", db, "--map", "control", "--output", dir.path], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("22 places"), "\(r.stdout)")
        #expect(!r.stderr.contains("Graphviz"), "no label overflows its box: \(r.stderr)")
        // The four events of one week sit on four rows of the long town's lane: their labels' y differ.
        let svg = String(decoding: try Data(contentsOf: dir.appendingPathComponent("control.svg")), as: UTF8.self)
            .replacingOccurrences(of: "&#45;", with: "-")
        let groups = svg.components(separatedBy: "<g id=\"node").dropFirst()  // one chunk per node group
        let laneGroup = groups.first { $0.contains("lane-label") && $0.contains(">Upper Orvale") }
        let lane = laneGroup.flatMap { g in g.split(separator: " ").first { $0.hasPrefix("lane-") && $0 != "lane-label" } }
            .map { String($0.prefix { $0 != "\"" }) }
        #expect(lane != nil, "the long town has a lane")
        var ys = Set<String>()
        for g in groups where g.contains("event-label") && g.contains(" \(lane ?? "?")\"") {
            if let t = g.range(of: "<text"), let y = g[t.upperBound...].range(of: "y=\"") {
                ys.insert(String(g[y.upperBound...].prefix { $0 != "\"" }))
            }
        }
        #expect(ys.count >= 4, "stacked event labels: \(ys)")
    }
}

/// The core ontology's withdrewFrom ends a control period.
@Suite struct WithdrawalCLITests {
    @Test func pullingOutOfATownEndsTheHoldersPeriod() throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try """
            ---
            title: Grey Ridge Army leaves Tessin Town
            published: 2023-06-20
            ---
            The Grey Ridge Army captured Tessin Town on 2 May 2023.

            The Grey Ridge Army pulled out of Tessin Town on 14 June 2023.
            """.write(to: articles.appendingPathComponent("tessin.txt"), atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        #expect(try KG.run(["build", "-q", "--db", db, articles.path]).status == 0)
        let r = try KG.run(["timeline", "--db", db, "Tessin Town"])
        #expect(r.status == 0, "\(r.stderr)")
        let period = r.stdout.split(separator: "\n").first { $0.contains("Grey Ridge Army") && $0.contains("2023-05-02") }
        #expect(period?.contains("2023-06-14") == true, "the period ends at the withdrawal:\n\(r.stdout)")
        #expect(r.stdout.contains("withdrewFrom"), "\(r.stdout)")
    }
}
