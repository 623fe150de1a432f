import Foundation
import Ingest
import Ontology
import RDF

/// Extracts entities and relation assertions from articles with the ontology's names and patterns.
///
/// One pass per article: tokens → sentences → dates → mentions → templates → assertions. The
/// lexicon (name trie, templates) is built once in `init`; `extract` keeps no shared mutable state,
/// so one extractor can run on many threads at once.
///
/// ```swift
/// let extractor = Extractor(ontology: try Ontology.load(directory: "Ontology"))
/// let result = extractor.extract(article)
/// for a in result.assertions where a.modality == .asserted { print(a.subject, a.relation, a.object) }
/// ```
public struct Extractor: Sendable {
    let ontology: Ontology
    let lexicon: Lexicon
    /// Tries every template at every token, bypassing the template index (tests compare the two).
    var exhaustiveMatching = false
    /// Counts the mentions of the names no ontology entity has, with the first sentence of each
    /// (`ArticleExtraction.uses`, for `kg draft`).
    public var recordsUses = false

    /// The IRI extraction gives a new entity named `label` (its slug in the entity namespace).
    public static func entityIRI(forLabel label: String) -> String { KG.entityNS + ArticleEntities.slug(label) }

    public init(ontology: Ontology) {
        self.ontology = ontology
        self.lexicon = Lexicon(ontology)
    }

    /// Extracts one article. Pure: the same article always gives the same result. `trace`, when
    /// given, receives each sentence with the mentions found in it (`[text|Class]`), for `kg extract --mentions`.
    public func extract(_ article: Article, trace: ((String) -> Void)? = nil) -> ArticleExtraction {
        // The headline is read as the article's first paragraph (a fact stated only there counts); its
        // statements carry the headline as their sentence and an empty span.
        let headline = article.title.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        let prefix = headline.isEmpty || article.text.hasPrefix(headline) ? "" : headline + "\n\n"
        var result = extract(text: prefix + article.text, published: article.publishedDate, trace: trace)
        guard !prefix.isEmpty else { return result }
        let shift = prefix.utf8.count
        for i in result.assertions.indices {
            let span = result.assertions[i].span
            if span.lowerBound >= shift {
                result.assertions[i].span = (span.lowerBound - shift)..<(span.upperBound - shift)
                result.assertions[i].sentenceIndex -= 1
            } else {
                result.assertions[i].span = 0..<0
                result.assertions[i].sentenceIndex = -1
            }
        }
        return result
    }

    private func extract(text: String, published: PartialDate?, trace: ((String) -> Void)?) -> ArticleExtraction {
        var pass = ArticlePass(self, text: text, published: published)
        return pass.run(trace: trace)
    }

    func isPlace(_ cls: String) -> Bool { ontology.isSubclass(cls, of: lexicon.placeClass) }

    /// "Haftar forces", "the forces of Haftar" in an article that names Khalifa Haftar: the group the
    /// article knows only by one word, a person's surname, is that person's forces — labelled "Haftar
    /// forces" (with "Haftar", "Haftar's forces", "forces of Haftar" as other names), not "Haftar".
    func forcesNamedAfterTheirLeader(_ named: Set<Int>, _ state: inout ArticleEntities) {
        for i in named where !state.records[i].known {
            let r = state.records[i]
            guard !r.label.contains(" "), ontology.isSubclass(r.classIRI, of: lexicon.actorClass),
                  r.classIRI != lexicon.personClass, r.classIRI != lexicon.countryClass,
                  let people = state.byEndWord[r.label],
                  people.contains(where: { state.records[$0].classIRI == lexicon.personClass && state.records[$0].label.hasSuffix(" " + r.label) })
            else { continue }
            let name = r.label
            state.records[i].label = name + " forces"
            state.addAliases(i, [name, name + "'s forces", "forces of " + name])
        }
    }

    /// "Beledweyne, the capital of Hiraan": a place role noun between a place and a name of unknown kind.
    func placeRole(_ s: Int, _ o: Int, _ noun: String?, _ state: ArticleEntities) -> Bool {
        guard let noun, lexicon.placeRoleNouns.contains(noun) else { return false }
        let unknown = lexicon.unknownClass
        return (state.records[s].classIRI == unknown && !state.records[s].known && isPlace(state.records[o].classIRI))
            || (state.records[o].classIRI == unknown && !state.records[o].known && isPlace(state.records[s].classIRI))
    }

