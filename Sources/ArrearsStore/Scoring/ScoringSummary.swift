/// What one daily run's scoring did: how many accounts each target's active model scored, and
/// the population stability index of the day's scores against the model's reference.
public struct ScoringSummary: Sendable, Codable, Equatable {
    public var scored: [String: Int] = [:]
    public var psi: [String: Double] = [:]
    public init() {}
}
