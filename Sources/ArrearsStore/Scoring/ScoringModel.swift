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

    /// What was fitted, on what, and how well it did.
    public struct Definition: Sendable, Codable, Equatable {
        public let scorecard: Scorecard
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
    }

    public static func id(_ target: ScoringTarget, version: Int) -> String { "\(target.rawValue)-v\(version)" }
}
