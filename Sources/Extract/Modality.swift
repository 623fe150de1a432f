import RDF
/// Reads the modality of a matched trigger from the ontology's cue words: a plan, hypothesis or
/// denial cue in the words just before the trigger (same clause) makes the statement not a fact; a
/// claim cue anywhere in the sentence makes it an attributed claim, with the speaker when one is named
/// next to the cue ("the MNDAA said", "said Li Kyar Win", "according to the group").
final class ModalityReader {
    let lexicon: Lexicon

    init(lexicon: Lexicon) { self.lexicon = lexicon }
    /// How many words before the trigger a plan, hypothesis or denial cue may stand.
    static let window = 6

    /// `clauseFrom`: where the statement starts when it is a noun phrase's (its subject's first word):
    /// no cue before it counts.
    func read(_ s: SentenceView, trigger: Range<Int>, clauseFrom: Int? = nil, state: ArticleEntities) -> (Modality, String?) {
        let t = s.tokens
        if let last = s.range.last, t[last].text == "?" { return (.hypothetical, nil) }
        // Words between the clause start and the trigger, at most `window` back.
        var from = trigger.lowerBound
        // An apposition (", a town in …") is no part of the clause before it: no plan or denial reaches it.
        // Nor does it reach a hyphenated modifier ("believed to be in the junta-held town"): the town's
        // holder is presupposed, not what the clause states.
        let appositive = t[trigger.lowerBound].text == "," || (t[trigger.lowerBound].text == "-" && !t[trigger.lowerBound].spaceBefore)
        // A comma ends the window too: "X, the last post on the road to the border, surrendered" — the
        // words of an apposition or a parenthesis are not the verb's.
        let lower = max(s.range.lowerBound, clauseFrom ?? s.range.lowerBound)
        while !appositive, from > lower, trigger.lowerBound - from < Self.window, !s.isBoundary(from - 1),
              t[from - 1].text != "," { from -= 1 }
        var found: Modality?
        var k = from
        while k < trigger.lowerBound {
            if s.timeTokens.contains(k) { k += 1; continue }
            // "reported to have laid down their arms": a perfect infinitive reports a deed, not an aim.
            if t[k].key == "to", k + 1 <= trigger.lowerBound, t[k + 1].key == "have" { k += 1; continue }
            // "used landmines to bring down the bridge": the means of a past deed, not an aim.
            if t[k].key == "to", usedBefore(t, k, from: s.range.lowerBound) { k += 1; continue }
            // The words of a cue are read once: "according to" is a claim, its "to" no infinitive.
            var consumed = 1
            for cue in lexicon.cues.all(t, at: k, end: trigger.lowerBound + 1) where k + cue.length <= trigger.lowerBound + 1 {
                // a cue must end before the trigger starts (the trigger's own first word does not count)
                guard k + cue.length <= trigger.lowerBound else { continue }
                consumed = max(consumed, cue.length)
                switch cue.value {
                case .denied: found = .denied
                case .planned:
                    // "managed to take", "helped the army to retake": an infinitive that happened
                    if cue.length == 1, t[k].key == "to", implicativeBefore(t, k, from: lower) { break }
                    if found != .denied { found = .planned }
                case .hypothetical: if found == nil { found = .hypothetical }
                case .claim: break
                }
            }
            k += consumed
        }
        // "to capture": an infinitive is an aim, not a deed.
        // ("claims to have taken X": a perfect infinitive reports a deed)
        if found == nil, !appositive, trigger.lowerBound > lower, t[trigger.lowerBound - 1].key == "to",
           t[trigger.lowerBound].key != "have",
           !usedBefore(t, trigger.lowerBound - 1, from: s.range.lowerBound),
           !implicativeBefore(t, trigger.lowerBound - 1, from: lower),
           !["surrendered", "fell", "lost", "allied", "loyal"].contains(t[max(s.range.lowerBound, trigger.lowerBound - 2)].key) {
            found = .planned
        }
        if let found { return (found, nil) }
        for k in s.range where !s.timeTokens.contains(k) {
            guard let cue = lexicon.cues.all(t, at: k, end: s.range.upperBound).first(where: {
                if case .claim = $0.value { true } else { false }
            }) else { continue }
            return (.claimed, speaker(s, cueAt: k, length: cue.length, state: state))
        }
        return (.asserted, nil)
    }

    /// Verbs whose infinitive happened: "managed to take", "helped the army to retake", "were able to enter";
    /// and aspectual verbs, whose infinitive is under way: "had begun to push into", "continued to hold".
    static let implicatives: Set<String> = ["managed", "helped", "help", "helping", "able", "began", "begun", "begin",
                                            "begins", "started", "start", "starts", "continued", "continues", "continue"]

    /// True if an implicative verb stands at most five words before the "to" at `k`, in the same clause.
    private func implicativeBefore(_ t: [Token], _ k: Int, from lower: Int) -> Bool {
        var b = k - 1
        while b >= max(lower, k - 5), t[b].text != "," {
            if Self.implicatives.contains(t[b].key) { return true }
            b -= 1
        }
        return false
    }

    /// True if "used"/"using" stands at most three words before the "to" at `k` ("used drones to").
    private func usedBefore(_ t: [Token], _ k: Int, from lower: Int) -> Bool {
        for b in stride(from: k - 1, through: max(lower, k - 4), by: -1) where ["used", "using"].contains(t[b].key) { return true }
        return false
    }

    private func speaker(_ s: SentenceView, cueAt k: Int, length: Int, state: ArticleEntities) -> String? {
        // "X said": the nearest mention just before the cue
        for (i, m) in s.mentions.enumerated().reversed() where m.range.upperBound <= k && k - m.range.upperBound <= 3 {
            _ = i
            return state.records[m.entity].label
        }
        // "said X", "according to X"
        for m in s.mentions where m.range.lowerBound >= k + length && m.range.lowerBound - (k + length) <= 2 {
            return state.records[m.entity].label
        }
        return nil
    }
}
