import ArgumentParser
import Foundation
import Maps
import RDF
import Store
import Timeline

/// `--since`, `--until`, `--modality`, `--relation`: which statements `kg show`, `kg export` and `kg timeline`
/// print, the same way everywhere. A statement is in the window when its date, or its start…end, overlaps
/// it (a month overlaps a day range that meets it); an undated statement counts at its article's
/// publication date.
struct FactFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only facts from this date on (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only facts up to this date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var until: String?

    @Option(name: .customLong("modality"),
            help: ArgumentHelp("Only statements of this modality: asserted, claimed, planned, hypothetical, denied (repeatable).",
                               valueName: "m"))
    var modalities: [String] = []

    @Option(name: .customLong("relation"), help: ArgumentHelp("Only these relations (repeatable).", valueName: "name"))
    var relations: [String] = []

    /// `--since` and `--until` are dates, the first not after the second (for kg render too).
    static func validateWindow(since: String?, until: String?) throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, PartialDate(iso: value) == nil {
                throw ValidationError("\(name) takes a date: YYYY, YYYY-MM or YYYY-MM-DD (got '\(value)')")
            }
        }
        if let s = since.flatMap(PartialDate.init(iso:)), let u = until.flatMap(PartialDate.init(iso:)),
           TimelineDays.first(s) > TimelineDays.last(u) {
            throw ValidationError("--since is after --until")
        }
    }

    func validate() throws {
        try Self.validateWindow(since: since, until: until)
        let known = Modality.allCases.map(\.rawValue)
        for m in modalities where !known.contains(m) {
            throw ValidationError("--modality \(m): one of \(known.joined(separator: ", "))")
        }
    }

    var isEmpty: Bool { since == nil && until == nil && modalities.isEmpty && relations.isEmpty }

    /// Whether any modal (planned, hypothetical, denied) statement can pass.
    var wantsModal: Bool { modalities.contains { !(Modality(rawValue: $0)?.isFact ?? true) } }

    /// Refuses relation names the store's ontology does not know, naming those it knows.
    func checkRelations(in store: TripleStore) throws { try Self.checkRelations(relations, in: store) }

    static func checkRelations(_ relations: [String], in store: TripleStore) throws {
        guard !relations.isEmpty, let ontology = try StoredOntology.forMaps(in: store) else { return }
        let known = ontology.relations.map(\.localName)
        for r in relations where !known.contains(r) {
            throw KGFailure.usage("--relation \(r): no such relation; known: \(known.joined(separator: ", "))")
        }
    }

    /// A timeline cut to the filter: the periods that overlap the window, the events in it (of the relations
    /// asked for, reported with the modalities asked for).
    func apply(_ t: PlaceTimeline) -> PlaceTimeline {
        guard !isEmpty else { return t }
        let lo = since.flatMap(PartialDate.init(iso:)).map(TimelineDays.first)
        let hi = until.flatMap(PartialDate.init(iso:)).map(TimelineDays.last)
        var t = t
        t.periods = t.periods.filter { p in
            (lo.map { p.end == nil || TimelineDays.last(p.end!) >= $0 } ?? true) && (hi.map { p.start == nil || TimelineDays.first(p.start!) <= $0 } ?? true)
        }
        t.events = t.events.filter { e in
            (relations.isEmpty || relations.contains(e.relation))
                && (modalities.isEmpty || e.evidence.contains { modalities.contains($0.modality.rawValue) })
                && RelationMap.inWindow(date: e.date, start: nil, end: nil, published: nil, lo: lo, hi: hi)
        }
        return t
    }

    func accepts(_ st: StoredStatement) -> Bool {
        let r = st.record
        if !modalities.isEmpty, !modalities.contains(r.modality.rawValue) { return false }
        if !relations.isEmpty, !relations.contains(Labels.localName(r.triple.predicate.iriValue ?? "")) { return false }
        let lo = since.flatMap(PartialDate.init(iso:)).map(TimelineDays.first)
        let hi = until.flatMap(PartialDate.init(iso:)).map(TimelineDays.last)
        return RelationMap.inWindow(date: r.date, start: r.start, end: r.end, published: st.article.published, lo: lo, hi: hi)
    }
}
