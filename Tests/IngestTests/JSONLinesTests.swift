import Foundation
import RDF
import Testing
@testable import Ingest

@Suite struct JSONLinesTests {
    @Test func readsEachLineAndSkipsBrokenOnes() throws {
        let dir = TempDir()
        let lines = [
            #"{"title": "First", "text": "Para one.\n\nPara two.", "published": "2024-01-06", "url": "https://example.org/1", "publisher": "The Example Post"}"#,
            #"{"title": "Broken", "text": "missing brace""#,
            "",
            #"{"headline": "x", "body": "Body field.", "date": "Jan. 6, 2024", "source": "Wire"}"#,
            #"["not", "an", "object"]"#,
            #"{"content": "<p>HTML <b>content</b></p><p>Second</p>", "published": "someday"}"#,
            #"{"title": "No text"}"#,
        ]
        let f = dir.write("feed.jsonl", lines.joined(separator: "\n") + "\n")
        let (articles, warnings) = ArticleSource.read(file: f)
        #expect(articles.count == 3)
        let first = try #require(articles.first)
        #expect(first.path == f + "#L1")
        #expect(first.format == .jsonLines)
        #expect(first.title == "First")
        #expect(first.text == "Para one.\n\nPara two.")
        #expect(first.publishedDate == PartialDate(year: 2024, month: 1, day: 6))
        #expect(first.source == "https://example.org/1")
        #expect(first.publisher == "The Example Post")
        #expect(articles[1].publisher == nil)
        #expect(first.bodyLine == 1)
        #expect(first.contentHash == ArticleSource.sha256Hex(Array(lines[0].utf8)))
        #expect(articles[1].path == f + "#L4")
        #expect(articles[1].title == "x")
        #expect(articles[1].text == "Body field.")
        #expect(articles[1].source == "Wire")
        #expect(articles[1].publishedDate == PartialDate(year: 2024, month: 1, day: 6))
        #expect(articles[2].text == "HTML content\n\nSecond")
        #expect(articles[2].publishedDate == nil)
        #expect(warnings.map(\.line) == [2, 5, 6, 7])
        #expect(warnings.allSatisfy { $0.file == f })
        #expect(warnings[0].message.contains("invalid JSON"))
        #expect(warnings[1].message.contains("not a JSON object"))
        #expect(warnings[2].message.contains("not a date"))
        #expect(warnings[3].message.contains("no article text"))
    }

    @Test func columnOfBrokenJSONWhenKnown() {
        let dir = TempDir()
        let f = dir.write("c.ndjson", "{\"text\": \"ok\"}\n{\"text\": tru}\n")
        let (articles, warnings) = ArticleSource.read(file: f)
        #expect(articles.count == 1)
        #expect(warnings.count == 1)
        #expect(warnings.first?.line == 2)
        let g = dir.write("g.jsonl", "{\"text\": x}\n{\"text\": \"a\" \"b\"}\n  {\"text\": \"\u{1}\"}\n")
        let gw = ArticleSource.read(file: g).warnings
        #expect(gw.map(\.line) == [1, 2, 3])
        // Foundation reports a 0-based character offset; columns are 1-based.
        #expect(gw.map(\.column) == [10, 14, 13])
        #expect(gw.first?.description == "\(g):1:10: " + gw[0].message)
        // The description always starts with file:line.
        #expect(warnings.first?.description.hasPrefix(f + ":2") == true)
    }

