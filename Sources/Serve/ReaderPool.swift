import Foundation
import Store

/// The threads that run queries, each with its own read-only connection to the store.
///
/// How requests share the SQLite store: a kg `TripleStore` (one SQLite connection and its caches) is
/// used by one thread at a time, and a query blocks its thread while SQLite steps. So queries do not
/// run on Swift's cooperative threads (one per core), where one long query would stall every other
/// request, but on `count` reader threads, each owning one read-only `TripleStore` for the server's
/// life (opened once: no per-request open, schema check or cold cache). A request is handed to the
/// next free reader; while all are busy, requests wait in order. SQLite's WAL mode lets the readers
/// run side by side and beside a writer (a `kg build` into the same file); each query reads one
/// snapshot (`QueryEngine.execute`). A reader thread has the 512 MiB stack of kg's command thread
/// (reserved, not used), so a deeply nested query ends in an answer or an error, not a crash.
final class ReaderPool: @unchecked Sendable {
    /// A job gets its reader's store, or nil when the pool stopped before the job could start.
    typealias Job = @Sendable (TripleStore?) -> Void

    let count: Int
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var jobs: [Job] = []
    private var head = 0
    private var stopped = false

    /// Opens `count` read-only connections to the store at `path` (throws the store's error, such as
    /// "no knowledge graph at …", before any thread starts) and starts a reader thread for each.
    /// `readOnly` false: the connections may write (the one writer of `kg serve --writable`).
    init(path: String, count: Int, readOnly: Bool = true, name: String = "reader") throws {
        self.count = max(1, count)
        let stores = try (0..<self.count).map { _ in Owned(try TripleStore(path: path, readOnly: readOnly)) }
        for (i, store) in stores.enumerated() {
            let thread = Thread { [self] in self.serve(store.value) }
            thread.name = "kg-serve-\(name)-\(i)"
            thread.stackSize = 512 << 20
            thread.start()
        }
    }

    /// Runs `job` on the next free reader, with that reader's store (at once without one when the
    /// pool is stopped).
    func submit(_ job: @escaping Job) {
        condition.lock()
        if stopped {
            condition.unlock()
            return job(nil)
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets each reader finish its job, then end (its connection closes); jobs not started yet run
    /// here without a store (they answer that the server is stopping).
    func stop() {
        condition.lock()
        stopped = true
        let waiting = jobs[head...]
        jobs.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
        for job in waiting { job(nil) }
    }

    private func serve(_ store: TripleStore) {
        while let job = next() { job(store) }
    }

    /// The oldest waiting job, after waiting for one; nil once the pool is stopped.
    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && head == jobs.count { condition.wait() }
        if stopped { return nil }
        let job = jobs[head]
        head += 1
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        }
        return job
    }
}

/// A value handed to the one thread that will use it from then on (a store to its reader thread).
struct Owned<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
