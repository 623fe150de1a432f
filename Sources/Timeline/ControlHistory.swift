import Ontology
import RDF
import Store

/// Derives control periods, events and conflicts per place from every article's facts.
///
/// How periods are made (per place, from fact statements only — plans and denials never count):
/// 1. Every relevant statement becomes a *control item*, dated by its date, start or end, else by its
///    article's publication date (flagged `dateIsPublication`):
/// (The relation names below are the core ontology's; what each relation means comes from its
/// `kg:controlRole`, `kg:garrisonRank` and `kg:affiliates`, see `TimelineVocabulary`.)
///    - `captured` — an **onset**: the subject holds the place from that date;
///    - `controls` with a start — an onset; with an end — an **end** (held until then); with a plain
///      date (or no time) — an **observation** (held at that date);
///    - `surrenderedTo` — an onset for the object actor at the unit's place, found through the unit's
///      `heldIn`/`locatedIn`/`partOf` facts, else the places named in the statement's sentence;
///    - withdrawal relations (`kg:LeavesPlace`, e.g. the core ontology's `withdrewFrom`)
///      — an end for the subject. A withdrawal by the previous holder that is undated (dated by its
///      article: no later than) or dated at the change supports that change instead of conflicting; a
///      withdrawal by an actor with no period, reported within a month after the holder's takeover, is
///      the loss of that takeover (a period for the actor, ended by the takeover).
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
    public static func build(from store: TripleStore, vocabulary: TimelineVocabulary) throws -> [PlaceTimeline] {
        try build(facts: try TimelineFacts(store: store, vocabulary: vocabulary), including: { _ in true })
    }

    /// The timeline of one place (empty periods and events when the store knows nothing about it).
    public static func timeline(of place: Term, in store: TripleStore, vocabulary: TimelineVocabulary) throws -> PlaceTimeline {
        try build(facts: try TimelineFacts(store: store, vocabulary: vocabulary), including: { $0 == place }).first
            ?? PlaceTimeline(place: place, periods: [], events: [], conflicts: [])
    }

    /// Most fact statements whose places are built in one pass by `build(from:inGroups:)`.
    public static let statementsPerPass = 75_000

    /// Every place's timeline, handed to `body` a group of places at a time (each group sorted by place
    /// IRI): the places are split into one group per `statementsPerPass` fact statements, and each group
    /// is built from its own pass over the statements, so memory follows the group, not the store.
    public static func build(from store: TripleStore, vocabulary: TimelineVocabulary,
                             statementsPerPass perPass: Int = statementsPerPass,
                             inGroups body: ([PlaceTimeline]) throws -> Void) throws {
        let facts = try TimelineFacts(store: store, vocabulary: vocabulary)
        let groups = max(1, (facts.statementCount + max(perPass, 1) - 1) / max(perPass, 1))
        if groups == 1 { return try body(build(facts: facts, including: { _ in true })) }
        // Places numbered in IRI order and dealt round-robin: the same groups in every run.
        var group: [Term: Int] = [:], members = [Set<Term>](repeating: [], count: groups)
        for (i, place) in facts.places.sorted().enumerated() {
            group[place] = i % groups
            members[i % groups].insert(place)
        }
        // The places of the surrenders, found once (from the unit's place links or its sentence), and the
        // surrenders each group needs: each pass reads only its group's statements, not every statement
        // (or every surrender) once per group.
        var found: [Int64: (places: [Term], via: String)] = [:]
        var surrenders = [Set<Int64>](repeating: [], count: groups)
        for st in facts.surrenders {
            guard let p = facts.places(of: st.unit, sentence: st.sentence, contested: facts.contested) else { continue }
            found[st.id] = p
            for place in p.places { if let g = group[place] { surrenders[g].insert(st.id) } }
        }
        for g in 0..<groups {
            let pass = Pass(places: members[g], surrenders: surrenders[g], surrenderPlaces: found)
            try body(build(facts: facts, including: pass.places.contains, pass: pass))
        }
    }

    enum ItemKind: Int { case end = 0, onset = 1, observation = 2 }

    /// How many statements of one report (a control item or an event) are kept whole. Every article
    /// is still listed; the memory of a timeline grows with what is known, not with how often the
    /// news repeats it.
    public static let evidencePerReport = 8
    /// How many statements a control period keeps whole (its first reports and its latest); its
    /// `articles` still lists every article.
    public static let evidencePerPeriod = 64

    /// The statements behind one report, bounded: a few whole records (from different articles where
    /// possible, an asserted one if any), every article once, whether any is asserted, the best confidence.
    struct Support {
        var evidence: [TimelineEvidence] = []
        var articles: [String] = []
        var asserted = false
        var confidence = 0.0

        init(_ e: TimelineEvidence) { add(e) }

        mutating func add(_ e: TimelineEvidence) {
            // Statements arrive in article order: an article repeats only right after itself.
            if articles.last != e.articlePath { articles.append(e.articlePath) }
            confidence = max(confidence, e.confidence)
            let isAsserted = e.modality == .asserted
            defer { asserted = asserted || isAsserted }
            guard !evidence.contains(where: { $0.statementID == e.statementID }) else { return }
            if evidence.count < ControlHistory.evidencePerReport {
                // At most two from one article, so that other articles' sentences are kept too.
                if evidence.lazy.filter({ $0.articlePath == e.articlePath }).count < 2 { evidence.append(e) }
            } else if isAsserted && !asserted {
                evidence[evidence.count - 1] = e
            }
        }
    }

    /// A control item: one actor's onset, end or observation at one place and date, with every
    /// statement that reports it.
    struct Item {
        var actor: Term
        var kind: ItemKind
        var date: PartialDate?
        var dateIsPublication: Bool
        var firstID: Int64
        var support: Support
        /// The first statement of the report.
        var first: TimelineEvidence { support.evidence[0] }
    }

    struct ItemKey: Hashable {
        var actor: Term
        var kind: ItemKind
        var date: PartialDate?
        var dateIsPublication: Bool
    }

    struct EventKey: Hashable {
        var relation: String
        var actor: Term
        var counterpart: Term?
        var date: PartialDate?
        var dateIsPublication: Bool
    }

    /// Control items and events per place, merged as the statements stream by.
    struct Collector {
        var items: [Term: [Item]] = [:]
        var itemIndex: [Term: [ItemKey: Int]] = [:]
        var events: [Term: [(event: PlaceEvent, support: Support)]] = [:]
        var eventIndex: [Term: [EventKey: Int]] = [:]

        /// The places this pass builds.
        let including: (Term) -> Bool
        /// Relations whose events change or threaten control.
        let controlEvents: Set<String>

        mutating func item(_ place: Term, _ actor: Term, _ kind: ItemKind, _ ev: TimelineEvidence) {
            guard including(place) else { return }
            let key = ItemKey(actor: actor, kind: kind, date: ev.date, dateIsPublication: ev.dateIsPublication)
            if let i = itemIndex[place]?[key] {
                items[place]![i].support.add(ev)
            } else {
                itemIndex[place, default: [:]][key] = items[place, default: []].count
                items[place, default: []].append(Item(actor: actor, kind: kind, date: ev.date, dateIsPublication: ev.dateIsPublication,
                                                      firstID: ev.statementID, support: Support(ev)))
            }
        }

        mutating func event(_ place: Term, _ rel: String, actor: Term, counterpart: Term?, _ ev: TimelineEvidence, via: String?) {
            guard including(place) else { return }
            let key = EventKey(relation: rel, actor: actor, counterpart: counterpart, date: ev.date, dateIsPublication: ev.dateIsPublication)
            if let i = eventIndex[place]?[key] {
                events[place]![i].support.add(ev)
            } else {
                eventIndex[place, default: [:]][key] = events[place, default: []].count
                let e = PlaceEvent(place: place, relation: rel, actor: actor, counterpart: counterpart, date: ev.date,
                                   dateIsPublication: ev.dateIsPublication,
                                   changesControl: controlEvents.contains(rel),
                                   placeVia: via, evidence: [], articles: [], claimedOnly: true)
                events[place, default: []].append((e, Support(ev)))
            }
        }

        /// The events of a place, each with its statements, in date order (undated last).
        func placeEvents(_ place: Term) -> [PlaceEvent] {
            (events[place] ?? []).map { e, support in
                var e = e
                e.evidence = support.evidence
                e.articles = support.articles
                e.claimedOnly = !support.asserted
                return e
            }.sorted { a, b in
                if a.date != b.date { return (a.date ?? .distantFuture) < (b.date ?? .distantFuture) }
                return a.evidence[0].statementID < b.evidence[0].statementID
            }
        }
    }

    /// One group's pass over the store: its places, the surrenders whose places are among them, and the
    /// places found for every surrender.
    struct Pass {
        let places: Set<Term>
        let surrenders: Set<Int64>
        let surrenderPlaces: [Int64: (places: [Term], via: String)]
    }

    /// The timelines of the places `including` accepts, from every fact statement, or from `pass`'s only.
    static func build(facts: TimelineFacts, including: @escaping (Term) -> Bool, pass: Pass? = nil) throws -> [PlaceTimeline] {
        let V = facts.vocabulary
        var collected = Collector(including: including, controlEvents: V.controlEvents)

        let contested = facts.contested

        try facts.forEachStatement(in: pass) { st in
            let r = st.record, rel = TimelineVocabulary.localName(r.triple.predicate)
            let (s, o) = (r.triple.subject, r.triple.object)
            // Only statements about places (and surrenders, whose place is found below) matter here.
            guard V.surrenders.contains(rel) || (facts.places.contains(o) && including(o)) else { return }
            let ev = TimelineFacts.evidence(st)
            if V.holds.contains(rel) {
                if r.start != nil || r.end != nil {
                    if let start = r.start {
                        var e = ev; e.date = start; e.dateIsPublication = false
                        collected.item(o, s, .onset, e)
                    }
                    if let end = r.end {
                        var e = ev; e.date = end; e.dateIsPublication = false
                        collected.item(o, s, .end, e)
                    }
                } else {
                    collected.item(o, s, .observation, ev)
                }
            } else if V.surrenders.contains(rel) {
                let found = pass.map { $0.surrenderPlaces[st.id] } ?? facts.places(of: s, sentence: r.sentence, contested: contested)
                guard let (places, via) = found else { return }
                for place in places {
                    collected.item(place, o, .onset, ev)
                    collected.event(place, rel, actor: s, counterpart: o, ev, via: via)
                }
            } else if facts.places.contains(o), !V.descriptive.contains(rel) {
                collected.event(o, rel, actor: s, counterpart: nil, ev, via: nil)
                if V.takes.contains(rel) { collected.item(o, s, .onset, ev) }
                if V.leaves.contains(rel) { collected.item(o, s, .end, ev) }
            }
        }

        let allPlaces = Set(collected.items.keys).union(collected.events.keys).sorted()
        return allPlaces.map { place in
            var (periods, conflicts) = periodsFor(place: place, items: collected.items[place] ?? [], facts: facts)
            conflicts.sort { ($0.evidence.first?.date ?? .distantFuture) < ($1.evidence.first?.date ?? .distantFuture) }
            periods = periods.map { p in var p = p; p.evidence.sort(by: evidenceOrder); return p }
            return PlaceTimeline(place: place, periods: periods, events: collected.placeEvents(place), conflicts: conflicts)
        }
    }

    static func evidenceOrder(_ a: TimelineEvidence, _ b: TimelineEvidence) -> Bool {
        if a.date != b.date { return (a.date ?? .distantFuture) < (b.date ?? .distantFuture) }
        return a.statementID < b.statementID
    }

    static func periodsFor(place: Term, items unsorted: [Item], facts: TimelineFacts) -> ([ControlPeriod], [ControlConflict]) {
        let items = unsorted.sorted { a, b in
            if a.date != b.date { return (a.date ?? .distantFuture) < (b.date ?? .distantFuture) }
            if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
            return a.firstID < b.firstID
        }
        var walk = PeriodWalk(place: place, facts: facts)
        for item in items { walk.take(item) }
        return (walk.periods, walk.conflicts)
    }
}

