import ArrearsCore

/// How long the bank keeps a customer's personal data after their collection ended: the
/// retention period, read from `retention.yaml` by `RetentionConfig.load` (ArrearsWorkflows), checked against the policy pack's minimum keep time
/// (`PolicyPack.minimumRetention`; `cn` keeps collection records at least 2 years):
///
/// ```yaml
/// period_days: 1095   # kept 3 years after the last case, legal case or complaint closed
/// ```
///
/// A period shorter than the pack's minimum is refused at load, naming `period_days`. Without
/// the file the pack's minimum is the period; a pack without one then needs the file.
public struct RetentionConfig: Sendable, Equatable {
    /// A hundred years: longer is a typing mistake, and dates stay computable.
    public static let longestPeriodDays = 36_500

    /// Days after the end of a customer's collection (`RetentionRun`) before their data is erased.
    public let periodDays: Int
    /// The pack's minimum keep time in days, and the rule that sets it; 0 and nil when none.
    public let minimumDays: Int
    public let minimumRule: String?
    public let pack: String

    public init(periodDays: Int, pack: PolicyPack) {
        self.periodDays = periodDays
        minimumDays = pack.minimumRetention?.days ?? 0
        minimumRule = pack.minimumRetention?.rule.id
        self.pack = pack.id
    }
}
