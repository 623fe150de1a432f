// libFuzzer target: SPARQL evaluation. Input: a query as (possibly invalid) UTF-8, run against one
// small store (made once per process) whose literals sit at the edges of their value spaces: the
// smallest and largest 64-bit integers, decimals past 38 digits, NaN and infinities, dateTimes with
// years far outside 0001–9999, strings with NUL and control characters, and text for regex().
// Each query is evaluated under a 2-second deadline with at most 1,000 solutions kept, and its
// answer written in one of the result formats (the first byte of the query picks it).
import Foundation
import RDF
import SPARQL
import Store

private let ex = "http://example.org/"

private func edgeQuads() -> [Quad] {
    let xsd = "http://www.w3.org/2001/XMLSchema#"
    let values: [Term] = [
        .typed("-9223372036854775808", xsd + "integer"), .typed("9223372036854775807", xsd + "integer"),
        .typed("0", xsd + "integer"), .typed("-1", xsd + "int"), .typed("255", xsd + "unsignedByte"),
        .typed("123456789012345678901234567890123456789012.5", xsd + "decimal"),
        .typed("-0.000000000000000000000000000000000000000001", xsd + "decimal"),
        .typed("1e308", xsd + "double"), .typed("-1E-320", xsd + "double"), .typed("NaN", xsd + "double"),
        .typed("INF", xsd + "double"), .typed("-INF", xsd + "float"), .typed("3.4e38", xsd + "float"),
        .typed("-300000000000-01-01T00:00:00Z", xsd + "dateTime"),
        .typed("300000000000-12-31T23:59:59.999999999+14:00", xsd + "dateTime"),
        .typed("2024-02-29T24:00:00-14:00", xsd + "dateTime"), .typed("0000-01-01", xsd + "date"),
        .typed("2023-10-27", xsd + "date"), .typed("P1Y2M3DT4H5M6.7S", xsd + "duration"),
        .typed("-P99999999999D", xsd + "dayTimeDuration"), .typed("true", xsd + "boolean"),
        .typed("not a number", xsd + "integer"), .typed("13:60:00", xsd + "time"),
        .string("keep\u{0}tail"), .string("bell\u{7}\u{1B}[31m"), .string(String(repeating: "a", count: 64) + "!"),
        .lang("Laukkai", "en"), .lang("ကိုးကန့်", "my"), .string("(.*a){20}"), .string(""),
    ]
    var quads: [Quad] = []
    for (i, v) in values.enumerated() {
        let s = Term.iri(ex + "s\(i % 7)")
        quads.append(Quad(s, .iri(ex + "p\(i % 3)"), v, graph: nil))
        quads.append(Quad(s, .iri(ex + "next"), .iri(ex + "s\((i + 1) % 7)"), graph: i % 2 == 0 ? nil : .iri(ex + "g\(i % 4)")))
    }
    return quads
}

nonisolated(unsafe) private let engine: QueryEngine = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-fuzz-eval-\(getpid())")
    try? FileManager.default.removeItem(at: dir)
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let store = try! TripleStore(path: dir.appendingPathComponent("edge.db").path)
    try! store.load(edgeQuads())
    let engine = QueryEngine(store: store)
    engine.maxSortedRows = 100_000
    return engine
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let query = try? Query.parse(text, baseIRI: ex) else { return 0 }
    let formats = ResultFormat.allCases
    let format = formats[size == 0 ? 0 : Int(data[0]) % formats.count]
    var written = 0
    let writer = ResultStreamWriter(format: format) { written += $0.utf8.count }
    writer.maxTableRows = 1_000
    var events = 0
    try? engine.execute(query, timeout: 2) { event in
        events += 1
        return writer.write(event) && events <= 1_000
    }
    writer.finish()
    return 0
}
