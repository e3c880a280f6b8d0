/// One reason for a score: a feature, what it did to the score, and the customer's value of it
/// in words.
///
/// The same shape serves every kind of model. For a scorecard, `contribution` is the points
/// the customer's bin gets less the points of the feature's best bin (0 or below: the points
/// the feature cost them); `text` is the bin's label (`[30, 60)`, `D, E`, `missing`). A model
/// that measures each feature's contribution otherwise (boosted trees' TreeSHAP, for example)
/// stores it in points of its score the same way, negative where the feature pulled the score
/// toward the bad outcome, with the customer's value as `text`.
public struct ScoreReason: Sendable, Codable, Equatable {
    public let feature: String
    public let contribution: Double
    public let text: String

    public init(feature: String, contribution: Double, text: String) {
        self.feature = feature
        self.contribution = contribution
        self.text = text
    }

    /// How many reasons a score keeps.
    public static let kept = 3
}
