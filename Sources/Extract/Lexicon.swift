import Foundation
import Ontology
import RDF

/// A phrase of the ontology compiled to tokens, with the exact spelling required for acronyms.
struct Phrase: Sendable {
    var keys: [String]
    /// Per token: the exact text required (acronyms are case-sensitive: "AA" is not "aa"), or nil.
    var exact: [String?]
    var text: String

    /// `capitalisedStaysCapitalised`: a phrase whose first word is capitalised matches only a capitalised
    /// first word (a name the article wrote "Fighters" does not match "fighters").
    init(_ text: String, caseSensitive: Bool = false, capitalisedStaysCapitalised: Bool = false) {
        let tokens = Tokenizer.tokenize(text)
        self.text = text
        keys = tokens.map(\.key)
        exact = tokens.map { caseSensitive || $0.isAcronym ? $0.text : nil }
        if capitalisedStaysCapitalised, let first = tokens.first, first.isCapitalised, exact[0] == nil { capitalFirst = true }
    }

    private var capitalFirst = false

    func matches(_ tokens: [Token], at start: Int) -> Bool {
        if capitalFirst, !tokens[start].isCapitalised { return false }
        for (k, e) in exact.enumerated() {
            if let e, tokens[start + k].text != e { return false }
        }
        return true
    }
}

/// A set of phrases with a payload each, looked up longest-first.
struct PhraseSet<Value: Sendable>: Sendable {
    private var trie = TokenTrie()
    private(set) var phrases: [Phrase] = []
    private(set) var values: [Value] = []

    /// Every token key of the set's phrases.
    var keys: Set<String> { trie.keys }

    /// Switches lookups to word ids (`words` must hold every key of the set).
    mutating func compile(_ words: WordIDs) { trie.compile(words) }

    mutating func add(_ phrase: Phrase, _ value: Value) {
        trie.insert(phrase.keys, value: phrases.count)
        phrases.append(phrase)
        values.append(value)
    }

    /// The longest phrase at `start` (respecting exact spellings), as (length, value).
    func longest(_ tokens: [Token], at start: Int, end: Int) -> (length: Int, value: Value, phrase: Phrase)? {
        for m in trie.matches(tokens, from: start, end: end) {
            for id in m.values where phrases[id].matches(tokens, at: start) { return (m.length, values[id], phrases[id]) }
        }
        return nil
    }

    /// The value of a phrase that ends right before `end` and starts at or after `from`, the longest one.
    func lastEnding(at end: Int, from: Int, _ tokens: [Token]) -> Value? {
        for start in from..<end {
            if let m = longest(tokens, at: start, end: end), start + m.length == end { return m.value }
        }
        return nil
    }

    /// Every phrase at `start`, longest first.
    func all(_ tokens: [Token], at start: Int, end: Int) -> [(length: Int, value: Value)] {
        trie.matches(tokens, from: start, end: end).flatMap { m in
            m.values.filter { phrases[$0].matches(tokens, at: start) }.map { (m.length, values[$0]) }
        }
    }
}

/// A relation pattern compiled from a trigger phrase or template of the ontology.
struct Template: Sendable {
    enum Slot: Sendable { case subject, object }
    enum Element: Sendable {
        case literal(String)
        case wildcard
        /// `…`: up to four lower-case words ("launched … offensive on": "launched a fresh ground offensive on")
        case gap
        case slot(Slot, classIRI: String?)
    }
    /// `participle`: an active trigger's present participle, derived by the lexicon ("capturing").
    enum Kind: String, Sendable { case active = "active-trigger", passive = "passive-trigger", onset = "onset-trigger",
                                      participle = "participle-trigger", template = "template", role = "role" }
    var elements: [Element]
    var relation: Int
    var kind: Kind
    var source: String
    /// The role noun a role template was made with ("capital", "spokesman").
    var roleNoun: String?
    /// Index of the first literal element.
    var anchor: Int
    /// Slots at the template's ends are searched for within a window (verb triggers), not required adjacent.
    var searched: Bool { kind == .active || kind == .passive || kind == .onset || kind == .participle }

    var firstKey: String? {
        if case .literal(let k) = elements[anchor] { return k }
        return nil
    }

    /// The literal words of a template piece. A piece that starts with "'s" (after a slot) is tokenised
    /// as the possessive it is in running text, not as a quote mark and an "s".
    static func literals(_ piece: String) -> [Element] {
        var out: [Element] = []
        for t in Tokenizer.tokenize(piece) {
            if t.key == "s", case .literal("'")? = out.last { out[out.count - 1] = .literal("'s"); continue }
            out.append(t.text == "*" ? .wildcard : t.text == "…" ? .gap : .literal(t.key))
        }
        return out
    }

