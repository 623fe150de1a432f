import Foundation
import Testing
@testable import Ingest

@Suite struct DiscoverTests {
    @Test func expandsFoldersSortedAndFiltered() {
        let dir = TempDir()
        dir.write("news/b.md", "x")
        dir.write("news/a.txt", "x")
        dir.write("news/sub/c.HTML", "x")
        dir.write("news/sub/d.ndjson", "x")
        dir.write("news/sub/e.jsonl", "x")
        dir.write("news/z.markdown", "x")
        dir.write("news/y.htm", "x")
        dir.write("news/image.png", "x")
        dir.write("news/.hidden.txt", "x")
        dir.write("news/.git/config.txt", "x")
        let (files, warnings) = ArticleSource.discover([dir.path + "/news"])
        #expect(warnings.isEmpty)
        let n = dir.path + "/news/"
        #expect(files == [n + "a.txt", n + "b.md", n + "sub/c.HTML", n + "sub/d.ndjson", n + "sub/e.jsonl",
                          n + "y.htm", n + "z.markdown"])
    }

    @Test func namedFilesMissingPathsAndDuplicates() {
        let dir = TempDir()
        let a = dir.write("a.txt", "x")
        let png = dir.write("p.png", "x")
        let missing = dir.path + "/missing"
        let (files, warnings) = ArticleSource.discover([a, missing, png, dir.path, a])
        #expect(files == [a])
        #expect(warnings.count == 2)
        #expect(warnings[0].description == missing + ": does not exist; skipped")
        #expect(warnings[1].file == png)
    }

    @Test func symlinkLoopsAreReportedNotFollowed() {
        let dir = TempDir()
        dir.write("root/one.txt", "x")
        _ = dir.symlink("root/self", to: dir.path + "/root")           // folder loop
        _ = dir.symlink("root/loop.txt", to: dir.path + "/root/loop.txt")  // link to itself
        _ = dir.symlink("root/dangling.md", to: dir.path + "/root/none.md")
        let (files, warnings) = ArticleSource.discover([dir.path + "/root"])
        #expect(files == [dir.path + "/root/one.txt"])
        let messages = warnings.map(\.description)
        #expect(messages.count == 3)
        #expect(messages.contains { $0.hasPrefix(dir.path + "/root/self:") && $0.contains("symlink loop") })
        #expect(messages.contains { $0.hasPrefix(dir.path + "/root/loop.txt:") && $0.contains("symlink loop") })
        #expect(messages.contains { $0.hasPrefix(dir.path + "/root/dangling.md:") && $0.contains("broken symlink") })
    }

    @Test func unreadableFolder() {
        guard getuid() != 0 else { return }  // root lists any folder
        let dir = TempDir()
        dir.write("locked/a.txt", "x")
        chmod(dir.path + "/locked", 0)
        let (files, warnings) = ArticleSource.discover([dir.path])
        #expect(files.isEmpty)
        #expect(warnings.first?.message.contains("permission denied") == true)
    }

    @Test func warningDescriptions() {
        #expect(IngestWarning(file: "f", message: "m").description == "f: m")
        #expect(IngestWarning(file: "f", line: 3, message: "m").description == "f:3: m")
        #expect(IngestWarning(file: "f", line: 3, column: 7, message: "m").description == "f:3:7: m")
    }
}
