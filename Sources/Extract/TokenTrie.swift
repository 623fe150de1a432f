/// The words of the lexicon, numbered: every key of a template, name, head word, title, quantifier,
/// reference or cue phrase has an id. `Extractor` stamps each token with its key's id once, so the
/// lexicon's tries and the template index look words up by array index instead of hashing strings.
/// A token whose key is in no phrase gets `Token.noWord` and can match nothing of the lexicon.
struct WordIDs: Sendable {
    private(set) var ids: [String: Int32] = [:]

    var count: Int { ids.count }

    /// The id of `key`, numbering it if new.
    mutating func intern(_ key: String) -> Int32 {
        if let id = ids[key] { return id }
        let id = Int32(ids.count)
        ids[key] = id
        return id
    }

    /// The id of `key`, or `Token.noWord`.
    func id(_ key: String) -> Int32 { ids[key] ?? Token.noWord }

    /// The id of a token's key: its stamp, or a look-up for a token that was never stamped.
    @inline(__always) func id(_ token: Token) -> Int32 {
        token.wordID != Token.unstamped ? token.wordID : id(token.key)
    }

    /// Stamps every token with the id of its key.
    func stamp(_ tokens: inout [Token]) {
        for i in tokens.indices { tokens[i].wordID = id(tokens[i].key) }
    }
}

/// A trie over token keys, built once; lookups walk the article's tokens without copying them.
///
/// A trie starts keyed by strings (the form article-local names use); `compile(_:)` adds a form keyed
/// by word ids (a flat array at the root, short edge lists below) with the same nodes, which every
/// later lookup walks instead.
struct TokenTrie: Sendable {
    private var children: [[String: Int]] = [[:]]
    private var payload: [Int: [Int]] = [:]
    private var compiled: Compiled?

    /// The id-keyed form of the trie: node numbers are those of `children`. A class, so a lookup
    /// retains one reference rather than copying four arrays.
    private final class Compiled: Sendable {
        let words: WordIDs
        /// Per word id: the root's child for it, or -1.
        let root: [Int32]
        /// Per node: (word id, child) pairs.
        let edges: [[(word: Int32, node: Int32)]]
        /// Per node: the values of the entries ending there.
        let values: [[Int]]

        init(words: WordIDs, root: [Int32], edges: [[(word: Int32, node: Int32)]], values: [[Int]]) {
            self.words = words
            self.root = root
            self.edges = edges
            self.values = values
        }
    }

    mutating func insert(_ keys: [String], value: Int) {
        guard !keys.isEmpty else { return }
        compiled = nil
        var node = 0
        for k in keys {
            if let next = children[node][k] { node = next } else {
                children.append([:])
                children[node][k] = children.count - 1
                node = children.count - 1
            }
        }
        payload[node, default: []].append(value)
    }

    /// Every key of the trie.
    var keys: Set<String> { Set(children.flatMap(\.keys)) }

    /// Builds the id-keyed form; `words` must hold every key of the trie.
    mutating func compile(_ words: WordIDs) {
        var root = [Int32](repeating: -1, count: words.count)
        var edges = [[(word: Int32, node: Int32)]](repeating: [], count: children.count)
        var values = [[Int]](repeating: [], count: children.count)
        for (node, next) in children.enumerated() {
            for (key, child) in next {
                let id = words.id(key)
                precondition(id >= 0, "TokenTrie.compile: \(key) has no word id")
                if node == 0 { root[Int(id)] = Int32(child) } else { edges[node].append((id, Int32(child))) }
            }
            values[node] = payload[node] ?? []
        }
        compiled = Compiled(words: words, root: root, edges: edges, values: values)
    }

    /// Every entry that matches the tokens starting at `start` (before `end`), longest first.
    func matches(_ tokens: [Token], from start: Int, end: Int) -> [(length: Int, values: [Int])] {
        var out: [(Int, [Int])] = []
        if let c = compiled {
            // Most positions start no phrase: answer those from the root array alone.
            guard start < end else { return [] }
            let first = c.words.id(tokens[start])
            guard first >= 0, Int(first) < c.root.count, c.root[Int(first)] >= 0 else { return [] }
            var node = 0, i = start
            while i < end {
                let id = c.words.id(tokens[i])
                guard id >= 0 else { break }
                var next: Int32 = -1
                if node == 0 {
                    if Int(id) < c.root.count { next = c.root[Int(id)] }
                } else {
                    for e in c.edges[node] where e.word == id { next = e.node; break }
                }
                guard next >= 0 else { break }
                node = Int(next)
                i += 1
                if !c.values[node].isEmpty { out.append((i - start, c.values[node])) }
            }
            return out.reversed()
        }
        var node = 0, i = start
        while i < end, let next = children[node][tokens[i].key] {
            node = next
            i += 1
            if let v = payload[node] { out.append((i - start, v)) }
        }
        return out.reversed()
    }

    var isEmpty: Bool { children[0].isEmpty }
}