/// One place's control items taken in order (step 3 of `ControlHistory`): the periods made so far, the
/// conflicts found, and the period still running.
struct PeriodWalk {
    typealias Item = ControlHistory.Item
    let place: Term
    let facts: TimelineFacts
    private(set) var periods: [ControlPeriod] = []
    private(set) var conflicts: [ControlConflict] = []
    private var periodArticles: [Set<String>] = []
    private var periodStatements: [Set<Int64>] = []
    /// Index of the period still running.
    private var open: Int?

    init(place: Term, facts: TimelineFacts) {
        self.place = place
        self.facts = facts
    }

    mutating func take(_ item: Item) {
        guard let current = open else { return takeWithNothingOpen(item) }
        if facts.sameSide(periods[current].controller, item.actor) {
            takeFromHolder(item, current)
        } else {
            takeFromAnother(item, current)
        }
    }

    private mutating func takeWithNothingOpen(_ item: Item) {
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
    }

    /// An item of the holder of the running period `current` (or of its side).
    private mutating func takeFromHolder(_ item: Item, _ current: Int) {
        let holder = periods[current].controller
        switch item.kind {
        case .end:
            support(current, item)
            close(current, at: item.date, basis: .reported)
            open = nil
        case .onset:
            let start = periods[current].start
            if periods[current].startBasis == .reported, let s = start, let d = item.date, !TimelineDays.overlap(s, d),
               let first = periods[current].evidence.first(where: { $0.date == s }),
               let other = item.support.evidence.first(where: { $0.articlePath != first.articlePath }) {
                conflict(.datesDisagree, [holder], "\(iri(holder)) took \(iri(place)) on \(s.iso) by one source, \(d.iso) by another",
                         [first, other])
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
    }

    /// An item of another actor than the holder of the running period `current`.
    private mutating func takeFromAnother(_ item: Item, _ current: Int) {
        let holder = periods[current].controller
        switch item.kind {
        case .end:
            takeEndFromAnother(item, current)
        case .onset:
            close(current, at: item.date, basis: .succeeded)
            open = newPeriod(item, start: item.date, basis: .reported)
        case .observation:
            let last = periods[current].evidence.last { $0.date != nil }
            if let l = last?.date, let d = item.date, TimelineDays.overlap(l, d) {
                conflict(.simultaneousControllers, [holder, item.actor],
                         "\(iri(holder)) and \(iri(item.actor)) both reported holding \(iri(place)) on \(d.iso)",
                         [last!, item.first])
            } else if let l = last?.date, let d = item.date, TimelineDays.first(d) - TimelineDays.last(l) < 32 {
                conflict(.unexplainedChange, [holder, item.actor],
                         "\(iri(holder)) reported holding \(iri(place)) on \(l.iso), \(iri(item.actor)) on \(d.iso), no change of control reported between",
                         [last!, item.first])
            }
            close(current, at: item.date, basis: .succeeded)
            open = newPeriod(item, start: item.date, basis: .observed)
        }
    }

    /// Another actor's end while `current` runs: it confirms the change to the holder, or is the loss of
    /// the holder's takeover, or else a period of its own beside the holder's (a conflict).
    private mutating func takeEndFromAnother(_ item: Item, _ current: Int) {
        // The previous holder's withdrawal, reported undated (so dated by its article, "no later
        // than") or at the day the holder took over: it confirms that change, no conflict.
        if current > 0, facts.sameSide(periods[current - 1].controller, item.actor),
           let previousEnd = periods[current - 1].end, let d = item.date,
           item.dateIsPublication ? TimelineDays.last(d) >= TimelineDays.first(previousEnd)
                                           : TimelineDays.overlap(previousEnd, d) {
            support(current - 1, item)
            return
        }
        // "X fell to the MNDAA on Sunday … the junta admitted on Wednesday that it had lost control": a
        // withdrawal by an actor of no earlier period, reported within a month of the holder's
        // reported takeover, is the loss of that takeover — the actor held the place until it.
        if periods[current].startBasis == .reported, periods[current].controller != item.actor,
           !periods[..<current].contains(where: { $0.controller == item.actor }),
           let s = periods[current].start, let d = item.date,
           TimelineDays.first(d) >= TimelineDays.first(s), TimelineDays.first(d) - TimelineDays.last(s) < 32 {
            let i = newPeriod(item, start: nil, basis: .open)
            close(i, at: s, basis: .succeeded)
            // (kept in time order: before the holder's period)
            periods.insert(periods.removeLast(), at: current)
            periodArticles.insert(periodArticles.removeLast(), at: current)
            periodStatements.insert(periodStatements.removeLast(), at: current)
            open = current + 1
            return
        }
        // Someone else is said to have held the place until D while the holder has it: both kept.
        let holder = periods[current].controller
        let i = newPeriod(item, start: nil, basis: .open)
        close(i, at: item.date, basis: .reported)
        conflict(.simultaneousControllers, [holder, item.actor],
                 "\(iri(item.actor)) held \(iri(place)) until \(iso(item.date)) while \(iri(holder)) held it from \(iso(periods[current].start))",
                 [periods[current].evidence.last!, item.first])
    }

    private mutating func newPeriod(_ item: Item, start: PartialDate?, basis: BoundBasis) -> Int {
        periods.append(ControlPeriod(place: place, controller: item.actor, start: start, startBasis: start == nil ? .open : basis,
                                     end: nil, endBasis: .open, confirmed: false, alsoReportedAs: [], evidence: [],
                                     articles: [], confidence: 0))
        periodArticles.append([])
        periodStatements.append([])
        support(periods.count - 1, item)
        return periods.count - 1
    }

    private mutating func support(_ i: Int, _ item: Item) {
        // The first `evidencePerPeriod` statements, and the latest report's in the last place (its
        // date is the period's latest report).
        for e in item.support.evidence where periodStatements[i].insert(e.statementID).inserted {
            if periods[i].evidence.count < ControlHistory.evidencePerPeriod {
                periods[i].evidence.append(e)
            } else {
                periods[i].evidence[periods[i].evidence.count - 1] = e
            }
        }
        for a in item.support.articles where periodArticles[i].insert(a).inserted { periods[i].articles.append(a) }
        if item.support.asserted { periods[i].confirmed = true }
        periods[i].confidence = max(periods[i].confidence, item.support.confidence)
        if item.actor != periods[i].controller, !periods[i].alsoReportedAs.contains(item.actor) {
            periods[i].alsoReportedAs.append(item.actor)
        }
    }

    private mutating func close(_ i: Int, at date: PartialDate?, basis: BoundBasis) {
        periods[i].end = date
        periods[i].endBasis = date == nil ? .open : basis
    }

    private mutating func conflict(_ kind: ControlConflict.Kind, _ controllers: [Term], _ summary: String, _ evidence: [TimelineEvidence]) {
        conflicts.append(ControlConflict(kind: kind, controllers: controllers, summary: summary, evidence: evidence))
    }

    private func iri(_ t: Term) -> String { t.iriValue ?? "\(t)" }
    private func iso(_ d: PartialDate?) -> String { d?.iso ?? "an unknown date" }
}

extension PartialDate {
    /// Sorts after every real date (for undated items).
    static let distantFuture = PartialDate(year: 9999)!
}
