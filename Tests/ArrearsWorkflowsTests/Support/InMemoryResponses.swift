import ArrearsCore
import ArrearsStore
import Foundation

/// The response models' history and registry kept in memory: the ledgers a test gives (with
/// which accounts the stored positions call delinquent), the logged actions and the registered
/// response models.
final class InMemoryResponses: ResponseRecords, @unchecked Sendable {
    private let lock = NSLock()
    private var ledgerRows: [AccountLedger] = []
    private var delinquent: Set<String> = []
    private var actionRows: [ActionHistoryLoader.Action] = []
    private var modelRows: [ResponseModelRecord] = []

    /// Keeps `ledger`, delinquent in the stored positions or not.
    func add(_ ledger: AccountLedger, delinquent: Bool) {
        lock.withLock {
            ledgerRows.append(ledger)
            if delinquent { self.delinquent.insert(ledger.accountId) }
        }
    }

    func log(_ action: ActionHistoryLoader.Action) { lock.withLock { actionRows.append(action) } }

    var models: [ResponseModelRecord] { lock.withLock { modelRows } }

    func ledgers(_ population: LedgerPopulation) async throws -> [AccountLedger] {
        lock.withLock { ledgerRows.filter { population == .all || delinquent.contains($0.accountId) }.sorted { $0.accountId < $1.accountId } }
    }

    func behaviour() async throws -> [String: CollectionBehaviour] { [:] }

    func actionHistory() async throws -> [String: [ActionHistoryLoader.Action]] {
        lock.withLock { Dictionary(grouping: actionRows, by: \.customerId).mapValues { $0.sorted { $0.date < $1.date } } }
    }

    /// The channels that cannot reach each customer, as a test sets them.
    var unreachable: [String: Set<ActionChannel>] = [:]

    func unreachableChannels() async throws -> [String: Set<ActionChannel>] { lock.withLock { unreachable } }

    func activeResponseModel() async throws -> ResponseModelRecord? { lock.withLock { modelRows.first { $0.status == .active } } }

    func registerResponseCandidate(_ model: @escaping @Sendable (_ version: Int) -> ResponseModelRecord) async throws -> ResponseModelRecord {
        lock.withLock {
            let candidate = model((modelRows.map(\.version).max() ?? 0) + 1)
            modelRows.append(candidate)
            return candidate
        }
    }
}
