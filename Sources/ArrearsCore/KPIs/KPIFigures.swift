/// One group's collection KPIs for a period, in one currency (docs/kpis.md gives every formula).
/// Counts are Int, money Int64 minor units of `currency`, rates Double and nil when their
/// denominator is 0. Cost figures are nil when `currency` is not the currency of the unit costs.
public struct KPIFigures: Sendable, Codable, Equatable {
    public let currency: String
    public let casesWorked: Int
    public let casesCured: Int
    public let cureRate: Double?
    public let overdueAtEntryMinor: Int64
    public let recoveredMinor: Int64
    public let recoveryRate: Double?
    public let overdueMinor: Int64?
    public let outstandingMinor: Int64?
    public let delinquencyRate: Double?
    public let attempts: Int
    public let rightPartyContacts: Int
    public let rightPartyContactRate: Double?
    public let contactsPerRightPartyContact: Double?
    public let promisesMade: Int
    public let promiseRate: Double?
    public let promisesSettled: Int
    public let promisesKept: Int
    public let promisesPartlyKept: Int
    public let promiseKeptRate: Double?
    public let promisePartlyKeptRate: Double?
    public let ratings: Int
    public let ratingMean: Double?
    public let ratingHighShare: Double?
    public let customersContacted: Int
    public let complaints: Int
    public let complaintRate: Double?
    /// Quality reviews of the period's attempts, and the share of their checks passed
    /// (points / (5 × reviews)): how the collecting was done, beside how much it brought in.
    public let qualityReviews: Int
    public let qualityScore: Double?
    /// Messages created and tasks assigned, by channel name (`sms`, `email`, `call`, `visit`, `letter`, `legal_review`).
    public let workByChannel: [String: Int]
    /// workByChannel × unit cost, by channel name.
    public let costByChannelMinor: [String: Int64]?
    public let costMinor: Int64?
    /// costMinor / recoveredMinor: what each minor unit recovered cost.
    public let costPerUnitRecovered: Double?
    /// recoveredMinor − costMinor.
    public let netRecoveryMinor: Int64?

    public init(_ tally: KPITally, costs: ChannelCosts) {
        func ratio(_ numerator: Int, _ denominator: Int) -> Double? { denominator == 0 ? nil : Double(numerator) / Double(denominator) }
        func ratio(_ numerator: Int64, _ denominator: Int64) -> Double? { denominator == 0 ? nil : Double(numerator) / Double(denominator) }
        currency = tally.currency
        casesWorked = tally.casesWorked
        casesCured = tally.casesCured
        cureRate = ratio(tally.casesCured, tally.casesWorked)
        overdueAtEntryMinor = tally.overdueAtEntryMinor
        recoveredMinor = tally.recoveredMinor
        recoveryRate = ratio(tally.recoveredMinor, tally.overdueAtEntryMinor)
        overdueMinor = tally.overdueMinor
        outstandingMinor = tally.outstandingMinor
        delinquencyRate = tally.overdueMinor.flatMap { overdue in tally.outstandingMinor.flatMap { ratio(overdue, $0) } }
        attempts = tally.attempts
        rightPartyContacts = tally.rightPartyContacts
        rightPartyContactRate = ratio(tally.rightPartyContacts, tally.attempts)
        contactsPerRightPartyContact = ratio(tally.attempts, tally.rightPartyContacts)
        promisesMade = tally.promisesMade
        promiseRate = ratio(tally.promisesMade, tally.rightPartyContacts)
        promisesSettled = tally.promisesSettled
        promisesKept = tally.promisesKept
        promisesPartlyKept = tally.promisesPartlyKept
        promiseKeptRate = ratio(tally.promisesKept, tally.promisesSettled)
        promisePartlyKeptRate = ratio(tally.promisesPartlyKept, tally.promisesSettled)
        ratings = tally.ratings
        ratingMean = ratio(tally.ratingSum, tally.ratings)
        ratingHighShare = ratio(tally.ratingsHigh, tally.ratings)
        customersContacted = tally.customersContacted
        complaints = tally.complaints
        complaintRate = ratio(tally.complaints, tally.customersContacted)
        qualityReviews = tally.qualityReviews
        qualityScore = ratio(tally.qualityPoints, tally.qualityReviews * QualityChecks.maximum)
        workByChannel = Dictionary(uniqueKeysWithValues: tally.work.map { ($0.key.rawValue, $0.value) })
        if costs.currency.code == tally.currency {
            let byChannel = costs.cost(of: tally.work)
            let total = byChannel.values.reduce(0, +)
            costByChannelMinor = Dictionary(uniqueKeysWithValues: byChannel.map { ($0.key.rawValue, $0.value) })
            costMinor = total
            costPerUnitRecovered = ratio(total, tally.recoveredMinor)
            netRecoveryMinor = tally.recoveredMinor - total
        } else {
            costByChannelMinor = nil
            costMinor = nil
            costPerUnitRecovered = nil
            netRecoveryMinor = nil
        }
    }
}
