import Ontology
import RDF

/// Choosing among known names, and resolving words that refer back ("it", "the group", "which").
extension MentionFinder {
    /// Determiners and possessives after which a bare common noun such as "army" names the actor.
    static let actorDeterminers: Set<String> = Matcher.possessives.union(["the", "'s"])
    /// Nouns of holding after a common name ("in junta hands", "under army control").
    static let holdingNouns: Set<String> = ["hands", "control", "rule", "custody", "occupation"]
    /// Words before a mention that make it the object of a preposition (not a clause subject).
    static let governingWords: Set<String> = Matcher.prepositions.union(["by", "for", "under", "over", "about", "like"])
    /// Words for one kind of site: "the airfield" is the town's airport.
    static let airfieldWords: Set<String> = ["airport", "airfield", "aerodrome", "airstrip"]
    static let pronouns: Set<String> = ["it", "its", "they", "their", "he", "his", "she", "her"]
    /// Words after an object pronoun ("attacking it from", "overran it early on", "control of it until").
    static let objectFollowers: Set<String> = ["on", "in", "at", "from", "until", "after", "before", "early", "late",
                                               "last", "for", "within", "without", "again", "back", "completely", "fully", "under", "amid", "during", "despite"]
    /// Words that open a clause about the noun before them ("a town it lost", "a town that fell").
    static let clauseOpeners: Set<String> = ["it", "they", "he", "she", "which", "that", "where", "whose"]

    /// The known (ontology) name at `i`, longest first. A name several entities share ("army") goes to
    /// the entity already named in the article, else to the one whose country the article has named
    /// most, else to the first in the ontology.
    func knownName(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>,
                   state: inout ArticleEntities) -> (length: Int, value: Int)? {
        let all = lexicon.names.all(t, at: i, end: end)
        guard let longest = all.first else { return nil }
        var candidates: [Int] = []
        var phrase: Phrase?
        for m in all where m.length == longest.length && !candidates.contains(m.value) { candidates.append(m.value) }
        if let p = lexicon.names.longest(t, at: i, end: end) { phrase = p.phrase }
        // "the CNF and its army": after a possessive that refers to another actor, a common word ("army")
        // is that actor's, not a war's national force
        if let phrase, i > sentence.lowerBound, ["its", "their"].contains(t[i - 1].key),
           !phrase.text.unicodeScalars.contains(where: { $0.properties.isUppercase }),
           let owner = state.history.last, !lexicon.isNationalBody(state.records[owner].classIRI, ontology),
           ontology.isSubclass(state.records[owner].classIRI, of: lexicon.actorClass) { return nil }
        if let phrase, !genericAllowed(t, i, longest.length, phrase, sentence) {
            // "an army camp": try a shorter known name? None is shorter than one word, so no mention.
            return nil
        }
        // A common-word name ("government forces", "army") of an entity tied to a country belongs to
        // that country's war: in an article that names other countries only, it is not that entity.
        // An article that names no country at all gives such a name to no war's force.
        if let phrase, !phrase.text.unicodeScalars.contains(where: { $0.properties.isUppercase }) {
            candidates = candidates.filter { c in
                state.articleCountries.isEmpty ? state.countryOf[c] == nil || state.forOntology[c] != nil : state.inScope(c)
            }
            if candidates.isEmpty { return nil }
        }
        let chosen: Int
        if candidates.count == 1 {
            chosen = candidates[0]
        } else if let seen = candidates.first(where: { state.forOntology[$0] != nil }) {
            chosen = seen
        } else {
            chosen = candidates.max { a, b in
                let ca = lexicon.extra.countryOf[a].map { state.countries[$0] ?? 0 } ?? 0
                let cb = lexicon.extra.countryOf[b].map { state.countries[$0] ?? 0 } ?? 0
                return ca < cb || (ca == cb && a > b)
            } ?? candidates[0]
        }
        if candidates.count == 1, let c = lexicon.extra.countryOf[chosen] { state.countries[c, default: 0] += 1 }
        return (longest.length, chosen)
    }

    /// "Islamic State-linked insurgents", "Iran-backed militias": the words at `i` follow a name and an
    /// affiliation participle (`kg:affiliationCue`), so they name another actor tied to it, not it again.
    func afterAffiliation(_ t: [Token], _ i: Int, _ sentence: Range<Int>) -> Bool {
        i - 3 >= sentence.lowerBound && lexicon.extra.affiliationCues.contains(t[i - 1].key) && t[i - 2].text == "-"
            && !t[i - 1].spaceBefore && !t[i - 2].spaceBefore
    }

    /// A one-word lower-case name ("army", "military", "regime") names the actor only after a
    /// determiner or possessive, at the start of a sentence, or before a noun for its agents
    /// ("regime troops"); elsewhere it modifies a noun ("an army camp", "a military hospital").
    func genericAllowed(_ t: [Token], _ i: Int, _ length: Int, _ phrase: Phrase, _ sentence: Range<Int>) -> Bool {
        // "the military council camps", "army bases": a common name before a place's head word modifies it
        if phrase.text.unicodeScalars.allSatisfy({ !$0.properties.isUppercase }), modifiesPlaceNoun(t, i + length, sentence.upperBound) {
            return false
        }
        guard length == 1, phrase.text.unicodeScalars.allSatisfy({ !$0.properties.isUppercase }) else { return true }
        if i == sentence.lowerBound { return true }
        if Self.actorDeterminers.contains(t[i - 1].key) { return true }
        if i + 1 < sentence.upperBound, lexicon.extra.agentNouns.contains(t[i + 1].key) { return true }
        // "in junta hands", "under army control": the actor that holds
        if Self.holdsBefore(t, i, i + 1, sentence) { return true }
        return false
    }

