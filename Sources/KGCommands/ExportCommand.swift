import ArgumentParser
import Foundation
import Maps
import RDF
import SPARQL
import Store

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the knowledge graph out: facts with provenance (jsonl) or RDF (nt, nq, ttl).",
        discussion: """
            Formats:
              jsonl  one JSON object per extracted assertion: subject, predicate,
                     object (labels and the relation's local name), subjectAliases,
                     objectAliases, date or start/end (ISO 8601 at their precision),
                     source (article file), url, title, sentence, confidence,
                     modality, attribution, rule. Plans, hypotheses and denials
                     only with --include-modal.
              nt     the default graph as N-Triples (every fact once, entity
                     labels and types, the ontology)
              nq     every graph as N-Quads (one named graph per article, the
                     ontology graph)
              ttl    the default graph as Turtle
              trig   every graph as TriG
              jsonld every graph as JSON-LD (expanded form: a node per subject,
                     named graphs under @graph)

            --graph IRI writes that graph alone (nt, nq, ttl, trig, jsonld): an
            article's (https://kg.example.org/article/…), the timeline's, the
            ontology's, or "default". A whole backup is kg dump.

            Example:
              kg export --format jsonl > facts.jsonl
              kg export --format nt | rapper -i ntriples -c -
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, nt, nq, ttl, trig, jsonld }

    @OptionGroup var store: StoreOptions
    @Option(help: "Output format: jsonl, nt, nq, ttl, trig or jsonld.") var format: Format = .jsonl
    @Option(help: ArgumentHelp("Only this graph (an IRI, or 'default'); RDF formats.", valueName: "iri")) var graph: String?
    @Flag(help: "Include planned, hypothetical and denied assertions (jsonl).") var includeModal = false
    @OptionGroup var filter: FactFilterOptions

    func validate() throws {
        if graph != nil, format == .jsonl { throw ValidationError("--graph applies to the RDF formats (nt, nq, ttl, trig, jsonld)") }
        if !filter.isEmpty, format != .jsonl { throw ValidationError("--since, --until, --modality and --relation apply to jsonl (the RDF formats write graphs)") }
    }

    func run() throws {
        let kg = try store.open(readOnly: true)
        let out = Console.Output()
        defer { out.flush() }
        // nil: every graph; .some(nil): the default graph; .some(g): graph g
        var only: Term?? = nil
        if let graph {
            only = graph == "default" ? .some(nil) : .some(.iri(graph))
            if case .some(.some(let g)) = only, try kg.id(of: g) == nil { throw KGFailure(message: "no graph <\(graph)> in \(store.db)") }
        }
        switch format {
        case .jsonl:
            let labels = Labels(store: kg)
            try filter.checkRelations(in: kg)
            try kg.statements(factsOnly: !includeModal && !filter.wantsModal) { st in
                if filter.accepts(st) { out.write(Self.jsonLine(st, labels: labels) + "\n") }
                return true
            }
        case .nt, .nq:
            try kg.quads(graph: only ?? (format == .nt ? .some(nil) : nil)) { q in
                out.write(NTriplesWriter.line(format == .nt ? Quad(q.triple) : q))
                return true
            }
        case .ttl:
            var triples: [Triple] = []
            try kg.quads(graph: only ?? .some(nil)) { triples.append($0.triple); return true }
            out.write(TurtleWriter(prefixes: Self.prefixes).write(triples))
        case .trig:
            var quads: [Quad] = []
            try kg.quads(graph: only) { quads.append($0); return true }
            out.write(TurtleWriter(prefixes: Self.prefixes).writeTriG(quads))
        case .jsonld:
            var quads: [Quad] = []
            try kg.quads(graph: only) { quads.append($0); return true }
            out.write(JSONLD.expanded(quads) + "\n")
        }
    }

    static let prefixes: [(prefix: String, namespace: String)] = [
        ("kg", KG.ns), ("id", KG.entityNS), ("rdf", RDFNS.ns), ("rdfs", RDFS.ns), ("skos", SKOS.ns), ("xsd", XSD.ns),
    ]

    static func jsonLine(_ st: StoredStatement, labels: Labels) -> String {
        let r = st.record
        var o = JSONObject()
        o.set("subject", labels.display(r.triple.subject))
        o.set("predicate", Labels.localName(r.triple.predicate.iriValue ?? ""))
        o.set("object", labels.display(r.triple.object))
        o.set("subjectAliases", labels.aliases(r.triple.subject))
        o.set("objectAliases", labels.aliases(r.triple.object))
        o.set("date", r.date?.iso)
        o.set("start", r.start?.iso)
        o.set("end", r.end?.iso)
        o.set("timePhrase", r.timePhrase)
        o.set("source", st.article.path)
        o.set("url", st.article.source)
        o.set("title", st.article.title)
        o.set("publisher", st.article.publisher)
        o.set("published", st.article.published)
        o.set("sentence", r.sentence)
        o.set("confidence", number: (r.confidence * 1000).rounded() / 1000)
        o.set("modality", r.modality.rawValue)
        o.set("attribution", r.attribution)
        o.set("rule", r.rule)
        o.set("subjectIRI", r.triple.subject.iriValue)
        o.set("objectIRI", r.triple.object.iriValue)
        return o.text
    }
}

/// A JSON object written with keys in insertion order (stable, diffable output).
struct JSONObject {
    private var parts: [String] = []

    mutating func set(_ key: String, _ value: String?) {
        guard let value else { return }
        parts.append(Self.quote(key) + ":" + Self.quote(value))
    }
    mutating func set(_ key: String, _ value: [String]) {
        parts.append(Self.quote(key) + ":[" + value.map(Self.quote).joined(separator: ",") + "]")
    }
    mutating func set(_ key: String, number: Double) {
        let text = number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        parts.append(Self.quote(key) + ":" + text)
    }
    var text: String { "{" + parts.joined(separator: ",") + "}" }

    static func quote(_ s: String) -> String { JSONText.quote(s) }
}
