/// What the daily run's optimised cells value channels by (`OptimisePlan`): what a delinquent
/// customer is expected to repay within a horizon after a contact through each channel, or
/// after none.
///
/// The input is what the daily run knows of the case that day (`CaseFacts`: days past due,
/// overdue and outstanding amounts, rating, products, the pay30 score, …) and the segment the
/// strategy put it in; the answer is a sum of money in minor units, so that a value in yuan can
/// be set against a cost in yuan. The response models trained from the bank's history
/// (`arrears model train --target response`) answer it once one is active, through
/// `TabledRepaymentForecast` (their answers for the day's customers, looked up by customer);
/// `BaselineRepaymentForecast` answers it until then.
public protocol RepaymentForecast: Sendable {
    /// Names the forecast in the daily run's summary: a response model's version, or `baseline`.
    var name: String { get }

    /// The amount the customer of `facts` is expected to repay within `horizonDays` of a contact
    /// today through `channel` (nil: no contact), in minor units of `facts.currency`, 0 or more.
    func expectedRepayment(_ facts: CaseFacts, segment: Segment, channel: Channel?, horizonDays: Int) -> Int64
}

/// A forecast made beforehand for the day's customers (a response model's answers), looked up
/// by customer: `answers[customerId][channel]` in minor units of the case's currency, the key
/// nil for no contact. A customer or channel the table lacks is answered by `fallback`, so
/// that a model that did not learn a channel cannot make it look worthless or free.
public struct TabledRepaymentForecast: RepaymentForecast {
    public let name: String
    public let answers: [String: [Channel?: Int64]]
    public let fallback: any RepaymentForecast

    public init(name: String, answers: [String: [Channel?: Int64]], fallback: any RepaymentForecast = BaselineRepaymentForecast()) {
        self.name = name
        self.answers = answers
        self.fallback = fallback
    }

    public func expectedRepayment(_ facts: CaseFacts, segment: Segment, channel: Channel?, horizonDays: Int) -> Int64 {
        if let answer = answers[facts.customerId]?[channel] { return max(answer, 0) }
        return fallback.expectedRepayment(facts, segment: segment, channel: channel, horizonDays: horizonDays)
    }
}
