import Foundation
import Render
import Timeline

/// The nodes of a control map as `ControlMap.build` places them, with their sizes: each lane (its label,
/// its periods, its event markers), then the time axis, then the legend.
struct ControlMapDrawing {
    typealias CM = ControlMap
    let map: ControlMap
    let scale: TimeScale
    /// Where a period still running ends.
    let right: Double
    let palette: ControllerPalette
    /// The window, as day ordinals (nil = open).
    let lo: Int?, hi: Int?
    private(set) var nodes: [MapNode] = []
    private(set) var geometry: [String: NodeGeometry] = [:]

    init(map: ControlMap, scale: TimeScale, right: Double, palette: ControllerPalette, lo: Int?, hi: Int?) {
        self.map = map
        self.scale = scale
        self.right = right
        self.palette = palette
        self.lo = lo
        self.hi = hi
    }

    private mutating func add(_ node: MapNode, _ size: NodeGeometry? = nil) {
        nodes.append(node)
        if let size { geometry[node.id] = size }
    }

    /// Lane `i`, centred at `y`: the place's name, its periods, its events.
    mutating func lane(_ i: Int, _ t: PlaceTimeline, y: Double, markers: [ControlMap.Marker]) {
        let place = map.labels.display(t.place)
        var laneFont = 14.0
        while laneFont > 10, CM.textWidth(place, fontSize: laneFont) > CM.laneLabelWidth - CM.labelMargin { laneFont -= 1 }
        add(MapNode(id: "lane\(i)", label: CM.fitted(place, width: CM.laneLabelWidth - CM.labelMargin, fontSize: laneFont), kind: "lane",
                    style: NodeStyle(shape: "plaintext", fillColor: "transparent"),
                    tooltip: "\(place): \(t.periods.count) control period\(t.periods.count == 1 ? "" : "s")",
                    position: (CM.laneLabelWidth / 2, y)),
            NodeGeometry(width: CM.laneLabelWidth, height: CM.boxHeight, fontSize: laneFont, classes: ["lane-label", "lane-\(i)"]))
        for (j, p) in t.periods.enumerated() { period(p, id: "p\(i)-\(j)", lane: i, place: place, y: y) }
        for (k, m) in markers.enumerated() { marker(m, index: k, lane: i, place: place, y: y) }
    }

    /// A control period: a box from its start to its end, cut to the window, coloured by controller.
    private mutating func period(_ p: ControlPeriod, id: String, lane i: Int, place: String, y: Double) {
        var x1 = p.start.map { scale.x(TimelineDays.first($0)) } ?? CM.plotLeft
        var x2 = p.end.map { scale.x(TimelineDays.first($0)) } ?? right
        if let lo, p.start.map({ TimelineDays.first($0) < lo }) ?? true { x1 = max(x1, scale.x(lo) - 4) }
        if let hi, p.end.map({ TimelineDays.first($0) > hi }) ?? true { x2 = min(x2, scale.x(hi) + 4) }
        let width = max(x2 - x1, 8)
        let label = CM.fitted(map.labels.display(p.controller), width: width - CM.labelMargin, fontSize: CM.periodFontSize)
        let color = palette.color(p.controller)
        add(MapNode(id: id, label: label, kind: "period",
                    style: NodeStyle(shape: "box", fillColor: color, fontColor: ControllerPalette.textColor(on: color)),
                    tooltip: map.tooltip(p, place: place), position: (x1 + width / 2, y)),
            NodeGeometry(width: width, height: CM.boxHeight, dashed: !p.confirmed,
                         penWidth: p.confirmed ? 0.8 : 1.6, borderColor: p.confirmed ? "#444444" : "#000000",
                         fontSize: CM.periodFontSize,
                         classes: ["period", p.confirmed ? "confirmed" : "claimed", "lane-\(i)", "controller-" + palette.slot(p.controller)]))
    }

