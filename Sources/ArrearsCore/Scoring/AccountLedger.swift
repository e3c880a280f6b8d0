/// One account's dues and payments in date order, with running totals, so that its position and
/// payment history can be read as of any date without allocating again.
///
/// Payments are allocated oldest due first (`PaymentAllocation`), so with P(D) the sum paid on or
/// before D and C(k) the running total of dues in date order, due k is unpaid on D exactly when
/// C(k) > P(D). The store's `PositionQuery` states the same rule in SQL.
///
/// Two ledgers are equal when they hold the same account, dates and running totals (the store
/// tests hold the loaders' two ways of reading them equal).
public struct AccountLedger: Sendable, Equatable {
    public let accountId: String
    public let customerId: String
    public let product: String
    public let creditRating: String
    public let openedOn: LocalDate
    /// Minor digits of the account's currency, to state amounts in major units as features.
    public let minorDigits: Int

    private let dueDates: [LocalDate]
    private let dueRunning: [Int64]
    private let paymentDates: [LocalDate]
    private let paymentRunning: [Int64]

    public init(accountId: String, customerId: String, product: String, creditRating: String, openedOn: LocalDate,
                minorDigits: Int, dues: [(dueOn: LocalDate, amount: Int64)], payments: [(paidOn: LocalDate, amount: Int64)]) {
        self.accountId = accountId
        self.customerId = customerId
        self.product = product
        self.creditRating = creditRating
        self.openedOn = openedOn
        self.minorDigits = minorDigits
        let sortedDues = dues.sorted { $0.dueOn < $1.dueOn }
        let sortedPayments = payments.sorted { $0.paidOn < $1.paidOn }
        dueDates = sortedDues.map(\.dueOn)
        dueRunning = Self.running(sortedDues.map(\.amount))
        paymentDates = sortedPayments.map(\.paidOn)
        paymentRunning = Self.running(sortedPayments.map(\.amount))
    }

    private static func running(_ amounts: [Int64]) -> [Int64] {
        var total: Int64 = 0
        return amounts.map { total = MinorUnits.adding(total, $0); return total }
    }

    /// Index of the first element of `dates` greater than `date`.
    private static func upperBound(_ dates: [LocalDate], _ date: LocalDate) -> Int {
        var low = 0, high = dates.count
        while low < high {
            let middle = (low + high) / 2
            if dates[middle] <= date { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Paid on or before `date`.
    public func paid(through date: LocalDate) -> Int64 {
        let count = Self.upperBound(paymentDates, date)
        return count == 0 ? 0 : paymentRunning[count - 1]
    }

    /// Paid after `start` and on or before `end`.
    public func paid(after start: LocalDate, through end: LocalDate) -> Int64 {
        paid(through: end) - paid(through: start)
    }

    /// Number of payments after `start` and on or before `end`.
    public func payments(after start: LocalDate, through end: LocalDate) -> Int {
        Self.upperBound(paymentDates, end) - Self.upperBound(paymentDates, start)
    }

    /// The last payment on or before `date`.
    public func lastPayment(through date: LocalDate) -> LocalDate? {
        let count = Self.upperBound(paymentDates, date)
        return count == 0 ? nil : paymentDates[count - 1]
    }

    /// Dues falling after `start` and on or before `end`, in minor units.
    public func due(after start: LocalDate, through end: LocalDate) -> Int64 {
        func through(_ date: LocalDate) -> Int64 {
            let count = Self.upperBound(dueDates, date)
            return count == 0 ? 0 : dueRunning[count - 1]
        }
        return through(end) - through(start)
    }

    /// The account's position as of `date`, equal to `AccountPosition(dues:payments:asOf:)`.
    public func position(asOf date: LocalDate) -> AccountPosition {
        let paid = paid(through: date)
        let total = dueRunning.last ?? 0
        let pastCount = Self.upperBound(dueDates, date.adding(days: -1))
        let pastTotal = pastCount == 0 ? 0 : dueRunning[pastCount - 1]
        let oldestIndex = dueRunning.firstIndex { $0 > paid }
        let oldest = oldestIndex.map { dueDates[$0] }
        let daysPastDue = oldest.map { $0 < date ? date.days(since: $0) : 0 } ?? 0
        return AccountPosition(asOf: date, daysPastDue: daysPastDue, overdue: max(0, pastTotal - paid),
                               outstanding: max(0, total - paid), credit: max(0, paid - total), oldestUnpaidDueOn: oldest)
    }

    /// The dates on which the account entered collection: the day after a due date when that
    /// due was left unpaid and nothing older was overdue the day before.
    public func collectionEntries(after start: LocalDate, through end: LocalDate) -> [LocalDate] {
        var entries: [LocalDate] = []
        var previous: LocalDate?
        for dueOn in dueDates where dueOn != previous {
            previous = dueOn
            let entry = dueOn.adding(days: 1)
            guard entry > start, entry <= end else { continue }
            if position(asOf: entry).isDelinquent, !position(asOf: dueOn).isDelinquent { entries.append(entry) }
        }
        return entries
    }

    /// Dues falling after `start` and on or before `end` that were not fully paid by their date.
    public func duesPaidLate(after start: LocalDate, through end: LocalDate) -> Int {
        var late = 0
        for index in dueDates.indices where dueDates[index] > start && dueDates[index] <= end {
            if dueRunning[index] > paid(through: dueDates[index]) { late += 1 }
        }
        return late
    }
}