    /// Parses "{s} , the {o} 's capital": slots `{s}`, `{o}`, `{s:Class}`; `*` is any one word, `…` a few
    /// (always followed by a word of the template).
    init?(_ text: String, relation: Int, kind: Kind) {
        var elements: [Element] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if let open = rest.firstIndex(of: "{") {
                elements += Self.literals(String(rest[..<open]))
                guard let close = rest[open...].firstIndex(of: "}") else { return nil }
                let inner = rest[rest.index(after: open)..<close]
                let parts = inner.split(separator: ":", maxSplits: 1)
                let slot: Slot
                switch parts.first.map(String.init) {
                case "s": slot = .subject
                case "o": slot = .object
                default: return nil
                }
                elements.append(.slot(slot, classIRI: parts.count > 1 ? KG.ns + parts[1] : nil))
                rest = rest[rest.index(after: close)...]
            } else {
                elements += Self.literals(String(rest))
                rest = ""
            }
        }
        guard let anchor = elements.firstIndex(where: { if case .literal = $0 { true } else { false } }) else { return nil }
        for (i, e) in elements.enumerated() {
            guard case .gap = e else { continue }
            guard i > anchor, i + 1 < elements.count, case .literal = elements[i + 1] else { return nil }
        }
        var slots = 0
        for e in elements { if case .slot = e { slots += 1 } }
        guard slots == 2 else { return nil }
        self.elements = elements
        self.relation = relation
        self.kind = kind
        self.source = text
        self.anchor = anchor
    }
}

/// Everything extraction needs from the ontology, compiled once: name, head-word, title, quantifier,
/// reference and cue phrase sets, and the relation templates indexed by their first word.
struct Lexicon: Sendable {
    enum Modal: Sendable { case planned, hypothetical, denied, claim }

