import ArrearsCore

/// A trained propensity model as the registry keeps it: versioned per target, a candidate until
/// someone activates it, then the one the daily run scores with until another replaces it.
public struct ScoringModel: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case candidate, active, retired
    }

    /// `target-vN`, e.g. `pay30-v2`.
    public let id: String
    public let target: ScoringTarget
    public let version: Int
    public var status: Status
    public let asOf: String
    public let trainedAt: String
    public let trainedBy: String
    public var activatedAt: String?
    public let definition: Definition

    public init(id: String, target: ScoringTarget, version: Int, status: Status, asOf: String, trainedAt: String, trainedBy: String,
                activatedAt: String?, definition: Definition) {
        self.id = id
        self.target = target
        self.version = version
        self.status = status
        self.asOf = asOf
        self.trainedAt = trainedAt
        self.trainedBy = trainedBy
        self.activatedAt = activatedAt
        self.definition = definition
    }

    /// The kinds of model the registry keeps: the readable scorecard (the default) and its
    /// challenger, gradient-boosted trees (docs/gbm.md).
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case scorecard, gbm
    }

    /// What was fitted, on what, and how well it did.
    ///
    /// Exactly one of `scorecard` and `boosted` is set. Definitions stored before boosted trees
    /// could be registered have `scorecard` only, and decode as before.
    public struct Definition: Sendable, Codable, Equatable {
        public let scorecard: Scorecard?
        /// Gradient-boosted trees with their points scaling, for a model of kind `gbm`.
        public let boosted: BoostedScorecard?
        /// pay30: the share of the overdue amount that counts as paying.
        public let payShare: Double
        /// Observations after this date were used …
        public let since: String
        /// … those after this one held out to validate.
        public let holdoutAfter: String
        public let training: ModelValidation
        public let holdout: ModelValidation
        /// A sample of the probabilities of the accounts delinquent on the as-of date (the
        /// population the daily run scores), the reference distribution for PSI.
        public let reference: [Double]

        public init(scorecard: Scorecard? = nil, boosted: BoostedScorecard? = nil, payShare: Double, since: String, holdoutAfter: String,
                    training: ModelValidation, holdout: ModelValidation, reference: [Double]) {
            self.scorecard = scorecard
            self.boosted = boosted
            self.payShare = payShare
            self.since = since
            self.holdoutAfter = holdoutAfter
            self.training = training
            self.holdout = holdout
            self.reference = reference
        }

        public var kind: Kind { boosted != nil ? .gbm : .scorecard }

        /// Each row's probability of the event (none without a model, which decoding never gives).
        public func probabilities(for input: [Feature]) -> [Double] {
            if let boosted { return boosted.probabilities(for: input) }
            return scorecard?.probabilities(for: input) ?? Array(repeating: 0, count: input.first?.values.count ?? 0)
        }

        /// Each row's points, rising with the good outcome (see the scorecard's or the boosted model's scaling).
        public func points(for input: [Feature]) -> [Int] {
            if let boosted { return boosted.points(for: input) }
            return scorecard?.points(for: input) ?? Array(repeating: 0, count: input.first?.values.count ?? 0)
        }

        /// Each row's top reasons; `good` is the target's good outcome, for scorecards stored
        /// before their settings named it.
        public func reasons(for input: [Feature], good: GoodOutcome) -> [[ScoreReason]] {
            if let boosted { return boosted.reasons(for: input) }
            return scorecard?.reasons(for: input, good: good) ?? Array(repeating: [], count: input.first?.values.count ?? 0)
        }
    }

    public static func id(_ target: ScoringTarget, version: Int) -> String { "\(target.rawValue)-v\(version)" }
}
