import ArgumentParser
import Foundation
import Maps
import RDF
import SPARQL
import Store
import Timeline

/// `kg timeline [PLACE]`: who held a place when, the dated events there, and the sources.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Show who controlled a place when, with the events and sources behind it.",
        discussion: """
            Control periods come from every article's facts: 'captured' and 'surrendered to' begin a period, 'controls' with a start or end bounds one, 'controls' with a plain date is an observation; a period ends when another controller's begins. Dates keep the precision the sources gave (2009, 2023-11, 2024-01-04). 'seen' marks a bound known only from an observation (control began before, or ended after, that date); '≤' marks a date taken from the article's publication date because the fact itself had none. 'claimed' periods rest only on attributed claims. Contradictions between sources are listed, not resolved.

            Without PLACE, lists every place whose control changed.

            Examples:
              kg timeline                  # places with a change of control
              kg timeline Laukkai          # periods, events, conflicts, sources
              kg timeline laukkai --format json
              kg timeline --since 2023-11 --until 2023-12   # what held in those months
              kg timeline --materialise    # then query the periods:
              kg query 'SELECT ?c ?from WHERE { ?p a kg:ControlPeriod ;
                  kg:place ?pl ; kg:controller ?c ; kg:start ?from }'
              kg render --map control      # the periods as lanes (Output/control.svg)
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("A place (label or alias, any case).", valueName: "place")) var place: String?
    @Option(help: "Output format: table or json.") var format: Format = .table
    @Flag(help: "Also write every place's control periods as RDF into the graph <https://kg.example.org/graph/timeline> (and the current controllers into the default graph), for SPARQL.")
    var materialise = false
    @OptionGroup var filter: FactFilterOptions

    func run() throws {
        var vocabulary: TimelineVocabulary?  // what the stored ontology's relations mean, read once
        if materialise {
            let writable = try store.open()
            vocabulary = try StoredOntology.timelineVocabulary(in: writable)
            let n = try writable.refreshTimeline(vocabulary: vocabulary!)
            Console.note("wrote \(n) triples to <\(TripleStore.timelineGraph.iriValue ?? "")>")
        }
        let kg = try store.open(readOnly: true)
        try filter.checkRelations(in: kg)
        let timelines = try ControlHistory.build(from: kg, vocabulary: vocabulary ?? StoredOntology.timelineVocabulary(in: kg))
            .map(filter.apply)
        let labels = Labels(store: kg)
        let view = TimelineText(labels: labels)
        guard let place else {
            let changed = timelines.filter { $0.hasControlChange && !$0.periods.isEmpty }
                .sorted { labels.display($0.place).lowercased() < labels.display($1.place).lowercased() }
            if format == .json { print(view.json(changed.map(view.summaryObject))) } else { print(view.summaryTable(changed), terminator: "") }
            return
        }
        guard let term = try Self.entity(named: place, in: kg, among: timelines.map(\.place), labels: labels) else {
            throw KGFailure(message: "no place named '\(place)' in \(store.db) (try `kg timeline` for the places with a change of control)")
        }
        let timeline = timelines.first { $0.place == term } ?? PlaceTimeline(place: term, periods: [], events: [], conflicts: [])
        if format == .json { print(view.json(view.object(timeline))) } else { print(view.table(timeline), terminator: "") }
    }

    /// The entity whose label or alias is `name` (case-insensitive), preferring places with a timeline.
    static func entity(named name: String, in store: TripleStore, among known: [Term], labels: Labels) throws -> Term? {
        let wanted = name.lowercased()
        for t in known where labels.display(t).lowercased() == wanted || labels.aliases(t).contains(where: { $0.lowercased() == wanted }) {
            return t
        }
        return try ShortForm.entity(named: name, store)
    }
}

/// Turns timelines into text: tables for people, JSON objects for programs.
struct TimelineText {
    let labels: Labels

    // MARK: Tables

    func table(_ t: PlaceTimeline) -> String {
        var out = labels.display(t.place)
        let aliases = labels.aliases(t.place)
        if !aliases.isEmpty { out += " (also " + aliases.prefix(4).joined(separator: ", ") + ")" }
        out += "\n\ncontrol periods\n"
        if t.periods.isEmpty { out += "  (no control facts)\n" } else {
            out += Self.align([["controller", "from", "to", "status", "sources"]] + t.periods.map { p in
                var controller = labels.display(p.controller)
                if !p.alsoReportedAs.isEmpty { controller += " (also as " + p.alsoReportedAs.map(labels.display).joined(separator: ", ") + ")" }
                return [controller, bound(p.start, p.startBasis, p.evidence, isStart: true),
                        bound(p.end, p.endBasis, p.evidence, isStart: false),
                        p.confirmed ? "confirmed" : "claimed", Self.fileList(p.articles)]
            })
        }
        out += "\nevents\n"
        if t.events.isEmpty { out += "  (no dated events)\n" } else {
            out += Self.align([["date", "event", "by", "sources"]] + t.events.map { e in
                [date(e.date, fromPublication: e.dateIsPublication), eventText(e), labels.display(e.actor) + (e.claimedOnly ? " (claimed)" : ""),
                 Self.fileList(Set(e.articles).sorted())]
            })
        }
        if !t.conflicts.isEmpty {
            out += "\nconflicts (kept side by side, not resolved)\n"
            for c in t.conflicts { out += "  ! " + conflictText(c) + "\n" }
        }
        return out
    }

    func summaryTable(_ timelines: [PlaceTimeline]) -> String {
        if timelines.isEmpty { return "no place with a change of control (run `kg build` first?)\n" }
        return Self.align([["place", "controllers", "last change", "periods", "conflicts"]] + timelines.map { t in
            [labels.display(t.place), controllers(t), lastChange(t), String(t.periods.count), t.conflicts.isEmpty ? "" : String(t.conflicts.count)]
        }) + "\n\(timelines.count) place\(timelines.count == 1 ? "" : "s"); `kg timeline PLACE` for periods, events and sources\n"
    }

    func controllers(_ t: PlaceTimeline) -> String {
        var names: [String] = []
        for p in t.periods {
            let n = labels.display(p.controller) + (p.confirmed ? "" : "?")
            if names.last != n { names.append(n) }
        }
        // a place that changed hands many times: the first and the last three, the rest counted
        if names.count > 6 {
            names = names.prefix(2) + ["… \(names.count - 5) more …"] + names.suffix(3)
        }
        return names.joined(separator: " → ")
    }

    func lastChange(_ t: PlaceTimeline) -> String {
        // the periods' bounds: a withdrawal reported days after the takeover it confirms is no change
        let bounds = t.periods.compactMap(\.start) + t.periods.compactMap(\.end)
        return bounds.max()?.iso ?? ""
    }

    func bound(_ d: PartialDate?, _ basis: BoundBasis, _ evidence: [TimelineEvidence], isStart: Bool) -> String {
        guard let d else { return "…" }
        let fromPublication = evidence.contains { $0.date == d && $0.dateIsPublication }
            && !evidence.contains { $0.date == d && !$0.dateIsPublication }
        return date(d, fromPublication: fromPublication) + (basis == .observed ? " (seen)" : "")
    }

    func date(_ d: PartialDate?, fromPublication: Bool) -> String {
        guard let d else { return "undated" }
        return (fromPublication ? "≤" : "") + d.iso
    }

    func eventText(_ e: PlaceEvent) -> String {
        var s = e.relation
        if let c = e.counterpart { s += " " + labels.display(c) }
        if let via = e.placeVia { s += " [place via \(via)]" }
        return s
    }

    func conflictText(_ c: ControlConflict) -> String {
        let names = c.controllers.map(labels.display)
        let sources = c.evidence.map { "\(Self.file($0.articlePath)) says \(labels.display($0.subject)) \($0.relation) \(date($0.date, fromPublication: $0.dateIsPublication))" }
        let what: String = switch c.kind {
        case .simultaneousControllers: "\(names.joined(separator: " and ")) reported in control at the same time"
        case .datesDisagree: "sources disagree on when \(names.joined()) took control"
        case .unexplainedChange: "\(names.joined(separator: " then ")) within a month, no change of control reported"
        }
        return what + ": " + sources.joined(separator: "; ")
    }

    static func file(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

    /// The file names of `paths`, the first five and a count of the rest when there are more than six
    /// (`--format json` lists them all).
    static func fileList(_ paths: [String]) -> String {
        let names = paths.count > 6 ? paths.prefix(5).map(file) + ["and \(paths.count - 5) more"] : paths.map(file)
        return names.joined(separator: ", ")
    }

    /// Columns padded to their widest cell; two spaces between.
    static func align(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    func json(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    func summaryObject(_ t: PlaceTimeline) -> [String: Any] {
        ["place": labels.display(t.place), "iri": t.place.iriValue ?? "", "controllers": controllers(t),
         "lastChange": lastChange(t), "periods": t.periods.count, "conflicts": t.conflicts.count]
    }

    func object(_ t: PlaceTimeline) -> [String: Any] {
        [
            "place": labels.display(t.place), "iri": t.place.iriValue ?? "", "aliases": labels.aliases(t.place),
            "periods": t.periods.map { p -> [String: Any] in
                var o: [String: Any] = [
                    "controller": labels.display(p.controller), "controllerIRI": p.controller.iriValue ?? "",
                    "startBasis": p.startBasis.rawValue, "endBasis": p.endBasis.rawValue,
                    "status": p.confirmed ? "confirmed" : "claimed",
                    "alsoReportedAs": p.alsoReportedAs.map(labels.display), "sources": p.evidence.map(source),
                    "articles": p.articles,
                ]
                if let s = p.start { o["start"] = s.iso; o["startPrecision"] = s.precision.name }
                if let e = p.end { o["end"] = e.iso; o["endPrecision"] = e.precision.name }
                return o
            },
            "events": t.events.map { e -> [String: Any] in
                var o: [String: Any] = ["relation": e.relation, "actor": labels.display(e.actor), "changesControl": e.changesControl,
                                        "status": e.claimedOnly ? "claimed" : "confirmed", "sources": e.evidence.map(source),
                                        "articles": e.articles]
                if let d = e.date { o["date"] = d.iso; o["precision"] = d.precision.name; o["dateFromPublication"] = e.dateIsPublication }
                if let c = e.counterpart { o["counterpart"] = labels.display(c) }
                if let v = e.placeVia { o["placeVia"] = v }
                return o
            },
            "conflicts": t.conflicts.map { c -> [String: Any] in
                ["kind": c.kind.rawValue, "controllers": c.controllers.map(labels.display), "summary": conflictText(c),
                 "sources": c.evidence.map(source)]
            },
        ]
    }

    func source(_ e: TimelineEvidence) -> [String: Any] {
        var o: [String: Any] = ["statement": e.statementID, "relation": e.relation, "subject": labels.display(e.subject),
                                "object": labels.display(e.object), "modality": e.modality.rawValue,
                                "confidence": (e.confidence * 1000).rounded() / 1000, "article": e.articlePath, "sentence": e.sentence]
        if let d = e.date { o["date"] = d.iso; o["dateFromPublication"] = e.dateIsPublication }
        if let t = e.articleTitle { o["title"] = t }
        if let p = e.published { o["published"] = p }
        if let a = e.attribution { o["attribution"] = a }
        return o
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
