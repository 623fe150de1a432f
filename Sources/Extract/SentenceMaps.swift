/// A set of token indices of one sentence (its time tokens), kept as one flag per token of the
/// sentence: `contains` is an array read, not a hash. Indices outside the sentence are never members.
struct TokenSet: Sendable {
    private let base: Int
    private var flags: [Bool]

    init(_ sentence: Range<Int>) {
        base = sentence.lowerBound
        flags = [Bool](repeating: false, count: sentence.count)
    }

    func contains(_ k: Int) -> Bool {
        let i = k - base
        return i >= 0 && i < flags.count && flags[i]
    }

    /// Adds the indices of `r` (those outside the sentence are ignored).
    mutating func formUnion(_ r: Range<Int>) {
        for k in r {
            let i = k - base
            if i >= 0 && i < flags.count { flags[i] = true }
        }
    }
}

/// A map from the token indices of one sentence to a mention index, kept as an array over the
/// sentence: reads outside the sentence give nil, like a missing dictionary key.
struct PositionMap: Sendable {
    private let base: Int
    private var slots: [Int]

    init(_ sentence: Range<Int>) {
        base = sentence.lowerBound
        slots = [Int](repeating: -1, count: sentence.count)
    }

    subscript(k: Int) -> Int? {
        get {
            let i = k - base
            guard i >= 0 && i < slots.count, slots[i] >= 0 else { return nil }
            return slots[i]
        }
        set {
            let i = k - base
            precondition(i >= 0 && i < slots.count, "PositionMap: \(k) is outside the sentence")
            slots[i] = newValue ?? -1
        }
    }
}
