import Foundation

/// Given names from real data (`Ontology/names/names.tsv`, written by `scripts/make-given-names` from
/// Jörg Michael's name dictionary): a new name of two or more words that opens with one is a person's
/// ("Amina Ali Nkeki"), and the name says whether "she" or "he" may stand for that person.
///
/// One name a line, tab-separated: the name as written, then `f`, `m` or `fm`. Lines starting with `#`
/// are comments.
public struct GivenNames: Sendable {
    public struct Use: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let women = Use(rawValue: 1)
        public static let men = Use(rawValue: 2)
    }

    private var uses: [String: Use] = [:]
    public var count: Int { uses.count }

    public init() {}

    public init(text: String, file: String = "<names>") throws {
        try self.init(bytes: Array(text.utf8), file: file)
    }

    /// Reads the file's lines; `file:line: message` on a malformed one.
    init(bytes: [UInt8], file: String) throws {
        var line = 0
        for row in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            line += 1
            if row.isEmpty || row.first == 0x23 { continue }    // "#"
            let f = row.split(separator: 9, omittingEmptySubsequences: false)
            guard f.count == 2, !f[0].isEmpty, !f[1].isEmpty, f[1].allSatisfy({ $0 == 0x66 || $0 == 0x6D }) else {
                throw OntologyError(message: "\(file):\(line): expected a name, a tab and f, m or fm")
            }
            var use: Use = []
            if f[1].contains(0x66) { use.insert(.women) }
            if f[1].contains(0x6D) { use.insert(.men) }
            uses[String(decoding: f[0], as: UTF8.self), default: []].formUnion(use)
        }
    }

    /// Whom the given name `word` (as written, capitalised) is used for; nil if it is no given name.
    public func use(of word: String) -> Use? { uses[word] }

    /// Adds another list's names to this one's.
    public mutating func merge(_ other: GivenNames) {
        if uses.isEmpty { self = other; return }
        uses.merge(other.uses) { $0.union($1) }
    }

    static let fileName = "names.tsv"
}