    @Test func crlfBomAndNoFinalNewline() {
        let dir = TempDir()
        let text = "{\"text\": \"a\"}\r\n{\"text\": \"b\"}"
        let f = dir.write("b.jsonl", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let (articles, warnings) = ArticleSource.read(file: f)
        #expect(warnings.isEmpty)
        #expect(articles.map(\.text) == ["a", "b"])
        let u16 = dir.write("u.jsonl", bytes: [0xFF, 0xFE] + Array("{\"text\": \"wide\"}\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(ArticleSource.read(file: u16).articles.map(\.text) == ["wide"])
    }

    @Test func largeLinesAcrossChunks() throws {
        let dir = TempDir()
        let big = String(repeating: "Sentence in a very long article. ", count: 40_000)  // ~1.3 MB on one line
        var lines: [String] = []
        for i in 0..<3 { lines.append("{\"title\": \"T\(i)\", \"text\": \"\(big)\"}") }
        let f = dir.write("big.jsonl", lines.joined(separator: "\n"))
        let (articles, warnings) = ArticleSource.read(file: f)
        #expect(warnings.isEmpty)
        #expect(articles.map(\.title) == ["T0", "T1", "T2"])
        #expect(articles.map(\.path) == [f + "#L1", f + "#L2", f + "#L3"])
        #expect(articles[2].text.utf8.count == big.utf8.count - 1)
    }

    @Test func emptyAndBlankFiles() {
        let dir = TempDir()
        let e = dir.write("e.jsonl", "")
        #expect(ArticleSource.read(file: e).warnings.first?.message.contains("empty") == true)
        let b = dir.write("b.jsonl", "\n\n  \n")
        let (articles, warnings) = ArticleSource.read(file: b)
        #expect(articles.isEmpty)
        #expect(warnings.count == 1)
    }

    @Test func aBigFileIsReadAChunkAtATime() throws {
        let dir = TempDir()
        // About 5 MB: 5,000 lines of 1 KB.
        let filler = String(repeating: "x", count: 1_000)
        let lines = (1...5_000).map { #"{"title": "T\#($0)", "text": "\#(filler)"}"# }
        let f = dir.write("big.jsonl", lines.joined(separator: "\n") + "\n")
        let size = try #require(FileManager.default.attributesOfItem(atPath: f)[.size] as? Int)
        let reader = JSONLinesReader(file: f)
        var chunks = 0, articles: [Article] = []
        while let lines = reader.next() {
            chunks += 1
            #expect(lines.warnings.isEmpty)
            articles += lines.articles
            if chunks == 1 {
                #expect(reader.bytesRead <= JSONLines.chunkSize && reader.bytesRead < size)
                #expect(!lines.articles.isEmpty, "the first chunk's lines come before the rest is read")
            }
        }
        #expect(chunks >= size / JSONLines.chunkSize)
        #expect(reader.bytesRead == size)
        #expect(articles.map(\.path) == (1...5_000).map { f + "#L\($0)" })
    }

    @Test func aLineLongerThanTheLimitIsSkippedWithItsLineNumber() {
        let dir = TempDir()
        let long = #"{"text": ""# + String(repeating: "y", count: 3 << 20) + #""}"#
        let f = dir.write("long.jsonl", [#"{"text": "one"}"#, long, #"{"text": "three"}"#, long].joined(separator: "\n"))
        let reader = JSONLinesReader(file: f, maxLineBytes: 1 << 20)
        var articles: [Article] = [], warnings: [IngestWarning] = []
        while let lines = reader.next() {
            articles += lines.articles
            warnings += lines.warnings
        }
        #expect(articles.map(\.text) == ["one", "three"])
        #expect(articles.map(\.bodyLine) == [1, 3])
        #expect(warnings.map(\.line) == [2, 4])
        #expect(warnings.allSatisfy { $0.message.contains("longer than 1 MB") })
    }

    @Test func utf16IsDecodedAcrossChunks() {
        let dir = TempDir()
        // Lines of astral characters (surrogate pairs) shifted so that chunk ends fall inside units and pairs.
        var text = ""
        for i in 0..<40_000 { text += "{\"text\": \"\(String(repeating: "a", count: i % 3))\u{1F600}\u{1F30D} \(i)\"}\n" }
        for bigEndian in [false, true] {
            let units = Array(text.utf16).flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let bom: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            let f = dir.write("u\(bigEndian).jsonl", bytes: bom + units)
            let (articles, warnings) = ArticleSource.read(file: f)
            #expect(warnings.isEmpty)
            #expect(articles.count == 40_000)
            #expect(articles.allSatisfy { $0.text.contains("\u{1F600}\u{1F30D} ") && !$0.text.contains("\u{FFFD}") })
            #expect(articles.last?.text == "\u{1F600}\u{1F30D} 39999")
        }
    }

    @Test func utf16CutAnywhereDecodesTheSame() {
        let text = "a\u{1F600}b\u{E9}\u{1F30D}"
        for bigEndian in [false, true] {
            let bytes = Array(text.utf16).flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            for cut in 0...bytes.count {
                var transcoder = RawText.UTF16Transcoder(bigEndian: bigEndian)
                var out: [UInt8] = []
                transcoder.decode(bytes[..<cut], final: false, into: &out)
                transcoder.decode(bytes[cut...], final: true, into: &out)
                #expect(String(decoding: out, as: UTF8.self) == text, "cut at byte \(cut)")
            }
            // A lone high surrogate at the very end, and a dangling byte, are U+FFFD.
            #expect(String(decoding: RawText.utf16ToUTF8(Array(bytes.dropLast(2) + bytes.prefix(1)), from: 0, bigEndian: bigEndian), as: UTF8.self)
                    == "a\u{1F600}b\u{E9}\u{FFFD}\u{FFFD}")
        }
    }
}
