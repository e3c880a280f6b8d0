/// What a strategy that optimises needs to know of a case (issue 27): for a case's features on
/// a day, the expected amount the customer repays within the horizon after an action on each
/// channel, `none` (no contact) included. The gain of a channel is its amount less `none`'s.
///
/// `ResponseModel` (the T-learner trained by `ResponseLearner`) is the one Arrears registers;
/// tests and simulations may give their own.
public protocol ChannelResponse: Sendable {
    /// The days after the action within which repayment counts.
    var horizonDays: Int { get }
    /// The channels the model answers for, `none` always among them.
    var channels: [ActionChannel] { get }
    /// For each row (`ResponseFeatures.row` of the case on the day), the expected repayment
    /// within the horizon in major units of the case's currency, for each of `channels`.
    func expectedRepayments(for rows: [ResponseFeatures.Row]) -> [[ActionChannel: Double]]
}
