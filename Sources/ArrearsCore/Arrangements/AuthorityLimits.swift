/// Who may approve which arrangement (issue 5: "a collector may waive up to 10% of interest, a
/// supervisor up to 50%, more needs a manager").
///
/// Roles are listed from the least authority to the most, each with four limits; a role not
/// listed has none and approves nothing. An arrangement needs the lowest listed role whose limits
/// cover its measure. Arrears has no separate manager role: `admin` stands for the head of
/// collections.
///
/// Limits are cumulative (issue 24): a waiver is judged with every waiver, and a settlement with
/// every settlement, approved on the same account within `cumulativeWindowDays`, so that 10% and
/// then 10% again is a 20% waiver. Kinds in `fourEyes` are never approved by their proposer:
/// even a proposal within the proposer's own limits waits for a second approver.
public struct AuthorityLimits: Equatable, Sendable {
    /// One limit, named as in `config/authority.yaml`.
    public enum Limit: String, CaseIterable, Sendable {
        case waiverShare = "max_waiver_share"
        case deferralDays = "max_deferral_days"
        case settlementDiscount = "max_settlement_discount"
        case instalments = "max_instalments"
    }

    /// The limits of one role.
    public struct RoleLimits: Equatable, Sendable {
        public let role: Role
        /// The largest share of an account's overdue interest and fees it may waive, in basis points.
        public let maxWaiverBasisPoints: Int
        /// The longest deferral, in days from the day it is approved to the new due date.
        public let maxDeferralDays: Int
        /// The largest share of the outstanding balance a settlement may forgive, in basis points.
        public let maxSettlementDiscountBasisPoints: Int
        /// The most monthly instalments in a plan.
        public let maxInstalments: Int

        public init(role: Role, maxWaiverBasisPoints: Int, maxDeferralDays: Int, maxSettlementDiscountBasisPoints: Int, maxInstalments: Int) {
            self.role = role
            self.maxWaiverBasisPoints = maxWaiverBasisPoints
            self.maxDeferralDays = maxDeferralDays
            self.maxSettlementDiscountBasisPoints = maxSettlementDiscountBasisPoints
            self.maxInstalments = maxInstalments
        }

        /// The limit `measure` exceeds, or nil when these limits cover it.
        public func exceeded(by measure: ArrangementMeasure) -> Limit? {
            switch measure {
            case .instalments(let count): count > maxInstalments ? .instalments : nil
            case .deferralDays(let days): days > maxDeferralDays ? .deferralDays : nil
            case .waiverShare(let points): points > maxWaiverBasisPoints ? .waiverShare : nil
            case .settlementDiscount(let points): points > maxSettlementDiscountBasisPoints ? .settlementDiscount : nil
            }
        }

        func describe(_ limit: Limit) -> String {
            switch limit {
            case .waiverShare: "\(ArrangementMeasure.percent(maxWaiverBasisPoints)) of the overdue interest and fees waived"
            case .deferralDays: "a deferral of \(maxDeferralDays) days"
            case .settlementDiscount: "\(ArrangementMeasure.percent(maxSettlementDiscountBasisPoints)) of the balance forgiven in a settlement"
            case .instalments: "\(maxInstalments) instalments"
            }
        }
    }

    /// Least authority first.
    public let roles: [RoleLimits]
    /// Days an instalment may stay unpaid after its date before the arrangement is broken.
    public let graceDays: Int
    /// Days back, including the day of the decision, over which an account's earlier waivers and
    /// settlements are added to a new one before it is judged.
    public let cumulativeWindowDays: Int
    /// The kinds whose proposer may never approve them (four eyes).
    public let fourEyes: Set<ArrangementKind>
    /// Forbearance a collector may agree at once with a customer who claimed hardship (a
    /// `hardship` flag, set by the outcome of that name); nil when there is no such allowance.
    public let hardshipForbearance: HardshipAllowance?

    /// The instalment plans and deferrals that need no escalation while the customer's hardship
    /// claim is open (`hardship_forbearance` in `config/authority.yaml`): the usual authority
    /// limits would send a 12-month plan to a supervisor; a customer in hardship gets it at once.
    public struct HardshipAllowance: Equatable, Sendable {
        public let maxInstalments: Int
        public let maxDeferralDays: Int

        public init(maxInstalments: Int, maxDeferralDays: Int) {
            self.maxInstalments = maxInstalments
            self.maxDeferralDays = maxDeferralDays
        }

        /// Whether `measure` is forbearance within the allowance; waivers and settlements never are.
        public func covers(_ measure: ArrangementMeasure) -> Bool {
            switch measure {
            case .instalments(let count): count <= maxInstalments
            case .deferralDays(let days): days <= maxDeferralDays
            case .waiverShare, .settlementDiscount: false
            }
        }
    }

    /// Four eyes for waivers and settlements and a window of a year unless told otherwise.
    public static let standardWindowDays = 365
    public static let standardFourEyes: Set<ArrangementKind> = [.waiver, .settlement]

    public init(roles: [RoleLimits], graceDays: Int, cumulativeWindowDays: Int = standardWindowDays,
                fourEyes: Set<ArrangementKind> = standardFourEyes, hardshipForbearance: HardshipAllowance? = nil) {
        self.roles = roles
        self.graceDays = graceDays
        self.cumulativeWindowDays = cumulativeWindowDays
        self.fourEyes = fourEyes
        self.hardshipForbearance = hardshipForbearance
    }

