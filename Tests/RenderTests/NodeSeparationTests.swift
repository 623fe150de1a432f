import Testing
@testable import Render

/// Moving apart the boxes of a layout that still overlap (what a `--geo` map does after Graphviz).
@Suite struct NodeSeparationTests {
    typealias Box = NodeSeparation.Box

    /// A crowd: `count` boxes of varied sizes, their centres inside a square of side `spread`.
    static func crowd(_ count: Int, spread: Double) -> [Box] {
        var seed: UInt64 = 12345
        func next() -> Double {  // a fixed sequence, so the test is the same every run
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        return (0..<count).map { i in
            let square = i % 9 == 0  // some large round nodes among the labels, as on a real map
            return Box(x: next() * spread, y: next() * spread,
                       width: square ? 80 : 40 + next() * 100, height: square ? 80 : 14 + next() * 8)
        }
    }

    @Test func aCrowdEndsWithNoTwoBoxesCloserThanTheGap() {
        var boxes = Self.crowd(200, spread: 400)
        #expect(!NodeSeparation.overlapping(boxes, gap: 4).isEmpty)
        #expect(NodeSeparation.separate(&boxes, gap: 4))
        #expect(NodeSeparation.overlapping(boxes, gap: 4).isEmpty)
        #expect(NodeSeparation.overlapping(boxes, gap: 3.9).isEmpty)
    }

    @Test func boxesThatDoNotOverlapStayWhereTheyAre() {
        var boxes = (0..<10).map { Box(x: Double($0) * 100, y: 0, width: 60, height: 20) }
        let before = boxes
        #expect(!NodeSeparation.separate(&boxes, gap: 4))
        #expect(boxes == before)
    }

    @Test func aFixedBoxDoesNotMoveAndTheOthersLeaveIt() {
        var boxes = [Box(x: 0, y: 0, width: 100, height: 100, fixed: true)]
            + (0..<6).map { Box(x: Double($0) * 3, y: 1, width: 30, height: 12) }
        #expect(NodeSeparation.separate(&boxes, gap: 4))
        #expect(boxes[0] == Box(x: 0, y: 0, width: 100, height: 100, fixed: true))
        #expect(NodeSeparation.overlapping(boxes, gap: 4).isEmpty)
    }

    @Test func boxesAtOnePointArePartedAndStayNearIt() {
        var boxes = (0..<12).map { _ in Box(x: 500, y: 500, width: 50, height: 16) }
        NodeSeparation.separate(&boxes, gap: 4)
        #expect(NodeSeparation.overlapping(boxes, gap: 4).isEmpty)
        // twelve boxes of 54×20 with their gap fit in about 200 points around the point
        #expect(boxes.allSatisfy { abs($0.x - 500) < 200 && abs($0.y - 500) < 200 }, "\(boxes)")
    }

    /// The overlap test itself, on the pairs a sweep by left edge could miss.
    @Test func overlappingFindsEveryPair() {
        let boxes = [Box(x: 0, y: 0, width: 200, height: 10), Box(x: 90, y: 5, width: 10, height: 10),
                     Box(x: 50, y: 40, width: 10, height: 10), Box(x: -95, y: 0, width: 20, height: 4)]
        #expect(NodeSeparation.overlapping(boxes).map { "\($0.0)-\($0.1)" }.sorted() == ["0-1", "0-3"])
    }
}