    var names = PhraseSet<Int>()             // → index into ontology.entities
    var headWords = PhraseSet<String>()      // → class IRI
    /// Actors' one-word head words, lower-cased: the nouns for a body ("parliament", "army", "ministry").
    var bodyNouns: Set<String> = []
    /// Places' one-word lower-case head words and their plurals ("town", "villages"): what describes a place.
    var placeNouns: Set<String> = []
    /// Lower-case words for forces, people, places and references, and the bases of the verbs of events and
    /// speech: what a title-case headline capitalises without naming anything (`Headline`).
    var commonWords: Set<String> = []
    var verbBases: Set<String> = []
    /// The plurals of the lowercase one-word place head words ("towns", "cities", "villages") → class IRI:
    /// "the towns of A and B" names two towns.
    var pluralHeads: [String: String] = [:]
    var groupHeads = PhraseSet<String>()     // people-group head nouns → class IRI
    /// Words that open a name and give it their class (`kg:leadingHeadWord`: "Operation Peace Storm").
    var leadingHeads = PhraseSet<String>()
    /// Phrases that name an unnamed actor when they refer to nothing (`kg:unnamedReference`: "the insurgents").
    var unnamedReferences = PhraseSet<String>()
    /// Lower-case plural head words ("scam centres", "criminal gangs", "civilians") that, with their
    /// modifiers, name an unnamed kind of thing the article talks about → class IRI.
    var kindHeads = PhraseSet<String>()
    /// Relation index → words that, between a verb trigger and the object after it, make the object
    /// something else (`kg:objectNotAfter`: "fled to Armenia" names where they went, not what they fled).
    var objectNotAfter: [Int: Set<String>] = [:]
    /// Nouns naming an unnamed target whose place or owner is the relation's object (`kg:targetNoun` and
    /// every `kg:positionNoun`: "attacked a military base in X", "struck the army's positions"), by relation index.
    var targetNouns: [Int: Set<String>] = [:]
    /// Capitalised adjectives of creed or ideology (`kg:adjective`: "Islamist"), never a name alone.
    var adjectives = PhraseSet<Bool>()
    /// The one-word adjectives as written ("Yazidi"), for their plurals ("Yazidis": a group of people).
    var adjectiveWords: Set<String> = []
    /// The one-word unnamed references ("insurgents", "militants"): after a name they say which side it is.
    var insurgentWords: Set<String> = []
    /// The capitalised one-word head words of military units ("Battalion", "Brigade").
    var unitHeads: Set<String> = []
    /// Honorifics before personal names → the country whose articles use them (`kg:honorific`, "U", "Daw").
    var honorifics = PhraseSet<String>()
    /// "surrendered" with no "to": a deed said of its subject alone whose other party is the subject of the
    /// article's last statement of one of `counterpartFrom`'s relations (`kg:counterpartTrigger`) → relation.
    var counterpart = PhraseSet<Int>()
    var counterpartFrom: [Int: [Int]] = [:]
    /// Relation index → the relation its object has with the place after "from" in the clause
    /// (`kg:sourceRelation`: rescued → rescuedFrom).
    var sourceRelation: [Int: Int] = [:]
    /// "was overrun", "fell": a deed said of its object alone (`kg:agentlessTrigger`) → relation index.
    var agentless = PhraseSet<Int>()
    /// "the fall of", "the capture of": a deed named before its object alone (`kg:agentlessNominal`) → relation index.
    var agentlessNominal = PhraseSet<Int>()
    /// Head words that end in "s" but name one thing ("the headquarters"), so no kind of many.
    static let singularInS: Set<String> = ["headquarters", "barracks", "premises", "news", "series"]
    var titles = PhraseSet<Bool>()
    var quantifiers = PhraseSet<Bool>()
    var references = PhraseSet<String>()     // → class IRI the phrase may refer to
    /// "a town", "a city" (from "the town", "the city"): an indefinite description that, followed by a
    /// clause about it ("a town it was driven out of"), may restate a place the sentence named.
    var indefiniteReferences = PhraseSet<String>()
    var cues = PhraseSet<Modal>()
    /// An event trigger without its object ("surrendered", "gave up" from "{s} gave up to {o}") → relation
    /// index: a later sentence that repeats the deed without its object ("X gave up on Thursday").
    var restatements = PhraseSet<Int>()
    /// Every verb trigger (active, passive, agentless) → relation index: what says a sentence tells of an event.
    var eventVerbs = PhraseSet<Int>()
    var boundaries: Set<String> = []
    var templates: [Template] = []
    /// Every word of the lexicon's phrases and templates, numbered (tokens carry these ids).
    var words = WordIDs()
    /// Per word id: the templates whose first literal is that word, in ontology order.
    var templatesByAnchor: [[Int]] = []
    /// Per template word id: the templates anchored there, grouped by their most selective other
    /// word (-1: none); a group is tried only if its word occurs later in the sentence.
    var templateGroups: [[(word: Int, templates: [Int])]] = []
    /// Template words have the ids below this (they are numbered before phrase words).
    var templateWordCount = 0
    /// Per template: the word ids of its literal words after the first; a template can only match
    /// at a position if each of them occurs at or after it in the sentence.
    var templateRequires: [[Int]] = []
    /// Per relation: what the matcher and the extractor read of it for each match (no copy of the
    /// whole `OntologyRelation` in hot loops).
    var relationFacts: [RelationFacts] = []
    /// Countries of known entities and partial-control cues (see `ExtraVocabulary`).
    var extra: ExtraVocabulary
    /// First words of every role noun ("capital", "spokesman"): "the capital of X" is a role, not a place.
    var roleWords: Set<String> = []
    /// Role nouns of relations whose subject is a person ("commander", "spokesman"), all words lower-case:
    /// a name right after one is a person's ("the eastern commander Khalifa Haftar").
    var personRoleNouns = PhraseSet<Bool>()
    /// The role nouns of two words or more in any case ("General Officer Commanding", "Force Commander"):
    /// capitalised, they name no one.
    var longRoleNouns = PhraseSet<Bool>()
    /// Per relation index: the classes its subject must be under (`kg:subjectClass`, any of them) and
    /// may not be under (`kg:excludedSubjectClass`), beyond its domain.
    var subjectClasses: [[String]] = []
    var excludedSubjectClasses: [[String]] = []

    /// Relations whose arguments type a name of unknown kind when the other argument is typed
    /// (`kg:typesArguments true`: "the Taliban took Islam Qala" makes Islam Qala a place), and relations a
    /// list never states between its own members (`kg:notWithinList true`: "Palma, Mueda and Pemba"), by local name.
    var typingRelations: Set<String> = []
    var listExclusiveRelations: Set<String> = []
    /// Relations whose one-word active triggers also read as passives with "by" (`kg:participlePassive
    /// true`: "attacked" gives "X was being attacked by Y"), by IRI.
    var participlePassive: Set<String> = []
    var objectClasses: [[String]] = []
    var excludedObjectClasses: [[String]] = []

    func objectAllowed(_ cls: String, relation: Int, _ ontology: Ontology) -> Bool {
        if excludedObjectClasses[relation].contains(where: { ontology.isSubclass(cls, of: $0) }) { return false }
        let allowed = objectClasses[relation]
        return allowed.isEmpty || cls == unknownClass || allowed.contains { ontology.isSubclass(cls, of: $0) }
    }

