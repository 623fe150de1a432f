import Foundation
import Testing

/// `--help` reads as written: every example keeps to one line of an 80-column terminal (the argument
/// parser wraps longer lines wherever they break), and no example is cut in two.
@Suite struct HelpTextTests {
    static let commands: [[String]] = [[], ["build"], ["extract"], ["draft"], ["query"], ["show"], ["render"],
                                       ["timeline"], ["export"], ["import"], ["stats"], ["serve"], ["update"]]

    @Test(arguments: commands)
    func examplesStayOnTheirLine(_ command: [String]) throws {
        let r = try KG.run(command + ["--help"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let discussion = lines.prefix { !$0.hasPrefix("USAGE:") }
        for (i, line) in discussion.enumerated() where line.hasPrefix("  kg ") && i + 1 < discussion.count {
            // an example with a comment that was wrapped goes on at the left margin with the rest of it
            let next = discussion[discussion.index(discussion.startIndex, offsetBy: i + 1)]
            #expect(!(line.contains("#") && !next.isEmpty && !next.hasPrefix(" ")), "\(command): example cut at \(line) | \(next)")
        }
    }

    @Test func theOverviewShowsEachExampleWhole() throws {
        let r = try KG.run(["--help"])
        #expect(r.stdout.contains("\n  kg build Examples/articles          # extract facts into ./kg.sqlite\n"))
        #expect(r.stdout.contains("\n  kg export --format jsonl            # every fact with its source sentence\n"))
    }
}