    /// An event: a diamond at its date above the lane's boxes, in its row, and its label to the right.
    private mutating func marker(_ m: ControlMap.Marker, index k: Int, lane i: Int, place: String, y: Double) {
        let e = m.event
        let labels = map.labels
        let my = y + CM.boxHeight / 2 + 9 + Double(m.row) * CM.eventRowHeight
        let color = map.ontology?.relation(named: e.relation)?.edgeColor ?? "#333333"
        let source = Set(e.evidence.map { $0.sourceName }).sorted().joined(separator: "\n• ")
        let tip = "\(place): \(labels.display(e.actor)) \(e.relation)\(e.counterpart.map { " " + labels.display($0) } ?? "") \(m.date.iso)"
            + (e.claimedOnly ? " (claimed)" : "") + "\nsources:\n• " + source
        add(MapNode(id: "e\(i)-\(k)", label: "", kind: "event", style: NodeStyle(shape: "diamond", fillColor: color),
                    tooltip: tip, position: (m.x, my)),
            NodeGeometry(width: CM.markerSize, height: CM.markerSize, dashed: e.claimedOnly,
                         penWidth: 0.6, classes: ["event", "rel-" + e.relation, "lane-\(i)"]))
        guard !m.text.isEmpty else { return }  // no row had room for its label
        add(MapNode(id: "el\(i)-\(k)", label: m.text, kind: "event-label",
                    style: NodeStyle(shape: "plaintext", fillColor: "transparent", fontColor: color),
                    tooltip: tip, position: (m.x + CM.markerSize / 2 + 1 + m.width / 2, my)),
            NodeGeometry(width: m.width, height: 10, fontSize: CM.eventFontSize, classes: ["event-label", "lane-\(i)"]))
    }

    /// The time axis, above the lanes (the top one ends at `top`) and below them.
    mutating func axis(top: Double) {
        for (n, tick) in scale.ticks(minGap: CM.minTickGap).enumerated() {
            for (side, y) in [("top", top + 12), ("bottom", 28.0)] {
                add(MapNode(id: "t\(side)\(n)", label: tick.label, kind: "axis",
                            style: NodeStyle(shape: "plaintext", fillColor: "transparent", fontColor: tick.major ? "#000000" : "#666666"),
                            position: (tick.x, y)),
                    NodeGeometry(width: 40, height: 12, fontSize: tick.major ? 10 : 8, classes: ["tick"]))
            }
        }
    }

    /// The legend: one sample per controller, left to right, wrapping, below the axis; then the claimed style.
    mutating func legend() {
        var lx = CM.plotLeft, ly = 4.0
        add(MapNode(id: "legend-title", label: "Controllers:", kind: "legend-title",
                    style: NodeStyle(shape: "plaintext", fillColor: "transparent"), position: (CM.laneLabelWidth / 2, ly)))
        for (n, actor) in palette.actors.enumerated() {
            let name = CM.fitted(map.labels.display(actor), width: 220, fontSize: CM.periodFontSize)
            let w = CM.textWidth(name, fontSize: CM.periodFontSize) + CM.labelMargin
            if lx + w > right { lx = CM.plotLeft; ly -= 26 }
            let color = palette.color(actor)
            add(MapNode(id: "legend\(n)", label: name, kind: "legend",
                        style: NodeStyle(shape: "box", fillColor: color, fontColor: ControllerPalette.textColor(on: color)),
                        tooltip: name, position: (lx + w / 2, ly)),
                NodeGeometry(width: w, height: 18, fontSize: CM.periodFontSize, classes: ["legend-entry", "controller-" + palette.slot(actor)]))
            lx += w + 8
        }
        add(MapNode(id: "legend-claimed", label: "claimed only", kind: "legend",
                    style: NodeStyle(shape: "box", fillColor: "#ffffff"), tooltip: "dashed: only attributed claims support the period",
                    position: (lx + 45, ly)),
            NodeGeometry(width: 90, height: 18, dashed: true, penWidth: 1.6, classes: ["legend-entry", "claimed"]))
    }
}
