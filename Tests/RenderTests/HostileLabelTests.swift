import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Render

/// Labels, tooltips and titles come from news articles: they must be drawn
/// literally and never break the SVG or the DOT source.
@Suite struct HostileLabelTests {
    static let hostile: [String] = [
        "<script>alert(1)</script>",
        #"\N"#,
        #"\G \E \T \H \L x\ly\nz\r"#,
        #""]; node [label="#,
        "&amp;",
        "trailing backslash \\",
        String(repeating: "long ", count: 2_000),  // 10,000 characters
        "مرحبا بالعالم — الأخبار",
        "שלום עולם",
        "nul\u{0}bell\u{7}escape\u{1B}[31m\u{FFFF}",
        "<b>bold</b> & \"quotes\" 'single'",
    ]

    /// What a label should look like once drawn (`safe` output, unescaped).
    static func expectedText(_ raw: String, maxLength: Int = 80) -> String {
        visible(LabelText.safe(raw, maxLength: maxLength).replacingOccurrences(of: #"\\"#, with: #"\"#))
    }

    /// Drawn text without the invisible word joiners.
    static func visible(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { $0 != "\u{2060}" }))
    }

    static func texts(_ element: XMLElement) throws -> [String] {
        try SVG.texts(in: element).map(visible)
    }

    static func map(_ raw: String) -> GraphMap {
        GraphMap(
            title: raw,
            nodes: [
                MapNode(id: raw, label: raw, kind: raw, tooltip: raw, cluster: raw),
                MapNode(id: "other", label: "Other"),
            ],
            edges: [MapEdge(from: raw, to: "other", relation: raw, label: raw, tooltip: raw)],
            clusters: [MapCluster(id: raw, label: raw)],
            legend: [(label: raw, style: NodeStyle())]
        )
    }

    @Test(arguments: hostile)
    func rendersLiterallyInSVG(_ raw: String) throws {
        let svg = try SVG(try render(Self.map(raw)))
        let expected = Self.expectedText(raw)
        #expect(try svg.elements("script").isEmpty)
        #expect(try svg.elements("b").isEmpty)
        let node = try #require(try svg.groups("node").first)
        #expect(try SVG.title(of: node) == "n0")
        #expect(try Self.texts(node) == [expected])
        let edge = try #require(try svg.groups("edge").first)
        #expect(try Self.texts(edge) == [Self.expectedText(raw, maxLength: 60)])
        let cluster = try #require(try svg.groups("cluster-box").first)
        #expect(try Self.texts(cluster) == [expected])
        let legendEntry = try #require(try svg.groups("legend-entry").first)
        #expect(try Self.texts(legendEntry) == [Self.expectedText(raw, maxLength: 40)])
        let graph = try #require(try svg.groups("graph").first)
        #expect(try Self.texts(graph).contains(Self.expectedText(raw, maxLength: 120)))
        // Tooltips (node and edge) are literal too: `\N` is not expanded.
        for link in try svg.elements("a") {
            #expect(Self.visible(try #require(link.attr("title"))) == Self.expectedText(raw, maxLength: 300))
        }
        #expect(try svg.elements("a").count == 2)
        // Classes are plain tokens.
        for g in try svg.groups("node") + svg.groups("edge") {
            let cls = try #require(g.attr("class"))
            #expect(cls.allSatisfy { $0.isLetter && $0.isASCII || $0.isNumber || " -_".contains($0) })
        }
    }

    @Test func tenThousandCharactersAreTruncated() throws {
        let svg = try SVG(try render(Self.map(String(repeating: "x", count: 10_000))))
        let node = try #require(try svg.groups("node").first)
        let text = try #require(try SVG.texts(in: node).first)
        #expect(text.count == 80)
        #expect(text.hasSuffix("…"))
        #expect(svg.text.utf8.count < 20_000)
    }

    /// The DOT export must stay valid DOT that the Graphviz CLI accepts and
    /// that draws the same literal text (the test, not kg, runs `dot`).
    @Test(arguments: hostile)
    func dotExportIsValidDOT(_ raw: String) throws {
        let source = try render(Self.map(raw), .dot, .dot)
        let dotPath = "/usr/bin/dot"
        guard FileManager.default.isExecutableFile(atPath: dotPath) else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dotPath)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(source))
        try input.fileHandleForWriting.close()
        let svgData = output.fileHandleForReading.readDataToEndOfFile()
        _ = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let svg = try SVG(Array(svgData))
        let node = try #require(try svg.groups("node").first)
        let drawn = try Self.texts(node), wanted = [Self.expectedText(raw)]
        #expect(drawn == wanted, "dot drew \(drawn.map { Array($0.unicodeScalars.suffix(6)) }) (\(drawn.map(\.count)) characters), expected \(wanted.map { Array($0.unicodeScalars.suffix(6)) }) (\(wanted.map(\.count)))")
        #expect(try svg.elements("script").isEmpty)
    }
}
