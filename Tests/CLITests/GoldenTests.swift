import Foundation
import Testing

/// Golden outputs: each file of `Tests/Golden/` holds a command line a user would type in a folder holding
/// `Examples/`, the exit status it must end with, and everything it must print on standard output and
/// standard error, byte for byte. The files run in name order in one folder (the first builds the store
/// the others read), so a change in what any command prints, or in what kg extracts from the examples,
/// shows up here as a diff to review.
///
/// To accept a change on purpose: `KG_UPDATE_GOLDEN=1 swift test --filter GoldenTests` rewrites the files
/// from what kg prints now (the run then fails, so that CI can never pass in that mode); review the diff
/// with `git diff Tests/Golden` and commit it.
///
///     $ kg show MNDAA
///     --- exit 0
///     --- stdout
///     …
///     --- stderr
///     …
@Suite(.serialized) struct GoldenTests {
    struct Golden: Equatable {
        var command: String
        var status: Int32
        var stdout: String
        var stderr: String

        init(command: String, status: Int32, stdout: String, stderr: String) {
            self.command = command
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }

        /// Parses the file format above; nil if a marker is missing.
        init?(text: String) {
            guard text.hasPrefix("$ "),
                  let exitMark = text.range(of: "\n--- exit "),
                  let outMark = text.range(of: "\n--- stdout\n", range: exitMark.upperBound..<text.endIndex),
                  let errMark = text.range(of: "--- stderr\n", options: .backwards),
                  errMark.lowerBound >= outMark.upperBound,
                  let status = Int32(text[exitMark.upperBound..<outMark.lowerBound])
            else { return nil }
            command = String(text[text.index(text.startIndex, offsetBy: 2)..<exitMark.lowerBound])
            self.status = status
            stdout = String(text[outMark.upperBound..<errMark.lowerBound])
            stderr = String(text[errMark.upperBound...])
        }

        var text: String {
            var out = "$ \(command)\n--- exit \(status)\n--- stdout\n\(stdout)"
            if let last = stdout.utf8.last, last != UInt8(ascii: "\n") { out += "\n" }  // CSV ends in "\r\n"
            return out + "--- stderr\n\(stderr)"
        }
    }

    static let folder = KG.root.appendingPathComponent("Tests/Golden")

    @Test func theFormatRoundTrips() throws {
        let g = Golden(command: "kg query 'x'", status: 2, stdout: "a\n--- b\n", stderr: "kg: error: x\n")
        #expect(Golden(text: g.text) == g)
        #expect(Golden(text: "kg show X\n--- exit 0\n--- stdout\n--- stderr\n") == nil, "no leading $")
        #expect(Golden(text: "$ kg show X\n--- exit zero\n--- stdout\n--- stderr\n") == nil)
    }

    @Test func everyCommandPrintsItsGoldenOutput() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count >= 10, "the golden files were found")
        let update = ProcessInfo.processInfo.environment["KG_UPDATE_GOLDEN"] == "1"
        let dir = try KG.folderWithExamples()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in files {
            let url = Self.folder.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            let expected = try #require(Golden(text: text), "\(name): not a golden file (see GoldenTests)")
            let run = try KG.shell(expected.command, in: dir)
            let actual = Golden(command: expected.command, status: run.status, stdout: run.stdout, stderr: run.stderr)
            if update {
                if actual.text != text { try actual.text.write(to: url, atomically: true, encoding: .utf8) }
                continue
            }
            #expect(actual.status == expected.status, "\(name): \(expected.command)")
            #expect(actual.stdout == expected.stdout,
                    "\(name): \(expected.command)\n--- expected\n\(expected.stdout)--- kg\n\(actual.stdout)")
            #expect(actual.stderr == expected.stderr,
                    "\(name): \(expected.command)\n--- expected\n\(expected.stderr)--- kg\n\(actual.stderr)")
        }
        if update { Issue.record("KG_UPDATE_GOLDEN=1: golden files rewritten; review `git diff Tests/Golden`") }
    }
}
