import Ontology

/// A headline in title case — "AA Overruns Regime's Western Command in Ann, Days After Taking Last Junta
/// Base in Maungdaw" — capitalises words that name nothing, which would otherwise read as names
/// ("AA Overruns Regime's Western Command", "Junta Base"). Before the article is read, such a headline's
/// function words, verbs and common words (`kg:headlineWord` and the ontology's own lower-case words)
/// are written in lower case, as a sentence-case headline has them; names the ontology knows and the
/// capitalised words of a name ("Western Command", "Arakan Army") keep their capitals.
enum Headline {
    /// Words of function that a title-case headline capitalises ("After", "With"); the rest are data
    /// (`kg:headlineWord`).
    static let functionWords: Set<String> = MentionFinder.stopWords.union(["off", "out", "up"])

    /// Lowers the capitals of the article's first paragraph when it is a title-case headline.
    static func lowerTitleCase(_ t: inout [Token], lexicon: Lexicon) {
        var end = 1
        while end < t.count, !t[end].paragraphBefore { end += 1 }
        // a headline: a paragraph of its own before the text, not a sentence ended by a full stop
        guard end <= 40, end < t.count, t[end - 1].text != ".", isTitleCase(t, 0..<end) else { return }
        // the tokens of names the ontology knows keep their capitals
        var known = Set<Int>()
        var k = 0
        while k < end {
            // (a lower-case alias such as "junta" is no name here)
            if let n = lexicon.names.longest(t, at: k, end: end), t[k].isCapitalised,
               n.phrase.text.unicodeScalars.first?.properties.isUppercase == true {
                known.formUnion(k..<(k + n.length))
                k += n.length
            } else { k += 1 }
        }
        var lowered = Set<Int>()
        for k in 1..<end where t[k].kind == .word && t[k].isCapitalised && !t[k].isAcronym && !known.contains(k) {
            let key = t[k].key
            // a capitalised word after a name's word that is a head word of names ends that name ("Western Command")
            let afterName = t[k - 1].kind == .word && t[k - 1].isCapitalised && !lowered.contains(k - 1) && k - 1 > 0
            if afterName, lexicon.headWords.longest(t, at: k, end: k + 1) != nil { continue }
            let function = functionWords.contains(key) || isVerb(key, lexicon.verbBases) || lexicon.extra.headlineWords.contains(key)
            // a common noun inside a run of capitalised words is part of a name ("Arakan Army", "Junta Base"
            // after "Last" is not: the word before it was lowered)
            let common = lexicon.commonWords.contains(key)
                && (t[k - 1].kind != .word || !t[k - 1].isCapitalised || lowered.contains(k - 1) || k - 1 == 0 && functionWords.contains(t[0].key))
            guard function || common else { continue }
            t[k].text = t[k].text.prefix(1).lowercased() + t[k].text.dropFirst()
            lowered.insert(k)
        }
    }

    /// Most of the headline's longer words are capitalised, its verbs too.
    static func isTitleCase(_ t: [Token], _ r: Range<Int>) -> Bool {
        let words = r.dropFirst().filter { t[$0].kind == .word && t[$0].key.count >= 4 && !t[$0].isAcronym }
        guard words.count >= 3 else { return false }
        let capitalised = words.count { t[$0].isCapitalised }
        return capitalised * 5 >= words.count * 4
    }

    /// Whether a headline word is a form of one of `bases` ("Captures", "Seizes", "Taking").
    static func isVerb(_ key: String, _ bases: Set<String>) -> Bool {
        var forms = [key]
        if key.hasSuffix("s") { forms.append(String(key.dropLast())) }
        if key.hasSuffix("es") { forms.append(String(key.dropLast(2))) }
        if key.hasSuffix("ing") { forms.append(String(key.dropLast(3))); forms.append(String(key.dropLast(3)) + "e") }
        return forms.contains { $0.count >= 3 && bases.contains($0) }
    }
}
