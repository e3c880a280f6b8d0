import FluentKit
import SQLKit

/// A PostgreSQL advisory lock that Arrears takes inside a transaction to make writers of one
/// thing (the audit chain's head, one business date's run) take turns, across every connection
/// and every process on the database. It is held until the transaction commits or rolls back,
/// so nothing is left locked by a process that dies.
///
/// SQLite needs none of it: a write transaction there takes the database's one write lock at
/// its start (`BEGIN IMMEDIATE`, see `Store.transaction`), which already makes writers of every
/// process take turns; `take` and `try` do nothing on SQLite and answer as if the lock were had.
public struct AdvisoryLock: Sendable, Equatable {
    /// The two 32-bit keys of `pg_advisory_xact_lock(int, int)`: `space` names the kind of
    /// thing locked, `key` which one of them.
    public let space: Int32
    public let key: Int32

    /// A namespace of Arrears' own (ASCII "ARRE"), so that its locks do not meet another
    /// application's on a shared database.
    static let arrears: Int32 = 0x4152_5245

    /// The audit log's head: held from reading the last entry to the commit that adds the next.
    public static let auditHead = AdvisoryLock(space: arrears, key: 1)

    /// The daily run of any date: two runs never write the day's tables at once.
    public static let dailyRun = AdvisoryLock(space: arrears, key: 2)

    /// The leadership of the scheduled daily run among `arrears serve --schedule` processes
    /// (`LeaderLock`, a session-level lock).
    public static let scheduleLeader = AdvisoryLock(space: arrears, key: 10)

    /// The leadership of the outbox's continuous delivery among `arrears serve --schedule` processes.
    public static let outboxLeader = AdvisoryLock(space: arrears, key: 11)

    /// Waits until this transaction holds the lock. On PostgreSQL `database` must be in a
    /// transaction (the lock would otherwise end with the statement).
    public func take(on database: any SQLDatabase) async throws {
        guard database.dialect.name == "postgresql" else { return }
        try await database.raw("SELECT pg_advisory_xact_lock(\(bind: space), \(bind: key))").run()
    }

    /// Takes the lock if no other transaction holds it, without waiting; false when another does.
    public func tryTake(on database: any SQLDatabase) async throws -> Bool {
        guard database.dialect.name == "postgresql" else { return true }
        let row = try await database.raw("SELECT pg_try_advisory_xact_lock(\(bind: space), \(bind: key)) AS taken").first()
        return try row?.decode(column: "taken", as: Bool.self) ?? false
    }

    /// Runs `work` in a transaction that holds the lock: the caller's when `database` is already
    /// in one, else a new one (PostgreSQL through Fluent; on SQLite `work` runs as it is).
    static func holding<T: Sendable>(_ lock: AdvisoryLock, on database: any SQLDatabase,
                                     _ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard database.dialect.name == "postgresql", let fluent = database as? any FluentKit.Database, !fluent.inTransaction else {
            try await lock.take(on: database)
            return try await work(database)
        }
        return try await fluent.transaction { transaction in
            guard let sql = transaction as? any SQLDatabase else { throw AdvisoryLockError.notSQL }
            try await lock.take(on: sql)
            return try await work(sql)
        }
    }
}

/// A Fluent transaction that is not an SQLKit database: not the case for either driver Arrears uses.
enum AdvisoryLockError: Error {
    case notSQL
}
