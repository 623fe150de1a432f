import CSQLite

/// What a reader (a SPARQL query) needs of the store beyond terms and patterns: the named graphs, one
/// snapshot for many statements, and a way to stop a running statement from another thread.
extension TripleStore {
    /// The ids of the graphs that hold at least one quad, except the default graph (0).
    public func namedGraphIDs() throws -> [Int64] {
        let st = try connection.prepare("SELECT DISTINCT g FROM quad WHERE g <> 0")
        defer { st.reset() }
        var ids: [Int64] = []
        while try st.step() { ids.append(st.int(0)) }
        return ids
    }

    /// Whether graph `id` holds at least one quad.
    public func graphHasQuads(_ id: Int64) throws -> Bool {
        let st = try connection.prepare("SELECT 1 FROM quad WHERE g = ?1 LIMIT 1")
        st.bind(id, at: 1)
        defer { st.reset() }
        return try st.step()
    }

    /// Runs `body`, which only reads, on one snapshot of the store: what other connections commit
    /// meanwhile is not seen, and the file is locked for reading once, not once per statement. Inside a
    /// transaction or another snapshot, `body` just runs in that one.
    public func withReadSnapshot<T>(_ body: () throws -> T) throws -> T {
        if sqlite3_get_autocommit(connection.handle) == 0 { return try body() }
        try connection.execute("BEGIN")
        let result: T
        do { result = try body() } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
        // a read-only transaction has nothing to commit; ending it cannot lose anything
        if sqlite3_get_autocommit(connection.handle) == 0 { try connection.execute("COMMIT") }
        return result
    }

    /// A handle that stops this store's running statement from another thread (a query's timeout).
    public var interrupter: StoreInterrupter { StoreInterrupter(connection: connection) }
}

/// Interrupts the statement its store is running (sqlite3_interrupt, which is thread-safe): the
/// statement fails with a `StoreError` whose `isInterrupt` is true. Nothing happens when none runs.
public struct StoreInterrupter: Sendable {
    let connection: Connection
    public func interrupt() { connection.interrupt() }
}

extension StoreError {
    /// True when the statement was stopped by `StoreInterrupter.interrupt()`.
    public var isInterrupt: Bool { code & 0xFF == SQLITE_INTERRUPT }
}
