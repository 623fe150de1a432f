/// The article inside a saved news page: metadata from `<head>`, body text from `<article>` or else
/// the element holding the most `<p>` text, without navigation, scripts and link lists.
///
/// One pass over the tokens with an explicit stack of open elements (never recursion), so unclosed
/// and very deeply nested HTML costs time and memory linear in its size.
struct HTMLArticle {
    struct Dated { var text: String; var line: Int }

    var title: String?
    var published: Dated?
    var source: String?
    var publisher: String?
    var blocks: [Block] = []

    /// A block of text with what the boilerplate filter needs to know.
    struct Piece {
        var text: String
        var line: Int
        var kind: Block.Kind
        var node: Int
        var list: Int
        var linkBytes: Int
        var length: Int { text.utf8.count }
    }

    init(_ bytes: [UInt8]) {
        var reader = HTMLReader(bytes)
        reader.read()
        let found = reader.metadata
        title = found.title
        published = found.published
        source = found.source
        publisher = found.publisher
        let chosen = reader.mainPieces()
        if title == nil, let h1 = reader.pieces.first(where: { $0.kind == .heading(1) }) { title = h1.text }
        var body = Self.removeBoilerplate(chosen)
        if let t = title, let first = body.first, case .heading = first.kind,
           first.text == t || (t.contains(first.text) && first.text.count * 2 >= t.count) {
            body.removeFirst()
        }
        blocks = body.map { Block(text: $0.text, line: $0.line, kind: $0.kind) }
    }

    /// White space collapsed and entities decoded.
    static func clean(_ s: String) -> String {
        Entities.decodeAll(s).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `"datePublished": "…"` in a JSON-LD script.
    static func jsonLDDate(_ s: ArraySlice<UInt8>) -> String? {
        let key = Array("\"datePublished\"".utf8)
        guard s.count > key.count else { return nil }
        var i = s.startIndex
        while i + key.count <= s.endIndex {
            if s[i] == key[0], s[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                while j < s.endIndex, RawText.isSpace(s[j]) || s[j] == UInt8(ascii: ":") { j += 1 }
                guard j < s.endIndex, s[j] == UInt8(ascii: "\"") else { return nil }
                let start = j + 1
                var e = start
                while e < s.endIndex, s[e] != UInt8(ascii: "\""), e - start < 64 { e += 1 }
                return String(decoding: s[start..<e], as: UTF8.self)
            }
            i += 1
        }
        return nil
    }
}

/// The metadata a page offers, collected while reading it; the computed properties choose among the
/// candidates.
private struct PageMetadata {
    typealias Dated = HTMLArticle.Dated

    /// `<meta>` contents by lower-cased `property`, `name` or `itemprop` (the first of each).
    var meta: [String: Dated] = [:]
    /// The `<title>`.
    var docTitle: String?
    /// The first `<time datetime>` outside dropped elements, and the first anywhere.
    var timeDate: Dated?, anyTimeDate: Dated?
    /// The `<link rel="canonical">`.
    var canonical: String?
    /// `datePublished` from a JSON-LD script.
    var ldDate: Dated?

    var title: String? {
        let title = meta["og:title"].map { HTMLArticle.clean($0.text) } ?? docTitle
        return title?.isEmpty == true ? nil : title
    }

    var published: Dated? {
        meta["article:published_time"] ?? timeDate ?? meta["date"] ?? meta["datepublished"]
            ?? meta["pubdate"] ?? meta["publishdate"] ?? meta["dc.date"] ?? meta["dcterms.created"] ?? ldDate ?? anyTimeDate
    }

    var source: String? {
        let source = canonical ?? meta["og:url"]?.text
        return source?.isEmpty == true ? nil : source
    }

    var publisher: String? {
        let publisher = (meta["og:site_name"] ?? meta["publisher"] ?? meta["article:publisher"]).map { HTMLArticle.clean($0.text) }
        guard let p = publisher, !p.isEmpty, !p.contains("://") else { return nil }  // (a Facebook page URL is no name)
        return p
    }
}

/// The one pass over a page's tokens behind `HTMLArticle`: the text of each block element as a piece,
/// the element tree's bookkeeping that chooses the container, and the metadata.
private struct HTMLReader {
    typealias Piece = HTMLArticle.Piece
    typealias Dated = HTMLArticle.Dated

    /// An open element.
    private struct Open {
        var tag: HTMLTag
        var name: String { tag.name }
        var node: Int
        /// The innermost block element (this one or an ancestor), -1 if none.
        var blockNode: Int
        var blockKind: Block.Kind
        /// The innermost `<ul>` or `<ol>`, -1 if none.
        var list: Int
    }

    private static let head = HTMLTag("head")

