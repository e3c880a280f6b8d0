/// One tenth of the rows, by predicted probability: what the model said and what happened.
public struct CalibrationDecile: Sendable, Codable, Equatable {
    public let count: Int
    public let meanPredicted: Double
    public let observedRate: Double
}