    /// Whether the words `i..<next` stand between "in"/"under"/"into" and a holding noun ("in junta hands",
    /// "under rebel control", "in government hands"): they name who holds.
    static func holdsBefore(_ t: [Token], _ i: Int, _ next: Int, _ sentence: Range<Int>) -> Bool {
        i > sentence.lowerBound && next < sentence.upperBound && holdingNouns.contains(t[next].key)
            && ["in", "under", "into"].contains(t[i - 1].key)
    }

    /// The entity `history` names most often among those `include` accepts; a tie goes to the one named
    /// first (the article's subject, not one mentioned in passing).
    static func mostNamed(in history: [Int], where include: (Int) -> Bool) -> Int? {
        var counts: [Int: Int] = [:], first: [Int: Int] = [:]
        for (n, e) in history.enumerated() where include(e) {
            counts[e, default: 0] += 1
            if first[e] == nil { first[e] = n }
        }
        return counts.keys.max { (counts[$0]!, -first[$0]!) < (counts[$1]!, -first[$1]!) }
    }

    /// True if a preposition governs the mention starting at `start` ("in Sumprabum"), not counting the "of"
    /// that names a place ("the town of Palma").
    func prepositionObject(_ t: [Token], _ start: Int, _ sentence: Range<Int>) -> Bool {
        var b = start - 1
        while b >= sentence.lowerBound, Matcher.determiners.contains(t[b].key) { b -= 1 }
        guard b >= sentence.lowerBound, Matcher.prepositions.contains(t[b].key) else { return false }
        guard t[b].key == "of", b > sentence.lowerBound,
              let h = lexicon.headWords.longest(t, at: b - 1, end: b) else { return true }
        return !isPlaceClass(h.value)
    }

    /// True if the mention starting at `start` is the object of a preposition or of an -ing verb (not
    /// after "of"/"from" following one of `memberNouns`: "fighters of X").
    static func governed(_ t: [Token], _ start: Int, _ sentence: Range<Int>, memberNouns: Set<String>) -> Bool {
        var b = start - 1
        while b >= sentence.lowerBound, Matcher.determiners.contains(t[b].key) { b -= 1 }
        guard b >= sentence.lowerBound else { return false }
        let k = t[b].key
        // "fighters from X", "soldiers of X": X is whose people act, the clause's subject
        if ["of", "from"].contains(k), b > sentence.lowerBound, memberNouns.contains(t[b - 1].key) { return false }
        return governingWords.contains(k) || (t[b].kind == .word && k.hasSuffix("ing") && k.count > 5 && !t[b].isCapitalised)
    }

    /// Where the clause holding token `i` starts: after the semicolon before it, in a sentence of two
    /// clauses joined by one semicolon (several semicolons separate the items of a list:
    /// "Also named were his son X; the BGF's commander, Y; and Z").
    static func clauseStart(_ t: [Token], before i: Int, _ sentence: Range<Int>) -> Int {
        let semicolons = sentence.filter { t[$0].text == ";" }
        guard semicolons.count == 1, let k = semicolons.first, k < i else { return sentence.lowerBound }
        return k + 1
    }

    /// "an al Qaeda splinter group", "a Taliban commander": a name between an indefinite article and a
    /// common noun modifies the noun; it is not what the clause is about.
    static func indefiniteModifier(_ t: [Token], _ r: Range<Int>, _ sentence: Range<Int>) -> Bool {
        r.lowerBound > sentence.lowerBound && ["a", "an"].contains(t[r.lowerBound - 1].key)
            && r.upperBound < sentence.upperBound && t[r.upperBound].kind == .word && !t[r.upperBound].isCapitalised
    }

    /// "…in Laukkaing, …, leaving the group in control of a town it lost in 2009": an indefinite
    /// description followed by a clause about it restates the last place of that kind the sentence
    /// named, also inside a longer name ("the regional command in Laukkaing").
    func restatedPlace(_ t: [Token], _ i: Int, _ end: Int, _ current: [Mention], state: inout ArticleEntities) -> Mention? {
        guard let d = lexicon.indefiniteReferences.longest(t, at: i, end: end), i + d.length < end,
              Self.clauseOpeners.contains(t[i + d.length].key) else { return nil }
        let range = i..<(i + d.length)
        for m in current.reversed() where m.kind == .name {
            if ontology.isSubclass(state.records[m.entity].classIRI, of: d.value) {
                return Mention(range: range, entity: m.entity, kind: .reference)
            }
            for k in m.range.dropFirst() {
                for n in lexicon.names.all(t, at: k, end: m.range.upperBound)
                where ontology.isSubclass(ontology.entities[n.value].classIRI, of: d.value) {
                    return Mention(range: range, entity: state.known(n.value, ontology), kind: .reference)
                }
            }
        }
        return nil
    }

