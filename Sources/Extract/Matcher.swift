import Ontology
import RDF

/// One sentence ready for pattern matching: its tokens, mentions, coordinated groups and time tokens.
struct SentenceView {
    let tokens: [Token]
    let range: Range<Int>
    let mentions: [Mention]
    let timeTokens: TokenSet
    let boundaries: Set<String>
    /// The class IRI of each mention's entity.
    let classes: [String]
    /// The mention starting (ending) at each token of the sentence.
    private(set) var startAt: PositionMap
    private(set) var endAt: PositionMap
    /// For each mention, the mentions of its coordination ("Kunlong, Hsenwi and Kutkai").
    private(set) var groupOf: [Range<Int>] = []

    init(tokens: [Token], range: Range<Int>, mentions: [Mention], classes: [String], timeTokens: TokenSet, boundaries: Set<String>,
         places: [Bool]? = nil, allyNouns: Set<String> = [], connectors: Set<String> = SentenceView.allyConnectors,
         descriptors: Set<String> = [], verbAt: (Int) -> Bool = { _ in false }) {
        self.startAt = PositionMap(range)
        self.endAt = PositionMap(range)
        self.classes = classes
        self.tokens = tokens
        self.range = range
        self.mentions = mentions
        self.timeTokens = timeTokens
        self.boundaries = boundaries
        for (i, m) in mentions.enumerated() {
            startAt[m.range.lowerBound] = i
            endAt[m.range.upperBound - 1] = i
        }
        groupOf = Self.coordinations(tokens, range, mentions, classes, timeTokens, places, allyNouns, connectors, descriptors, verbAt)
    }

    /// For each mention, the mentions of the list it is a conjunct of (itself alone if none).
    private static func coordinations(_ tokens: [Token], _ range: Range<Int>, _ mentions: [Mention], _ classes: [String], _ timeTokens: TokenSet,
                                      _ places: [Bool]?, _ allyNouns: Set<String>, _ connectors: Set<String>,
                                      _ descriptors: Set<String>, _ verbAt: (Int) -> Bool) -> [Range<Int>] {
        var groupOf = mentions.indices.map { $0..<($0 + 1) }
        var chainStart = 0, hasAnd = false
        func close(_ upTo: Int) {
            if hasAnd && upTo - chainStart > 1 { for k in chainStart..<upTo { groupOf[k] = chainStart..<upTo } }
        }
        // "and its close ally, Y": the possessive pronoun is part of the connector, not a conjunct.
        func connector(_ k: Int) -> Bool {
            let r = mentions[k].range
            return mentions[k].kind == .reference && r.count == 1 && ["its", "their"].contains(tokens[r.lowerBound].key)
                && r.upperBound < range.upperBound && connectors.contains(tokens[r.upperBound].key)
        }
        var previous = 0
        for k in mentions.indices.dropFirst() {
            if connector(k) { continue }
            defer { previous = k }
            var separators = Self.separators(mentions[previous].range.upperBound..<mentions[k].range.lowerBound, tokens, timeTokens,
                                             descriptors: descriptors)
            // "made up of the MNLA and of the HCUA", "took control of A and of B": the list's preposition again
            let article = separators.last == "the" ? 1 : 0
            if separators.count >= 2 + article, ["of", "in", "from"].contains(separators[separators.count - 1 - article]) {
                var b = mentions[chainStart].range.lowerBound - 1
                while b > range.lowerBound, ["the", "a", "an"].contains(tokens[b].key) { b -= 1 }
                if b >= range.lowerBound, tokens[b].key == separators[separators.count - 1 - article] {
                    separators.removeLast(1 + article)
                }
            }
            // "the FDS of Mozambique and the RDF": after "of"/"in", a place and an actor are no list (a name
            // of unknown kind may be either: "the town of Memra and nearby Vesh").
            let before = mentions[previous].range.lowerBound - 1
            let unknown = classes[previous] == KG.ns + "Entity" || classes[k] == KG.ns + "Entity"
            // "… the MNDAA and the TNLA, and it is the armed wing of …": a subject pronoun opens a clause, no conjunct
            let pronoun = mentions[k].kind == .reference && mentions[k].range.count == 1
                && ["it", "they", "he", "she"].contains(tokens[mentions[k].range.lowerBound].key)
            let mixed = places.map { $0[previous] != $0[k] && !unknown } ?? false
                && before >= range.lowerBound && ["of", "in"].contains(tokens[before].key)
            // "stormed the prison, and more than 4,000 inmates escaped": ", and" before a name with a verb of
            // its own after it opens a clause
            var after = mentions[k].range.upperBound
            while after < range.upperBound, after - mentions[k].range.upperBound < 2,
                  Matcher.perfectAux.contains(tokens[after].key) || Matcher.passiveAux.contains(tokens[after].key)
                    || Matcher.adverbs.contains(tokens[after].key) { after += 1 }
            let clause = k - chainStart == 1 && separators == [",", "and"] && after < range.upperBound && verbAt(after)
            if !mixed, !pronoun, !clause, Self.joinsList(separators, allyNouns: allyNouns, connectors: connectors) {
                let conjunction = separators.contains("and") || separators.contains("or") || separators.contains("including")
                // "the districts of Zorvat and Qelvar, Libya": the list ended at its last conjunct
                if conjunction || !hasAnd || separators.contains(where: { connectors.contains($0) }) {
                    if conjunction { hasAnd = true }
                    continue
                }
            }
            close(previous + 1)
            chainStart = k
            hasAnd = false
        }
        close(previous + 1)
        return groupOf
    }

    /// The keys of the words between two mentions, without dates, "as well as" read as "and" and "and
    /// then" as "and".
    private static func separators(_ gap: Range<Int>, _ tokens: [Token], _ timeTokens: TokenSet,
                                   descriptors: Set<String>) -> [String] {
        // "Fuzuli on Oct. 17, Zangilan three days later, and Gubadli on Oct. 25": dates between conjuncts
        // belong to each conjunct, not to the list.
        var separators = gap.filter { !timeTokens.contains($0) }.map { tokens[$0].key }
        // "A as well as B", "A, and then B": the same list
        if let w = separators.firstIndex(of: "well"), w > 0, w + 1 < separators.count, separators[w - 1] == "as",
           separators[w + 1] == "as" { separators.replaceSubrange((w - 1)...(w + 1), with: ["and"]) }
        if let a = separators.firstIndex(of: "and"), a + 1 < separators.count, ["then", "also"].contains(separators[a + 1]) {
            separators.remove(at: a + 1)
        }
        separators = Self.withoutDescriptors(separators, descriptors)
        // "Moqokori and nearby Yasooman", "Kani, neighbouring Nyaung Pin Wun": an adjective of nearness
        // before the next conjunct is part of it, not a word between conjuncts
        if separators.count >= 2, let last = separators.last, nearnessAdjectives.contains(last),
           [",", "and", "or"].contains(separators[separators.count - 2]) {
            separators.removeLast()
        }
        return separators
    }

    /// "A, including B", "A, such as B", "A, among them B", "A along with B": B is a conjunct too; "A and the
    /// nearby village of B", "A, along with neighbouring towns such as B": the words that describe the next
    /// conjunct (nouns for places, `descriptors`, then "of", or plural before "including") belong to it.
    static func withoutDescriptors(_ words: [String], _ descriptors: Set<String>) -> [String] {
        var separators: [String] = []
        var i = 0
        while i < words.count {
            let pair = i + 1 < words.count ? words[i] + " " + words[i + 1] : ""
            if pair == "such as" || pair == "among them" { separators.append("including"); i += 2; continue }
            if pair == "along with" { separators.append("and"); i += 2; continue }
            separators.append(words[i])
            i += 1
        }
        guard !descriptors.isEmpty else { return separators }
        let joiners: Set<String> = [",", "and", "or", "including"]
        let end = separators.last == "including" ? separators.count - 1 : separators.count
        guard let join = separators[..<end].lastIndex(where: joiners.contains), end - join >= 2 else { return separators }
        let tail = separators[(join + 1)..<end]
        let noun = end == separators.count ? (tail.last == "of" && tail.count >= 2 ? tail[tail.index(before: tail.endIndex) - 1] : nil)
            : tail.last
        guard let noun, descriptors.contains(noun), tail.allSatisfy({ $0.first?.isLetter == true }) else { return separators }
        separators.removeSubrange((join + 1)..<end)
        return separators
    }

