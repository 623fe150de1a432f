import Foundation

/// A one-line progress bar with rate and ETA on a terminal; silent otherwise. Thread-safe: a parser
/// thread may report while the writer thread does.
public final class ProgressBar: @unchecked Sendable {
    public enum Unit: Sendable { case files, bytes }
    public let total: Int
    public let enabled: Bool
    public let unit: Unit
    let start = Date()
    private let lock = NSLock()
    private var done = 0, lastDraw = Date.distantPast  // guarded by `lock`
    private let write: (String) -> Void

    /// `write` receives each drawing (by default: standard error).
    public init(total: Int, enabled: Bool, unit: Unit = .files,
         write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = total
        self.enabled = enabled
        self.unit = unit
        self.write = write
    }

    /// Sets the amount done (files, or bytes read) and redraws at most ten times a second.
    public func update(done now: Int) {
        guard enabled else { return }
        lock.withLock {
            done = now
            draw()
        }
    }

    /// Adds to the amount done.
    public func add(_ amount: Int) {
        guard enabled else { return }
        lock.withLock {
            done += amount
            draw()
        }
    }

    private func draw() {  // with `lock` held
        guard Date().timeIntervalSince(lastDraw) > 0.1 || done >= total else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(max(total - done, 0)) / rate : 0
        let width = 30
        let filled = total > 0 ? min(width, width * done / total) : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        switch unit {
        case .files:
            write(String(format: "\r%@ %d/%d files  %.0f/s  ETA %.0fs ", bar, done, total, rate, eta))
        case .bytes:
            let mb = 1_048_576.0
            write(String(format: "\r%@ %.0f/%.0f MB  %.1f MB/s  ETA %.0fs ", bar, Double(done) / mb, Double(total) / mb, rate / mb, eta))
        }
    }

    public func finish() {
        if enabled { write("\r\u{1B}[K") }
    }
}