    /// "the group", "the town", "it", "which": an entity of a compatible class named before.
    ///
    /// A relative "which"/"who" after a comma takes the mention just before it — or, when that mention
    /// ends an apposition ("Lashio, the capital of Shan State, which …"), the apposition's head.
    /// A pronoun prefers the first clause subject (a compatible mention not governed by a preposition)
    /// of its own sentence, then of the previous sentence; other references take the most recent
    /// compatible entity.
    func reference(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>, _ current: [Mention],
                   state: ArticleEntities) -> Mention? {
        if let m = relativePronoun(t, i, end, sentence, current) { return m }
        if let m = pluralReference(t, i, end, sentence, current, state) { return m }
        if let m = namedHead(t, i, end, state) { return m }
        let matches = lexicon.references.all(t, at: i, end: end)
        guard let r = matches.first else { return nil }
        if afterAffiliation(t, i, sentence) { return nil }
        // A word may refer to several classes ("it": a group, an alliance, a government …).
        let classes = matches.filter { $0.length == r.length }.map(\.value)
        let upper = i + r.length
        // "alliance fighters", "coalition jets", "military spokesman": a bare class noun refers only before an
        // agent noun or a person's role noun.
        // ("in rebel hands", "under rebel control", "rebel-held Goma": the side that holds)
        if r.length == 1, !Self.pronouns.contains(t[i].key), !["which", "who"].contains(t[i].key),
           !(upper < end && (lexicon.extra.agentNouns.contains(t[upper].key) || lexicon.personRoleNouns.longest(t, at: upper, end: end) != nil)),
           !Self.holdsBefore(t, i, upper, sentence),
           !(upper + 1 < end && t[upper].text == "-" && !t[upper].spaceBefore && lexicon.extra.hyphenCues[t[upper + 1].key] != nil) {
            return nil
        }
        // "the town of Laukkai" names the town; it does not refer back.
        if upper < end, t[upper].key == "of" { return nil }
        // "The Military Operations Command": a reference word written with a capital and followed by more
        // capitalised words is part of a name
        if upper < end, !Self.pronouns.contains(t[i].key), t[upper - 1].isCapitalised, t[upper].isCapitalised,
           t[upper].kind == .word, t[upper].spaceBefore, !lexicon.token(t[upper], isIn: .stop) { return nil }
        // "the military camp of Bourem", "the army base": a word for a force before a facility's head word
        // modifies it
        if !Self.pronouns.contains(t[i].key), modifiesPlaceNoun(t, upper, end),
           !classes.contains(where: { ontology.isSubclass($0, of: lexicon.placeClass) }) { return nil }
        // "the airport", "the prison": a facility so called ("Bhamo Airport"), not any facility named before
        let head = t[upper - 1].key
        let namedByHead = lexicon.extra.namedReferences.contains(t[i..<upper].map(\.key).joined(separator: " "))
        // "the airport outside Sheberghan", "the port of X": named by the place after it (siteInPlace)
        if namedByHead, upper < end, MentionFinder.sitePrepositions.contains(t[upper].key) || t[upper].key == "of" { return nil }
        let ref = ReferencePhrase(range: i..<upper, classes: classes, isPronoun: Self.pronouns.contains(t[i].key),
                                  namedHead: namedByHead ? head : nil,
                                  gender: ["she", "her"].contains(t[i].key) ? .women : ["he", "his"].contains(t[i].key) ? .men : nil)
        // "the KNDF and its allies": the possessive after "and" is the conjunct before it
        if r.length == 1, ["its", "their"].contains(t[i].key), i - 2 >= sentence.lowerBound, t[i - 1].key == "and",
           let last = current.last, last.range.upperBound == i - 1, fits(last.entity, ref, state) {
            return Mention(range: i..<upper, entity: last.entity, kind: .reference)
        }
        if let it = objectIt(ref, t, end, sentence, current, state) { return it }
        if let m = siteOwner(ref, t, end, sentence, current, state) { return m }
        if let m = describedPlace(ref, t, end, sentence, current, state) { return m }
        if r.length == 1, ref.isPronoun {
            // "his fighters", "her troops": the person's followers, not the person — the actor the person
            // leads or speaks for, when the article said which
            if upper < end, lexicon.extra.memberNouns.contains(t[upper].key),
               classes.allSatisfy({ $0 == lexicon.personClass }) {
                guard let p = current.last(where: { state.records[$0.entity].classIRI == lexicon.personClass }),
                      let a = followed(p, t, sentence, current, state) else { return nil }
                return Mention(range: i..<(upper + 1), entity: a, kind: .reference)
            }
            if let m = speakersSide(ref, t, sentence, current, state) { return m }
            if let m = subjectReferent(ref, t, sentence, current, state) { return m }
            // Only objects of prepositions or verbs to go by ("a group fighting the army says it …"): unsure.
            if current.contains(where: { fits($0.entity, ref, state) }) { return nil }
        }
        if !ref.isPronoun, let m = insurgentReferent(ref, t, end, state) ?? placeReferent(ref, t, current, state) { return m }
        // "the junta", "the regime": among the recent forces, one so called (not the foreign police named last)
        // ("the battalion": among recent units, one so called, not "Column 3" named last)
        if !ref.isPronoun, ref.range.count == 2,
           classes.contains(lexicon.stateForceClass) || (classes.contains(lexicon.unitClass) && lexicon.unitHeads.contains(head.capitalized)),
           let e = state.history.reversed().prefix(30).first(where: { e in
               fits(e, ref, state) && ([state.records[e].label] + state.records[e].aliases).contains { Ontology.normalise($0).split(separator: " ").contains(Substring(head)) }
           }) {
            return Mention(range: i..<upper, entity: e, kind: .reference)
        }
        for e in state.history.reversed().prefix(30) where fits(e, ref, state) {
            return Mention(range: i..<upper, entity: e, kind: .reference)
        }
        // "the alliance" long after the only alliance the article names is still that alliance.
        if !ref.isPronoun {
            var only: Int?
            for e in state.records.indices where fits(e, ref, state) {
                if only != nil { return nil }
                only = e
            }
            if let only { return Mention(range: i..<upper, entity: only, kind: .reference) }
        }
        return nil
    }

