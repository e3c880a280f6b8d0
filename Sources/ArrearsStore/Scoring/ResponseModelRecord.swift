import ArrearsCore

/// A registered response model (issue 27): versioned as `response-v1`, `response-v2`, …; a
/// candidate until activated, then the one the optimised strategy cells ask until another
/// replaces it.
public struct ResponseModelRecord: Sendable, Equatable {
    public let id: String
    public let version: Int
    public var status: ScoringModel.Status
    public let asOf: String
    public let horizonDays: Int
    public let trainedAt: String
    public let trainedBy: String
    public var activatedAt: String?
    public let definition: Definition

    /// What was learned, from which history.
    public struct Definition: Sendable, Codable, Equatable {
        /// Actions after this date and whose horizon ended by the as-of date were examples.
        public let since: String
        /// Logged actions read, and those left out because the customer was not delinquent that day.
        public let actionsRead: Int
        public let notDelinquent: Int
        public let model: ResponseModel
    }

    public static let target = "response"

    public static func id(version: Int) -> String { "\(target)-v\(version)" }

    /// Whether `id` names a response model rather than a propensity model.
    public static func isResponse(_ id: String) -> Bool { id.hasPrefix(target + "-v") }
}
