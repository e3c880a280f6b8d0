/// One training example: an account at a date, with whether the target event followed.
public struct Observation: Sendable {
    public let accountId: String
    public let date: LocalDate
    public let row: ScoringFeatures.Row
    public let outcome: Bool
}

/// Finds the training examples of a target in one account's history.
///
/// - pay30: each entry into collection on date t (`AccountLedger.collectionEntries`) with
///   t + 30 ≤ as-of; the event is paying, after t and by t + 30, at least `payShare` of what was
///   overdue on t.
/// - roll: each month end m with m + 1 month ≤ as-of at which the account was delinquent and not
///   already in the worst bucket; the event is being in a worse bucket at the next month end.
public struct ObservationSampler: Sendable {
    public let target: ScoringTarget
    public let asOf: LocalDate
    /// Observations start after this date.
    public let since: LocalDate
    public let payShare: Double
    public let buckets: BucketScheme

    public init(target: ScoringTarget, asOf: LocalDate, since: LocalDate, payShare: Double, buckets: BucketScheme) {
        self.target = target
        self.asOf = asOf
        self.since = since
        self.payShare = payShare
        self.buckets = buckets
    }

    /// The month ends after `since` whose next month end is on or before `asOf`.
    public var monthEnds: [LocalDate] {
        let (year, month, _) = since.components
        var first = LocalDate(year: year, month: month, day: 1)!
        var ends: [LocalDate] = []
        while first.adding(months: 2).adding(days: -1) <= asOf {
            let end = first.adding(months: 1).adding(days: -1)
            if end > since { ends.append(end) }
            first = first.adding(months: 1)
        }
        return ends
    }

    public func observations(_ ledger: AccountLedger, _ behaviour: CollectionBehaviour, monthEnds: [LocalDate]) -> [Observation] {
        switch target {
        case .pay30:
            return ledger.collectionEntries(after: since, through: asOf.adding(days: -target.horizonDays)).map { entry in
                let overdue = ledger.position(asOf: entry).overdue
                let paid = ledger.paid(after: entry, through: entry.adding(days: 30))
                return Observation(accountId: ledger.accountId, date: entry,
                                   row: ScoringFeatures.row(ledger, behaviour, at: entry),
                                   outcome: Double(paid) >= payShare * Double(overdue))
            }
        case .roll:
            let worst = buckets.buckets.count - 1
            return monthEnds.compactMap { end in
                let position = ledger.position(asOf: end)
                let bucket = bucketIndex(position.daysPastDue)
                guard position.isDelinquent, bucket < worst else { return nil }
                let next = end.adding(days: 1).adding(months: 1).adding(days: -1)
                let later = bucketIndex(ledger.position(asOf: next).daysPastDue)
                return Observation(accountId: ledger.accountId, date: end,
                                   row: ScoringFeatures.row(ledger, behaviour, at: end), outcome: later > bucket)
            }
        }
    }

    private func bucketIndex(_ daysPastDue: Int) -> Int {
        let bucket = buckets.bucket(forDaysPastDue: daysPastDue)
        return buckets.buckets.firstIndex(of: bucket) ?? 0
    }
}
