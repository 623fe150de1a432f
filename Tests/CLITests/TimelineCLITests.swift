import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A store built from two small articles written for these tests (invented places and armed groups).
enum TimelineStore {
    static let db: String = {
        let dir = try! KG.temporaryDirectory()
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
