import Foundation
import Ontology
import RDF
import Render
import Store
import Timeline

/// Builds the control map: one lane per place (in order of its first known date), each control
/// period a box from its start to its end (x = time, pinned), coloured by controller, dashed when
/// only claimed; the events that change control as dated markers above the boxes; a time axis of
/// year/month ticks at the top and bottom; a legend of controllers. Long quiet stretches of time are
/// compressed (marked ≈ on the axis) so that 2009 and a busy 2023 fit on one readable page.
public struct ControlMap {
    let timelines: [PlaceTimeline]
    let labels: Labels
    let ontology: Ontology?
    var since: PartialDate?
    var until: PartialDate?
    /// Every controller of the store: colours are given over all of them, so that an actor has the same
    /// colour on every control map of the store, whatever places or window a map shows.
    var allControllers: [Term]? = nil

    public init(timelines: [PlaceTimeline], labels: Labels, ontology: Ontology?, since: PartialDate? = nil,
                until: PartialDate? = nil, allControllers: [Term]? = nil) {
        self.timelines = timelines
        self.labels = labels
        self.ontology = ontology
        self.since = since
        self.until = until
        self.allControllers = allControllers
    }

    // Layout, in points (Graphviz y grows upwards).
    static let laneLabelWidth = 180.0, plotLeft = 200.0, openMargin = 36.0, targetWidth = 1000.0
    static let laneHeight = 58.0, boxHeight = 22.0, markerSize = 9.0, eventRowHeight = 12.0
    static let periodFontSize = 12.0, eventFontSize = 8.0
    /// Graphviz keeps 0.11 in (8 pt) on each side of a label inside a fixed-size node.
    static let labelMargin = 17.0
    static let compressAfterDays = 90, minTickGap = 44.0

    public func build() -> (map: GraphMap, geometry: [String: NodeGeometry], lanes: Int) {
        let lo = since.map(TimelineDays.first), hi = until.map(TimelineDays.last)
        let lanes = visibleLanes(lo: lo, hi: hi)
        let scale = timeScale(of: lanes, lo: lo, hi: hi)
        let palette = ControllerPalette(lanes.flatMap { $0.periods.map(\.controller) },
                                        slotsOver: allControllers ?? timelines.flatMap { $0.periods.map(\.controller) })
        var drawing = ControlMapDrawing(map: self, scale: scale, right: scale.right + Self.openMargin, palette: palette, lo: lo, hi: hi)
        // Event markers sit above their lane's boxes with a label to the right; a label that would
        // overlap the previous one in a row goes to the next row up, and the lane grows to fit them.
        let markers = lanes.map { eventMarkers(of: $0, scale: scale) }
        let heights = markers.map { m in max(Self.laneHeight, Self.boxHeight + 26 + Double((m.map(\.row).max() ?? 0) + 1) * Self.eventRowHeight) }
        let top = heights.reduce(0, +) + 40
        var laneTop = top
        for (i, t) in lanes.enumerated() {
            let y = laneTop - heights[i] + Self.boxHeight / 2 + 12
            laneTop -= heights[i]
            drawing.lane(i, t, y: y, markers: markers[i])
        }
        drawing.axis(top: top)
        drawing.legend()
        return (GraphMap(title: title(places: lanes.count, scale: scale), nodes: drawing.nodes), drawing.geometry, lanes.count)
    }

    /// The places with a period in the window `lo`…`hi` (day ordinals; nil = open), cut to it (their events
    /// that change control, dated in it), in order of their first known date, then by name.
    private func visibleLanes(lo: Int?, hi: Int?) -> [PlaceTimeline] {
        func inRange(_ d: PartialDate?) -> Bool {
            guard let d else { return false }
            return (lo.map { TimelineDays.last(d) >= $0 } ?? true) && (hi.map { TimelineDays.first(d) <= $0 } ?? true)
        }
        func visible(_ p: ControlPeriod) -> Bool {
            (lo.map { p.end == nil || TimelineDays.last(p.end!) >= $0 } ?? true) && (hi.map { p.start == nil || TimelineDays.first(p.start!) <= $0 } ?? true)
        }
        return timelines.compactMap { t -> PlaceTimeline? in
            var t = t
            t.periods = t.periods.filter(visible)
            t.events = t.events.filter { $0.changesControl && inRange($0.date) }
            return t.periods.isEmpty ? nil : t
        }.sorted { a, b in
            let (da, db) = (firstDay(a), firstDay(b))
            return da != db ? da < db : labels.display(a.place) < labels.display(b.place)
        }
    }

