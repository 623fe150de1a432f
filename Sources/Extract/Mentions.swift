import Ontology
import RDF

/// An entity as one article knows it.
struct EntityRecord: Sendable {
    var id: String
    var label: String
    var classIRI: String
    var aliases: [String]
    var known: Bool
}

/// A stretch of tokens that names (or refers back to) an entity.
struct Mention: Sendable {
    enum Kind: Sendable { case name, reference, relative }
    var range: Range<Int>
    var entity: Int
    var kind: Kind
    /// The other entities a plural reference stands for ("the two forces", "they" after a list).
    var also: [Int] = []
}

/// The entities of one article and what its earlier sentences named: local names (acronyms defined
/// in the text, unknown names seen before) and the mention history used to resolve "the group", "it".
struct ArticleEntities: Sendable {
    /// The ontology's nouns for an actor's people (`kg:memberNoun`): "Peshmerga Forces" is the Peshmerga.
    var memberNouns: Set<String> = []
    var records: [EntityRecord] = []
    var byID: [String: Int] = [:]
    var local = PhraseSet<Int>()
    var history: [Int] = []
    var forOntology: [Int: Int] = [:]
    /// How often each country's entities were named so far (picks among entities sharing a name).
    var countries: [String: Int] = [:]
    /// The countries the whole article names (by a known name of theirs or of a place in them, or a
    /// demonym), with how often: generic names ("government forces") belong to the most named one.
    private(set) var articleCountries: [String: Int] = [:]
    /// The order in which the article first names its countries (a dateline's first).
    private var firstNamed: [String: Int] = [:]

    /// Counts a mention of `country` (`articleCountries`), remembering the order of first mentions.
    mutating func countCountry(_ country: String) {
        if firstNamed[country] == nil { firstNamed[country] = firstNamed.count }
        articleCountries[country, default: 0] += 1
    }

    /// Normalised name → class, from what the article says around the name anywhere ("Taliban
    /// fighters", "M23-held"): a name of unknown kind takes it.
    var typeHints: [String: String] = [:]
    /// Normalised names the article calls insurgents, militants, rebels … ("ASWJ insurgents").
    var insurgentNames: Set<String> = []

    /// Ontology entity index → its country (`ExtraVocabulary.countryOf`), for `inScope`.
    var countryOf: [Int: String] = [:]
    /// Ontology entity IRI → its index (`ExtraVocabulary.entityByIRI`).
    var ontologyIRIs: [String: Int] = [:]

    /// Whether an ontology entity may be what a name of this article means: an entity tied to a
    /// country only in an article naming that country (or none), or once the article has used it.
    func inScope(_ ontologyIndex: Int) -> Bool {
        guard !articleCountries.isEmpty, let c = countryOf[ontologyIndex] else { return true }
        return articleCountries[c] != nil || forOntology[ontologyIndex] != nil
    }

    /// The country the article is most about, if it names any: the most named, the first named on a tie
    /// ("BAKU, Azerbaijan - … Armenian forces …" is about Azerbaijan).
    var mainCountry: String? {
        articleCountries.max { a, b in
            a.value < b.value || (a.value == b.value && (firstNamed[a.key] ?? 0, a.key) > (firstNamed[b.key] ?? 0, b.key))
        }?.key
    }

    /// The country the article is clearly about: its main country, named (or by its demonym) at least twice
    /// as often as any other.
    var clearCountry: String? {
        guard let country = mainCountry, let top = articleCountries[country],
              articleCountries.allSatisfy({ $0.key == country || 2 * $0.value <= top }) else { return nil }
        return country
    }
    /// The previous sentence's mentions, in order, with whether each is the object of a preposition
    /// or participle (a pronoun prefers an earlier clause subject to the most recent name).
    /// The mentions of the sentence before (not its dateline's), whether a preposition governs each, and
    /// whether it stands in that sentence's last clause (after its last semicolon).
    var previousSentence: [(entity: Int, governed: Bool, lastClause: Bool)] = []
    /// The actors of the list that is the subject (or the passive's agent) of the sentence before
    /// ("Mozambican and Rwandan troops took …", "launched by the KNDF and its allies: the KA, …"), if any.
    var previousList: [Int] = []
    /// Person → the actor the article said the person leads or speaks for: "his forces" are that actor.
    var followers: [Int: Int] = [:]
    /// The actor whose statement the article is ("Three Brotherhood Alliance statement on …", "PRESS RELEASE -
    /// Government forces liberate …"): "our forces" and "we" outside quotes are its; and how many sentences
    /// were read (the issuer is named in the first few).
    var issuer: Int?
    var sentencesRead = 0
    /// The first mention of the sentence before that no preposition governs: its subject ("Sirte itself
    /// changed hands …") or its verb's object.
    var previousSubject: Int? { previousSentence.first { !$0.governed }?.entity }

    mutating func known(_ ontologyIndex: Int, _ ontology: Ontology) -> Int {
        if let i = forOntology[ontologyIndex] { return i }
        let e = ontology.entities[ontologyIndex]
        let i = add(EntityRecord(id: e.iri, label: e.label, classIRI: e.classIRI, aliases: e.aliases, known: true))
        forOntology[ontologyIndex] = i
        return i
    }

    /// The entity for a new name: an ontology entity if any of the names is known, else one keyed by
    /// the slug of the label (the same name in two articles gives the same id).
    mutating func named(_ label: String, classIRI: String, aliases: [String], ontology: Ontology, id explicitID: String? = nil,
                        preferredID: String? = nil) -> Int {
        for n in [label] + aliases where explicitID == nil {
            if let idx = ontology.entityIndices(matching: n).first(where: inScope),
               n == label || !Self.qualifiedOtherwise(label, ontology.entities[idx]) {
                let i = known(idx, ontology)
                addAliases(i, [label] + aliases)
                return i
            }
        }
        // "Peshmerga Forces", "Taliban Fighters": an actor named before, with a word for its people
        if explicitID == nil, let i = actorByItsPeople(label, ontology: ontology) {
            addAliases(i, [label] + aliases)
            return i
        }
        var id = explicitID ?? preferredID ?? KG.entityNS + Self.slug(label)
        // "the Somali National Army (SNA)" in an article about Somalia is not Syria's SNA: a new entity does not
        // take the IRI of an ontology entity out of the article's scope (its label's IRI, else with its country's)
        if explicitID == nil, byID[id] == nil, let o = ontologyIRIs[id], !inScope(o) {
            id = KG.entityNS + Self.slug(label)
            if ontologyIRIs[id] != nil { id += "-" + Self.slug(mainCountry.map(MentionFinder.localName) ?? "local") }
        }
        if let i = byID[id] {
            // "KUNDUZ - …" in a dateline, then "the Kunduz city": the name as the text writes it, and the kind
            // the later mention says
            if records[i].label != label, records[i].label == records[i].label.uppercased(), records[i].label == label.uppercased() {
                let capitals = records[i].label
                records[i].label = label
                addAliases(i, [capitals])
            }
            if records[i].classIRI == KG.ns + "Entity", classIRI != KG.ns + "Entity", !records[i].known { records[i].classIRI = classIRI }
            addAliases(i, aliases)
            return i
        }
        // "the Houthis" and "the Houthi movement", "Houthi fighters": a one-word name and its plural are one
        // group (not a place or a person)
        if explicitID == nil, let i = pluralOrSingular(label, classIRI, ontology) {
            if records[i].classIRI == KG.ns + "Entity", classIRI != KG.ns + "Entity" { records[i].classIRI = classIRI }
            addAliases(i, [label] + aliases)
            local.add(Phrase(label, capitalisedStaysCapitalised: true), i)
            return i
        }
        let i = add(EntityRecord(id: id, label: label, classIRI: classIRI, aliases: [], known: false))
        addAliases(i, aliases)
        local.add(Phrase(label, capitalisedStaysCapitalised: true), i)
        return i
    }

    /// "the Kachin Border Guard Force (BGF)" is not the ontology's "Kokang Border Guard Force" (also "Border
    /// Guard Force", "BGF"): a label that puts another qualifier before one of the entity's names.
    static func qualifiedOtherwise(_ label: String, _ entity: OntologyEntity) -> Bool {
        let names = [entity.label] + entity.aliases
        let key = Ontology.normalise(label)
        guard !names.contains(where: { Ontology.normalise($0) == key }) else { return false }
        return names.contains { n in
            let name = Ontology.normalise(n)
            return name.contains(" ") && key.hasSuffix(" " + name)
        }
    }

    /// The new entity named by the plural (or the singular) of the one capitalised word `label`, if it is a
    /// group's name or of no known kind, and `classIRI` is too.
    private func pluralOrSingular(_ label: String, _ classIRI: String, _ ontology: Ontology) -> Int? {
        guard label.count >= 4, !label.contains(" "), label.first?.isUppercase == true, label.dropFirst().contains(where: \.isLowercase) else { return nil }
        func group(_ cls: String) -> Bool { cls == KG.ns + "Entity" || Self.isActorClass(cls, ontology) }
        guard group(classIRI) else { return nil }
        let other = label.hasSuffix("s") ? String(label.dropLast()) : label + "s"
        guard let i = byID[KG.entityNS + Self.slug(other)], !records[i].known, group(records[i].classIRI) else { return nil }
        return i
    }

    /// An actor that has people of its own: not a country ("Afghan Forces" are its army) or a person.
    static func isActorClass(_ cls: String, _ ontology: Ontology) -> Bool {
        ontology.isSubclass(cls, of: KG.ns + "Actor") && !ontology.isSubclass(cls, of: KG.ns + "Country")
            && !ontology.isSubclass(cls, of: KG.ns + "Person")
    }


    /// The actor (not a country: "Afghan Forces" are its army) whose name `label` is, followed by one of
    /// its words for its people (`memberNouns`, capitalised: "Peshmerga Forces"), when the article
    /// or the ontology already knows that actor.
    private mutating func actorByItsPeople(_ label: String, ontology: Ontology) -> Int? {
        guard let space = label.lastIndex(of: " "),
              memberNouns.contains(label[label.index(after: space)...].lowercased()) else { return nil }
        let owner = String(label[..<space])
        if let i = byID[KG.entityNS + Self.slug(owner)], Self.isActorClass(records[i].classIRI, ontology) { return i }
        if let idx = ontology.entityIndices(matching: owner).first(where: inScope),
           Self.isActorClass(ontology.entities[idx].classIRI, ontology) {
            return known(idx, ontology)
        }
        return nil
    }

    mutating func addAliases(_ i: Int, _ names: [String]) {
        for n in names where n != records[i].label && !records[i].aliases.contains(n) && !n.isEmpty {
            records[i].aliases.append(n)
            local.add(Phrase(n, capitalisedStaysCapitalised: true), i)
        }
    }

    private mutating func add(_ r: EntityRecord) -> Int {
        if let i = byID[r.id] { return i }
        records.append(r)
        byID[r.id] = records.count - 1
        let parts = r.label.split(separator: " ")
        if parts.count > 1, let first = parts.first, let last = parts.last {
            byEndWord[String(first), default: []].append(records.count - 1)
            if last != first { byEndWord[String(last), default: []].append(records.count - 1) }
        }
        return records.count - 1
    }

    /// Records whose label has several words, by its first and by its last word ("Bai" → "Bai Suocheng"):
    /// where a surname alone is looked up (`MentionFinder.namedPerson`), without a pass over every record.
    private(set) var byEndWord: [String: [Int]] = [:]

    static func slug(_ label: String) -> String {
        let n = Ontology.normalise(label)
        var out = ""
        for s in n.unicodeScalars {
            if s == " " { out += "-" } else if s.isASCII { out.unicodeScalars.append(s) } else {
                out += String(s.value, radix: 16)
            }
        }
        return out.isEmpty ? "unnamed" : out
    }
}

/// Finds the entity mentions of one sentence, left to right, longest first: known names (ontology
/// and article-local), acronym definitions in both orders, unknown capitalised names typed by their
/// head word, titled persons, delimited groups of people, and generic references resolved to the
/// most recent compatible entity. A class: its methods' closures capture one reference, not a copy
/// of the ontology and lexicon.
final class MentionFinder {
    let ontology: Ontology
    let lexicon: Lexicon

    init(ontology: Ontology, lexicon: Lexicon) {
        self.ontology = ontology
        self.lexicon = lexicon
    }

    /// Function words and other capitalised words that never start a name.
    static let stopWords: Set<String> = [
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "they", "their", "he", "she", "his", "her",
        "we", "our", "i", "you", "in", "on", "at", "by", "for", "from", "with", "of", "to", "and", "or", "but",
        "as", "after", "before", "since", "until", "while", "when", "where", "which", "who", "whom", "what",
        "if", "some", "many", "most", "more", "all", "both", "each", "other", "another", "such", "no", "not",
        "there", "here", "however", "meanwhile", "separately", "according", "among", "about", "around", "local",
        "mr", "mrs", "ms", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "last", "late", "early", "earlier", "later", "then", "now", "also", "yet", "so", "because", "although",
        "during", "under", "over", "into", "through", "across", "against", "without", "within", "near",
    ]

    func find(_ t: [Token], _ sentence: Range<Int>, timeTokens: TokenSet, state: inout ArticleEntities) -> [Mention] {
        var out: [Mention] = []
        var i = sentence.lowerBound
        let end = sentence.upperBound
        while i < end {
            if timeTokens.contains(i) { i += 1; continue }
            // "pro-junta", "anti-regime": a name glued after a hyphen is a modifier, not a mention.
            let glued = i > sentence.lowerBound && t[i - 1].text == "-" && !t[i].spaceBefore && !t[i - 1].spaceBefore
            // "the government centre", "an army base": a facility noun of two words or more whose first
            // word would otherwise read as a common name ("government", "army").
            let f = i + 1
            if ["the", "a", "an"].contains(t[i].key), f < end, !t[f].isCapitalised, let h = facilityHead(t, f, end), h >= 2,
               let n = lexicon.names.longest(t, at: f, end: end)?.length ?? extra(t, f, end), n < h { i = f + h; continue }
            // "The General Officer Commanding 1 Division": a role of two words or more, capitalised and longer
            // than any title there, names no one
            if t[i].isCapitalised, let r = lexicon.longRoleNouns.longest(t, at: i, end: end),
               r.length > (lexicon.titles.longest(t, at: i, end: end)?.length ?? 0) { i += r.length; continue }
            // "the Minister of Communication and Tourism": a minister's portfolio names nothing
            if let p = portfolioEnd(t, i, end) { i = p; continue }
            if let found = names(t, i, end, sentence, glued: glued, state: &state) {
                out.append(contentsOf: found)
                siteInPlace(t, sentence, &out, from: out.count - found.count, state: &state)
                i = found.last!.range.upperBound
                continue
            }
            if glued { i += 1; continue }
            // "the capital" names a town by its role; it does not make that town what "the city" means
            if let m = capital(t, i, end, state: &state) {
                out.append(m)
                i = m.range.upperBound
                continue
            }
            if var m = group(t, i, end, state: &state) ?? restatedPlace(t, i, end, out, state: &state)
                ?? countrysForce(t, i, end, sentence, out, state: &state)
                ?? firstPerson(t, i, end, sentence, state: &state)
                ?? reference(t, i, end, sentence, out, state: state)
                ?? bridgedSite(t, i, end, out, state: &state)
                ?? unnamed(t, i, end, sentence, state: &state)
                ?? kind(t, i, end, sentence, state: &state) {
                if m.kind == .reference, let f = possessedSite(t, m, end, state: &state) { m = f }
                out.append(m)
                if m.kind != .relative { state.history.append(m.entity) }
                i = m.range.upperBound
                continue
            }
            i += 1
        }
        siteInPlace(t, sentence, &out, state: &state)
        slashPairs(t, &out, state: &state)
        quotedFirstPerson(t, sentence, &out, state: state)
        noteIssuer(t, sentence, out, state: &state)
        let lastClause = Self.clauseStart(t, before: sentence.upperBound, sentence)
        // (a dateline's place, "PEMBA, Mozambique - …", "Tripoli - …", is where the report was filed: no
        // word of the next sentence refers to it)
        let clauseMentions = out.filter { !Self.dateline(t, $0.range, sentence) }
        state.previousSentence = clauseMentions.map { ($0.entity, Self.governed(t, $0.range.lowerBound, sentence, memberNouns: lexicon.extra.memberNouns) || Self.compoundModifier(t, $0.range, sentence)
            || Self.indefiniteModifier(t, $0.range, sentence), $0.range.lowerBound >= lastClause) }
        return out
    }

