import Foundation

/// Moves apart the boxes of a laid-out map that overlap, each by as little as it can.
///
/// Graphviz's overlap removal (`overlap=prism`) leaves some overlaps on large maps whose nodes are
/// pinned (a `--geo` map of a whole corpus: about a hundred pairs at 560 nodes), so `kg` checks the
/// layout it got and, when boxes still overlap, separates them here and draws the map again with
/// every node pinned where this left it. Boxes are the nodes' bounding boxes (an ellipse lies inside
/// its box), so boxes apart means shapes apart.
enum NodeSeparation {
    struct Box: Equatable {
        var x: Double, y: Double  // centre
        var width: Double, height: Double
        /// Never moved (a legend entry): others move away from it.
        var fixed = false
    }

    /// True when `a` and `b` are closer than `gap` on both axes.
    static func overlap(_ a: Box, _ b: Box, gap: Double) -> Bool {
        abs(a.x - b.x) < (a.width + b.width) / 2 + gap && abs(a.y - b.y) < (a.height + b.height) / 2 + gap
    }

    /// The pairs of boxes (indices) that overlap.
    static func overlapping(_ boxes: [Box], gap: Double = 0) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        // sorted by left edge, a box meets only those whose left edge is left of its right edge
        let order = boxes.indices.sorted { boxes[$0].x - boxes[$0].width / 2 < boxes[$1].x - boxes[$1].width / 2 }
        for (k, i) in order.enumerated() {
            let right = boxes[i].x + boxes[i].width / 2 + gap
            for j in order[(k + 1)...] {
                if boxes[j].x - boxes[j].width / 2 >= right { break }
                if overlap(boxes[i], boxes[j], gap: gap) { pairs.append((min(i, j), max(i, j))) }
            }
        }
        return pairs
    }

    /// Pushes overlapping pairs apart until no two boxes are within `gap` of each other; returns
    /// whether any box moved. The first rounds push each pair along the axis where it overlaps least,
    /// half each (all of it for the one that can move when the other is fixed): the smallest moves.
    /// In a crowd that only shuffles boxes back and forth, so later rounds push along the line
    /// between the centres, a little further, which spreads a crowd outwards. Should a crowd still
    /// be packed after `rounds`, the free boxes are spread 5% from their centre and the rounds begin
    /// again (a few times at most).
    @discardableResult
    static func separate(_ boxes: inout [Box], gap: Double, rounds: Int = 300) -> Bool {
        var moved = false
        for _ in 0..<10 {
            for round in 0..<rounds {
                let pairs = overlapping(boxes, gap: gap)
                if pairs.isEmpty { return moved }
                for (i, j) in pairs where push(&boxes, i, j, gap: gap, alongCentres: round >= 30) { moved = true }
            }
            guard !overlapping(boxes, gap: gap).isEmpty else { return moved }
            let free = boxes.filter { !$0.fixed }
            guard !free.isEmpty else { return moved }
            let cx = free.map(\.x).reduce(0, +) / Double(free.count), cy = free.map(\.y).reduce(0, +) / Double(free.count)
            for k in boxes.indices where !boxes[k].fixed {
                boxes[k].x = cx + (boxes[k].x - cx) * 1.05
                boxes[k].y = cy + (boxes[k].y - cy) * 1.05
            }
        }
        return moved
    }

    /// Moves `boxes[i]` and `boxes[j]` apart; false when they no longer overlap or cannot move.
    private static func push(_ boxes: inout [Box], _ i: Int, _ j: Int, gap: Double, alongCentres: Bool) -> Bool {
        let a = boxes[i], b = boxes[j]
        let dx = b.x - a.x, dy = b.y - a.y
        let needX = (a.width + b.width) / 2 + gap - abs(dx)
        let needY = (a.height + b.height) / 2 + gap - abs(dy)
        guard needX > 0 && needY > 0, !(a.fixed && b.fixed) else { return false }
        // what each one moves of the distance that parts them (a little more, so that rounding
        // cannot leave them touching)
        let share = alongCentres ? 0.75 : 0.5
        let shareA = a.fixed ? 0 : (b.fixed ? 2 * share : share)
        let shareB = b.fixed ? 0 : (a.fixed ? 2 * share : share)
        let ux: Double, uy: Double, distance: Double
        if alongCentres && (dx != 0 || dy != 0) {
            let length = (dx * dx + dy * dy).squareRoot()
            ux = dx / length
            uy = dy / length
            // how far along the line until one axis clears
            distance = min(ux == 0 ? .infinity : needX / abs(ux), uy == 0 ? .infinity : needY / abs(uy)) + 0.01
        } else if needX <= needY {
            ux = dx > 0 || (dx == 0 && i < j) ? 1 : -1
            uy = 0
            distance = needX + 0.01
        } else {
            ux = 0
            uy = dy > 0 || (dy == 0 && i < j) ? 1 : -1
            distance = needY + 0.01
        }
        boxes[i].x -= ux * distance * shareA
        boxes[i].y -= uy * distance * shareA
        boxes[j].x += ux * distance * shareB
        boxes[j].y += uy * distance * shareB
        return true
    }
}
