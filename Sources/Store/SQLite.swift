import CSQLite
import Foundation

/// An error from SQLite, with the statement's context.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var code: Int32
    public var message: String
    public var description: String { message }
    public init(code: Int32 = SQLITE_ERROR, _ message: String) {
        self.code = code
        self.message = message
    }
    /// True when another connection holds the write lock past the busy timeout.
    public var isBusy: Bool { code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED }
    /// True when the file could not be written: a full disk, a file-size limit, a failing device.
    public var isWriteFailure: Bool { code & 0xFF == SQLITE_FULL || code & 0xFF == SQLITE_IOERR }
}

/// One SQLite connection. Everything that reaches SQL goes through prepared statements with bound
/// parameters; the only SQL text is kg's own (schema and query plans built from fixed fragments).
/// A connection is used from one thread at a time; only `interrupt()` may be called from another
/// (sqlite3_interrupt is thread-safe), which is why it is marked `@unchecked Sendable`.
final class Connection: @unchecked Sendable {
    let handle: OpaquePointer
    private var cache: [String: Statement] = [:]

    public init(path: String, readOnly: Bool = false, busyTimeoutMs: Int32 = 5000) throws {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw StoreError(code: rc, "cannot open database \(path): \(msg)")
        }
        handle = db
        sqlite3_busy_timeout(db, busyTimeoutMs)
        sqlite3_extended_result_codes(db, 1)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements of kg's own SQL that take no parameters (schema, pragmas).
    public func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(err)
            throw StoreError(code: rc, msg)
        }
    }

    /// A prepared statement, compiled once per connection and reused.
    public func prepare(_ sql: String) throws -> Statement {
        if let s = cache[sql] {
            s.reset()
            return s
        }
        let s = try Statement(connection: self, sql: sql)
        cache[sql] = s
        return s
    }

    /// A statement that is not cached (for one-off, generated SQL such as query plans).
    public func prepareUncached(_ sql: String) throws -> Statement {
        try Statement(connection: self, sql: sql)
    }

    public var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Interrupts a running statement from another thread (used by query timeouts).
    public func interrupt() { sqlite3_interrupt(handle) }

    public func userVersion() throws -> Int {
        let s = try prepare("PRAGMA user_version")
        defer { s.reset() }
        return try s.step() ? Int(s.int(0)) : 0
    }
}

/// The bound values a statement takes.
enum SQLValue: Sendable, Hashable {
    case int(Int64)
    case real(Double)
    case text(String)
    case null
}

final class Statement {
    let handle: OpaquePointer
    unowned let connection: Connection

    init(connection: Connection, sql: String) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw StoreError(code: rc, "SQL error: \(connection.lastMessage) in: \(sql.prefix(200))")
        }
        handle = stmt
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    @discardableResult
    public func bind(_ values: [SQLValue]) -> Statement {
        for (i, v) in values.enumerated() { bind(v, at: Int32(i + 1)) }
        return self
    }

    public func bind(_ v: SQLValue, at index: Int32) {
        switch v {
        case .int(let x): sqlite3_bind_int64(handle, index, x)
        case .real(let x): sqlite3_bind_double(handle, index, x)
        case .text(let s): bind(s, at: index)
        case .null: sqlite3_bind_null(handle, index)
        }
    }

    public func bind(_ v: Int64, at index: Int32) { sqlite3_bind_int64(handle, index, v) }
    /// Binds the whole UTF-8 text, by its length: a U+0000 inside it is kept (a C string would end there).
    public func bind(_ s: String, at index: Int32) {
        var s = s
        s.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                // an empty buffer may have no address; SQLite would bind NULL for it
                if let base = chars.baseAddress {
                    sqlite3_bind_text(handle, index, base, Int32(chars.count), kg_sqlite_transient())
                } else {
                    sqlite3_bind_text(handle, index, "", 0, kg_sqlite_transient())
                }
            }
        }
    }
    public func bind(_ s: String?, at index: Int32) {
        if let s { bind(s, at: index) } else { sqlite3_bind_null(handle, index) }
    }
    public func bind(_ d: Double, at index: Int32) { sqlite3_bind_double(handle, index, d) }

    /// Advances to the next row; false when done. Throws on error (including interruption).
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let msg = connection.lastMessage
            sqlite3_reset(handle)
            throw StoreError(code: rc, msg)
        }
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [SQLValue] = []) throws {
        if !values.isEmpty { bind(values) }
        _ = try step()
        sqlite3_reset(handle)
    }

    public func int(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
    public func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }
    public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }
    public func text(_ i: Int32) -> String {
        guard let p = sqlite3_column_text(handle, i) else { return "" }
        let n = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }
    public func optionalText(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }
}
