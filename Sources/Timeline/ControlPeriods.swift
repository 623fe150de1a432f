import RDF
import Store

// Who held a place, when, and how kg knows it.
//
// The types here are the result of `ControlHistory.build(from:)`: for each place a sequence of
// control periods (controller, start, end, each a `PartialDate` at the precision the sources gave,
// either possibly open), the dated events at the place, and the contradictions found between
// sources. Everything points back at the statements and articles it came from.
//
// The module is domain-agnostic: it knows the ontology's relation vocabulary (`controls`,
// `captured`, `surrenderedTo`, …, see `TimelineVocabulary`) but no actor or place.

/// One statement that a period, an event or a conflict rests on, with its provenance.
public struct TimelineEvidence: Sendable, Hashable {
    /// The statement's row id in the store (`statement.id`).
    public var statementID: Int64
    /// The relation's local name (`captured`, `controls`, …).
    public var relation: String
    /// Subject and object of the statement, as stored.
    public var subject: Term
    public var object: Term
    /// When the statement says it happened or held: its `date`, else `start`, else `end`.
    /// Nil only when neither the statement nor its article has a date.
    public var date: PartialDate?
    /// True when the statement had no time at all and `date` is the article's publication date
    /// (the fact was true, or had happened, by then).
    public var dateIsPublication: Bool
    /// The statement's own interval, when it had one.
    public var start: PartialDate?
    public var end: PartialDate?
    /// `asserted` (the article states it) or `claimed` (attributed to someone).
    public var modality: Modality
    public var confidence: Double
    /// Who made the claim, when the statement is attributed.
    public var attribution: String?
    /// The sentence the statement was read from.
    public var sentence: String
    /// The article: path, title, publication date (ISO at its precision, or as written).
    public var articlePath: String
    public var articleTitle: String?
    public var published: String?

    /// "title (published)" or the path: how a source is named to a reader.
    public var sourceName: String {
        (articleTitle ?? articlePath) + (published.map { " (\($0))" } ?? "")
    }
}

/// How a period's start or end is known.
public enum BoundBasis: String, Sendable, Hashable {
    /// A change of control was reported at this date (captured, took control, surrendered, withdrew,
    /// or a `controls` statement with a start or end).
    case reported
    /// Only an observation of control at this date is known: the true bound lies before (for a
    /// start) or after it (for an end).
    case observed
    /// The next controller's period begins here.
    case succeeded
    /// Nothing is known: the period is open on this side.
    case open
}

/// One stretch of time during which one actor held a place.
public struct ControlPeriod: Sendable, Hashable {
    public var place: Term
    public var controller: Term
    /// First day of control, at its precision; nil when open (held "until" some date, since unknown).
    public var start: PartialDate?
    public var startBasis: BoundBasis
    /// When control ended, at its precision; nil while open (still held as far as kg knows).
    public var end: PartialDate?
    public var endBasis: BoundBasis
    /// True when at least one asserted statement supports the period; false when every statement
    /// behind it is a claim (`modality claimed`).
    public var confirmed: Bool
    /// Other actors reported holding the place during the period that are part or members of the
    /// controller, or the reverse (`partOf`/`memberOf` facts), e.g. an alliance of the controller.
    public var alsoReportedAs: [Term]
    /// Statements behind the period, in date order: for each distinct report (actor, kind, date)
    /// at most `ControlHistory.evidencePerReport` of them, from different articles where possible, and
    /// at most `ControlHistory.evidencePerPeriod` in all (the first reports and the latest). A year of
    /// news repeats the same report thousands of times; `articles` lists every article.
    public var evidence: [TimelineEvidence]
    /// Every article behind the period, in the order they were first seen.
    public var articles: [String]
    /// The highest confidence among the period's statements.
    public var confidence: Double
}

/// Something dated that happened at a place: a capture, a siege, a surrender, an attack, …
public struct PlaceEvent: Sendable, Hashable {
    public var place: Term
    /// The relation's local name (`captured`, `surrounds`, `surrenderedTo`, `attacked`, …).
    public var relation: String
    /// The statement's subject (who captured, who surrendered).
    public var actor: Term
    /// The statement's object when it is not the place itself (to whom a unit surrendered).
    public var counterpart: Term?
    public var date: PartialDate?
    public var dateIsPublication: Bool
    /// True for the events that change or threaten control: captured, surrendered, surrounded, withdrew.
    public var changesControl: Bool
    /// How the place was tied to the statement when it is not the object (surrenders): `heldIn`,
    /// `locatedIn`, `partOf` or `sentence`.
    public var placeVia: String?
    /// Statements reporting the event: at most `ControlHistory.evidencePerReport`, from different
    /// articles where possible; `articles` lists every article.
    public var evidence: [TimelineEvidence]
    /// Every article reporting the event, in the order they were first seen.
    public var articles: [String]
    /// True when every statement behind the event is a claim.
    public var claimedOnly: Bool
}

/// Two sources that cannot both be right, kept side by side.
public struct ControlConflict: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Two controllers (not part of one another) reported holding the place at the same time.
        case simultaneousControllers
        /// Sources give different dates for the same change of control.
        case datesDisagree
        /// A different controller was reported without any reported change of control between,
        /// within a month of the previous one: either a change nobody reported or a contradiction.
        case unexplainedChange
    }
    public var kind: Kind
    /// The controllers involved (one for `datesDisagree`).
    public var controllers: [Term]
    /// A sentence describing the disagreement with dates (actors as IRIs; callers relabel).
    public var summary: String
    public var evidence: [TimelineEvidence]
}

/// Everything kg knows about control of one place over time.
public struct PlaceTimeline: Sendable, Hashable {
    public var place: Term
    /// Control periods in time order (open starts first).
    public var periods: [ControlPeriod]
    /// Dated events at the place in time order (undated last).
    public var events: [PlaceEvent]
    public var conflicts: [ControlConflict]

    public init(place: Term, periods: [ControlPeriod] = [], events: [PlaceEvent] = [], conflicts: [ControlConflict] = []) {
        self.place = place
        self.periods = periods
        self.events = events
        self.conflicts = conflicts
    }

    /// True when the place changed hands at least once (two periods, or one reported start).
    public var hasControlChange: Bool {
        periods.count > 1 || periods.contains { $0.startBasis == .reported || $0.endBasis == .reported }
    }
}