    private let bytes: [UInt8]
    private var tok: HTMLTokenizer
    // Tree bookkeeping: nodes are numbered in document order; a node's subtree is node...last[node].
    private var parent: [Int] = [], last: [Int] = [], textLen: [Int] = [], pScore: [Int] = []
    private var articles: [Int] = []
    private var stack: [Open] = []
    // How many elements of each name are open: known tags by id, others by name.
    private var knownOpen = [Int](repeating: 0, count: HTMLTag.table.count)
    private var otherOpen: [String: Int] = [:]
    private var droppedDepth = 0, linkDepth = 0
    private(set) var pieces: [Piece] = []
    // The block being collected.
    private var cur: [UInt8] = [], pending = false, curLine = 1, curLink = 0
    private var curTop: Open?
    // Lines, counted forward lazily.
    private var linePos = 0, lineNo = 1
    private(set) var metadata = PageMetadata()

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        tok = HTMLTokenizer(bytes)
    }

    /// Reads every token, then closes what is still open.
    mutating func read() {
        push(HTMLTag("#root"))  // never closed by an end tag: text outside any element lands here
        loop: while true {
            switch tok.next() {
            case .eof: break loop
            case .text(let r): appendText(r)
            case .rawText(let tag, let r): rawText(tag, r)
            case .start(let tag, let attrRange, let selfClosing, let at): start(tag, attrRange, selfClosing: selfClosing, at: at)
            case .end(let tag, _): end(tag)
            }
        }
        flush()
        while !stack.isEmpty { pop() }
    }

    /// The pieces of the article's container: the biggest `<article>`, unless some element has far more
    /// paragraph text; all pieces if there is neither. (After `read`.)
    func mainPieces() -> [Piece] {
        let bestArticle = articles.max { textLen[$0] < textLen[$1] }
        let bestP = pScore.indices.max { pScore[$0] < pScore[$1] }
        var container: Int?
        if let a = bestArticle, textLen[a] > 0, bestP.map({ pScore[$0] <= 2 * textLen[a] }) ?? true {
            container = a
        } else if let p = bestP, pScore[p] > 0 {
            container = p
        }
        return container.map { c in pieces.filter { $0.node >= c && $0.node <= last[c] } } ?? pieces
    }

    // MARK: Tokens

    /// The content of `<title>`, `<script>` and the like.
    private mutating func rawText(_ tag: HTMLTag, _ r: Range<Int>) {
        let name = tag.name
        if name == "title", metadata.docTitle == nil {
            metadata.docTitle = HTMLArticle.clean(String(decoding: bytes[r], as: UTF8.self))
        } else if name == "script", metadata.ldDate == nil,
                  let v = HTMLArticle.jsonLDDate(bytes[r]) {
            metadata.ldDate = Dated(text: v, line: line(at: r.lowerBound))
        }
        popThrough(tag)
    }

    private mutating func start(_ tag: HTMLTag, _ attrRange: Range<Int>, selfClosing: Bool, at: Int) {
        let name = tag.name
        if openCount(Self.head) > 0, !tag.kind.contains(.headContent) { popThrough(Self.head) }
        if name == "body" { return }
        if name == "br" { pending = true } else { readMetadata(tag, attrRange, at: at) }
        if !tag.kind.isDisjoint(with: [.block, .dropped]) { flush() }
        closeImplied(by: tag)
        if tag.kind.contains(.void) || selfClosing { return }
        push(tag)
    }

    private mutating func end(_ tag: HTMLTag) {
        let name = tag.name
        if name == "br" { pending = true; return }
        if name == "body" || name == "html" { return }
        guard openCount(tag) > 0 else { return }  // stray end tag: ignored
        if !tag.kind.isDisjoint(with: [.block, .dropped]) { flush() }
        popThrough(tag)
    }

    /// What a `<meta>`, `<link rel="canonical">` or `<time datetime>` says.
    private mutating func readMetadata(_ tag: HTMLTag, _ attrRange: Range<Int>, at: Int) {
        switch tag.name {
        case "meta":
            let a = tok.attributes(attrRange)
            if let key = a["property"] ?? a["name"] ?? a["itemprop"], let content = a["content"], metadata.meta[key.lowercased()] == nil {
                metadata.meta[key.lowercased()] = Dated(text: content, line: line(at: at))
            }
        case "link":
            let a = tok.attributes(attrRange)
            if metadata.canonical == nil, let rel = a["rel"], rel.lowercased().split(separator: " ").contains("canonical") {
                metadata.canonical = a["href"]
            }
        case "time":
            if let dt = tok.attributes(attrRange)["datetime"], !dt.isEmpty {
                let d = Dated(text: dt, line: line(at: at))
                if metadata.anyTimeDate == nil { metadata.anyTimeDate = d }
                if metadata.timeDate == nil, droppedDepth == 0 { metadata.timeDate = d }
            }
        default: break
        }
    }

    /// Ends the elements a start tag closes without their end tag: `<p>` before a block, `<li>` before
    /// the next `<li>`, a table cell before the next cell or row, and so on.
    private mutating func closeImplied(by tag: HTMLTag) {
        let name = tag.name
        if tag.kind.contains(.closesP), stack.last?.name == "p" { pop() }
        if name == "li", stack.last?.name == "li" { pop() }
        if name == "dt" || name == "dd", let t = stack.last?.name, t == "dt" || t == "dd" { pop() }
        if name == "td" || name == "th" || name == "tr", let t = stack.last?.name, t == "td" || t == "th" { pop() }
        if name == "tr", stack.last?.name == "tr" { pop() }
    }

