import Foundation
import RDF

/// A problem loading the ontology: a syntax error (`file:line:column: message`) or a missing folder.
public struct OntologyError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// The domain knowledge kg extracts with, loaded from `Ontology/*.ttl`: classes, relations and their
/// trigger phrases, known entities with their names, and the extraction vocabulary (modality cues,
/// role patterns, quantifiers). Everything about a particular conflict lives in the Turtle files.
///
/// ```swift
/// let onto = try Ontology.load(directory: "Ontology")
/// onto.relation(named: "captured")?.activeTriggers   // ["captured", "seized", …]
/// onto.entities(matching: "Laukkaing").first?.label    // "Laukkai"
/// ```
public struct Ontology: Sendable {
    /// Every triple loaded, in file order (to store in the graph).
    public private(set) var quads: [Quad]
    /// The relations (`rdf:Property` with a `kg:` trigger or label), in file order.
    public private(set) var relations: [OntologyRelation]
    /// The classes (`rdfs:Class`), in file order.
    public private(set) var classes: [OntologyClass]
    /// Named entities (anything with a `skos:prefLabel` and a type that is a known class), in file order.
    public private(set) var entities: [OntologyEntity]
    /// Modality cues, clause boundaries, role templates and other extraction words.
    public private(set) var lexicon: OntologyLexicon

    private var relationIndex: [String: Int]
    private var classIndex: [String: Int]
    /// Per class IRI: the IRIs `isSubclass` walks after it (parents, up to 63 steps), precomputed.
    private var superclassChains: [String: [String]]
    private var nameIndex: [String: [Int]]

    /// Populated places from real gazetteers (`places.tsv` files), used to type names the text uses.
    public var places = Gazetteer()
    /// Given names from real data (`names.tsv` files), used to type a new name as a person's.
    public var givenNames = GivenNames()

