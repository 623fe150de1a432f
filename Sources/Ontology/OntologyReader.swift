import RDF

/// Turns the loaded triples into the ontology's model: classes, relations, entities, lexicon.
///
/// Vocabulary read (all `kg:` terms are in `https://kg.example.org/ontology#`):
/// - classes: `a rdfs:Class` (or `owl:Class`), `rdfs:subClassOf`, `rdfs:label`, `kg:shape`, `kg:color`,
///   `kg:headWord`, `kg:referenceWord`;
/// - relations: `a rdf:Property` (or `owl:ObjectProperty`), `rdfs:domain`, `rdfs:range`, `kg:edgeLabel`,
///   `kg:edgeColor`, `kg:activeTrigger`, `kg:passiveTrigger`, `kg:onsetTrigger`, `kg:template`,
///   `kg:nominalTrigger`, `kg:roleNoun`, `kg:eventNoun`, `kg:stateRelation`; symmetric if also `a owl:SymmetricProperty`
///   or `a kg:SymmetricRelation`;
/// - entities: typed with a known class and named by `skos:prefLabel` or `rdfs:label`, with
///   `skos:altLabel`, `skos:hiddenLabel`, `kg:locatedIn`, `geo:lat`, `geo:long` (WGS84; `kg:lat`, `kg:long` too), `kg:distinctFrom`;
/// - lexicon: `kg:plannedCue`, `kg:hypotheticalCue`, `kg:deniedCue`, `kg:claimCue`, `kg:questionCue`,
///   `kg:clauseBoundary`, `kg:roleTemplate`, `kg:eventTemplate`, `kg:lightVerb`, `kg:titleWord`,
///   `kg:groupQuantifier` on any subject.
struct OntologyReader {
    static let owl = OWL.ns

    struct Model {
        var relations: [OntologyRelation] = []
        var classes: [OntologyClass] = []
        var entities: [OntologyEntity] = []
        var lexicon = OntologyLexicon()
    }

    private var order: [Term] = []
    private var props: [Term: [(predicate: String, object: Term)]] = [:]

    init(quads: [Quad]) {
        for q in quads {
            guard let p = q.predicate.iriValue else { continue }
            if props[q.subject] == nil { order.append(q.subject) }
            props[q.subject, default: []].append((p, q.object))
        }
    }

    private func values(_ s: Term, _ p: String) -> [Term] {
        (props[s] ?? []).filter { $0.predicate == p }.map(\.object)
    }
    private func strings(_ s: Term, _ p: String) -> [String] {
        values(s, p).compactMap { $0.literalValue?.lexical }
    }
    private func string(_ s: Term, _ p: String) -> String? { strings(s, p).first }
    private func iri(_ s: Term, _ p: String) -> String? { values(s, p).lazy.compactMap(\.iriValue).first }
    private func types(_ s: Term) -> [String] { values(s, RDFNS.type).compactMap(\.iriValue) }

    private static func localName(_ iri: String) -> String {
        if let i = iri.lastIndex(where: { $0 == "#" || $0 == "/" }) { return String(iri[iri.index(after: i)...]) }
        return iri
    }

    private static let classTypes: Set<String> = [RDFS.ns + "Class", owl + "Class"]
    private static let propertyTypes: Set<String> = [RDFNS.ns + "Property", owl + "ObjectProperty"]
    private static let symmetricTypes: Set<String> = [owl + "SymmetricProperty", KG.ns + "SymmetricRelation"]

    func read() -> Model {
        var model = Model()
        for s in order {
            guard let iri = s.iriValue else { continue }
            let t = types(s)
            if t.contains(where: Self.classTypes.contains) { model.classes.append(ontologyClass(s, iri)) }
            if t.contains(where: Self.propertyTypes.contains) { model.relations.append(relation(s, iri, types: t)) }
            readLexicon(s, into: &model.lexicon)
        }
        let classIRIs = Set(model.classes.map(\.iri))
        let relationIRIs = Set(model.relations.map(\.iri))
        let distinct = distinctPairs()
        for s in order {
            guard let iri = s.iriValue, !classIRIs.contains(iri), !relationIRIs.contains(iri) else { continue }
            if let e = entity(s, iri, classIRIs: classIRIs, distinctFrom: distinct[iri] ?? []) { model.entities.append(e) }
        }
        return model
    }

    /// The class `s` (typed rdfs:Class or owl:Class).
    private func ontologyClass(_ s: Term, _ iri: String) -> OntologyClass {
        let kg = KG.ns
        return OntologyClass(
            iri: iri, label: string(s, RDFS.label) ?? Self.localName(iri),
            parent: self.iri(s, RDFS.subClassOf),
            shape: string(s, kg + "shape") ?? "ellipse", color: string(s, kg + "color") ?? "#E0E0E0",
            headWords: strings(s, kg + "headWord"), referenceWords: strings(s, kg + "referenceWord"))
    }

