import Foundation
import Testing
@testable import Pipeline

/// The progress bar of `kg build` (files) and `kg import` (bytes): rate and ETA, redrawn at most ten
/// times a second, cleared at the end, nothing at all when disabled (stderr not a terminal, --quiet).
@Suite struct ProgressBarTests {
    final class Sink: @unchecked Sendable {
        let lock = NSLock()
        var text = ""
        func write(_ s: String) { lock.withLock { text += s } }
    }

    @Test func bytesShowMegabytesRateAndETA() {
        let sink = Sink()
        let progress = ProgressBar(total: 8 << 20, enabled: true, unit: .bytes, write: sink.write)
        progress.add(2 << 20)
        #expect(sink.text.contains("2/8 MB"), "\(sink.text.debugDescription)")
        #expect(sink.text.contains("MB/s") && sink.text.contains("ETA"))
        progress.add(1 << 20)  // within 0.1 s of the last drawing: not drawn
        #expect(!sink.text.contains("3/8 MB"))
        progress.add(5 << 20)  // the end is always drawn
        #expect(sink.text.contains("8/8 MB"))
        progress.finish()
        #expect(sink.text.hasSuffix("\r\u{1B}[K"))
    }

    @Test func filesCountUpAndParallelAddsAreCounted() {
        let sink = Sink()
        let progress = ProgressBar(total: 1_000, enabled: true, write: sink.write)
        DispatchQueue.concurrentPerform(iterations: 1_000) { _ in progress.add(1) }
        #expect(sink.text.contains("1000/1000 files"), "\(sink.text.suffix(80).debugDescription)")
    }

    @Test func aDisabledBarWritesNothing() {
        let sink = Sink()
        let progress = ProgressBar(total: 10, enabled: false, unit: .bytes, write: sink.write)
        progress.add(5)
        progress.update(done: 10)
        progress.finish()
        #expect(sink.text.isEmpty)
    }
}
