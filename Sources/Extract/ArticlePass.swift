import Ingest
import Ontology
import RDF

/// One article's extraction (`Extractor.extract`): the state carried from sentence to sentence, and the
/// steps that read one sentence — its dates and mentions, the facts its templates match, the leaders its
/// titles name and the deeds it states without their doer.
struct ArticlePass {
    typealias Relation = RelationFacts

    private let extractor: Extractor
    private let lexicon: Lexicon
    private let ontology: Ontology
    private let text: String
    private let utf8: [UInt8]
    private let published: PartialDate?
    private let tokens: [Token]
    private let finder: MentionFinder
    private let matcher: Matcher
    private let modality: ModalityReader
    private let leaderRelation: Int?
    private let partOfRelation: Int?
    /// "X, … in Y": the template an apposition that locates its place is read as (`addAppositiveLocations`).
    private let appositiveLocation: Template?

    private var state = ArticleEntities()
    private var uses: [String: EntityUse] = [:]
    /// The entities the article names or states facts about (its `entities`).
    private var named = Set<Int>()
    private var assertions: [Assertion] = []
    private var seen = Set<FactKey>()
    /// The reference date, carried from sentence to sentence ("a day later" counts from the last event).
    private var timeReference: PartialDate? = nil
    // Undated events of the previous sentence: (assertion index, subject entity, relation index).
    private var undated: [(assertion: Int, subject: Int, relation: Int)] = []
    // Results of the previous sentence's deed (", leaving X in control of Y"): they start when it happened.
    private var results: [(assertion: Int, isState: Bool)] = []
    // The last day-precise date of the previous sentence, for "… then …" and "X responded …".
    private var previousDay: TimeExpression? = nil
    // The last date a sentence of the current paragraph gave: the scene an undated event of a later
    // sentence of the paragraph happens in ("On 5 June the GNA entered Tarhuna. Its fighters took the
    // airport.").
    private var sceneDate: TimeExpression? = nil
    // The day a news report's opening sentences give its events (within a week before publication): the day
    // of an undated deed told later in the simple past ("Iraqi forces entered Kirkuk on Monday. … Residents
    // fled the city."), when no paragraph scene dates it.
    private var leadDay: TimeExpression? = nil
    // Relation index → the subject of the article's last statement of it and that sentence's index,
    // the doer of a later deed said without one ("The base was overrun on Friday").
    private var lastDoer: [Int: (entity: Int, sentence: Int)] = [:]
    /// The sentence's deeds whose object may have a source after "from" (`kg:sourceRelation`), read
    /// after its templates.
    private var sourceDeeds: [(relation: Int, object: Int, reading: MatchReading)] = []

    /// What the steps reading one sentence share.
    private struct Sentence {
        let index: Int
        let view: SentenceView
        let times: [TimeExpression]
        /// The date an undated event of the sentence takes from the narrative: the previous sentence's
        /// day if the sentence carries on its events, else the date of the paragraph's scene.
        let narrativeTime: TimeExpression?
    }

    /// A template match with what every fact read from it shares.
    private struct MatchReading {
        let match: TemplateMatch
        let relation: Relation
        let mode: Modality
        let attribution: String?
        let time: TimeAnnotation?
    }

    init(_ extractor: Extractor, text: String, published: PartialDate?) {
        let lexicon = extractor.lexicon, ontology = extractor.ontology
        var tokens = Tokenizer.tokenize(text)
        lexicon.words.stamp(&tokens)
        Headline.lowerTitleCase(&tokens, lexicon: lexicon)
        self.extractor = extractor
        self.lexicon = lexicon
        state.memberNouns = lexicon.extra.memberNouns
        self.ontology = ontology
        self.text = text
        self.utf8 = Array(text.utf8)
        self.published = published
        self.tokens = tokens
        finder = MentionFinder(ontology: ontology, lexicon: lexicon)
        matcher = Matcher(ontology: ontology, lexicon: lexicon, exhaustive: extractor.exhaustiveMatching)
        modality = ModalityReader(lexicon: lexicon)
        leaderRelation = lexicon.relationFacts.firstIndex { $0.localName == "leaderOf" }
        partOfRelation = lexicon.relationFacts.firstIndex { $0.localName == "partOf" }
        appositiveLocation = lexicon.relationFacts.firstIndex { $0.localName == "locatedIn" }
            .flatMap { Template("{s} , … in {o}", relation: $0, kind: .template) }
    }

