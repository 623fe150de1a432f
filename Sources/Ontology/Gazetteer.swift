import Foundation

/// Populated places and first-level divisions from real gazetteers (ISO 3166-2 and GeoNames, written
/// into `Ontology/places/places.tsv` by `scripts/make-gazetteer`). Extraction does not find names in
/// it: it types a capitalised name the text uses and nothing else could type ("Kunduz" is a town).
///
/// The file has one place a line, tab-separated: name, class local name (`Region`, `Town`), ISO
/// 3166-1 code of the country, latitude, longitude, population (both may be empty), other names
/// separated by `|`. Lines starting with `#` are comments.
public struct Gazetteer: Sendable {
    public struct Place: Sendable, Hashable {
        public var name: String
        /// The class's local name in the `kg:` namespace (`Town`, `Region`).
        public var classLocalName: String
        /// ISO 3166-1 alpha-2 code of the country.
        public var country: String
        public var latitude: Double?
        public var longitude: Double?
        public var population: Int
    }

    /// Every place, in file order.
    private var all: [Place] = []
    /// Normalised name → indices into `all`, in file order (most populous first within a file).
    private var byName: [String: [Int32]] = [:]
    public var count: Int { all.count }

    public init() {}

    /// Reads a gazetteer file; `file:line: message` on a malformed line.
    public init(file: String) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw OntologyError(message: "\(file): cannot read the gazetteer")
        }
        try self.init(bytes: [UInt8](data), file: file)
    }

    public init(text: String, file: String = "<gazetteer>") throws {
        try self.init(bytes: Array(text.utf8), file: file)
    }

    /// Parses the file's bytes field by field; only names become strings (a file of 175,000 places
    /// is read in a fraction of a second).
    init(bytes: [UInt8], file: String) throws {
        byName.reserveCapacity(bytes.count / 30)
        var classes: [ArraySlice<UInt8>: String] = [:]
        var line = 0
        var start = 0
        let tab: UInt8 = 9, newline: UInt8 = 10, bar: UInt8 = 0x7C
        while start < bytes.count {
            line += 1
            let end = bytes[start...].firstIndex(of: newline) ?? bytes.count
            defer { start = end + 1 }
            let row = bytes[start..<end]
            if row.isEmpty || row.first == 0x23 { continue }    // "#"
            let f = row.split(separator: tab, maxSplits: 6, omittingEmptySubsequences: false)
            guard f.count >= 3, !f[0].isEmpty, !f[1].isEmpty else {
                throw OntologyError(message: "\(file):\(line): expected name, class and country separated by tabs")
            }
            let cls = classes[f[1]] ?? { let c = String(decoding: f[1], as: UTF8.self); classes[f[1]] = c; return c }()
            func number(_ i: Int) -> Double? { f.count > i && !f[i].isEmpty ? Double(String(decoding: f[i], as: UTF8.self)) : nil }
            let place = Place(name: String(decoding: f[0], as: UTF8.self), classLocalName: cls,
                              country: String(decoding: f[2], as: UTF8.self), latitude: number(3), longitude: number(4),
                              population: number(5).map { Int($0) } ?? 0)
            let index = Int32(all.count)
            all.append(place)
            add(index, name: f[0])
            if f.count > 6 { for alias in f[6].split(separator: bar) { add(index, name: alias) } }
        }
    }

    private mutating func add(_ index: Int32, name: ArraySlice<UInt8>) {
        let key = Ontology.normaliseASCII(bytes: name) ?? Ontology.normalise(String(decoding: name, as: UTF8.self))
        guard !key.isEmpty else { return }
        if byName[key]?.last == index { return }
        byName[key, default: []].append(index)
    }

    /// The places named `name` (normalised as `Ontology.normalise`), in file order. A Persian ezafe is
    /// written "-i-" or "-e-" ("Mazar-i-Sharif", "Mazar-e Sharif"): either spelling finds the place.
    public func places(named name: String) -> [Place] {
        let key = Ontology.normalise(name)
        if let hits = byName[key] { return hits.map { all[Int($0)] } }
        for (a, b) in [(" i ", " e "), (" e ", " i ")] where key.contains(a) {
            if let hits = byName[key.replacingOccurrences(of: a, with: b)] { return hits.map { all[Int($0)] } }
        }
        return []
    }

    /// Adds another gazetteer's places after this one's.
    public mutating func merge(_ other: Gazetteer) {
        if all.isEmpty { self = other; return }
        let offset = Int32(all.count)
        all += other.all
        for (k, v) in other.byName { byName[k, default: []] += v.map { $0 + offset } }
    }

    /// Gazetteer files already read in this process, by path, size and modification time: tests and
    /// commands that load the same ontology folder many times read its gazetteer once.
    private static let cache = Cache()

    static func cached(file: String) throws -> Gazetteer {
        let attrs = try? FileManager.default.attributesOfItem(atPath: file)
        let key = "\(file)|\((attrs?[.size] as? NSNumber)?.intValue ?? -1)|\((attrs?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        if let g = cache.get(key) { return g }
        let g = try Gazetteer(file: file)
        cache.set(key, g)
        return g
    }

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String: Gazetteer] = [:]
        func get(_ key: String) -> Gazetteer? { lock.lock(); defer { lock.unlock() }; return entries[key] }
        func set(_ key: String, _ value: Gazetteer) { lock.lock(); defer { lock.unlock() }; entries[key] = value }
    }
}
