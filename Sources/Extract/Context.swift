import Ontology
import RDF

/// Extraction vocabulary the `Ontology` model does not carry, read straight from the ontology's triples:
/// the country each known entity belongs to (to tell apart generic names such as "the army" that
/// several conflicts' actors share) and the partial-control cues ("most of", "much of").
///
/// - `kg:country` on an actor names its country; a place's country is found by following
///   `kg:locatedIn` up to an entity of class `kg:Country` (a country is its own country).
/// - `kg:partialCue` (on any subject, conventionally `kg:ModalityCues`) lists the words that, just
///   before a place, say only part of it is meant: such a statement is not a fact about the place.
/// - `kg:isoCode` on a country gives its ISO 3166-1 code (the gazetteer's places name their country by it);
///   `kg:demonym` its adjectives ("Afghan").
/// - `kg:nationalHead` on a class lists the nouns that, after a demonym or a country's possessive, name
///   that country's entity of the class ("Afghan forces", "Iraq's government").
/// - `kg:capital` on a country is its capital's name; `kg:capitalReference` (on `kg:Country`) lists the phrases
///   that name the capital of the country the article is about ("the capital"), also with a demonym after
///   the article ("the Libyan capital").
/// - `kg:genericName` on a class lists phrases that name the entity of that class of the country the
///   article is about ("government forces", "security forces").
/// - `kg:namedReference` lists reference words that refer back only to an entity whose name holds their
///   noun ("the airport" to "Bhamo Airport", not to the university named last).
struct ExtraVocabulary: Sendable {
    /// Ontology entity index → IRI of its country, when known.
    var countryOf: [Int: String] = [:]
    /// Ontology entity IRI → its index: an article's new entity never takes the IRI of one out of scope.
    var entityByIRI: [String: Int] = [:]
    var partialCues = PhraseSet<Bool>()
    /// ISO 3166-1 alpha-2 code → country IRI, and back.
    var countryByCode: [String: String] = [:]
    var codeOfCountry: [String: String] = [:]
    /// Country IRI → its label, and its index among the ontology's entities.
    var countryLabel: [String: String] = [:]
    var countryIndex: [String: Int] = [:]
    /// Demonym → country IRI, and a country's first demonym.
    var demonyms = PhraseSet<String>()
    var demonymOf: [String: String] = [:]
    /// Noun after a demonym or a country's possessive → the class of the national entity it names.
    var nationalHeads = PhraseSet<String>()
    /// Phrase naming the article country's entity of a class → that class.
    var genericNames = PhraseSet<String>()
    /// The `kg:namedReference` phrases, as their words' keys joined by spaces ("the air base").
    var namedReferences: Set<String> = []
    /// A lower-case noun after a name that says what kind of actor the name is ("Taliban fighters",
    /// `kg:followerNoun`), and the participle after a hyphen that does ("M23-held", `kg:hyphenCue`) → class.
    var followerNouns: [String: String] = [:]
    /// A lower-case noun for a kind of actor that an apposition after a name ends with ("X, a powerful
    /// gang, …", `kg:appositionNoun`) → class.
    var appositionNouns: [String: String] = [:]
    /// A verb of speech after a two- or three-word name makes it a person (`kg:speechVerb`) → class.
    var speechVerbs: [String: String] = [:]
    /// Words a title-case headline capitalises that are never part of a name (`kg:headlineWord`: "takes", "amid").
    var headlineWords: Set<String> = []
    /// Nouns for a person's office or part (`kg:personNoun`: "minister", "governor"): two or three
    /// capitalised words right after one, or in apposition with one, name a person.
    var personNouns: [String] = []
    var hyphenCues: [String: String] = [:]
    /// The hyphen cues after which the noun is another actor tied to the name ("IS-linked insurgents",
    /// `kg:affiliationCue`).
    var affiliationCues: Set<String> = []
    /// Words before a name that say what kind of thing it is ("reached X", "west of X": a place;
    /// `kg:precedingCue`) → class.
    var precedingCues = PhraseSet<String>()
    /// A title after a demonym that makes the demonym name the country's entity of a class
    /// ("Somali President X": the Somali government, whose president X is) → class.
    var nationalTitles = PhraseSet<String>()
    /// Nouns for the people or machines through which an actor acts (`kg:agentNoun`: "troops", "warplanes").
    var agentNouns: Set<String> = []
    /// Nouns for an actor's people (`kg:memberNoun`: "fighters", "members").
    var memberNouns: Set<String> = []
    /// Nouns for an actor's places after its name (`kg:positionNoun`: "ISIL positions").
    var positionNouns: Set<String> = []
    /// Nouns for an ally (`kg:allyNoun`), which join a list in "X and its close ally, Y".
    var allyNouns: Set<String> = []
    /// Nouns for another actor than their possessor (`kg:otherActorNoun`: "its affiliate"), besides the ally nouns.
    var otherActorNouns: Set<String> = []
    /// The words allowed between two conjuncts only in "and its (close) ally, …": the closed-class
    /// `SentenceView.allyConnectors` and the ally nouns (built once, not per sentence).
    var listConnectors: Set<String> = []
    /// Country IRI → its capital's name (`kg:capital`).
    var capitalOf: [String: String] = [:]
    /// The words of each `kg:capitalReference` ("the", "capital"), as token keys.
    var capitalReferences: [[String]] = []
    /// Country IRI → the ontology's entities tied to it (not the country itself), in file order.
    private var entitiesOfCountry: [String: [(index: Int, classIRI: String)]] = [:]

