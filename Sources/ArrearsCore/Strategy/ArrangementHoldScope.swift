/// Which of a customer's accounts an arrangement being kept holds (`hold_policy.arrangement_scope`).
public enum ArrangementHoldScope: String, Sendable, CaseIterable {
    /// Only the accounts an active plan, deferral or settlement covers are held: the customer's
    /// other delinquent accounts are chased as usual, the case decided on them alone. The default.
    case coveredAccounts = "covered_accounts"
    /// Every account of a customer keeping an arrangement is held.
    case customer
}