    /// A statement read from a deed whose sentence names only one of its parties ("the base was overrun",
    /// "Battalion 356 surrendered"); the other is the doer of an earlier statement of the article.
    struct InferredDeed {
        var subject: Int, object: Int       // entities
        var relation: Int
        var trigger: Range<Int>
        var phrase: String
        var said: Int                        // the mention of the party the sentence names
        var saidIsSubject: Bool
    }

    /// How many sentences back the doer of a deed said without one may have been named.
    static let doerReach = 6

    /// Whether the sentence has another verb trigger of an event relation than `m`'s (a second event the
    /// sentence's one date could belong to).
    static func hasOtherEvent(_ s: SentenceView, besides m: TemplateMatch, lexicon: Lexicon) -> Bool {
        for p in s.range where !m.trigger.contains(p) && !m.span.contains(p) {
            if let r = lexicon.eventVerbs.longest(s.tokens, at: p, end: s.range.upperBound), !lexicon.relationFacts[r.value].isState { return true }
        }
        return false
    }

    /// An `kg:agentlessNominal` phrase ending right before `k` ("the fall of"): where, how long, which relation.
    func nominalBefore(_ s: SentenceView, _ k: Int) -> (Int, Int, Int)? {
        for start in max(s.range.lowerBound, k - 4)..<k {
            if let p = lexicon.agentlessNominal.longest(s.tokens, at: start, end: k), start + p.length == k { return (start, p.length, p.value) }
        }
        return nil
    }

    /// The trigger of `triggers` right after a mention ending at `k`: at once, after the comma closing an
    /// apposition ("Battalions 503 and 504, were overrun"), or after an apposition opened by an article
    /// ("Chaghcharan, the capital of Ghor province, fell"). Its start, its relation and its phrase.
    func triggerAfter(_ s: SentenceView, _ k: Int, _ triggers: PhraseSet<Int>) -> (at: Int, relation: Int, length: Int, phrase: String)? {
        let end = s.range.upperBound
        func at(_ j: Int) -> (at: Int, relation: Int, length: Int, phrase: String)? {
            guard j < end, let p = triggers.longest(s.tokens, at: j, end: end) else { return nil }
            return (j, p.value, p.length, p.phrase.text)
        }
        if let t = at(k) { return t }
        guard k + 1 < end, s.tokens[k].text == "," else { return nil }
        if let t = at(k + 1) { return t }
        // ", the capital of X,", ", about 120 km northeast of X,": an apposition opened by a lower-case word or a number
        guard !s.tokens[k + 1].isCapitalised || ["the", "a", "an"].contains(s.tokens[k + 1].key),
              let close = (k + 2..<min(end, k + 16)).first(where: { s.tokens[$0].text == "," || s.isBoundary($0) }),
              s.tokens[close].text == "," else { return nil }
        return at(close + 1)
    }

    /// Whether a mention starting at `k` ends an apposition: one opened by a comma after another mention (or a
    /// capitalised word) and a lower-case word or a number (", about 120 km northeast of the capital X").
    static func endsApposition(_ s: SentenceView, _ k: Int) -> Bool {
        var j = k - 1
        while j > s.range.lowerBound, k - j < 16, s.tokens[j].text != ",", !s.isBoundary(j) { j -= 1 }
        guard j > s.range.lowerBound, j + 1 < k, s.tokens[j].text == ",", !s.tokens[j + 1].isCapitalised else { return false }
        return s.endAt[j - 1] != nil || s.tokens[j - 1].isCapitalised
    }

