import ArrearsCore

/// What the active response model (`arrears model train --target response`) expects of the
/// daily run's optimised cases' customers: per customer, the amount repaid within the model's
/// horizon after each channel, `none` (no contact) included, in major units of the case's
/// currency. The daily run turns it into a `TabledRepaymentForecast` in minor units.
public struct ResponseAnswers: Sendable, Equatable {
    /// The model's name in the registry (`response-v3`), for the run's summary.
    public let model: String
    /// The days after the action within which the model counts repayment.
    public let horizonDays: Int
    /// Customer id → channel → expected repayment in major units.
    public let answers: [String: [ActionChannel: Double]]

    public init(model: String, horizonDays: Int, answers: [String: [ActionChannel: Double]]) {
        self.model = model
        self.horizonDays = horizonDays
        self.answers = answers
    }
}