    /// The time axis over every date of `lanes`, cut to the window: what lies outside it is drawn at its edge.
    private func timeScale(of lanes: [PlaceTimeline], lo: Int?, hi: Int?) -> TimeScale {
        var days: [Int] = []
        for t in lanes {
            for p in t.periods { days += [p.start, p.end].compactMap { $0 }.map(TimelineDays.first) }
            days += t.events.compactMap(\.date).map(TimelineDays.first)
        }
        if let lo { days = days.map { max($0, lo) } + [lo] }
        if let hi { days = days.map { min($0, hi) } + [hi] }
        return TimeScale(keys: days, left: Self.plotLeft + Self.openMargin, targetWidth: Self.targetWidth,
                         compressAfter: Self.compressAfterDays)
    }

    /// A dated event above its lane: where it is, its label, and the row of labels it sits in.
    struct Marker {
        var event: PlaceEvent
        var date: PartialDate
        var x: Double
        var text: String
        var width: Double
        var row: Int
    }

    /// Rows of event labels above a lane at most: a label that fits in none of them is left out (its
    /// marker stays, with the event in its tooltip), so a place with thousands of changes of control
    /// keeps a lane of bounded height.
    static let maxMarkerRows = 6

    /// The lane's dated events as markers, each label in the first row where it does not overlap the one
    /// before; a marker whose label fits in no row has an empty label in row 0.
    private func eventMarkers(of t: PlaceTimeline, scale: TimeScale) -> [Marker] {
        var rowEnds: [Double] = []
        return t.events.compactMap { e in
            guard let d = e.date else { return nil }
            let x = scale.x(TimelineDays.first(d))
            var row = rowEnds.firstIndex { $0 < x - 2 } ?? rowEnds.count
            guard row < Self.maxMarkerRows else {
                return Marker(event: e, date: d, x: x, text: "", width: 0, row: 0)
            }
            let actor = Self.fitted(labels.display(e.actor), width: 90, fontSize: Self.eventFontSize)
            let text = "\(actor) \(verb(e.relation)) \(d.iso)"
            let width = Self.textWidth(text, fontSize: Self.eventFontSize) + Self.labelMargin
            if row == rowEnds.count { rowEnds.append(0) }
            rowEnds[row] = x + Self.markerSize + width
            return Marker(event: e, date: d, x: x, text: text, width: width, row: row)
        }
    }

    private func title(places: Int, scale: TimeScale) -> String {
        var title = "Control map: \(places) place\(places == 1 ? "" : "s")"
        if since != nil || until != nil {
            title += ", from \(since?.iso ?? "the first report") to \(until?.iso ?? "the last")"
        } else if let first = scale.firstDay, let last = scale.lastDay {
            title += ", \(TimelineDays.date(ordinal: first).truncated(to: .month).iso) to \(TimelineDays.date(ordinal: last).truncated(to: .month).iso)"
        }
        return title
    }

    private func firstDay(_ t: PlaceTimeline) -> Int {
        let dates = t.periods.flatMap { [$0.start, $0.end] }.compactMap { $0 }
        return dates.map(TimelineDays.first).min() ?? Int.max
    }

    func tooltip(_ p: ControlPeriod, place: String) -> String {
        let from = p.start.map { $0.iso + (p.startBasis == .observed ? " (seen)" : "") } ?? "…"
        let to = p.end.map { $0.iso + (p.endBasis == .observed ? " (seen)" : "") } ?? "…"
        var s = "\(place): \(labels.display(p.controller)) \(from) – \(to), \(p.confirmed ? "confirmed" : "claimed only")"
        if !p.alsoReportedAs.isEmpty { s += "\nalso reported as " + p.alsoReportedAs.map(labels.display).joined(separator: ", ") }
        let sources = p.evidence.map(\.sourceName).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        s += "\nsources:\n" + sources.prefix(8).map { "• " + $0 }.joined(separator: "\n")
        if sources.count > 8 { s += "\n… and \(sources.count - 8) more" }
        return s
    }

    /// An estimate of the width of `text` in points at `fontSize`, on the wide side (the sans-serif
    /// faces Graphviz picks here): boxes sized with it hold their labels.
    static func textWidth(_ text: String, fontSize: Double) -> Double {
        var em = 0.0
        for c in text.unicodeScalars {
            switch c {
            case "A"..."Z": em += c == "I" ? 0.35 : (c == "M" || c == "W" ? 0.88 : 0.7)
            case "a"..."z": em += "ijlft".unicodeScalars.contains(c) ? 0.3 : (c == "m" || c == "w" ? 0.86 : 0.56)
            case "0"..."9": em += 0.64
            case " ", ".", ",", ":", ";", "'", "!", "|": em += 0.34
            default: em += c.value > 0x2E7F ? 1.0 : 0.64  // wide scripts (CJK and beyond) take a full em
            }
        }
        return em * fontSize
    }

    /// `text`, cut with an ellipsis to fit `width` points at `fontSize` ("" when not even one letter does).
    static func fitted(_ text: String, width: Double, fontSize: Double) -> String {
        if textWidth(text, fontSize: fontSize) <= width { return text }
        var chars = Array(text)
        while !chars.isEmpty, textWidth(String(chars) + "…", fontSize: fontSize) > width { chars.removeLast() }
        while chars.last == " " { chars.removeLast() }
        return chars.isEmpty ? "" : String(chars) + "…"
    }

