/// No chasing while the customer keeps their word: a pending promise to pay holds the case until
/// its due date plus `promiseGraceDays` (so that a payment on its way can arrive), and an
/// arrangement that is being kept holds the accounts `arrangementScope` says for as long as it
/// is kept (the daily run decides the case on the accounts left, or holds it when none is).
public struct HoldPolicy: Sendable, Equatable {
    public let promiseGraceDays: Int
    public let arrangementScope: ArrangementHoldScope

    public init(promiseGraceDays: Int, arrangementScope: ArrangementHoldScope = .coveredAccounts) {
        self.promiseGraceDays = promiseGraceDays
        self.arrangementScope = arrangementScope
    }

    /// The hold on `facts` on `date`, if any; a pending promise comes before an arrangement.
    public func hold(_ facts: CaseFacts, on date: LocalDate) -> HoldReason? {
        if let due = facts.promiseToPayDueOn {
            let until = due.adding(days: promiseGraceDays)
            if date <= until { return .promiseToPay(until: until) }
        }
        return facts.arrangementActive ? .arrangement(kept: facts.arrangementsKept) : nil
    }
}
