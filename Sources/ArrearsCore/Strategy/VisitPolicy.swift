/// When a field visit may be chosen at all (seeds 000 and 002: visits are costly and reserved for
/// long-overdue, large debts). A visit treatment applies only to cases that meet both thresholds,
/// on top of the treatment's own conditions.
public struct VisitPolicy: Sendable, Equatable {
    /// The least overdue amount, in the case currency's major units.
    public let minOverdue: MajorAmount
    /// The least days past due.
    public let minDays: Int

    public init(minOverdue: MajorAmount, minDays: Int) {
        self.minOverdue = minOverdue
        self.minDays = minDays
    }

    public func allowsVisit(to facts: CaseFacts) -> Bool {
        facts.daysPastDue >= minDays && minOverdue.isReached(byMinorUnits: facts.overdueMinor, in: facts.currency)
    }
}
