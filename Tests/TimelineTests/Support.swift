import Foundation
import Ontology
import RDF
import Store
@testable import Timeline

/// A small store in a temp folder, filled article by article with invented names.
final class TimelineFixture {
    let store: TripleStore
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-timeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = try TripleStore(path: dir.appendingPathComponent("kg.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    static func id(_ name: String) -> Term { .iri(KG.entityNS + name.replacingOccurrences(of: " ", with: "_")) }
    static func rel(_ name: String) -> Term { .iri(KG.ns + name) }

    /// One fact statement: `subject relation object`, with its time and modality.
    struct Fact {
        var s: String, p: String, o: String
        var date: String? = nil, start: String? = nil, end: String? = nil
        var modality: Modality = .asserted
        var sentence: String? = nil
    }

    /// Adds an article published on `published` whose statements are `facts`; places are typed
    /// kg:Town, everything else kg:ArmedGroup.
    func article(_ path: String, published: String?, places: [String] = [], _ facts: [Fact]) throws {
        var triples: [Triple] = []
        var named = Set<String>()
        for f in facts { named.formUnion([f.s, f.o]) }
        named.formUnion(places)
        for n in named.sorted() {
            let cls = places.contains(n) ? "Town" : "ArmedGroup"
            triples.append(Triple(Self.id(n), .iri(RDFNS.type), .iri(KG.ns + cls)))
            triples.append(Triple(Self.id(n), .iri(RDFS.label), .string(n)))
        }
        let statements = facts.enumerated().map { i, f in
            StatementRecord(triple: Triple(Self.id(f.s), Self.rel(f.p), Self.id(f.o)),
                            sentence: f.sentence ?? "\(f.s) \(f.p) \(f.o).", sentenceIndex: i,
                            date: f.date.flatMap(PartialDate.init(iso:)), start: f.start.flatMap(PartialDate.init(iso:)),
                            end: f.end.flatMap(PartialDate.init(iso:)), modality: f.modality, rule: "test")
        }
        try store.replaceArticle(ArticleRecord(path: path, hash: path, title: "Title of \(path)", published: published),
                                 triples: triples, statements: statements)
    }

    /// Adds the ontology's class hierarchy for the place classes used here.
    func ontology() throws {
        let sub = Term.iri(RDFS.subClassOf)
        try store.replaceOntology([
            Quad(Triple(.iri(KG.ns + "Town"), sub, .iri(KG.ns + "Place"))),
            Quad(Triple(.iri(KG.ns + "ArmedGroup"), sub, .iri(KG.ns + "Actor"))),
        ])
    }

    func timeline(_ place: String) throws -> PlaceTimeline {
        try ControlHistory.timeline(of: Self.id(place), in: store, vocabulary: .core)
    }
}

extension TimelineVocabulary {
    /// What the package's core ontology (Ontology/core.ttl) says its relations mean.
    static let core: TimelineVocabulary = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Ontology/core.ttl")
        let bytes = [UInt8]((try? Data(contentsOf: url)) ?? Data())
        return TimelineVocabulary(ontology: (try? Ontology.load(files: [(url.path, bytes)])) ?? Ontology(quads: []))
    }()
}

extension ControlPeriod {
    /// "Actor start–end" for compact assertions.
    var summary: String {
        "\(TimelineVocabulary.localName(controller)) \(start?.iso ?? "…")–\(end?.iso ?? "…")"
    }
}