    /// The files an ontology folder is made of: every `*.ttl`, every gazetteer (`places.tsv`) and list of
    /// given names (`names.tsv`) in it and its sub-folders (`places/`, `conflicts/`), sorted by their path inside the folder.
    public static func files(in directory: String) throws -> (turtle: [String], data: [String]) {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: directory) else {
            throw OntologyError(message: "\(directory): cannot list the folder")
        }
        var turtle: [String] = [], data: [String] = []
        while let rel = walker.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            if name.hasSuffix(".ttl") { turtle.append(rel) } else if isDataFile(name) { data.append(rel) }
        }
        let full = { (rels: [String]) in rels.sorted().map { (directory as NSString).appendingPathComponent($0) } }
        return (full(turtle), full(data))
    }

    /// Whether a file of an ontology folder is data kg reads besides Turtle: a gazetteer (`places.tsv`) or
    /// a list of given names (`names.tsv`).
    public static func isDataFile(_ name: String) -> Bool { name == "places.tsv" || name == GivenNames.fileName }

    /// Loads every `*.ttl` file of `directory` and its sub-folders, in sorted path order, its gazetteers and its given names.
    public static func load(directory: String) throws -> Ontology {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw OntologyError(message: "\(directory): no such ontology folder")
        }
        let (files, data) = try files(in: directory)
        if files.isEmpty { throw OntologyError(message: "\(directory): no .ttl files") }
        var ontology = try load(files: files)
        for g in data {
            if (g as NSString).lastPathComponent == GivenNames.fileName {
                guard let data = FileManager.default.contents(atPath: g) else { throw OntologyError(message: "\(g): cannot read the names") }
                ontology.givenNames.merge(try GivenNames(bytes: [UInt8](data), file: g))
            } else {
                ontology.places.merge(try Gazetteer.cached(file: g))
            }
        }
        return ontology
    }

    /// An ontology from files given as (path, bytes), in the order given: the `*.ttl` files are parsed, the
    /// `places.tsv` files read as gazetteers and the `names.tsv` files as given names (the ontology compiled
    /// into kg, and files added to it). Errors name the path.
    public static func load(files: [(path: String, bytes: [UInt8])]) throws -> Ontology {
        var quads: [Quad] = []
        for (n, file) in files.filter({ $0.path.hasSuffix(".ttl") }).enumerated() {
            var parser = RDFParser(format: .turtle, file: file.path, blankNodePrefix: "o\(n)_")
            do {
                try parser.parse(file.bytes) { quads.append($0) }
            } catch let e as RDFSyntaxError {
                throw OntologyError(message: e.description)
            } catch {
                throw OntologyError(message: "\(file.path): \(error)")
            }
        }
        if quads.isEmpty { throw OntologyError(message: "no .ttl files in the ontology") }
        var ontology = Ontology(quads: quads)
        for g in files where (g.path as NSString).lastPathComponent == "places.tsv" {
            ontology.places.merge(try Gazetteer(bytes: g.bytes, file: g.path))
        }
        for g in files where (g.path as NSString).lastPathComponent == GivenNames.fileName {
            ontology.givenNames.merge(try GivenNames(bytes: g.bytes, file: g.path))
        }
        return ontology
    }

    /// Loads the given Turtle files, in the order given.
    public static func load(files: [String]) throws -> Ontology {
        var quads: [Quad] = []
        for (n, file) in files.enumerated() {
            var parser = RDFParser(format: .turtle, file: file, blankNodePrefix: "o\(n)_")
            do {
                try parser.parse(fileAt: file) { quads.append($0) }
            } catch let e as RDFSyntaxError {
                throw OntologyError(message: e.description)
            } catch {
                throw OntologyError(message: "\(file): \(error)")
            }
        }
        return Ontology(quads: quads)
    }

    /// An ontology from Turtle text (for tests and for the copy kept in the store).
    public init(turtle: String, file: String? = nil) throws {
        var quads: [Quad] = []
        var parser = RDFParser(format: .turtle, file: file, blankNodePrefix: "t_")
        do {
            try parser.parse(turtle) { quads.append($0) }
        } catch let e as RDFSyntaxError {
            throw OntologyError(message: e.description)
        } catch {
            throw OntologyError(message: "\(file ?? "<input>"): \(error)")
        }
        self.init(quads: quads)
    }

    /// An ontology from triples already parsed (the copy kept in the store's ontology graph).
    public init(quads: [Quad]) {
        let model = OntologyReader(quads: quads).read()
        self.quads = quads
        self.relations = model.relations
        self.classes = model.classes
        self.entities = model.entities
        self.lexicon = model.lexicon
        relationIndex = [:]
        for (i, r) in relations.enumerated() where relationIndex[r.localName] == nil { relationIndex[r.localName] = i }
        classIndex = [:]
        for (i, c) in classes.enumerated() where classIndex[c.iri] == nil { classIndex[c.iri] = i }
        var chains: [String: [String]] = [:]
        let index = classIndex, all = classes
        for iri in index.keys {
            var chain: [String] = []
            var current = index[iri].flatMap { all[$0].parent }
            while let c = current, chain.count < 63 {
                chain.append(c)
                current = index[c].flatMap { all[$0].parent }
            }
            chains[iri] = chain
        }
        superclassChains = chains
        nameIndex = [:]
        for (i, e) in entities.enumerated() {
            for name in Set(([e.label] + e.aliases).map(Ontology.normalise)) where !name.isEmpty {
                nameIndex[name, default: []].append(i)
            }
        }
    }

    /// The relation with this local name (`"surrenderedTo"`), if the ontology defines it.
    public func relation(named localName: String) -> OntologyRelation? {
        relationIndex[localName].map { relations[$0] }
    }

    /// The class with this IRI, if the ontology defines it.
    public func ontologyClass(_ iri: String) -> OntologyClass? {
        classIndex[iri].map { classes[$0] }
    }

    /// True if `iri` is `ancestor` or one of its (transitive) subclasses.
    public func isSubclass(_ iri: String, of ancestor: String) -> Bool {
        // The parent chain (bounded: the data may contain a cycle) is walked once, in `init`.
        if iri == ancestor { return true }
        return superclassChains[iri]?.contains(ancestor) ?? false
    }

    /// Known entities one of whose names (label or alias) equals `name` after normalisation
    /// (case, accents, apostrophes and punctuation ignored, a leading "the" dropped).
    public func entities(matching name: String) -> [OntologyEntity] {
        entityIndices(matching: name).map { entities[$0] }
    }

    /// The indices into `entities` of `entities(matching:)`, in the same order (no entity is copied).
    public func entityIndices(matching name: String) -> [Int] {
        nameIndex[Ontology.normalise(name)] ?? []
    }

    /// The normal form names are compared in: compatibility-folded, accents stripped, case-folded,
    /// apostrophes dropped, other punctuation turned into spaces, spaces collapsed, leading "the " removed.
    public static func normalise(_ name: String) -> String {
        if let ascii = normaliseASCII(name) { return ascii }
        let folded = name.decomposedStringWithCompatibilityMapping
        var out = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            switch scalar {
            case "'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}": continue
            default: break
            }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace && !out.isEmpty { out += " " }
                pendingSpace = false
                out += String(scalar).lowercased()
            } else {
                pendingSpace = true
            }
        }
        if out.hasPrefix("the ") { out.removeFirst(4) }
        return out
    }

    /// `normalise` for ASCII text, byte by byte (ASCII is its own compatibility decomposition, has no
    /// marks, and only letters and digits are alphanumeric); nil if the text is not all ASCII.
    static func normaliseASCII(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { normaliseASCII(bytes: $0) }
    }

    /// `normaliseASCII` of UTF-8 bytes (a slice of a file, without making a `String` of it first).
    static func normaliseASCII<C: Collection<UInt8>>(bytes: C) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
            if b >= 0x80 { return nil }
            if b == 0x27 || b == 0x60 { continue }    // ' and `
            let lower = b &- 0x41 < 26 ? b | 0x20 : b
            if lower &- 0x61 < 26 || b &- 0x30 < 10 {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(lower)
            } else {
                pendingSpace = true
            }
        }
        if out.starts(with: Array("the ".utf8)) { out.removeFirst(4) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One of the relations kg extracts, with the words that signal it in text.
public struct OntologyRelation: Sendable, Hashable {
    public var iri: String
    /// The IRI's local name: `captured`, `surrenderedTo`.
    public var localName: String
    public var label: String
    /// A short label for map edges.
    public var edgeLabel: String
    /// The edge colour for maps (`#RRGGBB`).
    public var edgeColor: String
    /// The class of subjects (`rdfs:domain`), if given.
    public var domain: String?
    /// The class of objects (`rdfs:range`), if given.
    public var range: String?
    /// True for relations whose direction means nothing (`alliedWith`).
    public var symmetric: Bool
    /// SUBJECT trigger OBJECT phrases (`kg:activeTrigger`).
    public var activeTriggers: [String]
    /// OBJECT trigger SUBJECT phrases (`kg:passiveTrigger`).
    public var passiveTriggers: [String]
    /// Active phrases that mark the start of a state (`kg:onsetTrigger`, for state relations).
    public var onsetTriggers: [String]
    /// Full templates with `{s}`, `{o}`, `{role}` and `*` (`kg:template`, `kg:nominalTrigger`).
    public var templates: [String]
    /// Role nouns filling `{role}` (`kg:roleNoun`): "spokesperson", "capital", "member".
    public var roleNouns: [String]
    /// Nouns naming the relation's event (`kg:eventNoun`: "offensive", "air strikes"); they fill
    /// `{event}` in the shared `kg:eventTemplate` patterns.
    public var eventNouns: [String] = []
    /// True for relations that hold over time (`kg:stateRelation`): untimed statements are
    /// observations on the publication date.
    public var isState: Bool
    /// Its part in who controls a place (`kg:controlRole`), if any.
    public var controlRole: ControlRole? = nil
    /// For relations tying a unit to the place it garrisons (`kg:garrisonRank`): the order they are tried in.
    public var garrisonRank: Int? = nil
    /// The subject and object are one side (`kg:affiliates`: partOf, memberOf).
    public var affiliates = false
    /// Says how things are, not that something happened (`kg:descriptive`): never a timeline event.
    public var descriptive = false
    /// The word on a control map's event marker (`kg:markerLabel`).
    public var markerLabel: String? = nil
    /// "A's Brigade 5 overran X" is A's deed too (`kg:actsForOwner`).
    public var actsForOwner = false
    /// Said of a place as a whole (`kg:wholePlace`): "most of X" makes it no fact.
    public var wholePlace = false

    /// A relation's part in who controls a place (`kg:controlRole`).
    public enum ControlRole: String, Sendable, Hashable, CaseIterable {
        /// The subject holds the object place over a period (`kg:HoldsPlace`: controls).
        case holdsPlace = "HoldsPlace"
        /// A change of control: the subject took the place (`kg:TakesPlace`: captured).
        case takesPlace = "TakesPlace"
        /// The subject gave the place up (`kg:LeavesPlace`: withdrewFrom).
        case leavesPlace = "LeavesPlace"
        /// The subject threatens the place (`kg:ThreatensPlace`: surrounds).
        case threatensPlace = "ThreatensPlace"
        /// A unit gave itself up to the object actor, and its place with it (`kg:UnitSurrender`).
        case unitSurrender = "UnitSurrender"
    }
}

/// A class of things: an actor kind, a place kind, a group of people, an operation.
public struct OntologyClass: Sendable, Hashable {
    public var iri: String
    public var label: String
    /// The direct superclass (`rdfs:subClassOf`), if any.
    public var parent: String?
    /// Graphviz node shape for maps.
    public var shape: String
    /// Fill colour for maps (`#RRGGBB`).
    public var color: String
    /// Words at the end of a name that give it this class (`kg:headWord`: "Army", "Township").
    public var headWords: [String]
    /// Generic phrases that refer back to an entity of this class (`kg:referenceWord`: "the group").
    public var referenceWords: [String]
}

/// A known actor, place or operation, with every name it goes by.
public struct OntologyEntity: Sendable, Hashable {
    public var iri: String
    /// The canonical name (`skos:prefLabel`, else `rdfs:label`).
    public var label: String
    /// Other names and spellings (`skos:altLabel`, `skos:hiddenLabel`).
    public var aliases: [String]
    public var classIRI: String
    /// The place it lies in (`kg:locatedIn`), for places.
    public var parentPlace: String?
    public var latitude: Double?
    public var longitude: Double?
    /// Entities it must never be merged with (`kg:distinctFrom`, either direction).
    public var distinctFrom: [String]
}

/// Extraction words that belong to no single class or relation.
public struct OntologyLexicon: Sendable, Hashable {
    /// Cues that a statement is a plan, intention or threat ("plans to", "will").
    public var plannedCues: [String] = []
    /// Cues of conditionals and speculation ("if", "could", "believed to").
    public var hypotheticalCues: [String] = []
    /// Cues of denial and negation ("denied", "not").
    public var deniedCues: [String] = []
    /// Cues that a statement is attributed to a source ("said", "according to").
    public var claimCues: [String] = []
    /// Cues of questions ("?").
    public var questionCues: [String] = []
    /// Words and marks that end a clause (";", "but").
    public var clauseBoundaries: [String] = []
    /// Templates shared by relations with role nouns ("{o} {role} {s}").
    public var roleTemplates: [String] = []
    /// Templates shared by relations with event nouns ("{s} {light} … {event} on {o}").
    public var eventTemplates: [String] = []
    /// Verbs that carry an event noun ("launched", "carried out"): they fill `{light}`.
    public var lightVerbs: [String] = []
    /// Person titles that precede names ("Major General", "U").
    public var titleWords: [String] = []
    /// Quantifiers that open a delimited group of people ("about", "more than").
    public var groupQuantifiers: [String] = []
}
