import RDF
import Testing
@testable import Maps

@Suite struct ControllerColourTests {
    @Test func anActorKeepsItsColourWhateverElseTheMapShows() {
        // two actors whose preferred colour is the same: the one later in IRI order gives way
        var pair: (Term, Term)?
        outer: for i in 0..<200 {
            for j in (i + 1)..<200 {
                let a = "https://kg.example.org/id/a\(i)", b = "https://kg.example.org/id/b\(j)"
                if ControllerPalette.hash(a) % ControllerPalette.colors.count == ControllerPalette.hash(b) % ControllerPalette.colors.count {
                    pair = (.iri(a), .iri(b)); break outer
                }
            }
        }
        guard let (a, b) = pair else { Issue.record("no colliding pair found"); return }
        let all = ControllerPalette([a, b])
        // a map showing only b (another place, another window) colours it as the map of all does
        #expect(ControllerPalette([b], slotsOver: [a, b]).color(b) == all.color(b))
        #expect(ControllerPalette([b]).color(b) != all.color(b), "without the store's other controllers the colour moves")
    }
}

@Suite struct MapSizeTests {
    @Test func theLargestConnectedPartsAndTheMostReportedEntitiesFirst() {
        func t(_ s: String) -> Term { .iri("https://kg.example.org/id/" + s) }
        // a part of four (a–b–c–d, b reported most), a pair (x–y)
        let edges: [(Term, Term, Int)] = [(t("a"), t("b"), 5), (t("b"), t("c"), 3), (t("c"), t("d"), 1), (t("x"), t("y"), 9)]
        let all = RelationMap.choose(edges, maxNodes: 0)
        #expect(all.kept.count == 6 && all.left == 0)
        let four = RelationMap.choose(edges, maxNodes: 4)
        #expect(four.kept == [t("a"), t("b"), t("c"), t("d")] && four.left == 2, "the largest part whole, the pair left out")
        let three = RelationMap.choose(edges, maxNodes: 3)
        #expect(three.kept == [t("a"), t("b"), t("c")], "the most reported entities of the part, joined to each other")
        #expect(three.left == 3)
    }
}