    /// Whether the words between two mentions make them conjuncts of one list: commas, "and", "or",
    /// "the", and the words of "and its close ally, …" and "and its partners in …".
    private static func joinsList(_ separators: [String], allyNouns: Set<String>, connectors: Set<String>) -> Bool {
        // "X and its close ally, Y": an ally named in apposition is a conjunct too.
        let allyWords = separators.filter { connectors.contains($0) }
        // "X and its partners in the Y alliance": Y is a conjunct too.
        let closer = separators.filter { $0 != "the" }.last
        let allyOK = allyWords.isEmpty || (separators.first == "and" && (closer == "," || closer == "in")
            && allyWords.contains(where: allyNouns.contains))
        let inOK = !allyWords.isEmpty && closer == "in"
        return allyOK && separators.allSatisfy({ [",", "and", "or", "the", "including"].contains($0) || connectors.contains($0) || (inOK && $0 == "in") })
            && !separators.isEmpty && separators.contains(where: { $0 == "," || $0 == "and" || $0 == "or" || $0 == "including" })
    }

    func isBoundary(_ k: Int) -> Bool { boundaries.contains(tokens[k].key) }

    /// Adjectives of nearness that may open a conjunct of a list of places ("A and nearby B").
    static let nearnessAdjectives: Set<String> = ["nearby", "neighbouring", "neighboring", "adjacent", "surrounding"]

    /// Words allowed between two conjuncts only in "and its (close) ally, …", beside the ontology's
    /// `kg:allyNoun`s.
    static let allyConnectors: Set<String> = ["its", "their", "close", "main", "key"]
}

/// A template matched in a sentence.
struct TemplateMatch {
    var template: Template
    var subjects: [Int]   // mention indices
    var objects: [Int]
    var trigger: Range<Int>
    var span: Range<Int>
    var distance: Int
}

/// Matches the ontology's relation templates against a sentence (see core.ttl for the scheme).
/// A class: its methods' closures capture one reference, not a copy of the ontology and lexicon.
final class Matcher {
    let ontology: Ontology
    let lexicon: Lexicon
    /// Try every template at every token (no index): the reference the index must agree with.
    let exhaustive: Bool

    init(ontology: Ontology, lexicon: Lexicon, exhaustive: Bool = false) {
        self.ontology = ontology
        self.lexicon = lexicon
        self.exhaustive = exhaustive
    }

    static let adverbs: Set<String> = ["also", "already", "now", "still", "just", "then", "reportedly", "allegedly",
                                       "finally", "later", "all", "both", "jointly", "fully", "completely", "again",
                                       "effectively", "eventually", "successfully", "recently", "swiftly", "quickly"]
    static let determiners: Set<String> = ["the", "a", "an"]
    static let possessives: Set<String> = ["its", "their", "his", "her"]
    /// Slot classes a name of unknown kind may fill when the relation's other argument is typed.
    static let promotable: Set<String> = [KG.ns + "Actor", KG.ns + "Entity"]
    /// Emphatic reflexives after a noun phrase ("the town itself fell"): skipped like adverbs.
    static let intensifiers: Set<String> = ["itself", "themselves", "himself", "herself"]
    /// Adjectives of degree between a holder and its holding ("our full control").
    static let degreeWords: Set<String> = ["full", "complete", "total", "effective"]
    /// Quotation marks, which a quoted phrase leaves between a template's words ("was \"under our control\"").
    static let quotes: Set<String> = ["\"", "\u{201C}", "\u{201D}"]
    /// Words of quantity before "of" that do not make the noun after it a prepositional object.
    static let quantityWords: Set<String> = ["whole", "all", "rest", "most", "much", "part", "parts", "hundreds", "dozens",
                                             "thousands", "scores", "some", "many", "several"]
    static let prepositions: Set<String> = ["in", "of", "near", "at", "from", "on", "into", "to", "outside", "inside",
                                            "around", "across", "towards", "toward", "between", "within", "with", "against",
                                            "along", "through", "beyond", "behind", "beside", "via", "throughout", "amid", "among"]
    static let passiveAux: Set<String> = ["was", "were", "been", "being", "is", "are", "be"]
    static let perfectAux: Set<String> = ["had", "has", "have"]
    /// Words that open a noun phrase that can be a clause's subject ("the troops had …").
    static let subjectDeterminers: Set<String> = ["the", "this", "these", "those"]
    /// Words that join clauses: a template's gap does not pass them.
    static let clauseJoints: Set<String> = ["and", "or", "but", "that", "which", "who", "whom", "whose", "when", "where",
                                            "while", "because", "after", "before", "since", "until", "as", "if", "so"]
    static let modalWords: Set<String> = ["will", "would", "could", "can", "may", "might", "should", "must", "did",
                                          "do", "does", "not", "never"]
    static let copulas: Set<String> = ["is", "are", "was", "were", "remain", "remains", "remained", "been", "be", "being"]
    static let stopSearch: Set<String> = [",", "in", "at", "on", "near", "from", "with", "into", "for", "after", "before",
                                          "during", "since", "until", "as", "that", "across", "throughout", "which", "who", "because", "while",
                                          "by", "and", "but", "when", "where", "towards", "toward", "(", ")", ".", "\"", "\u{201C}", "\u{201D}"]

    func matches(_ s: SentenceView) -> [TemplateMatch] {
        var out: [TemplateMatch] = []
        if exhaustive {
            for p in s.range {
                for t in lexicon.templates { if let m = match(t, at: p, in: s) { out.append(m) } }
            }
            return out
        }
        // Each token's template-word id (-1: in no template), and the last position of each word.
        let lo = s.range.lowerBound
        var ids = [Int](repeating: -1, count: s.range.count)
        var last = [Int](repeating: -1, count: lexicon.templateWordCount)
        for p in s.range {
            let id = Int(lexicon.words.id(s.tokens[p]))
            if id >= 0 && id < lexicon.templateWordCount {
                ids[p - lo] = id
                last[id] = p
            }
        }
        var picked: [Int] = []
        for p in s.range {
            let id = ids[p - lo]
            guard id >= 0 else { continue }
            // A literal matches at or after the anchor only: skip templates with a word the rest lacks.
            picked.removeAll(keepingCapacity: true)
            for g in lexicon.templateGroups[id] where g.word < 0 || last[g.word] >= p {
                candidates: for ti in g.templates {
                    for r in lexicon.templateRequires[ti] where last[r] < p { continue candidates }
                    picked.append(ti)
                }
            }
            // Templates are tried in ontology order, as the anchor's list has them.
            if picked.count > 1 { picked.sort() }
            for ti in picked {
                if let m = match(lexicon.templates[ti], at: p, in: s) { out.append(m) }
            }
        }
        return out
    }

    func compatible(_ mention: Int, _ s: SentenceView, _ required: String?, strictClass: Bool) -> Bool {
        // "soldiers and their family members surrendered": a possessive after "and" names whose the noun
        // after it is, not another party of the clause (unless the noun is its people: "and their troops")
        let r = s.mentions[mention].range
        if r.count == 1, Self.possessives.contains(s.tokens[r.lowerBound].key), r.upperBound < s.range.upperBound,
           r.lowerBound > s.range.lowerBound, ["and", "or"].contains(s.tokens[r.lowerBound - 1].key),
           s.tokens[r.upperBound].kind == .word, !s.tokens[r.upperBound].isCapitalised,
           !lexicon.extra.memberNouns.contains(s.tokens[r.upperBound].key), !lexicon.extra.agentNouns.contains(s.tokens[r.upperBound].key) {
            return false
        }
        guard let required else { return true }
        // "struck 17 ISIL positions": an actor's name before a noun for its places is a place, not the actor
        if r.upperBound < s.range.upperBound, s.tokens[r.upperBound].kind == .word, !s.tokens[r.upperBound].isCapitalised,
           lexicon.extra.positionNouns.contains(s.tokens[r.upperBound].key), ontology.isSubclass(required, of: lexicon.actorClass),
           !ontology.isSubclass(s.classes[mention], of: lexicon.unitClass) {  // "the IB 236 bases" are the unit's
            return false
        }
        if let members = lexicon.unionMembers[required] {
            return members.contains { compatible(mention, s, $0, strictClass: strictClass) }
        }
        let cls = s.classes[mention]
        // A name of unknown kind may fill a person slot (role patterns then type it as a person), and
        // the place or actor slot of a relation whose other argument is typed (`Extractor.promote`).
        if cls == lexicon.unknownClass {
            return !strictClass && (required == lexicon.personClass || Self.promotable.contains(required)
                                    || ontology.isSubclass(required, of: lexicon.placeClass))
        }
        return ontology.isSubclass(cls, of: required)
    }

    /// A word a template's `…` may pass over: lower-case, a number or a time phrase ("were trapped for days
    /// at"); not a name, a punctuation mark or a word that joins clauses.
    private func isGapWord(_ k: Int, _ s: SentenceView) -> Bool {
        let t = s.tokens[k]
        if s.timeTokens.contains(k) { return true }
        if s.isBoundary(k) || Self.clauseJoints.contains(t.key) { return false }
        if let m = s.startAt[k] { return s.mentions[m].kind == .reference && !t.isCapitalised }
        return (t.kind == .word && !t.isCapitalised) || t.kind == .number
    }

