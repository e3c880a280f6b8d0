import ArrearsCore

/// The bank's choice of policy pack, as tightened in `config/policy.yaml`, and when the daily
/// run's contacts happen in each customer's day.
public struct PolicySettings: Sendable {
    public let pack: PolicyPack
    /// Minutes after local midnight at which the daily run's messages go out and its tasks start.
    public let dailyRunContactMinute: Int

    public init(pack: PolicyPack, dailyRunContactMinute: Int = 600) {
        self.pack = pack
        self.dailyRunContactMinute = dailyRunContactMinute
    }
}
