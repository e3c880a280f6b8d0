import ArrearsCore
import Foundation
import SQLKit

/// The rows of printing letters (`LetterPrintRecords`) in the store's database, on SQLite or
/// PostgreSQL; names and addresses are opened with the store's key.
public struct SQLLetterPrintRecords: LetterPrintRecords {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func transaction<T: Sendable>(_ work: @escaping @Sendable (any LetterPrintTransaction) async throws -> T) async throws -> T {
        let store = store
        return try await store.transaction { database in try await work(Transaction(store: store, database: database)) }
    }

    struct Transaction: LetterPrintTransaction {
        let store: Store
        let database: any SQLDatabase

        func letters(of date: LocalDate) async throws -> [LetterRecords.Letter] { try await LetterRecords.letters(of: date, on: database) }

        var contactChecks: any ContactCheckRecords { SQLContactCheckRecords(database: database) }

        func open(_ stored: String?) throws -> String? { try store.openField(stored) }

        func withhold(_ id: String, reason: String) async throws { try await LetterRecords.withhold(id, reason: reason, on: database) }

        func markPrinted(_ id: String, at now: Date, by actor: String) async throws -> Bool {
            try await LetterRecords.markPrinted(id, at: now, by: actor, on: database)
        }

        func audit(_ events: [AuditEvent], at now: Date) async throws { try await AuditLog.append(events, at: now, on: database) }
    }
}
