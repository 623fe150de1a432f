import Foundation
import RDF
import Testing
@testable import Ingest

@Suite struct HTMLTests {
    static let page = """
        <!DOCTYPE html>
        <html><head>
        <meta charset="utf-8">
        <title>Ferry service resumes | The Example Post</title>
        <meta property="og:title" content="Ferry service resumes after &quot;long&quot; pause">
        <meta property="article:published_time" content="2024-03-05T08:30:00+01:00">
        <link rel="canonical" href="https://example.org/news/ferry?a=1&amp;b=2">
        <meta property="og:site_name" content="The Example Post">
        <style>p { color: red }</style>
        <script>var s = "<p>not text</p>";</script>
        </head>
        <body>
        <header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
        <article>
          <h1>Ferry service resumes after "long" pause</h1>
          <p>The island ferry sailed again on Tuesday&nbsp;morning &mdash; the first
             crossing in six weeks.</p>
          <p>Caf&eacute; owners &amp; residents said it was &#8220;a relief&#x201D;.</p>
          <figure><img src="f.jpg"><figcaption>The ferry at the pier.</figcaption></figure>
          <div class="share">Share this article</div>
          <h2>Related articles</h2>
          <ul><li><a href="/1">Bridge closes for repairs</a></li><li><a href="/2">Harbour festival</a></li></ul>
          <p><a href="/more">Read more: Island budget approved</a></p>
          <noscript>Enable JavaScript</noscript>
          <form><input name="q"> Search</form>
          <aside>Most popular stories</aside>
        </article>
        <footer><p>Back to top</p><p>Copyright 2024</p></footer>
        </body></html>
        """

    @Test func articleMetadataAndBody() throws {
        let dir = TempDir()
        let f = dir.write("page.html", Self.page)
        let (a, w) = readOne(f)
        #expect(w.isEmpty)
        let art = try #require(a)
        #expect(art.format == .html)
        #expect(art.title == "Ferry service resumes after \"long\" pause")
        #expect(art.published == "2024-03-05T08:30:00+01:00")
        #expect(art.publishedDate == PartialDate(year: 2024, month: 3, day: 5))
        #expect(art.source == "https://example.org/news/ferry?a=1&b=2")
        #expect(art.publisher == "The Example Post")
        #expect(art.text.components(separatedBy: "\n\n") == [
            "The island ferry sailed again on Tuesday morning — the first crossing in six weeks.",
            "Café owners & residents said it was “a relief”.",
            "The ferry at the pier.",
        ])
        #expect(art.bodyLine == 16)
    }

    @Test func largestParagraphBlockWithoutArticleElement() throws {
        let dir = TempDir()
        let body = (1...4).map { "<p>Paragraph \($0) of the story, long enough to count as text.</p>" }.joined(separator: "\n")
        let f = dir.write("p.htm", """
            <html><head><title>Plain title</title></head><body>
            <div id="menu"><p>Short teaser one.</p></div>
            <div id="content"><h1>Plain title</h1>
            \(body)
            </div>
            <div id="sidebar"><p>Teaser two.</p></div>
            <time datetime="2023-11-02">2 Nov</time>
            """)
        let (a, _) = readOne(f)
        let art = try #require(a)
        #expect(art.title == "Plain title")
        #expect(art.text.hasPrefix("Paragraph 1 of the story"))
        #expect(art.text.components(separatedBy: "\n\n").count == 4)
        #expect(!art.text.contains("teaser"))
        #expect(art.publishedDate == PartialDate(year: 2023, month: 11, day: 2))
    }

    @Test func titleFallsBackToH1AndDateToMetaName() throws {
        let dir = TempDir()
        let f = dir.write("h.html", """
            <meta name="date" content="6 January 2024"><meta property="og:url" content="https://example.org/h">
            <h1>Only heading</h1><p>Some body text.</p>
            """)
        let (a, w) = readOne(f)
        #expect(w.isEmpty)
        #expect(a?.title == "Only heading")
        #expect(a?.publishedDate == PartialDate(year: 2024, month: 1, day: 6))
        #expect(a?.source == "https://example.org/h")
        #expect(a?.text == "Some body text.")
    }

    @Test func badDateInHTMLWarnsWithLine() {
        let dir = TempDir()
        let f = dir.write("d.html", "<html>\n<head>\n<meta property=\"article:published_time\" content=\"soon\">\n</head><p>Text.</p>")
        let (a, w) = readOne(f)
        #expect(a?.publishedDate == nil)
        #expect(a?.published == "soon")
        #expect(w.map(\.line) == [3])
    }

    @Test func entities() {
        #expect(Entities.decodeAll("&amp;&lt;&gt;&quot;&apos;&nbsp;") == "&<>\"'\u{A0}")
        #expect(Entities.decodeAll("&#65;&#x42;&#X43;&#8212;&#x1F600;") == "ABC—😀")
        #expect(Entities.decodeAll("&eacute;&Eacute;&yuml;&iexcl;&times;&szlig;") == "éÉÿ¡×ß")
        #expect(Entities.decodeAll("&hellip;&rsquo;&euro;&#150;&#0;&#xD800;") == "…’€–\u{FFFD}\u{FFFD}")
        #expect(Entities.decodeAll("AT&T &unknown; & &amp") == "AT&T &unknown; & &")
    }

    @Test func unclosedAndMalformedMarkup() throws {
        let dir = TempDir()
        let (a, _) = readOne(dir.write("u.html", "<p>First <b>bold <i>both</p><p>Second</div></span> para<p>Third <a href='x'"))
        #expect(a?.text == "First bold both\n\nSecond para\n\nThird")
        let (b, bw) = readOne(dir.write("v.html", "<script>never closed <p>hidden"))
        #expect(b == nil)
        #expect(bw.first?.message.contains("no article text") == true)
        let (c, _) = readOne(dir.write("w.html", "<!-- unclosed comment <p>x</p>"))
        #expect(c == nil)
        let (d, _) = readOne(dir.write("x.html", "a < b and c > d<br/>next &lt;tag&gt;"))
        #expect(d?.text == "a < b and c > d next <tag>")
    }

    @Test func deepNestingDoesNotRecurse() throws {
        let dir = TempDir()
        let depth = 100_000
        var html = String(repeating: "<div>", count: depth)
        html += "<p>Deep paragraph of text.</p>"
        html += String(repeating: "</div>", count: depth / 2)  // half of them never closed
        let (a, _) = readOne(dir.write("deep.html", html))
        #expect(a?.text == "Deep paragraph of text.")
        // Deep inline nesting with text at every level.
        let spans = String(repeating: "<span>x ", count: depth)
        let (b, _) = readOne(dir.write("spans.html", "<p>" + spans))
        #expect(b?.text.utf8.count == depth * 2 - 1)
    }

    @Test func linkListsAreDropped() throws {
        let dir = TempDir()
        let f = dir.write("l.html", """
            <article><p>Real paragraph that tells the story in some detail.</p>
            <ul><li><a href="/a">Other story A</a></li><li><a href="/b">Other story B</a></li></ul>
            <ul><li>Point one of the plan</li><li>Point two of the plan</li></ul>
            <p><a href="/t1">Politics</a> <a href="/t2">Harbour</a></p>
            <p>Back to top</p></article>
            """)
        let (a, _) = readOne(f)
        #expect(a?.text == "Real paragraph that tells the story in some detail.\n\nPoint one of the plan\n\nPoint two of the plan")
    }
}