    /// "AFC/M23", "SPLM/A": two names joined by a slash are one actor as the text names it — the second's,
    /// which takes the pair as an alias.
    private func slashPairs(_ t: [Token], _ out: inout [Mention], state: inout ArticleEntities) {
        var k = 0
        while k + 1 < out.count {
            let a = out[k], b = out[k + 1]
            let gap = a.range.upperBound..<b.range.lowerBound
            guard gap.count == 1, t[gap.lowerBound].text == "/", !t[gap.lowerBound].spaceBefore, !t[b.range.lowerBound].spaceBefore,
                  a.kind == .name, b.kind == .name, a.entity != b.entity,
                  ArticleEntities.isActorClass(state.records[b.entity].classIRI, ontology)
                    || state.records[b.entity].classIRI == lexicon.unknownClass else { k += 1; continue }
            state.addAliases(b.entity, [text(t, a.range.lowerBound..<b.range.upperBound).replacingOccurrences(of: " / ", with: "/")])
            out[k] = Mention(range: a.range.lowerBound..<b.range.upperBound, entity: b.entity, kind: .name)
            out.remove(at: k + 1)
            k += 1
        }
    }

    /// The end of the capitalised words of a minister's portfolio starting at `i` ("Minister of
    /// Communication and Tourism", "Minister Delegate for Regional Cooperation"); nil if none starts there.
    private func portfolioEnd(_ t: [Token], _ i: Int, _ end: Int) -> Int? {
        guard t[i].isCapitalised, t[i].kind == .word, i >= 2, ["of", "for"].contains(t[i - 1].key),
              (1...3).contains(where: { i - 1 - $0 >= 0 && t[i - 1 - $0].key == "minister" }) else { return nil }
        var k = i
        // ("of Communication, of Culture, of Arts and of Tourism": each portfolio after its own "of")
        func portfolioWord(_ j: Int) -> Bool {
            j < end && t[j].isCapitalised && t[j].kind == .word && lexicon.names.longest(t, at: j, end: end) == nil
        }
        while k < end {
            if t[k].kind == .word && t[k].isCapitalised { k += 1; continue }
            if ["and", "&"].contains(t[k].key), portfolioWord(k + 1) { k += 1; continue }
            if [",", "and"].contains(t[k].key), k + 2 < end, t[k + 1].key == "of", portfolioWord(k + 2) { k += 2; continue }
            break
        }
        return k > i ? k : nil
    }

    /// Words for a statement: a sentence among the first few with one, and an actor, names who issued it.
    static let statementNouns: Set<String> = ["statement", "release", "communiqué", "communique", "declaration", "announcement"]

    /// The issuer of a statement (`ArticleEntities.issuer`): the first actor named in one of the article's first
    /// three sentences (its title or letterhead) that has a word for a statement.
    private func noteIssuer(_ t: [Token], _ sentence: Range<Int>, _ out: [Mention], state: inout ArticleEntities) {
        defer { state.sentencesRead += 1 }
        guard state.issuer == nil, state.sentencesRead < 3, sentence.contains(where: { Self.statementNouns.contains(t[$0].key) }),
              let first = out.first(where: { m in
                  // (a name of unknown kind only right before the word: "AFC/M23 press release")
                  let cls = state.records[m.entity].classIRI
                  return m.kind != .relative && cls != lexicon.personClass
                      && !m.range.contains(where: { Self.statementNouns.contains(t[$0].key) })
                      && (ArticleEntities.isActorClass(cls, ontology) || (cls == lexicon.unknownClass
                          && (m.range.upperBound..<min(sentence.upperBound, m.range.upperBound + 4)).contains { Self.statementNouns.contains(t[$0].key) }))
              }) else { return }
        state.issuer = first.entity
    }

    /// "our forces", "our units", "our Movement", "we" outside quotes in a statement: its issuer — for a
    /// government's or ministry's statement, the forces of the country the article is clearly about.
    private func firstPerson(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>, state: inout ArticleEntities) -> Mention? {
        guard let issuer = state.issuer, t[i].key == "our" || t[i].key == "we" else { return nil }
        guard t[sentence.lowerBound..<i].count(where: { ["\"", "\u{201C}", "\u{201D}"].contains($0.text) }) % 2 == 0 else { return nil }
        if t[i].key == "we" { return Mention(range: i..<(i + 1), entity: issuer, kind: .reference) }
        guard i + 1 < end else { return nil }
        // ("our valiant forces", "our military spokesman": one lower-case word before the noun)
        let n = i + 2 < end && t[i + 1].kind == .word && !t[i + 1].isCapitalised && !lexicon.bodyNouns.contains(t[i + 1].key)
            && !lexicon.extra.memberNouns.contains(t[i + 1].key) && lexicon.personRoleNouns.longest(t, at: i + 1, end: end) == nil ? i + 2 : i + 1
        let noun = t[n].key
        // "our military spokesman, X": the issuer's role
        if lexicon.personRoleNouns.longest(t, at: n, end: end) != nil { return Mention(range: i..<(i + 1), entity: issuer, kind: .reference) }
        guard lexicon.extra.memberNouns.contains(noun) || lexicon.extra.agentNouns.contains(noun) || noun == "army" else {
            // "our Movement", "our government": the issuer itself
            return lexicon.bodyNouns.contains(noun) ? Mention(range: i..<(n + 1), entity: issuer, kind: .reference) : nil
        }
        let cls = state.records[issuer].classIRI
        if ontology.isSubclass(cls, of: lexicon.stateForceClass) || ontology.isSubclass(cls, of: lexicon.armedGroupClass)
            || ontology.isSubclass(cls, of: KG.ns + "Alliance") || cls == lexicon.unitClass || cls == lexicon.unknownClass {
            return Mention(range: i..<(n + 1), entity: issuer, kind: .reference)
        }
        guard let country = state.clearCountry else { return nil }
        let force = nationalEntity(country: country, cls: lexicon.stateForceClass, words: lexicon.extra.demonymOf[country].map { $0 + " forces" } ?? "our forces", state: &state)
        return Mention(range: i..<(n + 1), entity: force, kind: .reference)
    }

    /// The mentions of a name at `i` — a country's actor, numbered units, a known or new name — recorded in the
    /// article's history (a dateline's town is not); nil if none. A name glued after a hyphen is read (the
    /// article's entities remember it) but is no mention.
    private func names(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>, glued: Bool,
                       state: inout ArticleEntities) -> [Mention]? {
        if !glued, let m = national(t, i, end, sentence, state: &state) {
            state.history.append(m.entity)
            return [m]
        }
        // "Light Infantry Battalions 356 and 357": one unit per number
        if !glued, let units = pluralUnits(t, i, end, state: &state) {
            for u in units { state.history.append(u.entity) }
            return units
        }
        // "No. (374) Light Infantry Battalion": the number before the unit's name
        if !glued, let (_, after) = unitNumber(t, i, end), after < end,
           let m = name(t, after, end, sentence, state: &state),
           let u = numberedUnit(t, m, prefix: i, end, state: &state) {
            state.history.append(u.entity)
            return [u]
        }
        if var m = name(t, i, end, sentence, state: &state), !glued {
            if let f = possessedSite(t, m, end, state: &state) { m = f }
            else if let u = numberedUnit(t, m, prefix: nil, end, state: &state) { m = u }
            // "SITTWE, Myanmar -": a dateline's town is where the report was filed, not what "the town" means
            if !Self.dateline(t, m.range, sentence) { state.history.append(m.entity) }
            return [m]
        }
        return nil
    }

    /// "SITTWE, Myanmar - …", "Tripoli - …", "Pemba, Mozambique - …": a place that opens the sentence in
    /// capitals before a comma, or before a dash (after a comma and one more name, or at once).
    static func dateline(_ t: [Token], _ r: Range<Int>, _ sentence: Range<Int>) -> Bool {
        guard r.lowerBound == sentence.lowerBound, r.upperBound < sentence.upperBound else { return false }
        let dashes: Set<String> = ["-", "\u{2013}", "\u{2014}"]
        let next = t[r.upperBound].text
        if dashes.contains(next) { return true }
        guard next == "," else { return false }
        if t[r.lowerBound].text.count >= 3, r.allSatisfy({ t[$0].kind != .word || t[$0].text == t[$0].text.uppercased() }) { return true }
        var k = r.upperBound + 1
        while k < sentence.upperBound, k - r.upperBound <= 4, t[k].isCapitalised { k += 1 }
        return k > r.upperBound + 1 && k < sentence.upperBound && dashes.contains(t[k].text)
    }

    // MARK: numbered units

    /// "Light Infantry Battalions 356 and 357", "Battalions 503, 504 and 505": capitalised words ending in the
    /// plural of a unit head word, then numbers joined by commas and "and" — one unit mention per number
    /// ("Light Infantry Battalion 356" over the words and the first number, then each number alone).
    func pluralUnits(_ t: [Token], _ i: Int, _ end: Int, state: inout ArticleEntities) -> [Mention]? {
        guard t[i].isCapitalised, t[i].kind == .word, !lexicon.token(t[i], isIn: .stop) else { return nil }
        var k = i
        while k < end, k - i < 5, t[k].isCapitalised, t[k].kind == .word { k += 1 }
        guard k > i, k < end, t[k].kind == .number, t[k - 1].text.hasSuffix("s"),
              lexicon.unitHeads.contains(String(t[k - 1].text.dropLast())) else { return nil }
        let singular = (k - 1 > i ? text(t, i..<(k - 1)) + " " : "") + String(t[k - 1].text.dropLast())
        var numbers: [Int] = [k]
        var j = k + 1
        while j + 1 < end, [",", "and"].contains(t[j].key) {
            var n = j + 1
            if t[j].key == ",", t[n].key == "and", n + 1 < end { n += 1 }
            guard t[n].kind == .number else { break }
            numbers.append(n)
            j = n + 1
        }
        guard numbers.count >= 2 else { return nil }
        return numbers.enumerated().map { idx, n in
            let e = state.named(singular + " " + t[n].text, classIRI: lexicon.unitClass, aliases: [], ontology: ontology)
            return Mention(range: (idx == 0 ? i : n)..<(n + 1), entity: e, kind: .name)
        }
    }

    /// "No. (374)", "No. 9", "No.(9)": a unit number in the style of translated Burmese outlets, at `k`.
    /// The number and the index after it.
    func unitNumber(_ t: [Token], _ k: Int, _ end: Int) -> (String, Int)? {
        guard k < end, t[k].key == "no" || t[k].key == "no." else { return nil }
        var j = k + 1
        if j < end, t[j].text == "." { j += 1 }
        let bracket = j < end && t[j].text == "("
        if bracket { j += 1 }
        guard j < end, t[j].kind == .number, !t[j].text.contains(",") else { return nil }
        let n = t[j].text
        j += 1
        if bracket { guard j < end, t[j].text == ")" else { return nil }; j += 1 }
        return (n, j)
    }

    /// "No. (374) Light Infantry Battalion", "Military Operations Command No. (9)": the unit with its number
    /// ("Light Infantry Battalion 374"), when `m` names a military unit.
    func numberedUnit(_ t: [Token], _ m: Mention, prefix: Int?, _ end: Int, state: inout ArticleEntities) -> Mention? {
        let cls = state.records[m.entity].classIRI
        guard ontology.isSubclass(cls, of: lexicon.unitClass) || ontology.isSubclass(cls, of: lexicon.stateForceClass) else { return nil }
        var number: String?, lower = m.range.lowerBound, upper = m.range.upperBound
        if let p = prefix, let (n, after) = unitNumber(t, p, end), after == m.range.lowerBound { number = n; lower = p }
        else if let (n, after) = unitNumber(t, m.range.upperBound, end) { number = n; upper = after }
        guard let number else { return nil }
        let label = state.records[m.entity].label + " " + number
        let e = state.named(label, classIRI: lexicon.unitClass, aliases: [], ontology: ontology)
        return Mention(range: lower..<upper, entity: e, kind: .name)
    }

    // MARK: sites named by their place

    /// The lower-case facility head word at `k` ("airport", "police station", "government complex").
    private func facilityHead(_ t: [Token], _ k: Int, _ end: Int) -> Int? {
        guard k < end, t[k].kind == .word, !t[k].isCapitalised, let h = lexicon.headWords.longest(t, at: k, end: end),
              h.value == lexicon.facilityClass else { return nil }
        return h.length
    }

    /// The length of a generic national name at `k` ("government", "security forces"), if any.
    private func extra(_ t: [Token], _ k: Int, _ end: Int) -> Int? {
        lexicon.extra.genericNames.longest(t, at: k, end: end)?.length ?? lexicon.extra.nationalHeads.longest(t, at: k, end: end)?.length
    }

    /// "Thandwe's airport", "the town's police station", "its police station" (its: a town): a place's
    /// facility, named "Thandwe airport".
    private func possessedSite(_ t: [Token], _ m: Mention, _ end: Int, state: inout ArticleEntities) -> Mention? {
        let a = m.range.upperBound
        let its = m.range.count == 1 && t[m.range.lowerBound].key == "its"
        let at = its ? a : a + 1
        guard at < end, its || t[a].key == "'s", isPlaceClass(state.records[m.entity].classIRI),
              state.records[m.entity].classIRI != lexicon.facilityClass,
              let h = facilityHead(t, at, end) else { return nil }
        let place = state.records[m.entity].label
        let head = text(t, at..<(at + h))
        let e = state.named(place + " " + head, classIRI: lexicon.facilityClass, aliases: [place + "'s " + head], ontology: ontology)
        return Mention(range: m.range.lowerBound..<(at + h), entity: e, kind: .name)
    }

    /// The words between a facility noun and the place it stands in ("the airport outside Sheberghan").
    static let sitePrepositions: Set<String> = ["in", "at", "near", "outside"]
    /// The words before a facility noun that make it one known site ("the base", "their base"), not any
    /// ("a base in X" may be one of several).
    static let siteDeterminers: Set<String> = Matcher.possessives.union(["the"])

