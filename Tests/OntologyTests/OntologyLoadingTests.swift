import Foundation
import Ontology
import RDF
import Testing

private let ontologyDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Ontology").path

private let relationNames = ["controls", "captured", "surrounds", "surrenderedTo", "rescued", "rescuedFrom", "memberOf",
                             "partOf", "attacked", "locatedIn", "leaderOf", "spokespersonOf", "fledFrom", "heldIn",
                             "operates", "launched", "alliedWith"]
/// Relations the core ontology adds beyond the scored vocabulary.
let extraRelationNames = ["withdrewFrom"]

@Suite struct RealOntologyTests {
    let onto: Ontology

    init() throws { onto = try Ontology.load(directory: ontologyDirectory) }

    @Test func everyScoredRelationIsDefinedWithPatterns() throws {
        for name in relationNames + extraRelationNames {
            let r = try #require(onto.relation(named: name), "missing relation \(name)")
            #expect(r.iri == KG.ns + name)
            #expect(!r.label.isEmpty && !r.edgeLabel.isEmpty && r.edgeColor.hasPrefix("#"))
            #expect(r.domain != nil && r.range != nil)
            let patterns = r.activeTriggers.count + r.passiveTriggers.count + r.templates.count + r.roleNouns.count
            #expect(patterns > 0, "relation \(name) has no trigger")
        }
        #expect(onto.relations.count == relationNames.count + extraRelationNames.count)
    }

    @Test func symmetryAndStateComeFromData() throws {
        #expect(onto.relation(named: "alliedWith")?.symmetric == true)
        #expect(onto.relation(named: "captured")?.symmetric == false)
        #expect(onto.relation(named: "controls")?.isState == true)
        #expect(onto.relation(named: "captured")?.activeTriggers.contains("seized") == true)
        #expect(onto.relation(named: "captured")?.passiveTriggers.contains("fell to") == true)
    }

