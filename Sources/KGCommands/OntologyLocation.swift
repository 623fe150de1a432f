import Crypto
import Foundation
import Ontology
import RDF
import Store

/// Finds and loads the `Ontology/` folder: `--ontology DIR`, else `$KG_ONTOLOGY`, else `./Ontology`,
/// else the `Ontology/` folder of the checkout the `kg` executable was built in.
enum OntologyLocation {
    static func find(_ explicit: String?) throws -> String {
        let fm = FileManager.default
        if let explicit {
            guard fm.fileExists(atPath: explicit) else { throw KGFailure.usage("ontology folder \(explicit) does not exist") }
            return explicit
        }
        if let env = Environment.value("KG_ONTOLOGY"), !env.isEmpty { return env }
        if fm.fileExists(atPath: "Ontology/core.ttl") { return "Ontology" }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("Ontology")
            if fm.fileExists(atPath: candidate.appendingPathComponent("core.ttl").path) { return candidate.path }
            dir.deleteLastPathComponent()
        }
        throw KGFailure(message: "cannot find the Ontology/ folder: run kg from the project folder, or pass --ontology DIR (or set KG_ONTOLOGY)")
    }

    /// Loads the ontology, and a fingerprint of its files and kg's version: articles extracted
    /// with another fingerprint are extracted again.
    static func load(_ explicit: String?) throws -> (Ontology, fingerprint: String) {
        let dir = try find(explicit)
        let ontology: Ontology
        do { ontology = try Ontology.load(directory: dir) } catch {
            throw KGFailure(message: "cannot load the ontology: \(error)")
        }
        var hasher = SHA256()
        hasher.update(data: Data(KGVersion.string.utf8))
        let files = (try? Ontology.files(in: dir)).map { $0.turtle + $0.gazetteers } ?? []
        for f in files {
            hasher.update(data: Data(f.dropFirst(dir.count).utf8))
            if let d = FileManager.default.contents(atPath: f) { hasher.update(data: d) }
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (ontology, String(digest.prefix(16)))
    }

    /// The ontology kept in the store by the last build (for commands that do not read Ontology/).
    /// `schemaOnly` keeps the classes, relations and vocabulary (subjects in the kg: namespace, and
    /// blank nodes) and leaves out the named entities. nil when the store has none.
    static func stored(in store: TripleStore, schemaOnly: Bool = false) throws -> Ontology? {
        var quads: [Quad] = []
        try store.quads(graph: .some(TripleStore.ontologyGraph)) { q in
            switch q.subject {
            case .iri(let iri) where schemaOnly && !iri.hasPrefix(KG.ns): break
            default: quads.append(Quad(q.triple))
            }
            return true
        }
        return quads.isEmpty ? nil : Ontology(quads: quads)
    }

    /// Predicates of the stored ontology that maps use: what classes and relations are, their names,
    /// hierarchy, shapes, colours and edge labels.
    static let mapVocabulary = [RDFNS.type, RDFS.label, RDFS.subClassOf, RDFS.domain, RDFS.range,
                                KG.ns + "shape", KG.ns + "color", KG.ns + "edgeLabel", KG.ns + "edgeColor",
                                KG.ns + "stateRelation"]

    /// The stored ontology's classes and relations as a map draws them: `stored(in:schemaOnly: true)`
    /// restricted to `mapVocabulary` (one query; no entities, triggers, templates or lexicon, which a
    /// map does not use). Classes and relations come in the same order with the same names, shapes,
    /// colours and edge labels. nil when the store has no ontology.
    static func storedForMaps(in store: TripleStore) throws -> Ontology? {
        guard let graph = try store.id(of: TripleStore.ontologyGraph) else { return nil }
        let marks = (0..<mapVocabulary.count).map { "?\($0 + 3)" }.joined(separator: ", ")
        let st = try store.connection.prepare("""
            SELECT s.kind, s.value, p.value, o.kind, o.value, o.datatype, o.lang
            FROM quad AS q JOIN term AS s ON s.id = q.s JOIN term AS p ON p.id = q.p JOIN term AS o ON o.id = q.o
            WHERE q.g = ?1 AND p.kind = 0 AND p.value IN (\(marks))
              AND (s.kind = 1 OR (s.kind = 0 AND substr(s.value, 1, length(?2)) = ?2))
            ORDER BY q.s, q.p, q.o
            """)
        st.bind(graph, at: 1)
        st.bind(KG.ns, at: 2)
        for (i, p) in mapVocabulary.enumerated() { st.bind(p, at: Int32(i + 3)) }
        defer { st.reset() }
        var quads: [Quad] = []
        while try st.step() {
            let s = TripleStore.term(kind: st.int(0), value: st.text(1), datatype: "", lang: "")
            let o = TripleStore.term(kind: st.int(3), value: st.text(4), datatype: st.text(5), lang: st.text(6))
            quads.append(Quad(s, .iri(st.text(2)), o))
        }
        return quads.isEmpty ? nil : Ontology(quads: quads)
    }
}