    /// Reads every sentence and returns what the article states. `trace` as in `Extractor.extract`.
    mutating func run(trace: ((String) -> Void)?) -> ArticleExtraction {
        finder.survey(tokens, state: &state)
        for (index, range) in SentenceSplitter.split(tokens).enumerated() where !range.isEmpty {
            read(sentence: index, range, trace: trace)
        }
        extractor.forcesNamedAfterTheirLeader(named, &state)
        // a name nothing typed that reads as a person's is a person's
        for i in named where state.records[i].classIRI == lexicon.unknownClass && lexicon.personalName(state.records[i].label) != nil {
            state.records[i].classIRI = lexicon.personClass
        }
        let entities = named.sorted().map { i -> Entity in
            let r = state.records[i]
            return Entity(id: r.id, label: r.label, classIRI: r.classIRI, aliases: r.aliases)
        }
        var result = ArticleExtraction(entities: entities, assertions: assertions, warnings: [])
        result.uses = uses
        return result
    }

    // MARK: One sentence

    /// Reads one sentence: its dates and mentions, then the facts its templates, titles and doerless deeds state.
    private mutating func read(sentence index: Int, _ range: Range<Int>, trace: ((String) -> Void)?) {
        let times = dates(in: range)
        var timeTokens = TokenSet(range)
        for t in times { timeTokens.formUnion(t.range) }
        let mentions = finder.find(tokens, range, timeTokens: timeTokens, state: &state)
        for m in mentions where m.kind == .name { named.insert(m.entity) }
        if extractor.recordsUses { recordUses(mentions, range) }
        if let trace { trace(Extractor.traceLine(tokens, range, mentions, state)) }
        let view = sentenceView(range, mentions, timeTokens)
        dateRestatedDeeds(view, times)
        if index < 3, leadDay == nil, let published { leadDay = Self.reportDay(times, published: published) }
        let sentence = Sentence(index: index, view: view, times: times, narrativeTime: narrativeTime(view, times, index))
        for m in matcher.matches(view) { addFacts(of: m, in: sentence) }
        // (after the templates, which date and weigh a fact they state too)
        for (relation, oi, reading) in sourceDeeds { addSourceFact(relation, object: oi, reading, in: sentence) }
        sourceDeeds.removeAll()
        addTitledLeaders(sentence)
        addInferredDeeds(sentence)
        addAppositiveLocations(sentence)
        addProvincialCapitals(sentence)
        state.previousList = subjectList(view)
    }

    /// The actors of the list of two or more that is the sentence's subject (its first actor no preposition
    /// governs) or a passive's agent ("by the KNDF and its allies: the KA, …"): what "they" or "the two
    /// forces" may stand for next.
    private func subjectList(_ view: SentenceView) -> [Int] {
        func actors(_ group: Range<Int>) -> [Int] {
            var out: [Int] = []
            for k in group {
                let e = view.mentions[k].entity
                if ArticleEntities.isActorClass(state.records[e].classIRI, ontology), !out.contains(e) { out.append(e) }
            }
            return out
        }
        func before(_ mi: Int) -> Int {
            var b = view.mentions[mi].range.lowerBound - 1
            while b >= view.range.lowerBound, Matcher.determiners.contains(tokens[b].key) { b -= 1 }
            return b
        }
        var first = true
        for (mi, _) in view.mentions.enumerated() where view.groupOf[mi].lowerBound == mi {
            var list = actors(view.groupOf[mi])
            guard !list.isEmpty else { continue }
            let b = before(mi)
            let governed = b >= view.range.lowerBound && Matcher.prepositions.contains(tokens[b].key)
            let agent = b >= view.range.lowerBound && tokens[b].key == "by"
            // the subject: the sentence's first actor (list) no preposition governs; or a passive's agent
            guard (first && !governed) || agent else {
                if !governed { first = false }
                continue
            }
            first = false
            // "by the KNDF and its allies: the KA, the KNPLF …": the list after the colon is of the same side
            var next = view.groupOf[mi].upperBound
            // (past "its" of "and its allies")
            while next < view.mentions.count, view.mentions[next].range.count == 1, ["its", "their"].contains(tokens[view.mentions[next].range.lowerBound].key) { next += 1 }
            if next < view.mentions.count, before(next) >= view.range.lowerBound, tokens[before(next)].text == ":",
               before(next) - view.mentions[view.groupOf[mi].upperBound - 1].range.upperBound <= 3 {
                for e in actors(view.groupOf[next]) where !list.contains(e) { list.append(e) }
            }
            if list.count >= 2 { return list }
        }
        return []
    }

