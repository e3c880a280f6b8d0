/// What an arrangement does to an account's dues, computed from the dues and the payments that
/// count (oldest due first, fees, then interest, then principal, as `PaymentAllocation`), so that
/// positions computed from the rewritten dues and the same payments come out as agreed.
///
/// A due that is already partly paid keeps its paid part, component by component, on its own
/// date: the payments that paid it still do, and nothing the customer paid moves.
public enum DueRewrite {
    /// The new content of one due date: `before` as stored (nil when there was no due), `after`
    /// as it is to be stored (nil to remove it).
    public struct Change: Equatable, Sendable {
        public let dueOn: LocalDate
        public let before: Due?
        public let after: Due?
    }

    /// The unpaid part of the dues that fell due before `date`.
    public static func overdue(dues: [Due], paid: Int64, on date: LocalDate) -> Due {
        let allocation = PaymentAllocation(dues: dues, paid: paid)
        var principal: Int64 = 0, interest: Int64 = 0, fees: Int64 = 0
        for entry in allocation.dues where entry.due.dueOn < date {
            principal = MinorUnits.adding(principal, entry.due.principal - entry.principal)
            interest = MinorUnits.adding(interest, entry.due.interest - entry.interest)
            fees = MinorUnits.adding(fees, entry.due.fees - entry.fees)
        }
        return Due(dueOn: date, principal: principal, interest: interest, fees: fees)
    }

    /// The overdue dues (before `date`) cut to their paid parts and their unpaid rest booked as
    /// `instalments`, which must add up to it, each on or after `date` and added to a due already
    /// booked on its date. Within the instalments fees come first, then interest, then principal,
    /// as payments are allocated.
    public static func replacingOverdue(dues: [Due], paid: Int64, on date: LocalDate, with instalments: [Instalment]) -> [Change] {
        var ledger = Ledger(dues)
        let allocation = PaymentAllocation(dues: dues, paid: paid)
        var owed = (fees: Int64(0), interest: Int64(0), principal: Int64(0))
        for entry in allocation.dues where entry.due.dueOn < date && !entry.isFullyPaid {
            owed.fees = MinorUnits.adding(owed.fees, entry.due.fees - entry.fees)
            owed.interest = MinorUnits.adding(owed.interest, entry.due.interest - entry.interest)
            owed.principal = MinorUnits.adding(owed.principal, entry.due.principal - entry.principal)
            ledger.set(entry.due.dueOn, paidPart(entry))
        }
        // Input cannot reach this: the only caller (`Arrangements.approve`) makes the instalments
        // from `overdue(dues:paid:on:)` of these same dues, payments and date.
        precondition(MinorUnits.total(instalments.lazy.map(\.amount)) == MinorUnits.total([owed.fees, owed.interest, owed.principal]),
                     "instalments must add up to the overdue amount")
        for instalment in instalments {
            var left = instalment.amount
            func take(_ component: inout Int64) -> Int64 {
                let part = min(left, component)
                component -= part
                left -= part
                return part
            }
            let fees = take(&owed.fees), interest = take(&owed.interest), principal = take(&owed.principal)
            ledger.add(Due(dueOn: instalment.dueOn, principal: principal, interest: interest, fees: fees))
        }
        return ledger.changes
    }

    /// `amount` of the overdue dues' unpaid fees and interest forgiven, oldest due first and,
    /// within a due, fees before interest. Throws when they are less than `amount`.
    public static func waiving(_ amount: Int64, dues: [Due], paid: Int64, on date: LocalDate) throws(ArrangementError) -> [Change] {
        let available = overdue(dues: dues, paid: paid, on: date)
        guard amount <= available.fees + available.interest else {
            throw .invalid(field: "waiver", message: "the waiver is more than the \(available.fees + available.interest) minor units of overdue interest and fees owed")
        }
        var ledger = Ledger(dues)
        var left = amount
        for entry in PaymentAllocation(dues: dues, paid: paid).dues where entry.due.dueOn < date && left > 0 {
            let fees = min(left, entry.due.fees - entry.fees)
            left -= fees
            let interest = min(left, entry.due.interest - entry.interest)
            left -= interest
            guard fees + interest > 0 else { continue }
            ledger.set(entry.due.dueOn, Due(dueOn: entry.due.dueOn, principal: entry.due.principal, interest: entry.due.interest - interest, fees: entry.due.fees - fees))
        }
        return ledger.changes
    }