    /// Per slot (0 subject, 1 object), relation index → a name standing for the classes the relation lists for
    /// that slot (`kg:subjectClass`, `kg:objectClass`): what a search for the slot's mention looks for.
    var slotUnion: [[Int: String]] = [[:], [:]]
    /// Such a name → its classes.
    var unionMembers: [String: [String]] = [:]

    func subjectAllowed(_ cls: String, relation: Int, _ ontology: Ontology) -> Bool {
        if excludedSubjectClasses[relation].contains(where: { ontology.isSubclass(cls, of: $0) }) { return false }
        let allowed = subjectClasses[relation]
        return allowed.isEmpty || cls == unknownClass || allowed.contains { ontology.isSubclass(cls, of: $0) }
    }

    /// Role nouns that make a town part of a region (`kg:placeRoleNoun`: "capital", "administrative centre").
    var placeRoleNouns: Set<String> = []
    let peopleGroupClass = KG.ns + "PeopleGroup"
    let personClass = KG.ns + "Person"
    let unknownClass = KG.ns + "Entity"
    let placeClass = KG.ns + "Place"
    let facilityClass = KG.ns + "Facility"
    let armedGroupClass = KG.ns + "ArmedGroup"
    let stateForceClass = KG.ns + "StateForce"
    let governmentClass = KG.ns + "Government"

    /// A country's state force or government: one per country (ministries and others are many).
    func isNationalBody(_ cls: String, _ ontology: Ontology) -> Bool {
        ontology.isSubclass(cls, of: stateForceClass) || ontology.isSubclass(cls, of: governmentClass)
    }
    let actorClass = KG.ns + "Actor"
    let unitClass = KG.ns + "MilitaryUnit"
    let countryClass = KG.ns + "Country"
    /// Real places, to type names nothing else types (see `Gazetteer`).
    let places: Gazetteer
    /// Given names, to type a new name as a person's (see `GivenNames`).
    let givenNames: GivenNames

    /// Whom a name of unknown kind is used for when it reads as a person's: two or more capitalised words
    /// (Arabic articles, glued or not, and particles such as "bin" between them) opening with a given name ("Amina Ali Nkeki", "Abu Musab
    /// al-Barnawi"); nil if it does not.
    func personalName(_ label: String) -> GivenNames.Use? {
        let words = label.split(separator: " ")
        guard words.count >= 2, let use = givenNames.use(of: String(words[0])), let last = words.last?.first, last.isUppercase
        else { return nil }
        for w in words.dropFirst() {
            if let c = w.first, c.isUppercase { continue }
            let particle = String(w.split(separator: "-", maxSplits: 1).first ?? w)
            if MentionFinder.arabicArticles.contains(particle) || MentionFinder.nameParticles.contains(particle) { continue }
            return nil
        }
        return use
    }
    /// Per word id: the closed word lists a token's key belongs to (`WordList` bits), so a mention
    /// test reads one byte instead of hashing the key again.
    private(set) var wordLists: [UInt8] = []

    init(_ ontology: Ontology) {
        extra = ExtraVocabulary(ontology)
        places = ontology.places
        givenNames = ontology.givenNames
        for n in extra.personNouns { addPersonRoleNoun(n) }
        for (i, e) in ontology.entities.enumerated() {
            for name in [e.label] + e.aliases { names.add(Phrase(name, capitalisedStaysCapitalised: true), i) }
        }
        addClassWords(ontology)
        let slots = readVocabulary(ontology)
        // a relation's targets include the nouns for an actor's places ("positions", "outposts")
        for r in targetNouns.keys { targetNouns[r]!.formUnion(extra.positionNouns) }
        addLexiconWords(ontology.lexicon)
        addRelationClasses(ontology, slots)
        for (ri, r) in ontology.relations.enumerated() {
            addRelationWords(r, ri)
            for spec in Self.templateSpecs(r, participlePassive: participlePassive.contains(r.iri), ontology.lexicon) {
                addTemplate(spec.text, spec.kind, roleNoun: spec.roleNoun, relation: ri, isState: r.isState)
            }
        }
        templateWordCount = words.count
        groupTemplates()
        collectHeadlineWords()
        numberPhraseWords()
    }