    /// "Herat, the provincial capital", "Bazarak, the centre of the province", "Ghazni, the capital of the
    /// province of the same name": the town is part of a province the sentence does not name — the one named
    /// like the town if the article names it or says "of the same name", else the region it last named.
    private mutating func addProvincialCapitals(_ sentence: Sentence) {
        guard let partOf = partOfRelation else { return }
        let view = sentence.view, end = view.range.upperBound, index = sentence.index
        // a division's head word ("province", "district"): its class
        func division(at k: Int) -> String? {
            guard k < end, let h = lexicon.headWords.longest(tokens, at: k, end: k + 1),
                  ontology.isSubclass(h.value, of: KG.ns + "Region") || ontology.isSubclass(h.value, of: KG.ns + "Township") else { return nil }
            return h.value
        }
        for m in view.mentions where m.kind == .name && finder.isSettlement(m.entity, state) {
            let comma = m.range.upperBound
            guard comma + 2 < end, tokens[comma].text == "," else { continue }
            var found: (word: String, cls: String)?, sameName = false, j = comma + 1
            // "the provincial capital" (past a few words: "the country's second-largest city and the provincial capital")
            while j + 1 < end, j - comma <= 9, tokens[j].text != ",", view.startAt[j] == nil, !view.isBoundary(j) {
                if tokens[j].key == "provincial", lexicon.placeRoleNouns.contains(tokens[j + 1].key) {
                    found = ("province", KG.ns + "Region"); j += 2; break
                }
                // "the capital of the province (of the same name)", "seat of the district of same name"
                if lexicon.placeRoleNouns.contains(tokens[j].key), j + 3 < end, tokens[j + 1].key == "of" {
                    let d = tokens[j + 2].key == "the" ? j + 3 : j + 2
                    guard let cls = division(at: d) else { break }
                    found = (tokens[d].key, cls)
                    j = d + 1
                    let rest = tokens[j..<min(end, j + 4)].map(\.key)
                    sameName = rest.starts(with: ["of", "the", "same", "name"]) || rest.starts(with: ["of", "same", "name"])
                    break
                }
                j += 1
            }
            guard let found, j >= end || [",", ".", ";", "and"].contains(tokens[j].key) || sameName else { continue }
            let town = state.records[m.entity].label
            let likeTown = town + " " + found.word
            let region: Int
            // (a region of the town's name in a country the article names: "Herat, the provincial capital")
            let regionLikeTown = lexicon.places.places(named: town).contains { p in
                p.classLocalName == "Region" && lexicon.extra.countryByCode[p.country].map { state.articleCountries[$0] != nil } == true
            }
            if sameName || regionLikeTown || state.records.contains(where: { $0.label == likeTown }) {
                region = state.named(likeTown, classIRI: found.cls, aliases: [], ontology: ontology)
            } else if let last = state.history.reversed().prefix(30).first(where: {
                ontology.isSubclass(state.records[$0].classIRI, of: KG.ns + "Region") && state.records[$0].classIRI != lexicon.countryClass }) {
                region = last
            } else { continue }
            guard region != m.entity, seen.insert(FactKey(subject: m.entity, relation: "partOf", object: region, sentence: index)).inserted else { continue }
            let (mode, attribution) = modality.read(view, trigger: comma..<j, state: state)
            guard mode == .asserted || mode == .claimed else { continue }
            addDescribedFact(m.entity, partOf, region, view: view, sentence: index, span: m.range.lowerBound..<j,
                             mode: mode, attribution: attribution, rule: "apposition:a provincial capital")
        }
    }

    /// "Shir Khan Bandar, the main crossing into Tajikistan in Kunduz province, …", "Fallujah, about 40 miles
    /// west of Baghdad in Anbar province, …": an apposition about a place that ends in "in" a region says
    /// where the place lies — whatever other places the apposition names on the way.
    private mutating func addAppositiveLocations(_ sentence: Sentence) {
        guard let template = appositiveLocation else { return }
        let view = sentence.view, end = view.range.upperBound
        let openers: Set<String> = ["the", "a", "an", "about", "some", "around", "roughly", "nearly", "just", "only"]
        let closers: Set<String> = [",", ".", ";", ":", "\u{2014}", "\u{2013}"]
        // (the classes as the sentence's facts left them: "captured Sarbel, …" made Sarbel a place)
        for (mi, m) in view.mentions.enumerated() where m.kind == .name {
            let cls = state.records[m.entity].classIRI
            guard extractor.isPlace(cls), cls != lexicon.countryClass else { continue }
            let comma = m.range.upperBound
            guard comma + 1 < end, tokens[comma].text == ",", openers.contains(tokens[comma + 1].key) || tokens[comma + 1].kind == .number else { continue }
            var j = comma + 1
            while j < min(end, comma + 16), !closers.contains(tokens[j].text), !view.isBoundary(j),
                  !Matcher.relativeWords.contains(tokens[j].key), tokens[j].key != "that", tokens[j].key != "and" {
                if tokens[j].key == "in", j + 1 < end, let ri = view.startAt[j + 1] ?? (j + 2 < end && tokens[j + 1].key == "the" ? view.startAt[j + 2] : nil) {
                    let r = view.mentions[ri]
                    let after = r.range.upperBound
                    if after >= end || closers.contains(tokens[after].text),
                       ontology.isSubclass(state.records[r.entity].classIRI, of: KG.ns + "Region")
                        || ontology.isSubclass(state.records[r.entity].classIRI, of: KG.ns + "Township"),
                       r.entity != m.entity {
                        let match = TemplateMatch(template: template, subjects: [mi], objects: [ri], trigger: comma..<j + 1,
                                                  span: m.range.lowerBound..<after, distance: 0)
                        addFacts(of: match, in: sentence)
                    }
                    break
                }
                if let k = view.startAt[j] { j = view.mentions[k].range.upperBound } else { j += 1 }
            }
        }
    }