    private func isSkippable(_ k: Int, _ s: SentenceView) -> Bool {
        let t = s.tokens[k]
        if s.startAt[k] != nil { return false }
        return s.timeTokens.contains(k) || Self.adverbs.contains(t.key) || Self.intensifiers.contains(t.key)
            || (t.kind == .word && t.key.hasSuffix("ly") && t.key.count > 4)
    }

    private func match(_ t: Template, at p: Int, in s: SentenceView) -> TemplateMatch? {
        var attempt = Attempt(self, t, at: p, in: s)
        return attempt.run()
    }

    /// The object after a verb: the first fitting mention within a few words, not past a preposition or a
    /// comma — but past "in"/"at"/"near" right after one of the relation's `targets` ("attacked a military base
    /// in X": X), and a possessor before one of them ("struck the army's positions": the army).
    private func searchRight(from start: Int, _ s: SentenceView, _ req: String?, _ strict: Bool,
                             targets: Set<String>? = nil) -> ([Int], Int)? {
        var j = start
        var words = 0
        var target = false
        // "cleared six villages north of Mosul: Faziliya, Kevrok and Khadheir": a list after a colon names
        // what the noun before it counted; it is the object.
        if let list = colonList(from: start, s, req, strict) { return list }
        while j < s.range.upperBound, words < 6 {
            if s.isBoundary(j) { return nil }
            // "north of Mosul", "east of the city": a landmark that locates the object is not the object.
            if Self.compass.contains(s.tokens[j].key), j + 1 < s.range.upperBound, s.tokens[j + 1].key == "of" {
                j += 2
                while j < s.range.upperBound, s.startAt[j] == nil, Self.determiners.contains(s.tokens[j].key) { j += 1 }
                if j < s.range.upperBound, let m = s.startAt[j] { j = s.mentions[m].range.upperBound }
                words += 2
                continue
            }
            if capitalOfRegion(at: j, s) { return nil }
            if let m = s.startAt[j] {
                // "recaptured Khartoum's Republican Palace", "led by Peng's son, Peng Daxun": the possessor is
                // not the object; the possessed is, or the name in apposition to it.
                let after = s.mentions[m].range.upperBound
                // "attacked its positions at Bigega", "struck the army's bases in X": the place named after the
                // possessed target is what was hit, not its owner
                let possessive = s.mentions[m].range.count == 1 && Self.possessives.contains(s.tokens[j].key)
                if let targets, possessive || (after < s.range.upperBound && s.tokens[after].key == "'s"),
                   let p = placeAfterPossessedTarget(possessive ? after : after + 1, s, targets), compatible(p, s, req, strictClass: strict) {
                    let g = s.groupOf[p]
                    return (Array(p..<g.upperBound).filter { compatible($0, s, req, strictClass: strict) }, j - start)
                }
                if after < s.range.upperBound, s.tokens[after].key == "'s" {
                    if let targets, words == 0, possessedTarget(after + 1, s, targets), compatible(m, s, req, strictClass: strict) {
                        return ([m], j - start)
                    }
                    if after + 1 < s.range.upperBound, let next = s.startAt[after + 1] { j = s.mentions[next].range.lowerBound; continue }
                    var k = after + 1
                    while k < min(s.range.upperBound, after + 5), s.startAt[k] == nil, s.tokens[k].text != "," { k += 1 }
                    if k + 1 < s.range.upperBound, s.tokens[k].text == ",", s.startAt[k + 1] != nil { j = k + 1; continue }
                    return nil
                }
                if countryModifiesNoun(m, s) {
                    // "have taken the eastern Congolese town of Bunagana": the place the noun names after "of"
                    var k = after
                    while k < min(s.range.upperBound, after + 3), s.startAt[k] == nil, s.tokens[k].kind == .word,
                          !s.tokens[k].isCapitalised, s.tokens[k].key != "of" { k += 1 }
                    guard k + 1 < s.range.upperBound, s.tokens[k].key == "of", s.startAt[k + 1] != nil else { return nil }
                    j = k + 1
                    words += 1
                    continue
                }
                // "pressed their assault on the last two IS-held pockets, A and B": a name glued to a
                // participle modifies the noun after it; the object is further on ("GNA-aligned forces" are
                // the GNA's, though)
                if compoundModifies(m, s) {
                    j = s.mentions[m].range.upperBound + 2
                    words += 1
                    continue
                }
                if compatible(m, s, req, strictClass: strict) {
                    let g = s.groupOf[m]
                    return (Array(m..<g.upperBound).filter { compatible($0, s, req, strictClass: strict) }, j - start)
                }
                j = s.mentions[m].range.upperBound
                words += 1
                continue
            }
            // "led by a company commander, Captain X", "by its commanding officer, Major Y": a role
            // noun phrase before a comma is in apposition with the name after it.
            if s.tokens[j].key == ",", j > start, person(req),
               (start..<j).contains(where: { s.startAt[$0] == nil && lexicon.roleWords.contains(s.tokens[$0].key) }) {
                j += 1
                continue
            }
            if target, Self.targetPrepositions.contains(s.tokens[j].key), j + 1 < s.range.upperBound {
                target = false
                j += 1
                continue
            }
            if Self.stopSearch.contains(s.tokens[j].key) && !s.timeTokens.contains(j) { return nil }
            if targets?.contains(s.tokens[j].key) == true { target = true }
            if !s.timeTokens.contains(j) && !Self.determiners.contains(s.tokens[j].key) { words += 1 }
            j += 1
        }
        return nil
    }

    static let targetPrepositions: Set<String> = ["in", "at", "near", "around", "outside"]

    /// Whether a target noun stands at `k`, past at most two lower-case modifiers ("forward positions").
    /// The place mention after "<target noun> at/in/near" when a target noun is among the next words from `k`.
    private func placeAfterPossessedTarget(_ k: Int, _ s: SentenceView, _ targets: Set<String>) -> Int? {
        var k = k
        for _ in 0..<3 {
            guard k < s.range.upperBound, s.startAt[k] == nil, s.tokens[k].kind == .word, !s.tokens[k].isCapitalised else { return nil }
            if targets.contains(s.tokens[k].key) {
                guard k + 2 < s.range.upperBound, Self.targetPrepositions.contains(s.tokens[k + 1].key),
                      let p = s.startAt[k + 2], ontology.isSubclass(s.classes[p], of: lexicon.placeClass)
                        || s.classes[p] == lexicon.unknownClass else { return nil }
                return p
            }
            k += 1
        }
        return nil
    }

    private func possessedTarget(_ k: Int, _ s: SentenceView, _ targets: Set<String>) -> Bool {
        var k = k
        for _ in 0..<3 {
            guard k < s.range.upperBound, s.startAt[k] == nil, s.tokens[k].kind == .word, !s.tokens[k].isCapitalised else { return false }
            if targets.contains(s.tokens[k].key) { return true }
            k += 1
        }
        return false
    }

    /// "captured the capital of Helmand province": a place role noun at `j` and "of" a region — the object
    /// is a town the sentence does not name (but "the provincial capital of Kunduz" is the town named like
    /// its province).
    private func capitalOfRegion(at j: Int, _ s: SentenceView) -> Bool {
        guard s.startAt[j] == nil, j + 1 < s.range.upperBound, s.tokens[j + 1].key == "of",
              lexicon.placeRoleNouns.contains(s.tokens[j].key) else { return false }
        var k = j + 2
        while k < s.range.upperBound, s.startAt[k] == nil, Self.determiners.contains(s.tokens[k].key) { k += 1 }
        if k < s.range.upperBound, let m = s.startAt[k], ontology.isSubclass(s.classes[m], of: KG.ns + "Region") { return true }
        return false
    }

    /// "push into Myanmar state capital": a country's name before a common noun of a place or a role
    /// modifies it; the object is what the noun names, which the sentence does not name.
    private func countryModifiesNoun(_ m: Int, _ s: SentenceView) -> Bool {
        let after = s.mentions[m].range.upperBound
        return s.classes[m] == lexicon.countryClass && after < s.range.upperBound && s.tokens[after].kind == .word
            && !s.tokens[after].isCapitalised && s.startAt[after] == nil
            && (lexicon.roleWords.contains(s.tokens[after].key)
                || lexicon.headWords.longest(s.tokens, at: after, end: s.range.upperBound).map({ ontology.isSubclass($0.value, of: lexicon.placeClass) }) == true
                || (after + 1 < s.range.upperBound && lexicon.roleWords.contains(s.tokens[after + 1].key) && !s.tokens[after + 1].isCapitalised))
    }

    private func person(_ req: String?) -> Bool { req == lexicon.personClass }

    /// A person's name, or a name of unknown kind (which role patterns type as a person).
    private func isPerson(_ m: Int, _ s: SentenceView) -> Bool {
        s.classes[m] == lexicon.unknownClass || ontology.isSubclass(s.classes[m], of: lexicon.personClass)
    }

