import ArrearsCore
import ArrearsStore
import Foundation

/// Active arrangements with their accounts' dues and payments kept in memory, as the daily run's
/// settlement reads them: a due an arrangement rewrites is kept as it stood before, so that a
/// broken one puts it back, as `arrangement_replaced_dues` does.
final class InMemoryArrangementSettlement: ArrangementSettlementRecords, @unchecked Sendable {
    private let lock = NSLock()
    private var arrangements: [String: StoredArrangement] = [:]
    private var accountDues: [String: [Due]] = [:]
    private var payments: [String: [PaymentAmount]] = [:]
    /// arrangement id → due date → the due as it stood before (nil where there was none).
    private var replaced: [String: [LocalDate: Due?]] = [:]

    /// `arrangement`, which has replaced `replacedDues` of its account by `dues`.
    func add(_ arrangement: StoredArrangement, dues: [Due], replacedDues: [LocalDate: Due?] = [:]) {
        lock.withLock {
            arrangements[arrangement.id] = arrangement
            accountDues[arrangement.accountId] = dues.sorted { $0.dueOn < $1.dueOn }
            replaced[arrangement.id] = replacedDues
        }
    }

    func pay(_ amount: Int64, into accountId: String, on date: String) {
        lock.withLock { payments[accountId, default: []].append(PaymentAmount(paidOn: LocalDate(iso: date)!, amount: amount)) }
    }

    func arrangement(_ id: String) -> StoredArrangement? { lock.withLock { arrangements[id] } }
    func dues(_ accountId: String) -> [Due] { lock.withLock { accountDues[accountId] ?? [] } }

    func activeArrangements() async throws -> [StoredArrangement] {
        lock.withLock { arrangements.values.filter { $0.status == .active }.sorted { $0.id < $1.id } }
    }

    func dues(of accountId: String) async throws -> [Due] { dues(accountId) }

    func paid(into accountId: String, from: LocalDate?, through: LocalDate) async throws -> Int64 {
        lock.withLock {
            (payments[accountId] ?? []).filter { payment in (from.map { payment.paidOn >= $0 } ?? true) && payment.paidOn <= through }.reduce(0) { $0 + $1.amount }
        }
    }

    func unsettled(_ dues: [Due], accountId: String, arrangementId: String) async throws -> [Due] {
        lock.withLock {
            var byDate = Dictionary(dues.map { ($0.dueOn, $0) }, uniquingKeysWith: { first, _ in first })
            for (date, original) in replaced[arrangementId] ?? [:] { byDate[date] = original }
            return byDate.values.sorted { $0.dueOn < $1.dueOn }
        }
    }

    func apply(_ changes: [DueRewrite.Change], accountId: String, arrangementId: String) async throws {
        lock.withLock {
            for change in changes {
                if replaced[arrangementId]?[change.dueOn] == nil { replaced[arrangementId, default: [:]][change.dueOn] = .some(change.before) }
                write(change.after, on: change.dueOn, accountId: accountId)
            }
        }
    }

    func restore(accountId: String, arrangementId: String) async throws -> Int {
        lock.withLock {
            let rows = replaced[arrangementId] ?? [:]
            for (date, original) in rows { write(original, on: date, accountId: accountId) }
            return rows.count
        }
    }

    func settle(_ id: String, as status: ArrangementStatus, on date: LocalDate) async throws {
        lock.withLock {
            guard let a = arrangements[id] else { return }
            arrangements[id] = a.with(status: status, amountMinor: a.amountMinor, instalments: a.instalments, settledOn: date)
        }
    }

    /// Call holding the lock.
    private func write(_ due: Due?, on date: LocalDate, accountId: String) {
        var dues = accountDues[accountId] ?? []
        dues.removeAll { $0.dueOn == date }
        if let due { dues.append(due) }
        accountDues[accountId] = dues.sorted { $0.dueOn < $1.dueOn }
    }
}
