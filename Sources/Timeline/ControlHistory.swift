import RDF
import Store

/// Derives control periods, events and conflicts per place from every article's facts.
///
/// How periods are made (per place, from fact statements only — plans and denials never count):
/// 1. Every relevant statement becomes a *control item*, dated by its date, start or end, else by its
///    article's publication date (flagged `dateIsPublication`):
///    - `captured` — an **onset**: the subject holds the place from that date;
///    - `controls` with a start — an onset; with an end — an **end** (held until then); with a plain
///      date (or no time) — an **observation** (held at that date);
///    - `surrenderedTo` — an onset for the object actor at the unit's place, found through the unit's
///      `heldIn`/`locatedIn`/`partOf` facts, else the places named in the statement's sentence;
///    - withdrawal relations (`TimelineVocabulary.withdrawals`, e.g. the core ontology's `withdrewFrom`)
///      — an end for the subject. A withdrawal by the previous holder that is undated (dated by its
///      article: no later than) or dated at the change supports that change instead of conflicting.
/// 2. Items are sorted by date (earliest day first; at the same day the more precise first; undated
///    last), ends before onsets before observations, then by statement id.
/// 3. Walking the items keeps one open period. An item by the holder, or by an actor that is part or
///    member of the holder (or the reverse), supports the open period. An onset or observation by
///    another actor ends the open period at its date and begins a new one (a period ends when
///    another controller's begins). An end by the holder closes the period.
/// 4. Nothing is silently resolved; these are flagged as `ControlConflict`s and both sides kept:
///    - another controller (not part or member of the holder, or the reverse) observed at a date overlapping the holder's last report (same day at the
///      coarser precision): `simultaneousControllers`;
///    - an end for an actor that is not the holder while someone else holds the place: a period for
///      that actor is added side by side, `simultaneousControllers`;
///    - two onsets by the same holder from different articles at dates that cannot be the same day:
///      `datesDisagree` (the earlier is kept as the start);
///    - a change of holder known only from observations less than 32 days apart: `unexplainedChange`.
/// A day-precise onset that falls within a coarser start of the same holder's period ("2024-01" by one
/// source, "2024-01-04" by another) refines the start, and the end of the period it succeeded.
/// A period is confirmed when one of its statements is asserted, claimed when all are claims.
public enum ControlHistory {
    /// Every place with control facts or dated events, sorted by place IRI.
    public static func build(from store: TripleStore) throws -> [PlaceTimeline] {
        try build(facts: try TimelineFacts(store: store))
    }

    /// The timeline of one place (empty periods and events when the store knows nothing about it).
    public static func timeline(of place: Term, in store: TripleStore) throws -> PlaceTimeline {
        try build(from: store).first { $0.place == place }
            ?? PlaceTimeline(place: place, periods: [], events: [], conflicts: [])
    }

    enum ItemKind: Int { case end = 0, onset = 1, observation = 2 }

    struct Item {
        var actor: Term
        var kind: ItemKind
        var evidence: TimelineEvidence
        var date: PartialDate? { evidence.date }
    }

    static func build(facts: TimelineFacts) throws -> [PlaceTimeline] {
        var items: [Term: [Item]] = [:]
        var events: [Term: [PlaceEvent]] = [:]
        let V = TimelineVocabulary.self

        let contested = facts.contested

        try facts.forEachStatement { st in
            let r = st.record, rel = V.localName(r.triple.predicate)
            let (s, o) = (r.triple.subject, r.triple.object)
            // Only statements about places (and surrenders, whose place is found below) matter here.
            guard rel == V.surrender || facts.places.contains(o) else { return }
            let ev = TimelineFacts.evidence(st)
            if rel == V.controls {
                if r.start != nil || r.end != nil {
                    if let start = r.start {
                        var e = ev; e.date = start; e.dateIsPublication = false
                        items[o, default: []].append(Item(actor: s, kind: .onset, evidence: e))
                    }
                    if let end = r.end {
                        var e = ev; e.date = end; e.dateIsPublication = false
                        items[o, default: []].append(Item(actor: s, kind: .end, evidence: e))
                    }
                } else {
                    items[o, default: []].append(Item(actor: s, kind: .observation, evidence: ev))
                }
            } else if rel == V.surrender {
                guard let (places, via) = facts.places(of: s, sentence: r.sentence, contested: contested) else { return }
                for place in places {
                    items[place, default: []].append(Item(actor: o, kind: .onset, evidence: ev))
                    events[place, default: []].append(event(place, rel, actor: s, counterpart: o, ev, via: via))
                }
            } else if facts.places.contains(o), !V.descriptive.contains(rel) {
                events[o, default: []].append(event(o, rel, actor: s, counterpart: nil, ev, via: nil))
                if V.onsets.contains(rel) { items[o, default: []].append(Item(actor: s, kind: .onset, evidence: ev)) }
                if V.withdrawals.contains(rel) { items[o, default: []].append(Item(actor: s, kind: .end, evidence: ev)) }
            }
        }

        let allPlaces = Set(items.keys).union(events.keys).sorted()
        return allPlaces.map { place in
            var (periods, conflicts) = periodsFor(place: place, items: items[place] ?? [], facts: facts)
            conflicts.sort { ($0.evidence.first?.date ?? .distantFuture) < ($1.evidence.first?.date ?? .distantFuture) }
            periods = periods.map { p in var p = p; p.evidence.sort(by: evidenceOrder); return p }
            let sortedEvents = (events[place] ?? []).sorted { a, b in
                if a.date != b.date { return (a.date ?? .distantFuture) < (b.date ?? .distantFuture) }
                return (a.evidence.first?.statementID ?? 0) < (b.evidence.first?.statementID ?? 0)
            }
            return PlaceTimeline(place: place, periods: periods, events: mergeEvents(sortedEvents), conflicts: conflicts)
        }
    }

