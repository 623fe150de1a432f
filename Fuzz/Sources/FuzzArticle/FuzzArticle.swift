// libFuzzer target: the article reader on a temp file. The first byte picks the extension
// ((byte - ASCII '0') % 5: '0' txt, '1' md, '2' html, '3' jsonl, '4' htm); the rest is the file content (front matter, Markdown,
// HTML, JSON Lines, text, any encoding).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ingest

private let extensions = ["txt", "md", "html", "jsonl", "htm"]
private let directory: String = {
    var template = Array("/tmp/kg-fuzz-article-XXXXXX".utf8CString)
    guard let p = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    return String(cString: p)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let path = "\(directory)/article.\(extensions[Int(data[0] &- 0x30) % extensions.count])"
    guard let f = fopen(path, "wb") else { return 0 }
    if size > 1 { _ = fwrite(data + 1, 1, size - 1, f) }
    fclose(f)
    let result = ArticleSource.read(file: path)
    unlink(path)
    _ = result.articles.count + result.warnings.count
    return 0
}
