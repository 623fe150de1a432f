import Foundation
import Testing
@testable import Ingest

@Suite struct BadInputTests {
    @Test func emptyAndWhitespaceFiles() {
        let dir = TempDir()
        for (name, text) in [("e.txt", ""), ("w.md", " \n\n\t\n"), ("e.html", "")] {
            let f = dir.write(name, text)
            let (articles, warnings) = ArticleSource.read(file: f)
            #expect(articles.isEmpty)
            #expect(warnings.count == 1)
            #expect(warnings.first?.file == f)
            #expect(warnings.first?.message.contains("empty") == true)
        }
    }

    @Test func binaryFiles() {
        let dir = TempDir()
        let nul = dir.write("nul.txt", bytes: Array("Looks like text at first".utf8) + [0, 1, 2, 3] + Array("more".utf8))
        #expect(ArticleSource.read(file: nul).articles.isEmpty)
        #expect(ArticleSource.read(file: nul).warnings.first?.message.contains("binary") == true)
        // No NUL, but mostly control bytes.
        let ctl = dir.write("ctl.md", bytes: (0..<2000).map { UInt8(1 + $0 % 8) })
        #expect(ArticleSource.read(file: ctl).warnings.first?.message.contains("binary") == true)
        let jl = dir.write("bin.jsonl", bytes: [0x7B, 0, 0, 0x7D, 0x0A])
        #expect(ArticleSource.read(file: jl).warnings.first?.message.contains("binary") == true)
    }

    @Test func invalidUTF8() {
        let dir = TempDir()
        let f = dir.write("bad.txt", bytes: Array("Line one\nCaf".utf8) + [0xE9] + Array(" ouvert\n".utf8))
        let (articles, warnings) = ArticleSource.read(file: f)
        #expect(articles.isEmpty)
        #expect(warnings.count == 1)
        #expect(warnings.first?.line == 2)
        #expect(warnings.first?.column == 4)
        #expect(warnings.first?.message.contains("invalid UTF-8") == true)
        // Overlong encodings and surrogates are invalid too.
        #expect(RawText.firstInvalidUTF8([0x41, 0xC0, 0x80]) == 1)
        #expect(RawText.firstInvalidUTF8([0xED, 0xA0, 0x80]) == 0)
        #expect(RawText.firstInvalidUTF8(Array("héllo wörld ✓ 😀 plain ascii tail".utf8)) == nil)
        #expect(RawText.firstInvalidUTF8(Array("12345678901234567890".utf8) + [0xF0, 0x9F]) == 20)
    }

    @Test func byteOrderMarks() throws {
        let dir = TempDir()
        let text = "Título\n\nCafé on Monday — ✓ 😀.\n"
        let u8 = dir.write("u8.txt", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let le = dir.write("le.txt", bytes: [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let be = dir.write("be.txt", bytes: [0xFE, 0xFF] + Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        for f in [u8, le, be] {
            let (a, w) = readOne(f)
            #expect(w.isEmpty, "\(f)")
            #expect(a?.title == "Título")
            #expect(a?.text == "Café on Monday — ✓ 😀.")
        }
        // The hash is of the raw bytes, so the three differ.
        let hashes = Set([u8, le, be].compactMap { readOne($0).0?.contentHash })
        #expect(hashes.count == 3)
    }

    @Test func missingFolderAndUnreadableFile() throws {
        let dir = TempDir()
        let missing = dir.path + "/nope.txt"
        let (a, w) = ArticleSource.read(file: missing)
        #expect(a.isEmpty)
        #expect(w.first?.description == missing + ": does not exist")
        let folder = dir.mkdir("sub.txt")
        #expect(ArticleSource.read(file: folder).warnings.first?.message.contains("folder") == true)
        let locked = dir.write("locked.txt", "Secret\n")
        chmod(locked, 0)
        if getuid() != 0 {  // root reads regardless of permissions
            let (la, lw) = ArticleSource.read(file: locked)
            #expect(la.isEmpty)
            #expect(lw.first?.message.contains("permission denied") == true)
        }
    }

    @Test func symlinkLoopFile() {
        let dir = TempDir()
        let a = dir.symlink("a.txt", to: dir.path + "/b.txt")
        _ = dir.symlink("b.txt", to: a)
        let (articles, warnings) = ArticleSource.read(file: a)
        #expect(articles.isEmpty)
        #expect(warnings.first?.message.contains("symlink loop") == true)
    }

    @Test func contentHashIsOfRawBytes() throws {
        let dir = TempDir()
        let raw = "Title\r\n\r\nBody.\r\n"
        let (a, _) = readOne(dir.write("h.txt", raw))
        #expect(a?.contentHash == ArticleSource.sha256Hex(Array(raw.utf8)))
        #expect(ArticleSource.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func largeFilesStayLinear() throws {
        let dir = TempDir()
        // ~20 MB of Markdown in many paragraphs, and one 1 MB line.
        let para = "Some *emphasised* words and a [link](https://example.org) in a sentence of news text.\n\n"
        let big = String(repeating: para, count: 20_000_000 / para.utf8.count)
        let f = dir.write("big.md", big)
        let start = Date()
        let (a, w) = readOne(f)
        let seconds = Date().timeIntervalSince(start)
        #expect(w.isEmpty)
        #expect(a?.text.hasPrefix("Some emphasised words and a link in a sentence") == true)
        #expect(seconds < 60)
        let line = String(repeating: "word ", count: 200_000)
        let (b, _) = readOne(dir.write("line.txt", line))
        #expect(b?.text.utf8.count == line.utf8.count - 1)
    }
}
