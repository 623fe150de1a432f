import Store

/// What a build did, for its summary line.
public struct BuildSummary: Sendable {
    public var read = 0, unchanged = 0, skipped = 0, removed = 0, warnings = 0
    public var entities = 0, assertions = 0, modal = 0

    mutating func add(_ batch: BatchJob.Output) {
        read += batch.read
        unchanged += batch.unchanged
        skipped += batch.skipped
        warnings += batch.messages.count
        for e in batch.extracted {
            entities += e.entities
            assertions += e.assertions
            modal += e.modal
        }
    }

    public func line(counts: TripleStore.Counts, db: String) -> String {
        """
        built \(db): \(read) article\(read == 1 ? "" : "s") extracted, \(unchanged) unchanged, \
        \(skipped) skipped, \(removed) removed; \(assertions) assertions (\(modal) not facts: planned, hypothetical or denied), \
        \(warnings) warning\(warnings == 1 ? "" : "s")
        store: \(counts.articles) articles, \(counts.facts) distinct facts from \(counts.statements) statements, \
        \(counts.defaultGraphTriples) triples
        """
    }
}
