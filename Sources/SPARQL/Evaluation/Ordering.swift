import RDF

// ORDER BY within a budget: a query sorts at most `maxSortedRows` solutions in memory. Past it the query
// ends with an error saying so, instead of growing without bound; ORDER BY … LIMIT keeps only the
// first OFFSET + LIMIT solutions (a bounded heap), whatever the number of solutions sorted.
extension Evaluator {
    /// The solutions of `x` in the order of `conditions`: all of them, or with `keep` only the first
    /// `keep` (found with a heap of `keep` rows). Holding more than `maxSortedRows` rows is an error.
    func sorted(_ x: Algebra, by conditions: [OrderCondition], keep: Int?, seed: Row, scope: GraphScope) throws -> [Row] {
        if let keep, keep <= maxSortedRows { return try first(keep, of: x, by: conditions, seed: seed, scope: scope) }
        var rows: [Row] = []
        try stream(x, seed: seed, scope: scope) { r in
            guard rows.count < maxSortedRows else { throw Self.tooManyToSort(maxSortedRows) }
            rows.append(r)
            return true
        }
        return try order(rows, by: conditions, scope)
    }

    static func tooManyToSort(_ limit: Int) -> SPARQLError {
        SPARQLError(.evaluation, "ORDER BY has more than \(Self.grouped(limit)) solutions to sort, the most a query sorts in memory: "
                    + "add LIMIT (ORDER BY … LIMIT keeps only the first solutions), narrow the query, or leave out ORDER BY")
    }

    /// 1000000 as "1,000,000".
    static func grouped(_ n: Int) -> String {
        var digits = String(n.magnitude), out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return (n < 0 ? "-" : "") + digits + out
    }

    /// OFFSET/LIMIT straight over ORDER BY (under a projection or not) and without a seed: the first
    /// `keep` solutions by a bounded heap, each handed to `take` until it returns false. Returns false
    /// (doing nothing) when `x` is not of that shape.
    func streamFirstOrdered(_ x: Algebra, keep: Int, seed: Row, scope: GraphScope, _ take: Sink) throws -> Bool {
        guard seed.allSatisfy({ $0 == nil }) else { return false }
        let inner: Algebra, conditions: [OrderCondition], kept: [Int]?
        switch x {
        case .orderBy(let a, let c): (inner, conditions, kept) = (a, c, nil)
        case .project(.orderBy(let a, let c), let vars): (inner, conditions, kept) = (a, c, vars.compactMap { slots[$0] })
        default: return false
        }
        for r in try sorted(inner, by: conditions, keep: keep, seed: emptyRow, scope: scope) {
            var p = r
            if let kept {
                p = emptyRow
                for i in kept { p[i] = r[i] }
            }
            guard try take(p) else { break }
        }
        return true
    }

    /// The first `keep` solutions of `x` in order: a max-heap of the best rows so far, its worst on top.
    private func first(_ keep: Int, of x: Algebra, by conditions: [OrderCondition], seed: Row, scope: GraphScope) throws -> [Row] {
        guard keep > 0 else { return [] }
        var heap: [SortEntry] = []
        var arrived = 0
        try stream(x, seed: seed, scope: scope) { r in
            let entry = SortEntry(keys: try conditions.map { try value($0.expr, r, scope) }, arrival: arrived, row: r)
            arrived += 1
            if heap.count < keep {
                heap.append(entry)
                Self.siftUp(&heap, from: heap.count - 1, conditions)
            } else if Self.precedes(entry, heap[0], conditions) {
                heap[0] = entry
                Self.siftDown(&heap, from: 0, conditions)
            }
            return true
        }
        return heap.sorted { Self.precedes($0, $1, conditions) }.map(\.row)
    }

    struct SortEntry {
        var keys: [Term?]
        /// Ties keep the order the solutions came in (as the full sort does).
        var arrival: Int
        var row: Row
    }

    /// Whether `a` sorts before `b` (ORDER BY's comparison, §15.1, then arrival).
    static func precedes(_ a: SortEntry, _ b: SortEntry, _ conditions: [OrderCondition]) -> Bool {
        for (k, c) in conditions.enumerated() {
            let order = Values.orderCompare(a.keys[k], b.keys[k])
            if order != 0 { return c.ascending ? order < 0 : order > 0 }
        }
        return a.arrival < b.arrival
    }

    private static func siftUp(_ heap: inout [SortEntry], from start: Int, _ conditions: [OrderCondition]) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard precedes(heap[parent], heap[i], conditions) else { return }
            heap.swapAt(parent, i)
            i = parent
        }
    }

    private static func siftDown(_ heap: inout [SortEntry], from start: Int, _ conditions: [OrderCondition]) {
        var i = start
        while true {
            var worst = i
            for child in [2 * i + 1, 2 * i + 2] where child < heap.count && precedes(heap[worst], heap[child], conditions) {
                worst = child
            }
            guard worst != i else { return }
            heap.swapAt(worst, i)
            i = worst
        }
    }
}
