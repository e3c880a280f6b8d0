/// What one piece of work costs on each channel, in minor units of one currency (`config/costs.yaml`):
/// an SMS or e-mail sent, a call task, a field visit, a letter posted, a legal review.
public struct ChannelCosts: Sendable, Equatable {
    public let currency: Currency
    public let unitMinor: [Channel: Int64]

    public init(currency: Currency, unitMinor: [Channel: Int64]) {
        self.currency = currency
        self.unitMinor = unitMinor
    }

    /// Count × unit cost for each channel with a count; channels without a unit cost cost 0.
    public func cost(of counts: [Channel: Int]) -> [Channel: Int64] {
        counts.reduce(into: [:]) { result, entry in result[entry.key] = Int64(entry.value) * (unitMinor[entry.key] ?? 0) }
    }
}