    /// "the two forces", "both groups", "the joint forces", and "they"/"their" opening a sentence after one
    /// whose subject was a list of actors: all of them (the first as the mention's entity, the rest `also`).
    private func pluralReference(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>, _ current: [Mention],
                                 _ state: ArticleEntities) -> Mention? {
        var list = state.previousList
        let nouns: Set<String> = ["forces", "armies", "groups", "sides", "allies", "militaries"]
        var upper: Int?
        if i + 2 < end, t[i].key == "the", ["two", "three", "joint", "allied"].contains(t[i + 1].key), nouns.contains(t[i + 2].key) { upper = i + 3 }
        else if i + 1 < end, t[i].key == "both", nouns.contains(t[i + 1].key) { upper = i + 2 }
        // "A and B retook the base, and a commander said the joint forces held it": a pair of actors earlier
        // in the same sentence
        if upper != nil, let pair = actorPair(t, current, state) { list = pair }
        guard list.count >= 2 else { return nil }
        if upper == nil, ["they", "their"].contains(t[i].key),
           !current.contains(where: { ArticleEntities.isActorClass(state.records[$0.entity].classIRI, ontology) }) {
            // only as the sentence's first actor word: "They seized …", "Their fighters struck …"
            upper = i + 1
        }
        guard let upper else { return nil }
        // "the two forces": a number that counts the list
        if upper - i == 3, let n = ["two": 2, "three": 3][t[i + 1].key], list.count != n { return nil }
        return Mention(range: i..<upper, entity: list[0], kind: .reference, also: Array(list.dropFirst()))
    }

    /// The first two actors of the sentence so far joined by "and" ("ATMIS and Somali troops"), if any.
    private func actorPair(_ t: [Token], _ current: [Mention], _ state: ArticleEntities) -> [Int]? {
        for (a, b) in zip(current, current.dropFirst())
        where [["and"], ["and", "the"]].contains(t[a.range.upperBound..<b.range.lowerBound].map(\.key)) && a.entity != b.entity
            && ArticleEntities.isActorClass(state.records[a.entity].classIRI, ontology)
            && ArticleEntities.isActorClass(state.records[b.entity].classIRI, ontology) {
            return [a.entity, b.entity]
        }
        return nil
    }

    /// "entered the town of X and seized its police station": "its" before a town's facility ("police
    /// station", "airport") is the town the sentence (else the sentence before) named, not the doer.
    private func siteOwner(_ ref: ReferencePhrase, _ t: [Token], _ end: Int, _ sentence: Range<Int>, _ current: [Mention],
                           _ state: ArticleEntities) -> Mention? {
        let upper = ref.range.upperBound
        guard ref.range.count == 1, t[ref.range.lowerBound].key == "its", upper < end, t[upper].kind == .word, !t[upper].isCapitalised,
              let h = lexicon.headWords.longest(t, at: upper, end: end), h.value == lexicon.facilityClass,
              Self.townFacilities.contains(t[upper..<upper + h.length].map(\.key).joined(separator: " ")) else { return nil }
        guard let town = current.last(where: { isSettlement($0.entity, state) })?.entity
                ?? state.previousSentence.last(where: { isSettlement($0.entity, state) })?.entity else { return nil }
        return Mention(range: ref.range, entity: town, kind: .reference)
    }

