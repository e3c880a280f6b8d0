/// When a field visit may be chosen at all (seeds 000 and 002: visits are costly and reserved for
/// long-overdue, large debts). A visit treatment applies only to cases that meet every threshold,
/// on top of the treatment's own conditions.
public struct VisitPolicy: Sendable, Equatable {
    /// What puts one visit task before another; see `Strategy.priority(of:for:)`.
    public enum Priority: String, Sendable, CaseIterable {
        /// The largest overdue amount times days past due first (seeds 000 and 002).
        case overdue
        /// The lowest propensity-to-pay score first: the customers least likely to pay without
        /// a visit; equal scores, and cases without a score after every scored one, by overdue.
        case score
    }

    /// The least overdue amount, in the case currency's major units.
    public let minOverdue: MajorAmount
    /// The least days past due.
    public let minDays: Int
    /// The most propensity-to-pay points (the case's lowest pay30 score) a visited customer may
    /// have: above it a customer is likely enough to pay that a call or letter will do. A case
    /// without a score (no pay30 model active yet) is judged by the other thresholds alone: a
    /// missing score says nothing about the customer, and setting the limit before scoring
    /// starts must not stop every visit.
    public let maxScore: Int?
    public let priorityBy: Priority

    public init(minOverdue: MajorAmount, minDays: Int, maxScore: Int? = nil, priorityBy: Priority = .overdue) {
        self.minOverdue = minOverdue
        self.minDays = minDays
        self.maxScore = maxScore
        self.priorityBy = priorityBy
    }

    public func allowsVisit(to facts: CaseFacts) -> Bool {
        guard facts.daysPastDue >= minDays, minOverdue.isReached(byMinorUnits: facts.overdueMinor, in: facts.currency) else { return false }
        guard let maxScore, let score = facts.score else { return true }
        return score <= maxScore
    }
}
