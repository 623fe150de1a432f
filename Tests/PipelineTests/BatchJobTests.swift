import Foundation
import Ingest
import Ontology
import Testing
@testable import Pipeline

/// A build's batch never extracts more than its share of text at once, however the articles are
/// packed into files: a JSON Lines dump of many articles is extracted and handed to the writer in parts.
@Suite struct BatchJobTests {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func aBigJSONLinesFileIsExtractedInParts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("dump.jsonl")
        let lines = (0..<150).map { i in
            #"{"title": "Report \#(i)", "published": "2024-03-05", "text": "The Northern Front captured the town of Oakford\#(i) on Monday after two days of fighting."}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let ontology = try Ontology.load(directory: Self.root.appendingPathComponent("Ontology").path)
        let context = BatchContext(extractor: .init(ontology: ontology), ontology: ontology, fingerprint: "test",
                                   published: nil, stored: [:])
        var parts: [BatchJob.Output] = []
        let source = ArticleSource.File(path: file.path, id: "dumps/dump.jsonl")
        BatchJob.process([source], context, maxBytes: 1_000) { parts.append($0) }
        #expect(parts.count > 1)
        #expect(parts.map(\.extracted.count).reduce(0, +) == 150)
        for part in parts {
            // At most 1,000 bytes of text per part (or one article), never more than 64 articles.
            #expect(part.extracted.count <= 64)
            #expect(part.extracted.count == 1 || part.extracted.count * 80 <= 1_000 + 80)
        }
        #expect(parts.flatMap(\.readFiles) == ["dumps/dump.jsonl"], "known once the file is read to its end")
        #expect(parts.first?.extracted.first?.content.record.path == "dumps/dump.jsonl#L1", "a line's identity is its file's and its line")
        #expect(parts.first?.extracted.first?.path == file.path + "#L1")
        #expect(parts.map(\.read).reduce(0, +) == 150)
        #expect(parts.flatMap(\.seen).count == 150)

        // The same file through the job (background queue, one part ahead of the taker): same parts, in order.
        let job = BatchJob(files: [source], endIndex: 1, context: context)
        var taken: [String] = []
        while let part = job.next() { taken += part.extracted.map(\.content.record.path) }
        #expect(taken == parts.flatMap { $0.extracted.map(\.content.record.path) })
    }
}

/// A JSON Lines file goes to the writer a part at a time as it is read, not after it has been read whole.
@Suite struct JSONLinesStreamingTests {
    /// The files on disk, counting the articles the JSON Lines reader has handed on so far.
    final class CountingFiles: ArticleReading, @unchecked Sendable {
        var articlesRead = 0
        func read(_ file: ArticleSource.File, unchangedIf: (String) -> Bool)
            -> (articles: [Article], warnings: [IngestWarning], unchanged: Bool) {
            ArticleFiles().read(file, unchangedIf: unchangedIf)
        }

        func readLines(_ file: ArticleSource.File, _ take: ([Article], [IngestWarning]) -> Void) {
            ArticleFiles().readLines(file) { articles, warnings in
                articlesRead += articles.count
                take(articles, warnings)
            }
        }

        func isReadable(_ file: ArticleSource.File) -> Bool { true }
    }

    @Test func partsAreHandedOnBeforeTheFileIsReadWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // About 6 MB: 1,500 lines of 4 KB (a short article and a field kg does not read), a broken line near the end.
        let padding = String(repeating: "p", count: 4_000)
        var lines = (1...1_500).map { i in
            #"{"title": "Report \#(i)", "published": "2024-03-05", "text": "The Northern Front captured Oakford\#(i).", "notes": "\#(padding)"}"#
        }
        lines[1_399] = #"{"title": "broken"#
        let file = dir.appendingPathComponent("dump.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let ontology = try Ontology.load(directory: BatchJobTests.root.appendingPathComponent("Ontology").path)
        let reader = CountingFiles()
        let context = BatchContext(extractor: .init(ontology: ontology), ontology: ontology, fingerprint: "test",
                                   published: nil, stored: [:], reader: reader)
        var readWhenHandedOn: [Int] = [], extracted = 0
        var messages: [String] = []
        BatchJob.process([ArticleSource.File(path: file.path, id: "dumps/dump.jsonl")], context, maxBytes: 256 << 10) { part in
            readWhenHandedOn.append(reader.articlesRead)
            extracted += part.extracted.count
            messages += part.messages
        }
        #expect(extracted == 1_499)
        #expect(reader.articlesRead == 1_499)
        let first = try #require(readWhenHandedOn.first)
        #expect(first < 750, "the first part is handed on after a chunk of the file, not all of it (\(first) articles read)")
        #expect(readWhenHandedOn.count > 20)
        #expect(messages.contains { $0.hasPrefix(file.path + ":1400:") && $0.contains("invalid JSON") }, "a broken line is named by its file and line")
    }
}