    /// A settlement of `amount` taking effect on `date`: of the unpaid dues only `amount` is left
    /// owed, the oldest first and, within a due, fees, then interest, then principal (as payments
    /// are allocated), so the account stays as many days past due as it was. The whole amount is
    /// owed now: what is kept of dues not yet due (on or after `date`) moves to the latest overdue
    /// due, or to `payBy` when nothing is overdue. The rest is forgiven for as long as the
    /// settlement is kept (a broken one puts the dues back). Nothing changes when `amount` is not
    /// less than what is unpaid.
    public static func settling(_ amount: Int64, dues: [Due], paid: Int64, on date: LocalDate, payBy: LocalDate) -> [Change] {
        let allocation = PaymentAllocation(dues: dues, paid: paid)
        guard amount < MinorUnits.total(allocation.dues.lazy.map(\.unpaid)) else { return [] }
        let target = allocation.dues.last { $0.due.dueOn < date && !$0.isFullyPaid }?.due.dueOn ?? payBy
        var ledger = Ledger(dues)
        var left = max(0, amount)
        var moved = (fees: Int64(0), interest: Int64(0), principal: Int64(0))
        for entry in allocation.dues where !entry.isFullyPaid {
            func keep(_ unpaid: Int64) -> Int64 {
                let part = min(left, unpaid)
                left -= part
                return part
            }
            let fees = keep(entry.due.fees - entry.fees)
            let interest = keep(entry.due.interest - entry.interest)
            let principal = keep(entry.due.principal - entry.principal)
            if entry.due.dueOn < date {
                let kept = Due(dueOn: entry.due.dueOn, principal: entry.principal + principal, interest: entry.interest + interest, fees: entry.fees + fees)
                ledger.set(entry.due.dueOn, kept.amount == 0 ? nil : kept)
            } else {
                moved = (moved.fees + fees, moved.interest + interest, moved.principal + principal)
                ledger.set(entry.due.dueOn, paidPart(entry))
            }
        }
        if moved.fees + moved.interest + moved.principal > 0 {
            ledger.add(Due(dueOn: target, principal: moved.principal, interest: moved.interest, fees: moved.fees))
        }
        return ledger.changes
    }

    /// Every due cut to its paid part: what is still unpaid is forgiven (a settlement paid in full).
    public static func forgivingUnpaid(dues: [Due], paid: Int64) -> [Change] {
        var ledger = Ledger(dues)
        for entry in PaymentAllocation(dues: dues, paid: paid).dues where !entry.isFullyPaid {
            ledger.set(entry.due.dueOn, paidPart(entry))
        }
        return ledger.changes
    }

    private static func paidPart(_ entry: PaymentAllocation.Applied) -> Due? {
        entry.paid == 0 ? nil : Due(dueOn: entry.due.dueOn, principal: entry.principal, interest: entry.interest, fees: entry.fees)
    }

    /// An account's dues by date, remembering which dates changed.
    private struct Ledger {
        let original: [LocalDate: Due]
        var rows: [LocalDate: Due]
        var touched: Set<LocalDate> = []

        init(_ dues: [Due]) {
            original = Dictionary(dues.map { ($0.dueOn, $0) }, uniquingKeysWith: { first, _ in first })
            rows = original
        }

        mutating func set(_ date: LocalDate, _ due: Due?) {
            rows[date] = due
            touched.insert(date)
        }

        mutating func add(_ due: Due) {
            let existing = rows[due.dueOn]
            set(due.dueOn, Due(dueOn: due.dueOn, principal: due.principal + (existing?.principal ?? 0),
                               interest: due.interest + (existing?.interest ?? 0), fees: due.fees + (existing?.fees ?? 0)))
        }

        var changes: [Change] {
            touched.sorted().compactMap { date in
                original[date] == rows[date] ? nil : Change(dueOn: date, before: original[date], after: rows[date])
            }
        }
    }
}
