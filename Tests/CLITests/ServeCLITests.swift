import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `kg serve` as a user runs it: a real process on a free port, its URL read from the line it prints,
/// queried over HTTP, stopped with SIGTERM.
@Suite struct ServeCLITests {
    @Test func servesQueriesOnAFreePortAndStopsOnSIGTERM() async throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "<http://example.org/alice> <http://example.org/name> \"Alice\" .\n"
            .write(to: dir.appendingPathComponent("people.nt"), atomically: true, encoding: .utf8)
        let imported = try KG.run(["import", "--quiet", "people.nt"], cwd: dir)
        #expect(imported.status == 0, "\(imported.stderr)")

        let server = try ServeProcess(["serve", "--port", "0"], cwd: dir)
        defer { server.stop() }
        let url = try #require(try server.waitForURL(), "no URL line; stderr: \(server.stderr)")
        #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/sparql"))

        var components = try #require(URLComponents(string: url))
        components.queryItems = [URLQueryItem(name: "query", value: "SELECT ?n WHERE { ?s <http://example.org/name> ?n }")]
        var request = URLRequest(url: try #require(components.url))
        request.setValue("text/csv", forHTTPHeaderField: "Accept")
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == "n\r\nAlice\r\n")

        // the service description names the endpoint as the client reached it
        let (description, _) = try await URLSession.shared.data(from: try #require(URL(string: url)))
        #expect(String(decoding: description, as: UTF8.self).contains("<\(url)>"))

        let status = server.stop()
        #expect(status == 0, "a clean stop on SIGTERM; stderr: \(server.stderr)")
    }

    @Test func aNonLoopbackAddressNeedsAllowRemote() throws {
        let r = try KG.run(["serve", "--bind", "0.0.0.0", "--db", "/nonexistent/kg.sqlite"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--allow-remote"), "\(r.stderr)")
        let missing = try KG.run(["serve", "--db", "/nonexistent/kg.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no knowledge graph at /nonexistent/kg.sqlite"), "\(missing.stderr)")
    }
}

/// A `kg` process left running (a server): what it prints is gathered as it comes.
final class ServeProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    init(_ args: [String], cwd: URL) throws {
        process.executableURL = KG.executable
        process.arguments = args
        process.currentDirectoryURL = cwd
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KG_DB")
        process.environment = env
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        stdout.fileHandleForReading.readabilityHandler = { [self] h in append(h.availableData, toOut: true) }
        stderr.fileHandleForReading.readabilityHandler = { [self] h in append(h.availableData, toOut: false) }
        try process.run()
    }

    private func append(_ data: Data, toOut: Bool) {
        lock.lock()
        if toOut { out.append(data) } else { err.append(data) }
        lock.unlock()
    }

    var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: out, as: UTF8.self) }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: err, as: UTF8.self) }

    /// The URL of the line `kg serve: listening on URL`, waiting up to `seconds` for it; nil if the
    /// process printed none in time (or ended).
    func waitForURL(seconds: Double = 30) throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix("kg serve: listening on ") }) {
                return String(line.dropFirst("kg serve: listening on ".count))
            }
            if !process.isRunning { return nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// Sends SIGTERM (if still running) and waits for the end; the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }
}

/// `kg serve --writable`: a real process takes an update at /update, and a query sees it.
@Suite struct WritableServeCLITests {
    @Test func anUpdatePostedToAWritableServerIsSeenByTheNextQuery() async throws {
        let dir = try KG.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let created = try KG.run(["update", "-q", "INSERT DATA { <http://example.org/a> <http://example.org/p> 1 }"], cwd: dir)
        #expect(created.status == 0, "\(created.stderr)")
        let server = try ServeProcess(["serve", "--port", "0", "--writable"], cwd: dir)
        defer { server.stop() }
        let url = try #require(try server.waitForURL(), "no URL line; stderr: \(server.stderr)")
        var post = URLRequest(url: try #require(URL(string: url.replacingOccurrences(of: "/sparql", with: "/update"))))
        post.httpMethod = "POST"
        post.setValue("application/sparql-update", forHTTPHeaderField: "Content-Type")
        post.httpBody = Data("INSERT DATA { <http://example.org/a> <http://example.org/p> 2 }".utf8)
        let (answer, response) = try await URLSession.shared.data(for: post)
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: answer, as: UTF8.self))")
        #expect(String(decoding: answer, as: UTF8.self).contains("inserted 1 quads"))

        var components = try #require(URLComponents(string: url))
        components.queryItems = [URLQueryItem(name: "query", value: "SELECT ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?o")]
        var get = URLRequest(url: try #require(components.url))
        get.setValue("text/csv", forHTTPHeaderField: "Accept")
        let (data, _) = try await URLSession.shared.data(for: get)
        #expect(String(decoding: data, as: UTF8.self) == "o\r\n1\r\n2\r\n")
        #expect(server.stop() == 0, "stderr: \(server.stderr)")
    }

    @Test func aWritableServerOnANonLoopbackAddressNeedsAllowRemote() throws {
        let r = try KG.run(["serve", "--writable", "--bind", "0.0.0.0", "--db", "/nonexistent/kg.sqlite"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("read and change the whole graph") && r.stderr.contains("--allow-remote"), "\(r.stderr)")
    }
}
