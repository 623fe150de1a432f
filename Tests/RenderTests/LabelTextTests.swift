import Testing
@testable import Render

@Suite struct LabelTextTests {
    @Test func backslashesAreDoubled() {
        #expect(LabelText.safe(#"\N"#) == #"\\N"#)
        #expect(LabelText.safe(#"a\lb\nc\\"#) == #"a\\lb\\nc\\\\"#)
        // A backslash followed by a combining mark is one Character; still doubled.
        #expect(LabelText.safe("\\\u{301}N").unicodeScalars.filter { $0 == "\\" }.count == 2)
    }

    @Test func whitespaceIsNormalised() {
        #expect(LabelText.safe("  a \n\t b\r\n\u{2028}c  ") == "a b c")
        #expect(LabelText.safe("\u{00A0}x\u{00A0}") == "x")
        #expect(LabelText.safe(" \n ") == "")
    }

    @Test func tooltipsBreakEscapesAfterDoubledBackslashes() {
        #expect(LabelText.safeTooltip(#"\N"#) == "\\\\\u{2060}N")
        #expect(LabelText.safeTooltip("plain") == "plain")
    }

    @Test func controlCharactersAndNoncharactersAreRemoved() {
        let cleaned = LabelText.safe("a\u{0}b\u{7}c\u{7F}d\u{9F}e\u{FFFE}f\u{FFFF}g\u{202E}h")
        #expect(cleaned == "abcdefgh")
    }

    @Test func truncationIsGraphemeAware() {
        let family = "👨‍👩‍👧‍👦"
        let long = String(repeating: family, count: 100)
        let cut = LabelText.safe(long, maxLength: 10)
        #expect(cut.count == 10)
        #expect(cut.hasSuffix("…"))
        #expect(cut.dropLast().allSatisfy { String($0) == family })
        #expect(LabelText.safe(String(repeating: "x", count: 10_000)).count == 80)
        #expect(LabelText.safe("short", maxLength: 80) == "short")
        #expect(LabelText.safe("exactly10!", maxLength: 10) == "exactly10!")
        #expect(LabelText.safe("word and more", maxLength: 6) == "word…")
    }

    @Test func markupAndRightToLeftTextArePlain() {
        #expect(LabelText.safe("<script>alert(1)</script>") == "<script>alert(1)</script>")
        #expect(LabelText.safe(#""]; node [label="#) == #""]; node [label="#)
        // Entity-like text gets an invisible WORD JOINER so Graphviz does not decode it.
        #expect(LabelText.safe("&amp;") == "&\u{2060}amp;")
        #expect(LabelText.safe("&#60;b&#x3e;") == "&\u{2060}#60;b&\u{2060}#x3e;")
        #expect(LabelText.safe("AT&T & co; R&D;x") == "AT&T & co; R&\u{2060}D;x")
        #expect(LabelText.safe("مرحبا بالعالم") == "مرحبا بالعالم")
        #expect(LabelText.safe("שלום עולם") == "שלום עולם")
    }

    @Test func classNamesAreTokens() {
        #expect(ClassName.token("rel", "works for") == "rel-works-for")
        #expect(ClassName.token("rel", "Captured") == "rel-captured")
        #expect(ClassName.token("kind", "\"><script>") == "kind-script")
        #expect(ClassName.token("kind", "") == "kind")
    }

    @Test func attributeValuesAreSanitised() {
        #expect(AttributeValue.color("#ff0000", default: "x") == "#ff0000")
        #expect(AttributeValue.color("red\"]; x", default: "#000000") == "#000000")
        #expect(AttributeValue.shape("ellipse") == "ellipse")
        #expect(AttributeValue.shape("box; label=x") == "box")
    }
}
