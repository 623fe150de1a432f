// libFuzzer target: the time-expression finder and normaliser (Extract/Time*.swift). Those types are
// internal, so this goes through the public `Extractor(ontology:).extract(_:)` with a tiny inline
// ontology, which runs TimeFinder over every sentence of the article text.
// Input: bytes 0...2 pick the publication date ("-" as byte 0 = none; else year 1990 + b0 % 51,
// month 1 + b1 % 12, day 1 + b2 % 31, e.g. "AAA" = 2004-06-04; b0 >= 0xF0 picks one of the years
// 1, 2, 3, 9997, 9998, 9999 by b0 % 6), the rest is the article text.
import Extract
import Ingest
import Ontology
import RDF

private let ontologyText = """
    @prefix kg: <https://kg.example.org/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix owl: <http://www.w3.org/2002/07/owl#> .
    kg:Actor a rdfs:Class ; rdfs:label "actor" ; kg:shape "box" ; kg:color "#111111" .
    kg:Place a rdfs:Class ; rdfs:label "place" ; kg:headWord "City" .
    kg:Rebels a rdfs:Class ; rdfs:subClassOf kg:Actor ; rdfs:label "rebels" ; kg:headWord "Front" .
    kg:attacked a rdf:Property ; rdfs:label "attacked" ;
        rdfs:domain kg:Actor ; rdfs:range kg:Place ; kg:activeTrigger "attacked", "shelled" .
    kg:friendOf a rdf:Property, owl:SymmetricProperty ; rdfs:label "friend of" ;
        rdfs:domain kg:Actor ; rdfs:range kg:Actor ; kg:activeTrigger "befriended" .
    <https://kg.example.org/id/x> a kg:Rebels ; skos:prefLabel "Example Front" ; skos:altLabel "EF" .
    <https://kg.example.org/id/y> a kg:Place ; skos:prefLabel "Springfield" .
    """

private let extractor: Extractor = {
    do { return Extractor(ontology: try Ontology(turtle: ontologyText, file: "fuzz.ttl")) }
    catch { fatalError("fuzz ontology: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 3 else { return 0 }
    var published: PartialDate?
    if data[0] != UInt8(ascii: "-") {
        // Bytes 0xF0...0xFF: the edges of the supported years (1...9999), to reach the range checks.
        let year = data[0] >= 0xF0 ? [1, 2, 3, 9997, 9998, 9999][Int(data[0]) % 6] : 1990 + Int(data[0]) % 51
        published = PartialDate(year: year, month: 1 + Int(data[1]) % 12, day: 1 + Int(data[2]) % 31)
            ?? PartialDate(year: year, month: 1 + Int(data[1]) % 12)
    }
    let text = String(decoding: UnsafeBufferPointer(start: data + 3, count: size - 3), as: UTF8.self)
    let article = Article(path: "fuzz.txt", format: .text, published: published?.description,
                          publishedDate: published, text: text, contentHash: "0")
    _ = extractor.extract(article)
    return 0
}
