/// A champion/challenger cell that decides by expected value instead of by its first due rule
/// (issue 27, "Decide by it"): `optimise: {objective: net_recovery, horizon_days: 30}` in the
/// cell of `strategy.yaml`.
///
/// For the cases of such a cell the treatment rules are guardrails: the channels of the rules
/// that apply to a case and are due (not within their cadence) are its candidates; the policy
/// pack removes those it blocks; each is valued as the expected repayment within
/// `horizonDays` over no contact minus its unit cost (`config/costs.yaml`), and `Allocator`
/// chooses one per case, or no contact, within the teams' capacity. A `randomisedBasisPoints`
/// share of the cell's cases each day has its channel drawn at random among the candidates (no
/// contact included), with the propensity logged, so that the choice can be evaluated and the
/// response models retrained.
public struct OptimisePlan: Sendable, Equatable {
    /// What the cell maximises.
    public enum Objective: String, Sendable, CaseIterable {
        /// Expected recovery over no contact within the horizon, minus the channel's unit cost.
        case netRecovery = "net_recovery"
    }

    /// The randomised share when the cell does not give one: 5%.
    public static let defaultRandomisedBasisPoints = 500
    /// The horizons a response can be judged over, in days.
    public static let horizons = 1...365

    public let objective: Objective
    public let horizonDays: Int
    /// The share of the cell's cases a day whose channel is drawn at random, in basis points.
    public let randomisedBasisPoints: Int

    public init(objective: Objective = .netRecovery, horizonDays: Int = 30, randomisedBasisPoints: Int = OptimisePlan.defaultRandomisedBasisPoints) {
        self.objective = objective
        self.horizonDays = horizonDays
        self.randomisedBasisPoints = randomisedBasisPoints
    }

    /// Whether the case of `customerId` falls in the randomised share on `date`: the 64-bit
    /// FNV-1a hash of `salt:id:date:randomised`, modulo 10,000, below the share. A fresh draw
    /// each day, the same in every process and on every rerun of the date.
    public func randomises(customerId: String, on date: LocalDate, salt: String) -> Bool {
        Int(FNV1a.hash64("\(salt):\(customerId):\(date):randomised") % 10_000) < randomisedBasisPoints
    }

    /// Which of `count` choices (at least 1) a randomised case gets, each with chance 1/`count`:
    /// a second hash of the same kind, modulo `count`.
    public static func draw(among count: Int, customerId: String, on date: LocalDate, salt: String) -> Int {
        Int(FNV1a.hash64("\(salt):\(customerId):\(date):draw") % UInt64(max(count, 1)))
    }
}
