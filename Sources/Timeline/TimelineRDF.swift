import Foundation
import RDF
import Store

// Control periods as RDF, so that SPARQL reaches who held a place when, with sources and confidence:
//
//   <https://kg.example.org/timeline/{place}/period/{n}> a kg:ControlPeriod ;
//       kg:place <place> ; kg:controller <actor> ;
//       kg:start "2009"^^xsd:gYear ; kg:end "2024-01"^^xsd:gYearMonth ;   (absent when open)
//       kg:startBasis "reported" ; kg:endBasis "succeeded" ;              (BoundBasis raw values)
//       kg:status "confirmed" | "claimed" ; kg:confidence 0.85 ;          (highest of its statements)
//       kg:source <article graph IRI> ; kg:alsoReportedAs <actor> .
//
// The triples live in the named graph `TripleStore.timelineGraph` only, and are replaced as a whole by
// `refreshTimeline(vocabulary:)`, which also makes the default graph's `kg:controls` triples the current
// controllers: the controller of each place's open period (the store's invariant 4), so that
// `?who kg:controls <place>` answers who holds it now and the periods answer who held it when. The
// events (captures, surrenders, sieges, withdrawals) are the statements themselves (Provenance.swift):
// `kg timeline` and the control map compute their dated events, the graph does not repeat them. The
// `kg:` terms used here are declared in docs/vocabulary.ttl (a test checks it). `kg build` refreshes
// the graph whenever articles changed.

extension TripleStore {
    /// The named graph holding the materialised control periods.
    public static let timelineGraph: Term = .iri("https://kg.example.org/graph/timeline")

    /// Recomputes every place's timeline and replaces the timeline graph with it, in one transaction.
    /// Returns the number of triples written. Needs a store opened for writing.
    @discardableResult
    public func refreshTimeline(vocabulary: TimelineVocabulary) throws -> Int {
        var count = 0
        // the ontology's state relation of holding a place (kg:controls in core.ttl), if it has one
        let controls = vocabulary.holdsIRI.map(Term.iri)
        var current: [Triple] = []
        // A group of places at a time (ControlHistory.build(from:inGroups:)): the memory of a refresh
        // follows the group, not the store.
        try transaction {
            try replaceGraph(Self.timelineGraph) { add in
                try ControlHistory.build(from: self, vocabulary: vocabulary) { timelines in
                    let triples = TimelineRDF.triples(timelines)
                    count += triples.count
                    try add(triples)
                    if let controls { current += TimelineRDF.currentControl(timelines, predicate: controls) }
                }
            }
            if let controls { try replaceDefaultTriples(predicate: controls, with: current) }
        }
        return count
    }
}

/// Turns timelines into the triples described above.
public enum TimelineRDF {
    public static let base = "https://kg.example.org/timeline/"

    public static func triples(_ timelines: [PlaceTimeline]) -> [Triple] {
        var out: [Triple] = []
        func kg(_ name: String) -> Term { .iri(KG.ns + name) }
        func add(_ s: Term, _ p: String, _ o: Term?) { if let o { out.append(Triple(s, kg(p), o)) } }
        var graphs: [String: Term] = [:]  // an article's graph IRI, once per article
        func sources(_ s: Term, _ articles: [String]) {
            for path in articles {
                let graph = graphs[path] ?? ArticleRecord(path: path, hash: "").graph
                graphs[path] = graph
                add(s, "source", graph)
            }
        }
        for t in timelines {
            let key = placeKey(t.place)
            for (n, p) in t.periods.enumerated() {
                let s = Term.iri(base + key + "/period/\(n + 1)")
                out.append(Triple(s, .iri(RDFNS.type), kg("ControlPeriod")))
                add(s, "place", t.place)
                add(s, "controller", p.controller)
                add(s, "start", p.start?.literal)
                add(s, "end", p.end?.literal)
                add(s, "startBasis", .string(p.startBasis.rawValue))
                add(s, "endBasis", .string(p.endBasis.rawValue))
                add(s, "status", .string(p.confirmed ? "confirmed" : "claimed"))
                add(s, "confidence", decimal(p.confidence))
                for a in p.alsoReportedAs { add(s, "alsoReportedAs", a) }
                sources(s, p.articles)
            }
        }
        return out
    }

    /// `controller predicate place` for the open period of each timeline (the place's controller now).
    public static func currentControl(_ timelines: [PlaceTimeline], predicate: Term) -> [Triple] {
        timelines.compactMap { t in
            t.periods.last(where: { $0.end == nil }).map { Triple($0.controller, predicate, t.place) }
        }
    }

    static func placeKey(_ place: Term) -> String {
        let name = TimelineVocabulary.localName(place)
        return name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "place"
    }

    static func decimal(_ x: Double) -> Term {
        .typed(String(format: "%.3f", locale: nil, x), XSD.decimal)
    }
}