    @Test func whatRelationsMeanToTheTimelineIsData() throws {
        func r(_ name: String) throws -> OntologyRelation { try #require(onto.relation(named: name)) }
        #expect(try r("controls").controlRole == .holdsPlace)
        #expect(try r("captured").controlRole == .takesPlace)
        #expect(try r("withdrewFrom").controlRole == .leavesPlace)
        #expect(try r("surrounds").controlRole == .threatensPlace)
        #expect(try r("surrenderedTo").controlRole == .unitSurrender)
        #expect(try r("attacked").controlRole == nil)
        #expect(try ["heldIn", "locatedIn", "partOf"].map { try r($0).garrisonRank } == [1, 2, 3])
        #expect(onto.relations.filter(\.affiliates).map(\.localName).sorted() == ["memberOf", "partOf"])
        #expect(try r("alliedWith").descriptive && r("controls").descriptive && !r("captured").descriptive)
        #expect(try r("surrenderedTo").markerLabel == "surrendered")
        #expect(try r("attacked").actsForOwner && !r("fledFrom").actsForOwner)
        #expect(try r("captured").wholePlace && !r("attacked").wholePlace)
    }

    @Test func classesFormAHierarchyWithStyles() throws {
        for local in ["ArmedGroup", "Alliance", "StateForce", "MilitaryUnit", "Government", "Person", "CriminalGroup", "Organisation"] {
            #expect(onto.isSubclass(KG.ns + local, of: KG.ns + "Actor"), "\(local) is not an actor")
        }
        for local in ["Country", "Region", "Zone", "Township", "Town", "Village", "Facility"] {
            #expect(onto.isSubclass(KG.ns + local, of: KG.ns + "Place"), "\(local) is not a place")
        }
        #expect(!onto.isSubclass(KG.ns + "Town", of: KG.ns + "Actor"))
        let colors = onto.classes.map(\.color)
        #expect(Set(colors).count == colors.count, "one colour per class")
        #expect(onto.ontologyClass(KG.ns + "MilitaryUnit")?.headWords.contains("Battalion") == true)
    }

    @Test func aliasesFindTheSameEntity() throws {
        let a = onto.entities(matching: "Laukkaing").map(\.iri)
        let b = onto.entities(matching: "lauk kai").map(\.iri)
        let c = onto.entities(matching: "Laukkai").map(\.iri)
        #expect(!a.isEmpty && a == b && b == c)
        let town = try #require(onto.entities(matching: "Laukkai").first)
        #expect(town.classIRI == KG.ns + "Town")
        #expect(town.latitude != nil && town.longitude != nil)
        #expect(town.parentPlace != nil)
        #expect(onto.entities(matching: "Kokang army").first?.iri == onto.entities(matching: "MNDAA").first?.iri)
        #expect(onto.entities(matching: "Taang National Liberation Army").first?.label == "TNLA")
    }

    @Test func distinctEntitiesAreMarked() throws {
        let mndaa = try #require(onto.entities(matching: "MNDAA").first)
        let zone = try #require(onto.entities(matching: "Kokang region").first)
        #expect(mndaa.iri != zone.iri)
        #expect(mndaa.distinctFrom.contains(zone.iri) && zone.distinctFrom.contains(mndaa.iri))
    }

    @Test func lexiconHasCues() {
        #expect(onto.lexicon.plannedCues.contains("plans to"))
        #expect(onto.lexicon.deniedCues.contains("denied"))
        #expect(onto.lexicon.claimCues.contains("said"))
        #expect(!onto.lexicon.roleTemplates.isEmpty)
        #expect(!onto.quads.isEmpty)
    }
}

@Suite struct InlineOntologyTests {
    static let small = """
        @prefix kg: <https://kg.example.org/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        kg:Actor a rdfs:Class ; rdfs:label "actor" ; kg:shape "box" ; kg:color "#111111" .
        kg:Rebels a rdfs:Class ; rdfs:subClassOf kg:Actor ; rdfs:label "rebels" ; kg:headWord "Front" .
        kg:friendOf a rdf:Property, owl:SymmetricProperty ; rdfs:label "friend of" ;
            rdfs:domain kg:Actor ; rdfs:range kg:Actor ; kg:activeTrigger "befriended" .
        <https://kg.example.org/id/x> a kg:Rebels ; skos:prefLabel "Example Front" ; skos:altLabel "EF", "Ex-Front" .
        """

    @Test func readsClassesRelationsAndEntities() throws {
        let o = try Ontology(turtle: Self.small, file: "small.ttl")
        #expect(o.classes.map(\.label) == ["actor", "rebels"])
        #expect(o.ontologyClass(KG.ns + "Rebels")?.parent == KG.ns + "Actor")
        let r = try #require(o.relation(named: "friendOf"))
        #expect(r.symmetric && r.activeTriggers == ["befriended"] && r.edgeLabel == "friend of")
        #expect(o.entities(matching: "ex front").first?.label == "Example Front")
        #expect(o.entities(matching: "the Example Front").count == 1)
        #expect(o.entities(matching: "Nobody").isEmpty)
    }

    @Test func syntaxErrorsNameFileLineAndColumn() {
        let bad = "@prefix kg: <https://kg.example.org/ontology#> .\nkg:a kg:b \"unterminated .\n"
        do {
            _ = try Ontology(turtle: bad, file: "bad.ttl")
            Issue.record("bad Turtle was accepted")
        } catch let e as OntologyError {
            #expect(e.message.hasPrefix("bad.ttl:2:"), "got \(e.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func loadingAFolderReportsTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-onto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.small.write(to: dir.appendingPathComponent("a.ttl"), atomically: true, encoding: .utf8)
        try "kg:oops kg:missing .\n".write(to: dir.appendingPathComponent("b.ttl"), atomically: true, encoding: .utf8)
        #expect(throws: OntologyError.self) { try Ontology.load(directory: dir.path) }
        do { _ = try Ontology.load(directory: dir.path) } catch let e as OntologyError {
            #expect(e.message.contains("b.ttl:1:"), "got \(e.message)")
        }
        #expect(throws: OntologyError.self) { try Ontology.load(directory: dir.appendingPathComponent("none").path) }
    }
}
