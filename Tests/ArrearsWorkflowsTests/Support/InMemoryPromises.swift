import ArrearsCore
import ArrearsStore
import Foundation

/// Cases and promises to pay kept in memory, with the audit actions written. A transaction that
/// throws leaves them as they were, as the database's does. Every case is within every scope:
/// the scope's rule is the database's (`WorkScopeFilter`), tested in `WorkbenchStoreTests`.
final class InMemoryPromises: PromiseBookRecords, PromiseBookTransaction, @unchecked Sendable {
    private struct Rows {
        var cases: [String: PromiseCase] = [:]
        var promises: [String: StoredPromise] = [:]
        var audit: [String] = []
    }

    private let lock = NSLock()
    private var rows = Rows()

    /// Case `caseId` of `customerId` in CNY, owing `overdueMinor` at the last run and, when
    /// given, `positionsOverdueMinor` on its accounts' stored positions.
    func addCase(_ caseId: String, customerId: String = "C1", status: String = "open", overdueMinor: Int64 = 100_000, positionsOverdueMinor: Int64? = nil) {
        lock.withLock {
            rows.cases[caseId] = PromiseCase(customerId: customerId, status: status, currency: "CNY", caseOverdueMinor: overdueMinor,
                                             positionsOverdueMinor: positionsOverdueMinor)
        }
    }

    var promises: [StoredPromise] { lock.withLock { rows.promises.values.sorted { $0.id < $1.id } } }
    var auditActions: [String] { lock.withLock { rows.audit } }

    func transaction<T: Sendable>(_ work: @escaping @Sendable (any PromiseBookTransaction) async throws -> T) async throws -> T {
        let before = lock.withLock { rows }
        do { return try await work(self) } catch {
            lock.withLock { rows = before }
            throw error
        }
    }

    func promiseCase(_ caseId: String, scope: WorkScope) async throws -> PromiseCase? { lock.withLock { rows.cases[caseId] } }

    func pendingPromise(ofCase caseId: String) async throws -> String? {
        lock.withLock { rows.promises.values.filter { $0.caseId == caseId && $0.status == "pending" }.map(\.id).min() }
    }

    func insert(_ promise: StoredPromise) async throws -> StoredPromise {
        lock.withLock { rows.promises[promise.id] = promise }
        return promise
    }

    func audit(_ events: [AuditEvent]) async throws { lock.withLock { rows.audit += events.map(\.action) } }
}
