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

    func read() -> Model {
        var model = Model()
        let kg = KG.ns
        let classTypes: Set<String> = [RDFS.ns + "Class", Self.owl + "Class"]
        let propertyTypes: Set<String> = [RDFNS.ns + "Property", Self.owl + "ObjectProperty"]
        let symmetricTypes: Set<String> = [Self.owl + "SymmetricProperty", kg + "SymmetricRelation"]

        for s in order {
            guard let iri = s.iriValue else { continue }
            let t = types(s)
            if t.contains(where: classTypes.contains) {
                model.classes.append(OntologyClass(
                    iri: iri, label: string(s, RDFS.label) ?? Self.localName(iri),
                    parent: self.iri(s, RDFS.subClassOf),
                    shape: string(s, kg + "shape") ?? "ellipse", color: string(s, kg + "color") ?? "#E0E0E0",
                    headWords: strings(s, kg + "headWord"), referenceWords: strings(s, kg + "referenceWord")))
            }
            if t.contains(where: propertyTypes.contains) {
                let label = string(s, RDFS.label) ?? Self.localName(iri)
                let state = string(s, kg + "stateRelation").map { $0 == "true" || $0 == "1" } ?? false
                model.relations.append(OntologyRelation(
                    iri: iri, localName: Self.localName(iri), label: label,
                    edgeLabel: string(s, kg + "edgeLabel") ?? label, edgeColor: string(s, kg + "edgeColor") ?? "#555555",
                    domain: self.iri(s, RDFS.domain), range: self.iri(s, RDFS.range),
                    symmetric: t.contains(where: symmetricTypes.contains),
                    activeTriggers: strings(s, kg + "activeTrigger"), passiveTriggers: strings(s, kg + "passiveTrigger"),
                    onsetTriggers: strings(s, kg + "onsetTrigger"),
                    templates: strings(s, kg + "template") + strings(s, kg + "nominalTrigger"),
                    roleNouns: strings(s, kg + "roleNoun"), eventNouns: strings(s, kg + "eventNoun"), isState: state))
            }
            model.lexicon.plannedCues += strings(s, kg + "plannedCue")
            model.lexicon.hypotheticalCues += strings(s, kg + "hypotheticalCue")
            model.lexicon.deniedCues += strings(s, kg + "deniedCue")
            model.lexicon.claimCues += strings(s, kg + "claimCue")
            model.lexicon.questionCues += strings(s, kg + "questionCue")
            model.lexicon.clauseBoundaries += strings(s, kg + "clauseBoundary")
            model.lexicon.roleTemplates += strings(s, kg + "roleTemplate")
            model.lexicon.eventTemplates += strings(s, kg + "eventTemplate")
            model.lexicon.lightVerbs += strings(s, kg + "lightVerb")
            model.lexicon.titleWords += strings(s, kg + "titleWord")
            model.lexicon.groupQuantifiers += strings(s, kg + "groupQuantifier")
        }

        let classIRIs = Set(model.classes.map(\.iri))
        let relationIRIs = Set(model.relations.map(\.iri))
        var distinct: [String: [String]] = [:]
        for s in order {
            guard let a = s.iriValue else { continue }
            for b in values(s, kg + "distinctFrom").compactMap(\.iriValue) {
                distinct[a, default: []].append(b)
                distinct[b, default: []].append(a)
            }
        }
        for s in order {
            guard let iri = s.iriValue, !classIRIs.contains(iri), !relationIRIs.contains(iri),
                  let cls = types(s).first(where: classIRIs.contains),
                  let label = string(s, SKOS.prefLabel) ?? string(s, RDFS.label) else { continue }
            var aliases: [String] = []
            for a in strings(s, SKOS.altLabel) + strings(s, SKOS.hiddenLabel) + strings(s, RDFS.label)
            where a != label && !aliases.contains(a) { aliases.append(a) }
            model.entities.append(OntologyEntity(
                iri: iri, label: label, aliases: aliases, classIRI: cls,
                parentPlace: self.iri(s, kg + "locatedIn"),
                latitude: (string(s, WGS84.lat) ?? string(s, kg + "lat")).flatMap(Double.init),
                longitude: (string(s, WGS84.long) ?? string(s, kg + "long")).flatMap(Double.init),
                distinctFrom: distinct[iri] ?? []))
        }
        return model
    }
}