    /// The first day of the window that ends on `today`: earlier waivers and settlements decided
    /// on or after it count towards a new one.
    public func windowStart(endingOn today: LocalDate) -> LocalDate {
        today.adding(days: -max(0, cumulativeWindowDays - 1))
    }

    /// Whether an arrangement of `kind` needs an approver other than its proposer.
    public func needsSecondApprover(_ kind: ArrangementKind) -> Bool { fourEyes.contains(kind) }

    /// `measure` with the earlier measures of the same kind added: waiver shares to a waiver,
    /// settlement discounts to a settlement. Plans and deferrals are judged alone.
    public static func cumulative(_ measure: ArrangementMeasure, prior: [ArrangementMeasure]) -> ArrangementMeasure {
        switch measure {
        case .waiverShare(let points):
            let earlier = prior.reduce(0) { sum, each in if case .waiverShare(let p) = each { return sum.addingSaturating(p) }; return sum }
            return .waiverShare(basisPoints: points.addingSaturating(earlier))
        case .settlementDiscount(let points):
            let earlier = prior.reduce(0) { sum, each in if case .settlementDiscount(let p) = each { return sum.addingSaturating(p) }; return sum }
            return .settlementDiscount(basisPoints: points.addingSaturating(earlier))
        case .instalments, .deferralDays:
            return measure
        }
    }

    /// The lowest role whose limits cover `measure` with `prior` added (`cumulative`).
    public func lowestRole(covering measure: ArrangementMeasure, prior: [ArrangementMeasure]) -> Role? {
        lowestRole(covering: Self.cumulative(measure, prior: prior))
    }

    /// Throws `beyondAuthority` unless `role`'s limits cover `measure` with `prior` added; the
    /// message names the new measure and the cumulative total over the window.
    public func check(_ measure: ArrangementMeasure, prior: [ArrangementMeasure], role: Role) throws(ArrangementError) {
        let total = Self.cumulative(measure, prior: prior)
        guard total != measure else { return try check(measure, role: role) }
        do { try check(total, role: role) } catch {
            guard case .beyondAuthority(let role, let limit, let message) = error else { throw error }
            throw .beyondAuthority(role: role, limit: limit, message: "\(Self.describe(measure)) makes \(Self.total(total)) on the account within \(cumulativeWindowDays) days: \(message)")
        }
    }

    static func total(_ measure: ArrangementMeasure) -> String {
        switch measure {
        case .waiverShare(let points): "a cumulative \(ArrangementMeasure.percent(points)) waived"
        case .settlementDiscount(let points): "a cumulative \(ArrangementMeasure.percent(points)) forgiven in settlements"
        default: describe(measure)
        }
    }

    /// The shipped defaults, the same as `config/authority.yaml`.
    public static let standard = AuthorityLimits(roles: [
        RoleLimits(role: .collector, maxWaiverBasisPoints: 1_000, maxDeferralDays: 30, maxSettlementDiscountBasisPoints: 0, maxInstalments: 6),
        RoleLimits(role: .supervisor, maxWaiverBasisPoints: 5_000, maxDeferralDays: 90, maxSettlementDiscountBasisPoints: 2_000, maxInstalments: 24),
        RoleLimits(role: .admin, maxWaiverBasisPoints: 10_000, maxDeferralDays: 365, maxSettlementDiscountBasisPoints: 6_000, maxInstalments: 60),
    ], graceDays: 5, cumulativeWindowDays: standardWindowDays, fourEyes: standardFourEyes,
       hardshipForbearance: HardshipAllowance(maxInstalments: 12, maxDeferralDays: 60))

    public func limits(for role: Role) -> RoleLimits? { roles.first { $0.role == role } }

    /// The lowest role whose limits cover `measure`; nil when no role's do.
    public func lowestRole(covering measure: ArrangementMeasure) -> Role? {
        roles.first { $0.exceeded(by: measure) == nil }?.role
    }

    /// Throws `beyondAuthority`, naming the limit and who could approve, unless `role`'s limits
    /// cover `measure`.
    public func check(_ measure: ArrangementMeasure, role: Role) throws(ArrangementError) {
        guard let limits = limits(for: role) else {
            throw .beyondAuthority(role: role, limit: Self.limit(of: measure),
                                   message: "the role \(role.rawValue) has no authority to approve arrangements")
        }
        guard let limit = limits.exceeded(by: measure) else { return }
        let needed = lowestRole(covering: measure).map { "; it needs \($0.rawValue)" } ?? "; no role may approve it"
        throw .beyondAuthority(role: role, limit: limit, message: "\(Self.describe(measure)) is above the \(role.rawValue) limit of \(limits.describe(limit))\(needed)")
    }

    /// The limit that judges `measure`.
    public static func limit(of measure: ArrangementMeasure) -> Limit {
        switch measure {
        case .instalments: .instalments
        case .deferralDays: .deferralDays
        case .waiverShare: .waiverShare
        case .settlementDiscount: .settlementDiscount
        }
    }

    static func describe(_ measure: ArrangementMeasure) -> String {
        switch measure {
        case .instalments(let count): "a plan of \(count) instalments"
        case .deferralDays(let days): "a deferral of \(days) days"
        case .waiverShare(let points): "a waiver of \(ArrangementMeasure.percent(points)) of the overdue interest and fees"
        case .settlementDiscount(let points): "a settlement forgiving \(ArrangementMeasure.percent(points)) of the balance"
        }
    }
}

private extension Int {
    /// The sum, or `Int.max` when it would overflow (a cumulative share is only compared with a limit).
    func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
