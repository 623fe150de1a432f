import Dispatch
import Extract
import Foundation
import Ingest
import Ontology
import RDF
import Store

/// What every batch of a build shares: the extractor, the ontology and its fingerprint, the
/// `--published` override, and the hashes of the articles already stored (read once, before the first
/// batch, so batches compare them off the writer's thread).
struct BatchContext: Sendable {
    let extractor: Extractor
    let ontology: Ontology
    let fingerprint: String
    let published: String?
    let stored: [String: String]
}

/// One batch of a build's files, processed on a background queue: every file read (on all cores), each
/// article checked (size, date, stored hash) in file order, and the new or changed ones extracted (on all
/// cores) into what the store writes. `wait()` returns the outcome; warnings are in file order.
final class BatchJob: @unchecked Sendable {
    struct Output {
        var extracted: [ExtractedArticle] = []
        /// Warnings, each naming its file (and line where it applies).
        var messages: [String] = []
        var read = 0, unchanged = 0, skipped = 0
        /// Article paths met, and files that yielded at least one article.
        var seen: [String] = [], readFiles: [String] = []
    }

    /// Index just past the batch's last file in the build's file list (for progress).
    let endIndex: Int
    private var output = Output()
    private let group = DispatchGroup()

    init(files: [String], endIndex: Int, context: BatchContext) {
        self.endIndex = endIndex
        group.enter()
        DispatchQueue.global().async { [self] in
            output = Self.process(files, context)
            group.leave()
        }
    }

    func wait() -> Output {
        group.wait()
        return output
    }

    static func process(_ files: [String], _ context: BatchContext) -> Output {
        var out = Output()
        let sources = Build.parallelMap(files) { ArticleSource.read(file: $0) }
        var changed: [Article] = []
        for (file, (articles, warnings)) in zip(files, sources) {
            out.messages += warnings.map(\.description)
            if articles.isEmpty { out.skipped += 1 } else { out.readFiles.append(file) }
            for var article in articles {
                out.seen.append(article.path)
                let bytes = article.text.utf8.count
                if bytes > Build.maxArticleBytes {
                    // Extraction needs about 50 bytes of memory per byte of text: bound it.
                    let size = String(format: "%.1f", Double(bytes) / 1_048_576)
                    out.messages.append("\(article.path): \(size) MB of text, more than the \(Build.maxArticleBytes >> 20) MB one article may have; skipped")
                    out.skipped += 1
                    continue
                }
                if let published = context.published {
                    article.published = published
                    article.publishedDate = PartialDate(iso: published)
                }
                if article.publishedDate == nil {
                    out.messages.append("\(article.path): no publication date; relative dates (\"on Tuesday\") stay unresolved")
                }
                if context.stored[article.path] == Facts.record(for: article, fingerprint: context.fingerprint).hash {
                    out.unchanged += 1
                    continue
                }
                out.read += 1
                changed.append(article)
            }
        }
        out.extracted = Build.parallelMap(changed) { article in
            let extraction = context.extractor.extract(article)
            return ExtractedArticle(article, extraction, ontology: context.ontology, fingerprint: context.fingerprint)
        }
        for e in out.extracted {
            out.messages += e.warnings.map { "\(e.content.record.path): \($0)" }
        }
        return out
    }
}