    /// "the government complex in Ramadi", "the port of Mocimboa da Praia", "their base at Buulo Mareer":
    /// a facility named by the place after it ("Ramadi government complex"); the place stays a mention
    /// of its own.
    /// Called as each name is read (`from` its index, so that "the airfield" later in the sentence finds
    /// the site in the article's history) and once more over the whole sentence.
    private func siteInPlace(_ t: [Token], _ sentence: Range<Int>, _ out: inout [Mention], from: Int = 0, state: inout ArticleEntities) {
        var k = from
        while k < out.count {
            let p = out[k]
            let b = p.range.lowerBound
            guard p.kind == .name, b - 3 >= sentence.lowerBound, Self.sitePrepositions.contains(t[b - 1].key) || t[b - 1].key == "of",
                  isPlaceClass(state.records[p.entity].classIRI), state.records[p.entity].classIRI != lexicon.facilityClass
            else { k += 1; continue }
            // "the" + head word ending right before "in"/"of"
            var found: (start: Int, length: Int)?
            for start in stride(from: b - 2, through: max(sentence.lowerBound + 1, b - 4), by: -1)
                where Self.siteDeterminers.contains(t[start - 1].key) {
                if let h = facilityHead(t, start, b - 1), start + h == b - 1 { found = (start, h); break }
            }
            guard let (start, h) = found else { k += 1; continue }
            let range = (start - 1)..<(b - 1)
            // nothing may stand there already but a reference or common word inside it ("the base", "the government")
            let covering = out.indices.filter { out[$0].range.overlaps(range) }
            guard covering.allSatisfy({ out[$0].range.lowerBound >= range.lowerBound && out[$0].range.upperBound <= range.upperBound
                && (out[$0].kind == .reference || !t[out[$0].range.lowerBound + (t[out[$0].range.lowerBound].key == "the" ? 1 : 0)].isCapitalised) })
            else { k += 1; continue }
            let place = state.records[p.entity].label
            let head = text(t, start..<(start + h))
            let e = state.named(place + " " + head, classIRI: lexicon.facilityClass,
                                aliases: [head + " " + t[b - 1].text + " " + place], ontology: ontology)
            let m = Mention(range: range, entity: e, kind: .name)
            if covering.isEmpty { state.history.append(e) }
            for c in covering.reversed() { out.remove(at: c) }
            let at = covering.first ?? k
            out.insert(m, at: at)
            k = at + 2
        }
    }

    // MARK: countries and national entities

    /// Reads the whole article once before its sentences, so the first sentence knows what later ones
    /// say: the countries it names (known names of countries and of places or actors with a country,
    /// and demonyms) and the type hints of its names.
    func survey(_ t: [Token], state: inout ArticleEntities) {
        state.countryOf = lexicon.extra.countryOf
        state.ontologyIRIs = lexicon.extra.entityByIRI
        hints(t, state: &state)
        // the known acronyms the article defines as something else, wherever it uses them
        var otherwise = Set<String>()
        for k in t.indices where k > 1 && t[k].isAcronym && t[k - 1].text == "(" {
            if let n = lexicon.names.longest(t, at: k, end: t.count), n.length == 1,
               Self.definedOtherwise(t, k, 1, ontology.entities[n.value]) { otherwise.insert(t[k].text) }
        }
        var i = 0
        while i < t.count {
            guard t[i].isCapitalised || t[i].isAcronym else { i += 1; continue }
            if let d = lexicon.extra.demonyms.longest(t, at: i, end: t.count) {
                state.countCountry(d.value)
                i += d.length
                continue
            }
            if let n = lexicon.names.longest(t, at: i, end: t.count) {
                // (a common-word alias capitalised at a sentence's start, "Government forces said", names no country;
                // nor does a bracketed acronym after a long form that is none of its entity's names: "the Somali
                // National Army (SNA)" is not Syria's SNA)
                if !(t[i].isAcronym && otherwise.contains(t[i].text)),
                   let c = lexicon.extra.countryOf[n.value], n.phrase.text.unicodeScalars.contains(where: { $0.properties.isUppercase }) {
                    state.countCountry(c)
                }
                i += n.length
                continue
            }
            i += 1
        }
        // (after the countries: an acronym's long form is matched against the entities in the article's scope)
        definedAcronyms(t, state: &state)
        // the country an article is clearly about (named, or its demonym, twice as often as any other) is
        // what "the country" may mean, even where the article never names it ("Afghan forces …")
        if let country = state.clearCountry, let index = lexicon.extra.countryIndex[country] {
            _ = state.known(index, ontology)
        }
    }

    /// Whether the known acronym of `length` tokens at `i` stands in brackets after a long form that is none
    /// of `entity`'s names ("the Somali National Army (SNA)" for Syria's SNA).
    static func definedOtherwise(_ t: [Token], _ i: Int, _ length: Int, _ entity: OntologyEntity) -> Bool {
        guard i > 1, t[i - 1].text == "(", i + length < t.count, t[i + length].text == ")", t[i].isAcronym else { return false }
        var run = i - 1
        while run > 0, i - 1 - run < 8, t[run - 1].isCapitalised || ["of", "and", "the", "for", "'s"].contains(t[run - 1].key) { run -= 1 }
        guard run < i - 1 else { return false }
        let longForm = Ontology.normalise(t[run..<(i - 1)].map(\.text).joined(separator: " "))
        return !([entity.label] + entity.aliases).contains { n in
            let name = Ontology.normalise(n)
            return !name.isEmpty && (longForm == name || longForm.hasSuffix(" " + name))
        }
    }

    /// Whether token `j` opens a sentence or a paragraph (the title's first word, a word after ". ").
    static func opensSentence(_ t: [Token], _ j: Int) -> Bool {
        j == 0 || t[j].paragraphBefore || [".", "!", "?", "\u{201C}", "\""].contains(t[j - 1].text)
    }

    /// Whether a lower-case Arabic article at `k` is glued by a hyphen to a capitalised word ("al-Qaeda",
    /// "Fayez al-Sarraj", "el-Fasher").
    static func gluedArticle(_ t: [Token], _ k: Int, _ end: Int) -> Bool {
        k + 2 < end && arabicArticles.contains(t[k].key) && !t[k].isCapitalised && t[k + 1].text == "-"
            && !t[k + 1].spaceBefore && !t[k + 2].spaceBefore && t[k + 2].isCapitalised && t[k + 2].kind == .word
    }

    /// Whether token `j` follows a dash that opens a clause ("Conflict brief – Resistance takes …").
    static func afterDash(_ t: [Token], _ j: Int) -> Bool {
        j > 0 && (["\u{2013}", "\u{2014}"].contains(t[j - 1].text) || (t[j - 1].text == "-" && t[j - 1].spaceBefore && t[j].spaceBefore))
    }

    /// "the Afghan National Defence and Security Forces (ANDSF)", "the United Nations Support Mission in
    /// Libya (UNSMIL)": a long form whose words' initials spell the bracketed acronym after it is one name
    /// from the article's first sentence on, over the function words and known names inside it that would
    /// otherwise cut it apart. Long forms of capitalised words alone are read where they stand.
    private func definedAcronyms(_ t: [Token], state: inout ArticleEntities) {
        var close = 3
        while close < t.count {
            defer { close += 1 }
            guard t[close].text == ")", t[close - 2].text == "(", t[close - 1].isAcronym else { continue }
            let open = close - 2, acronym = t[close - 1].text
            let letters = acronym.unicodeScalars.filter { $0.properties.isAlphabetic }.map { Character($0) }
            guard letters.count >= 3, let start = Self.longFormStart(t, before: open, spelling: letters)
                    ?? Self.translatedLongFormStart(t, before: open, spelling: letters) else { continue }
            let inner = (start..<open).contains { t[$0].kind == .word && !t[$0].isCapitalised }
                || (start..<open).contains { lexicon.names.longest(t, at: $0, end: open) != nil }
            let opening = lexicon.names.longest(t, at: start, end: open)
            guard inner, opening?.length != open - start,
                  state.local.longest(t, at: start, end: open)?.length != open - start else { continue }
            let label = text(t, start..<open)
            // ("the United Nations Support Mission in Libya": the head before "in" or "for")
            let before = (start..<open).first { ["in", "for"].contains(t[$0].key) }
            var cls = headClass(t, start, open) ?? before.flatMap { lexicon.headWords.lastEnding(at: $0, from: start, t) }
                ?? state.typeHints[Ontology.normalise(label)]
                ?? state.typeHints[Ontology.normalise(acronym)] ?? lexicon.unknownClass
            // "the Islamic State's Velor Province (ISVP)": an actor's name opening another's gives its kind
            if let n = opening, !isPlaceClass(ontology.entities[n.value].classIRI),
               ontology.isSubclass(ontology.entities[n.value].classIRI, of: lexicon.actorClass) {
                cls = ontology.entities[n.value].classIRI
            }
            cls = nationalForce(cls, t, start, open)
            // "the Defence and Security Forces (FDS) of Mozambique": a country's forces
            if cls == lexicon.armedGroupClass, close + 2 < t.count, t[close + 1].key == "of",
               let n = lexicon.names.longest(t, at: close + 2, end: t.count), ontology.entities[n.value].classIRI == lexicon.countryClass {
                cls = lexicon.stateForceClass
            }
            _ = state.named(label, classIRI: cls, aliases: [acronym], ontology: ontology,
                            preferredID: KG.entityNS + ArticleEntities.slug(acronym))
        }
    }

    /// "the Somali National Army", "the Afghan National Defence and Security Forces": an armed force whose
    /// name a country's demonym or name opens is that country's state force; `cls` otherwise.
    func nationalForce(_ cls: String, _ t: [Token], _ start: Int, _ end: Int) -> String {
        guard cls == lexicon.armedGroupClass else { return cls }
        let national = lexicon.extra.demonyms.longest(t, at: start, end: end) != nil
            || lexicon.names.longest(t, at: start, end: end).map { ontology.entities[$0.value].classIRI == lexicon.countryClass } == true
        return national ? lexicon.stateForceClass : cls
    }

    /// Function words a long form may hold, spelled in its acronym or not ("Mission in Libya (UNSMIL)").
    static let longFormWords: Set<String> = ["and", "of", "the", "for", "in", "on", "de", "da", "do", "du", "des", "la", "el", "al", "wa"]

    /// Where the long form ending before the bracket at `open` starts: each capitalised word gives its
    /// initial (an acronym inside, a prefix of its letters), each function word its initial or nothing,
    /// and the first word is capitalised; nil if no run of words spells `letters` exactly.
    static func longFormStart(_ t: [Token], before open: Int, spelling letters: [Character]) -> Int? {
        func from(_ j: Int, _ remaining: Int) -> Int? {
            guard j >= 0, open - j <= 16 else { return nil }
            let w = t[j]
            if (w.text == "-" && !w.spaceBefore) || w.key == "'s" { return from(j - 1, remaining) }
            guard w.kind == .word else { return nil }
            if w.isCapitalised {
                let caps = Array(w.text.uppercased())
                for take in stride(from: w.isAcronym ? min(caps.count, remaining) : 1, through: 1, by: -1)
                where Array(letters[(remaining - take)..<remaining]) == Array(caps.prefix(take)) {
                    if take == remaining { return j }
                    if let s = from(j - 1, remaining - take) { return s }
                }
                return nil
            }
            guard longFormWords.contains(w.key), j < open - 1 else { return nil }
            if let s = from(j - 1, remaining) { return s }
            if remaining > 1, Character(w.text.prefix(1).uppercased()) == letters[remaining - 1] { return from(j - 1, remaining - 1) }
            return nil
        }
        return from(open - 1, letters.count)
    }

    /// "the National Movement for the Liberation of Azawad (MNLA)", "the Coordination of Azawad Movements
    /// (CMA)": a name translated into English keeps the acronym of its own language, whose letters are the
    /// English words' initials in another order. Where the shortest run of capitalised words (and function
    /// words between them) before the bracket whose initials are the acronym's letters starts; nil if none.
    static func translatedLongFormStart(_ t: [Token], before open: Int, spelling letters: [Character]) -> Int? {
        let wanted = letters.map { Character($0.uppercased()) }.sorted()
        var initials: [Character] = []
        var j = open - 1
        while j >= 0, open - j <= 16, initials.count < wanted.count {
            let w = t[j]
            if w.kind == .word, w.isCapitalised, !w.isAcronym, let c = w.text.first {
                initials.append(Character(c.uppercased()))
                if initials.count == wanted.count { return initials.sorted() == wanted ? j : nil }
            } else if !(w.kind == .word && longFormWords.contains(w.key) && j < open - 1) && !(w.text == "-" && !w.spaceBefore) && w.key != "'s" {
                return nil
            }
            j -= 1
        }
        return nil
    }

    /// "Taliban fighters", "the Shabaab militants", "M23-held": a run of capitalised words followed by a
    /// follower noun or a hyphenated cue is an actor of that noun's class, wherever the article says so.
    private func hints(_ t: [Token], state: inout ArticleEntities) {
        let extra = lexicon.extra
        guard !extra.followerNouns.isEmpty || !extra.hyphenCues.isEmpty || !extra.speechVerbs.isEmpty else { return }
        // words written with a capital inside a sentence somewhere in the article (names, not just
        // sentence openers); gathered the first time a sentence opener needs it
        var midCapitalised: Set<String>?
        func capitalisedInside(_ key: String) -> Bool {
            if midCapitalised == nil {
                midCapitalised = Set(t.indices.lazy.filter { t[$0].kind == .word && t[$0].isCapitalised && !Self.opensSentence(t, $0) }
                                        .map { t[$0].key })
            }
            return midCapitalised!.contains(key)
        }
        var lowerCase: Set<String>?
        func writtenLowerCase(_ key: String) -> Bool {
            if lowerCase == nil {
                lowerCase = Set(t.lazy.filter { $0.kind == .word && !$0.isCapitalised }.map(\.key))
            }
            return lowerCase!.contains(key)
        }
        var i = 0
        while i < t.count {
            // "al-Qaeda fighters"
            let article = Self.gluedArticle(t, i, t.count)
            guard article || (t[i].kind == .word && t[i].isCapitalised && !lexicon.token(t[i], isIn: .stop)) else { i += 1; continue }
            var k = article ? i + 3 : i + 1
            // capitalised words, hyphen-joined parts ("Al-Shabaab", "ISIS-K")
            while k < t.count {
                if t[k].kind == .word, t[k].isCapitalised, t[k].spaceBefore || t[k - 1].text == "-" { k += 1; continue }
                if t[k].text == "-", !t[k].spaceBefore, k + 1 < t.count, !t[k + 1].spaceBefore, t[k + 1].isCapitalised { k += 1; continue }
                // "Ahmed al-Mismari": an Arabic article glued to the next part
                if k > i, Self.gluedArticle(t, k, t.count) { k += 3; continue }
                break
            }
            var cls = hintClass(t, i, k, article: article, state: &state)
            // "Joint forces of A and B retake …": one ordinary word opening a sentence, capitalised only
            // there, is no name before a follower noun (an acronym or a name written so elsewhere is)
            if cls != nil, !article, k - i == 1, Self.opensSentence(t, i), t[i].text.dropFirst().contains(where: \.isLowercase),
               k < t.count, extra.followerNouns[t[k].key] != nil, !capitalisedInside(t[i].key) {
                cls = nil
            }
            // "Conflict brief – Resistance takes …", "Resistance forces say …": a word the article also writes
            // in lower case ("resistance fighters") is an ordinary word where a sentence or a dash opens it
            if cls != nil, !article, k - i == 1, Self.opensSentence(t, i) || Self.afterDash(t, i),
               t[i].text.dropFirst().contains(where: \.isLowercase), writtenLowerCase(t[i].key) {
                cls = nil
            }
            if let cls {
                let name = text(t, i..<k)
                // a demonym or a known name is typed already
                if lexicon.extra.demonyms.longest(t, at: i, end: k) == nil, lexicon.names.longest(t, at: i, end: k)?.length != k - i {
                    state.typeHints[Ontology.normalise(name)] = cls
                }
            }
            i = k
        }
    }

