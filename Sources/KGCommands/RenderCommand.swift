import ArgumentParser
import Foundation
import Maps
import Ontology
import RDF
import Render
import SPARQL
import Store
import Timeline

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the knowledge graph as a relationship map or a control map with Graphviz (in-process).",
        discussion: """
            --map relations (default) writes Output/relations.<format> (or into --output DIR). Nodes are shaped and coloured by class, with a legend; members of an alliance are grouped; an edge is a fact, drawn once however many articles report it (heavier, with ×N), dashed when only claimed; hover an edge for its sources.

            --map control writes Output/control.<format>: one lane per place, each control period a box from its start to its end coloured by controller (legend), dashed when only claimed; captures, surrenders, sieges and withdrawals as dated markers; hover a box for its sources. Long quiet stretches of time are compressed (≈ on the axis). See `kg timeline` for the same as text.

            --since/--until work for both maps. On the relationship map they keep the facts whose date, or start…end, overlaps the window; a fact without a date counts at its article's publication date. --geo (relationship map) pins places that have geo:lat/geo:long (WGS84) at their map position (neato), puts the actors that control or captured a place beside it, and leaves the rest free. --from-triples draws the relation triples of the default graph (e.g. loaded with `kg import`) instead of the facts extracted from articles; the ontology's own triples are left out. Above 300 nodes the map uses sfdp with smaller fonts; above 400 edges, edge labels are hidden (hover an edge for its text).

            Example:
              kg render                                   # Output/relations.svg
              kg render --focus MNDAA --depth 1 --format png
              kg render --relation captured --relation surrenderedTo --layout neato
              kg render --map control --since 2023-10 --format png
              kg render --map control --place Laukkai --place Kunlong
              kg render --since 2023-10 --until 2024-01 --geo
              kg import big.nt && kg render --from-triples --format dot
            """)

    enum MapKind: String, ExpressibleByArgument, CaseIterable { case relations, control }

    @OptionGroup var store: StoreOptions

    @Option(help: "Which map: relations (entities and facts) or control (who held each place when).") var map: MapKind = .relations
    @Option(name: .customLong("place"), help: ArgumentHelp("Control map: only this place (label or alias; repeatable).", valueName: "name"))
    var places: [String] = []
    @Option(help: ArgumentHelp("From this date (YYYY, YYYY-MM or YYYY-MM-DD): facts or control periods in the window.", valueName: "date"))
    var since: String?
    @Option(help: ArgumentHelp("Up to this date (YYYY, YYYY-MM or YYYY-MM-DD): facts or control periods in the window.", valueName: "date"))
    var until: String?

    @Option(help: "Output format: svg, png, pdf, dot or json.") var format: MapFormat = .svg
    @Option(help: ArgumentHelp("Folder the map is written to.", valueName: "dir")) var output: String = "Output"
    @Option(help: "Graphviz layout: dot, neato, fdp, sfdp or circo (default: by size).") var layout: Layout?
    @Option(help: ArgumentHelp("Only this entity and its neighbourhood (label or alias).", valueName: "entity")) var focus: String?
    @Option(help: "Neighbourhood depth around --focus.") var depth: Int = 1
    @Option(name: .customLong("relation"), help: ArgumentHelp("Only these relations (repeatable).", valueName: "name"))
    var relations: [String] = []
    @Option(help: ArgumentHelp("Only facts with at least this confidence.", valueName: "x")) var minConfidence: Double = 0
    @Option(help: ArgumentHelp("At most N entities on the relationship map: the largest connected parts, the most reported first (0: all). The default fits a 1080p screen.", valueName: "n"))
    var maxNodes: Int = 30
    @Flag(help: "Also draw planned, hypothetical and denied assertions (dotted).") var includeModal = false
    @Option(name: .customLong("modality"),
            help: ArgumentHelp("Only statements of this modality: asserted, claimed, planned, hypothetical, denied (repeatable).", valueName: "m"))
    var modalities: [String] = []
    @Flag(help: "Relationship map: places with coordinates at their map position, actors beside the places they hold.")
    var geo = false
    @Flag(help: "Relationship map: draw the default graph's relation triples (e.g. from `kg import`) instead of extracted facts.")
    var fromTriples = false

    func validate() throws {
        if depth < 0 { throw ValidationError("--depth must be 0 or more") }
        if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence is between 0 and 1") }
        if maxNodes < 0 { throw ValidationError("--max-nodes is 0 (all) or more") }
        let known = Modality.allCases.map(\.rawValue)
        for m in modalities where !known.contains(m) { throw ValidationError("--modality \(m): one of \(known.joined(separator: ", "))") }
        try FactFilterOptions.validateWindow(since: since, until: until)
        if map == .control {
            let relationOnly = [("--geo", geo), ("--from-triples", fromTriples), ("--focus", focus != nil),
                                ("--relation", !relations.isEmpty), ("--include-modal", includeModal), ("--modality", !modalities.isEmpty)]
            if let (name, _) = relationOnly.first(where: { $0.1 }) { throw ValidationError("\(name) applies to --map relations") }
            return
        }
        if !places.isEmpty { throw ValidationError("--place applies to --map control") }
        if fromTriples, since != nil || until != nil {
            throw ValidationError("--since/--until need dated facts; imported triples (--from-triples) carry no dates")
        }
        if geo, let layout, layout != .neato, layout != .fdp {
            throw ValidationError("--geo pins positions, which only neato and fdp honour (got --layout \(layout.rawValue))")
        }
    }

    func run() throws {
        let renderer = MapRenderer(freesGraphs: false)
        let kg = try store.open(readOnly: true)
        // "--relation capturd": an error naming the known relations, not an empty map over the last one
        try FactFilterOptions.checkRelations(relations, in: kg)
        if map == .control { return try runControlMap(kg, renderer: renderer) }
        // One read transaction: one snapshot, and one file lock for the thousands of look-ups.
        let map = try kg.withReadSnapshot { try buildRelationMap(kg) }
        if map.nodes.isEmpty { Console.warning("the map is empty: no facts match (run `kg build` first?)") }
        let pinned = map.nodes.contains { $0.position != nil }
        let chosen = pinned ? (layout ?? .neato) : (layout ?? Layout.automatic(nodeCount: map.nodes.count))
        let bytes = try Self.draw(with: renderer) { try $0.render(map, layout: chosen, format: format) }
        let file = try Self.writeMap(bytes, named: "relations." + format.rawValue, into: output)
        print("wrote \(file) (\(map.nodes.count) nodes, \(map.edges.count) edges, layout \(chosen.rawValue))")
    }

    /// The relationship map with the filters, --focus and --geo applied.
    private func buildRelationMap(_ kg: TripleStore) throws -> GraphMap {
        let ontology = try StoredOntology.forMaps(in: kg)
        let builder = RelationMap(store: kg, ontology: ontology, includeModal: includeModal,
                                  relations: Set(relations), minConfidence: minConfidence,
                                  since: since.flatMap(PartialDate.init(iso:)), until: until.flatMap(PartialDate.init(iso:)),
                                  fromTriples: fromTriples, maxNodes: focus == nil ? maxNodes : 0,  // (a focus is cut by --depth)
                                  modalities: Set(modalities))
        var (map, terms) = try builder.graphMapWithTerms()
        if let focus {
            guard let center = map.nodes.first(where: { $0.label.caseInsensitiveCompare(focus) == .orderedSame })
                ?? Self.node(named: focus, in: map, store: kg) else {
                throw KGFailure(message: "no entity named '\(focus)' on the map")
            }
            map = RelationMap.neighbourhood(of: center.id, depth: depth, in: map)
        }
        if geo, try builder.placeGeographically(&map, terms: terms) == 0 {
            Console.warning("--geo: no place on the map has coordinates (geo:lat/geo:long (WGS84)); drawn without positions")
        }
        return map
    }

    /// The node whose entity has `name` among its labels or aliases.
    static func node(named name: String, in map: GraphMap, store: TripleStore) -> MapNode? {
        guard let iri = try? ShortForm.entity(named: name, store) else {
            return map.nodes.first { $0.label.lowercased() == name.lowercased() }
        }
        let label = Labels(store: store).display(iri)
        return map.nodes.first { $0.label == label }
    }

    /// Draws Output/control.<format>.
    func runControlMap(_ kg: TripleStore, renderer: MapRenderer) throws {
        let labels = Labels(store: kg)
        // the relations (what they mean to the timeline, their colours and marker words) are all the
        // control map needs of the stored ontology: read once, without its entities
        let schema = try StoredOntology.read(in: kg, schemaOnly: true)
        var timelines = try ControlHistory.build(from: kg, vocabulary: schema.map(TimelineVocabulary.init(ontology:)) ?? TimelineVocabulary())
        let allControllers = timelines.flatMap { $0.periods.map(\.controller) }
        if !places.isEmpty {
            var chosen: [Term] = []
            for name in places {
                guard let t = try TimelineCommand.entity(named: name, in: kg, among: timelines.map(\.place), labels: labels) else {
                    throw KGFailure(message: "no place named '\(name)' in \(store.db)")
                }
                chosen.append(t)
            }
            timelines = timelines.filter { chosen.contains($0.place) }
        }
        let built = ControlMap(timelines: timelines, labels: labels, ontology: schema,
                               since: since.flatMap(PartialDate.init(iso:)), until: until.flatMap(PartialDate.init(iso:)),
                               allControllers: allControllers).build()
        if built.lanes == 0 { Console.warning("the control map is empty: no control periods match (run `kg build` first?)") }
        let bytes = try Self.draw(with: renderer) { try $0.render(built.map, geometry: built.geometry, layout: .neato, format: format) }
        let file = try Self.writeMap(bytes, named: "control." + format.rawValue, into: output)
        print("wrote \(file) (\(built.lanes) place\(built.lanes == 1 ? "" : "s"))")
    }
}

