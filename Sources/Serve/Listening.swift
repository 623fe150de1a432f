import Foundation
import Hummingbird
import Logging
import NIOCore

/// Running the server: binding, the URL it prints, stopping on SIGINT and SIGTERM.
extension KGServer {
    /// True for the addresses only this machine reaches: localhost, 127.x.y.z and ::1.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// The host as written in a URL (an IPv6 address in brackets).
    static func urlHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    /// Serves on `host`:`port` (0: a free port) until SIGINT or SIGTERM, then lets running requests
    /// finish and returns. `onListening` gets the endpoint's URL once the server listens.
    /// Throws `ServeError` when it cannot listen (the port is taken, the address is not this machine's).
    public func run(host: String, port: Int, onListening: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "kg-serve")
        logger.logLevel = .error
        let url = listeningURL
        let app = Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let listening = "http://\(Self.urlHost(host)):\(channel.localAddress?.port ?? port)/sparql"
                url.value = listening
                onListening(listening)
            },
            logger: logger)
        do { try await app.runService() } catch let e as IOError {
            throw ServeError(message: "cannot listen on \(Self.urlHost(host)):\(port): \(String(cString: strerror(e.errnoCode)))")
        }
    }
}

/// The server could not start.
public struct ServeError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
