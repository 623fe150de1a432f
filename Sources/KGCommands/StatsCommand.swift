import ArgumentParser
import Foundation
import Maps
import RDF
import Store

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarise the knowledge graph: articles, facts, relations, entity classes.",
        discussion: """
            Example:
              kg stats
              kg stats --check     # also run SQLite's integrity check and kg's invariants
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Check the database's integrity and kg's invariants; exit 1 if any fails.") var check = false

    func run() throws {
        let kg = try store.open(readOnly: true)
        let c = try kg.counts()
        print("database     \(store.db)")
        print("articles     \(c.articles)")
        print("statements   \(c.statements) (\(c.facts) distinct facts)")
        print("triples      \(c.defaultGraphTriples) in the default graph, \(c.quads) quads in \(c.graphs) named graphs")
        print("terms        \(c.terms)")
        let labels = Labels(store: kg)
        var byRelation: [String: Int] = [:]
        try kg.statements { st in
            byRelation[Labels.localName(st.record.triple.predicate.iriValue ?? ""), default: 0] += 1
            return true
        }
        if !byRelation.isEmpty {
            print("\nfacts by relation")
            for (r, n) in byRelation.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                print("  " + r.padding(toLength: 16, withPad: " ", startingAt: 0) + String(n))
            }
        }
        // Entities the articles mention (typed in an article's graph), each counted once.
        var typed = Set<Triple>()
        try kg.quads(predicate: .iri(RDFNS.type)) { q in
            if let g = q.graph, g != TripleStore.ontologyGraph { typed.insert(q.triple) }
            return true
        }
        var byClass: [Term: Int] = [:]
        for t in typed { byClass[t.object, default: 0] += 1 }
        if !byClass.isEmpty {
            print("\nentities mentioned, by class")
            for (cls, n) in byClass.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
                print("  " + labels.display(cls).padding(toLength: 16, withPad: " ", startingAt: 0) + String(n))
            }
        }
        if check {
            let problems = try kg.check()
            if problems.isEmpty { print("\ncheck        ok") } else {
                for p in problems { Console.error(p) }
                throw KGFailure(message: "the database failed its checks")
            }
        }
    }
}