extension RenderCommand {
    /// Runs one render with a fresh renderer: Graphviz's warnings are printed as kg's, and a failure
    /// (including an error Graphviz reported while still producing output) is kg's failure.
    /// `renderer` leaves the laid-out graph to the operating system, as `dot` does: kg exits after drawing.
    static func draw(with renderer: MapRenderer = MapRenderer(freesGraphs: false),
                     _ body: (MapRenderer) throws -> [UInt8]) throws -> [UInt8] {
        do {
            let bytes = try body(renderer)
            for w in renderer.lastWarnings { Console.warning("Graphviz: \(w)") }
            return bytes
        } catch {
            throw KGFailure(message: "rendering failed: \(error)")
        }
    }

    /// Writes a map as `name` into the folder `output` (created if missing): there only, under that fixed
    /// name, through a temporary file renamed over it, so a symlink at that name is replaced, not followed.
    /// Returns the file's absolute path. (Paths as strings: Foundation's URL parsing touched ~200 pages
    /// of code, a measurable part of a small render.)
    /// Writes a map file into the folder `output` and returns its path as the user would write it.
    static func writeMap(_ bytes: [UInt8], named name: String, into output: String) throws -> String {
        let dir = absolutePath(output)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder), !isFolder.boolValue {
            throw KGFailure(message: "--output \(dir) is not a folder")
        }
        let file = (dir == "/" ? "" : dir) + "/" + name
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw KGFailure(message: "cannot write \(file): \(error.localizedDescription)")
        }
        if let failure = replaceFile(at: file, with: bytes) {
            throw KGFailure(message: "cannot write \(file): \(failure)")
        }
        // named as the user named the folder ("Output/relations.svg")
        var given = output
        while given.count > 1, given.hasSuffix("/") { given.removeLast() }
        return given == "/" ? "/" + name : given + "/" + name
    }

    /// `path` made absolute against the working directory, without empty or "." components.
    static func absolutePath(_ path: String) -> String {
        var full = path
        if !full.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? FileManager.default.currentDirectoryPath
            full = cwd + "/" + full
        }
        let parts = full.split(separator: "/").filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }

    /// Writes `bytes` to a new temporary file beside `path` and renames it over `path`: a reader
    /// sees the old map or the new one, never half of one, a crash leaves the old one, and a symlink
    /// at `path` is replaced, not followed. (Foundation's atomic write does the same with more system
    /// calls and an fsync: ~0.5 ms of a 40 ms render.) Returns the reason on failure, after removing
    /// the temporary file.
    static func replaceFile(at path: String, with bytes: [UInt8]) -> String? {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."  // "" for a file in /
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((folder + "/." + name + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var written = 0
        var failure: String?
        while written < bytes.count, failure == nil {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n > 0 { written += n } else if n < 0 && errno != EINTR { failure = String(cString: strerror(errno)) }
        }
        // mkstemp creates the file as 0600; a map is an ordinary document (0666 less the umask).
        let mask = umask(0o022)
        umask(mask)
        if failure == nil, fchmod(fd, 0o666 & ~mask) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if failure != nil { unlink(temporary) }
        return failure
    }
}

extension MapFormat: ExpressibleByArgument {}
extension Layout: ExpressibleByArgument {}
