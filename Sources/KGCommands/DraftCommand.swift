import ArgumentParser
import Extract
import Foundation
import Ingest
import Ontology
import RDF

/// `kg draft`: reads a corpus about a war the ontology does not cover and drafts a conflict file for
/// the user to review — the names kg found that no ontology entity has, with the class it gave them,
/// their other names (acronyms and long forms), how often and where they occur.
struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Draft an ontology file (actors, places, persons, aliases) for a new war from its articles.",
        discussion: """
            Reads the articles as kg build would and writes Turtle for every name the ontology does not know:
            its class (from head words, the gazetteer, what the text says around it and the relations it takes part in), the other names seen for it (an acronym and its long form), how many mentions in how many articles, and a sentence. Names kg could not type are listed last, commented out. Review the draft — fix classes, merge duplicates, delete noise — and pass it to kg build with --add-ontology FILE (or save it under Ontology/conflicts/ and rebuild kg).

            Example:
              kg draft articles/ > draft.ttl
              kg draft --min-mentions 3 --output Ontology/conflicts/sahel.ttl articles/
            """)

    @Argument(help: ArgumentHelp("Article files or folders.", valueName: "path")) var paths: [String]
    @OptionGroup var ontologyOptions: OntologyOptions
    @Option(help: ArgumentHelp("Leave out names mentioned fewer times than this in the whole corpus.", valueName: "n"))
    var minMentions = 2
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the draft to this file instead of standard output.", valueName: "file"))
    var output: String?

    struct Draft {
        var label: String
        var classes: [String: Int] = [:]
        var aliases: [String] = []
        var mentions = 0
        var articles = Set<String>()
        var sentence = ""
        var source = ""
    }

    func run() throws {
        guard minMentions >= 1 else { throw KGFailure.usage("--min-mentions must be 1 or more") }
        let (ontology, _) = try OntologyLocation.load(ontologyOptions)
        var extractor = Extractor(ontology: ontology)
        extractor.recordsUses = true
        var drafts: [String: Draft] = [:]
        var articleCount = 0
        try ExtractCommand.forEachArticle(in: paths) { article in
            articleCount += 1
            let r = extractor.extract(article)
            for e in r.entities {
                guard let use = r.uses[e.id] else { continue }
                // One entry per name: "Velor Liberation Front (VLF)" in one article (keyed by its acronym)
                // and "the Velor Liberation Front" in another are one draft, named after the label.
                let key = e.id.hasPrefix(KG.entityNS) ? Extractor.entityIRI(forLabel: e.label) : e.id
                var d = drafts[key] ?? Draft(label: e.label)
                d.classes[e.classIRI, default: 0] += use.mentions
                for a in e.aliases where a != d.label && !d.aliases.contains(a) { d.aliases.append(a) }
                if d.sentence.isEmpty { d.sentence = use.sentence; d.source = article.path }
                d.mentions += use.mentions
                d.articles.insert(article.path)
                drafts[key] = d
            }
        }
        let text = Self.turtle(drafts, ontology: ontology, minMentions: minMentions, articles: articleCount, paths: paths)
        if let output {
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw KGFailure(message: "cannot write \(output): \(error.localizedDescription)")
            }
            Console.note("wrote \(output)")
        } else {
            let out = Console.Output()
            out.write(text)
            out.flush()
        }
    }

    /// The draft as Turtle: typed names by class, most mentioned first; untyped ones commented out.
    static func turtle(_ drafts: [String: Draft], ontology: Ontology, minMentions: Int, articles: Int, paths: [String]) -> String {
        let unknown = KG.ns + "Entity"
        func cls(_ d: Draft) -> String {
            let typed = d.classes.filter { $0.key != unknown }
            return typed.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? unknown
        }
        func local(_ iri: String) -> String { String(iri.split(whereSeparator: { $0 == "#" || $0 == "/" }).last ?? "") }
        func quoted(_ s: String) -> String { Term.string(s).ntriples }
        let kept = drafts.filter { $0.value.mentions >= minMentions && cls($0.value) != KG.ns + "PeopleGroup" }
        var out = """
            # Draft conflict file written by kg draft from \(articles) article\(articles == 1 ? "" : "s") (\(paths.count > 3 ? "\(paths.count) paths" : paths.joined(separator: ", "))).
            # Review before use: fix classes, merge names that are one entity (altLabel), delete noise, add
            # kg:country for actors whose common-word names ("the army") belong to this war. Then save it under
            # Ontology/conflicts/. Counts are mentions (articles); the sentence is the first that names it.

            @prefix kg:   <\(KG.ns)> .
            @prefix id:   <\(KG.entityNS)> .
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .

            """
        // Names two drafts share ("NRF" for two spellings of one front): likely one entity.
        var holders: [String: [String]] = [:]
        for (id, d) in kept { for n in Set(([d.label] + d.aliases).map(Ontology.normalise)) { holders[n, default: []].append(id) } }
        func entry(_ id: String, _ d: Draft, commented: Bool) -> String {
            let c = commented ? "# " : ""
            var lines = ["\(c)id:\(local(id)) a kg:\(local(cls(d))) ;  # \(d.mentions) (\(d.articles.count))"]
            for n in ([d.label] + d.aliases) {
                let others = (holders[Ontology.normalise(n)] ?? []).filter { $0 != id }.sorted()
                if !others.isEmpty { lines.append("#   same as " + others.map { "id:" + local($0) }.joined(separator: ", ") + "? (both are called \(quoted(n)))") }
            }
            lines.append("\(c)    skos:prefLabel \(quoted(d.label))" + (d.aliases.isEmpty ? " ." : " ;"))
            if !d.aliases.isEmpty { lines.append("\(c)    skos:altLabel " + d.aliases.map(quoted).joined(separator: ", ") + " .") }
            let sentence = d.sentence.count > 160 ? String(d.sentence.prefix(157)) + "..." : d.sentence
            lines.append("#   e.g. \"\(sentence.replacingOccurrences(of: "\n", with: " "))\" (\(d.source))")
            return lines.joined(separator: "\n") + "\n"
        }
        let order = kept.sorted { a, b in
            (a.value.mentions, b.key) > (b.value.mentions, a.key)
        }
        var byClass: [String: [(String, Draft)]] = [:]
        for (id, d) in order { byClass[cls(d), default: []].append((id, d)) }
        let classOrder = ontology.classes.map(\.iri).filter { $0 != unknown && byClass[$0] != nil }
            + byClass.keys.filter { k in k != unknown && !ontology.classes.contains { $0.iri == k } }.sorted()
        for c in classOrder {
            out += "\n# ------------------------------------------------------------------ \(ontology.ontologyClass(c)?.label ?? local(c))\n\n"
            for (id, d) in byClass[c] ?? [] { out += entry(id, d, commented: false) + "\n" }
        }
        if let untyped = byClass[unknown], !untyped.isEmpty {
            out += "\n# ------------------------------------------------------------------ names kg could not type (give each a class, or delete it)\n\n"
            for (id, d) in untyped { out += entry(id, d, commented: true) + "\n" }
        }
        return out
    }
}
