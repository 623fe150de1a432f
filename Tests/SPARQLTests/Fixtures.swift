import Foundation
import RDF
import Store
@testable import SPARQL

/// A fresh folder for a store under the system's temporary directory; whoever asks removes it.
func temporaryStoreFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-sparql-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// A store in `dir`, filled with `quads`.
func makeStore(_ quads: [Quad] = [], in dir: URL) throws -> TripleStore {
    let store = try TripleStore(path: dir.appendingPathComponent("test.db").path)
    try store.load(quads)
    return store
}

/// Runs `body` on a store filled with `quads` in a fresh temporary folder; when `body` returns, the
/// store is closed (unless `body` kept it) and the folder removed.
func withStore<T>(_ quads: [Quad] = [], _ body: (TripleStore) throws -> T) throws -> T {
    let dir = try temporaryStoreFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    return try body(try makeStore(quads, in: dir))
}

let ex = "http://example.org/"
func iri(_ local: String) -> Term { .iri(ex + local) }
func int(_ i: Int) -> Term { .typed(String(i), XSD.integer) }
let prefixes = "PREFIX : <http://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"

/// A small social graph: people, ages, names, knows, a cycle, and two named graphs.
func peopleQuads() -> [Quad] {
    var q: [Quad] = []
    func t(_ s: String, _ p: String, _ o: Term, _ g: Term? = nil) { q.append(Quad(iri(s), iri(p), o, graph: g)) }
    t("alice", "name", .string("Alice")); t("alice", "age", int(30)); t("alice", "knows", iri("bob"))
    t("bob", "name", .lang("Bob", "en")); t("bob", "age", int(25)); t("bob", "knows", iri("carol"))
    t("carol", "name", .string("Carol")); t("carol", "age", .typed("41.5", XSD.decimal)); t("carol", "knows", iri("alice"))
    t("dave", "name", .string("Dave"))
    q.append(Quad(iri("alice"), .iri(RDFNS.type), iri("Person")))
    q.append(Quad(iri("bob"), .iri(RDFNS.type), iri("Person")))
    t("alice", "says", .string("hello"), iri("g1")); t("bob", "says", .string("hi"), iri("g2"))
    t("bob", "says", .string("bye"), iri("g2"))
    return q
}

/// `withStore` on the social graph of `peopleQuads`.
func withPeopleStore<T>(_ body: (TripleStore) throws -> T) throws -> T {
    try withStore(peopleQuads(), body)
}

func run(_ store: TripleStore, _ text: String, timeout: Double? = nil) throws -> QueryResult {
    try QueryEngine(store: store).execute(try Query.parse(prefixes + text), timeout: timeout)
}

/// SELECT rows as dictionaries of variable → term.
func select(_ store: TripleStore, _ text: String) throws -> [[String: Term]] {
    guard case .bindings(let vars, let rows) = try run(store, text) else { return [] }
    return rows.map { row in
        var d: [String: Term] = [:]
        for (v, t) in zip(vars, row) { if let t { d[v] = t } }
        return d
    }
}

/// The values of one variable, in result order, as short strings (IRI local names, literal lexical forms).
func column(_ store: TripleStore, _ text: String, _ v: String) throws -> [String] {
    try select(store, text).map { row in
        switch row[v] {
        case .iri(let i)?: return i.hasPrefix(ex) ? String(i.dropFirst(ex.count)) : i
        case .literal(let l)?: return l.lexical
        case .blank(let b)?: return "_:" + b
        case nil: return "-"
        }
    }
}