    /// The class the words around the capitalised run `i..<k` give it (see `hints`), if any: a follower noun
    /// or hyphenated cue after it, a verb of speech or a person's role noun, a word only a place follows, a
    /// region or a facility it is placed in. A follower noun of the insurgent side also records the name as
    /// the insurgents'.
    private func hintClass(_ t: [Token], _ i: Int, _ k: Int, article: Bool, state: inout ArticleEntities) -> String? {
        let extra = lexicon.extra
        var cls: String?
        // "Al Sunnah wa Jama'ah (ASWJ) insurgents": the follower noun after the bracketed acronym
        let follower = k + 1 < t.count && t[k].text == ")" && i > 0 && t[i - 1].text == "(" ? k + 1 : k
        if follower < t.count, t[follower].kind == .word, !t[follower].isCapitalised, t[follower].spaceBefore {
            cls = extra.followerNouns[t[follower].key]
            // "the Marib offensive", "Bakhmut positions": a place of the gazetteer before a word that a place
            // takes as well is no actor
            if cls != nil, Self.placeFollowers.contains(t[follower].key), !lexicon.places.places(named: text(t, i..<k)).isEmpty { cls = nil }
            // "ASWJ insurgents", "Shabaab militants": the article calls it by a word for the insurgent side
            if cls != nil, lexicon.adjectives.longest(t, at: i, end: k)?.length == k - i { cls = nil }
            if cls != nil, lexicon.insurgentWords.contains(t[follower].key) { state.insurgentNames.insert(Ontology.normalise(text(t, i..<k))) }
        }
        if k + 1 < t.count, t[k].text == "-", !t[k].spaceBefore, !t[k + 1].spaceBefore { cls = extra.hyphenCues[t[k + 1].key] }
        // "Zabihullah Mujahid said": two or three capitalised words, no article or head word, before a
        // verb of speech name a person (`kg:speechVerb`).
        // ("X had said", "X also told")
        let speech = k + 1 < t.count && Self.speechAuxiliaries.contains(t[k].key) ? k + 1 : k
        if cls == nil, !article, speech < t.count, let person = extra.speechVerbs[t[speech].key], !t[speech].isCapitalised,
           (2...3).contains(k - i), (i..<k).allSatisfy({ t[$0].kind == .word && t[$0].spaceBefore || $0 == i }),
           i == 0 || !["the", "a", "an"].contains(t[i - 1].key), headClass(t, i, k) == nil,
           lexicon.places.places(named: text(t, i..<k)).isEmpty {
            cls = person
        }
        // "the eastern commander Khalifa Haftar", "coalition spokesman Ryan Dillon", "its defence minister,
        // Tin Aung San", "X, the speaker of parliament", "X, a spokesman for the governor": two or three words
        // right after a person's role noun or office (`kg:personNoun`), or in apposition with one, name a person
        if cls == nil, !article, (2...3).contains((i..<k).count { t[$0].isCapitalised }), headClass(t, i, k) == nil,
           lexicon.places.places(named: text(t, i..<k)).isEmpty {
            let before = i >= 2 && t[i - 1].text == "," ? i - 1 : i
            if before >= 1 && (1...min(3, before)).contains(where: { back in lexicon.personRoleNouns.longest(t, at: before - back, end: before)?.length == back })
                || appositiveRole(t, after: k) {
                cls = lexicon.personClass
            }
        }
        // "the offensive reached Momauk", "west of Laiza": a word before the name that only a place follows
        if cls == nil, !article, i >= 1, !t[i - 1].isCapitalised {
            for back in 1...min(3, i) where lexicon.extra.precedingCues.longest(t, at: i - back, end: i)?.length == back {
                cls = lexicon.extra.precedingCues.longest(t, at: i - back, end: i)?.value
                break
            }
        }
        // "Mahas, in the Hiraan region", "Duhok in the autonomous Kurdistan region": a place
        if cls == nil, !article, placedInRegion(t, k) { cls = lexicon.placeClass }
        // "Velor Kanu, a powerful gang, …", "the X, an armed group that …": an actor of that kind
        if cls == nil, !article, let kind = appositiveActor(t, after: k), lexicon.places.places(named: text(t, i..<k)).isEmpty { cls = kind }
        // "their base at Buulo Mareer", "a camp near X": the name after a facility noun and "at",
        // "near" or "in" is the place where it stands.
        if cls == nil, !article, i >= 2, Self.sitePrepositions.contains(t[i - 1].key), !t[i - 2].isCapitalised,
           (1...min(3, i - 1)).contains(where: { back in
               lexicon.headWords.longest(t, at: i - 1 - back, end: i - 1).map { $0.length == back && $0.value == lexicon.facilityClass } ?? false
           }) {
            cls = lexicon.placeClass
        }
        return cls
    }

    /// Words between a name and its verb of speech: "X had said", "X also told".
    static let speechAuxiliaries: Set<String> = ["had", "has", "also", "later", "then"]
    /// Whether the lower-case words at `k` are a place's or a facility's head word, or one word before one
    /// ("camp", "council camps"): what a force word before them modifies.
    func modifiesPlaceNoun(_ t: [Token], _ k: Int, _ end: Int) -> Bool {
        guard k < end, t[k].kind == .word, !t[k].isCapitalised else { return false }
        if lexicon.headWords.longest(t, at: k, end: end)?.value == lexicon.facilityClass || lexicon.placeNouns.contains(t[k].key) { return true }
        return k + 1 < end && t[k + 1].kind == .word && !t[k + 1].isCapitalised && lexicon.placeNouns.contains(t[k + 1].key)
            && !MentionFinder.stopWords.contains(t[k].key)
    }

    /// Nouns after a country's force word that name something else than the force ("military contractors").
    static let notTheForce: Set<String> = ["contractors", "contractor", "advisers", "advisors", "adviser", "advisor", "instructors",
                                           "trainers", "experts", "aid", "equipment", "hardware", "assistance", "exercises", "drills",
                                           "analysts", "analyst", "vehicles", "vehicle", "convoy", "hospital", "court", "courts"]

    /// Follower nouns that follow a place's name as readily as an actor's ("the Marib offensive").
    static let placeFollowers: Set<String> = ["offensive", "insurgency", "positions", "front"]

    /// The class of ", a|an|the <up to three words> <apposition noun>" after token `k` (`kg:appositionNoun`:
    /// "X, a powerful gang, …", "X, an armed group that …"), when the noun ends the noun phrase (not "the
    /// group's leader", "a militia commander").
    private func appositiveActor(_ t: [Token], after k: Int) -> String? {
        let nouns = lexicon.extra.appositionNouns
        guard !nouns.isEmpty, k + 2 < t.count, t[k].text == ",", ["the", "a", "an"].contains(t[k + 1].key) else { return nil }
        var j = k + 2
        while j < t.count, j - k <= 5, t[j].kind == .word || t[j].text == "-" {
            if let cls = nouns[t[j].key], !t[j].isCapitalised {
                let after = j + 1
                if after >= t.count || t[after].kind != .word { return after < t.count && ["'s", "'", "-"].contains(t[after].text) ? nil : cls }
                return Self.afterApposition.contains(t[after].key) ? cls : nil
            }
            // ("the surrender of X, the disbanding of its army": the noun heads no apposition after "of")
            if Self.stopWords.contains(t[j].key) { return nil }
            j += 1
        }
        return nil
    }

    /// Words that may follow the noun ending an actor's apposition ("a rebel group that", "… led by").
    static let afterApposition: Set<String> = ["that", "which", "who", "whose", "led", "based", "backed", "allied", "linked",
                                                "formed", "founded", "active", "fighting", "operating", "of", "in", "with", "from",
                                                "and", "known", "made", "loyal", "close", "opposed", "accused", "blamed", "responsible"]

    /// Whether ", the|a <up to four words> <role noun>" follows token `k`: an apposition that says what a
    /// person is ("X, the speaker of parliament", "X, the LNA's spokesman", "X, a senior Taliban commander").
    private func appositiveRole(_ t: [Token], after k: Int) -> Bool {
        guard k + 2 < t.count, t[k].text == ",", ["the", "a", "an"].contains(t[k + 1].key) else { return false }
        var j = k + 2
        while j < t.count, j - k <= 6 {
            if let r = lexicon.personRoleNouns.longest(t, at: j, end: t.count) {
                let after = j + r.length
                return after >= t.count || t[after].kind != .word || ["of", "for", "in", "at", "to", "who", "and"].contains(t[after].key)
            }
            guard t[j].kind == .word || t[j].key == "-" else { return false }
            j += 1
        }
        return false
    }

    /// "Afghan forces", "the Iraqi government", "Azerbaijan's army": a country's entity of the class
    /// the noun after the demonym (or possessive) names — one entity per country and class, whatever
    /// the words. "government forces" alone names the force of the country the article is most about.
    /// A longer known name wins ("Myanmar army" when the ontology lists it).
    private func national(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>, state: inout ArticleEntities) -> Mention? {
        let extra = lexicon.extra
        var country: String?, headAt = i
        if t[i].isCapitalised, let d = extra.demonyms.longest(t, at: i, end: end) {
            country = d.value
            headAt = i + d.length
        } else if t[i].isCapitalised, let n = lexicon.names.longest(t, at: i, end: end),
                  ontology.entities[n.value].classIRI == lexicon.countryClass, i + n.length < end {
            // "Azerbaijan's army", "the Azerbaijan Army"
            country = ontology.entities[n.value].iri
            headAt = i + n.length + (t[i + n.length].key == "'s" ? 1 : 0)
        }
        if let c = country, headAt > i, t[headAt - 1].key != "'s", let m = listedCountryBody(t, i..<headAt, country: c, sentence, state: &state) {
            return m
        }
        var cls: String?, upper = headAt
        // "the Pakistani town of Chaman": the demonym names the country the place lies in; "Azerbaijani
        // control of the city", "Chinese custody": the country whose hold it is.
        if let country, headAt > i, headAt < end, t[i].isCapitalised, !t[headAt].isCapitalised,
           lexicon.headWords.longest(t, at: headAt, end: end).map({ isPlaceClass($0.value) && $0.value != lexicon.countryClass }) == true
            || Self.holdingNouns.contains(t[headAt].key),
           let index = extra.countryIndex[country] {
            return Mention(range: i..<headAt, entity: state.known(index, ontology), kind: .name)
        }
        if country != nil, headAt > i, headAt < end, let title = extra.nationalTitles.longest(t, at: headAt, end: end),
           headAt + title.length < end, t[headAt + title.length].isCapitalised {
            // "Somali President Hassan Sheikh Mohamud": the demonym names the government; the title and
            // name that follow are a person (role patterns link the two).
            cls = title.value
        } else if country != nil, headAt < end, let h = extra.nationalHeads.longest(t, at: headAt, end: end) {
            cls = h.value
            upper = headAt + h.length
            // a name continues past the head ("Afghan National Army", "Iraqi Security Forces") — that is a name
            if upper < end, t[upper].isCapitalised, t[upper].kind == .word { return nil }
            // "Romanian military contractors", "Russian military advisers", "a Turkish army base": a noun the
            // head modifies that is no part of the force
            if upper < end, Self.notTheForce.contains(t[upper].key) || modifiesPlaceNoun(t, upper, end) { return nil }
        } else if country != nil, headAt > i, let h = coordinatedNationalHead(t, headAt, end) {
            // "the Mozambican and Rwandan troops": each demonym of the list names its country's force
            // (the mention is the demonym alone; the last one takes the head with it)
            cls = h
        } else if country == nil, t[i].key == "government", Self.holdsBefore(t, i, i + 1, sentence), let main = state.mainCountry {
            // "remained in government hands", "under government control": the government of the country the
            // article is most about
            country = main
            cls = lexicon.governmentClass
            upper = i + 1
        } else if country == nil, let g = extra.genericNames.longest(t, at: i, end: end), let main = state.mainCountry {
            // only where no known entity of the article's countries takes the phrase
            if let known = knownName(t, i, end, sentence, state: &state), known.length >= g.length { return nil }
            // "the Government of National Accord": a name, not the phrase
            if i + g.length < end, t[i + g.length].isCapitalised || t[i + g.length].key == "of" { return nil }
            // "the military camp of Bourem", "an army base", "the military council camps": a modifier of a
            // place's head word
            if modifiesPlaceNoun(t, i + g.length, end) { return nil }
            country = main
            cls = g.value
            upper = i + g.length
        }
        guard let country, let cls else { return nil }
        if headAt > i, let known = lexicon.names.longest(t, at: i, end: end), known.length >= upper - i,
           ontology.entities[known.value].classIRI != lexicon.countryClass { return nil }
        // "Somali President …": the government is named by its kind ("Somali government"), not the bare demonym
        let words = upper == headAt && headAt > i ? text(t, i..<headAt) + " " + (ontology.ontologyClass(cls)?.label ?? "government")
                                                  : text(t, i..<upper)
        // A country has one government and one army, but many ministries: those are told apart by their noun.
        let noun = t[headAt].key == "the" ? text(t, (headAt + 1)..<upper) : text(t, headAt..<upper)
        let distinct = lexicon.isNationalBody(cls, ontology) ? nil : noun
        // "the interior ministry" in an Afghan article: named "Afghan interior ministry"
        let label = headAt == i && distinct != nil ? (extra.demonymOf[country] ?? extra.countryLabel[country] ?? "") + " " + noun : words
        return Mention(range: i..<upper, entity: nationalEntity(country: country, cls: cls, words: label, distinct: distinct, state: &state), kind: .name)
    }

    /// "the joint forces of Mozambique and Rwanda": each country of a list after "<national head> of" names
    /// its own force, government or ministry.
    private func listedCountryBody(_ t: [Token], _ r: Range<Int>, country c: String, _ sentence: Range<Int>,
                                   state: inout ArticleEntities) -> Mention? {
        guard let (cls, noun) = headBeforeCountries(t, r.lowerBound, sentence) else { return nil }
        let extra = lexicon.extra
        let label = countryWord(c) + " " + noun
        let distinct = lexicon.isNationalBody(cls, ontology) ? nil : noun
        return Mention(range: r, entity: nationalEntity(country: c, cls: cls, words: label, distinct: distinct, state: &state), kind: .name)
    }

    /// The national head and its words before "of" and a list of countries that reaches `i` ("the forces of
    /// [Mozambique] and [Rwanda]"), if any.
    private func headBeforeCountries(_ t: [Token], _ i: Int, _ sentence: Range<Int>) -> (cls: String, noun: String)? {
        var k = i - 1
        while k > sentence.lowerBound, i - k <= 12, t[k].key != "of" {
            guard t[k].text == "," || t[k].key == "and" || t[k].isCapitalised else { return nil }
            k -= 1
        }
        guard k > sentence.lowerBound, t[k].key == "of" else { return nil }
        for start in stride(from: k - 1, through: max(sentence.lowerBound, k - 3), by: -1) where !t[start].isCapitalised {
            if let h = lexicon.extra.nationalHeads.longest(t, at: start, end: k), start + h.length == k {
                return (h.value, text(t, start..<k))
            }
        }
        return nil
    }

