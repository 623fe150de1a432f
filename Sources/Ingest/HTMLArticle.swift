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

    private struct Open {
        var tag: HTMLTag
        var name: String { tag.name }
        var node: Int
        var blockNode: Int
        var blockKind: Block.Kind
        var list: Int
    }

    init(_ bytes: [UInt8]) {
        var tok = HTMLTokenizer(bytes)
        // Tree bookkeeping: nodes are numbered in document order; a node's subtree is node...last[node].
        var parent: [Int] = [], last: [Int] = [], textLen: [Int] = [], pScore: [Int] = []
        var articles: [Int] = []
        var stack: [Open] = []
        // How many elements of each name are open: known tags by id, others by name.
        var knownOpen = [Int](repeating: 0, count: HTMLTag.table.count)
        var otherOpen: [String: Int] = [:]
        func openCount(_ t: HTMLTag) -> Int { t.id >= 0 ? knownOpen[t.id] : otherOpen[t.name, default: 0] }
        func countOpen(_ t: HTMLTag, _ d: Int) {
            if t.id >= 0 { knownOpen[t.id] += d } else { otherOpen[t.name, default: 0] += d }
        }
        let head = HTMLTag("head")
        var droppedDepth = 0, linkDepth = 0
        var pieces: [Piece] = []
        // The block being collected.
        var cur: [UInt8] = [], pending = false, curLine = 1, curLink = 0
        var curTop: Open?
        // Lines, counted forward lazily.
        var linePos = 0, lineNo = 1
        func line(at p: Int) -> Int {
            while linePos < p { if bytes[linePos] == 0x0A { lineNo += 1 }; linePos += 1 }
            return lineNo
        }
        var meta: [String: Dated] = [:]
        var docTitle: String?, timeDate: Dated?, anyTimeDate: Dated?, canonical: String?, ldDate: Dated?

        func flush() {
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
        func pop() {
            let e = stack.removeLast()
            last[e.node] = parent.count - 1
            if parent[e.node] >= 0 { textLen[parent[e.node]] += textLen[e.node] }
            countOpen(e.tag, -1)
            if e.tag.kind.contains(.dropped) { droppedDepth -= 1 }
            if e.name == "a" { linkDepth -= 1 }
        }
        func push(_ tag: HTMLTag) {
            let name = tag.name
            let node = parent.count
            let up = stack.last
            parent.append(up?.node ?? -1); last.append(node); textLen.append(0); pScore.append(0)
            let isBlock = tag.kind.contains(.block)
            var kind = up?.blockKind ?? .other
            if isBlock {
                switch name {
                case "p": kind = .paragraph
                case "li", "dt", "dd": kind = .listItem
                case "pre": kind = .code
                default:
                    if name.utf8.count == 2, name.hasPrefix("h"), let l = Int(name.dropFirst()) { kind = .heading(l) } else { kind = .other }
                }
            }
            let isDropped = tag.kind.contains(.dropped)
            stack.append(Open(tag: tag, node: node, blockNode: isBlock ? node : (up?.blockNode ?? -1),
                              blockKind: kind, list: name == "ul" || name == "ol" ? node : (up?.list ?? -1)))
            countOpen(tag, 1)
            if isDropped { droppedDepth += 1 }
            if name == "a" { linkDepth += 1 }
            if name == "article" { articles.append(node) }
        }
        func popThrough(_ tag: HTMLTag) {
            guard openCount(tag) > 0 else { return }
            let name = tag.name
            while let top = stack.last {
                if top.tag.kind.contains(.block) { flush() }  // a block closed implicitly ends its text
                pop()
                if top.name == name { break }
            }
        }
        func appendText(_ range: Range<Int>) {
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

        push(HTMLTag("#root"))  // never closed by an end tag: text outside any element lands here
        loop: while true {
            switch tok.next() {
            case .eof: break loop
            case .text(let r): appendText(r)
            case .rawText(let tag, let r):
                let name = tag.name
                if name == "title", docTitle == nil {
                    docTitle = Self.clean(String(decoding: bytes[r], as: UTF8.self))
                } else if name == "script", ldDate == nil,
                          let v = Self.jsonLDDate(bytes[r]) {
                    ldDate = Dated(text: v, line: line(at: r.lowerBound))
                }
                popThrough(tag)
            case .start(let tag, let attrRange, let selfClosing, let at):
                let name = tag.name
                if openCount(head) > 0, !tag.kind.contains(.headContent) { popThrough(head) }
                if name == "body" { continue loop }
                switch name {
                case "meta":
                    let a = tok.attributes(attrRange)
                    if let key = a["property"] ?? a["name"] ?? a["itemprop"], let content = a["content"], meta[key.lowercased()] == nil {
                        meta[key.lowercased()] = Dated(text: content, line: line(at: at))
                    }
                case "link":
                    let a = tok.attributes(attrRange)
                    if canonical == nil, let rel = a["rel"], rel.lowercased().split(separator: " ").contains("canonical") {
                        canonical = a["href"]
                    }
                case "time":
                    if let dt = tok.attributes(attrRange)["datetime"], !dt.isEmpty {
                        let d = Dated(text: dt, line: line(at: at))
                        if anyTimeDate == nil { anyTimeDate = d }
                        if timeDate == nil, droppedDepth == 0 { timeDate = d }
                    }
                case "br": pending = true
                default: break
                }
                if !tag.kind.isDisjoint(with: [.block, .dropped]) { flush() }
                if tag.kind.contains(.closesP), stack.last?.name == "p" { pop() }
                if name == "li", stack.last?.name == "li" { pop() }
                if name == "dt" || name == "dd", let t = stack.last?.name, t == "dt" || t == "dd" { pop() }
                if name == "td" || name == "th" || name == "tr", let t = stack.last?.name, t == "td" || t == "th" { pop() }
                if name == "tr", stack.last?.name == "tr" { pop() }
                if tag.kind.contains(.void) || selfClosing { continue loop }
                push(tag)
            case .end(let tag, _):
                let name = tag.name
                if name == "br" { pending = true; continue loop }
                if name == "body" || name == "html" { continue loop }
                guard openCount(tag) > 0 else { continue loop }  // stray end tag: ignored
                if !tag.kind.isDisjoint(with: [.block, .dropped]) { flush() }
                popThrough(tag)
            }
        }
        flush()
        while !stack.isEmpty { pop() }

        // Metadata.
        title = meta["og:title"].map { Self.clean($0.text) } ?? docTitle
        published = meta["article:published_time"] ?? timeDate ?? meta["date"] ?? meta["datepublished"]
            ?? meta["pubdate"] ?? meta["publishdate"] ?? meta["dc.date"] ?? meta["dcterms.created"] ?? ldDate ?? anyTimeDate
        source = canonical ?? meta["og:url"]?.text
        if let t = title, t.isEmpty { title = nil }
        if let s = source, s.isEmpty { source = nil }
        publisher = (meta["og:site_name"] ?? meta["publisher"] ?? meta["article:publisher"]).map { Self.clean($0.text) }
        if let p = publisher, p.isEmpty || p.contains("://") { publisher = nil }  // (a Facebook page URL is no name)

        // The container: the biggest <article>, unless some element has far more paragraph text.
        let bestArticle = articles.max { textLen[$0] < textLen[$1] }
        let bestP = pScore.indices.max { pScore[$0] < pScore[$1] }
        var container: Int?
        if let a = bestArticle, textLen[a] > 0, bestP.map({ pScore[$0] <= 2 * textLen[a] }) ?? true {
            container = a
        } else if let p = bestP, pScore[p] > 0 {
            container = p
        }
        let chosen = container.map { c in pieces.filter { $0.node >= c && $0.node <= last[c] } } ?? pieces
        if title == nil, let h1 = pieces.first(where: { $0.kind == .heading(1) }) { title = h1.text }
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