    /// "Armoured Battalion 7006 was overrun on January 25", "Chaghcharan fell this morning": a place or
    /// unit followed by a deed without its doer (`kg:agentlessTrigger`, no "by"/"to" after it), done by
    /// the subject of the article's last statement of that relation a few sentences back.
    /// "Battalions 356 and 357 surrendered": an actor followed by a deed whose other party is not said
    /// (`kg:counterpartTrigger`, no "to" after it) — the subject of the article's most recent statement of
    /// one of the relations `kg:counterpartFrom` names (the attacker).
    func inferredDeeds(_ s: SentenceView, lastDoer: [Int: (entity: Int, sentence: Int)], sentence index: Int,
                       state: ArticleEntities) -> [InferredDeed] {
        guard !lastDoer.isEmpty else { return [] }
        var out: [InferredDeed] = []
        for (mi, m) in s.mentions.enumerated() where m.kind != .relative {
            let cls = state.records[m.entity].classIRI
            var k = m.range.upperBound
            // "With the fall of Police Battalion 31, …": the deed named before the place, its doer unsaid
            if (isPlace(cls) && cls != lexicon.countryClass) || cls == lexicon.unitClass,
               let (at, length, r) = nominalBefore(s, m.range.lowerBound), let doer = lastDoer[r], index - doer.sentence <= Self.doerReach,
               lexicon.objectAllowed(cls, relation: r, ontology),
               !(m.range.upperBound < s.range.upperBound && ["to", "by"].contains(s.tokens[m.range.upperBound].key)) {
                let phrase = s.tokens[at..<(at + length)].map(\.key).joined(separator: " ")
                out.append(InferredDeed(subject: doer.entity, object: m.entity, relation: r, trigger: at..<(at + length),
                                        phrase: phrase, said: mi, saidIsSubject: false))
                continue
            }
            if MentionFinder.governed(s.tokens, m.range.lowerBound, s.range, memberNouns: lexicon.extra.memberNouns) || Matcher.inAgentApposition(m.range.lowerBound, s) { continue }
            // a party the sentence names, then a deed whose other party it does not name
            if let c = triggerAfter(s, k, lexicon.counterpart) {
                let after = c.at + c.length
                let doer = (lexicon.counterpartFrom[c.relation] ?? []).compactMap { lastDoer[$0] }.max { $0.sentence < $1.sentence }
                if after >= s.range.upperBound || !["to", "by"].contains(s.tokens[after].key), let doer, index - doer.sentence <= Self.doerReach,
                   ontology.isSubclass(cls, of: lexicon.actorClass) || cls == lexicon.facilityClass,
                   // a state's own unit surrenders to those fighting the state, not to it
                   !(cls == lexicon.unitClass && ontology.isSubclass(state.records[doer.entity].classIRI, of: lexicon.stateForceClass)) {
                    for subject in s.groupOf[mi] where s.mentions[subject].entity != doer.entity {
                        out.append(InferredDeed(subject: s.mentions[subject].entity, object: doer.entity, relation: c.relation,
                                                trigger: c.at..<after, phrase: c.phrase, said: subject, saidIsSubject: true))
                    }
                }
            }
            // a place or unit, then a deed without its doer; "The Artillery Battalion 366 base fell": the unit's base
            guard (isPlace(cls) && cls != lexicon.countryClass) || cls == lexicon.unitClass else { continue }
            // "Chipwi, about 120 km northeast of the state capital Myitkyina, fell": the apposition's place did not
            if k < s.range.upperBound, s.tokens[k].text == ",", Self.endsApposition(s, m.range.lowerBound) { continue }
            if k < s.range.upperBound, !s.tokens[k].isCapitalised, let h = lexicon.headWords.longest(s.tokens, at: k, end: s.range.upperBound),
               h.value == lexicon.facilityClass { k += h.length }
            guard let a = triggerAfter(s, k, lexicon.agentless), let doer = lastDoer[a.relation], index - doer.sentence <= Self.doerReach,
                  lexicon.objectAllowed(cls, relation: a.relation, ontology) else { continue }
            let after = a.at + a.length
            if after < s.range.upperBound, ["by", "to"].contains(s.tokens[after].key) { continue }
            // the whole list before the verb ("Battalions 503 and 504 were overrun")
            for o in s.groupOf[mi] {
                out.append(InferredDeed(subject: doer.entity, object: s.mentions[o].entity, relation: a.relation,
                                        trigger: a.at..<after, phrase: a.phrase, said: o, saidIsSubject: false))
            }
        }
        return out
    }

