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
        if let env = ProcessInfo.processInfo.environment["KG_ONTOLOGY"], !env.isEmpty { return env }
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
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.filter { $0.hasSuffix(".ttl") }.sorted() ?? []
        for f in files {
            hasher.update(data: Data(f.utf8))
            if let d = FileManager.default.contents(atPath: dir + "/" + f) { hasher.update(data: d) }
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (ontology, String(digest.prefix(16)))
    }

    /// The ontology kept in the store by the last build (for commands that do not read Ontology/).
    /// `schemaOnly` keeps the classes, relations and vocabulary (subjects in the kg: namespace, and
    /// blank nodes) and leaves out the named entities: all a map needs. nil when the store has none.
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
}