    // MARK: Text

    /// Adds text to the block being collected, white space collapsed and entities decoded (nothing
    /// inside a dropped element).
    private mutating func appendText(_ range: Range<Int>) {
        guard droppedDepth == 0 else { return }
        let slice = bytes[range]
        var i = range.lowerBound
        let before = cur.count
        while i < range.upperBound {
            let b = bytes[i]
            if RawText.isSpace(b) { pending = true; i += 1; continue }
            if b == 0xC2, i + 1 < range.upperBound, bytes[i + 1] == 0xA0 { pending = true; i += 2; continue }
            var scalar: UInt32?
            var next = i + 1
            if b == UInt8(ascii: "&"), let (v, after) = Entities.decode(slice, at: i) {
                scalar = v; next = after
                if v == 0x20 || v == 0xA0 || v == 0x09 || v == 0x0A { pending = true; i = next; continue }
                if v == 0xAD { i = next; continue }  // soft hyphen
            }
            if cur.isEmpty {
                curLine = line(at: i); curTop = stack.last
            } else if pending { cur.append(0x20) }
            pending = false
            if let scalar { RawText.appendUTF8(scalar, to: &cur) } else { cur.append(b) }
            i = next
        }
        if linkDepth > 0 { curLink += cur.count - before }
    }

    /// Ends the block being collected: a piece, counted in the text lengths and paragraph scores.
    private mutating func flush() {
        while let l = cur.last, l == 0x20 { cur.removeLast() }
        if !cur.isEmpty, let top = curTop {
            // Counted at the enclosing block element, which is still open (blocks flush before closing).
            let node = top.blockNode >= 0 ? top.blockNode : top.node
            let piece = Piece(text: String(decoding: cur, as: UTF8.self), line: curLine, kind: top.blockKind,
                              node: node, list: top.list, linkBytes: curLink)
            textLen[node] += cur.count
            if top.blockKind == .paragraph, top.blockNode >= 0 {
                let p = parent[top.blockNode]
                if p >= 0 {
                    pScore[p] += cur.count
                    if parent[p] >= 0 { pScore[parent[p]] += cur.count / 2 }
                }
            }
            pieces.append(piece)
        }
        cur.removeAll(keepingCapacity: true)
        pending = false; curLink = 0; curTop = nil
    }

    /// The line of byte offset `p`, counted forward from the last one asked.
    private mutating func line(at p: Int) -> Int {
        while linePos < p { if bytes[linePos] == 0x0A { lineNo += 1 }; linePos += 1 }
        return lineNo
    }

    // MARK: Open elements

    private func openCount(_ t: HTMLTag) -> Int { t.id >= 0 ? knownOpen[t.id] : otherOpen[t.name, default: 0] }

    private mutating func countOpen(_ t: HTMLTag, _ d: Int) {
        if t.id >= 0 { knownOpen[t.id] += d } else { otherOpen[t.name, default: 0] += d }
    }

    private mutating func push(_ tag: HTMLTag) {
        let name = tag.name
        let node = parent.count
        let up = stack.last
        parent.append(up?.node ?? -1); last.append(node); textLen.append(0); pScore.append(0)
        let isBlock = tag.kind.contains(.block)
        stack.append(Open(tag: tag, node: node, blockNode: isBlock ? node : (up?.blockNode ?? -1),
                          blockKind: Self.blockKind(of: tag, inside: up),
                          list: name == "ul" || name == "ol" ? node : (up?.list ?? -1)))
        countOpen(tag, 1)
        if tag.kind.contains(.dropped) { droppedDepth += 1 }
        if name == "a" { linkDepth += 1 }
        if name == "article" { articles.append(node) }
    }

    private mutating func pop() {
        let e = stack.removeLast()
        last[e.node] = parent.count - 1
        if parent[e.node] >= 0 { textLen[parent[e.node]] += textLen[e.node] }
        countOpen(e.tag, -1)
        if e.tag.kind.contains(.dropped) { droppedDepth -= 1 }
        if e.name == "a" { linkDepth -= 1 }
    }

    /// Closes the innermost open element named like `tag` and every element inside it (nothing if none is open).
    private mutating func popThrough(_ tag: HTMLTag) {
        guard openCount(tag) > 0 else { return }
        let name = tag.name
        while let top = stack.last {
            if top.tag.kind.contains(.block) { flush() }  // a block closed implicitly ends its text
            pop()
            if top.name == name { break }
        }
    }

    /// The kind of the text directly inside an element: its own if it is a block element, else its parent's.
    private static func blockKind(of tag: HTMLTag, inside up: Open?) -> Block.Kind {
        guard tag.kind.contains(.block) else { return up?.blockKind ?? .other }
        let name = tag.name
        switch name {
        case "p": return .paragraph
        case "li", "dt", "dd": return .listItem
        case "pre": return .code
        default:
            if name.utf8.count == 2, name.hasPrefix("h"), let l = Int(name.dropFirst()) { return .heading(l) }
            return .other
        }
    }
}
