import Foundation
import RDF
import Testing
@testable import Ingest

@Suite struct TextAndMarkdownTests {
    @Test func plainTextWithTitleLine() {
        let dir = TempDir()
        let f = dir.write("a.txt", "Harbour bridge reopens\n\nThe old bridge over the harbour\nreopened on Monday.\n\nTraffic was light.\n")
        let (a, w) = readOne(f)
        #expect(w.isEmpty)
        #expect(a?.title == "Harbour bridge reopens")
        #expect(a?.text == "The old bridge over the harbour reopened on Monday.\n\nTraffic was light.")
        #expect(a?.bodyLine == 3)
        #expect(a?.format == .text)
        #expect(a?.path == f)
        #expect(a?.contentHash.count == 64)
    }

    @Test func plainTextLongFirstLineIsNotATitle() {
        let dir = TempDir()
        let long = String(repeating: "word ", count: 50)
        let (a, _) = readOne(dir.write("a.txt", long + "\n\nSecond paragraph.\n"))
        #expect(a?.title == nil)
        #expect(a?.text.hasPrefix("word word") == true)
        // A first line not followed by a blank line is not a title either.
        let (b, _) = readOne(dir.write("b.txt", "Line one\nline two\n\nMore.\n"))
        #expect(b?.title == nil)
        #expect(b?.text == "Line one line two\n\nMore.")
    }

    @Test func frontMatterKeys() throws {
        let dir = TempDir()
        let f = dir.write("a.md", """
            ---
            title: "Council votes: yes"
            published: 2024-01-06
            source: Example Gazette
            publisher: The Example Gazette
            ---
            # Council votes: yes

            The **council** voted on _Tuesday_.
            """)
        let (a, w) = readOne(f)
        #expect(w.isEmpty)
        let art = try #require(a)
        #expect(art.title == "Council votes: yes")
        #expect(art.published == "2024-01-06")
        #expect(art.publishedDate == PartialDate(year: 2024, month: 1, day: 6))
        #expect(art.source == "Example Gazette")
        #expect(art.publisher == "The Example Gazette")
        #expect(art.text == "The council voted on Tuesday.")
        #expect(art.bodyLine == 9)
    }

    @Test func frontMatterAlternativeKeys() throws {
        let dir = TempDir()
        let (a, w) = readOne(dir.write("a.txt", "---\ndate: January 6, 2024\nurl: https://example.org/x\noutlet: Wire\n---\nBody text here.\n"))
        #expect(w.isEmpty)
        let art = try #require(a)
        #expect(art.published == "January 6, 2024")
        #expect(art.publishedDate == PartialDate(year: 2024, month: 1, day: 6))
        #expect(art.source == "https://example.org/x")
        #expect(art.publisher == "Wire")
        #expect(art.title == nil)
        #expect(art.text == "Body text here.")
        #expect(art.bodyLine == 6)
        // `published` wins over `date`, `source` over `url`.
        let (b, _) = readOne(dir.write("b.txt", "---\ndate: 2020-01-01\npublished: 2021-02-03\nurl: u\nsource: s\n---\nx\n"))
        #expect(b?.published == "2021-02-03")
        #expect(b?.source == "s")
    }

    @Test func frontMatterDateIsNotADate() throws {
        let dir = TempDir()
        let f = dir.write("a.md", "---\ntitle: T\npublished: next Tuesday\n---\nBody.\n")
        let (a, w) = readOne(f)
        #expect(a?.published == "next Tuesday")
        #expect(a?.publishedDate == nil)
        #expect(w.count == 1)
        #expect(w.first?.file == f)
        #expect(w.first?.line == 3)
        #expect(w.first?.description.hasPrefix("\(f):3") == true)
    }

    @Test func unclosedFrontMatterReadsWholeFile() {
        let dir = TempDir()
        let f = dir.write("a.md", "---\ntitle: Lost\n\nThe body goes on.\n")
        let (a, w) = readOne(f)
        #expect(w.count == 1)
        #expect(w.first?.line == 1)
        #expect(w.first?.message.contains("not closed") == true)
        #expect(a?.text.contains("The body goes on.") == true)
    }

    @Test func invalidYAMLFrontMatter() {
        let dir = TempDir()
        let f = dir.write("a.md", "---\ntitle: ok\nbad: [unclosed\n---\nBody survives.\n")
        let (a, w) = readOne(f)
        #expect(w.count == 1)
        #expect(w.first?.file == f)
        #expect((w.first?.line ?? 0) >= 3)
        #expect(w.first?.message.contains("invalid YAML") == true)
        #expect(a?.text == "Body survives.")
        #expect(a?.title == "ok", "keys are still read line by line")
    }