    /// False when a role phrase matched between two people belongs to the other one: "Ilham Aliyev,
    /// Azerbaijan's president, Nikol Pashinyan" (the phrase after a person and a comma is that person's
    /// apposition, not a title of the name after it), "Aliyev, the Prime Minister of Armenia Nikol Pashinyan"
    /// (a title followed straight by a name is that name's).
    private func roleBelongsToSubject(_ subjects: [Int], _ objects: [Int], span low: Int, _ s: SentenceView) -> Bool {
        guard let subject = subjects.last, let object = objects.last else { return true }
        if subject > object, low >= s.range.lowerBound + 2, s.tokens[low - 1].text == ",",
           let before = s.endAt[low - 2], before != subject, isPerson(before, s) { return false }
        if subject < object {
            let after = s.mentions[object].range.upperBound
            if after < s.range.upperBound, let next = s.startAt[after], next != subject, isPerson(next, s) { return false }
            // "X, the President of the M23, Mr Bertrand Bisimwa, …": a role between commas before a person's name
            // is that person's
            if after + 1 < s.range.upperBound, s.tokens[after].text == ",", let next = s.startAt[after + 1], next != subject,
               ontology.isSubclass(s.classes[next], of: lexicon.personClass) { return false }
        }
        return true
    }

    /// Adjectives of direction or neighbourhood before a place name ("the northeastern Takhar province").
    /// Words between an article and an organisation's name that say what side or kind it is ("a spokesperson
    /// for the opposition National Unity Government", "the rival Tripoli administration").
    static let actorAdjectives: Set<String> = ["opposition", "rebel", "ruling", "exiled", "banned", "outlawed", "rival",
                                               "separatist", "insurgent", "militant", "jihadist", "powerful", "main"]
    static let regionAdjectives: Set<String> = ["northern", "southern", "eastern", "western", "central", "northeastern",
                                                "northwestern", "southeastern", "southwestern", "neighbouring", "neighboring",
                                                "north-eastern", "north-western", "south-eastern", "south-western",
                                                "autonomous", "semi-autonomous", "restive", "coastal", "remote", "mountainous",
                                                "northernmost", "southernmost", "easternmost", "westernmost"]

    /// Units of distance ("50 kilometres from X").
    static let distanceUnits: Set<String> = ["km", "kilometres", "kilometers", "miles", "mile", "kilometre", "kilometer", "metres", "meters"]

    /// True when the mention `m` is a landmark that locates something else: "west of Baghdad", "north of
    /// the state capital Myitkyina", "50 kilometres from the Kunduz city".
    static func isLandmark(_ s: SentenceView, _ m: Int) -> Bool {
        var b = s.mentions[m].range.lowerBound - 1
        var skipped = 0
        while b > s.range.lowerBound, skipped < 3, s.endAt[b] == nil, s.tokens[b].kind == .word, !s.tokens[b].isCapitalised,
              !["of", "from"].contains(s.tokens[b].key) { b -= 1; skipped += 1 }
        guard b > s.range.lowerBound else { return false }
        let before = s.tokens[b - 1].key
        if s.tokens[b].key == "of" { return compass.contains(before) }
        if s.tokens[b].key == "from" { return distanceUnits.contains(before) || before == "away" }
        return false
    }

    static let compass: Set<String> = ["north", "south", "east", "west", "northeast", "northwest", "southeast",
                                       "southwest", "north-east", "north-west", "south-east", "south-west"]

    /// The compatible members of a list right after a colon within a dozen words of `start`, when no
    /// mention and no other clause boundary stand between.
    private func colonList(from start: Int, _ s: SentenceView, _ req: String?, _ strict: Bool) -> ([Int], Int)? {
        var j = start
        while j < s.range.upperBound, j - start < 16 {
            if s.tokens[j].text == ":" {
                guard j + 1 < s.range.upperBound, let m = s.startAt[j + 1], s.groupOf[m].count > 1 else { return nil }
                let members = Array(m..<s.groupOf[m].upperBound).filter { compatible($0, s, req, strictClass: strict) }
                return members.isEmpty ? nil : (members, j - start)
            }
            if s.isBoundary(j) || s.tokens[j].text == "." || (s.startAt[j] != nil && !Self.locatesObject(j, s)) { return nil }
            j += 1
        }
        return nil
    }

    /// A mention after "north of", "in", "from" that locates the thing counted before a colon.
    private static func locatesObject(_ j: Int, _ s: SentenceView) -> Bool {
        var b = j - 1
        while b > s.range.lowerBound, determiners.contains(s.tokens[b].key) { b -= 1 }
        return ["of", "in", "from", "near", "around"].contains(s.tokens[b].key)
    }

    /// Relative words that open a non-restrictive clause: ", which was stationed near X," is skipped
    /// when looking for the subject of the verb after it.
    static let relativeWords: Set<String> = ["which", "who", "whose", "whom", "where"]

    private func searchLeft(from start: Int, _ s: SentenceView, _ req: String?, _ strict: Bool, subject: Bool = false) -> ([Int], Int)? {
        // "as forces loyal to Haftar pushed on": an unnamed group right before the verb is its subject (not
        // when it is the last of a list: "government troops and local fighters took …")
        // ("he said troops had also left X": past the auxiliaries and adverbs before the verb)
        var noun = start
        while noun > s.range.lowerBound, s.endAt[noun] == nil,
              isSkippable(noun, s) || Self.perfectAux.contains(s.tokens[noun].key) || Self.modalWords.contains(s.tokens[noun].key) { noun -= 1 }
        if noun > s.range.lowerBound, s.endAt[noun] == nil, lexicon.extra.memberNouns.contains(s.tokens[noun].key),
           s.endAt[noun - 1] == nil, !MentionFinder.actorDeterminers.contains(s.tokens[noun - 1].key),
           !(max(s.range.lowerBound + 1, noun - 3)..<noun).contains(where: { s.tokens[$0].key == "and" && s.endAt[$0 - 1] != nil }) { return nil }
        var j = start
        var budget = 16
        while j >= s.range.lowerBound, budget > 0 {
            if s.isBoundary(j) { return nil }
            // "TRIPOLI, April 8 (Wire) - A warplane bombed …": a hyphen spaced as a dash ends the clause (a
            // dateline's place or outlet is no subject)
            if j + 1 < s.range.upperBound, MentionFinder.afterDash(s.tokens, j + 1) { return nil }
            // "X, whose delegation was headed by": the clause's subject is the possessed noun, not X.
            if s.tokens[j].key == "whose" { return nil }
            // "The KNU accuses it of siding with …": a pronoun kg could not resolve stands for the subject
            if ["it", "they", "them"].contains(s.tokens[j].key), s.startAt[j] == nil, !s.tokens[j].isCapitalised { return nil }
            // "X told reporters that a group of gunmen had entered Palma": a clause opened by "that" with a
            // subject of its own (no name) is not X's; a relative "that" (forces that had entered) is.
            if s.tokens[j].key == "that", j < start, (j + 1...start).contains(where: { ownSubjectWord($0, s) }) { return nil }
            // "The agency says more than 26,000 have fled the city": a verb of speech whose reported clause has
            // a subject of its own (not one of the speaker's: "X said its fighters had …") is not X's.
            if j < start, !s.tokens[j].isCapitalised, lexicon.extra.speechVerbs[s.tokens[j].key] != nil,
               reportedSubject(after: j, before: start, s) { return nil }
            // ", which … ," between the subject and its verb: jump over the whole clause.
            if s.tokens[j].text == ",", let open = relativeClauseStart(endingAt: j, s) {
                j = open - 1
                continue
            }
            // "the troops had held talks … and left the camp", "The battle has left the city in ruins": a
            // noun phrase of its own with an auxiliary after it is the subject kg has no name for.
            if s.endAt[j] == nil, j > s.range.lowerBound, j < start, ownSubjectWord(j, s), !s.tokens[j].isCapitalised,
               Self.subjectDeterminers.contains(s.tokens[j - 1].key), s.endAt[j - 1] == nil,
               Self.perfectAux.contains(s.tokens[j + 1].key) || Self.passiveAux.contains(s.tokens[j + 1].key)
                   || Self.modalWords.contains(s.tokens[j + 1].key) {
                return nil
            }
            if let m = s.endAt[j] {
                let governed = governedByPreposition(m, s)
                // "a former RSF commander who defected": a name before a role noun modifies it.
                let after = s.mentions[m].range.upperBound
                let modifier = after < s.range.upperBound && !s.tokens[after].isCapitalised
                    && lexicon.roleWords.contains(s.tokens[after].key)
                // "the al-Qaeda-allied group stormed …": a name glued to a participle modifies the noun after it
                let compound = after + 1 < s.range.upperBound && s.tokens[after].text == "-" && !s.tokens[after].spaceBefore
                    && !s.tokens[after + 1].spaceBefore && s.tokens[after + 1].kind == .word && !s.tokens[after + 1].isCapitalised
                // "The KIA took Sumprabum and seized Momauk": the object of the verb before is not this one's subject
                let verbObject = subject && objectOfVerb(m, s)
                let possessor = isPossessor(m, s)
                if !verbObject, possessor, otherActorsPossessor(m, s) { return nil }
                if !governed, !modifier, !compound, !possessor, !verbObject, compatible(m, s, req, strictClass: strict) {
                    let g = s.groupOf[m]
                    return (Array(g.lowerBound...m).filter { compatible($0, s, req, strictClass: strict) }, start - j)
                }
                budget -= s.mentions[m].range.count
                j = s.mentions[m].range.lowerBound - 1
                continue
            }
            budget -= 1
            j -= 1
        }
        return relativeAntecedent(from: start, s, req, strict)
    }

