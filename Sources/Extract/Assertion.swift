import RDF

/// What one article yielded: its entities, the relation assertions with their evidence, and warnings.
public struct ArticleExtraction: Sendable {
    public var entities: [Entity]
    public var assertions: [Assertion]
    public var warnings: [String]
    /// With `Extractor.recordsUses`: per entity id of a name the ontology does not know, how often the
    /// article names it and the first sentence that does.
    public var uses: [String: EntityUse] = [:]

    public init(entities: [Entity], assertions: [Assertion], warnings: [String]) {
        self.entities = entities
        self.assertions = assertions
        self.warnings = warnings
    }
}

/// How an article uses a name: how many mentions, and the first sentence with one.
public struct EntityUse: Sendable, Hashable {
    public var mentions: Int
    public var sentence: String
}

/// An actor, place, group of people or operation named in an article.
public struct Entity: Sendable, Hashable {
    /// The ontology IRI when the entity is known, else `KG.entityNS` + a slug of the canonical label
    /// (the same name in two articles gives the same id).
    public var id: String
    /// The canonical label.
    public var label: String
    public var classIRI: String
    /// Other names: the ontology's aliases for known entities and the surface forms seen in the article.
    public var aliases: [String]

    public init(id: String, label: String, classIRI: String, aliases: [String]) {
        self.id = id
        self.label = label
        self.classIRI = classIRI
        self.aliases = aliases
    }
}

/// When a statement holds: a point (`date`) or an interval (`start`/`end`), at the precision the text gives.
public struct TimeAnnotation: Sendable, Hashable {
    public var date: PartialDate?
    public var start: PartialDate?
    public var end: PartialDate?
    /// The words the time was read from ("on Sunday", "until 2009"); empty for a publication-date observation.
    public var phrase: String
    /// The date relative expressions were resolved against (the publication date).
    public var anchor: PartialDate?

    public init(date: PartialDate? = nil, start: PartialDate? = nil, end: PartialDate? = nil, phrase: String, anchor: PartialDate? = nil) {
        self.date = date
        self.start = start
        self.end = end
        self.phrase = phrase
        self.anchor = anchor
    }
}

/// One relation statement found in an article, with its evidence.
public struct Assertion: Sendable, Hashable {
    /// `Entity.id` of the subject.
    public var subject: String
    /// The relation's local name (`captured`, `surrenderedTo`).
    public var relation: String
    /// `Entity.id` of the object.
    public var object: String
    public var sentence: String
    /// 0-based index of the sentence in the article.
    public var sentenceIndex: Int
    /// UTF-8 byte offsets of the evidence in `article.text`.
    public var span: Range<Int>
    public var time: TimeAnnotation?
    /// 0...1.
    public var confidence: Double
    /// `claimed` is an attributed claim, still a fact; `planned`, `hypothetical` and `denied` are not facts.
    public var modality: Modality
    /// Who made the claim ("MNDAA"), when known.
    public var attribution: String?
    /// The rule that fired: `active-trigger:{s} captured {o}`, `role:{o} {role} {s}`, ….
    public var rule: String

    public init(subject: String, relation: String, object: String, sentence: String, sentenceIndex: Int,
                span: Range<Int>, time: TimeAnnotation?, confidence: Double, modality: Modality,
                attribution: String?, rule: String) {
        self.subject = subject
        self.relation = relation
        self.object = object
        self.sentence = sentence
        self.sentenceIndex = sentenceIndex
        self.span = span
        self.time = time
        self.confidence = confidence
        self.modality = modality
        self.attribution = attribution
        self.rule = rule
    }
}