    /// Whether a subject–object pair may stand, typing an argument of unknown kind from the relation
    /// (`kg:typesArguments`) when the other one is typed as the relation wants: it takes its slot's class
    /// (an actor for an actor slot; a place slot's class; no change for a slot as wide as `kg:Entity`).
    /// Both unknown, or an unknown argument of another relation outside a person slot, is no statement.
    func promote(_ s: Int, _ o: Int, relation rel: RelationFacts, index ri: Int,
                 role: Bool = false, roleNoun: String? = nil, state: inout ArticleEntities) -> Bool {
        let unknown = lexicon.unknownClass
        var su = state.records[s].classIRI == unknown
        let ou = state.records[o].classIRI == unknown
        if !su && !ou { return true }
        // "Amadou Diallo leads Velor Kanu": a subject of unknown kind that reads as a person's name, in a
        // person's slot, is that person (typed now, so the other argument can be typed from it)
        if su, rel.domain == lexicon.personClass, !state.records[s].known, lexicon.personalName(state.records[s].label) != nil {
            state.records[s].classIRI = lexicon.personClass
            su = false
            if !ou { return true }
        }
        // "Badr's leader, Hadi al-Amiri", "Qorlan, a spokesman for the Velor": a role noun between two
        // names of unknown kind says what both are — a person, and an actor it speaks for or leads.
        if su && ou {
            guard role, !state.records[s].known, !state.records[o].known else { return false }
            if rel.domain == lexicon.personClass {
                state.records[o].classIRI = lexicon.actorClass
                return true
            }
            // "Beledweyne, the capital of Hiraan": a town and the region it is the capital of.
            guard rel.localName == "partOf", let noun = roleNoun, lexicon.placeRoleNouns.contains(noun) else { return false }
            state.records[s].classIRI = KG.ns + "Town"
            state.records[o].classIRI = KG.ns + "Region"
            return true
        }
        // "Brigadier X, spokesman for the Northern Operational Theatre": a person's role names an actor.
        if role, ou, rel.domain == lexicon.personClass, state.records[s].classIRI == lexicon.personClass, !state.records[o].known {
            state.records[o].classIRI = lexicon.actorClass
            return true
        }
        // "Beledweyne, the capital of Hiraan" with only one of the two typed: the other is the town or region.
        if role, rel.localName == "partOf", let noun = roleNoun, lexicon.placeRoleNouns.contains(noun),
           !state.records[su ? s : o].known, isPlace(state.records[su ? o : s].classIRI) {
            state.records[su ? s : o].classIRI = KG.ns + (su ? "Town" : "Region")
            return true
        }
        var slot = (su ? rel.domain : rel.range) ?? unknown
        if slot == lexicon.personClass { return true }
        // a slot whose relation lists the classes it allows (`kg:objectClass Actor, Country, …`) takes the first
        if let first = (su ? lexicon.subjectClasses[ri] : lexicon.objectClasses[ri]).first, !ontology.isSubclass(slot, of: first) {
            slot = first
        }
        guard lexicon.typingRelations.contains(rel.localName) else { return false }
        let other = state.records[su ? o : s].classIRI
        if let otherSlot = su ? rel.range : rel.domain, !ontology.isSubclass(other, of: otherSlot) { return false }
        if slot == unknown { return true }
        let e = su ? s : o
        guard !state.records[e].known else { return false }
        state.records[e].classIRI = slot
        return true
    }


    /// The sentence with each mention bracketed: `[Spin Boldak|Town]`, `[the group→Taliban|ArmedGroup]`.
    static func traceLine(_ t: [Token], _ range: Range<Int>, _ mentions: [Mention], _ state: ArticleEntities) -> String {
        var out = ""
        var k = range.lowerBound
        var next = 0
        while k < range.upperBound {
            if k > range.lowerBound && t[k].spaceBefore { out += " " }
            if next < mentions.count, mentions[next].range.lowerBound == k {
                let m = mentions[next]
                let r = state.records[m.entity]
                let words = m.range.map { t[$0].text }.joined(separator: " ")
                let cls = r.classIRI.split(separator: "#").last.map(String.init) ?? r.classIRI
                out += "[" + words + (m.kind == .name && words == r.label ? "" : "→" + r.label) + "|" + cls + "]"
                k = m.range.upperBound
                next += 1
                continue
            }
            out += t[k].text
            k += 1
        }
        return out
    }