    static func event(_ place: Term, _ rel: String, actor: Term, counterpart: Term?, _ ev: TimelineEvidence,
                      via: String?) -> PlaceEvent {
        PlaceEvent(place: place, relation: rel, actor: actor, counterpart: counterpart, date: ev.date,
                   dateIsPublication: ev.dateIsPublication, changesControl: TimelineVocabulary.controlEvents.contains(rel),
                   placeVia: via, evidence: [ev])
    }

    /// The same event (relation, actor, counterpart, date) reported by several statements becomes one.
    static func mergeEvents(_ events: [PlaceEvent]) -> [PlaceEvent] {
        var out: [PlaceEvent] = []
        for e in events {
            if let i = out.firstIndex(where: { $0.relation == e.relation && $0.actor == e.actor
                && $0.counterpart == e.counterpart && $0.date == e.date && $0.dateIsPublication == e.dateIsPublication }) {
                out[i].evidence += e.evidence
            } else {
                out.append(e)
            }
        }
        return out
    }

    static func evidenceOrder(_ a: TimelineEvidence, _ b: TimelineEvidence) -> Bool {
        if a.date != b.date { return (a.date ?? .distantFuture) < (b.date ?? .distantFuture) }
        return a.statementID < b.statementID
    }

    static func periodsFor(place: Term, items unsorted: [Item], facts: TimelineFacts) -> ([ControlPeriod], [ControlConflict]) {
        let items = unsorted.sorted { a, b in
            if a.date != b.date { return (a.date ?? .distantFuture) < (b.date ?? .distantFuture) }
            if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
            return a.evidence.statementID < b.evidence.statementID
        }
        var periods: [ControlPeriod] = []
        var conflicts: [ControlConflict] = []
        var open: Int?  // index of the period still running

        func newPeriod(_ item: Item, start: PartialDate?, basis: BoundBasis) -> Int {
            periods.append(ControlPeriod(place: place, controller: item.actor, start: start, startBasis: start == nil ? .open : basis,
                                         end: nil, endBasis: .open, confirmed: item.evidence.modality == .asserted,
                                         alsoReportedAs: [], evidence: [item.evidence]))
            return periods.count - 1
        }
        func support(_ i: Int, _ item: Item) {
            if !periods[i].evidence.contains(where: { $0.statementID == item.evidence.statementID }) {
                periods[i].evidence.append(item.evidence)
            }
            if item.evidence.modality == .asserted { periods[i].confirmed = true }
            if item.actor != periods[i].controller, !periods[i].alsoReportedAs.contains(item.actor) {
                periods[i].alsoReportedAs.append(item.actor)
            }
        }
        func close(_ i: Int, at date: PartialDate?, basis: BoundBasis) {
            periods[i].end = date
            periods[i].endBasis = date == nil ? .open : basis
        }
        func conflict(_ kind: ControlConflict.Kind, _ controllers: [Term], _ summary: String, _ evidence: [TimelineEvidence]) {
            conflicts.append(ControlConflict(kind: kind, controllers: controllers, summary: summary, evidence: evidence))
        }
        func iri(_ t: Term) -> String { t.iriValue ?? "\(t)" }
        func iso(_ d: PartialDate?) -> String { d?.iso ?? "an unknown date" }

        for item in items {
            guard let current = open else {
                switch item.kind {
                case .end:
                    // "held until D" with nothing open: a period of unknown start. Several reports of the
                    // same end join the last period when it is the same actor's and ends at the same time.
                    if let last = periods.indices.last, facts.sameSide(periods[last].controller, item.actor),
                       let end = periods[last].end, let d = item.date, TimelineDays.overlap(end, d) {
                        support(last, item)
                        if d.precision > end.precision { periods[last].end = d }
                    } else {
                        let i = newPeriod(item, start: nil, basis: .open)
                        close(i, at: item.date, basis: .reported)
                    }
                case .onset: open = newPeriod(item, start: item.date, basis: .reported)
                case .observation: open = newPeriod(item, start: item.date, basis: .observed)
                }
                continue
            }
            let holder = periods[current].controller
            if facts.sameSide(holder, item.actor) {
                switch item.kind {
                case .end:
                    support(current, item)
                    close(current, at: item.date, basis: .reported)
                    open = nil
                case .onset:
                    let start = periods[current].start
                    if periods[current].startBasis == .reported, let s = start, let d = item.date, !TimelineDays.overlap(s, d),
                       let first = periods[current].evidence.first(where: { $0.date == s }), first.articlePath != item.evidence.articlePath {
                        conflict(.datesDisagree, [holder], "\(iri(holder)) took \(iri(place)) on \(s.iso) by one source, \(d.iso) by another",
                                 [first, item.evidence])
                    } else if let s = start, let d = item.date, TimelineDays.overlap(s, d), d.precision > s.precision {
                        periods[current].start = d  // a more precise report of the same change
                        // The previous holder's period ended when this one began: that end is refined too.
                        if current > 0, periods[current - 1].endBasis == .succeeded, periods[current - 1].end == s,
                           periods[current - 1].start.map({ $0 <= d }) ?? true {
                            periods[current - 1].end = d
                        }
                    }
                    // Observed holding first and the capture reported later: the earlier bound is kept.
                    support(current, item)
                case .observation:
                    support(current, item)
                }
                continue
            }
            // Another actor.
            switch item.kind {
            case .end:
                // The previous holder's withdrawal, reported undated (so dated by its article, "no later
                // than") or at the day the holder took over: it confirms that change, no conflict.
                if current > 0, facts.sameSide(periods[current - 1].controller, item.actor),
                   let previousEnd = periods[current - 1].end, let d = item.date,
                   item.evidence.dateIsPublication ? TimelineDays.last(d) >= TimelineDays.first(previousEnd)
                                                   : TimelineDays.overlap(previousEnd, d) {
                    support(current - 1, item)
                    continue
                }
                // Someone else is said to have held the place until D while the holder has it: both kept.
                let i = newPeriod(item, start: nil, basis: .open)
                close(i, at: item.date, basis: .reported)
                conflict(.simultaneousControllers, [holder, item.actor],
                         "\(iri(item.actor)) held \(iri(place)) until \(iso(item.date)) while \(iri(holder)) held it from \(iso(periods[current].start))",
                         [periods[current].evidence.last!, item.evidence])
            case .onset:
                close(current, at: item.date, basis: .succeeded)
                open = newPeriod(item, start: item.date, basis: .reported)
            case .observation:
                let last = periods[current].evidence.last { $0.date != nil }
                if let l = last?.date, let d = item.date, TimelineDays.overlap(l, d) {
                    conflict(.simultaneousControllers, [holder, item.actor],
                             "\(iri(holder)) and \(iri(item.actor)) both reported holding \(iri(place)) on \(d.iso)",
                             [last!, item.evidence])
                } else if let l = last?.date, let d = item.date, TimelineDays.first(d) - TimelineDays.last(l) < 32 {
                    conflict(.unexplainedChange, [holder, item.actor],
                             "\(iri(holder)) reported holding \(iri(place)) on \(l.iso), \(iri(item.actor)) on \(d.iso), no change of control reported between",
                             [last!, item.evidence])
                }
                close(current, at: item.date, basis: .succeeded)
                open = newPeriod(item, start: item.date, basis: .observed)
            }
        }
        return (periods, conflicts)
    }
}

extension PartialDate {
    /// Sorts after every real date (for undated items).
    static let distantFuture = PartialDate(year: 9999)!
}