    /// The national head ("troops", "forces") after a list of demonyms that goes on at `k` with "," or
    /// "and": "[Angolan], Botswanan and South African forces".
    private func coordinatedNationalHead(_ t: [Token], _ k: Int, _ end: Int) -> String? {
        var k = k
        while k + 1 < end, t[k].text == "," || t[k].key == "and" {
            k += t[k].text == "," && t[k + 1].key == "and" ? 2 : 1
            guard k < end, t[k].isCapitalised, let d = lexicon.extra.demonyms.longest(t, at: k, end: end) else { return nil }
            k += d.length
            if k < end, let h = lexicon.extra.nationalHeads.longest(t, at: k, end: end) {
                // a name goes on past the head ("… and Afghan National Army"): not this list
                return k + h.length < end && t[k + h.length].isCapitalised && t[k + h.length].kind == .word ? nil : h.value
            }
        }
        return nil
    }

    /// A country's entity of a class: the ontology's own ("Sudanese army", "the army" in Sudan: the SAF),
    /// else one per country and class named by `words` ("Somali government").
    func nationalEntity(country: String, cls: String, words: String, distinct: String? = nil, state: inout ArticleEntities) -> Int {
        if distinct == nil, let known = lexicon.extra.nationalEntity(country: country, cls: cls, ontology) {
            let e = state.known(known, ontology)
            state.addAliases(e, [words])
            return e
        }
        let kind = cls.split(separator: "#").last.map(String.init) ?? "entity"
        let countryName = lexicon.extra.countryLabel[country] ?? MentionFinder.localName(country)
        // "Rwandan troops" in an article that names the "Rwanda Defence Force": that force
        if distinct == nil, ontology.isSubclass(cls, of: lexicon.stateForceClass) {
            let prefixes = [countryName, lexicon.extra.demonymOf[country]].compactMap { $0 }.map { $0 + " " }
            if let named = state.records.indices.first(where: { e in
                ontology.isSubclass(state.records[e].classIRI, of: lexicon.stateForceClass)
                    && prefixes.contains { state.records[e].label.hasPrefix($0) }
                    && state.records[e].label.split(separator: " ").count >= 3
            }) {
                state.addAliases(named, [words])
                return named
            }
        }
        let id = KG.entityNS + ArticleEntities.slug(countryName + " " + (distinct.map { Ontology.normalise($0) } ?? kind))
        if let existing = state.byID[id] {
            state.addAliases(existing, [words])
            return existing
        }
        // "the government", "security forces" first: named by its country ("Afghan government"), the
        // words kept as another name (a sentence's capital "The" is no name's)
        var words = words.hasPrefix("The ") ? "the " + words.dropFirst(4) : words
        // "the Government", "the Army": one word capitalised as some outlets write it is the common word
        if !words.dropFirst(words.hasPrefix("the ") ? 4 : 0).contains(" ") { words = words.lowercased() }
        guard !words.unicodeScalars.contains(where: { $0.properties.isUppercase }) else {
            return state.named(words, classIRI: cls, aliases: [], ontology: ontology, id: id)
        }
        let noun = words.hasPrefix("the ") ? String(words.dropFirst(4)) : words
        let label = (lexicon.extra.demonymOf[country] ?? countryName) + " " + noun
        return state.named(label, classIRI: cls, aliases: [words], ontology: ontology, id: id)
    }

    /// "Prime Minister Haider al-Abadi" with no country before the title: the government of the article's
    /// country. Nil when the title is not a national one, a country or possessive stands before it, or the
    /// sentence names another country (a foreign leader is as likely).
    func bareTitleGovernment(_ t: [Token], _ m: Mention, _ sentence: Range<Int>, state: inout ArticleEntities) -> Int? {
        // the title inside the mention ("Prime Minister X" as one name) or right before it
        var start = m.range.lowerBound
        var found = lexicon.extra.nationalTitles.longest(t, at: start, end: m.range.upperBound)
            .flatMap { start + $0.length < m.range.upperBound ? $0 : nil }
        if found == nil {
            for k in stride(from: m.range.lowerBound - 1, through: max(sentence.lowerBound, m.range.lowerBound - 3), by: -1) {
                if let x = lexicon.extra.nationalTitles.longest(t, at: k, end: m.range.lowerBound), k + x.length == m.range.lowerBound {
                    found = x; start = k; break
                }
            }
        }
        guard let title = found else { return nil }
        if start > sentence.lowerBound {
            let before = t[start - 1]
            if before.isCapitalised || before.key == "'s" || before.key == "former" || before.key == "ex" { return nil }
        }
        var named = Set<String>()
        var k = sentence.lowerBound
        while k < sentence.upperBound {
            if t[k].isCapitalised, let d = lexicon.extra.demonyms.longest(t, at: k, end: sentence.upperBound) {
                named.insert(d.value); k += d.length; continue
            }
            if t[k].isCapitalised, let n = lexicon.names.longest(t, at: k, end: sentence.upperBound) {
                if ontology.entities[n.value].classIRI == lexicon.countryClass { named.insert(ontology.entities[n.value].iri) }
                k += n.length; continue
            }
            k += 1
        }
        // a leader of another country the sentence names is as likely: then nothing is said
        guard let country = state.mainCountry, named.isSubset(of: [country]) else { return nil }
        // and only in an article clearly about one country
        guard state.clearCountry == country else { return nil }
        let label = countryWord(country) + " "
            + (ontology.ontologyClass(title.value)?.label ?? "government")
        return nationalEntity(country: country, cls: title.value, words: label, state: &state)
    }

    /// "Azerbaijan keeps everything its army took": "its" before a national head ("army", "forces") when the
    /// clause's subject is a country — that country's force.
    private func countrysForce(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>, _ current: [Mention],
                               state: inout ArticleEntities) -> Mention? {
        guard t[i].key == "its", i + 1 < end, let h = lexicon.extra.nationalHeads.longest(t, at: i + 1, end: end),
              h.value == lexicon.stateForceClass,
              let subject = current.first(where: { !Self.dateline(t, $0.range, sentence)
                  && !Self.governed(t, $0.range.lowerBound, sentence, memberNouns: lexicon.extra.memberNouns) }),
              state.records[subject.entity].classIRI == lexicon.countryClass,
              // no other possible owner between the country and "its"
              !current.contains(where: { $0.range.lowerBound > subject.range.lowerBound && ArticleEntities.isActorClass(state.records[$0.entity].classIRI, ontology) })
        else { return nil }
        let country = state.records[subject.entity].id
        let label = countryWord(country) + " " + text(t, (i + 1)..<(i + 1 + h.length))
        return Mention(range: i..<(i + 1 + h.length),
                       entity: nationalEntity(country: country, cls: h.value, words: label, state: &state), kind: .name)
    }

    /// "Defence Minister X", "the Minister of Defence, X", "the junta's defence minister, X", "Thai Foreign
    /// Minister X": the ministry person `m` heads — named by its portfolio (a national head such as "defence
    /// ministry") and its owner: the actor or country the title's possessive or demonym names, else the
    /// article's country. Nil when no such title stands right before the name (or opens it).
    func ministryLed(_ t: [Token], _ m: Mention, _ sentence: Range<Int>, _ mentions: [Mention], state: inout ArticleEntities) -> Int? {
        let low = max(sentence.lowerBound, m.range.lowerBound - 7)
        guard let mi = (low..<min(m.range.upperBound - 1, m.range.lowerBound + 3)).last(where: { t[$0].key == "minister" }) else { return nil }
        // between the title and the name: nothing but a comma and an honorific ("the Minister of Defence, H.E. X")
        func portfolio(_ words: [String]) -> String? {
            let phrase = Tokenizer.tokenize(words.joined(separator: " ") + " ministry")
            guard let h = lexicon.extra.nationalHeads.longest(phrase, at: 0, end: phrase.count), h.length == phrase.count,
                  h.value == KG.ns + "Organisation" else { return nil }
            return words.joined(separator: " ") + " ministry"
        }
        var noun: String?, titleStart = mi, titleEnd = mi + 1
        if mi > low, t[mi - 1].kind == .word, let n = portfolio([t[mi - 1].key]) { noun = n; titleStart = mi - 1 }
        else if mi + 2 < sentence.upperBound, t[mi + 1].key == "of" {
            var k = mi + 2
            if t[k].key == "national" || t[k].key == "the", k + 1 < sentence.upperBound { k += 1 }
            if let n = portfolio([t[k].key]) { noun = n; titleEnd = k + 1 }
        }
        // ("The Minister of Defence": a name inside the title is none of a person's)
        guard let noun, mi >= m.range.lowerBound || titleEnd <= m.range.lowerBound else { return nil }
        if titleEnd < m.range.lowerBound {
            let gap = t[titleEnd..<m.range.lowerBound]
            guard gap.count <= 4, gap.allSatisfy({ $0.text == "," || $0.text == "." || $0.key == "h" || $0.key == "e" }) else { return nil }
        }
        var b = titleStart - 1
        while b >= sentence.lowerBound, ["acting", "interim", "new"].contains(t[b].key) { b -= 1 }
        if b >= sentence.lowerBound, ["deputy", "vice", "former", "ex", "assistant"].contains(t[b].key) { return nil }
        let org = KG.ns + "Organisation"
        // the owner: "the junta's", "its", a demonym, else the article's country
        var owner: Int?
        if b >= sentence.lowerBound, let o = mentions.last(where: { $0.range.upperBound == b || ($0.range.upperBound == b + 1 && t[b].key != "'s") }) {
            let cls = state.records[o.entity].classIRI
            if cls != lexicon.countryClass, ArticleEntities.isActorClass(cls, ontology) || cls == lexicon.governmentClass { owner = o.entity }
            else if cls == lexicon.countryClass { return nationalMinistry(country: state.records[o.entity].id, noun: noun, state: &state) }
        }
        if let owner {
            return state.named(state.records[owner].label + " " + noun, classIRI: org, aliases: [], ontology: ontology)
        }
        // an owner kg did not resolve ("X's defence minister", "its defence minister"): unknown
        if b >= sentence.lowerBound, t[b].key == "'s" || Matcher.possessives.contains(t[b].key) { return nil }
        if b >= sentence.lowerBound, t[b].isCapitalised {
            var d = b
            while d > sentence.lowerBound, t[d - 1].isCapitalised, b - d < 2 { d -= 1 }
            if let dem = lexicon.extra.demonyms.longest(t, at: d, end: b + 1), d + dem.length == b + 1 {
                return nationalMinistry(country: dem.value, noun: noun, state: &state)
            }
        }
        // else the article's country, when it is clearly about one
        guard let country = state.clearCountry else { return nil }
        return nationalMinistry(country: country, noun: noun, state: &state)
    }

    private func nationalMinistry(country: String, noun: String, state: inout ArticleEntities) -> Int {
        nationalEntity(country: country, cls: KG.ns + "Organisation", words: countryWord(country) + " " + noun, distinct: noun, state: &state)
    }

    /// The word that names a country's bodies: its demonym ("Afghan"), else its name.
    func countryWord(_ country: String) -> String {
        lexicon.extra.demonymOf[country] ?? lexicon.extra.countryLabel[country] ?? MentionFinder.localName(country)
    }

    /// A town, a village or a place of no known kind: what "its police station" or "it is the capital" is about.
    func isSettlement(_ e: Int, _ state: ArticleEntities) -> Bool {
        let cls = state.records[e].classIRI
        return cls == lexicon.placeClass || ontology.isSubclass(cls, of: KG.ns + "Town") || ontology.isSubclass(cls, of: KG.ns + "Village")
    }

    /// "the insurgents", "militants" with nothing named before them to refer to: an unnamed actor of the
    /// phrase's class, named by the phrase without its article (`kg:unnamedReference`).
    private func unnamed(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>, state: inout ArticleEntities) -> Mention? {
        // (capitalised only where any word is: "Insurgents attacked …" opening a sentence)
        guard !t[i].isCapitalised || t[i].key == "the" || i == sentence.lowerBound,
              let r = lexicon.unnamedReferences.longest(t, at: i, end: end) else { return nil }
        let upper = i + r.length
        // "insurgents linked to …" is fine; "insurgent positions" is not this phrase
        if upper < end, t[upper].kind == .word, !t[upper].isCapitalised, lexicon.kindHeads.longest(t, at: upper, end: end) != nil { return nil }
        let start = t[i].key == "the" ? i + 1 : i
        guard start < upper else { return nil }
        // "the jihadists of the Support Group for Islam and Muslims": the name after "of" is who they are
        if upper + 1 < end, t[upper].key == "of", t[upper + 1].isCapitalised || (upper + 2 < end && t[upper + 1].key == "the" && t[upper + 2].isCapitalised) {
            return nil
        }
        // "ISIL terrorists": a follower noun of the name before it, not a mention of its own
        if start == i, i > sentence.lowerBound, t[i - 1].isCapitalised || t[i - 1].isAcronym { return nil }
        // "Taliban fighters took the town; insurgents also hold …": the group named before, if any
        if !afterAffiliation(t, i, sentence),
           let e = state.history.reversed().prefix(30).first(where: { ontology.isSubclass(state.records[$0].classIRI, of: r.value) }) {
            return Mention(range: i..<upper, entity: e, kind: .reference)
        }
        let label = text(t, start..<upper).lowercased()
        let e = state.named(label, classIRI: r.value, aliases: [], ontology: ontology)
        // "Islamic State-linked insurgents …, the militants' biggest prize": the article calls this group so
        if lexicon.insurgentWords.contains(t[upper - 1].key) { state.insurgentNames.insert(Ontology.normalise(label)) }
        return Mention(range: i..<upper, entity: e, kind: .name)
    }

    static func localName(_ iri: String) -> String {
        iri.split(whereSeparator: { $0 == "/" || $0 == "#" }).last.map(String.init) ?? iri
    }

    /// The gazetteer's class for a name nothing else typed: a place of a country the article names, or
    /// a city large enough to be known anywhere. nil if the name is no such place.
    /// A bare name that is both a province and its capital ("Kandahar") is the town; "Kandahar province"
    /// is typed by its head word before this is asked.
    func gazetteerPlace(_ label: String, state: ArticleEntities) -> Gazetteer.Place? {
        let places = lexicon.places.places(named: label)
        guard !places.isEmpty else { return nil }
        // a country the article only mentions in passing ("U.S. air strikes") does not type its small towns
        let top = state.articleCountries.values.max() ?? 0
        let inArticle = places.filter { p in
            lexicon.extra.countryByCode[p.country].map { c in
                guard let n = state.articleCountries[c] else { return false }
                return n >= 2 || n == top
            } ?? false
        }
        return inArticle.first { $0.classLocalName == "Town" } ?? inArticle.first
            ?? places.first(where: { $0.population >= Self.worldCityPopulation })
    }

    /// "the capital", "the Libyan capital" (`kg:capitalReference`, optionally with a demonym after its
    /// first word): the capital (`kg:capital`) of the demonym's country; else the capital of the country the
    /// article is about if it named it, else the capital of one of its countries it named most, else the main
    /// country's capital. Not "the capital of Helmand province", nor "the capital Kabul" (the name follows).
    func capital(_ t: [Token], _ i: Int, _ end: Int, state: inout ArticleEntities) -> Mention? {
        let extra = lexicon.extra
        for words in extra.capitalReferences where words.count >= 2 && t[i].key == words[0] {
            var k = i + 1
            var country: String?
            if k < end, t[k].isCapitalised, let d = extra.demonyms.longest(t, at: k, end: end) {
                country = d.value
                k += d.length
            }
            guard k + words.count - 1 <= end, (1..<words.count).allSatisfy({ t[k + $0 - 1].key == words[$0] }) else { continue }
            let upper = k + words.count - 1
            if upper < end, t[upper].key == "of" || t[upper].isCapitalised { return nil }
            // a capital the article named: the main country's, else the one it named most
            func isCapital(_ e: Int, of countries: [String]) -> Bool {
                countries.contains { extra.capitalOf[$0].map(Ontology.normalise) == Ontology.normalise(state.records[e].label) }
            }
            let main = state.mainCountry
            if country == nil, let main, let named = state.history.last(where: { isCapital($0, of: [main]) }) {
                return Mention(range: i..<upper, entity: named, kind: .reference)
            }
            if country == nil, let named = Self.mostNamed(in: state.history, where: { isCapital($0, of: Array(state.articleCountries.keys)) }) {
                return Mention(range: i..<upper, entity: named, kind: .reference)
            }
            guard let c = country ?? main, let name = extra.capitalOf[c] else { return nil }
            let e = state.named(name, classIRI: KG.ns + "Town", aliases: [], ontology: ontology)
            return Mention(range: i..<upper, entity: e, kind: .reference)
        }
        return nil
    }