    /// The sentence's date expressions, less a date followed by a capitalised head word: that is part of a
    /// name ("the March 23 Movement").
    private mutating func dates(in range: Range<Int>) -> [TimeExpression] {
        var times = TimeFinder.find(tokens, in: range, text: text, published: published,
                                    reference: &timeReference)
        // (the head words bound first: a closure that read `lexicon` would copy it)
        times.removeAll { [headWords = lexicon.headWords, tokens] t in
            t.range.upperBound < range.upperBound && tokens[t.range.upperBound].isCapitalised
                && headWords.longest(tokens, at: t.range.upperBound, end: range.upperBound) != nil
        }
        return times
    }

    /// Counts the mentions of names no ontology entity has, with the first sentence of each (`kg draft`).
    private mutating func recordUses(_ mentions: [Mention], _ range: Range<Int>) {
        for m in mentions where m.kind == .name && !state.records[m.entity].known {
            let id = state.records[m.entity].id
            if uses[id] == nil {
                uses[id] = EntityUse(mentions: 0, sentence: sentenceText(range))
            }
            uses[id]!.mentions += 1
        }
    }

    private func sentenceText(_ range: Range<Int>) -> String {
        String(decoding: utf8[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end], as: UTF8.self)
    }

    /// The sentence with its mentions' classes, again after new names were typed by their conjuncts.
    private mutating func sentenceView(_ range: Range<Int>, _ mentions: [Mention], _ timeTokens: TokenSet) -> SentenceView {
        let view = makeView(range, mentions, timeTokens)
        return extractor.typeByConjuncts(view, &state) ? makeView(range, mentions, timeTokens) : view
    }

    private func makeView(_ range: Range<Int>, _ mentions: [Mention], _ timeTokens: TokenSet) -> SentenceView {
        // (a loop, not closures that would capture — and copy — the extractor)
        var classes: [String] = [], places: [Bool] = []
        for m in mentions { classes.append(state.records[m.entity].classIRI); places.append(extractor.isPlace(classes[classes.count - 1])) }
        let verbs = lexicon.eventVerbs, speech = lexicon.extra.speechVerbs, words = tokens
        return SentenceView(tokens: tokens, range: range, mentions: mentions, classes: classes,
                            timeTokens: timeTokens, boundaries: lexicon.boundaries, places: places,
                            allyNouns: lexicon.extra.allyNouns, connectors: lexicon.extra.listConnectors,
                            descriptors: lexicon.placeNouns,
                            verbAt: { k in speech[words[k].key] != nil || verbs.longest(words, at: k, end: range.upperBound) != nil })
    }

    /// "X has surrendered to Y." then "X gave up on Thursday.": the next sentence dates the deed (and the
    /// results of that deed). Then the previous sentence's undated deeds and results are forgotten.
    private mutating func dateRestatedDeeds(_ view: SentenceView, _ times: [TimeExpression]) {
        for u in undated {
            if let t = extractor.restatedTime(view, times: times, subject: u.subject, relation: u.relation) {
                assertions[u.assertion].time = t
                for r in results where r.assertion != u.assertion {
                    assertions[r.assertion].time = r.isState
                        ? TimeAnnotation(start: t.date, phrase: t.phrase, anchor: t.anchor)
                        : t
                }
                results = []
            }
        }
        undated = []
        results = []
    }

    /// The first day-precise date of a report's opening sentence, when it lies in the week before publication.
    static func reportDay(_ times: [TimeExpression], published: PartialDate) -> TimeExpression? {
        guard published.precision == .day,
              let first = times.first(where: { $0.date?.precision == .day }), let day = first.date else { return nil }
        let before = TimeFinder.days(published) - TimeFinder.days(day)
        return (0...7).contains(before) ? first : nil
    }

    /// `Sentence.narrativeTime`, keeping the previous day and the scene date up to date.
    /// "On Saturday the group took the outposts. The army responded with an air strike, and a shell
    /// then fell among civilians": an undated sentence that continues the narrative is that day's.
    private mutating func narrativeTime(_ view: SentenceView, _ times: [TimeExpression], _ index: Int) -> TimeExpression? {
        let continued = times.isEmpty ? previousDay.flatMap { Extractor.continuesNarrative(view) ? $0 : nil } : nil
        previousDay = times.last { $0.date?.precision == .day }
        if tokens[view.range.lowerBound].paragraphBefore || index == 0 { sceneDate = nil }
        let scene = times.isEmpty && !Extractor.leavesTheScene(view) ? sceneDate : nil
        if let last = times.last(where: { $0.date != nil }) { sceneDate = last }
        return continued ?? scene
    }

