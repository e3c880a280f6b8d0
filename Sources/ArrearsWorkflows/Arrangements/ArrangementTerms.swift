import ArrearsCore
import ArrearsStore

/// What is proposed for an account, kind by kind.
public enum ArrangementTerms: Equatable, Sendable {
    /// The overdue amount in `count` monthly instalments from `firstDate`.
    case instalmentPlan(count: Int, firstDate: LocalDate)
    /// The overdue amount due again, whole, on `newDueDate`.
    case deferral(newDueDate: LocalDate)
    /// Overdue interest and fees forgiven: an amount in minor units, or a share in basis points.
    case waiver(Waived)
    /// `amount` (minor units) paid by `payBy` settles the balance.
    case settlement(amount: Int64, payBy: LocalDate)

    public enum Waived: Equatable, Sendable {
        case amount(Int64)
        case share(basisPoints: Int)
    }

    public var kind: ArrangementKind {
        switch self {
        case .instalmentPlan: .instalmentPlan
        case .deferral: .deferral
        case .waiver: .waiver
        case .settlement: .settlement
        }
    }
}
