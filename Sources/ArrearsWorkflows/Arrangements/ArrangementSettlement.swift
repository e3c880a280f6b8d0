import ArrearsCore
import ArrearsStore
import SQLKit

/// The daily run's step for arrangements: judges every active plan, deferral and settlement on
/// the business date from the payments made on the account since the day it was activated (for
/// a settlement, `SettlementStanding.paidTowards`: also those made later on that day).
///
/// - Completed when everything it asked for is paid; a settlement then forgives the rest of the
///   balance for good (what its approval cut stays cut, and `DueRewrite.forgivingUnpaid` cuts
///   anything booked since), the audit event giving the approval as the reason (`waiverReason`)
///   beside the amount forgiven: the balance as it would be without the settlement, less every
///   payment.
/// - Broken when an instalment is unpaid more than `graceDays` after its date, or a settlement
///   unpaid after its pay-by date (its date is the last day agreed: no grace): collection
///   reopens, because the dues the arrangement replaced are put back as they were. Payments
///   stay where they are, so what the customer paid on it pays the oldest dues first and the
///   account is as delinquent as what was replaced less what was paid.
/// - Otherwise it stays active.
///
/// Active arrangements are few next to accounts, so this reads them one at a time.
public enum ArrangementSettlement {
    public static let actor = "system:daily-run"

    /// Settles the arrangements due on `date`; returns how many became completed and broken.
    @discardableResult
    public static func settle(on date: LocalDate, graceDays: Int, actor: String = actor, database: any SQLDatabase) async throws -> [ArrangementStatus: Int] {
        let (counts, events) = try await settleLeavingAudit(on: date, graceDays: graceDays, actor: actor, database: database)
        try await AuditLog.append(events, on: database)
        return counts
    }

    /// Settles as `settle` does, and returns the audit events for the caller to append in the same
    /// transaction: the daily run appends them at its end, so that it holds the audit log's head
    /// (`AuditLog.append`) only for its commit, not for its whole length.
    static func settleLeavingAudit(on date: LocalDate, graceDays: Int, actor: String,
                                   database: any SQLDatabase) async throws -> (counts: [ArrangementStatus: Int], events: [AuditEvent]) {
        try await settleLeavingAudit(on: date, graceDays: graceDays, actor: actor, records: SQLArrangementSettlementRecords(database: database))
    }

    /// Settles as `settle` does on `records` (the caller's transaction, or rows a test keeps in
    /// memory), and returns the audit events for the caller to append.
    public static func settleLeavingAudit(on date: LocalDate, graceDays: Int, actor: String = actor,
                                          records: any ArrangementSettlementRecords) async throws -> (counts: [ArrangementStatus: Int], events: [AuditEvent]) {
        let active = try await records.activeArrangements()
        var counts: [ArrangementStatus: Int] = [:]
        var events: [AuditEvent] = []
        for arrangement in active where arrangement.kind != .waiver {
            guard let activatedOn = arrangement.activatedOn else { continue }
            var paid = try await records.paid(into: arrangement.accountId, from: activatedOn.adding(days: 1), through: date)
            var dues: [Due] = [], allPaid: Int64 = 0
            if arrangement.kind == .settlement {
                dues = try await records.dues(of: arrangement.accountId)
                allPaid = try await records.paid(into: arrangement.accountId, from: nil, through: date)
                paid = SettlementStanding.paidTowards(arrangement.amountMinor, dues: dues, paidInAll: allPaid, paidAfterActivation: paid)
            }
            let status: ArrangementStatus
            var details = ["account_id": arrangement.accountId, "paid_minor": String(paid)]
            switch ArrangementProgress.judge(arrangement.instalments, paid: paid, on: date, graceDays: arrangement.kind == .settlement ? 0 : graceDays) {
            case .onTrack:
                continue
            case .completed:
                status = .completed
                if arrangement.kind == .settlement {
                    let unsettled = try await records.unsettled(dues, accountId: arrangement.accountId, arrangementId: arrangement.id)
                    details["forgiven_minor"] = String(max(0, MinorUnits.adding(MinorUnits.total(unsettled.lazy.map(\.amount)), -allPaid)))
                    details["reason"] = waiverReason(arrangement)
                    details["approved_by"] = arrangement.decidedBy ?? ""
                    details["approved_on"] = arrangement.decidedOn?.description ?? ""
                    try await records.apply(DueRewrite.forgivingUnpaid(dues: dues, paid: allPaid), accountId: arrangement.accountId,
                                            arrangementId: arrangement.id)
                }
            case .broken(let missed):
                status = .broken
                details["missed_instalment"] = "\(missed.number) due \(missed.dueOn)"
                details["dues_restored"] = String(try await records.restore(accountId: arrangement.accountId, arrangementId: arrangement.id))
            }
            try await records.settle(arrangement.id, as: status, on: date)
            counts[status, default: 0] += 1
            events.append(AuditEvent(actor: actor, action: "arrangement.\(status.rawValue)", subject: arrangement.id, details: details))
        }
        return (counts, events)
    }

    /// Why the rest of a paid settlement is forgiven: its approval, e.g. "settlement ARR-1 for
    /// 300.00 CNY approved by user:s on 2026-11-24: hardship confirmed".
    static func waiverReason(_ settlement: StoredArrangement) -> String {
        let amount = "\(DecimalAmount.format(settlement.amountMinor, minorDigits: settlement.currency.minorDigits)) \(settlement.currency.code)"
        let approval = "approved by \(settlement.decidedBy ?? "unknown") on \(settlement.decidedOn?.description ?? "unknown date")"
        return "settlement \(settlement.id) for \(amount) \(approval)" + (settlement.decisionNote.map { ": \($0)" } ?? "")
    }
}