    // MARK: Template matches

    /// The facts of one template match: each of its subjects (and those of a clause that repeats its
    /// predicate) with each of its objects, unless a check rules the pair out.
    private mutating func addFacts(of m: TemplateMatch, in sentence: Sentence) {
        let view = sentence.view
        let rel = lexicon.relationFacts[m.template.relation]
        // "troops who had retreated to the airport outside X", "the road to the Pakistani town of Y": the
        // plan or supposition of the clause around a noun phrase is not the noun phrase's description.
        let phraseStart = rel.presupposed && (m.template.kind == .template || m.template.kind == .role)
            ? m.span.lowerBound : nil
        let (mode, attribution) = modality.read(view, trigger: m.trigger, clauseFrom: phraseStart, state: state)
        let reading = MatchReading(match: m, relation: rel, mode: mode, attribution: attribution,
                                   time: matchTime(m, rel, sentence, done: mode == .asserted || mode == .claimed))
        // "Ismail Khan is being held by the group": a person held is detained (heldIn), not a place held
        if rel.wholePlace, m.template.kind == .passive, m.trigger.lowerBound > view.range.lowerBound,
           tokens[m.trigger.lowerBound - 1].key == "being" || tokens[m.trigger.lowerBound].key == "being" { return }
        let partialBlocked = rel.wholePlace
        if let blocked = lexicon.objectNotAfter[m.template.relation], m.template.kind == .active || m.template.kind == .participle,
           let first = m.objects.first, (m.trigger.upperBound..<view.mentions[first].range.lowerBound).contains(where: { blocked.contains(tokens[$0].key) }) {
            return
        }
        let elided = m.template.kind == .role ? [] : extractor.ellipsisSubjects(view, after: m, domain: rel.domain)
        for si in m.subjects.map({ extractor.owner(view, $0, actsForOwner: rel.actsForOwner) }) + elided {
            for oi in m.objects.map({ extractor.speaksFor(view, $0, relation: rel.localName) })
                where !(partialBlocked && extractor.partial(view, object: oi, trigger: m.trigger)) {
                addFact(subject: si, object: oi, of: reading, in: sentence)
                // "the two forces seized X": each actor the plural reference stands for
                for e in view.mentions[si].also { addFact(subject: si, object: oi, of: reading, in: sentence, subjectEntity: e) }
                // "they helped the Mozambican army to retake X": the helper did it too
                if let helper = helper(of: si, view) { addFact(subject: si, object: oi, of: reading, in: sentence, subjectEntity: helper) }
            }
        }
        if let source = lexicon.sourceRelation[m.template.relation], mode == .asserted || mode == .claimed, m.template.kind == .active {
            for oi in m.objects { sourceDeeds.append((source, oi, reading)) }
        }
    }

    /// The actor that "helped" (or "assisted") subject mention `si` to do the deed: the actor right before
    /// the verb ("the RDF helped the Mozambican army (to) retake X").
    private func helper(of si: Int, _ view: SentenceView) -> Int? {
        var b = view.mentions[si].range.lowerBound - 1
        while b > view.range.lowerBound, Matcher.determiners.contains(tokens[b].key) { b -= 1 }
        guard b > view.range.lowerBound, ["helped", "helping", "assisted", "helps"].contains(tokens[b].key),
              let h = view.endAt[b - 1] ?? (b >= 2 && ["had", "has", "have"].contains(tokens[b - 1].key) ? view.endAt[b - 2] : nil),
              view.mentions[h].entity != view.mentions[si].entity,
              ontology.isSubclass(state.records[view.mentions[h].entity].classIRI, of: lexicon.actorClass),
              state.records[view.mentions[h].entity].classIRI != lexicon.personClass else { return nil }
        return view.mentions[h].entity
    }