    /// Head words, reference words and kinds of things of the ontology's classes.
    private mutating func addClassWords(_ ontology: Ontology) {
        for c in ontology.classes {
            for h in c.headWords {
                if c.iri == peopleGroupClass { groupHeads.add(Phrase(h, caseSensitive: true), c.iri) } else {
                    headWords.add(Phrase(h, caseSensitive: true), c.iri)
                }
            }
            for r in c.referenceWords {
                references.add(Phrase(r), c.iri)
                if r.hasPrefix("the "), let first = r.dropFirst(4).first {
                    indefiniteReferences.add(Phrase(("aeiou".contains(first) ? "an " : "a ") + r.dropFirst(4)), c.iri)
                }
            }
            if c.iri == unitClass { for h in c.headWords where !h.contains(" ") && h.first?.isUppercase == true { unitHeads.insert(h) } }
            if ontology.isSubclass(c.iri, of: actorClass) { for h in c.headWords where !h.contains(" ") { bodyNouns.insert(h.lowercased()) } }
            if ontology.isSubclass(c.iri, of: placeClass) {
                for h in c.headWords where !h.contains(" ") && h.first?.isLowercase == true {
                    placeNouns.formUnion([h, h.hasSuffix("y") ? h.dropLast() + "ies" : h + "s"])
                }
            }
            if c.iri != peopleGroupClass {
                for h in c.headWords where !h.contains(" ") && h.first?.isLowercase == true && !h.hasSuffix("s") {
                    let plural = h.hasSuffix("y") && !"aeiou".contains(h.dropLast().last ?? "a") ? h.dropLast() + "ies" : h + "s"
                    if pluralHeads[plural] == nil { pluralHeads[plural] = c.iri }
                }
            }
            for h in c.headWords where h.first?.isLowercase == true && h.hasSuffix("s") && !Self.singularInS.contains(h) {
                kindHeads.add(Phrase(h, caseSensitive: true), c.iri)
            }
        }
    }

    /// The classes a relation lists for its slots (`kg:subjectClass`, `kg:excludedSubjectClass`, …), by relation IRI.
    private struct SlotClassLists {
        var subject: [String: [String]] = [:], excludedSubject: [String: [String]] = [:]
        var object: [String: [String]] = [:], excludedObject: [String: [String]] = [:]
    }

    /// Extraction vocabulary on classes and relations that the Ontology model does not carry, in one pass
    /// over the ontology's statements; the slot classes are returned for `addRelationClasses`.
    private mutating func readVocabulary(_ ontology: Ontology) -> SlotClassLists {
        var slots = SlotClassLists()
        for q in ontology.quads {
            guard let p = q.predicate.iriValue, p.hasPrefix(KG.ns), let s = q.subject.iriValue else { continue }
            let word = q.object.literalValue?.lexical, cls = q.object.iriValue
            switch p.dropFirst(KG.ns.count) {
            case "leadingHeadWord": if let word { leadingHeads.add(Phrase(word, caseSensitive: true), s) }
            case "objectNotAfter": if let word, let r = ontology.relations.firstIndex(where: { $0.iri == s }) { objectNotAfter[r, default: []].insert(word) }
            case "targetNoun": if let word, let r = ontology.relations.firstIndex(where: { $0.iri == s }) { targetNouns[r, default: []].insert(Tokenizer.key(word)) }
            case "adjective":
                if let word {
                    adjectives.add(Phrase(word, caseSensitive: true), true)
                    if !word.contains(" ") { adjectiveWords.insert(word) }
                }
            case "honorific": if let word { honorifics.add(Phrase(word, caseSensitive: true), s) }
            case "counterpartTrigger": if let word, let r = ontology.relations.firstIndex(where: { $0.iri == s }) { counterpart.add(Phrase(word), r) }
            case "counterpartFrom":
                if let cls, let r = ontology.relations.firstIndex(where: { $0.iri == s }),
                   let from = ontology.relations.firstIndex(where: { $0.iri == cls }) { counterpartFrom[r, default: []].append(from) }
            case "sourceRelation":
                if let cls, let r = ontology.relations.firstIndex(where: { $0.iri == s }),
                   let to = ontology.relations.firstIndex(where: { $0.iri == cls }) { sourceRelation[r] = to }
            case "agentlessTrigger": if let word, let r = ontology.relations.firstIndex(where: { $0.iri == s }) { agentless.add(Phrase(word), r) }
            case "agentlessNominal": if let word, let r = ontology.relations.firstIndex(where: { $0.iri == s }) { agentlessNominal.add(Phrase(word), r) }
            case "unnamedReference":
                if let word {
                    unnamedReferences.add(Phrase(word), s)
                    if !word.contains(" ") { insurgentWords.insert(word) }
                }
            case "placeRoleNoun": if let word { placeRoleNouns.insert(word) }
            case "subjectClass": if let cls { slots.subject[s, default: []].append(cls) }
            case "excludedSubjectClass": if let cls { slots.excludedSubject[s, default: []].append(cls) }
            case "objectClass": if let cls { slots.object[s, default: []].append(cls) }
            case "excludedObjectClass": if let cls { slots.excludedObject[s, default: []].append(cls) }
            case "typesArguments" where word == "true": if let r = ontology.relations.first(where: { $0.iri == s }) { typingRelations.insert(r.localName) }
            case "notWithinList" where word == "true": if let r = ontology.relations.first(where: { $0.iri == s }) { listExclusiveRelations.insert(r.localName) }
            case "participlePassive" where word == "true": participlePassive.insert(s)
            default: break
            }
        }
        return slots
    }

