import ArgumentParser
import Crypto
import Foundation
import Ontology
import OntologyData
import RDF
import Store

/// Which ontology a command that extracts uses: the one compiled into kg (the package's `Ontology/` folder
/// when kg was built), or exactly the folder `--ontology DIR` (or `KG_ONTOLOGY`) names; plus the Turtle
/// files and folders `--add-ontology PATH` adds to it (a war's file drafted with `kg draft`).
struct OntologyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Use exactly this ontology folder instead of the one built into kg (or KG_ONTOLOGY).",
                               valueName: "dir"))
    var ontology: String?

    @Option(name: .customLong("add-ontology"),
            help: ArgumentHelp("Add a Turtle file, or a folder of them (and its places.tsv and names.tsv), to the ontology; repeatable.",
                               valueName: "path"))
    var additions: [String] = []
}

enum OntologyLocation {
    /// Where the base ontology comes from: a folder, or nil for the one built into kg.
    static func folder(_ explicit: String?) throws -> String? {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else { throw KGFailure.usage("ontology folder \(explicit) does not exist") }
            return explicit
        }
        if let env = Environment.value("KG_ONTOLOGY"), !env.isEmpty {
            guard FileManager.default.fileExists(atPath: env) else { throw KGFailure(message: "KG_ONTOLOGY names \(env), which does not exist") }
            return env
        }
        return nil
    }

    /// The files of the ontology `options` choose, in load order: the base (built-in or folder) sorted by
    /// path, then each addition (a folder's files sorted).
    static func files(_ options: OntologyOptions) throws -> [(path: String, bytes: [UInt8])] {
        var out: [(path: String, bytes: [UInt8])] = []
        if let dir = try folder(options.ontology) {
            out = try folderFiles(dir)
            if out.isEmpty { throw KGFailure(message: "cannot load the ontology: \(dir): no .ttl files") }
        } else {
            out = EmbeddedOntology.files.map { file in
                ("<built-in>/" + file.path, file.text.withUTF8Buffer { Array($0) })
            }
        }
        for path in options.additions {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw KGFailure.usage("--add-ontology \(path) does not exist")
            }
            if isFolder.boolValue {
                out += try folderFiles(path)
            } else {
                guard path.hasSuffix(".ttl") || Ontology.isDataFile((path as NSString).lastPathComponent),
                      let data = FileManager.default.contents(atPath: path) else {
                    throw KGFailure.usage("--add-ontology \(path): not a readable .ttl, places.tsv or names.tsv file")
                }
                out.append((path, [UInt8](data)))
            }
        }
        return out
    }

    private static func folderFiles(_ dir: String) throws -> [(path: String, bytes: [UInt8])] {
        let (turtle, data) = try Ontology.files(in: dir)
        return try (turtle + data).map { f in
            guard let data = FileManager.default.contents(atPath: f) else { throw KGFailure(message: "cannot read \(f)") }
            return (f, [UInt8](data))
        }
    }

    /// Loads the ontology, and a fingerprint of its files and kg's version: articles extracted
    /// with another fingerprint are extracted again.
    static func load(_ options: OntologyOptions) throws -> (Ontology, fingerprint: String) {
        let files = try files(options)
        let ontology: Ontology
        do { ontology = try Ontology.load(files: files) } catch {
            throw KGFailure(message: "cannot load the ontology: \(error)")
        }
        var hasher = SHA256()
        hasher.update(data: Data(KGVersion.string.utf8))
        for f in files {
            // a file's name inside its folder, not where the folder is
            hasher.update(data: Data((f.path as NSString).lastPathComponent.utf8))
            f.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (ontology, String(digest.prefix(16)))
    }
}