    /// "evacuated 200 staff and their relatives from the grounds of X", "escorted 370 people from the
    /// monastery to safety", "rescued 16 pupils in X": the place after "from" (or "in") in the clause of the
    /// deed is where its object was taken from.
    private mutating func addSourceFact(_ relation: Int, object oi: Int, _ r: MatchReading, in sentence: Sentence) {
        let view = sentence.view, end = view.range.upperBound
        var j = view.mentions[view.groupOf[oi].upperBound - 1].range.upperBound
        let limit = min(end, j + 8)
        // ("rescued 16 pupils in Gada Local Government Area": where they were rescued, so where from)
        while j < limit, tokens[j].key != "from", tokens[j].key != "in" {
            // (another name, a boundary, a clause's start or a verb ends the clause; "their relatives" does not)
            if let mi = view.startAt[j], view.mentions[mi].kind != .reference { return }
            if view.isBoundary(j) || [",", ";", "who", "which", "to"].contains(tokens[j].key)
                || lexicon.eventVerbs.longest(tokens, at: j, end: j + 1) != nil { return }
            j += 1
        }
        guard j < limit else { return }
        var k = j + 1
        while k < min(end, j + 6), view.startAt[k] == nil, ![",", "to", "and"].contains(tokens[k].key) { k += 1 }
        guard k < end, let pm = view.startAt[k] else { return }
        let o = view.mentions[oi].entity, place = view.mentions[pm].entity
        guard extractor.isPlace(state.records[place].classIRI), o != place,
              seen.insert(FactKey(subject: o, relation: lexicon.relationFacts[relation].localName, object: place, sentence: sentence.index)).inserted
        else { return }
        addDescribedFact(o, relation, place, view: view, sentence: sentence.index, span: r.match.trigger.lowerBound..<(k + 1),
                         mode: r.mode, attribution: r.attribution, rule: "clause:from after the deed")
    }

    /// The time of a match: the date `attachTime` gives it; for an event without one, the sentence's only
    /// date if the sentence has no other event ("X captured the headquarters of Y, which are stationed
    /// outside Z, on Tuesday" is dated by it, however far), else the narrative's date.
    private func matchTime(_ m: TemplateMatch, _ rel: Relation, _ sentence: Sentence, done: Bool) -> TimeAnnotation? {
        let view = sentence.view, times = sentence.times
        var time = extractor.attachTime(times, to: m, isState: rel.isState, published: published, view: view)
        if time == nil, !rel.isState, m.template.kind != .role, times.count == 1, let only = times.first, only.date != nil,
           only.range.lowerBound > m.trigger.upperBound, !Extractor.hasOtherEvent(view, besides: m, lexicon: lexicon) {
            time = only.annotation
        }
        if time == nil, !rel.isState, m.template.kind != .role, let c = sentence.narrativeTime { time = c.annotation }
        if time == nil, done, !rel.isState, !rel.presupposed, m.template.kind != .role, times.isEmpty, let lead = leadDay,
           Extractor.wordBeforeVerb(view, trigger: m.trigger) != "had", !Extractor.newsPresent(view, trigger: m.trigger, lexicon: lexicon),
           !Extractor.leavesTheDay(view) {
            time = lead.annotation
        }
        // "GNA takes Tarhuna", "forces have recaptured the last district": news of the day, told in the
        // present or the present perfect with no date, is observed on the publication date.
        if time == nil, !rel.isState, m.template.kind != .role, times.isEmpty, Extractor.newsPresent(view, trigger: m.trigger, lexicon: lexicon) {
            time = TimeFinder.observation(published: published)
        }
        return time
    }

    /// The fact of one subject mention and one object mention of a match, if it passes the checks (which
    /// may type an argument of unknown kind).
    private mutating func addFact(subject si: Int, object oi: Int, of r: MatchReading, in sentence: Sentence, subjectEntity: Int? = nil) {
        let m = r.match, rel = r.relation, view = sentence.view
        var s = subjectEntity ?? view.mentions[si].entity
        let o = view.mentions[oi].entity
        // "Haftar-held Sirte", "Haftar's fighters fled": a leader named for the forces he
        // leads or speaks for (`ArticleEntities.followers`) where a person cannot be the subject.
        if state.records[s].classIRI == lexicon.personClass, let led = state.followers[s],
           !lexicon.subjectAllowed(lexicon.personClass, relation: m.template.relation, ontology) { s = led }
        guard s != o, !ruledOutAsPlaces(s, o, subject: si, object: oi, r, view) else { return }
        // "arriving from Palma in Nangade, Mueda and Pemba": a place lies in one place, not in each of a list
        if m.objects.count > 1, rel.domain == lexicon.placeClass, rel.range == lexicon.placeClass { return }
        guard extractor.promote(s, o, relation: rel, index: m.template.relation, role: m.template.kind == .role, roleNoun: m.template.roleNoun,
                                state: &state) else { return }
        guard allowed(s, o, subject: si, object: oi, r, view) else { return }
        if rel.domain == lexicon.personClass, state.records[s].classIRI == lexicon.unknownClass {
            state.records[s].classIRI = lexicon.personClass
        }
        if rel.range == lexicon.personClass, state.records[o].classIRI == lexicon.unknownClass {
            state.records[o].classIRI = lexicon.personClass
        }
        guard seen.insert(FactKey(subject: s, relation: rel.localName, object: o, sentence: sentence.index)).inserted else { return }
        named.formUnion([s, o])
        let span = tokens[m.span.lowerBound].start..<tokens[m.span.upperBound - 1].end
        assertions.append(Assertion(
            subject: state.records[s].id, relation: rel.localName, object: state.records[o].id,
            sentence: sentenceText(view.range), sentenceIndex: sentence.index, span: span,
            time: m.objects.count > 1 && !rel.isState ? Extractor.conjunctTime(sentence.times, after: view.mentions[oi]) ?? r.time : r.time,
            confidence: confidence(s, o, r), modality: r.mode, attribution: r.attribution,
            rule: m.template.kind.rawValue + ":" + m.template.source))
        remember(s, o, r, sentence)
    }