    /// Whether mention `m` is glued to a participle before a noun it modifies ("IS-held pockets") — not
    /// before a noun for its own people ("GNA-aligned forces" are the GNA's).
    func compoundModifies(_ m: Int, _ s: SentenceView) -> Bool {
        let noun = s.mentions[m].range.upperBound + 2
        return MentionFinder.compoundModifier(s.tokens, s.mentions[m].range, s.range)
            && !(noun < s.range.upperBound && lexicon.extra.memberNouns.contains(s.tokens[noun].key))
    }

    /// "X said its affiliate stormed …": a possessive pronoun before another actor's noun, whose deed it is (an
    /// actor with no name here) — but not "the MNDAA and its allies began …", a list that holds the MNDAA.
    private func otherActorsPossessor(_ m: Int, _ s: SentenceView) -> Bool {
        let low = s.mentions[m].range.lowerBound
        return s.tokens[s.mentions[m].range.upperBound - 1].key != "'s"
            && !(low > s.range.lowerBound && ["and", ","].contains(s.tokens[low - 1].key))
    }

    /// Whether a trigger's verb (a one-word active or passive trigger: "took", "seized") stands right before
    /// mention `m` (past determiners): `m` is that verb's object.
    private func objectOfVerb(_ m: Int, _ s: SentenceView) -> Bool {
        var b = s.mentions[s.groupOf[m].lowerBound].range.lowerBound - 1
        while b >= s.range.lowerBound, s.endAt[b] == nil, Self.determiners.contains(s.tokens[b].key) { b -= 1 }
        guard b >= s.range.lowerBound, s.endAt[b] == nil, s.tokens[b].kind == .word else { return false }
        return lexicon.eventVerbs.longest(s.tokens, at: b, end: b + 1) != nil
    }

    /// The object of a preposition ("near the village of X", "in Y Township") is not the clause's subject.
    private func governedByPreposition(_ m: Int, _ s: SentenceView) -> Bool {
        var b = s.mentions[s.groupOf[m].lowerBound].range.lowerBound - 1
        while b >= s.range.lowerBound, Self.determiners.contains(s.tokens[b].key) { b -= 1 }
        // "the commander of the army's 207th Corps": the possessed name stands where its possessor does
        if b > s.range.lowerBound, s.tokens[b].key == "'s", let owner = s.endAt[b - 1] {
            b = s.mentions[owner].range.lowerBound - 1
            while b >= s.range.lowerBound, Self.determiners.contains(s.tokens[b].key) { b -= 1 }
        }
        // … except after a noun for the group's own people: "soldiers of X surrendered" is X surrendering
        // ("fighters from X" too).
        let memberNoun = b > s.range.lowerBound && ["of", "from"].contains(s.tokens[b].key) && lexicon.extra.memberNouns.contains(s.tokens[b - 1].key)
        // "the town of Qelvar was overrun": "of" after a place noun names the place, it does not govern it
        let naming = b > s.range.lowerBound && s.tokens[b].key == "of"
            && lexicon.headWords.longest(s.tokens, at: b - 1, end: b).map { ontology.isSubclass($0.value, of: lexicon.placeClass) } == true
        // "hundreds of militants overran", "the whole of Nineveh had fallen": "of" after a quantity
        let quantity = b > s.range.lowerBound && s.tokens[b].key == "of" && Self.quantityWords.contains(s.tokens[b - 1].key)
        return (b >= s.range.lowerBound && (Self.prepositions.contains(s.tokens[b].key) || participleAgent(b, s))
            && !memberNoun && !naming && !quantity) || Self.inAgentApposition(s.mentions[s.groupOf[m].lowerBound].range.lowerBound, s)
    }

    /// The mention a place phrase after it locates: "X in north of Y", "X in Y", "X near Y" (no comma between),
    /// when `m` is Y and X is a place.
    func locatedHead(of m: Int, _ s: SentenceView) -> Int? {
        var b = s.mentions[m].range.lowerBound - 1
        while b > s.range.lowerBound, Self.determiners.contains(s.tokens[b].key) { b -= 1 }
        // "in north of", "in the north of"
        if b > s.range.lowerBound, s.tokens[b].key == "of", Self.compass.contains(s.tokens[b - 1].key) {
            b -= 2
            while b > s.range.lowerBound, Self.determiners.contains(s.tokens[b].key) { b -= 1 }
        }
        guard b > s.range.lowerBound, ["in", "near"].contains(s.tokens[b].key), let head = s.endAt[b - 1], head != m,
              ontology.isSubclass(s.classes[head], of: lexicon.placeClass) else { return nil }
        return head
    }

    /// "32 soldiers led by a company commander, Captain X, had given themselves up": the name starting at
    /// `start` stands in apposition to the agent of a participle's "by" — it is that agent, not a subject.
    static func inAgentApposition(_ start: Int, _ s: SentenceView) -> Bool {
        let b = start - 1
        guard b > s.range.lowerBound, s.tokens[b].key == "," else { return false }
        var c = b - 1
        while c > s.range.lowerBound, b - c <= 6, s.endAt[c] == nil, s.tokens[c].key != ",", !s.isBoundary(c) {
            if s.tokens[c].key == "by" { return isParticiple(s.tokens[c - 1].key) }
            c -= 1
        }
        return false
    }

    /// A past participle: a word in -ed, or an irregular one news uses before "by".
    static func isParticiple(_ key: String) -> Bool {
        key.hasSuffix("ed") || ["led", "run", "held", "built", "set"].contains(key)
    }

    /// "a column commanded by X", "the operation, led by Y": `by` at `b` opens the agent of a participle that
    /// modifies a noun — not the agent of a passive clause ("was followed by X") nor that of the people who act
    /// ("fighters led by the AA stormed …").
    private func participleAgent(_ b: Int, _ s: SentenceView) -> Bool {
        guard s.tokens[b].key == "by", b - 1 > s.range.lowerBound else { return false }
        let participle = s.tokens[b - 1]
        guard participle.kind == .word, !participle.isCapitalised, Self.isParticiple(participle.key) else { return false }
        let before = s.tokens[b - 2].key
        return !Self.passiveAux.contains(before) && !lexicon.extra.memberNouns.contains(before) && !Self.perfectAux.contains(before)
    }

    /// Whether the words between a verb of speech at `v` and a verb at `end` begin with a noun phrase of
    /// their own: a word of a noun phrase that is no possessive pronoun and not possessed by one.
    private func reportedSubject(after v: Int, before end: Int, _ s: SentenceView) -> Bool {
        guard v + 1 <= end else { return false }
        for k in v + 1...end where ownSubjectWord(k, s) {
            if MentionFinder.pronouns.contains(s.tokens[k].key) { return false }
            if Self.possessives.contains(s.tokens[k - 1].key) { return false }
            return s.startAt[k] == nil
        }
        return false
    }

    /// A word of a noun phrase: not an auxiliary, adverb, quotation mark or time phrase.
    private func ownSubjectWord(_ k: Int, _ s: SentenceView) -> Bool {
        let t = s.tokens[k]
        guard t.kind == .word, !s.timeTokens.contains(k), !isSkippable(k, s) else { return false }
        return !Self.perfectAux.contains(t.key) && !Self.passiveAux.contains(t.key) && !Self.copulas.contains(t.key)
            && !Self.modalWords.contains(t.key)
    }

    /// "164 villagers who had been held … were freed by": when no subject is found near the verb, the
    /// antecedent of a "who"/"that" clause the verb closes is its subject (no boundary, comma or
    /// other verb's subject in between).
    private func relativeAntecedent(from start: Int, _ s: SentenceView, _ req: String?, _ strict: Bool) -> ([Int], Int)? {
        var j = start
        while j > s.range.lowerBound, start - j < 30 {
            if s.isBoundary(j) || s.tokens[j].key == "," { return nil }
            if ["who", "that"].contains(s.tokens[j].key), let m = s.endAt[j - 1] {
                guard compatible(m, s, req, strictClass: strict), !isPossessor(m, s) else { return nil }
                let g = s.groupOf[m]
                return (Array(g.lowerBound...m).filter { compatible($0, s, req, strictClass: strict) }, start - j)
            }
            j -= 1
        }
        return nil
    }