    /// "Ma Li Ping and Niupingziba": a new name of unknown kind coordinated with names that all have
    /// the same kind takes that kind. True if any record changed.
    func typeByConjuncts(_ view: SentenceView, _ state: inout ArticleEntities) -> Bool {
        var changed = false
        // "Tong Chain, a neighbourhood south-east of …": an apposition with a head word types a new name.
        for (i, m) in view.mentions.enumerated() where view.classes[i] == lexicon.unknownClass && m.kind == .name {
            let e = m.entity
            guard !state.records[e].known else { continue }
            var k = m.range.upperBound
            guard k + 2 < view.range.upperBound, view.tokens[k].key == ",", ["a", "an"].contains(view.tokens[k + 1].key) else { continue }
            k += 2
            let limit = min(view.range.upperBound, k + 4)
            while k < limit, view.startAt[k] == nil, view.tokens[k].kind == .word || view.tokens[k].text == "-" {
                if !view.tokens[k].isCapitalised, let h = lexicon.headWords.longest(view.tokens, at: k, end: view.range.upperBound) {
                    state.records[e].classIRI = h.value
                    changed = true
                    break
                }
                k += 1
            }
        }
        var k = 0
        while k < view.mentions.count {
            let g = view.groupOf[k]
            defer { k = max(k + 1, g.upperBound) }
            guard g.count > 1 else { continue }
            let kinds = Set(g.map { view.classes[$0] }.filter { $0 != lexicon.unknownClass })
            guard kinds.count == 1, let cls = kinds.first else { continue }
            for m in g where view.classes[m] == lexicon.unknownClass && view.mentions[m].kind == .name {
                let e = view.mentions[m].entity
                guard !state.records[e].known else { continue }
                state.records[e].classIRI = cls
                changed = true
            }
        }
        return changed
    }


    /// "the information officer of Column 3 of the ABSDF": a spokesperson speaks for the organisation
    /// a named sub-unit belongs to.
    func speaksFor(_ s: SentenceView, _ mention: Int, relation: String) -> Int {
        guard relation == "spokespersonOf", mention + 1 < s.mentions.count,
              ontology.isSubclass(s.classes[mention], of: lexicon.unitClass) else { return mention }
        var k = s.mentions[mention].range.upperBound
        guard k < s.range.upperBound, s.tokens[k].key == "of" else { return mention }
        k += 1
        while k < s.range.upperBound, Matcher.determiners.contains(s.tokens[k].key) { k += 1 }
        guard let next = s.startAt[k], ontology.isSubclass(s.classes[next], of: lexicon.actorClass),
              !ontology.isSubclass(s.classes[next], of: lexicon.unitClass) else { return mention }
        return next
    }

    /// The possessor of a military unit named as "OWNER 's UNIT", for relations whose subject acts for
    /// its owner (`kg:actsForOwner`: "the A's Brigade 5 overran X" is A's deed); else `mention`.
    func owner(_ s: SentenceView, _ mention: Int, actsForOwner: Bool) -> Int {
        guard actsForOwner, mention > 0,
              ontology.isSubclass(s.classes[mention], of: lexicon.unitClass) else { return mention }
        let start = s.mentions[mention].range.lowerBound
        let prev = s.mentions[mention - 1]
        guard start - 1 >= s.range.lowerBound, s.tokens[start - 1].key == "'s", prev.range.upperBound == start - 1,
              ontology.isSubclass(s.classes[mention - 1], of: lexicon.actorClass),
              !ontology.isSubclass(s.classes[mention - 1], of: lexicon.unitClass) else { return mention }
        return mention - 1
    }


    /// True if a partial-control cue ("most of", "much of", "almost entirely") stands just before the
    /// object, or between a fronted object and its trigger.
    func partial(_ s: SentenceView, object index: Int, trigger: Range<Int>) -> Bool {
        let cues = lexicon.extra.partialCues
        let object = s.mentions[index]
        // "parts of A, B and C": the cue before a list is said of every name in it
        var b = s.mentions[s.groupOf[index].lowerBound].range.lowerBound
        // (a list of names the grouping split by kind: "parts of Loikaw, Nan Mei Khon and Moebye"; not
        // "Hsenwi, which …")
        while object.kind == .name, b - 2 >= s.range.lowerBound, [",", "and"].contains(s.tokens[b - 1].key),
              let before = s.endAt[b - 2], s.mentions[before].kind == .name {
            b = s.mentions[before].range.lowerBound
        }
        while b > s.range.lowerBound, Matcher.determiners.contains(s.tokens[b - 1].key) { b -= 1 }
        // "much of the coast of X", "most of the north of X": a part of the place named between the cue
        // and the place
        if b - 3 >= s.range.lowerBound, s.tokens[b - 1].key == "of", s.startAt[b - 2] == nil, s.endAt[b - 2] == nil,
           s.tokens[b - 2].kind == .word, !s.tokens[b - 2].isCapitalised, s.tokens[b - 3].key == "the" {
            b -= 3
        }
        for start in max(s.range.lowerBound, b - 4)..<b {
            if let c = cues.longest(s.tokens, at: start, end: b), start + c.length == b { return true }
        }
        let between = object.range.upperBound < trigger.lowerBound ? object.range.upperBound..<trigger.upperBound
                                                                     : max(s.range.lowerBound, trigger.lowerBound - 3)..<trigger.lowerBound
        for k in between where cues.longest(s.tokens, at: k, end: trigger.upperBound) != nil { return true }
        return false
    }

