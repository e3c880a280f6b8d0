/// Where an account stands on a date: days past due, overdue and outstanding amounts.
///
/// As of a date D a due is overdue when it fell due before D (`dueOn < D`) and is not fully paid
/// by the payments made on or before D. DPD is D minus the due date of the oldest overdue due
/// (0 when none); the overdue amount is the unpaid part of the overdue dues; the outstanding
/// amount is the unpaid part of all dues booked. A due falling on D itself is not yet overdue.
public struct AccountPosition: Equatable, Sendable {
    public let asOf: LocalDate
    public let daysPastDue: Int
    public let overdue: Int64
    public let outstanding: Int64
    /// Paid beyond all dues booked.
    public let credit: Int64
    /// The oldest due not fully paid, whether or not it is overdue yet.
    public let oldestUnpaidDueOn: LocalDate?

    public init(asOf: LocalDate, daysPastDue: Int, overdue: Int64, outstanding: Int64, credit: Int64, oldestUnpaidDueOn: LocalDate?) {
        self.asOf = asOf
        self.daysPastDue = daysPastDue
        self.overdue = overdue
        self.outstanding = outstanding
        self.credit = credit
        self.oldestUnpaidDueOn = oldestUnpaidDueOn
    }

    /// The position of an account with these dues and payments, as of `asOf`.
    public init(dues: [Due], payments: [PaymentAmount], asOf: LocalDate) {
        self.init(allocation: PaymentAllocation(dues: dues, payments: payments, asOf: asOf), asOf: asOf)
    }

    public init(allocation: PaymentAllocation, asOf: LocalDate) {
        let unpaid = allocation.dues.filter { !$0.isFullyPaid }
        let overdueDues = unpaid.filter { $0.due.dueOn < asOf }
        let oldest = unpaid.first?.due.dueOn
        self.init(
            asOf: asOf,
            daysPastDue: overdueDues.first.map { asOf.days(since: $0.due.dueOn) } ?? 0,
            overdue: MinorUnits.total(overdueDues.lazy.map(\.unpaid)),
            outstanding: MinorUnits.total(unpaid.lazy.map(\.unpaid)),
            credit: allocation.credit,
            oldestUnpaidDueOn: oldest
        )
    }

    public var isDelinquent: Bool { daysPastDue > 0 }
}
