import Extract
import Ingest
import Ontology
import RDF
import Store

/// Turns one article's extraction into what the store keeps: the triples of the article's graph
/// (who each entity is) and one statement per assertion (the facts, with provenance).
enum Facts {
    static func record(for article: Article, fingerprint: String) -> ArticleRecord {
        ArticleRecord(path: article.id, hash: storedHash(article.contentHash, fingerprint: fingerprint), title: article.title,
                      published: article.publishedDate?.iso ?? article.published, source: article.source,
                      publisher: article.publisher)
    }

    /// The hash an article is stored with: its content's, and the ontology's (a new ontology re-extracts).
    static func storedHash(_ contentHash: String, fingerprint: String) -> String {
        contentHash + "/" + fingerprint
    }

    static func triples(for extraction: ArticleExtraction) -> [Triple] {
        var out: [Triple] = []
        let type = Term.iri(RDFNS.type), label = Term.iri(RDFS.label), alt = Term.iri(SKOS.altLabel)
        for e in extraction.entities {
            let s = Term.iri(e.id)
            out.append(Triple(s, type, .iri(e.classIRI)))
            out.append(Triple(s, label, .string(e.label)))
            for a in e.aliases where a != e.label { out.append(Triple(s, alt, .string(a))) }
        }
        return out
    }

    static func statements(for extraction: ArticleExtraction, ontology: Ontology) -> [StatementRecord] {
        extraction.assertions.map { a in
            let predicate = ontology.relation(named: a.relation)?.iri ?? KG.ns + a.relation
            return StatementRecord(
                triple: Triple(.iri(a.subject), .iri(predicate), .iri(a.object)),
                sentence: a.sentence, sentenceIndex: a.sentenceIndex, span: a.span,
                date: a.time?.date, start: a.time?.start, end: a.time?.end,
                timePhrase: a.time?.phrase, timeAnchor: a.time?.anchor,
                confidence: a.confidence,
                modality: a.modality,
                attribution: a.attribution, rule: a.rule)
        }
    }
}

/// One article made ready for the store: what the writer needs and what the summary counts.
struct ExtractedArticle: Sendable {
    var content: TripleStore.ArticleContent
    /// The file (and line) it was read from, for messages.
    var path: String
    var entities: Int, assertions: Int, modal: Int
    var warnings: [String]

    init(_ article: Article, _ e: ArticleExtraction, ontology: Ontology, fingerprint: String) {
        content = TripleStore.ArticleContent(record: Facts.record(for: article, fingerprint: fingerprint),
                                             triples: Facts.triples(for: e),
                                             statements: Facts.statements(for: e, ontology: ontology))
        path = article.path
        entities = e.entities.count
        assertions = e.assertions.count
        modal = e.assertions.filter { !$0.modality.isFact }.count
        warnings = e.warnings
    }
}
