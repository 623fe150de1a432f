import Ontology
import RDF
import Store

/// What the timeline reads relations as, by local name (any namespace), taken from the ontology's data
/// (`kg:controlRole`, `kg:garrisonRank`, `kg:affiliates`, `kg:descriptive`, `kg:markerLabel` in core.ttl);
/// nothing here names a relation, an actor or a place.
public struct TimelineVocabulary: Sendable {
    /// State relations: the subject holds the object place (date = observation, start/end = interval).
    public var holds: Set<String> = []
    /// A change of control: the subject took the place.
    public var takes: Set<String> = []
    /// The subject gave up the place (its period ends).
    public var leaves: Set<String> = []
    /// The subject threatens the place (an event, no change).
    public var threatens: Set<String> = []
    /// A unit gave itself up to the object actor; the unit's place passes to that actor.
    public var surrenders: Set<String> = []
    /// Facts tying a unit to the place it garrisons, in the order they are tried for surrenders.
    public var garrisonLinks: [String] = []
    /// Facts making two controllers one side (a unit part of a force, a member of an alliance).
    public var affiliations: Set<String> = []
    /// Relations that describe how things are, not something that happened: never timeline events.
    public var descriptive: Set<String> = []
    /// The word on a control map's event marker, by relation.
    public var markerLabels: [String: String] = [:]
    /// The IRI of the state relation the default graph's current-control triples use.
    public var holdsIRI: String?

    /// A vocabulary in which no relation means anything to the timeline.
    public init() {}

    public init(ontology: Ontology) {
        for r in ontology.relations {
            switch r.controlRole {
            case .holdsPlace?:
                holds.insert(r.localName)
                if holdsIRI == nil { holdsIRI = r.iri }
            case .takesPlace?: takes.insert(r.localName)
            case .leavesPlace?: leaves.insert(r.localName)
            case .threatensPlace?: threatens.insert(r.localName)
            case .unitSurrender?: surrenders.insert(r.localName)
            case nil: break
            }
            if r.affiliates { affiliations.insert(r.localName) }
            if r.descriptive { descriptive.insert(r.localName) }
            if let label = r.markerLabel { markerLabels[r.localName] = label }
        }
        garrisonLinks = ontology.relations.compactMap { r in r.garrisonRank.map { (rank: $0, name: r.localName) } }
            .sorted { ($0.rank, $0.name) < ($1.rank, $1.name) }.map(\.name)
    }

    /// Events that change or threaten control (drawn as markers on the control map).
    public var controlEvents: Set<String> { takes.union(leaves).union(surrenders).union(threatens) }
    /// Relations whose object is a place by their part in control (used when the store has no types).
    public var placeRange: Set<String> { holds.union(takes).union(threatens).union(leaves) }

    /// The local name of an IRI: the part after the last `#` or `/`.
    public static func localName(_ term: Term) -> String {
        guard let iri = term.iriValue else { return "" }
        if let i = iri.lastIndex(where: { $0 == "#" || $0 == "/" }), iri.index(after: i) < iri.endIndex {
            return String(iri[iri.index(after: i)...])
        }
        return iri
    }
}

/// Day arithmetic on partial dates: a date covers every day from `first` to `last`.
public enum TimelineDays {
    /// Days since 0001-01-01 of the earliest day `date` may denote.
    public static func first(_ date: PartialDate) -> Int {
        ordinal(date.year, date.month ?? 1, date.day ?? 1)
    }

    /// Days since 0001-01-01 of the latest day `date` may denote.
    public static func last(_ date: PartialDate) -> Int {
        let m = date.month ?? 12
        return ordinal(date.year, m, date.day ?? PartialDate.daysIn(month: m, year: date.year))
    }

    /// The calendar day of an ordinal made by `first`/`last`.
    public static func date(ordinal: Int) -> PartialDate {
        var y = max(1, ordinal / 366)
        while ordinal >= self.ordinal(y + 1, 1, 1) { y += 1 }
        while ordinal < self.ordinal(y, 1, 1) { y -= 1 }
        var m = 1
        while m < 12, ordinal >= self.ordinal(y, m + 1, 1) { m += 1 }
        return PartialDate(year: y, month: m, day: ordinal - self.ordinal(y, m, 1) + 1)!
    }

