/// The four ways a bank agrees with a customer to repay differently (seed 004, "flexible
/// repayment"; DESIGN.md, "arrangement").
public enum ArrangementKind: String, CaseIterable, Sendable, Codable {
    /// The overdue amount repaid in monthly instalments that add up to it exactly.
    case instalmentPlan = "instalment_plan"
    /// The overdue amount falls due again, whole, on a later date, for a stated reason.
    case deferral
    /// Part of the overdue interest and fees is forgiven.
    case waiver
    /// Less than the balance, paid by a date, settles the account; the rest is forgiven once paid.
    case settlement
}
