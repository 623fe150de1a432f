import RDF

extension TripleStore {
    /// Ids decoded by one SQL statement at most (`terms(ids:_:)`).
    public static let termsPerDecode = 512

    /// Hands `body` the term of each id in `ids` (ids the dictionary lacks are left out; an id listed
    /// twice may come twice), reading up to `termsPerDecode` ids per SQL statement. Each statement
    /// takes a power of two of parameters (the last id repeated), so a few statements are prepared
    /// once and reused, whatever the number of ids.
    public func terms(ids: ArraySlice<Int64>, _ body: (Int64, Term) throws -> Void) throws {
        var start = ids.startIndex
        while start < ids.endIndex {
            let chunk = ids[start..<min(start + Self.termsPerDecode, ids.endIndex)]
            start = chunk.endIndex
            var width = 1
            while width < chunk.count { width *= 2 }
            let marks = (1...width).map { "?\($0)" }.joined(separator: ", ")
            let st = try connection.prepare("SELECT id, kind, value, datatype, lang FROM term WHERE id IN (\(marks))")
            defer { st.reset() }
            var index: Int32 = 1
            for id in chunk { st.bind(id, at: index); index += 1 }
            while index <= Int32(width) { st.bind(chunk.last!, at: index); index += 1 }
            while try st.step() {
                try body(st.int(0), Self.term(kind: st.int(1), value: st.text(2), datatype: st.text(3), lang: st.text(4)))
            }
        }
    }

    /// Ids of the literals equal to `l` up to the case of the language tag (RDF 1.1 compares tags
    /// case-insensitively; the store keeps them as written).
    public func languageVariants(of l: Literal) throws -> [Int64] {
        let st = try connection.prepare(
            "SELECT id FROM term WHERE value = ?1 AND kind = 2 AND datatype = ?2 AND lang = ?3 COLLATE NOCASE")
        st.bind([.text(l.lexical), .text(l.datatype), .text(l.language ?? "")])
        defer { st.reset() }
        var ids: [Int64] = []
        while try st.step() { ids.append(st.int(0)) }
        return ids
    }
}