    /// True when the two dates can denote the same day (equal at the coarser precision).
    public static func overlap(_ a: PartialDate, _ b: PartialDate) -> Bool {
        let p = min(a.precision, b.precision)
        return a.truncated(to: p) == b.truncated(to: p)
    }

    static func ordinal(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y1 = y - 1
        var days = y1 * 365 + y1 / 4 - y1 / 100 + y1 / 400
        for month in 1..<m { days += PartialDate.daysIn(month: month, year: y) }
        return days + d - 1
    }
}

/// What the timeline needs from the store, read once: fact statements, which terms are places,
/// the names of places (for finding a place in a sentence) and who is part or member of whom.
struct TimelineFacts {
    /// The store the fact statements are streamed from (they are never all held at once: a year of
    /// news repeats the same places in hundreds of thousands of statements).
    let store: TripleStore
    /// What the relations mean.
    let vocabulary: TimelineVocabulary
    var places: Set<Term> = []
    /// Places with control facts of their own (objects of place relations): used to choose among
    /// several places named in one sentence.
    var contested: Set<Term> = []
    var placeNames: [(name: String, place: Term)] = []
    /// Place names as lower-case word sequences ("lauk kai"), for matching against a sentence's words.
    var placesByWords: [String: [Term]] = [:]
    var longestPlaceName = 1
    /// For each subject, the place objects of its place-link facts (heldIn, locatedIn, partOf), by relation.
    var placeLinks: [Term: [String: [Term]]] = [:]
    /// Unordered pairs of affiliated actors (partOf/memberOf in either direction).
    var affiliated: Set<[Term]> = []
    /// How many fact statements the store has.
    var statementCount = 0

    /// The surrender statements (their places are found from the unit or the sentence, once).
    var surrenders: [(id: Int64, unit: Term, sentence: String)] = []

    /// Calls `body` with every fact statement, in article then sentence order; with a group's `pass`, only
    /// those whose object is one of its places and its surrenders.
    func forEachStatement(in pass: ControlHistory.Pass? = nil, _ body: (StoredStatement) throws -> Void) throws {
        if let pass {
            try store.statements(objects: pass.places, orIDs: pass.surrenders) { try body($0); return true }
        } else {
            try store.statements(factsOnly: true) { try body($0); return true }
        }
    }

    init(store: TripleStore, vocabulary: TimelineVocabulary) throws {
        self.store = store
        self.vocabulary = vocabulary
        try readTypedPlaces()
        let links = try readFactStatements()
        try readPlaceNames()
        for t in links where places.contains(t.object) {  // order is irrelevant: `places(of:)` sorts
            placeLinks[t.subject, default: [:]][TimelineVocabulary.localName(t.predicate), default: []].append(t.object)
        }
        for name in vocabulary.affiliations {
            try store.quads(predicate: .iri(KG.ns + name), graph: .some(nil)) { q in
                affiliated.insert(Self.pair(q.subject, q.object))
                return true
            }
        }
    }

    /// The entities of a place class: kg:Place and its subclasses per the stored ontology
    /// (rdfs:subClassOf), falling back to the class's local name when the store holds no ontology.
    private mutating func readTypedPlaces() throws {
        var parents: [String: [String]] = [:]
        try store.quads(predicate: .iri(RDFS.subClassOf), graph: .some(nil)) { q in
            if let c = q.subject.iriValue, let p = q.object.iriValue { parents[c, default: []].append(p) }
            return true
        }
        func isPlaceClass(_ c: String, depth: Int = 0) -> Bool {
            if c == KG.ns + "Place" || (parents[c] == nil && c.hasSuffix("#Place")) { return true }
            guard depth < 12 else { return false }
            return parents[c, default: []].contains { isPlaceClass($0, depth: depth + 1) }
        }
        var placeClass: [String: Bool] = [:]
        try store.quads(predicate: .iri(RDFNS.type), graph: .some(nil)) { q in
            guard let c = q.object.iriValue else { return true }
            if placeClass[c] == nil { placeClass[c] = isPlaceClass(c) }
            if placeClass[c]! { places.insert(q.subject) }
            return true
        }
    }

