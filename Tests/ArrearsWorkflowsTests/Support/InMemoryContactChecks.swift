import ArrearsCore
import ArrearsStore
import Foundation

/// Customers' standings and contact overrides kept in memory: the standings a test gives (a
/// customer without one does not exist), the overrides kept and the audit actions written.
final class InMemoryContactChecks: ContactCheckRecords, @unchecked Sendable {
    private let lock = NSLock()
    private var standings: [String: CustomerStanding] = [:]
    private var kept: [ContactOverride] = []
    private var audit: [String] = []

    /// Customer `id` with `standing`.
    func add(_ id: String, _ standing: CustomerStanding) { lock.withLock { standings[id] = standing } }

    var overrides: [ContactOverride] { lock.withLock { kept } }
    var auditActions: [String] { lock.withLock { audit } }

    func standing(of customerId: String, at instant: Date, lookbackDays: Int) async throws -> CustomerStanding? {
        lock.withLock { standings[customerId] }
    }

    func standings(of customerIds: [String], at instant: Date, lookbackDays: Int) async throws -> [String: CustomerStanding] {
        lock.withLock { standings.filter { customerIds.contains($0.key) } }
    }

    func recordOverride(_ override: ContactOverride, at now: Date) async throws {
        lock.withLock {
            kept.append(override)
            audit.append("contact_override")
        }
    }
}