    /// Checks before typing: "In Afghanistan, members of the Kunduz council said …": a place that opens
    /// the sentence is where, not who holds the role; an untyped relation (partOf) links two places or two
    /// non-places, never a unit and a town.
    private func ruledOutAsPlaces(_ s: Int, _ o: Int, subject si: Int, object oi: Int, _ r: MatchReading, _ view: SentenceView) -> Bool {
        let m = r.match, rel = r.relation
        if m.template.kind == .role, view.mentions[si].range.lowerBound == view.range.lowerBound + 1,
           ["in", "across", "throughout"].contains(tokens[view.range.lowerBound].key) { return true }
        // "X, the speaker of the Artsakh parliament": a place's name before a noun for its government,
        // army or ministry only modifies the noun — the role is of that body, not of the place
        let after = view.mentions[oi].range.upperBound
        if m.template.kind == .role, after < view.range.upperBound, !tokens[after].isCapitalised,
           !ontology.isSubclass(state.records[o].classIRI, of: lexicon.actorClass),
           lexicon.bodyNouns.contains(tokens[after].key)
            || lexicon.extra.nationalHeads.longest(tokens, at: after, end: view.range.upperBound) != nil { return true }
        return rel.domain == rel.range && !extractor.isPlace(rel.domain ?? "")
            && extractor.isPlace(state.records[s].classIRI) != extractor.isPlace(state.records[o].classIRI)
            && !extractor.placeRole(s, o, m.template.roleNoun, state)
    }

    /// Checks after typing: the classes the relation allows, and what is no fact of place.
    private func allowed(_ s: Int, _ o: Int, subject si: Int, object oi: Int, _ r: MatchReading, _ view: SentenceView) -> Bool {
        let relation = r.match.template.relation, rel = r.relation
        // "Gnounou says they have seized X": a person neither captures nor holds a place; a force does
        // (kg:subjectClass, kg:excludedSubjectClass in core.ttl).
        if !lexicon.subjectAllowed(state.records[s].classIRI, relation: relation, ontology)
            || !lexicon.objectAllowed(state.records[o].classIRI, relation: relation, ontology) { return false }
        // "fled the city in Humvees": where a place lies is said of its name, not of a word that
        // refers back to it; "in the middle of the country" says nothing of which country.
        if rel.localName == "locatedIn", view.mentions[si].kind == .reference
            || (view.mentions[oi].kind == .reference && state.records[o].classIRI == lexicon.countryClass) { return false }
        // "Palma, Mueda and Pemba": two places of one list are not in each other.
        if lexicon.listExclusiveRelations.contains(rel.localName), view.groupOf[si].count > 1, view.groupOf[si] == view.groupOf[oi] { return false }
        return true
    }

    /// 0.85, less for an entity the ontology does not have or whose kind is unknown, a long match and a claim.
    private func confidence(_ s: Int, _ o: Int, _ r: MatchReading) -> Double {
        var confidence = 0.85
        if !state.records[s].known || !state.records[o].known { confidence -= 0.1 }
        if state.records[s].classIRI == lexicon.unknownClass || state.records[o].classIRI == lexicon.unknownClass {
            confidence -= 0.15
        }
        if r.match.distance > 4 { confidence -= 0.1 }
        if r.mode == .claimed { confidence -= 0.05 }
        return max(0.05, confidence)
    }

    /// What later sentences need of the fact just added: its doer, a leader, a result or an undated deed.
    private mutating func remember(_ s: Int, _ o: Int, _ r: MatchReading, _ sentence: Sentence) {
        let m = r.match, rel = r.relation, mode = r.mode, time = r.time
        if mode == .asserted || mode == .claimed { lastDoer[m.template.relation] = (s, sentence.index) }
        if ["leaderOf", "spokespersonOf"].contains(rel.localName), mode == .asserted || mode == .claimed, state.followers[s] == nil,
           ontology.isSubclass(state.records[o].classIRI, of: lexicon.actorClass) { state.followers[s] = o }
        let result = extractor.resultative(sentence.view, m)
        if result, time == nil || time?.phrase == "" { results.append((assertions.count - 1, rel.isState)) }
        // (a deed observed on the publication date is undated too: the next sentence may date it)
        if time == nil || time?.phrase == "", !result, !rel.isState, m.template.kind != .role, mode == .asserted || mode == .claimed {
            undated.append((assertions.count - 1, s, m.template.relation))
        }
    }

    // MARK: Facts without a template