    /// The time of a match: the nearest date expression of the sentence (after the trigger preferred).
    /// State relations keep intervals ("until 2009" → end); an onset trigger starts the state; an
    /// untimed state is an observation on the publication date.
    ///
    /// Clause rules:
    /// - A state told in the present tense ("which is held by X", "which X still holds") holds on the
    ///   publication date, whatever past date another clause of the sentence carries.
    /// - A past-tense state reported in a complement clause ("On Friday X said that the town was now
    ///   under its control") holds at the reporting clause's date, however far away that date is written.
    /// - An undated event told in the present tense ("Y is now encircled by X") is an observation on
    ///   the publication date.
    func attachTime(_ times: [TimeExpression], to m: TemplateMatch, isState: Bool,
                    published: PartialDate?, view: SentenceView? = nil) -> TimeAnnotation? {
        // Appositions ("X, the capital of Y") state identity, not events: no time.
        if m.template.kind == .role { return nil }
        let present = view.map { Self.presentTense($0, trigger: m.trigger) } ?? false
        var best: (Int, TimeExpression)?
        for t in times {
            // "…control of a town it was driven out of fifteen years ago": a date in a clause about a
            // noun after the trigger is that clause's.
            if let view, t.range.lowerBound >= m.trigger.upperBound,
               (m.trigger.upperBound..<t.range.lowerBound).contains(where: {
                   $0 > view.range.lowerBound && MentionFinder.clauseOpeners.contains(view.tokens[$0].key) && view.endAt[$0 - 1] != nil
               }) { continue }
            let d: Int
            if t.range.lowerBound >= m.trigger.upperBound { d = t.range.lowerBound - m.trigger.upperBound }
            else if t.range.upperBound <= m.trigger.lowerBound { d = m.trigger.lowerBound - t.range.upperBound + 2 }
            else { d = 0 }
            if d <= 20, best == nil || d < best!.0 { best = (d, t) }
        }
        if best == nil, isState, !present, let view, m.template.kind != .onset {
            // Reported speech: the last date before a complementiser "that" that introduces the trigger's clause.
            for t in times.reversed() where t.range.upperBound <= m.trigger.lowerBound && t.date != nil {
                if (t.range.upperBound..<m.trigger.lowerBound).contains(where: { view.tokens[$0].key == "that" }) {
                    best = (0, t)
                }
                break
            }
        }
        if let (_, t) = best {
            if m.template.kind == .onset, isState {
                return TimeAnnotation(date: nil, start: t.date ?? t.start, end: t.end, phrase: t.phrase, anchor: t.anchor)
            }
            // "controlled X until the army drove it out in 2009": a state ends at the date after "until".
            if isState, let point = t.date, let view, t.range.lowerBound > m.trigger.upperBound,
               (m.trigger.upperBound..<t.range.lowerBound).contains(where: { view.tokens[$0].key == "until" }) {
                return TimeAnnotation(date: nil, start: nil, end: point, phrase: t.phrase, anchor: t.anchor)
            }
            // "the town, which is held by X" in a sentence about Tuesday: held now, not on Tuesday.
            if isState, present, t.date != nil, m.template.kind != .onset,
               let observed = TimeFinder.observation(published: published) { return observed }
            return t.annotation
        }
        // A present-tense state without a date ("is now encircled", "the junta-held town") is an
        // observation on the publication date.
        if isState || present { return TimeFinder.observation(published: published) }
        return nil
    }

    /// "took Fuzuli on Oct. 17, Zangilan three days after that, and Gubadli on Oct. 25": a date right after
    /// one object of a list is that object's (for events).
    static func conjunctTime(_ times: [TimeExpression], after m: Mention) -> TimeAnnotation? {
        times.first { $0.range.lowerBound == m.range.upperBound && $0.date != nil }?.annotation
    }

