import ArgumentParser
import Foundation
import RDF
import Store

/// `kg dump`: the whole store as N-Quads — every graph, the article and statement descriptions, and what
/// only the statement table holds — so that `kg load` restores it.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Write the whole knowledge graph as N-Quads, a backup kg load restores.",
        discussion: """
            Everything the store holds, as standard RDF: each article's graph, the default graph (facts as they stand, entities, the ontology's share, the articles described with Dublin Core and schema.org, every statement described with its source, sentence, time, modality and confidence), the timeline and ontology graphs — and what only kg's tables hold: when each article was read (kg:ingestedAt), each statement's sentence number, time anchor and the rule that found it (kg:sentenceIndex, kg:timeAnchor, kg:rule), which kg load turns back into articles and statements.

            Example:
              kg dump > backup.nq
              kg load --db restored.sqlite backup.nq
            """)

    @OptionGroup var store: StoreOptions

    func run() throws {
        let kg = try store.open(readOnly: true)
        let out = Console.Output()
        defer { out.flush() }
        try kg.withReadSnapshot { try kg.dump { out.write(NTriplesWriter.line($0)) } }  // one snapshot
    }
}

/// `kg load`: a dump into an empty store.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Restore a kg dump (N-Quads) into an empty store.",
        discussion: """
            Imports the file's quads, then rebuilds the articles and statements from their descriptions: kg stats, show, timeline, export and render then print what they printed on the store that was dumped. The store must be empty (a new --db); to add RDF to a store, use kg import.

            Example:
              kg dump > backup.nq
              kg load --db restored.sqlite backup.nq
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The N-Quads file written by kg dump.", valueName: "file"))
    var file: String

    func run() throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw KGFailure(message: "\(file): cannot read the file") }
        let kg = try store.open()
        let counts = try kg.counts()
        if counts.quads > 0 { throw KGFailure(message: "\(store.db) is not empty; kg load restores into a new store (use kg import to add RDF)") }
        var parser = RDFParser(format: .nquads, file: file, blankNodePrefix: "")
        // What only the statement table holds is kept aside, not stored as quads.
        var extras: [String: TripleStore.StatementExtras] = [:]
        let dumpOnly = Set([ArticleVocabulary.sentenceIndex, ArticleVocabulary.timeAnchor, ArticleVocabulary.rule,
                            ArticleVocabulary.ingestedAt])
        try kg.bulkLoad(expectedQuads: ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) / 120) {
            var batch: [Quad] = []
            do {
                try parser.parse(fileAt: file) { q in
                    if q.graph == nil, let p = q.predicate.iriValue, dumpOnly.contains(p), let s = q.subject.iriValue,
                       let value = q.object.literalValue?.lexical {
                        extras[s, default: .init()].set(p, value)
                        return
                    }
                    batch.append(q)
                    if batch.count >= 50_000 { _ = try kg.load(batch); batch.removeAll(keepingCapacity: true) }
                }
                _ = try kg.load(batch)
            } catch let e as RDFSyntaxError {
                throw KGFailure(message: e.description, code: 2)
            }
        }
        let restored = try kg.restoreFromDescriptions(extras)
        try kg.analyze()
        let after = try kg.counts()
        Console.note("loaded \(file): \(restored.articles) articles, \(restored.statements) statements, \(after.quads) quads")
    }
}