    /// Titles, quantifiers, modality cues and clause boundaries of the ontology's lexicon.
    private mutating func addLexiconWords(_ lex: OntologyLexicon) {
        for t in lex.titleWords { titles.add(Phrase(t, caseSensitive: true), true) }
        for q in lex.groupQuantifiers { quantifiers.add(Phrase(q), true) }
        for c in lex.plannedCues { cues.add(Phrase(c), .planned) }
        for c in lex.hypotheticalCues { cues.add(Phrase(c), .hypothetical) }
        for c in lex.deniedCues { cues.add(Phrase(c), .denied) }
        for c in lex.claimCues { cues.add(Phrase(c), .claim) }
        boundaries = Set(lex.clauseBoundaries.map(Tokenizer.key))
    }

    /// What the matcher reads of each relation, and the classes its slots allow.
    private mutating func addRelationClasses(_ ontology: Ontology, _ slots: SlotClassLists) {
        relationFacts = ontology.relations.map { RelationFacts(localName: $0.localName, domain: $0.domain, range: $0.range, isState: $0.isState, actsForOwner: $0.actsForOwner, wholePlace: $0.wholePlace,
                                                               presupposed: $0.descriptive && !$0.isState) }
        objectClasses = ontology.relations.map { slots.object[$0.iri] ?? [] }
        excludedObjectClasses = ontology.relations.map { slots.excludedObject[$0.iri] ?? [] }
        subjectClasses = ontology.relations.map { slots.subject[$0.iri] ?? [] }
        excludedSubjectClasses = ontology.relations.map { slots.excludedSubject[$0.iri] ?? [] }
        for (ri, r) in ontology.relations.enumerated() {
            for (slot, classes) in [(0, subjectClasses[ri]), (1, objectClasses[ri])] where classes.count > 1 {
                let name = "union:" + r.localName + (slot == 0 ? ":subject" : ":object")
                slotUnion[slot][ri] = name
                unionMembers[name] = classes
            }
        }
    }

    /// A lower-case role noun or office of a person ("spokesman"); one of several words also in any case
    /// ("General Officer Commanding").
    private mutating func addPersonRoleNoun(_ n: String) {
        personRoleNouns.add(Phrase(n, caseSensitive: true), true)
        if n.contains(" ") { longRoleNouns.add(Phrase(n), true) }
    }

    /// A relation's role words, person role nouns and event verbs.
    private mutating func addRelationWords(_ r: OntologyRelation, _ ri: Int) {
        for n in r.roleNouns { if let first = Phrase(n).keys.first { roleWords.insert(first) } }
        if r.domain == personClass {
            for n in r.roleNouns where n == n.lowercased() { addPersonRoleNoun(n) }
        }
        for v in r.activeTriggers + r.passiveTriggers where !v.contains("…") && !v.contains("*") { eventVerbs.add(Phrase(v), ri) }
    }

    /// The present participle of a regular past form or past participle: "captured" → "capturing",
    /// "freed" → "freeing", "occupied" → "occupying", "taken" → "taking", "overrun" → "overrunning";
    /// nil for a word that is none of these or too short to tell ("fled", "led", "seen").
    static func presentParticiple(of word: String) -> String? {
        guard word.count >= 5, word == word.lowercased(), word.allSatisfy(\.isLetter) else { return nil }
        if word.hasSuffix("eed") { return String(word.dropLast()) + "ing" }
        if word.hasSuffix("ied") { return String(word.dropLast(3)) + "ying" }
        if word.hasSuffix("ed") || word.hasSuffix("en") { return String(word.dropLast(2)) + "ing" }
        if word.hasSuffix("un") { return word + "ning" }
        return nil
    }

