import Extract
import Foundation
import Ingest
import Ontology
import Testing

/// A development aid, off unless `KG_EXTRACT_DIR` is set: extracts every article under that folder and
/// writes the facts as JSON Lines (the shape `kg export --format jsonl` prints) to `KG_EXTRACT_OUT`.
@Test func dumpCorpusWhenAsked() throws {
    let env = ProcessInfo.processInfo.environment
    guard let dir = env["KG_EXTRACT_DIR"], let out = env["KG_EXTRACT_OUT"] else { return }
    let (files, _) = ArticleSource.discover([dir])
    var lines: [String] = []
    for file in files {
        for article in ArticleSource.read(file: file).articles {
            let r = Fixture.extractor.extract(article)
            let byID = Dictionary(r.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for a in r.assertions where a.modality == .asserted || a.modality == .claimed {
                guard let s = byID[a.subject], let o = byID[a.object] else { continue }
                var obj: [String: Any] = ["subject": s.label, "predicate": a.relation, "object": o.label,
                                          "subjectAliases": s.aliases, "objectAliases": o.aliases,
                                          "source": article.path, "sentence": a.sentence, "rule": a.rule]
                if let d = a.time?.date { obj["date"] = d.iso }
                if let d = a.time?.start { obj["start"] = d.iso }
                if let d = a.time?.end { obj["end"] = d.iso }
                let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
                lines.append(String(decoding: data, as: UTF8.self))
            }
        }
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
}