    /// "the army's regional command surrendered": the possessor is not the subject — unless what it
    /// possesses is its own people ("the army's troops").
    /// So is "its"/"their" before another actor's noun ("its Mozambican affiliate stormed", "their allies took").
    func isPossessor(_ m: Int, _ s: SentenceView) -> Bool {
        let after = s.mentions[m].range.upperBound
        if s.mentions[m].range.count == 1, Self.possessives.contains(s.tokens[after - 1].key) {
            var k = after
            while k < min(s.range.upperBound, after + 3), s.startAt[k] == nil, s.tokens[k].kind == .word {
                if lexicon.extra.otherActorNouns.contains(s.tokens[k].key) || lexicon.extra.allyNouns.contains(s.tokens[k].key) { return true }
                k += 1
            }
            return false
        }
        guard after < s.range.upperBound, s.tokens[after].key == "'s" else { return false }
        return !(after + 1 < s.range.upperBound && lexicon.extra.memberNouns.contains(s.tokens[after + 1].key))
    }


    /// Words that open a phrase about the name before them: ", backed by Y,", ", together with Y,".
    static let participleOpeners: Set<String> = ["backed", "supported", "aided", "assisted", "alongside", "together",
                                                 "along", "flanked", "led", "helped"]

    /// If the comma at `j` closes a clause opened by ", which|who|…" (within 30 tokens), the index of
    /// the opening comma.
    func relativeClauseStart(endingAt j: Int, _ s: SentenceView) -> Int? {
        // The clause may hold a list of its own (", which groups the A, the B and the C,").
        var c = j - 1
        while c > s.range.lowerBound, j - c < 30 {
            if s.isBoundary(c) { return nil }
            if s.tokens[c].key == ",", c + 1 < j, Self.relativeWords.contains(s.tokens[c + 1].key) { return c }
            // "Iraqi troops, fighting alongside Badr units, retook …": a participle phrase after a name.
            if s.tokens[c].key == ",", c + 1 < j, c > s.range.lowerBound,
               s.endAt[c - 1] != nil || (c - 1 > s.range.lowerBound && s.endAt[c - 2] != nil && lexicon.extra.memberNouns.contains(s.tokens[c - 1].key)),
               Self.participleOpeners.contains(s.tokens[c + 1].key)
                || (s.tokens[c + 1].kind == .word && !s.tokens[c + 1].isCapitalised && s.tokens[c + 1].key.hasSuffix("ing")
                    && s.tokens[c + 1].key.count > 5) { return c }
            c -= 1
        }
        return appositionStart(endingAt: j, s)
    }

    /// "X, the capital of the zone on the border with China, has surrendered": the comma opening an
    /// apposition (a determiner and a common noun right after a name) that the comma at `j` closes.
    func appositionStart(endingAt j: Int, _ s: SentenceView) -> Int? {
        var c = j - 1
        while c > s.range.lowerBound, j - c < 20 {
            if s.isBoundary(c) { return nil }
            if s.tokens[c].key == "," {
                // "…, an al Qaeda splinter group, seized": a name inside is fine when a common noun ends it.
                let nounEnds = s.endAt[j - 1] == nil && s.tokens[j - 1].kind == .word && !s.tokens[j - 1].isCapitalised
                let afterName = s.endAt[c - 1] != nil || (s.tokens[c - 1].text == ")" && c - 2 >= s.range.lowerBound && s.endAt[c - 2] != nil)
                // "…Bagram air base, home to a prison holding 5,000 inmates, surrendered": a noun of relation
                // and its "to"/"of" open it as well
                if c + 2 < j, afterName, s.startAt[c + 1] == nil, s.tokens[c + 1].kind == .word, !s.tokens[c + 1].isCapitalised,
                   ["to", "of"].contains(s.tokens[c + 2].key) { return c }
                guard c + 2 < j, Self.determiners.contains(s.tokens[c + 1].key), s.startAt[c + 1] == nil,
                      s.startAt[c + 2] == nil || nounEnds, afterName
                else { return nil }
                return c
            }
            c -= 1
        }
        return nil
    }
}

extension Matcher {
    /// One try of a template at the token `p` where its anchor word stands: the elements after the anchor,
    /// left to right; then a slot before the anchor (the subject of "{s} captured {o}"); then, for an
    /// object not found after the verb, a relative pronoun before the subject.
    private struct Attempt {
        let matcher: Matcher
        let t: Template
        let p: Int
        let s: SentenceView
        let rel: RelationFacts
        let end: Int
        var cursor: Int
        var subjects: [Int] = [], objects: [Int] = []
        var lastLiteralEnd: Int
        var distance = 0
        var prevLiteral = false
        var spanHigh: Int
        /// The class an object said by a relative pronoun must have, once the search after the verb failed.
        var relativeObject: String??
        var gap = false

        init(_ matcher: Matcher, _ t: Template, at p: Int, in s: SentenceView) {
            self.matcher = matcher
            self.t = t
            self.p = p
            self.s = s
            rel = matcher.lexicon.relationFacts[t.relation]
            end = s.range.upperBound
            cursor = p
            lastLiteralEnd = p
            spanHigh = p
        }

        mutating func run() -> TemplateMatch? {
            // "the junta-held town": a word joined by a hyphen to the word before it is part of a compound
            // modifier, not a verb; only a template that spells the hyphen ("{s} - held {o}") reads it.
            if t.anchor < t.elements.count, case .literal(let first) = t.elements[t.anchor], first != "-",
               p > s.range.lowerBound, s.tokens[p - 1].text == "-", !s.tokens[p].spaceBefore { return nil }
            for k in t.anchor..<t.elements.count {
                switch t.elements[k] {
                case .literal(let key):
                    guard literal(key, at: k) else { return nil }
                case .gap:
                    gap = true
                    prevLiteral = false
                case .wildcard:
                    guard wildcard() else { return nil }
                case .slot(let slot, let cls):
                    guard self.slot(slot, cls, trailing: k == t.elements.count - 1) else { return nil }
                }
            }
            var spanLow = p
            if t.anchor == 1, case .slot(let slot, let cls) = t.elements[0] {
                guard let low = leadingSlot(slot, cls) else { return nil }
                spanLow = low
            }
            if let req = relativeObject {
                guard let low = relativeObjectBeforeSubject(req) else { return nil }
                spanLow = low
            }
            guard !subjects.isEmpty, !objects.isEmpty else { return nil }
            // "Sittwe, the capital of Rakhine State, Kyaukphyu and Manaung": a role is of one thing; a comma
            // after it ends what the role is of
            if t.kind == .role, objects.count > 1, let first = objects.first, s.mentions[first].range.upperBound < s.range.upperBound,
               s.tokens[s.mentions[first].range.upperBound].text == "," { objects = [first] }
            if t.kind == .role, !matcher.roleBelongsToSubject(subjects, objects, span: min(spanLow, p), s) { return nil }
            // "X belongs to the Brotherhood Alliance along with the TNLA and the AA": in a membership the names
            // after "along with" are members too, not what X belongs to
            if rel.localName == "memberOf", objects.count > 1, let first = objects.first {
                let gap = s.mentions[first].range.upperBound..<s.mentions[objects[1]].range.lowerBound
                if gap.contains(where: { s.tokens[$0].key == "along" }) {
                    subjects += objects.dropFirst().filter { !subjects.contains($0) }
                    objects = [first]
                }
            }
            return TemplateMatch(template: t, subjects: subjects, objects: objects, trigger: p..<lastLiteralEnd,
                                 span: min(spanLow, p)..<max(spanHigh, lastLiteralEnd), distance: distance)
        }

        /// The class a slot wants, and whether the template spelled it (a strict class).
        private func required(_ slot: Template.Slot, _ cls: String?) -> (String?, Bool) {
            if let cls { return (cls, true) }
            // a relation that lists its slot's classes (kg:subjectClass, kg:objectClass) looks for those
            if let union = matcher.lexicon.slotUnion[slot == .subject ? 0 : 1][t.relation] { return (union, false) }
            return (slot == .subject ? rel.domain : rel.range, false)
        }

        private mutating func assign(_ slot: Template.Slot, _ members: [Int]) {
            if slot == .subject { subjects = members } else { objects = members }
        }

        // MARK: After the anchor