    /// The template texts of a relation, with their kind and role noun: its active, passive (and participle
    /// passive) and onset triggers, its own templates, and the lexicon's role and event templates filled in.
    private static func templateSpecs(_ r: OntologyRelation, participlePassive: Bool, _ lex: OntologyLexicon)
        -> [(text: String, kind: Template.Kind, roleNoun: String?)] {
        var specs: [(text: String, kind: Template.Kind, roleNoun: String?)] = []
        specs += r.activeTriggers.map { ("{s} \($0) {o}", .active, nil) }
        // "…, capturing the town", "accused the group of attacking the camp": the present participle of
        // each trigger whose first word is a regular past form (the subject is searched for to the left).
        let given = Set(r.activeTriggers)
        for t in r.activeTriggers {
            var words = t.split(separator: " ").map(String.init)
            guard let first = words.first, let ing = presentParticiple(of: first) else { continue }
            words[0] = ing
            let derived = words.joined(separator: " ")
            if !given.contains(derived) { specs.append(("{s} \(derived) {o}", .participle, nil)) }
        }
        specs += r.passiveTriggers.map { ("{o} \($0) {s}", .passive, nil) }
        // "X are still being attacked by Y": each one-word participle of the active triggers, with "by"
        // (the matcher lets any auxiliary stand before it)
        if participlePassive {
            for t in r.activeTriggers where !t.contains(" ") && (t.hasSuffix("ed") || t.hasSuffix("en") || t.hasSuffix("un"))
                && !r.passiveTriggers.contains(t + " by") {
                specs.append(("{o} \(t) by {s}", .passive, nil))
            }
        }
        specs += r.onsetTriggers.map { ("{s} \($0) {o}", .onset, nil) }
        for t in r.templates {
            if t.contains("{role}") {
                for n in r.roleNouns { specs.append((t.replacingAll("{role}", with: n), .role, n)) }
            } else { specs.append((t, .template, nil)) }
        }
        if !r.roleNouns.isEmpty {
            for t in lex.roleTemplates {
                for n in r.roleNouns { specs.append((t.replacingAll("{role}", with: n), .role, n)) }
            }
        }
        for t in lex.eventTemplates {
            for n in r.eventNouns {
                let filled = t.replacingAll("{event}", with: n)
                let texts = filled.contains("{light}") ? lex.lightVerbs.map { filled.replacingAll("{light}", with: $0) } : [filled]
                for text in texts { specs.append((text, .template, nil)) }
            }
        }
        return specs
    }

    /// Compiles one template text of relation `ri` and indexes it by its anchor word and the other words it needs.
    private mutating func addTemplate(_ text: String, _ kind: Template.Kind, roleNoun noun: String?, relation ri: Int, isState: Bool) {
        guard var t = Template(text, relation: ri, kind: kind), let k = t.firstKey else { return }
        t.roleNoun = noun
        if !isState, kind == .active || kind == .template, let words = Self.restatement(t) {
            restatements.add(Phrase(words.joined(separator: " ")), ri)
        }
        templatesByAnchor[templateKeyID(k)].append(templates.count)
        var required: [Int] = []
        for e in t.elements[(t.anchor + 1)...] {
            if case .literal(let key) = e {
                let id = templateKeyID(key)
                if !required.contains(id) { required.append(id) }
            }
        }
        templateRequires.append(required)
        templates.append(t)
    }

    /// The word of each template that fewest templates need stands for it in its anchor's groups.
    private mutating func groupTemplates() {
        var uses = [Int](repeating: 0, count: templateWordCount)
        for r in templateRequires { for w in r { uses[w] += 1 } }
        templateGroups = Array(repeating: [], count: templateWordCount)
        for (anchor, list) in templatesByAnchor.enumerated() {
            for ti in list {
                let word = templateRequires[ti].min { uses[$0] < uses[$1] } ?? -1
                if let g = templateGroups[anchor].firstIndex(where: { $0.word == word }) {
                    templateGroups[anchor][g].templates.append(ti)
                } else {
                    templateGroups[anchor].append((word, [ti]))
                }
            }
        }
    }

    /// The words a title-case headline capitalises that name nothing (`Headline`): the bases of the verbs of
    /// events and speech, and the ontology's lower-case words for forces, people, places and references.
    private mutating func collectHeadlineWords() {
        for w in eventVerbs.keys.union(extra.speechVerbs.keys) where w.count >= 3 {
            verbBases.insert(w)
            if w.hasSuffix("ed") { verbBases.insert(String(w.dropLast(2))); verbBases.insert(String(w.dropLast())) }
        }
        commonWords = extra.agentNouns.union(extra.memberNouns).union(extra.positionNouns).union(extra.allyNouns).union(placeNouns)
            .union(extra.genericNames.keys).union(unnamedReferences.keys).union(references.keys).union(extra.nationalHeads.keys)
            .subtracting(MentionFinder.stopWords)
    }

