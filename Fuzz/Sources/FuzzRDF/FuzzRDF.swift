// libFuzzer target: the RDF parser, all four formats. The first byte picks the format
// (byte % 4, so ASCII '0' turtle, '1' ntriples, '2' nquads, '3' trig); the rest is the document bytes.
import RDF

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let formats: [RDFFormat] = [.turtle, .ntriples, .nquads, .trig]
    let format = formats[Int(data[0]) % formats.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    var parser = RDFParser(format: format, baseIRI: "http://example.org/base/", file: "fuzz")
    var count = 0
    _ = try? parser.parse(bytes) { _ in count += 1 }
    return 0
}
