/// The look-ups behind names on the command line (`ShortForm`): an IRI by its spelling, an entity by
/// its label.
extension TripleStore {
    /// The IRI in the dictionary that starts with `namespace` and equals `iri` ignoring case (the
    /// earliest stored when several do), or nil.
    public func iri(inNamespace namespace: String, equalIgnoringCase iri: String) throws -> String? {
        let st = try connection.prepare(
            "SELECT value FROM term WHERE kind = 0 AND value >= ?1 AND value < ?2 AND lower(value) = lower(?3) ORDER BY id LIMIT 1")
        st.bind([.text(namespace), .text(namespace + "\u{10FFFF}"), .text(iri)])
        defer { st.reset() }
        return try st.step() ? st.text(0) : nil
    }

    /// The id of a subject with a literal object equal to `label` ignoring case through one of
    /// `predicates` (by term id): the one with the lowest predicate id, then the lowest subject id.
    /// One indexed query.
    public func subject(labelled label: String, through predicates: [Int64]) throws -> Int64? {
        guard !predicates.isEmpty else { return nil }
        let marks = (0..<predicates.count).map { "?\($0 + 2)" }.joined(separator: ", ")
        let st = try connection.prepare("""
            SELECT q.s FROM quad q JOIN term t ON t.id = q.o
            WHERE t.kind = 2 AND t.value = ?1 COLLATE NOCASE AND q.p IN (\(marks))
            ORDER BY q.p, q.s LIMIT 1
            """)
        st.bind([.text(label)] + predicates.map { .int($0) })
        defer { st.reset() }
        return try st.step() ? st.int(0) : nil
    }
}
