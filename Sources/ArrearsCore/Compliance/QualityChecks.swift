/// A supervisor's review of one contact attempt on five points (issue 25), so that a collector's
/// appraisal weighs how they collect and not the amounts alone: the 2011 credit-card measures
/// (art. 66) forbid judging collectors on amounts recovered only.
public struct QualityChecks: Sendable, Equatable {
    /// The caller's identity was checked before anything about the debt was said.
    public var identityChecked: Bool
    /// The disclosures the rules require were made (who calls, for whom, the amount owed).
    public var disclosuresMade: Bool
    /// The tone was respectful throughout.
    public var respectfulTone: Bool
    /// No threat, insult or false statement of consequences.
    public var noThreats: Bool
    /// The outcome recorded is what happened.
    public var correctOutcome: Bool

    /// The points a review can give.
    public static let maximum = 5

    public init(identityChecked: Bool, disclosuresMade: Bool, respectfulTone: Bool, noThreats: Bool, correctOutcome: Bool) {
        self.identityChecked = identityChecked
        self.disclosuresMade = disclosuresMade
        self.respectfulTone = respectfulTone
        self.noThreats = noThreats
        self.correctOutcome = correctOutcome
    }

    /// The points passed, 0 to `maximum`.
    public var points: Int {
        [identityChecked, disclosuresMade, respectfulTone, noThreats, correctOutcome].filter { $0 }.count
    }
}
