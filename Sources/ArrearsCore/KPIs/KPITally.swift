/// The raw counts and sums behind one group's KPIs, in one currency, as the store adds them up.
/// Everything here is additive; the rates are worked out from it by `KPIFigures`.
public struct KPITally: Sendable, Equatable {
    public var currency: String
    /// Cases open on at least one day of the period.
    public var casesWorked = 0
    /// Of those, closed in the period with reason `cured`.
    public var casesCured = 0
    /// Σ of each case's overdue on the day it opened, on the accounts it opened with.
    public var overdueAtEntryMinor: Int64 = 0
    /// Σ of payments on those accounts in the period, after the case opened and until it closed.
    public var recoveredMinor: Int64 = 0
    /// Per case (x = overdue at entry, y = recovered), for the recovery rate's interval.
    public var recovery = RatioEstimate()
    /// Portfolio overdue and outstanding at the last snapshot of the period; nil for dimensions
    /// the snapshots are not kept by.
    public var overdueMinor: Int64?
    public var outstandingMinor: Int64?
    /// Contact attempts other than messages sent, and those that reached the customer themself.
    public var attempts = 0
    public var rightPartyContacts = 0
    /// Distinct customers with at least one attempt.
    public var customersContacted = 0
    public var promisesMade = 0
    public var promisesSettled = 0
    public var promisesKept = 0
    public var promisesPartlyKept = 0
    public var ratings = 0
    public var ratingSum = 0
    /// Ratings of 4 or 5.
    public var ratingsHigh = 0
    public var complaints = 0
    /// Supervisors' quality reviews of the period's attempts and the points they gave (`QualityChecks`).
    public var qualityReviews = 0
    public var qualityPoints = 0
    /// Work that costs money: messages created and tasks given to someone, by channel.
    public var work: [Channel: Int] = [:]

    public init(currency: String) { self.currency = currency }
}
