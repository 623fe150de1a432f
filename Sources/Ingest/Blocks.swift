/// A paragraph-like piece of an article body, already plain text.
struct Block {
    enum Kind: Equatable { case paragraph, heading(Int), listItem, code, other }
    var text: String
    var line: Int
    var kind: Kind
}

/// Collects plain text into blocks, joining lines and collapsing white space as asked.
struct BlockBuilder {
    private(set) var blocks: [Block] = []
    private var current: [UInt8] = []
    private var currentLine = 1
    private var currentKind = Block.Kind.paragraph
    private var pendingSpace = false

    var isEmpty: Bool { current.isEmpty }
    /// The kind of the block being built.
    var kind: Block.Kind { currentKind }

    /// Changes the kind of the block being built (a paragraph turning out to be a setext heading).
    mutating func retag(_ kind: Block.Kind) { currentKind = kind }

    /// Starts a new block of `kind` at `line` (ending the current one).
    mutating func begin(_ kind: Block.Kind, line: Int) {
        end()
        currentKind = kind
        currentLine = line
    }

    /// Appends text, turning every run of white space (and U+00A0) into one space and dropping
    /// leading space. `line` is where the text starts, used if the block was empty so far.
    mutating func append<C: Collection>(_ bytes: C, line: Int) where C.Element == UInt8 {
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            if RawText.isSpace(b) {
                pendingSpace = true
            } else if b == 0xC2, bytes.index(after: i) != bytes.endIndex, bytes[bytes.index(after: i)] == 0xA0 {
                pendingSpace = true
                i = bytes.index(after: i)
            } else {
                if current.isEmpty {
                    currentLine = line
                } else if pendingSpace {
                    current.append(0x20)
                }
                pendingSpace = false
                current.append(b)
            }
            i = bytes.index(after: i)
        }
    }

    /// A word break (a line joined to the previous one, a `<br>`).
    mutating func space() { pendingSpace = true }

    /// Appends a line verbatim, followed by a line break (code blocks).
    mutating func appendVerbatim(_ bytes: ArraySlice<UInt8>, line: Int) {
        if current.isEmpty { currentLine = line }
        current.append(contentsOf: bytes)
        current.append(0x0A)
    }

    mutating func end() {
        while let last = current.last, RawText.isSpace(last) { current.removeLast() }
        if !current.isEmpty {
            blocks.append(Block(text: String(decoding: current, as: UTF8.self), line: currentLine, kind: currentKind))
            current.removeAll(keepingCapacity: true)
        }
        pendingSpace = false
        currentKind = .paragraph
    }

    mutating func finish() -> [Block] {
        end()
        return blocks
    }
}

extension Block {
    /// The body text: blocks joined by a blank line.
    static func join(_ blocks: [Block]) -> String {
        if blocks.count == 1 { return blocks[0].text }
        var out = ""
        out.reserveCapacity(blocks.reduce(0) { $0 + $1.text.utf8.count + 2 })
        for b in blocks {
            if !out.isEmpty { out += "\n\n" }
            out += b.text
        }
        return out
    }
}

/// Plain text: paragraphs are separated by blank lines; wrapped lines are joined with a space.
enum PlainText {
    static func blocks(_ bytes: [UInt8], from start: Int, firstLine: Int) -> [Block] {
        var builder = BlockBuilder()
        var line = firstLine, i = start
        while i < bytes.count {
            let end = FrontMatter.lineEnd(bytes, from: i) ?? bytes.count
            let slice = bytes[i..<end]
            if slice.allSatisfy(RawText.isSpace) {
                builder.end()
            } else {
                builder.space()
                builder.append(slice, line: line)
            }
            i = end + 1; line += 1
        }
        return builder.finish()
    }

    /// Normalises text given as a string (JSON Lines): CR LF to LF, then paragraphs as for a text file.
    static func normalize(_ text: String) -> String {
        var bytes = Array(text.utf8)
        RawText.normalizeLineEnds(&bytes)
        return Block.join(blocks(bytes, from: 0, firstLine: 1))
    }

    /// The first block as a title when it is one short line followed by more text.
    static func takeTitle(_ blocks: inout [Block], source bytes: [UInt8], from start: Int) -> String? {
        guard blocks.count >= 2, let first = blocks.first, first.text.count < 200 else { return nil }
        // It must have been a single line in the file: the line after it must be blank.
        var i = start
        while i < bytes.count {
            let end = FrontMatter.lineEnd(bytes, from: i) ?? bytes.count
            if !bytes[i..<end].allSatisfy(RawText.isSpace) {
                let nextEnd = end < bytes.count ? (FrontMatter.lineEnd(bytes, from: end + 1) ?? bytes.count) : end
                guard end < bytes.count, bytes[(end + 1)..<nextEnd].allSatisfy(RawText.isSpace) else { return nil }
                blocks.removeFirst()
                return first.text
            }
            i = end + 1
        }
        return nil
    }
}

/// Small string helpers on UTF-8 bytes (Foundation's versions are slow on Linux).
enum TextUtil {
    /// `s` without leading and trailing ASCII white space; `s` itself when there is none.
    static func trimmed(_ s: String) -> String {
        let u = s.utf8
        guard let first = u.first, let last = u.last, RawText.isSpace(first) || RawText.isSpace(last) else { return s }
        guard let start = u.firstIndex(where: { !RawText.isSpace($0) }) else { return "" }
        let end = u.lastIndex(where: { !RawText.isSpace($0) })!
        return String(s[start...end])
    }

    /// Whether `s` contains any of `needles` (ASCII).
    static func contains(_ s: String, anyOf needles: [StaticString]) -> Bool {
        var s = s
        return s.withUTF8 { p in
            guard p.count > 0 else { return false }
            for n in needles {
                let len = n.utf8CodeUnitCount
                guard len > 0, p.count >= len else { continue }
                let found = n.withUTF8Buffer { nb -> Bool in
                    var i = 0
                    while i + len <= p.count {
                        if p[i] == nb[0] {
                            var k = 1
                            while k < len, p[i + k] == nb[k] { k += 1 }
                            if k == len { return true }
                        }
                        i += 1
                    }
                    return false
                }
                if found { return true }
            }
            return false
        }
    }
}