/// A build's files go to the writer in batches of at most `batchBytes` of files (or one bigger file) and
/// 64 files, in order.
@Suite struct BatchSizeTests {
    @Test func batchesHoldAtMostTheirBytesAndSixtyFourFiles() {
        let limit = BuildPipeline.batchBytes
        #expect(BuildPipeline.batches(sizes: []).isEmpty)
        #expect(BuildPipeline.batches(sizes: [Int](repeating: 10, count: 130)) == [0..<64, 64..<128, 128..<130])
        #expect(BuildPipeline.batches(sizes: [limit + 1, 1, limit / 2, limit / 2, 1]) == [0..<1, 1..<3, 3..<5],
                "a file bigger than a batch is a batch of its own; the rest fill up to the limit")
    }
}

/// A batch's checks of what it read, with the articles held in memory (`ArticleReading`): an article
/// whose content is stored with the same hash is unchanged and not extracted; a file that can be opened
/// but yields no article now is emptied (its facts go); one that cannot be opened keeps its facts.
@Suite struct BatchChecksTests {
    struct MemoryArticles: ArticleReading {
        var articles: [String: [Article]]
        var unreadable: Set<String>

        func read(_ file: ArticleSource.File, unchangedIf: (String) -> Bool)
            -> (articles: [Article], warnings: [IngestWarning], unchanged: Bool) {
            if unreadable.contains(file.path) { return ([], [IngestWarning(file: file.path, message: "cannot be opened")], false) }
            let list = articles[file.path] ?? []
            if list.count == 1, unchangedIf(list[0].contentHash) { return ([], [], true) }
            return (list, [], false)
        }

        func readLines(_ file: ArticleSource.File, _ take: ([Article], [IngestWarning]) -> Void) {
            take(articles[file.path] ?? [], [])
        }

        func isReadable(_ file: ArticleSource.File) -> Bool { !unreadable.contains(file.path) }
    }

    @Test func unchangedEmptiedAndUnreadableFiles() throws {
        func article(_ path: String, hash: String) -> Article {
            Article(path: path, format: .text, title: "Report", published: "2024-03-05",
                    text: "The Northern Front captured the town of Oakford on Monday.", contentHash: hash)
        }
        let reader = MemoryArticles(articles: ["a.txt": [article("a.txt", hash: "new")], "b.txt": [article("b.txt", hash: "same")],
                                            "c.txt": []],
                                    unreadable: ["d.txt"])
        let ontology = try Ontology.load(directory: BatchJobTests.root.appendingPathComponent("Ontology").path)
        let context = BatchContext(extractor: .init(ontology: ontology), ontology: ontology, fingerprint: "test", published: nil,
                                   stored: ["b": Facts.storedHash("same", fingerprint: "test"), "a": Facts.storedHash("old", fingerprint: "test")],
                                   reader: reader)
        let files = ["a", "b", "c", "d"].map { ArticleSource.File(path: $0 + ".txt", id: $0) }
        var parts: [BatchJob.Output] = []
        BatchJob.process(files, context) { parts.append($0) }
        #expect(parts.flatMap { $0.extracted.map(\.content.record.path) } == ["a"], "only the changed article is extracted")
        #expect(parts.map(\.read).reduce(0, +) == 1)
        #expect(parts.map(\.unchanged).reduce(0, +) == 1)
        #expect(parts.map(\.skipped).reduce(0, +) == 2)
        #expect(parts.flatMap(\.emptied) == ["c"], "an unreadable file is not emptied: its facts stay")
        #expect(parts.flatMap(\.messages).contains { $0.contains("d.txt") && $0.contains("cannot be opened") })
    }
}
