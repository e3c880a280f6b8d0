/// How payments were applied to an account's dues.
///
/// Payments go to the oldest due first and, within a due, to fees, then interest, then
/// principal; whatever is left over is a credit that pays later dues as they are booked.
public struct PaymentAllocation: Equatable, Sendable {
    /// What was paid of one due, component by component.
    public struct Applied: Equatable, Sendable {
        public let due: Due
        public var fees: Int64 = 0
        public var interest: Int64 = 0
        public var principal: Int64 = 0

        /// Each part is at most the due's own component, so neither sum can overflow.
        public var paid: Int64 { fees + interest + principal }
        public var unpaid: Int64 { due.amount - paid }
        public var isFullyPaid: Bool { unpaid == 0 }
    }

    /// One entry per due, oldest first.
    public let dues: [Applied]
    /// Paid beyond every due booked so far.
    public let credit: Int64

    /// Allocates `paid` (the sum of the payments considered) over `dues`.
    public init(dues: [Due], paid: Int64) {
        var remaining = max(0, paid)
        var applied: [Applied] = []
        applied.reserveCapacity(dues.count)
        for due in dues.sorted(by: { $0.dueOn < $1.dueOn }) {
            var entry = Applied(due: due)
            entry.fees = min(remaining, due.fees); remaining -= entry.fees
            entry.interest = min(remaining, due.interest); remaining -= entry.interest
            entry.principal = min(remaining, due.principal); remaining -= entry.principal
            applied.append(entry)
        }
        self.dues = applied
        self.credit = remaining
    }

    /// Allocates the payments made on or before `asOf`.
    public init(dues: [Due], payments: [PaymentAmount], asOf: LocalDate) {
        self.init(dues: dues, paid: MinorUnits.total(payments.lazy.filter { $0.paidOn <= asOf }.map(\.amount)))
    }
}
