import Foundation
import Hummingbird
import NIOCore

/// What `kg serve` serves and how.
public struct ServeSettings: Sendable {
    /// The store (opened read-only).
    public var storePath: String
    /// Seconds a query may run, sending its answer included (503 past it).
    public var timeout: Double
    /// Reader threads, each with its own connection to the store: the queries that run at once.
    public var readers: Int
    /// The largest request body taken (a POSTed query), in bytes (413 past it).
    public var maxBodyBytes: Int
    /// True: `POST /update` takes SPARQL 1.1 Update, run one at a time by a writer connection.
    public var writable: Bool

    public init(storePath: String, timeout: Double = 60,
                readers: Int = max(2, ProcessInfo.processInfo.activeProcessorCount), maxBodyBytes: Int = 8 << 20,
                writable: Bool = false) {
        self.storePath = storePath
        self.timeout = timeout
        self.readers = readers
        self.maxBodyBytes = maxBodyBytes
        self.writable = writable
    }
}

/// kg's HTTP server: the SPARQL 1.1 Protocol endpoint at `/sparql` and `/update` (SPARQL Update,
/// refused unless the server is writable).
///
/// `router()` builds the routes; each part of the server adds its own in its own file (the endpoint's
/// in `addSPARQLRoutes`), so later parts (pages, a writable update endpoint) add theirs beside them.
/// Every response is built here or by a handler, never by a thrown error, so that it carries the CORS
/// header and a plain-text message, and no internal detail reaches the client.
public final class KGServer: Sendable {
    public let settings: ServeSettings
    let readers: ReaderPool
    /// The one connection that writes (`settings.writable`): updates wait their turn for it, while
    /// queries go on reading their snapshots (WAL).
    let writer: ReaderPool?
    /// The URL the server listens on, once it does (the service description's fallback endpoint IRI).
    let listeningURL = LockedValue<String?>(nil)

    /// Opens the store's readers; throws the store's error (no such store, not a kg store).
    public init(_ settings: ServeSettings) throws {
        self.settings = settings
        writer = settings.writable ? try ReaderPool(path: settings.storePath, count: 1, readOnly: false, name: "writer") : nil
        readers = try ReaderPool(path: settings.storePath, count: settings.readers)
    }

    /// Ends the reader and writer threads and closes their connections (running requests finish first).
    public func close() {
        readers.stop()
        writer?.stop()
    }

    /// The server's routes, behind the CORS middleware (any origin may query: the endpoint is
    /// read-only and takes no credentials).
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: CORSMiddleware(allowOrigin: .all, allowHeaders: [.accept, .contentType, .origin],
                                              allowMethods: [.get, .post, .options], maxAge: .seconds(86_400)))
        addSPARQLRoutes(to: router)
        addUpdateRoutes(to: router)
        addGraphStoreRoutes(to: router)
        return router
    }

    /// A plain-text response (messages end with a newline).
    /// The answer to a request whose body could not be read or understood: the Protocol's status and
    /// message, 413 past `limit` bytes, else 400.
    static func unreadable(_ error: Error, limit: Int) -> Response {
        switch error {
        case let e as ProtocolError: return text(e.status, e.message)
        case is NIOTooManyBytesError: return text(.contentTooLarge, "the request body is larger than \(limit) bytes")
        default: return text(.badRequest, "could not read the request body")
        }
    }

    static func text(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: message.hasSuffix("\n") ? message : message + "\n")))
    }
}

/// A value read and written from any thread.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