    /// Numbers every phrase word and closed-list word after the template words, then switches the phrase
    /// sets to word ids.
    private mutating func numberPhraseWords() {
        var phraseKeys = names.keys.union(headWords.keys).union(groupHeads.keys).union(titles.keys).union(kindHeads.keys)
            .union(leadingHeads.keys).union(unnamedReferences.keys).union(agentless.keys).union(agentlessNominal.keys).union(eventVerbs.keys).union(honorifics.keys).union(adjectives.keys).union(counterpart.keys)
        phraseKeys.formUnion(quantifiers.keys.union(references.keys).union(cues.keys).union(extra.partialCues.keys))
        phraseKeys.formUnion(restatements.keys.union(indefiniteReferences.keys))
        phraseKeys.formUnion(extra.demonyms.keys.union(extra.nationalHeads.keys).union(extra.genericNames.keys))
        phraseKeys.formUnion(extra.nationalTitles.keys.union(extra.precedingCues.keys).union(personRoleNouns.keys).union(longRoleNouns.keys))
        for k in phraseKeys.sorted() { _ = words.intern(k) }
        let lists: [(Set<String>, WordList)] = [(MentionFinder.stopWords, .stop), (MentionFinder.numberWords, .number),
                                                (MentionFinder.kindStops, .kindStop)]
        for (list, _) in lists { for k in list.sorted() { _ = words.intern(k) } }
        wordLists = Array(repeating: 0, count: words.count)
        for (list, bit) in lists { for k in list { wordLists[Int(words.id(k))] |= bit.rawValue } }
        templatesByAnchor += Array(repeating: [], count: words.count - templatesByAnchor.count)
        names.compile(words); headWords.compile(words); groupHeads.compile(words); titles.compile(words); kindHeads.compile(words)
        personRoleNouns.compile(words); longRoleNouns.compile(words)
        leadingHeads.compile(words); unnamedReferences.compile(words); agentless.compile(words); agentlessNominal.compile(words); eventVerbs.compile(words); honorifics.compile(words); adjectives.compile(words); counterpart.compile(words)
        quantifiers.compile(words); references.compile(words); cues.compile(words); extra.partialCues.compile(words)
        restatements.compile(words); indefiniteReferences.compile(words)
        extra.demonyms.compile(words); extra.nationalHeads.compile(words); extra.genericNames.compile(words)
        extra.nationalTitles.compile(words); extra.precedingCues.compile(words)
    }

    /// Prepositions that end an event trigger before its object ("surrendered to", "defected to").
    static let objectPrepositions: Set<String> = ["to", "from", "against", "on", "with"]

    /// The words of "{s} W… P {o}" without the final preposition P, when the template has that shape
    /// (subject first, literal words only, object last); nil otherwise.
    static func restatement(_ t: Template) -> [String]? {
        guard t.elements.count >= 4, case .slot(.subject, _) = t.elements.first, case .slot(.object, _) = t.elements.last,
              case .literal(let prep) = t.elements[t.elements.count - 2], objectPrepositions.contains(prep) else { return nil }
        var words: [String] = []
        for e in t.elements[1..<(t.elements.count - 2)] {
            guard case .literal(let w) = e else { return nil }
            words.append(w)
        }
        return words.isEmpty ? nil : words
    }
}

/// The closed word lists of `MentionFinder`, as bits of `Lexicon.wordLists`.
struct WordList: OptionSet, Sendable {
    let rawValue: UInt8
    static let stop = WordList(rawValue: 1), number = WordList(rawValue: 2), kindStop = WordList(rawValue: 4)
}

extension Lexicon {
    /// Whether `token`'s key is in `list` (MentionFinder.stopWords, numberWords or kindStops).
    @inline(__always) func token(_ token: Token, isIn list: WordList) -> Bool {
        let id = words.id(token)
        return id >= 0 && Int(id) < wordLists.count && wordLists[Int(id)] & list.rawValue != 0
    }

    /// The id of a template word, numbering it if new.
    private mutating func templateKeyID(_ key: String) -> Int {
        let id = Int(words.intern(key))
        if id == templatesByAnchor.count { templatesByAnchor.append([]) }
        return id
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

/// What the matcher and the extractor read of a relation for each match.
struct RelationFacts: Sendable {
    var localName: String
    var domain: String?
    var range: String?
    /// Holds over time (`kg:stateRelation`).
    var isState: Bool
    /// "A's Brigade 5 overran X" is A's deed too (`kg:actsForOwner`).
    var actsForOwner: Bool
    /// Said of a place as a whole (`kg:wholePlace`): "most of X" is not a fact of it.
    var wholePlace: Bool
    /// A lasting description (`kg:descriptive`, not a state that changes hands): said inside a noun
    /// phrase ("the airport outside X", "Y, the army's chief") it holds whatever the clause around the
    /// phrase plans or supposes.
    var presupposed: Bool
}
