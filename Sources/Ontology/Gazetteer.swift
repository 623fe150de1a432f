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

    /// Normalised name → places with that name, most populous first (subdivisions before towns).
    private var byName: [String: [Place]] = [:]
    public private(set) var count = 0

    public init() {}

    /// Reads a gazetteer file; `file:line: message` on a malformed line.
    public init(file: String) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw OntologyError(message: "\(file): cannot read the gazetteer")
        }
        try self.init(text: String(decoding: data, as: UTF8.self), file: file)
    }

    public init(text: String, file: String = "<gazetteer>") throws {
        var line = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            if raw.isEmpty || raw.first == "#" { continue }
            let f = raw.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 3, !f[0].isEmpty, !f[1].isEmpty else {
                throw OntologyError(message: "\(file):\(line): expected name, class and country separated by tabs")
            }
            let place = Place(name: String(f[0]), classLocalName: String(f[1]), country: String(f[2]),
                              latitude: f.count > 3 ? Double(f[3]) : nil, longitude: f.count > 4 ? Double(f[4]) : nil,
                              population: f.count > 5 ? Int(f[5]) ?? 0 : 0)
            add(place, name: place.name)
            if f.count > 6 { for alias in f[6].split(separator: "|") { add(place, name: String(alias)) } }
            count += 1
        }
    }

    private mutating func add(_ place: Place, name: String) {
        let key = Ontology.normalise(name)
        guard !key.isEmpty else { return }
        if byName[key]?.contains(place) == true { return }
        byName[key, default: []].append(place)
    }

    /// The places named `name` (normalised as `Ontology.normalise`), in file order.
    public func places(named name: String) -> [Place] { byName[Ontology.normalise(name)] ?? [] }

    /// Adds another gazetteer's places after this one's.
    public mutating func merge(_ other: Gazetteer) {
        for (k, v) in other.byName { byName[k, default: []] += v }
        count += other.count
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