    /// "It is the administrative centre of X District and the second-largest city in Y": "it" before a copula
    /// and a description of a place is the place the sentence before was about (its first town), not an actor.
    private func describedPlace(_ ref: ReferencePhrase, _ t: [Token], _ end: Int, _ sentence: Range<Int>, _ current: [Mention],
                                _ state: ArticleEntities) -> Mention? {
        let i = ref.range.lowerBound
        guard t[i].key == "it", i + 2 < end, ["is", "was"].contains(t[i + 1].key),
              current.allSatisfy({ Self.dateline(t, $0.range, sentence) }) else { return nil }
        // a place role ("capital", "administrative centre") or a settlement's head word ("town", "city", "village")
        guard (i + 2..<min(end, i + 6)).contains(where: { k in
            lexicon.placeRoleNouns.contains(t[k].key) || lexicon.headWords.longest(t, at: k, end: k + 1).map {
                ontology.isSubclass($0.value, of: KG.ns + "Town") || ontology.isSubclass($0.value, of: KG.ns + "Village") } == true
        }) else { return nil }
        guard let place = state.previousSentence.first(where: { !$0.governed && isSettlement($0.entity, state) })
            ?? state.previousSentence.first(where: { isSettlement($0.entity, state) }) else { return nil }
        return Mention(range: ref.range, entity: place.entity, kind: .reference)
    }

    /// The facilities a town has (not an armed group's: "its base", "its headquarters").
    static let townFacilities: Set<String> = ["police station", "airport", "port", "market", "hospital", "airfield",
                                              "government complex", "prison", "university", "school", "bridge", "stadium"]

    /// A word or phrase that refers back ("it", "the group", "the town").
    struct ReferencePhrase {
        let range: Range<Int>
        /// The classes it may refer to.
        let classes: [String]
        let isPronoun: Bool
        /// Its last word, when it refers only to a facility so called ("the airport": "Bhamo Airport").
        let namedHead: String?
        /// Whom a pronoun of one gender may stand for ("she", "her": women; "he", "his": men), or nil.
        var gender: GivenNames.Use? = nil
    }

    /// Whether entity `e` is of a kind the phrase may refer to.
    func fits(_ e: Int, _ ref: ReferencePhrase, _ state: ArticleEntities) -> Bool {
        if let head = ref.namedHead {
            let heads = Self.airfieldWords.contains(head) ? Self.airfieldWords : [head]
            let names = [state.records[e].label] + state.records[e].aliases
            if !names.contains(where: { name in heads.contains { name.lowercased().contains($0) } }) { return false }
        }
        let cls = state.records[e].classIRI
        let classes = ref.classes
        // "she" is not a man whose given name says so ("Goodluck Jonathan"), "he" not such a woman; a name
        // of unknown kind that reads as a person's ("Amina Ali Nkeki") may be either, as its name allows
        if ref.isPronoun, cls == lexicon.personClass || cls == lexicon.unknownClass, classes.contains(lexicon.personClass),
           let use = lexicon.personalName(state.records[e].label) {
            return ref.gender.map { !use.isDisjoint(with: $0) } ?? true
        }
        // an actor of no known kind (typed by what it did) may be "it" or "they" of a group or a state
        if cls == lexicon.actorClass, ref.isPronoun {
            return classes.contains { $0 != lexicon.personClass && ontology.isSubclass($0, of: lexicon.actorClass) }
        }
        // a place of no known kind may be "the town" or "the village" too
        if cls == lexicon.placeClass { return classes.contains { ontology.isSubclass($0, of: KG.ns + "Town") || ontology.isSubclass($0, of: KG.ns + "Village") } }
        return cls != lexicon.peopleGroupClass && classes.contains { ontology.isSubclass(cls, of: $0) }
    }

    /// ", which", ", who" right after a mention: that mention — or, when it ends an apposition
    /// ("Lashio, the capital of Shan State, which …"), the apposition's head.
    private func relativePronoun(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>, _ current: [Mention]) -> Mention? {
        guard t[i].key == "which" || t[i].key == "who", i > sentence.lowerBound, t[i - 1].text == ",",
              let last = current.last, last.range.upperBound == i - 1 else { return nil }
        var antecedent = last
        if Self.governed(t, last.range.lowerBound, sentence, memberNouns: lexicon.extra.memberNouns), current.count >= 2 {
            let head = current[current.count - 2]
            let gap = head.range.upperBound..<last.range.lowerBound
            if gap.count <= 6, gap.lowerBound < end, t[gap.lowerBound].text == "," { antecedent = head }
        }
        return Mention(range: i..<(i + 1), entity: antecedent.entity, kind: .relative)
    }

