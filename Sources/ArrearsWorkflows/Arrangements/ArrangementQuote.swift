import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

extension Arrangements {
    /// What proposed terms come to for an account's dues and payments as of the end of `today`:
    /// the amount, what its authority measure is a share of, the instalments and the measure.
    struct Quote {
        let amount: Int64
        let basis: Int64
        let instalments: [Instalment]
        let measure: ArrangementMeasure

        init(terms: ArrangementTerms, reason: String?, dues: [Due], paid: Int64, today: LocalDate) throws(ArrangementError) {
            let overdue = DueRewrite.overdue(dues: dues, paid: paid, on: today)
            func requireOverdue() throws(ArrangementError) {
                guard overdue.amount > 0 else { throw .invalid(field: "account_id", message: "nothing is overdue on the account") }
            }
            switch terms {
            case .instalmentPlan(let count, let firstDate):
                try requireOverdue()
                amount = overdue.amount
                basis = overdue.amount
                instalments = try InstalmentPlan.make(total: overdue.amount, count: count, firstDate: firstDate, today: today)
                measure = .instalments(count)
            case .deferral(let newDueDate):
                try requireOverdue()
                guard newDueDate > today else { throw .invalid(field: "new_due_date", message: "the new due date must be after today (\(today))") }
                guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw .invalid(field: "reason", message: "a deferral needs a reason")
                }
                amount = overdue.amount
                basis = overdue.amount
                instalments = [Instalment(number: 1, dueOn: newDueDate, amount: overdue.amount)]
                measure = .deferralDays(newDueDate.days(since: today))
            case .waiver(let waived):
                basis = overdue.interest + overdue.fees
                guard basis > 0 else { throw .invalid(field: "waiver", message: "the account owes no overdue interest or fees to waive") }
                switch waived {
                case .amount(let minor): amount = minor
                case .share(let points):
                    guard (1...10_000).contains(points) else { throw .invalid(field: "waiver_share", message: "the share waived must be more than 0% and at most 100%") }
                    amount = Self.share(basis, points)
                }
                guard amount > 0, amount <= basis else {
                    throw .invalid(field: "waiver_amount", message: "the amount waived must be more than zero and at most the \(basis) minor units of overdue interest and fees")
                }
                instalments = []
                measure = .waiverShare(basisPoints: ArrangementMeasure.basisPoints(amount, of: basis))
            case .settlement(let settled, let payBy):
                let outstanding = max(0, MinorUnits.adding(MinorUnits.total(dues.lazy.map(\.amount)), -paid))
                guard outstanding > 0 else { throw .invalid(field: "account_id", message: "nothing is outstanding on the account") }
                guard settled > 0, settled < outstanding else {
                    throw .invalid(field: "amount", message: "a settlement must be more than zero and less than the \(outstanding) minor units outstanding")
                }
                guard payBy >= today else { throw .invalid(field: "pay_by", message: "the settlement's date may not be before today (\(today))") }
                amount = settled
                basis = outstanding
                instalments = [Instalment(number: 1, dueOn: payBy, amount: settled)]
                measure = .settlementDiscount(basisPoints: ArrangementMeasure.basisPoints(outstanding - settled, of: outstanding))
            }
        }

        /// `points` basis points of `whole`, rounded down to the minor unit.
        static func share(_ whole: Int64, _ points: Int) -> Int64 {
            Int64(10_000).dividingFullWidth(whole.multipliedFullWidth(by: Int64(points))).quotient
        }
    }
}

/// What proposing terms would come to, without proposing them: the case page shows it before
/// the collector submits (issue 25). The same calculation `Arrangements.propose` stores.
public struct ArrangementPreview: Sendable, Equatable {
    public let accountId: String
    public let currency: String
    /// What the arrangement is for: the overdue amount a plan or deferral spreads, the amount a
    /// waiver forgives, the amount a settlement asks.
    public let amountMinor: Int64
    /// What the amount is judged against: the overdue amount, the overdue interest and fees a
    /// waiver comes out of, the outstanding balance a settlement replaces.
    public let basisMinor: Int64
    /// The instalments the customer would pay (none for a waiver); they add up to `amountMinor`.
    public let instalments: [Instalment]
    /// The lowest role whose limits cover the terms; nil when no role's do.
    public let requiredRole: Role?
}

extension Arrangements {
    /// `propose`'s calculation for `terms` on the account, stored nowhere; `ArrangementError` as
    /// `propose` would refuse them.
    public static func preview(accountId: String, terms: ArrangementTerms, reason: String?, scope: WorkScope, today: LocalDate,
                               limits: AuthorityLimits, on database: any SQLDatabase) async throws -> ArrangementPreview {
        let records = SQLArrangementRecords(database: database)
        guard let account = try await records.account(accountId, scope: scope) else {
            throw ArrangementError.notFound(field: "account_id", message: "there is no such account")
        }
        let quote = try Quote(terms: terms, reason: reason, dues: try await records.dues(of: accountId),
                              paid: try await records.paid(into: accountId, through: today), today: today)
        let prior = try await priorMeasures(of: accountId, today: today, limits: limits, records: records)
        return ArrangementPreview(accountId: accountId, currency: account.currency, amountMinor: quote.amount, basisMinor: quote.basis,
                                  instalments: quote.instalments, requiredRole: limits.lowestRole(covering: quote.measure, prior: prior))
    }
}
