import Extract
import Foundation
import Ingest
import Ontology
import RDF

/// Shared fixtures: the real ontology (loaded once) and articles built from text.
enum Fixture {
    static let ontologyDirectory: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Ontology").path
    }()

    static let ontology: Ontology = {
        do { return try Ontology.load(directory: ontologyDirectory) } catch { fatalError("ontology: \(error)") }
    }()

    static let extractor = Extractor(ontology: ontology)

    static func article(_ text: String, published: String = "2023-11-16") -> Article {
        Article(path: "test.txt", format: .text, published: published, publishedDate: PartialDate(iso: published),
                text: text, bodyLine: 1, contentHash: String(text.hashValue))
    }

    /// (subject label, relation, object label, modality) of every assertion.
    static func facts(_ text: String, published: String = "2023-11-16") -> [(s: String, r: String, o: String, a: Assertion)] {
        let result = extractor.extract(article(text, published: published))
        let labels = Dictionary(result.entities.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        return result.assertions.map { (labels[$0.subject] ?? $0.subject, $0.relation, labels[$0.object] ?? $0.object, $0) }
    }

    /// True if the text yields (s, r, o) as a fact (asserted or claimed).
    static func has(_ text: String, _ s: String, _ r: String, _ o: String, published: String = "2023-11-16") -> Bool {
        facts(text, published: published).contains { $0.s == s && $0.r == r && $0.o == o && [.asserted, .claimed].contains($0.a.modality) }
    }
}