    /// "entered Tarhuna after attacking it from four axes", "attacked the LIB 275 base, …, and overran it
    /// early on April 11": "it" as an object (a preposition, a time or the clause's end after it) is the first
    /// place (or unit's site) the sentence named that no preposition governs.
    /// nil when `ref` is no object "it"; `.some(nil)` when it is one whose place is unsure (no mention).
    private func objectIt(_ ref: ReferencePhrase, _ t: [Token], _ end: Int, _ sentence: Range<Int>, _ current: [Mention],
                          _ state: ArticleEntities) -> Mention?? {
        let i = ref.range.lowerBound, upper = ref.range.upperBound
        // ("withdrew from it to …", "was chased out of it after …": a place left, whatever follows)
        let leftPlace = i > sentence.lowerBound
            && (t[i - 1].key == "from" || (i - 2 >= sentence.lowerBound && t[i - 1].key == "of" && t[i - 2].key == "out"))
        guard t[i].key == "it", i > sentence.lowerBound, t[i - 1].kind == .word, !Self.clauseOpeners.contains(t[i - 1].key),
              !Matcher.clauseJoints.contains(t[i - 1].key),
              leftPlace || upper >= end || t[upper].kind == .punct || Self.objectFollowers.contains(t[upper].key) else { return nil }
        func isSite(_ e: Int) -> Bool {
            let cls = state.records[e].classIRI
            return ontology.isSubclass(cls, of: lexicon.placeClass) && cls != lexicon.countryClass
        }
        // "The rebels attacked the town of X on Monday. Its fighters overran it on Tuesday.": a sentence
        // that names no place takes the first place the sentence before named that no preposition governs
        // (else its first place: "the town of X").
        // (a dateline's place is none of the sentence's: "PEMBA, Mozambique - …")
        let current = current.filter { !Self.dateline(t, $0.range, sentence) }
        if !current.contains(where: { isSite($0.entity) }) {
            // "seized Torghundi, …, and took control of it": a name of unknown kind the sentence's verb took
            // is nearer than any place of the sentence before
            if current.dropFirst().contains(where: { state.records[$0.entity].classIRI == lexicon.unknownClass
                && !prepositionObject(t, $0.range.lowerBound, sentence) }) { return .some(nil) }
            guard let site = state.previousSentence.first(where: { !$0.governed && isSite($0.entity) })
                ?? state.previousSentence.first(where: { isSite($0.entity) }) else { return nil }
            return Mention(range: i..<upper, entity: site.entity, kind: .reference)
        }
        guard let site = current.first(where: { m in
                  guard m.kind != .relative, !prepositionObject(t, m.range.lowerBound, sentence) else { return false }
                  let cls = state.records[m.entity].classIRI
                  if ontology.isSubclass(cls, of: lexicon.placeClass) { return cls != lexicon.countryClass }
                  // "the IB 46 headquarters"
                  return cls == lexicon.unitClass && m.range.upperBound < end && !t[m.range.upperBound].isCapitalised
                      && lexicon.headWords.longest(t, at: m.range.upperBound, end: end)?.value == lexicon.facilityClass
              }) else { return nil }
        return Mention(range: i..<upper, entity: site.entity, kind: .reference)
    }

    /// "The Mission" after "the SADC Mission in Mozambique", "the Command" after "the Northeastern Command": a
    /// capitalised head word after "the" refers to the recent entity whose name of two words or more holds it.
    private func namedHead(_ t: [Token], _ i: Int, _ end: Int, _ state: ArticleEntities) -> Mention? {
        guard t[i].key == "the", i + 1 < end, t[i + 1].isCapitalised, t[i + 1].kind == .word,
              lexicon.headWords.longest(t, at: i + 1, end: i + 2) != nil,
              !(i + 2 < end && (t[i + 2].isCapitalised || t[i + 2].key == "of")) else { return nil }
        let word = Substring(t[i + 1].text)
        guard let e = state.history.reversed().prefix(30).first(where: { e in
            let words = state.records[e].label.split(separator: " ")
            return words.count >= 2 && words.contains(word)
        }) else { return nil }
        return Mention(range: i..<(i + 2), entity: e, kind: .reference)
    }

    /// The actor person mention `p` leads or speaks for: one the article said so before, or the actor an
    /// apposition after the person names ("X, the LNA's spokesman, said his forces …").
    private func followed(_ p: Mention, _ t: [Token], _ sentence: Range<Int>, _ current: [Mention], _ state: ArticleEntities) -> Int? {
        if let a = state.followers[p.entity] { return a }
        guard p.range.upperBound < sentence.upperBound, t[p.range.upperBound].text == "," else { return nil }
        let close = (p.range.upperBound + 1..<sentence.upperBound).first { t[$0].text == "," } ?? sentence.upperBound
        return current.first { m in
            m.range.lowerBound > p.range.upperBound && m.range.upperBound <= close && m.range.upperBound - p.range.upperBound <= 9
                && (ontology.isSubclass(state.records[m.entity].classIRI, of: lexicon.actorClass)
                    || state.records[m.entity].classIRI == lexicon.unknownClass)
                && state.records[m.entity].classIRI != lexicon.personClass
        }?.entity
    }

    /// "X, the spokesman for the GNA forces, says they have seized …": "they" or "it" right after the verb of
    /// speech of a person who speaks for (or leads) an actor is that actor.
    private func speakersSide(_ ref: ReferencePhrase, _ t: [Token], _ sentence: Range<Int>, _ current: [Mention],
                              _ state: ArticleEntities) -> Mention? {
        let i = ref.range.lowerBound
        guard ["they", "it"].contains(t[i].key) else { return nil }
        var v = i - 1
        if v > sentence.lowerBound, t[v].key == "that" { v -= 1 }
        guard v > sentence.lowerBound, lexicon.extra.speechVerbs[t[v].key] != nil || ["announced", "announces"].contains(t[v].key),
              let p = current.first(where: { state.records[$0.entity].classIRI == lexicon.personClass }), p.range.upperBound < v,
              let a = followed(p, t, sentence, current, state), fits(a, ref, state) else { return nil }
        return Mention(range: ref.range, entity: a, kind: .reference)
    }

