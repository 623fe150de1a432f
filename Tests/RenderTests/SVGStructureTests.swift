import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Render

@Suite struct SVGStructureTests {
    let svg: SVG

    init() throws {
        svg = try SVG(try render(Fixture.sample()))
    }

    @Test func parsesAsXMLWithTitle() throws {
        #expect(svg.document.rootElement()?.localName == "svg")
        let graph = try #require(try svg.groups("graph").first)
        #expect(try SVG.texts(in: graph).contains("Sample map"))
    }

    @Test func nodesHaveGeneratedTitlesAndLabels() throws {
        let nodes = try svg.nodesByLabel()
        for (i, label) in ["Alice Example", "Bob Example", "Acme Corp", "Globex"].enumerated() {
            let g = try #require(nodes[label], "node \(label)")
            #expect(try SVG.title(of: g) == "n\(i)")
        }
        // Fill colour and shape come from the style.
        let acme = try #require(nodes["Acme Corp"])
        let ellipse = try #require(try acme.nodes(forXPath: ".//*[local-name()='ellipse']").first as? XMLElement)
        #expect(ellipse.attr("fill") == "#ffe0b3")
        #expect(acme.attr("class") == "node kind-organisation")
    }

    @Test func tooltipsBecomeLinkTitles() throws {
        #expect(svg.text.contains(#"xlink:title="Alice, mentioned in 3 articles""#))
        #expect(svg.text.contains(#"xlink:title="2024&#45;01&#45;02""#))
    }

    @Test func edgesCarryRelationClasses() throws {
        #expect(try svg.groups("rel-works-for").count == 1)
        #expect(try svg.groups("rel-captured").count == 1)
        #expect(try svg.groups("rel-acquired").count == 1)
        let edges = try svg.groups("edge")
        #expect(edges.count == 3)
        #expect(try edges.compactMap(SVG.title(of:)) == ["n0->n2", "n1->n2", "n2->n3"])
    }

    @Test func dashedEdgesAreDashed() throws {
        for edge in try svg.groups("edge") {
            let path = try #require(try edge.nodes(forXPath: ".//*[local-name()='path']").first as? XMLElement)
            let dashed = try #require(edge.attr("class")).contains("dashed")
            #expect((path.attr("stroke-dasharray") != nil) == dashed)
        }
        #expect(try svg.groups("dashed").count == 1)
    }

    @Test func mergedEdgesAreHeavierAndCounted() throws {
        let acquired = try #require(try svg.groups("rel-acquired").first)
        #expect(try SVG.texts(in: acquired) == ["acquired ×3"])
        let path = try #require(try acquired.nodes(forXPath: ".//*[local-name()='path']").first as? XMLElement)
        let width = Double(path.attr("stroke-width") ?? "1") ?? 1
        #expect(width > 2)
        #expect(path.attr("stroke") == "#aa3333")
    }

    @Test func legendHasEveryEntryAndNoEdges() throws {
        let legend = try #require(try svg.groups("legend").first)
        #expect(try SVG.title(of: legend) == "cluster_legend")
        #expect(try SVG.texts(in: legend) == ["Legend"])
        let entries = try svg.groups("legend-entry")
        #expect(try entries.map { try SVG.texts(in: $0).joined() } == ["Person", "Organisation"])
        let titles = try svg.groups("edge").compactMap(SVG.title(of:))
        #expect(!titles.contains { $0.contains("legend") })
    }

    @Test func noLegendWhenEmpty() throws {
        let plain = try SVG(try render(Fixture.sample(legend: false)))
        #expect(try plain.groups("legend").isEmpty)
        #expect(try plain.groups("legend-entry").isEmpty)
    }

    @Test func clustersAreLabelledBoxes() throws {
        let clusters = try svg.groups("cluster-box")
        #expect(clusters.count == 1)
        let box = try #require(clusters.first)
        #expect(try SVG.texts(in: box) == ["Example family"])
        let path = try #require(try box.nodes(forXPath: "./*[local-name()='path']").first as? XMLElement)
        #expect(path.attr("fill") == "#f5f5f0")
    }

    @Test func forceLayoutsKeepTheLegendTogetherInvisibly() throws {
        for layout in [Layout.neato, .fdp, .sfdp, .circo] {
            let out = try SVG(try render(Fixture.sample(), layout))
            #expect(try out.groups("legend-entry").count == 2, "\(layout)")
            #expect(try out.nodesByLabel()["Globex"] != nil, "\(layout)")
            // The invisible chain is not drawn as a visible path.
            for link in try out.groups("legend-link") {
                #expect(try link.nodes(forXPath: ".//*[local-name()='path']").isEmpty)
            }
        }
    }
}
