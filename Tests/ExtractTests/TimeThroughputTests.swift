@testable import Extract
import Foundation
import RDF
import Testing

/// A development aid, off unless `KG_TIME_BENCH` names a folder of articles: times `TimeFinder.find` on
/// every sentence (tokenising excluded) and prints MB/s.
@Test func timeFinderThroughputWhenAsked() throws {
    guard let dir = ProcessInfo.processInfo.environment["KG_TIME_BENCH"] else { return }
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }
    var inputs: [(String, [Token], [Range<Int>])] = []
    var bytes = 0
    for f in files {
        let text = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
        let tokens = Tokenizer.tokenize(text)
        inputs.append((text, tokens, SentenceSplitter.split(tokens)))
        bytes += text.utf8.count
    }
    let rounds = 50
    let pub = PartialDate(iso: "2023-11-16")
    var found = 0
    let start = Date()
    for _ in 0..<rounds {
        for (text, tokens, sentences) in inputs {
            for s in sentences { found += TimeFinder.find(tokens, in: s, text: text, published: pub).count }
        }
    }
    let seconds = Date().timeIntervalSince(start)
    print("time finder: \(Double(bytes * rounds) / seconds / 1_000_000) MB/s, \(found / rounds) expressions per pass")
}
