/// One logged action as the off-policy evaluation reads it (issue 27): what the history did
/// (`example`: the customer's features that day, the channel taken, its logged propensity and
/// what the customer repaid within the horizon) and what the evaluated strategy would have done.
public struct LoggedDecision: Sendable, Equatable {
    public let example: ResponseExample
    /// The evaluated strategy's cell for the customer.
    public let cell: String
    /// The channel the evaluated strategy would have chosen that day (`none` for no contact).
    public let target: ActionChannel
    /// Its unit cost, in minor units of the evaluation's currency (0 for none).
    public let targetCostMinor: Int64

    public init(example: ResponseExample, cell: String, target: ActionChannel, targetCostMinor: Int64) {
        self.example = example
        self.cell = cell
        self.target = target
        self.targetCostMinor = targetCostMinor
    }
}
