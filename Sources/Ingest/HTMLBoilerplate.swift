extension HTMLArticle {
    /// Texts of blocks that are page furniture, not article: compared lower-cased, without trailing
    /// punctuation and arrows.
    static let boilerplatePhrases: Set<String> = [
        "related", "related articles", "related stories", "related content", "related news", "related coverage",
        "related links", "related topics", "read more", "read next", "more stories", "more news", "more from",
        "see also", "back to top", "top", "share", "share this", "share this article", "share this story",
        "advertisement", "sponsored", "sponsored content", "recommended", "recommended for you", "you may also like",
        "you might also like", "most read", "most popular", "trending", "trending now", "top stories",
        "sign up for our newsletter", "subscribe", "subscribe now", "follow us", "comments", "tags", "topics",
        "also read", "continue reading", "skip to content", "skip to main content", "latest news", "editor's picks",
    ]
    /// Beginnings of short blocks that point elsewhere ("Read more: …").
    static let boilerplatePrefixes = [
        "read more", "also read", "read also", "see also", "related:", "more:", "back to top", "continue reading",
        "share this", "click here", "sign up", "subscribe to",
    ]

    private static let trim: Set<Character> = [" ", ":", "|", "»", "›", ">", "→", "…", ".", "-", "–", "—", "↑", "^", "!"]

    static func normalizedPhrase(_ text: String) -> String {
        var t = Substring(text.lowercased())
        while let c = t.last, trim.contains(c) { t.removeLast() }
        while let c = t.first, trim.contains(c) { t.removeFirst() }
        return String(t)
    }

    /// Drops "Related articles"-like blocks, the link lists they introduce, link-only lists and short
    /// link-only lines, keeping article paragraphs.
    static func removeBoilerplate(_ pieces: [Piece]) -> [Piece] {
        // Link density of each list, over all its items.
        var lists: [Int: (text: Int, links: Int)] = [:]
        for p in pieces where p.list >= 0 && p.kind == .listItem {
            lists[p.list, default: (0, 0)].text += p.length
            lists[p.list, default: (0, 0)].links += p.linkBytes
        }
        var out: [Piece] = []
        out.reserveCapacity(pieces.count)
        var afterBoilerplateHeading = false
        for p in pieces {
            let len = p.length
            let linkDense = p.linkBytes * 10 >= len * 7
            let short = len < 120
            if short {
                // Phrases are short; prefixes need only the start of the text.
                let phrase = normalizedPhrase(len <= 48 ? p.text : String(p.text.prefix(24)))
                if len <= 48, boilerplatePhrases.contains(phrase) {
                    afterBoilerplateHeading = true
                    continue
                }
                if boilerplatePrefixes.contains(where: { phrase.hasPrefix($0) }) { continue }
            }
            if afterBoilerplateHeading {
                if p.kind == .listItem || linkDense { continue }
                afterBoilerplateHeading = false
            }
            if p.kind == .listItem, let l = lists[p.list], l.links * 10 > l.text * 7 { continue }
            if short, p.linkBytes * 10 >= len * 9, !isHeading(p.kind) { continue }
            out.append(p)
        }
        return out
    }

    private static func isHeading(_ k: Block.Kind) -> Bool {
        if case .heading = k { return true }
        return false
    }
}
