/// One rule of a strategy's ordered segmentation: a case that meets every condition given
/// belongs to `segment`. Conditions left `nil` do not restrict; ranges include both ends.
///
/// Seed 004 segments by credit and by how long the customer is overdue; the amount, product and
/// score conditions let a bank refine that (a score condition never matches a case without a
/// score, so such rules wait for scoring).
public struct SegmentRule: Sendable, Equatable {
    public let segment: Segment
    public let ratings: Set<CreditRating>?
    public let minDays: Int?
    public let maxDays: Int?
    /// Overdue amount range, in the case currency's major units.
    public let minOverdue: MajorAmount?
    public let maxOverdue: MajorAmount?
    /// The case holds at least one of these products.
    public let products: Set<Product>?
    public let minScore: Int?
    public let maxScore: Int?

    public init(
        segment: Segment,
        ratings: Set<CreditRating>? = nil,
        minDays: Int? = nil,
        maxDays: Int? = nil,
        minOverdue: MajorAmount? = nil,
        maxOverdue: MajorAmount? = nil,
        products: Set<Product>? = nil,
        minScore: Int? = nil,
        maxScore: Int? = nil
    ) {
        self.segment = segment
        self.ratings = ratings
        self.minDays = minDays
        self.maxDays = maxDays
        self.minOverdue = minOverdue
        self.maxOverdue = maxOverdue
        self.products = products
        self.minScore = minScore
        self.maxScore = maxScore
    }

    /// Whether the rule has no condition at all, and so matches every case.
    public var matchesEverything: Bool {
        ratings == nil && minDays == nil && maxDays == nil && minOverdue == nil && maxOverdue == nil
            && products == nil && minScore == nil && maxScore == nil
    }

    public func matches(_ facts: CaseFacts) -> Bool {
        guard ratings.map({ $0.contains(facts.creditRating) }) ?? true,
              Condition.days(facts.daysPastDue, min: minDays, max: maxDays),
              minOverdue.map({ $0.isReached(byMinorUnits: facts.overdueMinor, in: facts.currency) }) ?? true,
              !(maxOverdue.map { $0.isExceeded(byMinorUnits: facts.overdueMinor, in: facts.currency) } ?? false),
              Condition.products(facts.products, anyOf: products) else { return false }
        guard minScore != nil || maxScore != nil else { return true }
        guard let score = facts.score else { return false }
        return (minScore.map { score >= $0 } ?? true) && (maxScore.map { score <= $0 } ?? true)
    }
}
