import ArgumentParser
import Foundation
import Ontology
import RDF
import Render
import Store

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the knowledge graph as a relationship map or a control map with Graphviz (in-process).",
        discussion: """
            --map relations (default) writes Output/relations.<format> (or into --output DIR). Nodes are shaped and coloured by class,
            with a legend; members of an alliance are grouped; an edge is a fact, drawn once however many
            articles report it (heavier, with ×N), dashed when only claimed; hover an edge for its sources.

            --map control writes Output/control.<format>: one lane per place, each control period a box from
            its start to its end coloured by controller (legend), dashed when only claimed; captures,
            surrenders, sieges and withdrawals as dated markers; hover a box for its sources. Long quiet
            stretches of time are compressed (≈ on the axis). See `kg timeline` for the same as text.

            Example:
              kg render                                   # Output/relations.svg
              kg render --focus MNDAA --depth 1 --format png
              kg render --relation captured --relation surrenderedTo --layout neato
              kg render --map control --since 2023-10 --format png
              kg render --map control --place Laukkai --place Kunlong
            """)

    enum MapKind: String, ExpressibleByArgument, CaseIterable { case relations, control }

    @OptionGroup var store: StoreOptions

    @Option(help: "Which map: relations (entities and facts) or control (who held each place when).") var map: MapKind = .relations
    @Option(name: .customLong("place"), help: ArgumentHelp("Control map: only this place (label or alias; repeatable).", valueName: "name"))
    var places: [String] = []
    @Option(help: ArgumentHelp("Control map: from this date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("Control map: up to this date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date")) var until: String?

    @Option(help: "Output format: svg, png, pdf, dot or json.") var format: MapFormat = .svg
    @Option(help: ArgumentHelp("Folder the map is written to.", valueName: "dir")) var output: String = "Output"
    @Option(help: "Graphviz layout: dot, neato, fdp, sfdp or circo (default: by size).") var layout: Layout?
    @Option(help: ArgumentHelp("Only this entity and its neighbourhood (label or alias).", valueName: "entity")) var focus: String?
    @Option(help: "Neighbourhood depth around --focus.") var depth: Int = 1
    @Option(name: .customLong("relation"), help: ArgumentHelp("Only these relations (repeatable).", valueName: "name"))
    var relations: [String] = []
    @Option(help: ArgumentHelp("Only facts with at least this confidence.", valueName: "x")) var minConfidence: Double = 0
    @Flag(help: "Also draw planned, hypothetical and denied assertions (dotted).") var includeModal = false

    func validate() throws {
        if depth < 0 { throw ValidationError("--depth must be 0 or more") }
        if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence is between 0 and 1") }
        try validateControlOptions()
    }

    func run() throws {
        let kg = try store.open(readOnly: true)
        if map == .control { return try runControlMap(kg) }
        let ontology = try OntologyLocation.stored(in: kg)
        var map = try RelationMap(store: kg, ontology: ontology, includeModal: includeModal,
                                  relations: Set(relations), minConfidence: minConfidence).graphMap()
        if let focus {
            guard let center = map.nodes.first(where: { $0.label.caseInsensitiveCompare(focus) == .orderedSame })
                ?? RelationMap.node(named: focus, in: map, store: kg) else {
                throw KGFailure(message: "no entity named '\(focus)' on the map")
            }
            map = RelationMap.neighbourhood(of: center.id, depth: depth, in: map)
        }
        if map.nodes.isEmpty { Console.warning("the map is empty: no facts match (run `kg build` first?)") }
        let chosen = layout ?? Layout.automatic(nodeCount: map.nodes.count)
        let bytes: [UInt8]
        do { bytes = try MapRenderer().render(map, layout: chosen, format: format) } catch {
            throw KGFailure(message: "rendering failed: \(error)")
        }
        let dir = URL(fileURLWithPath: output, isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("relations." + format.rawValue)
        try Data(bytes).write(to: file, options: .atomic)
        print("wrote \(file.path) (\(map.nodes.count) nodes, \(map.edges.count) edges, layout \(chosen.rawValue))")
    }
}

extension MapFormat: ExpressibleByArgument {}
extension Layout: ExpressibleByArgument {}