    /// One pass over the statements for what the timeline needs to know before walking them: objects of
    /// place relations are places; affiliations; the surrenders. Returns the place-link facts.
    private mutating func readFactStatements() throws -> Set<Triple> {
        var links: Set<Triple> = []
        let placeRange = vocabulary.placeRange
        try store.statements(factsOnly: true) { st in
            statementCount += 1
            let t = st.record.triple
            let name = TimelineVocabulary.localName(t.predicate)
            if placeRange.contains(name) { places.insert(t.object); contested.insert(t.object) }
            if vocabulary.garrisonLinks.contains(name) { links.insert(t) }
            if vocabulary.affiliations.contains(name) { affiliated.insert(Self.pair(t.subject, t.object)) }
            if vocabulary.surrenders.contains(name) { surrenders.append((st.id, t.subject, st.record.sentence)) }
            return true
        }
        return links
    }

    /// The places' names (of three characters or more), longest first, and as word sequences.
    private mutating func readPlaceNames() throws {
        for p in [RDFS.label, SKOS.prefLabel, SKOS.altLabel] {
            try store.quads(predicate: .iri(p), graph: .some(nil)) { q in
                if places.contains(q.subject), let name = q.object.literalValue?.lexical, name.count >= 3 {
                    placeNames.append((name, q.subject))
                }
                return true
            }
        }
        placeNames.sort { $0.name.count != $1.name.count ? $0.name.count > $1.name.count : $0.name < $1.name }
        for (name, place) in placeNames {
            let words = Self.words(name)
            guard !words.isEmpty else { continue }
            longestPlaceName = max(longestPlaceName, words.count)
            placesByWords[words.joined(separator: " "), default: []].append(place)
        }
    }

    static func pair(_ a: Term, _ b: Term) -> [Term] { a < b ? [a, b] : [b, a] }

    /// Same actor, or one is part or member of the other.
    func sameSide(_ a: Term, _ b: Term) -> Bool { a == b || affiliated.contains(Self.pair(a, b)) }

    /// The places a unit that surrendered was in: its `heldIn`/`locatedIn`/`partOf` facts with a place
    /// object (first relation that has one), else the places named in the statement's sentence (when
    /// exactly one is named, or else those among `contested` — places with other control facts).
    func places(of unit: Term, sentence: String, contested: Set<Term>) -> (places: [Term], via: String)? {
        for link in vocabulary.garrisonLinks {
            if let found = placeLinks[unit]?[link], !found.isEmpty { return (Array(Set(found)).sorted(), link) }
        }
        // Every run of up to `longestPlaceName` words of the sentence, looked up among the place names:
        // linear in the sentence, whatever the number of places.
        let words = Self.words(sentence)
        var named: [Term] = []
        for start in words.indices {
            var phrase = ""
            for end in start..<min(words.count, start + longestPlaceName) {
                phrase += (end == start ? "" : " ") + words[end]
                for place in placesByWords[phrase] ?? [] where place != unit && !named.contains(place) {
                    named.append(place)
                }
            }
        }
        if named.count == 1 { return (named, "sentence") }
        let inPlay = named.filter { contested.contains($0) }
        return inPlay.isEmpty ? nil : (inPlay.sorted(), "sentence")
    }

    /// Lower-case words of `text`: runs of letters and digits (so "Lauk-Kai" and "lauk kai" agree).
    static func words(_ text: String) -> [String] {
        // ASCII text (most news English) by bytes: the Unicode property look-ups of the general path
        // were a third of a control-period refresh's time.
        var ascii = true
        for byte in text.utf8 where byte >= 0x80 { ascii = false; break }
        guard ascii else { return text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init) }
        var words: [String] = []
        var word: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default:
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true) }
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// The evidence record for a statement, dated by its date, start or end, else its article's date.
    static func evidence(_ st: StoredStatement) -> TimelineEvidence {
        let r = st.record
        var date = r.date ?? r.start ?? r.end
        var fromPublication = false
        if date == nil, let p = st.article.published.flatMap(PartialDate.init(iso:)) {
            date = p
            fromPublication = true
        }
        return TimelineEvidence(
            statementID: st.id, relation: TimelineVocabulary.localName(r.triple.predicate),
            subject: r.triple.subject, object: r.triple.object, date: date, dateIsPublication: fromPublication,
            start: r.start, end: r.end, modality: r.modality, confidence: r.confidence, attribution: r.attribution,
            sentence: r.sentence, articlePath: st.article.path, articleTitle: st.article.title,
            published: st.article.published)
    }
}
