import Foundation
import Hummingbird
import SPARQL

/// How an answer begins: whole, when it fits in the first chunk or failed before any was sent, or
/// streaming (200, its first chunk, and `rest`).
enum AnswerStart: Sendable {
    case complete(status: HTTPResponse.Status, contentType: String, body: ByteBuffer)
    case streaming(contentType: String, first: ByteBuffer, rest: AnswerStream)
}

/// The chunks of an answer after its first, from the reader thread that writes them to the task that
/// sends them. The reader has at most `window` chunks in flight, waiting for the client otherwise, so
/// a slow client holds a few chunks of memory, not the answer. When the client goes away the stream
/// is cancelled and the reader's query stops at its next solution.
final class AnswerStream: @unchecked Sendable {
    enum Chunk: Sendable {
        case data(ByteBuffer)
        /// The query failed after the status was sent: the connection is closed mid-answer.
        case failed(String)
    }

    static let window = 4
    let chunks: AsyncStream<Chunk>
    private let continuation: AsyncStream<Chunk>.Continuation
    private let condition = NSCondition()
    /// Chunks yielded and not yet written to the client; guarded by `condition`.
    private var inFlight = 0
    /// Guarded by `condition`.
    private var cancelled = false

    init() {
        (chunks, continuation) = AsyncStream.makeStream(of: Chunk.self)
        continuation.onTermination = { [weak self] _ in self?.markCancelled() }
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Reader side: sends `chunk` once the client has taken enough of the earlier ones. Throws the
    /// timeout error when `deadline` passes first; returns false when the client has gone.
    func send(_ chunk: Chunk, deadline: Date) throws -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while inFlight >= Self.window && !cancelled {
            if Date() >= deadline { throw SPARQLError(.timeout, "the client read the answer too slowly") }
            _ = condition.wait(until: deadline)
        }
        if cancelled { return false }
        inFlight += 1
        continuation.yield(chunk)
        return true
    }

    /// Reader side: the answer is complete.
    func finish() { continuation.finish() }

    /// Sending side: a chunk has been written to the client.
    func taken() {
        condition.lock()
        inFlight -= 1
        condition.signal()
        condition.unlock()
    }

    /// Sending side: stops the reader (the client has gone, or sending failed).
    func cancel() {
        markCancelled()
        continuation.finish()
    }

    private func markCancelled() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The reader side of an answer: gathers the writer's text into chunks of `chunkSize` bytes. The
/// first chunk decides how the answer starts (`AnswerStart`): an answer that ends within it, or a
/// failure before it, is sent whole with its own status; a longer one streams.
final class AnswerSink {
    static let chunkSize = 1 << 16
    private let start: CheckedContinuation<AnswerStart, Never>
    private var buffer: [UInt8] = []
    private var stream: AnswerStream?
    private var answered = false
    var contentType = "text/plain; charset=utf-8"
    let deadline: Date

    init(start: CheckedContinuation<AnswerStart, Never>, deadline: Date) {
        self.start = start
        self.deadline = deadline
        buffer.reserveCapacity(Self.chunkSize)
    }

    /// Why sending stopped (the deadline passed while the client was slow), for `check`.
    private var sendError: Error?

    /// False once the client has gone or sending failed: the query should stop.
    var wanted: Bool { sendError == nil && !(stream?.isCancelled ?? false) }

    /// Adds text to the answer, sending a chunk when one is full. A failure to send is kept for `check`
    /// (the result writers' output cannot throw).
    func write(_ text: String) {
        guard sendError == nil else { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunkSize {
            do { try flush() } catch { sendError = error }
        }
    }

    /// Throws what stopped sending, if anything did.
    func check() throws {
        if let sendError { throw sendError }
    }

    private func flush() throws {
        let chunk = ByteBuffer(bytes: buffer)
        buffer.removeAll(keepingCapacity: true)
        if let stream {
            _ = try stream.send(.data(chunk), deadline: deadline)
        } else {
            let stream = AnswerStream()
            self.stream = stream
            answered = true
            start.resume(returning: .streaming(contentType: contentType, first: chunk, rest: stream))
        }
    }

    /// The answer is complete: sends what is left.
    func finish() throws {
        try check()
        if let stream {
            if !buffer.isEmpty { _ = try stream.send(.data(ByteBuffer(bytes: buffer)), deadline: deadline) }
            stream.finish()
        } else {
            complete(.ok, contentType, ByteBuffer(bytes: buffer))
        }
    }

    /// The answer failed: a response of `status` and `message` when nothing was sent yet, otherwise
    /// the stream ends in a failure (the client sees the connection close before the answer's end).
    func fail(_ status: HTTPResponse.Status, _ message: String) {
        if let stream {
            _ = try? stream.send(.failed(message), deadline: Date().addingTimeInterval(5))
            stream.finish()
        } else {
            complete(status, "text/plain; charset=utf-8", ByteBuffer(string: message.hasSuffix("\n") ? message : message + "\n"))
        }
    }

    private func complete(_ status: HTTPResponse.Status, _ contentType: String, _ body: ByteBuffer) {
        guard !answered else { return }
        answered = true
        start.resume(returning: .complete(status: status, contentType: contentType, body: body))
    }
}