    /// The word on an event's marker: the relation's `kg:markerLabel` ("surrendered"), else its name.
    func verb(_ relation: String) -> String {
        ontology?.relation(named: relation)?.markerLabel ?? relation
    }
}

/// Maps days to x, compressing gaps longer than `compressAfter` days to that length.
struct TimeScale {
    private var keys: [Int] = []
    private var xs: [Double] = []
    private var perDay = 1.0
    let compressAfter: Int
    var right: Double { xs.last ?? 0 }
    var firstDay: Int? { keys.first }
    var lastDay: Int? { keys.last }

    init(keys days: [Int], left: Double, targetWidth: Double, compressAfter: Int) {
        self.compressAfter = compressAfter
        keys = Array(Set(days)).sorted()
        if keys.isEmpty { xs = [left]; return }
        if keys.count == 1 { keys.append(keys[0] + 30) }
        let total = zip(keys, keys.dropFirst()).reduce(0) { $0 + min($1.1 - $1.0, compressAfter) }
        perDay = min(8, max(0.25, targetWidth / Double(max(total, 1))))
        xs = [left]
        for (a, b) in zip(keys, keys.dropFirst()) { xs.append(xs.last! + Double(min(b - a, compressAfter)) * perDay) }
    }

    func x(_ day: Int) -> Double {
        guard let first = keys.first else { return xs[0] }
        if day <= first { return xs[0] - Double(min(first - day, compressAfter)) * perDay }
        for i in 1..<keys.count where day <= keys[i] {
            let span = Double(keys[i] - keys[i - 1])
            return xs[i - 1] + (xs[i] - xs[i - 1]) * Double(day - keys[i - 1]) / span
        }
        return xs.last! + Double(min(day - keys.last!, compressAfter)) * perDay
    }

    struct Tick { var x: Double; var label: String; var major: Bool }

    /// Year ticks first, then month ticks, never closer than `minGap`; `≈` in compressed gaps.
    func ticks(minGap: Double) -> [Tick] {
        guard let first = keys.first, let last = keys.last else { return [] }
        let a = TimelineDays.date(ordinal: first), b = TimelineDays.date(ordinal: last)
        var ticks: [Tick] = []
        func free(_ x: Double) -> Bool { ticks.allSatisfy { abs($0.x - x) >= minGap } }
        for (i, (p, q)) in zip(keys, keys.dropFirst()).enumerated() where q - p > compressAfter {
            let x = (xs[i] + xs[i + 1]) / 2
            ticks.append(Tick(x: x, label: "≈", major: false))
        }
        for y in a.year...b.year + 1 {
            let x = self.x(TimelineDays.first(PartialDate(year: y)!))
            if x >= xs[0] - minGap / 2, x <= right + minGap / 2, free(x) { ticks.append(Tick(x: x, label: String(y), major: true)) }
        }
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for y in a.year...b.year {
            for m in 2...12 {
                let x = self.x(TimelineDays.first(PartialDate(year: y, month: m)!))
                if x >= xs[0], x <= right, free(x) { ticks.append(Tick(x: x, label: names[m - 1], major: false)) }
            }
        }
        return ticks.sorted { $0.x < $1.x }
    }
}

/// One colour per controller, stable across runs and maps: an actor's preferred slot comes from a hash of
/// its IRI; a taken slot passes to the next free one, actors placed in IRI order — over every controller
/// of the store (`slotsOver`), so that a map of some places has the colours of the map of all.
struct ControllerPalette {
    static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                         "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94"]
    private(set) var actors: [Term] = []
    private var slots: [Term: Int] = [:]

    init(_ controllers: [Term], slotsOver all: [Term]? = nil) {
        var seen = Set<Term>()
        for a in controllers where seen.insert(a).inserted { actors.append(a) }
        var taken = Set<Int>()
        for a in Set(actors + (all ?? [])).sorted() {
            var s = Self.hash(a.iriValue ?? "\(a)") % Self.colors.count
            if taken.count < Self.colors.count { while taken.contains(s) { s = (s + 1) % Self.colors.count } }
            taken.insert(s)
            slots[a] = s
        }
    }

    func color(_ a: Term) -> String { Self.colors[slots[a] ?? 0] }
    func slot(_ a: Term) -> String { String(slots[a] ?? 0) }

    /// FNV-1a, stable across processes (Swift's `hashValue` is seeded per run).
    static func hash(_ s: String) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return Int(h % UInt64(Int.max))
    }

    /// Black or white, whichever reads better on `hex`.
    static func textColor(on hex: String) -> String {
        let v = Int(hex.dropFirst(), radix: 16) ?? 0
        let (r, g, b) = (Double((v >> 16) & 255), Double((v >> 8) & 255), Double(v & 255))
        return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#000000" : "#ffffff"
    }
}
