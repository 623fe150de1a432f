// libFuzzer target: the SPARQL parser. Input: a query as (possibly invalid) UTF-8.
import SPARQL

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Query.parse(text, baseIRI: "http://example.org/base/")
    _ = try? Query.parse(text)
    return 0
}
