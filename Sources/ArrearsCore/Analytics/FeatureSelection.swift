/// Why the trainer kept a feature in a scorecard or left it out.
public struct FeatureSelection: Sendable, Codable, Equatable {
    public enum Decision: Sendable, Codable, Equatable {
        /// In the model.
        case kept
        /// Its bins hold less information value than `ScorecardSettings.minInformationValue`
        /// (a single bin holds none).
        case lowInformationValue
        /// Its WoE correlates with the WoE of `with`, a kept feature of more information
        /// value, by `correlation`, beyond `ScorecardSettings.maxCorrelation`.
        case correlated(with: String, correlation: Double)
    }

    public let name: String
    public let informationValue: Double
    public let decision: Decision

    /// The decision in a few words, as the report prints it.
    public var reason: String {
        switch decision {
        case .kept: "kept"
        case .lowInformationValue: "dropped: information value too low"
        case .correlated(let other, let correlation): "dropped: WoE correlates \(NumberText.short((correlation * 1000).rounded() / 1000)) with \(other), which has more information value"
        }
    }
}
