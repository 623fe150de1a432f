import Foundation

/// Runs the built `kg` executable the way a user would, and captures what it prints.
struct KGRun {
    var status: Int32
    var stdout: String
    var stderr: String
    /// False when a signal ended the process (`status` is then the signal's number).
    var exited = true
}

enum KG {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let executable: URL = {
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("kg"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("kg"))
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kg"))
        candidates.append(root.appendingPathComponent(".build/debug/kg"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// Runs `kg args…` in `cwd` (a fresh temp folder by default) with `stdin` as standard input.
    @discardableResult
    static func run(_ args: [String], cwd: URL? = nil, stdin: String? = nil, environment: [String: String] = [:],
                    executable: URL = KG.executable) throws -> KGRun {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.currentDirectoryURL = cwd ?? root
        var env = ProcessInfo.processInfo.environment
        env["KG_ONTOLOGY"] = root.appendingPathComponent("Ontology").path
        env.removeValue(forKey: "KG_DB")
        for (k, v) in environment { env[k] = v }
        p.environment = env
        return try capture(p, stdin: stdin)
    }

    /// Starts `p` with `stdin` (none: an empty input) and waits for it, capturing what it prints. Both
    /// pipes are read concurrently so that a large output cannot block the child.
    private static func capture(_ p: Process, stdin: String?) throws -> KGRun {
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return KGRun(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self), exited: p.terminationReason == .exit)
    }

    /// Runs kg with `args` under a file-size limit of `kilobytes` (SIGXFSZ ignored, so a write past it
    /// fails with EFBIG as on a full disk).
    static func runWithFileSizeLimit(_ kilobytes: Int, _ args: [String]) throws -> KGRun {
        let script = "trap '' XFSZ; ulimit -f \(kilobytes); exec \"$0\" \"$@\""
        return try run(["-c", script, executable.path] + args, executable: URL(fileURLWithPath: "/bin/bash"))
    }

    /// A fresh folder under the system's temporary directory. The caller removes it when done:
    /// `defer { try? FileManager.default.removeItem(at: dir) }` right after creating it (the defer runs
    /// after every `kg` the test started has exited, since `run` waits for the child), or, for a
    /// fixture shared by several tests through a `static let`, `removeAtExit(dir)`.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Removes `dir` when the test process exits: for fixtures built once and shared by many tests,
    /// which no single test may remove.
    static func removeAtExit(_ dir: URL) {
        atExitLock.lock()
        defer { atExitLock.unlock() }
        if atExitFolders.isEmpty {
            atexit {
                KG.atExitLock.lock()
                defer { KG.atExitLock.unlock() }
                for folder in KG.atExitFolders { try? FileManager.default.removeItem(atPath: folder) }
            }
        }
        atExitFolders.append(dir.path)
    }

    private static let atExitLock = NSLock()
    nonisolated(unsafe) private static var atExitFolders: [String] = []

    static var examples: String { root.appendingPathComponent("Examples/articles").path }

    /// Runs a command line as a user types it (`/bin/sh -c`), in `dir`, with the built `kg` first on the
    /// PATH and neither `KG_DB` nor `KG_ONTOLOGY` set (the installed defaults: ./kg.sqlite and the
    /// ontology compiled into kg). The README's examples and the golden outputs run this way.
    static func shell(_ command: String, in dir: URL) throws -> KGRun {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = executable.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env.removeValue(forKey: "KG_DB")
        env.removeValue(forKey: "KG_ONTOLOGY")
        p.environment = env
        return try capture(p, stdin: nil)
    }

    /// A fresh folder holding a link to the package's `Examples/`, as a user's folder after the README's
    /// set-up; the caller removes it.
    static func folderWithExamples() throws -> URL {
        let dir = try temporaryDirectory()
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("Examples"),
                                                   withDestinationURL: root.appendingPathComponent("Examples"))
        return dir
    }
}
