import ArgumentParser
import Foundation
import Maps
import RDF
import SPARQL
import Store

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show what kg knows about an entity, and the sentences each fact came from.",
        discussion: """
            ENTITY is a label or an alias (case does not matter). Every fact with the entity as subject or object is listed with its date, modality, confidence, the rule that found it, and each sentence and article it was read in. Plans, hypotheses and denials are shown too, marked as such.

            Example:
              kg show MNDAA
              kg show 'Infantry Battalion 129' --format json
              kg show Laukkai --since 2023-11 --until 2023-12 --relation captured
            """)

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("The entity's label or alias.", valueName: "entity")) var entity: String
    @Option(help: "Output format: text or json.") var format: Format = .text
    @OptionGroup var filter: FactFilterOptions

    func run() throws {
        let kg = try store.open(readOnly: true)
        try filter.checkRelations(in: kg)
        let labels = Labels(store: kg)
        guard let subject = try ShortForm.entity(named: entity, kg) else {
            throw KGFailure(message: "no entity named '\(entity)' in \(store.db)")
        }
        var facts: [(key: String, items: [StoredStatement])] = []
        var index: [String: Int] = [:]
        try kg.statements(factsOnly: false) { st in
            let t = st.record.triple
            guard t.subject == subject || t.object == subject, filter.accepts(st) else { return true }
            let key = "\(labels.display(t.subject)) \(Labels.localName(t.predicate.iriValue ?? "")) \(labels.display(t.object))"
            if let i = index[key] { facts[i].items.append(st) } else {
                index[key] = facts.count
                facts.append((key, [st]))
            }
            return true
        }
        let out = Console.Output()
        defer { out.flush() }
        if format == .json {
            for (_, items) in facts { for st in items { out.write(ExportCommand.jsonLine(st, labels: labels) + "\n") } }
            return
        }
        let aliases = labels.aliases(subject)
        // (text from articles is made terminal-safe: no control character reaches the screen)
        out.write(TerminalText.safe(labels.display(subject) + (aliases.isEmpty ? "" : " (also " + aliases.prefix(8).joined(separator: ", ") + ")")) + "\n")
        out.write("\(facts.count) fact\(facts.count == 1 ? "" : "s")\n")
        for (key, items) in facts {
            out.write("\n" + TerminalText.safe(key) + "\n")
            for st in items {
                let r = st.record
                var when = r.date?.iso ?? ""
                if r.start != nil || r.end != nil { when = (r.start?.iso ?? "…") + "–" + (r.end?.iso ?? "…") }
                let meta = [when, r.modality.rawValue, String(format: "confidence %.2f", r.confidence),
                            r.attribution.map { "according to \($0)" } ?? ""].filter { !$0.isEmpty }
                out.write("  [\(meta.joined(separator: ", "))] \(TerminalText.safe(st.article.path))\n")
                out.write("    “\(TerminalText.safe(r.sentence))”\n")
                out.write("    rule: \(r.rule)\n")
            }
        }
    }
}
