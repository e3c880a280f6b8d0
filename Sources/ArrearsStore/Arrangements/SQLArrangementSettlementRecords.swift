import ArrearsCore
import SQLKit

/// The rows of settling arrangements (`ArrangementSettlementRecords`) on the caller's transaction
/// on `database`, on SQLite or PostgreSQL.
public struct SQLArrangementSettlementRecords: ArrangementSettlementRecords {
    public let database: any SQLDatabase

    public init(database: any SQLDatabase) { self.database = database }

    public func activeArrangements() async throws -> [StoredArrangement] {
        try await SQLArrangementRecords(database: database).list(status: .active, accountId: nil, scope: .all, after: nil, limit: Int(Int32.max))
    }

    public func dues(of accountId: String) async throws -> [Due] { try await AccountDues.dues(of: accountId, on: database) }

    public func paid(into accountId: String, from: LocalDate?, through: LocalDate) async throws -> Int64 {
        try await AccountDues.paid(into: accountId, from: from, through: through, on: database)
    }

    public func unsettled(_ dues: [Due], accountId: String, arrangementId: String) async throws -> [Due] {
        try await AccountDues.unsettled(dues, accountId: accountId, arrangementId: arrangementId, on: database)
    }

    public func apply(_ changes: [DueRewrite.Change], accountId: String, arrangementId: String) async throws {
        try await AccountDues.apply(changes, accountId: accountId, arrangementId: arrangementId, on: database)
    }

    public func restore(accountId: String, arrangementId: String) async throws -> Int {
        try await AccountDues.restore(accountId: accountId, arrangementId: arrangementId, on: database)
    }

    public func settle(_ id: String, as status: ArrangementStatus, on date: LocalDate) async throws {
        try await database.raw("""
            UPDATE arrangements SET status = \(bind: status.rawValue), settled_on = \(bind: date.description) WHERE id = \(bind: id)
            """).run()
    }
}
