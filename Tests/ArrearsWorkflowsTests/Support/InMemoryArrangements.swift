import ArrearsCore
import ArrearsStore
import Foundation

/// Accounts with their dues and payments, arrangements and audit events kept in memory. A user
/// working as an agent sees the customers `assigned` to that agent id.
final class InMemoryArrangements: ArrangementRecords, @unchecked Sendable {
    struct Account {
        var customerId: String
        var currency: String
        var dues: [Due]
        var paid: Int64
    }

    private let lock = NSLock()
    private var accounts: [String: Account]
    private var arrangements: [String: StoredArrangement] = [:]
    private var events: [AuditEvent] = []
    private let assigned: [String: Set<String>]
    /// The customers whose hardship (or other) flags are open.
    var openFlags: [String: Set<CustomerFlag.Kind>] = [:]

    init(accounts: [String: Account], assigned: [String: Set<String>] = [:]) {
        self.accounts = accounts
        self.assigned = assigned
    }

    func dues(_ accountId: String) -> [Due] { lock.withLock { accounts[accountId]?.dues ?? [] } }
    func arrangement(_ id: String) -> StoredArrangement? { lock.withLock { arrangements[id] } }
    var arrangementCount: Int { lock.withLock { arrangements.count } }
    var auditActions: [String] { lock.withLock { events.map(\.action) } }

    private func sees(_ customerId: String, _ scope: WorkScope) -> Bool {
        switch scope {
        case .all: true
        case .assignedTo(let agentId, _, _): assigned[agentId]?.contains(customerId) ?? false
        }
    }

    func holdsOpenFlag(_ kind: CustomerFlag.Kind, customerId: String) async throws -> Bool {
        lock.withLock { openFlags[customerId]?.contains(kind) ?? false }
    }

    func account(_ accountId: String, scope: WorkScope) async throws -> (customerId: String, currency: String)? {
        lock.withLock { accounts[accountId].flatMap { sees($0.customerId, scope) ? ($0.customerId, $0.currency) : nil } }
    }

    func openArrangement(ofAccount accountId: String) async throws -> String? {
        lock.withLock {
            arrangements.values.filter { $0.accountId == accountId && [.proposed, .approved, .active].contains($0.status) }.map(\.id).min()
        }
    }

    func approved(ofAccount accountId: String, decidedSince since: LocalDate) async throws -> [StoredArrangement] {
        lock.withLock {
            arrangements.values.filter { a in
                a.accountId == accountId && [.approved, .active, .completed].contains(a.status) && (a.decidedOn.map { $0 >= since } ?? false)
            }.sorted { $0.id < $1.id }
        }
    }

    /// Moves arrangement `id`'s decision back by `days` (an arrangement decided long ago).
    func backdate(_ id: String, days: Int) {
        lock.withLock {
            guard let a = arrangements[id], let on = a.decidedOn else { return }
            arrangements[id] = StoredArrangement(
                id: a.id, accountId: a.accountId, customerId: a.customerId, kind: a.kind, status: a.status, currency: a.currency, amountMinor: a.amountMinor,
                basisMinor: a.basisMinor, instalmentCount: a.instalmentCount, firstOn: a.firstOn, newDueOn: a.newDueOn, payBy: a.payBy, reason: a.reason,
                requiredRole: a.requiredRole, proposedBy: a.proposedBy, proposedOn: a.proposedOn.adding(days: -days), decidedBy: a.decidedBy,
                decidedOn: on.adding(days: -days), decisionNote: a.decisionNote, activatedOn: a.activatedOn, settledOn: a.settledOn, instalments: a.instalments)
        }
    }

    func dues(of accountId: String) async throws -> [Due] { dues(accountId) }

    func paid(into accountId: String, through: LocalDate) async throws -> Int64 { lock.withLock { accounts[accountId]?.paid ?? 0 } }

    func insert(_ new: NewArrangement, instalments: [Instalment]) async throws {
        lock.withLock {
            arrangements[new.id] = StoredArrangement(
                id: new.id, accountId: new.accountId, customerId: new.customerId, kind: new.kind, status: .proposed, currency: Currency(code: new.currency) ?? .cny,
                amountMinor: new.amountMinor, basisMinor: new.basisMinor, instalmentCount: new.instalmentCount, firstOn: new.firstOn, newDueOn: new.newDueOn,
                payBy: new.payBy, reason: new.reason, requiredRole: new.requiredRole, proposedBy: new.proposedBy, proposedOn: new.proposedOn,
                decidedBy: nil, decidedOn: nil, decisionNote: nil, activatedOn: nil, settledOn: nil, instalments: instalments)
        }
    }

    func find(_ id: String, scope: WorkScope, locking: Bool) async throws -> StoredArrangement? {
        lock.withLock { arrangements[id].flatMap { sees($0.customerId, scope) ? $0 : nil } }
    }

    func replaceInstalments(of id: String, with instalments: [Instalment]) async throws {
        lock.withLock {
            guard let a = arrangements[id] else { return }
            arrangements[id] = a.with(status: a.status, amountMinor: a.amountMinor, instalments: instalments)
        }
    }

    func apply(_ changes: [DueRewrite.Change], accountId: String, arrangementId: String) async throws {
        lock.withLock {
            guard var account = accounts[accountId] else { return }
            for change in changes {
                account.dues.removeAll { $0.dueOn == change.dueOn }
                if let after = change.after { account.dues.append(after) }
            }
            account.dues.sort { $0.dueOn < $1.dueOn }
            accounts[accountId] = account
        }
    }

    func decide(_ id: String, _ decision: ArrangementDecision) async throws -> Bool {
        lock.withLock {
            guard let a = arrangements[id], a.status == .proposed else { return false }
            let approved = decision.status != .rejected
            arrangements[id] = a.with(status: decision.status, amountMinor: decision.amountMinor ?? a.amountMinor, instalments: a.instalments,
                                      decidedBy: decision.decidedBy, decidedOn: decision.decidedOn, decisionNote: decision.note,
                                      activatedOn: approved ? decision.decidedOn : nil, settledOn: decision.status == .completed ? decision.decidedOn : nil)
            return true
        }
    }

    func audit(_ events: [AuditEvent]) async throws { lock.withLock { self.events += events } }
}

extension StoredArrangement {
    func with(status: ArrangementStatus, amountMinor: Int64, instalments: [Instalment], decidedBy: String? = nil, decidedOn: LocalDate? = nil,
              decisionNote: String? = nil, activatedOn: LocalDate? = nil, settledOn: LocalDate? = nil) -> StoredArrangement {
        StoredArrangement(id: id, accountId: accountId, customerId: customerId, kind: kind, status: status, currency: currency, amountMinor: amountMinor,
                          basisMinor: basisMinor, instalmentCount: instalmentCount, firstOn: firstOn, newDueOn: newDueOn, payBy: payBy, reason: reason,
                          requiredRole: requiredRole, proposedBy: proposedBy, proposedOn: proposedOn, decidedBy: decidedBy ?? self.decidedBy,
                          decidedOn: decidedOn ?? self.decidedOn, decisionNote: decisionNote ?? self.decisionNote,
                          activatedOn: activatedOn ?? self.activatedOn, settledOn: settledOn ?? self.settledOn, instalments: instalments)
    }
}