    /// A city this large types its name even in an article that does not name its country.
    static let worldCityPopulation = 250_000

    // MARK: names

    private func name(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>, state: inout ArticleEntities) -> Mention? {
        let known = knownName(t, i, end, sentence, state: &state)
        let local = state.local.longest(t, at: i, end: end)
        var entity: Int?, len = 0
        if let local, local.length >= (known?.length ?? 0), genericAllowed(t, i, local.length, local.phrase, sentence) {
            entity = local.value; len = local.length
        } else if let known { entity = state.known(known.value, ontology); len = known.length }
        guard let e = entity else {
            // "the Kurdistan Region Security Council" named first: the new place's name opens the organisation's
            guard let m = unknownName(t, i, end, sentence, state: &state) else { return nil }
            if m.range.lowerBound == i, isPlaceClass(state.records[m.entity].classIRI),
               let longer = longerName(m.entity, t, i, m.range.count, end, state: &state) { return longer }
            return m
        }
        if let m = thingNamedAfterPlace(e, t, i, len, end, state: &state) { return m }
        if let m = longerName(e, t, i, len, end, state: &state) { return m }
        return knownMention(e, t, i, len, end, state: &state)
    }

    /// A known place (entity `e`, `len` tokens at `i`) followed by a head word or capitalised words of
    /// another kind: the name of a new thing of that kind (a place's compound, a place's university, a
    /// country's own force).
    private func thingNamedAfterPlace(_ e: Int, _ t: [Token], _ i: Int, _ len: Int, _ end: Int,
                                      state: inout ArticleEntities) -> Mention? {
        // A known place followed by a head word of another kind names a new place ("Laukkai police compound").
        if i + len < end, let h = lexicon.headWords.longest(t, at: i + len, end: end),
           h.value != state.records[e].classIRI, ontology.isSubclass(state.records[e].classIRI, of: lexicon.placeClass),
           ontology.isSubclass(h.value, of: lexicon.placeClass) {
            let upper = i + len + h.length
            let c = state.named(text(t, i..<upper), classIRI: h.value, aliases: [], ontology: ontology)
            return Mention(range: i..<upper, entity: c, kind: .name)
        }
        // "Bhamo Technological University", "the Anbar Operations Command": a known place followed by
        // capitalised words that end in a head word of another kind names a thing of that kind.
        if isPlaceClass(state.records[e].classIRI), i + len < end, t[i + len].kind == .word,
           let nameEnd = extendedName(t, from: i + len, end, possessive: false),
           var h = headClass(t, i + len, nameEnd), h != state.records[e].classIRI {
            // "the Rwanda Defence Force": a country's own armed force is a state force
            if state.records[e].classIRI == lexicon.countryClass, h == lexicon.armedGroupClass { h = lexicon.stateForceClass }
            var aliases: [String] = [], upper = nameEnd
            let label = text(t, i..<nameEnd)
            if let (alias, close) = bracketed(t, nameEnd, end), Self.bracketNames(label, alias) { aliases.append(alias); upper = close + 1 }
            let c = state.named(label, classIRI: h, aliases: aliases, ontology: ontology)
            return Mention(range: i..<upper, entity: c, kind: .name)
        }
        // "the Tanzania People's Defence Force" in a Mozambique article: a country's name before the known
        // name of another country's actor names that country's own force, not the other one.
        if state.records[e].classIRI == lexicon.countryClass, i + len < end,
           let other = lexicon.names.longest(t, at: i + len, end: end), other.length >= 2,
           let c = lexicon.extra.countryOf[other.value], c != state.records[e].id,
           ontology.isSubclass(ontology.entities[other.value].classIRI, of: lexicon.actorClass) {
            let upper = i + len + other.length
            let c2 = state.named(text(t, i..<upper), classIRI: lexicon.stateForceClass, aliases: [], ontology: ontology)
            return Mention(range: i..<upper, entity: c2, kind: .name)
        }
        return nil
    }

    /// A known name (entity `e`, `len` tokens at `i`) that begins a longer name: a place named with a lower-case
    /// head word, an organisation named after a place, another actor named after an actor.
    private func longerName(_ e: Int, _ t: [Token], _ i: Int, _ len: Int, _ end: Int,
                            state: inout ArticleEntities) -> Mention? {
        // "the El Baraf base" after "a base at El Baraf": a name of unknown kind followed by a lower-case
        // head word of a place names that place, and is itself a place.
        if i + len < end, !state.records[e].known, state.records[e].classIRI == lexicon.unknownClass,
           !t[i + len].isCapitalised, let h = lexicon.headWords.longest(t, at: i + len, end: end),
           ontology.isSubclass(h.value, of: lexicon.placeClass) {
            state.records[e].classIRI = lexicon.placeClass
            let upper = i + len + h.length
            let c = state.named(text(t, i..<upper), classIRI: h.value, aliases: [], ontology: ontology)
            return Mention(range: i..<upper, entity: c, kind: .name)
        }
        // "the Kurdistan Region Security Council", "the Kachin State Government": a place's name followed by
        // capitalised words that end in an organisation's head word names that organisation (not the place,
        // nor a known name inside it: "Security Council" is not the UN's here).
        if isPlaceClass(state.records[e].classIRI), i + len < end, t[i + len].isCapitalised,
           let nameEnd = extendedName(t, from: i + len, end, possessive: false, minWords: 1, ontoKnown: true),
           let h = headClass(t, i + len, nameEnd), !isPlaceClass(h) {
            let first = t[i].key == "the" ? i + 1 : i
            var aliases: [String] = [], upper = nameEnd
            if let (alias, close) = bracketed(t, nameEnd, end) { aliases.append(alias); upper = close + 1 }
            let c = state.named(text(t, first..<nameEnd), classIRI: h, aliases: aliases, ontology: ontology)
            return Mention(range: i..<upper, entity: c, kind: .name)
        }
        // "Islamic State West Africa Province", "Islamic State - Khorasan Province": a known actor's name
        // followed by capitalised words that end in a head word names another actor of the same kind.
        if !isPlaceClass(state.records[e].classIRI),
           !(i + len < end && t[i + len].key == "'s" && Self.possessorOfAcronymName(t, i + len, end)),
           // ("BGF Battalion 1003": one capitalised unit head word with its number is enough after a known name)
           let nameEnd = extendedName(t, from: i + len, end, possessive: t[i + len - 1].isCapitalised,
                                      minWords: state.records[e].known && !(i + len + 1 < end && lexicon.unitHeads.contains(t[i + len].text)
                                                                             && t[i + len + 1].kind == .number) ? 2 : 1) {
            let first = t[i].key == "the" ? i + 1 : i
            var aliases: [String] = [], upper = nameEnd, labelEnd = nameEnd
            var cls = state.records[e].classIRI
            // "BGF Battalion 1003": a unit's head word (and its number) names one of the actor's units
            if let h = headClass(t, i + len, nameEnd), ontology.isSubclass(h, of: lexicon.unitClass) {
                cls = h
                if nameEnd < end, t[nameEnd].kind == .number, !t[nameEnd].text.contains(",") { labelEnd += 1; upper += 1 }
            }
            // "… Khorasan Province (ISIS-K)"
            if let (alias, close) = bracketed(t, upper, end) { aliases.append(alias); upper = close + 1 }
            let c = state.named(text(t, first..<labelEnd), classIRI: cls, aliases: aliases, ontology: ontology)
            return Mention(range: i..<upper, entity: c, kind: .name)
        }
        return nil
    }

    /// The mention of the known name (entity `e`, `len` tokens at `i`) with what belongs to it: a head word
    /// of its own kind, a bracketed acronym (and the number of a unit named by it).
    private func knownMention(_ e: Int, _ t: [Token], _ i: Int, _ len: Int, _ end: Int,
                              state: inout ArticleEntities) -> Mention {
        var e = e
        var upper = i + len
        // "Hsipaw town", "Kunlong city": a lower-case head word of the place's own kind belongs to its name.
        if upper < end, let h = lexicon.headWords.longest(t, at: upper, end: end), h.value == state.records[e].classIRI,
           !t[upper].isCapitalised, ontology.isSubclass(h.value, of: lexicon.placeClass) {
            upper += h.length
        }
        // "Myanmar National Democratic Alliance Army (MNDAA)": the bracketed acronym is part of the mention.
        if let (alias, close) = bracketed(t, upper, end), Self.bracketNames(state.records[e].label, alias) {
            if let other = lexicon.names.longest(t, at: upper + 1, end: close), other.length == close - upper - 1,
               state.records[e].known, state.known(other.value, ontology) != e {
                // Both names known but different: keep the first, do not merge.
            } else {
                state.addAliases(e, [alias])
            }
            upper = close + 1
            // "Infantry Battalion (IB) 23": the number names the unit.
            if upper < end, t[upper].kind == .number {
                let full = text(t, i..<(i + len)) + " " + t[upper].text
                e = state.named(full, classIRI: state.records[e].classIRI, aliases: [alias + " " + t[upper].text], ontology: ontology)
                upper += 1
            }
        }
        return Mention(range: i..<upper, entity: e, kind: .name)
    }

    func isPlaceClass(_ cls: String) -> Bool { ontology.isSubclass(cls, of: lexicon.placeClass) }

    /// The end of a run of capitalised words at `k` (over a spaced dash or a possessive) that ends in a
    /// head word, if it has at least two words: "West Africa Province", "- Khorasan Province", "'s Sahel Province".
    /// Not over a possessive after a common word ("the army's Northern Command" is the army's unit), and
    /// never onto a known name ("the MNDAA's Northeastern Command").
    private func extendedName(_ t: [Token], from start: Int, _ end: Int, possessive: Bool, minWords: Int = 2,
                              ontoKnown: Bool = false) -> Int? {
        var k = start
        if k < end, (t[k].text == "-" && t[k].spaceBefore) || (possessive && t[k].key == "'s") { k += 1 }
        let first = k
        // never onto a known name ("the MNDAA's Northeastern Command"), unless asked to; a common word
        // ("army") is no name here
        if !ontoKnown, first < end, let n = lexicon.names.longest(t, at: first, end: end),
           n.phrase.text.unicodeScalars.first?.properties.isUppercase == true { return nil }
        var lastHead: Int?
        while k < end, t[k].kind == .word, t[k].isCapitalised, !lexicon.token(t[k], isIn: .stop) {
            if let h = lexicon.headWords.longest(t, at: k, end: end) { lastHead = k + h.length; k += h.length; continue }
            k += 1
            // "National People's Liberation Front": a possessive inside the name
            if k + 1 < end, t[k].key == "'s", k > first, t[k + 1].isCapitalised, t[k + 1].kind == .word { k += 1 }
        }
        guard let h = lastHead, h == k, k - first >= minWords else { return nil }
        return k
    }