    /// The relation `s` (typed rdf:Property or owl:ObjectProperty; `types` are all its types).
    private func relation(_ s: Term, _ iri: String, types t: [String]) -> OntologyRelation {
        let kg = KG.ns
        let label = string(s, RDFS.label) ?? Self.localName(iri)
        let state = flag(s, kg + "stateRelation")
        return OntologyRelation(
            iri: iri, localName: Self.localName(iri), label: label,
            edgeLabel: string(s, kg + "edgeLabel") ?? label, edgeColor: string(s, kg + "edgeColor") ?? "#555555",
            domain: self.iri(s, RDFS.domain), range: self.iri(s, RDFS.range),
            symmetric: t.contains(where: Self.symmetricTypes.contains),
            activeTriggers: strings(s, kg + "activeTrigger"), passiveTriggers: strings(s, kg + "passiveTrigger"),
            onsetTriggers: strings(s, kg + "onsetTrigger"),
            templates: strings(s, kg + "template") + strings(s, kg + "nominalTrigger"),
            roleNouns: strings(s, kg + "roleNoun"), eventNouns: strings(s, kg + "eventNoun"), isState: state,
            controlRole: self.iri(s, kg + "controlRole").map(Self.localName).flatMap(OntologyRelation.ControlRole.init(rawValue:)),
            garrisonRank: string(s, kg + "garrisonRank").flatMap { Int($0) },
            affiliates: flag(s, kg + "affiliates"), descriptive: flag(s, kg + "descriptive"),
            markerLabel: string(s, kg + "markerLabel"),
            actsForOwner: flag(s, kg + "actsForOwner"), wholePlace: flag(s, kg + "wholePlace"))
    }

    /// A boolean annotation (`true` or `1`); false when absent.
    private func flag(_ s: Term, _ property: String) -> Bool {
        string(s, property).map { $0 == "true" || $0 == "1" } ?? false
    }

    /// Adds the lexicon words `s` carries (cues, clause boundaries, templates, …) to `lexicon`.
    private func readLexicon(_ s: Term, into lexicon: inout OntologyLexicon) {
        let kg = KG.ns
        lexicon.plannedCues += strings(s, kg + "plannedCue")
        lexicon.hypotheticalCues += strings(s, kg + "hypotheticalCue")
        lexicon.deniedCues += strings(s, kg + "deniedCue")
        lexicon.claimCues += strings(s, kg + "claimCue")
        lexicon.questionCues += strings(s, kg + "questionCue")
        lexicon.clauseBoundaries += strings(s, kg + "clauseBoundary")
        lexicon.roleTemplates += strings(s, kg + "roleTemplate")
        lexicon.eventTemplates += strings(s, kg + "eventTemplate")
        lexicon.lightVerbs += strings(s, kg + "lightVerb")
        lexicon.titleWords += strings(s, kg + "titleWord")
        lexicon.groupQuantifiers += strings(s, kg + "groupQuantifier")
    }

    /// kg:distinctFrom both ways: entity IRI → the IRIs it is distinct from.
    private func distinctPairs() -> [String: [String]] {
        var distinct: [String: [String]] = [:]
        for s in order {
            guard let a = s.iriValue else { continue }
            for b in values(s, KG.ns + "distinctFrom").compactMap(\.iriValue) {
                distinct[a, default: []].append(b)
                distinct[b, default: []].append(a)
            }
        }
        return distinct
    }

    /// The entity `s`: nil unless it is typed with a known class and has a label.
    private func entity(_ s: Term, _ iri: String, classIRIs: Set<String>, distinctFrom: [String]) -> OntologyEntity? {
        guard let cls = types(s).first(where: classIRIs.contains),
              let label = string(s, SKOS.prefLabel) ?? string(s, RDFS.label) else { return nil }
        var aliases: [String] = []
        for a in strings(s, SKOS.altLabel) + strings(s, SKOS.hiddenLabel) + strings(s, RDFS.label)
        where a != label && !aliases.contains(a) { aliases.append(a) }
        return OntologyEntity(
            iri: iri, label: label, aliases: aliases, classIRI: cls,
            parentPlace: self.iri(s, KG.ns + "locatedIn"),
            latitude: (string(s, WGS84.lat) ?? string(s, KG.ns + "lat")).flatMap(Double.init),
            longitude: (string(s, WGS84.long) ?? string(s, KG.ns + "long")).flatMap(Double.init),
            distinctFrom: distinctFrom)
    }
}
