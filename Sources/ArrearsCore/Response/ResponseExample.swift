/// One logged action of the history as the response models learn from it: the customer's
/// features on the action's date, the channel taken, how likely that channel was, and what the
/// customer repaid within the horizon after it.
public struct ResponseExample: Sendable, Equatable {
    public let customerId: String
    public let date: LocalDate
    public let channel: ActionChannel
    /// The strategy cell the action came from ("" when not known).
    public let cell: String
    /// The logged probability that this channel had of being chosen, when the history has it.
    public let propensity: Double?
    public let row: ResponseFeatures.Row
    /// Repaid within the horizon after the action, in major units.
    public let repaid: Double
    /// The channels that could not reach the customer (`ActionChannel.unreachable`): no SMS
    /// without a mobile number, no e-mail without an address. A channel's effect is measured
    /// only over the customers it could reach, unless the history took it for others too (an
    /// imported history whose customers' contact points were not imported).
    public let unreachable: Set<ActionChannel>

    public init(customerId: String, date: LocalDate, channel: ActionChannel, cell: String, propensity: Double?,
                row: ResponseFeatures.Row, repaid: Double, unreachable: Set<ActionChannel> = []) {
        self.customerId = customerId
        self.date = date
        self.channel = channel
        self.cell = cell
        self.propensity = propensity
        self.row = row
        self.repaid = repaid
        self.unreachable = unreachable
    }
}