    /// Whether bracketed text after a name is another name of it: an acronym ("(MNDAA)", "(IB) 23"), or
    /// the long form of an acronym ("RSF (Rapid Support Forces)") — not a second name ("Mantong (Khah
    /// Lah Zah-130)") or a note ("Namhsan (South)").
    static func bracketNames(_ name: String, _ inner: String) -> Bool {
        func acronym(_ s: String) -> Bool {
            let letters = s.unicodeScalars.filter { $0.properties.isAlphabetic }
            return letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase } && !s.contains(" ")
        }
        // "the African Union Transition Mission in Somalia (ATMIS)": an acronym names the name before it
        // only if it starts with the initial of one of its words; "Somalia" is not "ATMIS".
        if acronym(inner) {
            guard let first = inner.unicodeScalars.first(where: { $0.properties.isAlphabetic }) else { return false }
            let initials = name.split(whereSeparator: { $0 == " " || $0 == "-" }).compactMap { $0.unicodeScalars.first }
            return initials.contains { String($0).uppercased() == String(first) }
        }
        if acronym(name) || name.split(separator: " ").count == 1 && name.count <= 6 {
            // a long form: its words' initials give the acronym's letters in order, roughly
            let initials = inner.split(separator: " ").compactMap { $0.first }.filter { $0.isUppercase }
            let letters = name.filter { $0.isLetter }
            return initials.count >= 2 && initials.first == letters.first
        }
        return false
    }

    /// "(ACR)" or "(Full Name)" at `i`: the text inside and the index of ")".
    private func bracketed(_ t: [Token], _ i: Int, _ end: Int) -> (String, Int)? {
        guard i < end, t[i].text == "(" else { return nil }
        var k = i + 1
        while k < end, k < i + 9, t[k].text != ")" {
            if t[k].kind == .word && !t[k].isCapitalised && !["of", "and", "'s", "-"].contains(t[k].key) { return nil }
            k += 1
        }
        guard k < end, t[k].text == ")", k > i + 1, t[i + 1].isCapitalised || t[i + 1].kind == .number else { return nil }
        return (text(t, (i + 1)..<k), k)
    }

    /// A name no ontology entry and no earlier mention has: capitalised words (after titles) with what
    /// belongs to them, typed by their head word, the article's hints, the gazetteer or what is said around
    /// them — or a person the article has named, or nothing.
    private func unknownName(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>, state: inout ArticleEntities) -> Mention? {
        guard let (first, nameStart, title) = nameOpening(t, i, end, sentence, state) else { return nil }
        let k = nameWordsEnd(t, from: first, nameStart: nameStart, end, state)
        let extent = nameLabel(t, nameStart, k, end)
        let upper = extent.upper, headed = extent.headed
        var label = extent.label, aliases = extent.aliases
        if rejectedName(t, nameStart, upper, label: label, title: title, headed: headed, state) { return nil }
        // "Operation Peace Storm": a leading head word of an operation types the whole name.
        if !title, upper - nameStart > 1, let lead = lexicon.leadingHeads.longest(t, at: nameStart, end: upper) {
            let e = state.named(label, classIRI: lead.value, aliases: aliases, ontology: ontology)
            return Mention(range: i..<upper, entity: e, kind: .name)
        }
        // A demonym alone ("Afghan", "the Pakistani side") is an adjective, not a name.
        if !title, upper - nameStart == 1, headed == nil, lexicon.extra.demonyms.longest(t, at: nameStart, end: upper) != nil
            || lexicon.adjectives.longest(t, at: nameStart, end: upper)?.length == upper - nameStart { return nil }
        var cls = nameClass(t, i, nameStart, upper, title: title, headed: headed, &label, &aliases, sentence, state)
        // A lone capitalised word opening a sentence is usually an ordinary word — unless an apposition
        // with a place noun follows ("Tajoura, an eastern suburb of Tripoli, …").
        let opening = nameStart == sentence.lowerBound || ["\"", "\u{201C}"].contains(t[nameStart - 1].text)
            || Self.afterDash(t, nameStart)
        // ("Arno Velan, the town's oldest market": a name of two words too)
        if cls == lexicon.unknownClass, let kind = appositionPlace(t, upper, sentence) {
            cls = kind
        }
        // "TRIPOLI, April 8 (Maghreb Wire) - …": a name in brackets before a dateline's dash is the outlet
        // that filed the report, no party to it
        if !title, !isPlaceClass(cls), nameStart > sentence.lowerBound, nameStart - sentence.lowerBound <= 10,
           t[nameStart - 1].text == "(", upper + 1 < sentence.upperBound, t[upper].text == ")",
           ["-", "\u{2013}", "\u{2014}"].contains(t[upper + 1].text) {
            cls = KG.ns + "NewsOutlet"
        }
        // "Haftar ordered …" opening a sentence: one word of a person the article has named is that person
        if upper - nameStart == 1, opening, cls == lexicon.unknownClass, !t[nameStart].isAcronym {
            guard let p = Self.namedPerson(label, state, personClass: lexicon.personClass) else { return nil }
            return Mention(range: i..<upper, entity: p, kind: .name)
        }
        if title { aliases.append(text(t, i..<upper)) }
        // "Somali President X": the demonym named the government; the title stays free for role patterns.
        let mentionStart = title && i > sentence.lowerBound && lexicon.extra.demonyms.longest(t, at: i - 1, end: i) != nil
            && lexicon.extra.nationalTitles.longest(t, at: i, end: nameStart) != nil ? nameStart : i
        // "Bai said", "Mr Bai": one word of a person the article has already named is that person.
        if upper - nameStart == 1, cls == lexicon.unknownClass || cls == lexicon.personClass,
           let p = Self.namedPerson(label, state, personClass: lexicon.personClass) {
            return Mention(range: i..<upper, entity: p, kind: .name)
        }
        // "the Government of National Accord (GNA)": keyed by the acronym, so that another article saying only
        // "GNA" names the same entity
        let acronym = aliases.first { a in a.count >= 2 && a.count <= 8 && !a.contains(" ")
            && a.unicodeScalars.filter { $0.properties.isAlphabetic }.allSatisfy { $0.properties.isUppercase } }
        let e = state.named(label, classIRI: cls, aliases: aliases, ontology: ontology,
                            preferredID: acronym.map { KG.entityNS + ArticleEntities.slug($0) })
        if title, state.records[e].classIRI == lexicon.unknownClass { state.records[e].classIRI = lexicon.personClass }
        return Mention(range: mentionStart..<upper, entity: e, kind: .name)
    }

    /// Where a new name's words start: after titles ("Brigadier General X", "Lt. Gen. X") or an honorific
    /// of the article's country, with an Arabic article before them ("al-Jufra") or an ordinal ("55th …").
    /// The first word to read, the start of the name itself and whether titles came first; nil if no name
    /// starts at `i`.
    private func nameOpening(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>,
                             _ state: ArticleEntities) -> (first: Int, nameStart: Int, title: Bool)? {
        var k = i
        var title = false
        // "Thai Foreign Minister X", "Russian President X": a demonym before a title is no part of the name
        if let d = lexicon.extra.demonyms.longest(t, at: i, end: end), lexicon.titles.longest(t, at: i + d.length, end: end) != nil {
            k = i + d.length
        }
        // "Brigadier General X", "Lt. Gen. X", "Maj.-Gen. X": titles, abbreviated or not, one after another
        while let tw = lexicon.titles.longest(t, at: k, end: end) {
            var after = k + tw.length
            if after < end, t[after].text == ".", !t[after].spaceBefore { after += 1 }
            if after + 1 < end, t[after].text == "-", !t[after].spaceBefore, !t[after + 1].spaceBefore { after += 1 }
            guard after < end, t[after].isCapitalised else { break }
            title = true
            k = after
        }
        if title {
        } else if k > i {
            return nil
        } else if let h = lexicon.honorifics.longest(t, at: i, end: end), state.articleCountries[h.value] != nil,
                  i + h.length < end, t[i + h.length].isCapitalised, t[i + h.length].kind == .word,
                  appositionPlace(t, i + h.length + 1, sentence) == nil {
            // ("Nang Fa, a village in …" is a village, not Ms Fa)
            // "Daw Aung San Suu Kyi" in an article about Myanmar: the honorific is no part of the name
            title = true
            k = i + h.length
        }
        // "al-Jufra", "el-Fasher": a lower-case Arabic article glued to a capitalised name is part of it.
        if !title, k + 2 < end, Self.arabicArticles.contains(t[k].key), t[k + 1].text == "-", !t[k + 1].spaceBefore,
           !t[k + 2].spaceBefore, t[k + 2].isCapitalised, t[k + 2].kind == .word { k += 2 }
        // "al Shabaab", "al Qaeda": the article written apart (only "al" and "el", not English words)
        else if !title, k + 1 < end, ["al", "el"].contains(t[k].text), t[k + 1].isCapitalised, t[k + 1].kind == .word,
                t[k + 1].spaceBefore, !lexicon.token(t[k + 1], isIn: .stop) { k += 1 }
        let nameStart = title ? k : i
        // "55th Light Infantry Division"
        if k < end, t[k].kind == .number, k + 1 < end, t[k + 1].isCapitalised,
           t[k].text.hasSuffix("th") || t[k].text.hasSuffix("st") || t[k].text.hasSuffix("nd") || t[k].text.hasSuffix("rd") { k += 1 }
        // "82 Division", "21 Special Armoured Brigade": a cardinal before capitalised words ending in a unit's head
        else if k + 1 < end, t[k].kind == .number, t[k].text.count <= 3, t[k].text.allSatisfy(\.isNumber),
                (k + 1..<min(end, k + 5)).prefix(while: { t[$0].kind == .word && t[$0].isCapitalised })
                    .contains(where: { lexicon.unitHeads.contains(t[$0].text) }) { k += 1 }
        // A capitalised number word inside a sentence opens a name ("Four Cardinal Pagoda Hill").
        let numberName = k > sentence.lowerBound && k + 1 < end && lexicon.token(t[k], isIn: .number)
            && t[k + 1].kind == .word && t[k + 1].isCapitalised && !lexicon.token(t[k + 1], isIn: .stop)
        guard k < end, t[k].kind == .word, t[k].isCapitalised, numberName || k > nameStart || !lexicon.token(t[k], isIn: .stop),
              TimeFinder.months[t[k].key] == nil || Self.datedName(t, k, end), TimeFinder.weekdays[t[k].key] == nil else { return nil }
        return (k, nameStart, title)
    }

    /// The end of a new name's words from `k`: capitalised words, with the particles, Arabic articles,
    /// hyphenated connectors, small words of an operation's name and inner possessives that join them;
    /// not onto a known capitalised name.
    private func nameWordsEnd(_ t: [Token], from start: Int, nameStart: Int, _ end: Int, _ state: ArticleEntities) -> Int {
        var k = start
        while k < end {
            let x = t[k]
            // A known capitalised name starts here ("Inside Lashio"); a lower-case alias such as "army" does not count.
            // ("South Darfur", "North Kivu": a compass word before a known place names another place)
            if k > nameStart, let known = lexicon.names.longest(t, at: k, end: end),
               known.phrase.text.unicodeScalars.first?.properties.isUppercase == true,
               !(k == nameStart + 1 && Matcher.compass.contains(t[nameStart].key) && isPlaceClass(ontology.entities[known.value].classIRI)) { break }
            // "Gada Local Government Area": a place's capitalised head word of several words ends the name,
            // whatever its first word
            if k > nameStart, x.isCapitalised, let h = lexicon.headWords.longest(t, at: k, end: end), h.length >= 2,
               isPlaceClass(h.value) { k += h.length; break }
            if x.kind == .word && x.isCapitalised && (k == nameStart || !lexicon.token(x, isIn: .stop)) { k += 1; continue }
            if x.kind == .number, k == nameStart + 1, Self.datedName(t, nameStart, end) { k += 1; continue }
            // "Fayez al-Sarraj", "Abu Bakr al-Baghdadi": an Arabic article glued to the next part.
            if k > nameStart, x.spaceBefore, Self.gluedArticle(t, k, end) {
                k += 3; continue
            }
            // "Mocimboa da Praia", "Osama bin Laden": a particle between two capitalised parts.
            if k > nameStart, Self.nameParticles.contains(x.key), !x.isCapitalised, k + 1 < end, t[k + 1].isCapitalised,
               t[k + 1].kind == .word, !lexicon.token(t[k + 1], isIn: .stop) {
                k += 2; continue
            }
            // "Sar-e Pul", "Mazar-i-Sharif": a short lower-case connector glued by a hyphen.
            if x.text == "-", !x.spaceBefore, k + 2 < end, t[k + 1].kind == .word, !t[k + 1].isCapitalised,
               t[k + 1].key.count <= 3, !t[k + 1].spaceBefore {
                if t[k + 2].text == "-", !t[k + 2].spaceBefore, k + 3 < end, t[k + 3].isCapitalised, !t[k + 3].spaceBefore { k += 4; continue }
                if t[k + 2].isCapitalised, t[k + 2].kind == .word, t[k + 2].spaceBefore { k += 3; continue }
            }
            // 'Jimmy "Barbecue" Chérizier', 'Mohamed Hamdan "Hemedti" Dagalo': a nickname in quotes inside a name
            if k > nameStart, let close = Self.quotedNickname(t, k, end) { k = close + 1; continue }
            // "Operation Paths to Victory", "Operation Flood of Dignity": an operation's name keeps its small words.
            if k > nameStart, ["to", "of", "and", "the", "for"].contains(x.key), !x.isCapitalised, k + 1 < end,
               t[k + 1].isCapitalised, t[k + 1].kind == .word, lexicon.leadingHeads.longest(t, at: nameStart, end: k) != nil {
                k += 2; continue
            }
            // "Mogadishu's Qelvar Palace": a place's possessive ends its name.
            if x.key == "'s", k > nameStart, gazetteerPlace(text(t, nameStart..<k), state: state) != nil { break }
            // "Kurdistan Workers' Party": a plural possessive inside a name
            if x.text == "'" || x.text == "\u{2019}", k > nameStart, !x.spaceBefore, t[k - 1].key.hasSuffix("s"), k + 1 < end,
               t[k + 1].isCapitalised, t[k + 1].kind == .word, t[k + 1].spaceBefore, !lexicon.token(t[k + 1], isIn: .stop) {
                k += 2; continue
            }
            // "Nuri al-Maliki's Shi'ite-led government": a possessive before an adjective ends the name
            if x.key == "'s", k + 1 < end, lexicon.adjectives.longest(t, at: k + 1, end: end) != nil { break }
            // "Haftar's Libyan National Army (LNA)": the acronym spells the words after the possessive only
            if x.key == "'s", Self.possessorOfAcronymName(t, k, end) { break }
            // Inner connectors: "People's Defence Force", "Communist Party of Burma", "High Council for National
            // Reconciliation", "Kya-shin".
            if k + 1 < end, t[k + 1].isCapitalised, t[k + 1].kind == .word,
               x.key == "'s" || (["of", "for"].contains(x.key) && headClass(t, nameStart, k) != nil) || (x.text == "-" && !x.spaceBefore) {
                k += 2; continue
            }
            break
        }
        return k
    }

    /// A new name's extent and label from the end of its words `k`: a lower-case head word after it
    /// ("Namgyun base"), a bracketed acronym or long form and a unit number; the class the head word gives.
    private func nameLabel(_ t: [Token], _ nameStart: Int, _ k: Int, _ end: Int)
        -> (upper: Int, label: String, aliases: [String], headed: String?) {
        var upper = k
        // A lower-case head word after the name: "Namgyun base", "Rang Khom village".
        let nameEnd = upper
        if let h = lexicon.headWords.longest(t, at: upper, end: end), !t[upper].isCapitalised { upper += h.length }
        let headed = headClass(t, nameStart, upper)
        var label = text(t, nameStart..<upper)
        var aliases: [String] = []
        // 'Jimmy "Barbecue" Chérizier' is Jimmy Chérizier, also called so and Barbecue
        if let open = (nameStart..<nameEnd).first(where: { Matcher.quotes.contains(t[$0].text) }),
           let close = Self.quotedNickname(t, open, nameEnd) {
            aliases = [label, text(t, (open + 1)..<close)]
            label = text(t, nameStart..<open) + " " + text(t, (close + 1)..<upper)
        }
        // "the Kunduz city": a town the gazetteer knows, with a word for its kind after it, is that town
        if nameEnd < upper, let h = headed, ontology.isSubclass(h, of: KG.ns + "Town"),
           lexicon.places.places(named: text(t, nameStart..<nameEnd)).contains(where: { $0.classLocalName == "Town" }) {
            aliases = [label]
            label = text(t, nameStart..<nameEnd)
        }
        if let (inner, close) = bracketed(t, upper, end), Self.bracketNames(label, inner) {
            aliases.append(inner)
            upper = close + 1
            // "the RSF (Rapid Support Forces)": the longer form is the label.
            if inner.count > label.count { aliases = [label]; label = inner }
            if upper < end, t[upper].kind == .number {
                let n = t[upper].text
                label += " " + n
                aliases = aliases.map { $0 + " " + n }
                upper += 1
            }
        } else if upper < end, t[upper].kind == .number, !t[upper].text.contains(","),
                  headed != nil || t[upper - 1].isAcronym {
            label += " " + t[upper].text
            upper += 1
        }
        return (upper, label, aliases, headed)
    }

    /// The closing quote of a nickname of one or two capitalised words opened by the quote at `k` and
    /// followed by a capitalised word of the name ('Jimmy "Barbecue" Chérizier'); nil if none.
    static func quotedNickname(_ t: [Token], _ k: Int, _ end: Int) -> Int? {
        guard Matcher.quotes.contains(t[k].text), t[k].spaceBefore else { return nil }
        var j = k + 1
        while j < end, j - k <= 2, t[j].kind == .word, t[j].isCapitalised { j += 1 }
        guard j > k + 1, j + 1 < end, Matcher.quotes.contains(t[j].text), !t[j].spaceBefore,
              t[j + 1].kind == .word, t[j + 1].isCapitalised, t[j + 1].spaceBefore else { return nil }
        return j
    }

    /// Capitals that are no name: a heading in capitals, a title or a letter alone, a head word alone.
    private func rejectedName(_ t: [Token], _ nameStart: Int, _ upper: Int, label: String, title: Bool, headed: String?,
                              _ state: ArticleEntities) -> Bool {
        // "MINISTRY OF DEFENCE", "STATEMENT": words in capitals longer than an acronym are a heading,
        // unless the gazetteer knows them (a dateline's town).
        // (one word of up to eight capitals inside a sentence is an acronym: "the head of MONUSCO")
        if !title, (nameStart..<upper).allSatisfy({ t[$0].kind != .word || (t[$0].text == t[$0].text.uppercased() && t[$0].text.count >= 7) || t[$0].key == "of" }),
           t[nameStart].text.count >= 7, gazetteerPlace(label, state: state) == nil,
           !(upper - nameStart == 1 && t[nameStart].text.count <= 8 && !Self.opensSentence(t, nameStart)) { return true }
        // A title or a letter alone ("Lt.", "H.E.") is no name.
        if upper - nameStart == 1, t[nameStart].text.count == 1 || lexicon.titles.longest(t, at: nameStart, end: upper) != nil
            || lexicon.honorifics.longest(t, at: nameStart, end: upper) != nil { return true }
        // "Head of State", "Chief of Staff": the first words of a longer title are no name
        if let title = lexicon.titles.longest(t, at: nameStart, end: t.count), title.length > upper - nameStart { return true }
        // A head word alone ("Forces loyal to …", "Police said") names nothing.
        if !title, upper - nameStart == 1, headed != nil, !t[nameStart].isAcronym,
           lexicon.headWords.longest(t, at: nameStart, end: upper)?.length == 1 { return true }
        return false
    }

    /// A new name's class: its head word's, a class said around it, a unit acronym's, a people's, a hint's or
    /// the gazetteer's (which may give the label and aliases another form).
    private func nameClass(_ t: [Token], _ i: Int, _ nameStart: Int, _ upper: Int, title: Bool, headed: String?,
                           _ label: inout String, _ aliases: inout [String], _ sentence: Range<Int>,
                           _ state: ArticleEntities) -> String {
        var cls = headed ?? headClass(t, nameStart, upper) ?? namedBy(t, i, sentence)
            ?? (title ? lexicon.personClass : lexicon.unknownClass)
        // "Light Infantry Battalion (LIB) 540 … LIB 378": an acronym the article gave a kind of unit, with
        // another number, is another unit of that kind
        if cls == lexicon.unknownClass, !title, upper - nameStart == 2, t[nameStart].isAcronym, t[nameStart + 1].kind == .number,
           let long = unitLongForm(acronym: t[nameStart].text, state) {
            aliases.append(label)
            label = long + " " + t[nameStart + 1].text
            cls = lexicon.unitClass
        }
        if !title { cls = nationalForce(cls, t, nameStart, upper) }
        // "Yazidis", "Rohingyas": the plural of a people's adjective names a group of people
        if cls == lexicon.unknownClass, !title, upper - nameStart == 1, t[nameStart].text.hasSuffix("s"),
           lexicon.adjectiveWords.contains(String(t[nameStart].text.dropLast())) {
            cls = lexicon.peopleGroupClass
        }
        // (a hint of a place of no particular kind, "a base at X", gives way to the gazetteer's kind)
        let hints = state.typeHints
        if cls == lexicon.unknownClass, let hint = ([label] + aliases).lazy.compactMap({ hints[Ontology.normalise($0)] }).first,
           hint != lexicon.placeClass || gazetteerPlace(label, state: state) == nil {
            cls = hint
        } else if cls == lexicon.unknownClass, !(upper - nameStart == 1 && Self.namedPerson(label, state, personClass: lexicon.personClass) != nil),
           let place = gazetteerPlace(label, state: state) {
            cls = KG.ns + place.classLocalName
            // "KANDAHAR, Afghanistan (AFP) -": a dateline's capitals are not the place's name.
            if label.count > 3, label == label.uppercased() { label = place.name }
        }
        return cls
    }

    /// The words a unit acronym stands for in this article: "Light Infantry Battalion" when a unit the
    /// article named is "Light Infantry Battalion 540" also called "LIB 540".
    func unitLongForm(acronym: String, _ state: ArticleEntities) -> String? {
        for r in state.records where r.classIRI == lexicon.unitClass {
            for a in r.aliases where a.hasPrefix(acronym + " ") {
                let number = a.dropFirst(acronym.count + 1)
                guard !number.isEmpty, number.allSatisfy(\.isNumber), r.label.hasSuffix(" " + number) else { continue }
                return String(r.label.dropLast(number.count + 1))
            }
        }
        return nil
    }

    /// ", a village in …", ", an eastern suburb of …", ", the capital of …": the class of a place noun (or a
    /// town for a place role noun before "of") within a few words of an apposition opened at `k` by a comma
    /// and an article.
    func appositionPlace(_ t: [Token], _ k: Int, _ sentence: Range<Int>) -> String? {
        guard k + 2 < sentence.upperBound, t[k].text == ",", ["a", "an", "the"].contains(t[k + 1].key) else { return nil }
        for j in (k + 2)..<min(sentence.upperBound, k + 6) {
            if t[j].isCapitalised || t[j].text == "," { return nil }
            // ("the town's oldest market": the town is whose it is)
            if let h = lexicon.headWords.longest(t, at: j, end: sentence.upperBound), isPlaceClass(h.value),
               j + h.length >= sentence.upperBound || t[j + h.length].key != "'s" { return h.value }
            // ", the capital of Ghor province": a town
            if lexicon.placeRoleNouns.contains(t[j].key), j + 1 < sentence.upperBound, t[j + 1].key == "of" { return KG.ns + "Town" }
        }
        return nil
    }

    /// The one person already named in the article whose first or last name is `word`, if exactly one.
    static func namedPerson(_ word: String, _ state: ArticleEntities, personClass: String) -> Int? {
        var found: Int?
        for i in state.byEndWord[word] ?? [] where state.records[i].classIRI == personClass {
            if let f = found, f != i { return nil }
            found = i
        }
        return found
    }

    /// True when "(,) in the [adjectives] Name region/province/district" follows the name ending at `k`:
    /// what lies in a region is a place.
    private func placedInRegion(_ t: [Token], _ k: Int) -> Bool {
        var j = k
        if j < t.count, t[j].text == "," { j += 1 }
        guard j + 2 < t.count, t[j].key == "in" else { return false }
        j += 1
        if t[j].key == "the" { j += 1 }
        let limit = j + 2
        while j < min(t.count, limit), t[j].kind == .word, !t[j].isCapitalised { j += 1 }
        let nameStart = j
        while j < t.count, t[j].kind == .word, t[j].isCapitalised { j += 1 }
        guard j > nameStart, j < t.count, !t[j].isCapitalised,
              let h = lexicon.headWords.longest(t, at: j, end: min(t.count, j + 2)) else { return false }
        return ontology.isSubclass(h.value, of: KG.ns + "Region") || ontology.isSubclass(h.value, of: KG.ns + "Township")
    }

    /// "the village of Kan Mong", "the strategic coastal town of X": the class of the head word in
    /// "the [up to three adjectives] HEAD of" before `i`.
    private func namedBy(_ t: [Token], _ i: Int, _ sentence: Range<Int>) -> String? {
        // "the towns of Kora and [Beled]": back over the list to its "of"
        var of = i - 1
        if of > sentence.lowerBound, t[of].key == "and" || t[of].text == "," {
            var k = of - 1
            while k > sentence.lowerBound, i - k <= 12, t[k].key != "of" {
                guard t[k].isCapitalised || t[k].text == "," || t[k].key == "and" || t[k].text == "-" else { return nil }
                k -= 1
            }
            guard t[k].key == "of", k - 1 >= sentence.lowerBound, lexicon.pluralHeads[t[k - 1].key] != nil else { return nil }
            of = k
        }
        guard of - 2 >= sentence.lowerBound, t[of].key == "of" else { return nil }
        let cls: String
        if let plural = lexicon.pluralHeads[t[of - 1].key] { cls = plural }
        else if let h = lexicon.headWords.longest(t, at: of - 1, end: of), h.length == 1 { cls = h.value }
        else { return nil }
        let h = (value: cls, length: 1)
        let i = of + 1
        var j = i - 3
        while j > sentence.lowerBound, j >= i - 5, t[j].kind == .word, !t[j].isCapitalised,
              !Matcher.determiners.contains(t[j].key), !MentionFinder.kindStops.contains(t[j].key) { j -= 1 }
        guard t[j].key == "the" else { return nil }
        // "the port of Mocimboa da Praia", "the airport of X": a facility of a place, which is not it
        return ontology.isSubclass(h.value, of: lexicon.facilityClass) ? lexicon.placeClass : h.value
    }

    /// The class given by the last head word inside `range` (a trailing number is skipped).
    private func headClass(_ t: [Token], _ start: Int, _ end: Int) -> String? {
        // "Government of National Accord", "House of Representatives": the head stands before "of".
        if let of = (start..<end).first(where: { t[$0].key == "of" }), of > start,
           let h = lexicon.headWords.lastEnding(at: of, from: start, t) { return h }
        var best: (Int, String)?
        for k in start..<end {
            if let h = lexicon.headWords.longest(t, at: k, end: end), k + h.length >= end - (t[end - 1].kind == .number ? 1 : 0) {
                if best == nil || k < best!.0 { best = (k, h.value) }
            }
        }
        return best?.1
    }

    // MARK: groups of people and references

    /// "about 60 human-trafficking victims", "more than 3,000 stranded civilians", "41 Thais".
    private func group(_ t: [Token], _ i: Int, _ end: Int, state: inout ArticleEntities) -> Mention? {
        var k = i
        var counted = false
        if let q = lexicon.quantifiers.longest(t, at: k, end: end) {
            k += q.length
            // "a crowd of civilians", "thousands of residents": the quantifier counts the group itself.
            counted = t[k - 1].key == "of"
        }
        if counted, k < end, let h = lexicon.groupHeads.longest(t, at: k, end: end) {
            let upper = k + h.length
            let e = state.named(text(t, k..<upper), classIRI: lexicon.peopleGroupClass, aliases: [text(t, i..<upper)], ontology: ontology)
            return Mention(range: i..<upper, entity: e, kind: .name)
        }
        guard k < end, t[k].kind == .number || lexicon.token(t[k], isIn: .number) else { return nil }
        let numberAt = k
        k += 1
        var modifiers = 0
        while k < end, modifiers <= 4 {
            if let h = lexicon.groupHeads.longest(t, at: k, end: end) {
                let upper = k + h.length
                let label = text(t, numberAt..<upper)
                var aliases = [text(t, i..<upper)]
                if upper - numberAt > 1 { aliases.append(text(t, (numberAt + 1)..<upper)) }
                let e = state.named(label, classIRI: lexicon.peopleGroupClass, aliases: aliases.filter { $0 != label }, ontology: ontology)
                return Mention(range: i..<upper, entity: e, kind: .name)
            }
            // ("some 370 other displaced people": "other" is a stop word elsewhere)
            guard t[k].kind == .word || t[k].text == "-", !lexicon.token(t[k], isIn: .stop) || t[k].key == "other" else { return nil }
            k += 1
            modifiers += 1
        }
        return nil
    }

    /// "industrial-scale scam centres", "fleeing civilians", "pro-junta militiamen": an unnamed kind
    /// (a lower-case plural head word) with the lower-case modifiers before it. A kind of people needs
    /// a modifier; a one-word kind of anything else too. A participle ("fleeing") may only stand next
    /// to the head. The bare head phrase identifies the entity; the modified phrase is an alias.
    private func kind(_ t: [Token], _ i: Int, _ end: Int, _ sentence: Range<Int>, state: inout ArticleEntities) -> Mention? {
        // Most words cannot open a kind phrase: decide that before any look-up.
        guard t[i].kind == .word, !t[i].isCapitalised, !lexicon.token(t[i], isIn: .stop), !lexicon.token(t[i], isIn: .kindStop) else { return nil }
        var k = i
        var modifiers = 0
        while k < end, modifiers <= 3 {
            if let h = lexicon.kindHeads.longest(t, at: k, end: end) {
                let upper = k + h.length
                if modifiers == 0 && (h.value == lexicon.peopleGroupClass || h.length == 1) { return nil }
                // a participle or a name-like word directly before the phrase would be cut off: no mention
                let head = text(t, k..<upper)
                let full = text(t, i..<upper)
                let e = state.named(head, classIRI: h.value, aliases: full == head ? [] : [full], ontology: ontology)
                // a known entity of another kind with the same name is not this kind
                guard state.records[e].classIRI == h.value else { return nil }
                return Mention(range: i..<upper, entity: e, kind: .name)
            }
            let x = t[k]
            if x.text == "-", !x.spaceBefore, k > i { k += 1; continue }
            guard x.kind == .word, !x.isCapitalised || (k > sentence.lowerBound && k > i && t[k - 1].text == "-"),
                  !lexicon.token(x, isIn: .stop), !lexicon.token(x, isIn: .kindStop) else { return nil }
            if x.key.hasSuffix("ing") || x.key.hasSuffix("ed") {
                // A participle modifies only the head it stands next to ("fleeing civilians"); a past form
                // after anything but an article or preposition is a verb ("the army killed civilians").
                guard modifiers == 0, k + 1 < end, lexicon.kindHeads.longest(t, at: k + 1, end: end) != nil else { return nil }
                if x.key.hasSuffix("ed") {
                    guard i > sentence.lowerBound, Self.kindOpeners.contains(t[i - 1].key) else { return nil }
                }
            }
            k += 1
            modifiers += 1
        }
        return nil
    }

    /// Words after which a past form before a kind noun is an adjective ("of displaced people").
    static let kindOpeners: Set<String> = ["the", "a", "an", "of", "for", "to", "by", "on", "at", "from", "with", ","]

    /// Words that are not modifiers of a kind noun (verbs and adverbs that often stand before one).
    static let kindStops: Set<String> = ["were", "was", "are", "is", "be", "been", "being", "had", "has", "have",
                                         "said", "says", "of", "than", "many", "several", "few", "the", "any"]

    /// "al Qaeda-allied", "IS-held": a name glued by a hyphen to a lower-case participle modifies the noun
    /// after it; it is no clause subject for a pronoun to refer to.
    static func compoundModifier(_ t: [Token], _ r: Range<Int>, _ sentence: Range<Int>) -> Bool {
        let a = r.upperBound
        return a + 1 < sentence.upperBound && t[a].text == "-" && !t[a].spaceBefore && !t[a + 1].spaceBefore
            && t[a + 1].kind == .word && !t[a + 1].isCapitalised
    }

    /// True if the possessive at `k` stands before a name whose bracketed acronym spells that name's
    /// own initials ("Haftar 's Libyan National Army ( LNA )"): the name before it is its possessor.
    static func possessorOfAcronymName(_ t: [Token], _ k: Int, _ end: Int) -> Bool {
        var j = k + 1
        var initials = ""
        while j < end {
            if t[j].kind == .word, t[j].isCapitalised, let c = t[j].text.first { initials.append(c); j += 1; continue }
            if ["of", "and", "the", "for"].contains(t[j].key), j + 1 < end, t[j + 1].isCapitalised { j += 1; continue }
            break
        }
        guard initials.count >= 2, j + 2 < end, t[j].text == "(", t[j + 2].text == ")", t[j + 1].isAcronym else { return false }
        return t[j + 1].text.filter(\.isLetter).uppercased() == initials.uppercased()
    }

    /// "March 23 Movement": a month and a day that open a name ending in a capitalised word.
    static func datedName(_ t: [Token], _ k: Int, _ end: Int) -> Bool {
        k + 2 < end && t[k + 1].kind == .number && t[k + 2].isCapitalised && t[k + 2].kind == .word
    }

    /// Lower-case particles inside personal and place names ("bin", "da", "van").
    static let nameParticles: Set<String> = ["bin", "ibn", "bint", "da", "de", "do", "dos", "das", "del", "della", "di",
                                             "van", "von", "der", "wa", "wal", "ould"]

    /// Arabic articles written in lower case before a name ("al-Jufra").
    static let arabicArticles: Set<String> = ["al", "el", "ad", "ash", "as", "an", "ar", "at", "az", "ath"]

    static let numberWords: Set<String> = ["dozens", "hundreds", "thousands", "two", "three", "four", "five", "six",
                                           "seven", "eight", "nine", "ten", "twelve", "twenty", "fifty"]

    func text(_ t: [Token], _ r: Range<Int>) -> String {
        var s = ""
        for k in r {
            if k > r.lowerBound && t[k].spaceBefore { s += " " }
            s += t[k].text
        }
        return s
    }
}
