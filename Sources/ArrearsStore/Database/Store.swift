import ArrearsCore
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// The open database behind Arrears: one `Store` per process, shared by the CLI and the server.
///
/// It owns Fluent's `Databases` (connection pools for SQLite or PostgreSQL) and hands out
/// `Database` and `SQLDatabase` handles. Every query goes through it; nothing else opens
/// connections.
public final class Store: Sendable {
    public let url: DatabaseURL
    public let logger: Logger
    /// Seals personal data (`SealedColumn.all`, and files) at rest; nil for a store opened without
    /// a data key, whose personal data is stored as plaintext (development and test stores).
    public let cipher: FieldCipher?
    /// Signs the links sent to customers (rating a contact, self-service). Keyed by the data key;
    /// a store opened without one signs with a key of its own, valid while it is open.
    public let links: LinkSigner
    private let databases: Databases
    private let eventLoopGroup: any EventLoopGroup
    /// The connections that serve queries on SQLite (`SQLitePool`); nil on PostgreSQL.
    private let pool: SQLitePool?
    /// SQLite's write transactions (`GroupCommit`); nil on PostgreSQL.
    private let groupCommit: GroupCommit?

    private init(url: DatabaseURL, cipher: FieldCipher?, links: LinkSigner, databases: Databases, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        if case .sqlite(let path) = url { pool = SQLitePool(path: path) } else { pool = nil }
        let gate = WriteGate()
        writeGate = gate
        groupCommit = pool.map { GroupCommit(pool: $0, gate: gate, eventLoopGroup: eventLoopGroup, logger: logger) }
        self.links = links
        self.url = url
        self.cipher = cipher
        self.databases = databases
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Opens the database at `url`. With `migrate` the schema is brought up to date first.
    /// With a `dataKey` personal data is sealed on write and opened on read (see `sealField`,
    /// `openField`); without one it is written as plaintext. A key that does not open the
    /// personal data already stored is refused with `PersonalDataError.cannotDecrypt`.
    /// On PostgreSQL the connections introduce themselves as `applicationName`
    /// (`pg_stat_activity.application_name`): `arrears`, or `arrears-read` for the read replica's.
    public static func open(
        _ url: DatabaseURL,
        migrate: Bool = true,
        dataKey: DataKey? = nil,
        applicationName: String = "arrears",
        logger: Logger = Logger(label: "arrears.store"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        threadPool: NIOThreadPool = .singleton
    ) async throws -> Store {
        let databases = Databases(threadPool: threadPool, on: eventLoopGroup)
        switch url {
        case .sqlite(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let text):
            var configuration = try SQLPostgresConfiguration(url: text)
            configuration.coreConfiguration.options.additionalStartupParameters = [("application_name", applicationName)]
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .psql)
        }
        let store = Store(url: url, cipher: dataKey.map(FieldCipher.init(key:)), links: LinkSigner(key: dataKey ?? DataKey.generate()),
                          databases: databases, eventLoopGroup: eventLoopGroup, logger: logger)
        do {
            if case .sqlite = url {
                // WAL lets the server read while the daily run or an import writes; it is
                // remembered in the file, so setting it once per open is enough.
                _ = try await store.sql.raw("PRAGMA journal_mode=WAL").all()
            }
            if migrate { try await store.migrate() }
            try await store.checkDataKey()
        } catch {
            await store.shutdown()
            throw error
        }
        return store
    }

    /// A Fluent database handle on any event loop. Using it after `shutdown()` is a programming error.
    public var database: any Database {
        databases.database(logger: logger, on: eventLoopGroup.any())!
    }

    /// The database for SQLKit's statements: on SQLite the pool's connections, used on the
    /// calling thread (`SQLitePool`); on PostgreSQL Fluent's.
    public var sql: any SQLDatabase {
        guard let pool else { return database as! any SQLDatabase }
        return SQLitePoolDatabase(pool: pool, gate: writeGate, pinned: nil, eventLoop: eventLoopGroup.any(), logger: logger)
    }

    public var dialect: Dialect {
        switch url {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// Applies every migration not yet applied. Safe to run at every start.
    public func migrate() async throws {
        let migrations = Migrations()
        migrations.add(Schema.all)
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: eventLoopGroup.any(), migrationLogLevel: .debug)
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// How many times SQLite compiled a kept statement again (0 on PostgreSQL): a check for
    /// tests that prepared statements stay prepared.
    public var sqliteRecompilations: Int { pool?.recompilations ?? 0 }

    /// One SQLite write transaction at a time in this process (`WriteGate`).
    private let writeGate: WriteGate

    /// Runs `work` in one transaction on one connection: everything or nothing is written.
    /// On SQLite the transaction waits for the others of this process and then starts with
    /// `BEGIN IMMEDIATE`, taking the write lock at once (another process holding it is waited
    /// for by SQLite's busy handler), so it never fails half-way for a lock; transactions that
    /// wait together are committed together, each in its own savepoint (`GroupCommit`).
    ///
    /// With `alone`, for a large write (an import, the daily run), the transaction is not grouped
    /// with others: it runs in one of its own, without a savepoint, which on SQLite keeps the
    /// journal of each statement's pages small and in memory (`GroupCommit`).
    public func transaction<T: Sendable>(alone: Bool = false, _ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let groupCommit else {
            return try await database.transaction { database in try await work(database as! any SQLDatabase) }
        }
        return try await groupCommit.transaction(alone: alone, work)
    }

    /// Runs `work`, which only reads, against one snapshot of the database: on SQLite in one
    /// read transaction on one connection, so that a page's dozen statements agree with each
    /// other and share the pages they read (SQLite drops a connection's page cache whenever
    /// another connection has written since its last transaction, which on a busy server is
    /// between any two statements run one by one). On PostgreSQL in a read-only transaction at
    /// repeatable read, which gives the same one snapshot.
    public func reading<T: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let pool else {
            return try await database.transaction { database in
                let sql = database as! any SQLDatabase
                try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
                return try await work(sql)
            }
        }
        // Straight through on one loop, so that the connection is held only while the work runs.
        let executor = EventLoopTaskExecutor.current(in: eventLoopGroup)
        return try await withTaskExecutorPreference(executor) { [writeGate, logger] in
            let connection = try pool.take()
            defer { pool.giveBack(connection) }
            let sql = SQLitePoolDatabase(pool: pool, gate: writeGate, pinned: connection, eventLoop: executor.eventLoop, logger: logger)
            try await sql.raw("BEGIN").run()
            do {
                let result = try await work(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// The stored form of a personal-data field: sealed when the store has a data key, else the
    /// plaintext unchanged.
    public func sealField(_ plaintext: String?) -> String? {
        guard let plaintext, let cipher else { return plaintext }
        return cipher.seal(plaintext)
    }

    /// The plaintext of a stored personal-data field. Plaintext (written before encryption, or
    /// by a store without a key) passes through; an `enc1:` value needs the key it was sealed
    /// with. Throws `PersonalDataError.keyMissing` when the store has no key and
    /// `.cannotDecrypt` when the key is wrong or the value was altered.
    public func openField(_ stored: String?) throws -> String? {
        guard let stored, stored.hasPrefix(FieldCipher.prefix) else { return stored }
        guard let cipher else { throw PersonalDataError.keyMissing }
        do {
            return try cipher.open(stored)
        } catch {
            throw PersonalDataError.cannotDecrypt
        }
    }

    /// The keyed hash that finds a customer by `field` without decrypting any row; nil when the
    /// store has no key (its lookup-hash columns are empty). The value is normalised first.
    public func lookupHash(_ field: PersonalField, _ value: String) -> String? {
        cipher?.lookupHash(field.normalise(value))
    }

    /// Whether the database answers a trivial query.
    public func isReachable() async -> Bool {
        guard let database = databases.database(logger: logger, on: eventLoopGroup.any()) as? any SQLDatabase else { return false }
        return (try? await database.raw("SELECT 1 AS ok").all()) != nil
    }

    public func shutdown() async {
        groupCommit?.close()
        pool?.close()
        await databases.shutdownAsync()
    }
}

/// The two SQL dialects Arrears speaks; where they differ the store writes each form once.
public enum Dialect: Sendable {
    case sqlite, postgres

    /// Whole days from the date in `earlier` to the date in `later`, both `YYYY-MM-DD` text.
    func daysBetween(_ later: String, _ earlier: String) -> String {
        switch self {
        case .sqlite: "CAST(julianday(\(later)) - julianday(\(earlier)) AS INTEGER)"
        case .postgres: "(CAST(\(later) AS date) - CAST(\(earlier) AS date))"
        }
    }
}