    /// `"Herat is under our full control," Mujahid said`, `X told reporters: "we have taken the town"`: "we",
    /// "our" and "our forces" inside quotes stand for the side of the sentence's speaker — the actor who
    /// speaks, or the actor a speaking person leads or speaks for (said before, or just before the person:
    /// "Taliban spokesman X"). Added to `out` in order; nothing when the sentence names no such speaker.
    func quotedFirstPerson(_ t: [Token], _ sentence: Range<Int>, _ out: inout [Mention], state: ArticleEntities) {
        var inQuote = false, quoted: [Int] = []
        for j in sentence {
            switch t[j].text {
            case "\"": inQuote.toggle(); continue
            case "\u{201C}": inQuote = true; continue
            case "\u{201D}": inQuote = false; continue
            default: break
            }
            if inQuote, ["our", "we"].contains(t[j].key), !out.contains(where: { $0.range.contains(j) }) { quoted.append(j) }
        }
        guard !quoted.isEmpty, let side = speakerSide(t, sentence, out, state) else { return }
        for j in quoted {
            // "our forces", "our fighters": the side's people, one mention
            let upper = t[j].key == "our" && j + 1 < sentence.upperBound && !out.contains(where: { $0.range.contains(j + 1) })
                && (lexicon.extra.memberNouns.contains(t[j + 1].key) || lexicon.extra.agentNouns.contains(t[j + 1].key)) ? j + 2 : j + 1
            out.append(Mention(range: j..<upper, entity: side, kind: .reference))
        }
        out.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The actor whose side the speaker of a sentence with quotes is on: a mention (outside quotes) right
    /// before a verb of speech ("X said", "X had told") or right after one ("…," said X).
    private func speakerSide(_ t: [Token], _ sentence: Range<Int>, _ out: [Mention], _ state: ArticleEntities) -> Int? {
        func isSpeech(_ k: Int) -> Bool { k < sentence.upperBound && lexicon.extra.speechVerbs[t[k].key] != nil && !t[k].isCapitalised }
        guard let speaker = out.first(where: { m in
            let after = m.range.upperBound < sentence.upperBound && Self.speechAuxiliaries.contains(t[m.range.upperBound].key)
                ? m.range.upperBound + 1 : m.range.upperBound
            return m.kind != .relative && (isSpeech(after) || (m.range.lowerBound > sentence.lowerBound && isSpeech(m.range.lowerBound - 1)))
        }) else { return nil }
        let cls = state.records[speaker.entity].classIRI
        guard cls == lexicon.personClass else {
            return ArticleEntities.isActorClass(cls, ontology) ? speaker.entity : nil
        }
        if let a = followed(speaker, t, sentence, out, state) { return a }
        // "Taliban spokesman Zabihullah Mujahid said": the actor named just before the person's role
        guard let before = out.last(where: { $0.range.upperBound < speaker.range.lowerBound }),
              lexicon.personRoleNouns.longest(t, at: before.range.upperBound, end: speaker.range.lowerBound)?.length
                == speaker.range.lowerBound - before.range.upperBound,
              ArticleEntities.isActorClass(state.records[before.entity].classIRI, ontology) else { return nil }
        return before.entity
    }

    /// A pronoun's referent: the subject of its own clause first ("the army left; two days later the
    /// rebels took the town, their heartland"), then of the sentence, then of the sentence before (its
    /// last clause first).
    private func subjectReferent(_ ref: ReferencePhrase, _ t: [Token], _ sentence: Range<Int>, _ current: [Mention],
                                 _ state: ArticleEntities) -> Mention? {
        let clause = Self.clauseStart(t, before: ref.range.lowerBound, sentence)
        // "The KNU accuses it of siding with the junta": an object pronoun is not its own clause's subject
        let i = ref.range.lowerBound, upper = ref.range.upperBound
        let object = ["it", "them"].contains(t[i].key) && i > sentence.lowerBound && t[i - 1].kind == .word && !t[i - 1].isCapitalised
            && !Matcher.clauseJoints.contains(t[i - 1].key) && !Self.clauseOpeners.contains(t[i - 1].key)
            && (upper >= sentence.upperBound || t[upper].kind == .punct || t[upper].key == "of" || t[upper].key == "to"
                || Self.objectFollowers.contains(t[upper].key))
        let ownSubject = object ? current.first(where: { $0.range.lowerBound >= clause && $0.range.upperBound <= i
            && !Self.governed(t, $0.range.lowerBound, sentence, memberNouns: lexicon.extra.memberNouns) })?.entity : nil
        for m in current.filter({ $0.range.lowerBound >= clause }) + current
        where !Self.governed(t, m.range.lowerBound, sentence, memberNouns: lexicon.extra.memberNouns) && !Self.compoundModifier(t, m.range, sentence)
            && !Self.indefiniteModifier(t, m.range, sentence) && fits(m.entity, ref, state) && m.entity != ownSubject {
            return Mention(range: ref.range, entity: m.entity, kind: .reference)
        }
        for m in state.previousSentence.filter(\.lastClause) + state.previousSentence where !m.governed && fits(m.entity, ref, state) && m.entity != ownSubject {
            return Mention(range: ref.range, entity: m.entity, kind: .reference)
        }
        return nil
    }

    /// "the airport", "the government complex" when the article has named no such facility: that facility of
    /// the town the text is about ("Kunduz airport"), a new site. Not "the airport of X" or "the airport in
    /// X" (named by the place after it).
    func bridgedSite(_ t: [Token], _ i: Int, _ end: Int, _ current: [Mention], state: inout ArticleEntities) -> Mention? {
        guard t[i].key == "the" else { return nil }
        var found: Int?
        for upper in stride(from: min(end, i + 4), through: i + 2, by: -1)
        where lexicon.extra.namedReferences.contains(t[i..<upper].map(\.key).joined(separator: " ")) {
            found = upper
            break
        }
        guard let upper = found, upper >= end || !(MentionFinder.sitePrepositions.contains(t[upper].key) || t[upper].key == "of"),
              let town = focusTown(current, state) else { return nil }
        let place = state.records[town].label
        let e = state.named(place + " " + text(t, (i + 1)..<upper), classIRI: lexicon.facilityClass, aliases: [], ontology: ontology)
        return Mention(range: i..<upper, entity: e, kind: .reference)
    }

    /// The town a sentence is about: the last town it named, else the one the sentence before opened
    /// with, else the one the article named most among the recent ones.
    private func focusTown(_ current: [Mention], _ state: ArticleEntities) -> Int? {
        func isTown(_ e: Int) -> Bool {
            let cls = state.records[e].classIRI
            return cls == lexicon.placeClass || ontology.isSubclass(cls, of: KG.ns + "Town")
        }
        if let m = current.last(where: { $0.kind == .name && isTown($0.entity) }) { return m.entity }
        if let e = state.previousSubject, isTown(e) { return e }
        let recent = Set(state.history.reversed().prefix(30).filter(isTown))
        return Self.mostNamed(in: state.history) { recent.contains($0) }
    }

    /// "the insurgents", "the militants": the armed group the article is most about so far (the first
    /// named on a tie), not whichever group the last clause named — often an ally of the other side.
    private func insurgentReferent(_ ref: ReferencePhrase, _ t: [Token], _ end: Int, _ state: ArticleEntities) -> Mention? {
        let i = ref.range.lowerBound
        guard let u = lexicon.unnamedReferences.longest(t, at: i, end: end), u.length == ref.range.count else { return nil }
        // a group the article has itself called insurgents or militants, if any
        func called(_ e: Int) -> Bool {
            ([state.records[e].label] + state.records[e].aliases).contains { state.insurgentNames.contains(Ontology.normalise($0)) }
        }
        let calledAny = state.history.contains { fits($0, ref, state) && called($0) }
        if let best = Self.mostNamed(in: state.history, where: { fits($0, ref, state) && (!calledAny || called($0)) }) {
            return Mention(range: ref.range, entity: best, kind: .reference)
        }
        return nil
    }

    /// "the town", "the city": the place the article is about among the recent ones — the one it named
    /// most so far (the first named on a tie), not whichever town the last clause happened to name.
    private func placeReferent(_ ref: ReferencePhrase, _ t: [Token], _ current: [Mention], _ state: ArticleEntities) -> Mention? {
        let classes = ref.classes
        guard classes.allSatisfy({ ontology.isSubclass($0, of: lexicon.placeClass) }) else { return nil }
        // "in Falam, the last army position in the town": a place of that kind named earlier in the same sentence
        let broad = classes.contains { ontology.isSubclass($0, of: KG.ns + "Region") || ontology.isSubclass($0, of: lexicon.countryClass) }
        // (of a known kind: "Tong Chain, a neighbourhood south-east of the town" is no town of its own)
        if !broad, let m = current.last(where: { $0.kind == .name && fits($0.entity, ref, state) && state.records[$0.entity].classIRI != lexicon.placeClass }) {
            return Mention(range: ref.range, entity: m.entity, kind: .reference)
        }
        // "Sirte itself changed hands only this year. Forces … had held the city since 2016": the subject of
        // the sentence before, when it is such a place, is what the sentence goes on about.
        if !broad, let first = state.previousSubject, fits(first, ref, state), state.records[first].classIRI != lexicon.placeClass {
            return Mention(range: ref.range, entity: first, kind: .reference)
        }
        // "President Ghani had left the country" in an article about Afghanistan that last named Tajikistan:
        // the country the article is clearly about (named twice as often as any other), unless the sentence
        // has named another one ("the capital of … in the centre of the country", "the country's second city"
        // describe a place and are left to the next rule)
        let low = ref.range.lowerBound, up = ref.range.upperBound
        if classes.allSatisfy({ $0 == lexicon.countryClass }), low > 0, t[low - 1].key != "of", up < t.count, t[up].key != "'s",
           let country = state.clearCountry, let index = lexicon.extra.countryIndex[country], let e = state.forOntology[index],
           !current.contains(where: { state.records[$0.entity].classIRI == lexicon.countryClass && $0.entity != e }) {
            return Mention(range: ref.range, entity: e, kind: .reference)
        }
        let recent = Set(state.history.reversed().prefix(30).filter { fits($0, ref, state) })
        if let best = Self.mostNamed(in: state.history, where: { recent.contains($0) }) {
            return Mention(range: ref.range, entity: best, kind: .reference)
        }
        return nil
    }
}