    /// The first ontology entity (in file order) of `country` whose class is `cls` or under it:
    /// "Sudanese army" is the SAF when the ontology has it.
    func nationalEntity(country: String, cls: String, _ ontology: Ontology) -> Int? {
        entitiesOfCountry[country]?.first { ontology.isSubclass($0.classIRI, of: cls) }?.index
    }

    init(_ ontology: Ontology) {
        let countryPredicate = KG.ns + "country"
        let partialPredicate = KG.ns + "partialCue"
        var declared: [String: String] = [:]
        for q in ontology.quads {
            guard let p = q.predicate.iriValue else { continue }
            if p == countryPredicate, let s = q.subject.iriValue, let o = q.object.iriValue { declared[s] = o }
            if p == partialPredicate, let text = q.object.literalValue?.lexical { partialCues.add(Phrase(text), true) }
            guard let s = q.subject.iriValue, let text = q.object.literalValue?.lexical else { continue }
            switch p {
            case KG.ns + "isoCode": countryByCode[text] = s; codeOfCountry[s] = text
            case KG.ns + "demonym":
                demonyms.add(Phrase(text, caseSensitive: true), s)
                if demonymOf[s] == nil { demonymOf[s] = text }
            case KG.ns + "nationalHead": nationalHeads.add(Phrase(text), s)
            case KG.ns + "genericName": genericNames.add(Phrase(text), s)
            case KG.ns + "namedReference": namedReferences.insert(Phrase(text).keys.joined(separator: " "))
            case KG.ns + "followerNoun": followerNouns[text] = s
            case KG.ns + "appositionNoun": appositionNouns[text] = s
            case KG.ns + "speechVerb": speechVerbs[text] = s
            case KG.ns + "headlineWord": headlineWords.insert(text)
            case KG.ns + "personNoun": personNouns.append(text)
            case KG.ns + "nationalTitle": nationalTitles.add(Phrase(text, caseSensitive: true), s)
            case KG.ns + "hyphenCue": hyphenCues[text] = s
            case KG.ns + "affiliationCue": affiliationCues.insert(text)
            case KG.ns + "precedingCue": precedingCues.add(Phrase(text), s)
            case KG.ns + "capital": capitalOf[s] = text
            case KG.ns + "agentNoun": agentNouns.insert(text)
            case KG.ns + "memberNoun": memberNouns.insert(text)
            case KG.ns + "allyNoun": allyNouns.insert(text)
            case KG.ns + "otherActorNoun": otherActorNouns.insert(text)
            case KG.ns + "positionNoun": positionNouns.insert(text)
            case KG.ns + "capitalReference": capitalReferences.append(Tokenizer.tokenize(text).map(\.key))
            default: break
            }
        }
        listConnectors = SentenceView.allyConnectors.union(allyNouns)
        for (i, e) in ontology.entities.enumerated() where codeOfCountry[e.iri] != nil {
            countryLabel[e.iri] = e.label
            countryIndex[e.iri] = i
        }

        var index: [String: Int] = [:]
        for (i, e) in ontology.entities.enumerated() { index[e.iri] = i }
        entityByIRI = index
        let countryClass = KG.ns + "Country"
        for (i, e) in ontology.entities.enumerated() {
            if let c = declared[e.iri] { countryOf[i] = c; continue }
            // Follow the chain of places (bounded: the data may contain a cycle).
            var current: OntologyEntity? = e
            var steps = 0
            while let c = current, steps < 12 {
                if ontology.isSubclass(c.classIRI, of: countryClass) { countryOf[i] = c.iri; break }
                if let d = declared[c.iri] { countryOf[i] = d; break }
                current = c.parentPlace.flatMap { index[$0] }.map { ontology.entities[$0] }
                steps += 1
            }
        }
        for (i, c) in countryOf.sorted(by: { $0.key < $1.key }) where ontology.entities[i].classIRI != countryClass {
            entitiesOfCountry[c, default: []].append((i, ontology.entities[i].classIRI))
        }
    }
}
