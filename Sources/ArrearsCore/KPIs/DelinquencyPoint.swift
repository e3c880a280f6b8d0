/// The portfolio's delinquency on one business date in one currency: overdue balance over total
/// outstanding balance, from the daily bucket totals.
public struct DelinquencyPoint: Sendable, Codable, Equatable {
    public let date: LocalDate
    public let currency: String
    public let overdueMinor: Int64
    public let outstandingMinor: Int64

    public init(date: LocalDate, currency: String, overdueMinor: Int64, outstandingMinor: Int64) {
        self.date = date
        self.currency = currency
        self.overdueMinor = overdueMinor
        self.outstandingMinor = outstandingMinor
    }

    /// overdue / outstanding; nil when nothing is outstanding.
    public var rate: Double? { outstandingMinor == 0 ? nil : Double(overdueMinor) / Double(outstandingMinor) }
}
