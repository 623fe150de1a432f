@testable import Extract
import Foundation
import Ingest
import Testing

/// The speed-ups of extraction must not change what is extracted: the template index (anchor word,
/// then the words a template still needs) must find exactly what trying every template at every
/// token finds, and the id-keyed phrase tries exactly what the string-keyed ones find.
@Suite struct PerformanceIndexTests {
    /// The example articles and the unseen test articles, as extraction input.
    static let texts: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var out: [String] = []
        for dir in ["Examples/articles", "Tests/ExtractTests/Unseen"] {
            let folder = root.appendingPathComponent(dir)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for n in names.sorted() where n.hasSuffix(".md") || n.hasSuffix(".txt") {
                if let t = try? String(contentsOf: folder.appendingPathComponent(n), encoding: .utf8) { out.append(t) }
            }
        }
        return out
    }()

    /// Roles, appositions, passives and fronted objects, which exercise templates anchored on "," and "the".
    static let sentences = [
        "MNDAA spokesman Li Kyar Win said the alliance captured Chinshwehaw on Friday.",
        "Lashio, the capital of northern Shan State, was seized by the MNDAA, which has held it since.",
        "Kunlong, Hsenwi and Kutkai were captured by the Brotherhood Alliance in November 2023.",
        "The RSF took control of Wad Madani, the capital of Gezira state, on December 18.",
        "Hayat Tahrir al-Sham, a group led by Abu Mohammed al-Jolani, entered Aleppo.",
        "Most of Laukkai is now under the alliance's control, a spokesman of the TNLA said.",
    ]

    @Test func templateIndexFindsWhatEveryTemplateFinds() {
        var exhaustive = Fixture.extractor
        exhaustive.exhaustiveMatching = true
        #expect(Self.texts.count >= 5)
        for text in Self.texts + Self.sentences {
            let a = Fixture.article(text)
            let fast = Fixture.extractor.extract(a), slow = exhaustive.extract(a)
            #expect(fast.assertions.map(describe) == slow.assertions.map(describe))
            #expect(fast.entities == slow.entities)
        }
    }

    @Test func compiledPhraseTriesAgreeWithStringTries() {
        let lexicon = Fixture.extractor.lexicon
        for text in Self.texts + Self.sentences {
            let plain = Tokenizer.tokenize(text)
            var stamped = plain
            lexicon.words.stamp(&stamped)
            #expect(agree(lexicon.names, plain, stamped))
            #expect(agree(lexicon.headWords, plain, stamped))
            #expect(agree(lexicon.groupHeads, plain, stamped))
            #expect(agree(lexicon.titles, plain, stamped))
            #expect(agree(lexicon.references, plain, stamped))
            #expect(agree(lexicon.extra.partialCues, plain, stamped))
        }
    }

    /// The compiled set on stamped and on unstamped tokens against a string-keyed copy of it.
    func agree<V: Equatable>(_ compiled: PhraseSet<V>, _ plain: [Token], _ stamped: [Token]) -> Bool {
        var reference = PhraseSet<V>()
        for (p, v) in zip(compiled.phrases, compiled.values) { reference.add(p, v) }
        for i in plain.indices {
            for end in [plain.count, min(plain.count, i + 2)] {
                let want = reference.all(plain, at: i, end: end)
                for tokens in [plain, stamped] {
                    let got = compiled.all(tokens, at: i, end: end)
                    guard got.count == want.count, zip(got, want).allSatisfy({ $0.length == $1.length && $0.value == $1.value }),
                          compiled.longest(tokens, at: i, end: end)?.length == reference.longest(plain, at: i, end: end)?.length
                    else { return false }
                }
            }
        }
        return true
    }

    func describe(_ a: Assertion) -> String {
        "\(a.subject) \(a.relation) \(a.object) \(a.sentenceIndex) \(a.span) \(a.modality) \(a.confidence) \(a.rule) \(String(describing: a.time)) \(a.attribution ?? "")"
    }

    /// The closed word lists (stop words, number words, kind stops) read by word id give what the
    /// lists themselves give, for every word of the lists and every token of the test texts.
    @Test func wordListBitsAreTheLists() {
        let lexicon = Fixture.extractor.lexicon
        let lists: [(Set<String>, WordList)] = [(MentionFinder.stopWords, .stop), (MentionFinder.numberWords, .number),
                                                (MentionFinder.kindStops, .kindStop)]
        var tokens = (Self.texts + Self.sentences).flatMap { Tokenizer.tokenize($0) }
        tokens += lists.flatMap { $0.0 }.flatMap { Tokenizer.tokenize($0) }
        var stamped = tokens
        lexicon.words.stamp(&stamped)
        #expect(tokens.count > 1_000)
        for (plain, stampedToken) in zip(tokens, stamped) {
            for (list, bit) in lists {
                #expect(lexicon.token(stampedToken, isIn: bit) == list.contains(plain.key), "\(plain.key)")
                #expect(lexicon.token(plain, isIn: bit) == list.contains(plain.key), "\(plain.key) (unstamped)")
            }
        }
    }
}