    @Test func unquotedColonInTitleIsReadLineByLine() {
        let dir = TempDir()
        let f = dir.write("a.md", "---\ntitle: Port falls: rebels take the harbour\npublished: 2024-01-06\nsource: \"https://example.org/x\"\n---\nBody.\n")
        let (a, w) = readOne(f)
        #expect(w.count == 1)
        #expect(w.first?.message.contains("line by line") == true)
        #expect(a?.title == "Port falls: rebels take the harbour")
        #expect(a?.publishedDate?.iso == "2024-01-06")
        #expect(a?.source == "https://example.org/x")
    }

    @Test func nonMappingFrontMatter() {
        let dir = TempDir()
        let f = dir.write("a.txt", "---\n- one\n- two\n---\nBody.\n")
        let (a, w) = readOne(f)
        #expect(w.count == 1)
        #expect(w.first?.line == 2)
        #expect(w.first?.message.contains("not a YAML mapping") == true)
        #expect(a?.text == "Body.")
    }

    @Test func markdownMarkupIsStripped() throws {
        let dir = TempDir()
        let f = dir.write("a.md", """
            # Storm hits coast

            Winds reached *120 km/h* on __Sunday__, said [the agency](https://example.org/a "x").
            ![A photo](img.png)
            See <https://example.org> and `code_span` and snake_case_name.

            ## Damage

            - Roofs lost
            * Trees down
            1. Power cut

            > Quoted line
            > continues.

            ```
            let x = 1
              indented
            ```

            ---

            Setext heading
            ==============

            Escaped \\*stars\\* and a ~~strike~~ and 5 * 3 and AT&amp;T.

            [ref]: https://example.org/ref
            """)
        let (a, w) = readOne(f)
        #expect(w.isEmpty)
        let art = try #require(a)
        #expect(art.title == "Storm hits coast")
        #expect(art.bodyLine == 3)
        let paragraphs = art.text.components(separatedBy: "\n\n")
        #expect(paragraphs == [
            "Winds reached 120 km/h on Sunday, said the agency. See https://example.org and code_span and snake_case_name.",
            "Damage",
            "Roofs lost",
            "Trees down",
            "Power cut",
            "Quoted line continues.",
            "let x = 1\n  indented",
            "Setext heading",
            "Escaped *stars* and a strike and 5 * 3 and AT&T.",
        ])
    }

    @Test func markdownTitleFromFirstHeadingOnlyWithoutFrontMatterTitle() {
        let dir = TempDir()
        let (a, _) = readOne(dir.write("a.md", "---\ntitle: From YAML\n---\n# Other heading\n\nText.\n"))
        #expect(a?.title == "From YAML")
        #expect(a?.text == "Other heading\n\nText.")
        let (b, _) = readOne(dir.write("b.md", "Intro paragraph.\n\n# Later heading\n\nText.\n"))
        #expect(b?.title == "Later heading")
    }

    @Test func crlfIsNormalised() {
        let dir = TempDir()
        let (a, w) = readOne(dir.write("a.md", "---\r\ntitle: Windows\r\n---\r\nLine one\r\nline two\r\n\r\nNext.\r\n"))
        #expect(w.isEmpty)
        #expect(a?.title == "Windows")
        #expect(a?.text == "Line one line two\n\nNext.")
    }
}

/// The brackets of a Markdown line, matched in one pass (`Markdown.Pairs`): what links are read from,
/// on a line of thousands of unclosed brackets as on an ordinary one.
@Suite struct MarkdownPairsTests {
    func plain(_ line: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(line.utf8)
        Markdown.stripInline(bytes[...], into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func linksAndImagesNestedOrNot() {
        #expect(plain("See [the report](http://x.org/a(b)) now") == "See the report now")
        #expect(plain("![img](i.png) and [ref][1] and [not a link] here") == " and ref and [not a link] here")
        #expect(plain("[a [nested] link](u) and \\[escaped](u)") == "a [nested] link and [escaped](u)")
    }

    @Test func unclosedBracketsAndAnglesStayText() {
        let many = String(repeating: "[", count: 20_000) + String(repeating: "<", count: 20_000) + String(repeating: "([a](", count: 2_000)
        let out = plain(many)
        #expect(out.utf8.count == many.utf8.count, "nothing is dropped: no bracket closes")
        let pairs = Markdown.Pairs(Array("a[b(c)d]e>f".utf8)[...])
        #expect(pairs.close(of: 1) == 7 && pairs.close(of: 3) == 5)
        #expect(pairs.nextGreaterThan(after: 0) == 9 && pairs.nextGreaterThan(after: 10) == nil)
    }
}