    /// The date of a sentence that repeats an earlier deed without its object: the subject entity, then
    /// (within a dozen words, no clause boundary or relative word between) the deed's verb without its
    /// preposition, then a date at once ("Personnel at X, the army's largest base, gave up on Thursday").
    func restatedTime(_ s: SentenceView, times: [TimeExpression], subject: Int, relation: Int) -> TimeAnnotation? {
        for m in s.mentions where m.entity == subject && m.kind != .relative {
            var k = m.range.upperBound
            let limit = min(s.range.upperBound, k + 12)
            while k < limit {
                if s.isBoundary(k) || ["that", "which", "who", "when", "where"].contains(s.tokens[k].key) { break }
                if let r = lexicon.restatements.longest(s.tokens, at: k, end: s.range.upperBound), r.value == relation {
                    let after = k + r.length
                    // "X surrendered to Y": a full statement, read on its own.
                    if after + 1 < s.range.upperBound, Lexicon.objectPrepositions.contains(s.tokens[after].key),
                       s.startAt[after + 1] != nil || Matcher.determiners.contains(s.tokens[after + 1].key) { return nil }
                    if let t = times.first(where: { $0.range.lowerBound >= after && $0.range.lowerBound <= after + 1 }),
                       t.date?.precision == .day { return t.annotation }
                    return nil
                }
                k += 1
            }
        }
        return nil
    }

    /// Auxiliaries that repeat a predicate after "as" (", as had X", ", as did Y").
    static let ellipsisAuxiliaries: Set<String> = ["had", "has", "have", "did", "do", "does", "was", "were"]

    /// ", as had members of the Border Guard Force": the subjects of a clause that repeats the
    /// match's predicate by an auxiliary alone (VP ellipsis), right after the match.
    func ellipsisSubjects(_ s: SentenceView, after m: TemplateMatch, domain: String?) -> [Int] {
        var k = max(m.span.upperBound, m.trigger.upperBound)
        // The match's own trailing words (its object's modifiers, a place, a date) up to the comma.
        let limit = min(s.range.upperBound, k + 12)
        while k < limit, s.tokens[k].text != ",", !s.isBoundary(k) { k += 1 }
        guard k + 3 < s.range.upperBound, s.tokens[k].text == ",", s.tokens[k + 1].key == "as",
              Self.ellipsisAuxiliaries.contains(s.tokens[k + 2].key) else { return [] }
        var j = k + 3
        // "members of the …", "most of the …", "some of the …"
        if j + 1 < s.range.upperBound, s.startAt[j] == nil, s.tokens[j + 1].key == "of" { j += 2 }
        // determiners and hyphenated modifiers ("the pro-junta Border Guard Force")
        func hyphenated(_ i: Int) -> Bool {
            s.tokens[i].text == "-" || (i + 1 < s.range.upperBound && s.tokens[i + 1].text == "-")
                || (i > s.range.lowerBound && s.tokens[i - 1].text == "-")
        }
        while j < s.range.upperBound, s.startAt[j] == nil, Matcher.determiners.contains(s.tokens[j].key) || hyphenated(j) {
            j += 1
        }
        guard j < s.range.upperBound, let first = s.startAt[j] else { return [] }
        let group = s.groupOf[first]
        return Array(first..<group.upperBound).filter { i in
            !m.subjects.contains(i) && (domain.map { ontology.isSubclass(s.classes[i], of: $0) } ?? true)
        }
    }

    /// True if the sentence says its events are not the scene's: "since then", "later", "has shelled"
    /// (a present perfect reaches to now), "will".
    static func leavesTheScene(_ s: SentenceView) -> Bool {
        s.range.contains { TimeLexicon.sceneBreaks.contains(s.tokens[$0].key) }
    }

    /// `leavesTheScene`, but not for a break inside the same day ("Earlier in the day", "earlier today").
    static func leavesTheDay(_ s: SentenceView) -> Bool {
        s.range.contains { k in
            guard TimeLexicon.sceneBreaks.contains(s.tokens[k].key) else { return false }
            return !TimeLexicon.sameDay.contains { words in
                k + words.count < s.range.upperBound && words.indices.allSatisfy { s.tokens[k + 1 + $0].key == words[$0] }
            }
        }
    }