        /// A word of the template at the cursor: after a gap, past a few lower-case words; right after
        /// another word, past adverbs and the like (and more before "by" and "to").
        private mutating func literal(_ key: String, at k: Int) -> Bool {
            if gap {
                // "launched … offensive on": a few lower-case words, no name, comma or clause boundary
                var skipped = 0
                while cursor < end, s.tokens[cursor].key != key, skipped < 4, matcher.isGapWord(cursor, s) { cursor += 1; skipped += 1 }
                gap = false
            } else if k > t.anchor && prevLiteral {
                let limit = (key == "by" || key == "to") ? 6 : 3
                var skipped = 0
                while cursor < end, s.tokens[cursor].key != key, skipped < limit,
                      matcher.isSkippable(cursor, s) || Matcher.quotes.contains(s.tokens[cursor].text)
                        || (key == "control" && Matcher.degreeWords.contains(s.tokens[cursor].key))
                        || (limit == 6 && s.startAt[cursor] == nil && !s.isBoundary(cursor)
                            && s.tokens[cursor].text != "," && s.tokens[cursor].text != ".") {
                    cursor += 1
                    skipped += 1
                }
            } else if k > t.anchor {
                // "under our full control", "under the rebels' complete control": a word of degree (or a
                // quote mark) between a name and the word after it
                var skipped = 0
                while cursor < end, s.tokens[cursor].key != key, skipped < 2, s.startAt[cursor] == nil,
                      Matcher.degreeWords.contains(s.tokens[cursor].key) || Matcher.quotes.contains(s.tokens[cursor].text) {
                    cursor += 1
                    skipped += 1
                }
            }
            guard cursor < end, s.tokens[cursor].key == key else { return false }
            cursor += 1
            lastLiteralEnd = cursor
            prevLiteral = true
            return true
        }

        /// Any one word (or name) at the cursor.
        private mutating func wildcard() -> Bool {
            guard cursor < end, !s.isBoundary(cursor), s.tokens[cursor].kind != .punct || s.startAt[cursor] != nil else { return false }
            if let m = s.startAt[cursor] { cursor = s.mentions[m].range.upperBound } else {
                cursor += 1
                // "south-east", "so-called": a hyphenated compound is one word.
                while cursor + 1 < end, s.tokens[cursor].text == "-", !s.tokens[cursor].spaceBefore,
                      !s.tokens[cursor + 1].spaceBefore, s.tokens[cursor + 1].kind == .word, s.startAt[cursor + 1] == nil { cursor += 2 }
            }
            prevLiteral = false
            return true
        }

        /// A slot after the anchor: searched for to the right when it ends a searched template, else the
        /// mention at the cursor.
        private mutating func slot(_ slot: Template.Slot, _ cls: String?, trailing: Bool) -> Bool {
            let (req, strict) = required(slot, cls)
            let members: [Int]
            if trailing && t.searched {
                let targets = slot == .object ? matcher.lexicon.targetNouns[t.relation] : nil
                guard let (found, d) = matcher.searchRight(from: cursor, s, req, strict, targets: targets) else {
                    // "X, which the regime still holds": the object may be a relative pronoun before the subject.
                    guard slot == .object, t.kind != .passive else { return false }
                    relativeObject = req
                    prevLiteral = false
                    return true
                }
                members = found
                distance += d
            } else {
                guard let (found, next) = slotAtCursor(req, strict, trailing: trailing) else { return false }
                members = found
                cursor = next
            }
            assign(slot, members)
            spanHigh = max(spanHigh, s.mentions[members.last!].range.upperBound)
            prevLiteral = false
            return true
        }

        /// The mention at the cursor (past determiners and modifiers) that fits the slot — for the last
        /// slot, every name of its list that does — and the index after them.
        private func slotAtCursor(_ req: String?, _ strict: Bool, trailing: Bool) -> ([Int], Int)? {
            var c = cursor
            // "under the alliance's control": a reference mention may start with the template's "the".
            if s.startAt[c] == nil, c - 1 > p, s.startAt[c - 1] != nil, Matcher.determiners.contains(s.tokens[c - 1].key) { c -= 1 }
            // "brings together notably the CMA": an adverb before the slot
            while c < end, s.startAt[c] == nil, matcher.isSkippable(c, s), !s.timeTokens.contains(c) { c += 1 }
            let slotStart = c
            while c < end, s.startAt[c] == nil, Matcher.determiners.contains(s.tokens[c].key) || Matcher.regionAdjectives.contains(s.tokens[c].key)
                    || (c > slotStart && Matcher.actorAdjectives.contains(s.tokens[c].key)) { c += 1 }
            // "overruns regime's Western Command": a common noun's possessive (no name) before the slot's name
            if c + 2 < end, s.startAt[c] == nil, s.tokens[c].kind == .word, !s.tokens[c].isCapitalised, s.tokens[c + 1].key == "'s",
               s.startAt[c + 2] != nil { c += 2 }
            // "commander of the self-styled Libyan National Army": a hyphenated adjective before the name
            if c > slotStart, c + 3 < end, s.startAt[c] == nil, s.tokens[c].kind == .word, !s.tokens[c].isCapitalised,
               s.tokens[c + 1].text == "-", !s.tokens[c + 1].spaceBefore, !s.tokens[c + 2].spaceBefore,
               s.tokens[c + 2].kind == .word, !s.tokens[c + 2].isCapitalised, s.startAt[c + 3] != nil { c += 3 }
            // "the Rakhine group": a name after an article is not a person's name (it may be an
            // organisation's: "spokesman of the Peshmerga").
            if c > slotStart, c < end, let n = s.startAt[c], s.classes[n] == matcher.lexicon.unknownClass,
               req == matcher.lexicon.personClass
                // ("the President of the Republic": a head word alone names no organisation)
                || (s.mentions[n].range.count == 1 && matcher.lexicon.headWords.longest(s.tokens, at: c, end: c + 1) != nil)
                || !([req ?? ""] + (matcher.lexicon.unionMembers[req ?? ""] ?? [])).contains(where: Matcher.promotable.contains) { return nil }
            if trailing, c + 1 < end, s.startAt[c] == nil, s.tokens[c].kind == .word, s.tokens[c + 1].key == "of",
               !matcher.lexicon.roleWords.contains(s.tokens[c].key) { c += 2 }
            guard c < end, var m = s.startAt[c] else { return nil }
            // "its assault on the Velor-held town of Memra": a name glued to a participle modifies the noun
            // after it, which is the argument (or names it)
            if trailing, matcher.compoundModifies(m, s) {
                c = s.mentions[m].range.upperBound + 2
                if c + 2 < end, s.startAt[c] == nil, s.tokens[c].kind == .word, s.tokens[c + 1].key == "of" { c += 2 }
                guard c < end, let next = s.startAt[c] else { return nil }
                m = next
            }
            // "the capital of China's Yunnan province": the possessed name is the argument.
            let after = s.mentions[m].range.upperBound
            // ("a spokesman for the rebels' Military Operations Command": a plural's possessive too)
            if trailing, after + 1 < end, ["'s", "'"].contains(s.tokens[after].key), !s.tokens[after].spaceBefore,
               let next = s.startAt[after + 1] { m = next }
            let g = s.groupOf[m]
            var members = Array(m..<g.upperBound).filter { matcher.compatible($0, s, req, strictClass: strict) }
            guard !members.isEmpty else { return nil }
            let last = trailing ? g.upperBound - 1 : m
            members = trailing ? members : [m].filter { matcher.compatible($0, s, req, strictClass: strict) }
            guard !members.isEmpty else { return nil }
            return (members, s.mentions[last].range.upperBound)
        }

        // MARK: Before the anchor

        /// The slot before the anchor: searched for to the left, or the mention right before the verb.
        /// Returns where the match's span starts.
        private mutating func leadingSlot(_ slot: Template.Slot, _ cls: String?) -> Int? {
            let (req, strict) = required(slot, cls)
            // "40 miles west of Baghdad in Anbar province": a landmark is not what lies in the place
            var locating = false
            if case .literal(let first) = t.elements[t.anchor] { locating = first == "in" || first == "near" }
            // ("AA was captured the headquarter of …": a translation's active voice after an auxiliary, an object
            // right after the verb, not a time)
            let translatedActive = t.kind != .passive && p + 1 < end && Matcher.determiners.contains(s.tokens[p + 1].key)
                && !s.timeTokens.contains(p + 1)
            if t.searched {
                return searchedSubject(slot, req, strict, locating: locating, translatedActive: translatedActive)
            }
            return adjacentSubject(slot, req, strict, locating: locating, translatedActive: translatedActive)
        }

