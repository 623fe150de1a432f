import Foundation
import Testing

/// Every `$ kg …` example of the README is run, in order, in a fresh folder holding `Examples/`, and prints
/// what the README shows: line for line, or the same lines in another order (query rows are a set). A line
/// `…` in the README stands for any number of lines, and `…` inside a line for any text.
@Suite(.serialized) struct ReadmeTests {
    struct Example {
        var command: String
        var expected: [String]
        var line: Int
    }

    /// The examples of the README's fenced blocks: a line starting with `$ kg` (continued while a quote is
    /// open), then the lines it prints up to the next `$ ` or the end of the block.
    static func examples(_ readme: String) -> [Example] {
        var out: [Example] = []
        var inBlock = false
        var current: Example?
        var openQuote = false
        for (n, raw) in readme.components(separatedBy: "\n").enumerated() {
            let line = raw.replacingOccurrences(of: "\r", with: "")
            if line.hasPrefix("```") {
                if let c = current { out.append(c) }
                current = nil
                inBlock.toggle()
                continue
            }
            guard inBlock else { continue }
            if openQuote, var c = current {
                c.command += "\n" + line
                current = c
                if line.filter({ $0 == "'" }).count % 2 == 1 { openQuote = false }
                continue
            }
            if line.hasPrefix("$ ") {
                if let c = current { out.append(c) }
                current = nil
                guard line.hasPrefix("$ kg") else { continue }
                current = Example(command: String(line.dropFirst(2)), expected: [], line: n + 1)
                openQuote = line.filter { $0 == "'" }.count % 2 == 1
                continue
            }
            if var c = current {
                c.expected.append(line)
                current = c
            }
        }
        return out
    }

    static func matches(_ expected: [String], _ actual: [String]) -> Bool {
        let e = expected.map { $0.trimmingTrailingSpaces }, a = actual.map { $0.trimmingTrailingSpaces }
        if e == a || e.sorted() == a.sorted() { return true }
        // lines in order, "…" lines matching any run of lines
        var reach = Set([0])  // positions in `a` reachable after the pattern lines so far
        for p in e {
            var next = Set<Int>()
            for i in reach {
                if p == "…" { next.formUnion(i...a.count) }
                else if i < a.count, lineMatches(p, a[i]) { next.insert(i + 1) }
            }
            reach = next
        }
        return reach.contains(a.count)
    }

    static func lineMatches(_ pattern: String, _ line: String) -> Bool {
        if pattern == line { return true }
        guard pattern.contains("…") else { return false }
        let parts = pattern.components(separatedBy: "…").map(NSRegularExpression.escapedPattern(for:))
        return line.range(of: "^" + parts.joined(separator: ".*") + "$", options: .regularExpression) != nil
    }

    @Test func everyExampleOfTheReadmePrintsWhatItShows() throws {
        let readme = try String(contentsOf: KG.root.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = Self.examples(readme)
        #expect(examples.count >= 15, "the README's examples were found")
        let dir = try KG.folderWithExamples()
        defer { try? FileManager.default.removeItem(at: dir) }
        for example in examples {
            let run = try KG.shell(example.command, in: dir)
            var actual = run.stdout.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
            while actual.last == "" { actual.removeLast() }
            var expected = example.expected
            while expected.last == "" { expected.removeLast() }
            #expect(run.status == 0, "README line \(example.line): \(example.command)")
            #expect(Self.matches(expected, actual),
                    "README line \(example.line): \(example.command)\n--- README\n\(expected.joined(separator: "\n"))\n--- kg\n\(actual.joined(separator: "\n"))")
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
