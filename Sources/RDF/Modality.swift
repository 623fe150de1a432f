/// How a statement is made: as fact, as someone's claim (still a fact), or as something that is not a
/// fact (a plan, a hypothesis, a denial). Extraction decides it; the store keeps it with the statement.
public enum Modality: String, Sendable, Hashable, CaseIterable {
    case asserted, claimed, planned, hypothetical, denied

    /// Asserted and attributed claims are facts; plans, hypotheses and denials are not.
    public var isFact: Bool { self == .asserted || self == .claimed }

    /// The modalities that are facts.
    public static let facts = allCases.filter(\.isFact)
}