        private mutating func searchedSubject(_ slot: Template.Slot, _ req: String?, _ strict: Bool,
                                              locating: Bool, translatedActive: Bool) -> Int? {
            // "the town was captured" is not "the town captured": no active reading after a passive auxiliary
            // (but "forces are still holding the airport" is: a present participle after it is active).
            var progressive = false
            if case .literal(let first) = t.elements[t.anchor], first.hasSuffix("ing") { progressive = true }
            if t.kind != .passive, !progressive, !translatedActive {
                var b = p - 1
                while b >= s.range.lowerBound, matcher.isSkippable(b, s) { b -= 1 }
                if b >= s.range.lowerBound, Matcher.passiveAux.contains(s.tokens[b].key) { return nil }
            }
            if t.kind == .passive, let first = t.firstKey, Matcher.isParticiple(first), commonNounBeforeAnchor() {
                // "the NDA-K, a militia led by the warlord X": the noun is in apposition with the name before the comma
                if let c = matcher.appositionStart(endingAt: p, s), c - 1 > s.range.lowerBound,
                   let m = s.endAt[c - 1] ?? (s.tokens[c - 1].text == ")" ? s.endAt[c - 2] : nil),
                   matcher.compatible(m, s, req, strictClass: strict) {
                    assign(slot, [m])
                    return s.mentions[m].range.lowerBound
                }
                return nil
            }
            // "belongs to the Second Division of the National Army, commanded by X": a participle after a comma
            // is said of the noun phrase just before the comma (its head before "of"), whatever governs it
            if t.kind == .passive, let first = t.firstKey, Matcher.isParticiple(first), p - 2 >= s.range.lowerBound,
               s.tokens[p - 1].text == ",", let last = s.endAt[p - 2] {
                var m = last
                var b = s.mentions[m].range.lowerBound - 1
                while b > s.range.lowerBound, Matcher.determiners.contains(s.tokens[b].key) { b -= 1 }
                if b > s.range.lowerBound, s.tokens[b].key == "of", let head = s.endAt[b - 1] { m = head }
                if matcher.compatible(m, s, req, strictClass: strict) {
                    assign(slot, [m])
                    return s.mentions[m].range.lowerBound
                }
            }
            // "teams are clearing the area": a deed under way is not done.
            if t.kind == .participle {
                var b = p - 1
                while b >= s.range.lowerBound, matcher.isSkippable(b, s) { b -= 1 }
                if b >= s.range.lowerBound, Matcher.passiveAux.contains(s.tokens[b].key) { return nil }
            }
            guard let (found, d) = matcher.searchLeft(from: p - 1, s, req, strict, subject: slot == .subject) else { return nil }
            if locating, let last = found.last, Matcher.isLandmark(s, last) { return nil }
            assign(slot, found)
            distance += d
            return s.mentions[found.first!].range.lowerBound
        }

        /// "a column commanded by X": a common noun right before a participle is what it is said of.
        private func commonNounBeforeAnchor() -> Bool {
            let b = p - 1
            return b >= s.range.lowerBound && s.endAt[b] == nil && s.tokens[b].kind == .word
                && !s.tokens[b].isCapitalised && !matcher.isSkippable(b, s) && !Matcher.passiveAux.contains(s.tokens[b].key)
                && !Matcher.perfectAux.contains(s.tokens[b].key) && !Matcher.copulas.contains(s.tokens[b].key)
                && !Matcher.modalWords.contains(s.tokens[b].key) && !Matcher.relativeWords.contains(s.tokens[b].key)
                && s.tokens[b].key != "that"
                // (not the kind word of a name before it: "the whole Minbya township has come under")
                && !(b - 1 >= s.range.lowerBound && s.endAt[b - 1] != nil
                     && matcher.lexicon.headWords.longest(s.tokens, at: b, end: p) != nil)
        }

        /// The subject right before the verb, or before an apposition or relative clause about it: the
        /// whole list it ends, unless the phrase after it belongs to its last name only.
        private mutating func adjacentSubject(_ slot: Template.Slot, _ req: String?, _ strict: Bool,
                                              locating: Bool, translatedActive: Bool) -> Int? {
            let q = subjectEnd(translatedActive: translatedActive)
            guard q >= s.range.lowerBound, var m = s.endAt[q] else { return nil }
            // "the Imam Sahib district in north of Kunduz province is under …": the head of the phrase, not
            // the place that locates it
            var located = false
            if t.kind == .template, case .literal(let verb) = t.elements[t.anchor], verb.first?.isLetter == true,
               !Matcher.prepositions.contains(verb), let head = matcher.locatedHead(of: m, s),
               matcher.compatible(head, s, req, strictClass: strict) {
                m = head
                located = true
            }
            if locating, Matcher.isLandmark(s, m) { return nil }
            // "Lashio, the capital of Shan State, where …": a clause after an apposition is about its head.
            if s.tokens[p].text == ",", p + 1 < end, Matcher.relativeWords.contains(s.tokens[p + 1].key), m > 0,
               MentionFinder.governed(s.tokens, s.mentions[m].range.lowerBound, s.range, memberNouns: matcher.lexicon.extra.memberNouns) {
                let head = s.mentions[m - 1]
                let between = head.range.upperBound..<s.mentions[m].range.lowerBound
                if between.count <= 6, s.tokens[between.lowerBound].text == ",",
                   ["the", "a", "an"].contains(s.tokens[between.lowerBound + 1].key) { m -= 1 }
            }
            // "Kyaukme and Lashio, the capital of …": an apposition belongs to the last conjunct only.
            let g = s.groupOf[m]
            // (", together with …" is a comitative phrase about the whole list, not an apposition)
            let appositive = s.tokens[p].text == "," && !(p + 1 < end && ["together", "along", "alongside"].contains(s.tokens[p + 1].key))
            // "the CTS and the army's 9th Division": a possessive belongs to the last conjunct only
            let possessive = s.tokens[p].key == "'s"
            let first = appositive || possessive || located ? m : g.lowerBound
            let members = Array(first...m).filter { matcher.compatible($0, s, req, strictClass: strict) }
            guard !members.isEmpty else { return nil }
            assign(slot, members)
            return s.mentions[first].range.lowerBound
        }

        /// Where the subject before the verb ends. "the MNDAA had captured the outpost on …": a perfect
        /// auxiliary or an adverb may stand between a leading subject and a verb template.
        private func subjectEnd(translatedActive: Bool) -> Int {
            var q = p - 1
            guard case .literal(let first) = t.elements[t.anchor], first.first?.isLetter == true || first == "\"" else { return q }
            // "the troops are now in control of": a copula before a template that opens with a
            // preposition ("{s} in control of {o}")
            let copulaAllowed = Matcher.prepositions.contains(first) || t.kind == .passive
            while q >= s.range.lowerBound, s.endAt[q] == nil,
                  Matcher.perfectAux.contains(s.tokens[q].key) || matcher.isSkippable(q, s)
                    || (copulaAllowed && Matcher.copulas.contains(s.tokens[q].key))
                    || (translatedActive && Matcher.passiveAux.contains(s.tokens[q].key)) { q -= 1 }
            // "its fighters had captured", "the group's troops overran": the owner of the agents acts.
            if q - 1 >= s.range.lowerBound, s.endAt[q] == nil, matcher.lexicon.extra.agentNouns.contains(s.tokens[q].key) {
                if s.endAt[q - 1] != nil { q -= 1 }
                else if q - 2 >= s.range.lowerBound, s.tokens[q - 1].key == "'s", s.endAt[q - 2] != nil { q -= 2 }
            }
            // "Thingannyinaung, the base the KNLA seized earlier this month, remains under …": past an
            // apposition or a relative clause to the name it is about (states, verbs of a few words)
            if q > s.range.lowerBound, s.tokens[q].text == ",", t.kind == .template, !Matcher.prepositions.contains(first),
               let open = matcher.relativeClauseStart(endingAt: q, s),
               open - 1 >= s.range.lowerBound, s.endAt[open - 1] != nil { q = open - 1 }
            return q
        }

        /// "X, which the regime still holds": the relative pronoun right before the subject is the object.
        /// Returns where the match's span starts.
        private mutating func relativeObjectBeforeSubject(_ req: String?) -> Int? {
            guard let first = subjects.first, first > 0 else { return nil }
            // "withdrew to Hsenwi, Chinshwehaw and Laukkai, towns it continues to control": a plural place noun
            // in apposition with a list, then the clause's subject — the list is what the verb takes
            let start = s.mentions[first].range.lowerBound
            if start - 3 >= s.range.lowerBound, matcher.lexicon.pluralHeads[s.tokens[start - 1].key] != nil,
               s.tokens[start - 2].text == ",", let last = s.endAt[start - 3], matcher.compatible(last, s, req, strictClass: false) {
                let g = s.groupOf[last]
                objects = Array(g.lowerBound...last).filter { matcher.compatible($0, s, req, strictClass: false) }
                return s.mentions[objects[0]].range.lowerBound
            }
            let r = first - 1
            var k = s.mentions[r].range.upperBound
            while k < s.mentions[first].range.lowerBound, Matcher.determiners.contains(s.tokens[k].key) { k += 1 }
            // "which ethnic Armenian forces had held": one adjective before the subject's name
            if k + 1 == s.mentions[first].range.lowerBound, s.tokens[k].kind == .word, !s.tokens[k].isCapitalised,
               !Matcher.passiveAux.contains(s.tokens[k].key), !Matcher.perfectAux.contains(s.tokens[k].key) { k += 1 }
            guard s.mentions[r].kind == .relative, k == s.mentions[first].range.lowerBound,
                  matcher.compatible(r, s, req, strictClass: false) else { return nil }
            objects = [r]
            return s.mentions[r].range.lowerBound
        }
    }
}