    /// True if the sentence carries on the previous one's events: a sequence adverb ("then", not "since
    /// then" or "the then commander") or a reply verb ("responded").
    static func continuesNarrative(_ s: SentenceView) -> Bool {
        for k in s.range where TimeLexicon.sequenceCues.contains(s.tokens[k].key) {
            let before = k > s.range.lowerBound ? s.tokens[k - 1].key : ""
            if s.tokens[k].key == "then", ["since", "until", "till", "by", "from", "the"].contains(before) { continue }
            return true
        }
        return false
    }

    /// ", leaving the group in control of the town": a participle clause stating the result of the
    /// sentence's deed (its time is that deed's).
    func resultative(_ s: SentenceView, _ m: TemplateMatch) -> Bool {
        if case .literal(let first)? = m.template.elements.first(where: { if case .literal = $0 { true } else { false } }),
           TimeLexicon.resultWords.contains(first), m.template.anchor == 0 { return true }
        // (over a determiner and a few modifiers: "leaving the ethnic Kokang armed group in control")
        var b = m.span.lowerBound - 1
        var skipped = 0
        while b >= s.range.lowerBound, skipped < 3, s.tokens[b].kind == .word, !s.tokens[b].isCapitalised,
              !TimeLexicon.resultWords.contains(s.tokens[b].key) { b -= 1; skipped += 1 }
        return b >= s.range.lowerBound && TimeLexicon.resultWords.contains(s.tokens[b].key)
    }

    /// True if the trigger is a present-tense verb or follows one within its clause ("is held by",
    /// "still holds", "is now encircled by", "remains in X hands").
    /// A deed told as news: in the present perfect ("have taken", "has fallen", "has come under") or in a
    /// headline's present ("takes", "falls to"), outside quotation marks (a quoted "has fallen" is the
    /// speaker's day, not the article's).
    static func newsPresent(_ s: SentenceView, trigger: Range<Int>, lexicon: Lexicon) -> Bool {
        let t = s.tokens
        let quotes: Set<String> = ["\"", "\u{201C}", "\u{201D}"]
        if s.range.contains(where: { quotes.contains(t[$0].text) }) { return false }
        let perfect: Set<String> = ["has", "have"]
        if perfect.contains(t[trigger.lowerBound].key) || perfect.contains(wordBeforeVerb(s, trigger: trigger)) { return true }
        // a headline: one line, no full stop, a verb in -s ("takes", "seizes", "falls") or the plain form of one
        // ("rebels seize")
        let verb = t[trigger.lowerBound].key
        guard s.range.lowerBound == 0, t[s.range.upperBound - 1].text != ".", verb.count > 3 else { return false }
        return (verb.hasSuffix("s") && !verb.hasSuffix("ss"))
            || lexicon.verbBases.contains(verb + "s") || lexicon.verbBases.contains(verb + "es")
    }

    /// The word before a trigger's verb group, past up to three adverbs: the auxiliary of "is now held",
    /// "has already taken"; "" at the sentence's start.
    static func wordBeforeVerb(_ s: SentenceView, trigger: Range<Int>) -> String {
        var k = trigger.lowerBound
        var steps = 0
        while k > s.range.lowerBound, steps < 3, Matcher.adverbs.contains(s.tokens[k - 1].key) { k -= 1; steps += 1 }
        return k > s.range.lowerBound ? s.tokens[k - 1].key : ""
    }

    static func presentTense(_ s: SentenceView, trigger: Range<Int>) -> Bool {
        let before = wordBeforeVerb(s, trigger: trigger)
        if TimeLexicon.presentAuxiliaries.contains(before) { return true }
        if TimeLexicon.pastAuxiliaries.contains(before) { return false }
        guard let first = trigger.first(where: { !Matcher.adverbs.contains(s.tokens[$0].key) }) else { return false }
        let verb = s.tokens[first].key
        if TimeLexicon.presentAuxiliaries.contains(verb) { return true }
        // "which the regime still holds", "they now hold": a bare present verb after "still"/"now".
        if TimeLexicon.presentStateVerbs.contains(verb) { return true }
        if first > s.range.lowerBound, ["now", "still"].contains(s.tokens[first - 1].key),
           TimeLexicon.plainPresentVerbs.contains(verb) { return true }
        return false
    }
}

/// One fact of one sentence (subject, relation name, object, sentence), kept once per article.
struct FactKey: Hashable {
    var subject: Int
    var relation: String
    var object: Int
    var sentence: Int
}