    /// "Prime Minister Haider al-Abadi": a national title with no country before it leads its government.
    private mutating func addTitledLeaders(_ sentence: Sentence) {
        guard let leader = leaderRelation else { return }
        let view = sentence.view, index = sentence.index
        var titled: [(m: Mention, body: Int, ministry: Bool)] = []
        for m in view.mentions where m.kind == .name && state.records[m.entity].classIRI == lexicon.personClass {
            if let g = finder.bareTitleGovernment(tokens, m, view.range, state: &state) { titled.append((m, g, false)) }
        }
        // "Defence Minister X": the ministry he heads
        for m in view.mentions where m.kind == .name && [lexicon.personClass, lexicon.unknownClass].contains(state.records[m.entity].classIRI) {
            if let g = finder.ministryLed(tokens, m, view.range, view.mentions, state: &state) {
                state.records[m.entity].classIRI = lexicon.personClass
                titled.append((m, g, true))
            }
        }
        // "President X and President Y discussed …": two heads of state, at most one of them ours
        for (m, g, ministry) in titled where ministry || titled.filter({ !$0.ministry }).count == 1 {
            let p = m.entity
            let personID = state.records[p].id
            guard !assertions.contains(where: { $0.sentenceIndex == index && $0.relation == "leaderOf" && $0.subject == personID }),
                  g != p,
                  seen.insert(FactKey(subject: p, relation: "leaderOf", object: g, sentence: index)).inserted else { continue }
            let (mode, attribution) = modality.read(view, trigger: m.range, state: state)
            guard mode == .asserted || mode == .claimed else { continue }
            addDescribedFact(p, leader, g, view: view, sentence: index, span: m.range, mode: mode, attribution: attribution,
                             rule: ministry ? "title:a portfolio's minister" : "title:national title before a name")
        }
    }

    /// A fact read without a template (a title, an apposition): undated, of lower confidence.
    private mutating func addDescribedFact(_ s: Int, _ relation: Int, _ o: Int, view: SentenceView, sentence index: Int,
                                           span: Range<Int>, mode: Modality, attribution: String?, rule: String) {
        named.formUnion([s, o])
        assertions.append(Assertion(
            subject: state.records[s].id, relation: lexicon.relationFacts[relation].localName, object: state.records[o].id,
            sentence: sentenceText(view.range), sentenceIndex: index, span: tokens[span.lowerBound].start..<tokens[span.upperBound - 1].end,
            time: nil, confidence: 0.6, modality: mode, attribution: attribution, rule: rule))
    }

    /// "the base was overrun", "Battalion 356 surrendered": the party the sentence does not name is the
    /// doer of an earlier statement (once per relation and named party in a sentence).
    private mutating func addInferredDeeds(_ sentence: Sentence) {
        let view = sentence.view, index = sentence.index
        for d in extractor.inferredDeeds(view, lastDoer: lastDoer, sentence: index, state: state) {
            let rel = lexicon.relationFacts[d.relation]
            let (name, saidID) = (rel.localName, state.records[view.mentions[d.said].entity].id)
            guard !assertions.contains(where: { $0.sentenceIndex == index && $0.relation == name && (d.saidIsSubject ? $0.subject : $0.object) == saidID }),
                  d.subject != d.object, seen.insert(FactKey(subject: d.subject, relation: name, object: d.object, sentence: index)).inserted,
                  let template = Template("{s} " + d.phrase + " {o}", relation: d.relation, kind: .active) else { continue }
            let said = view.mentions[d.said].range
            // (a nominal, "the fall of X", comes before what it is said of)
            let before = d.trigger.upperBound <= said.lowerBound
            let match = TemplateMatch(template: template, subjects: d.saidIsSubject ? [d.said] : [], objects: d.saidIsSubject ? [] : [d.said],
                                      trigger: d.trigger, span: min(said.lowerBound, d.trigger.lowerBound)..<max(said.upperBound, d.trigger.upperBound),
                                      distance: 0)
            let (mode, attribution) = modality.read(view, trigger: d.trigger, state: state)
            guard mode == .asserted || mode == .claimed else { continue }
            var time = extractor.attachTime(sentence.times, to: match, isState: rel.isState, published: published, view: view)
            if time == nil, let c = sentence.narrativeTime { time = c.annotation }
            named.formUnion([d.subject, d.object])
            assertions.append(Assertion(
                subject: state.records[d.subject].id, relation: name, object: state.records[d.object].id,
                sentence: sentenceText(view.range), sentenceIndex: index,
                span: tokens[match.span.lowerBound].start..<tokens[match.span.upperBound - 1].end, time: time,
                confidence: 0.6, modality: mode, attribution: attribution,
                rule: before ? "agentless:" + d.phrase + " {o}" : (d.saidIsSubject ? "counterpart:{s} " : "agentless:{o} ") + d.phrase))
        }
    }
}
