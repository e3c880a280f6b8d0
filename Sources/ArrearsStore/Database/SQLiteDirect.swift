import Foundation
import SQLKit
import SQLiteKit
import VaporCSQLite

/// The SQLite connection under a transaction, used through SQLite's own C interface for bulk
/// work: one prepared statement stepped over millions of rows, columns read without SQLKit's
/// per-row decoding (which costs about a microsecond a row, more than SQLite's own work).
///
/// sqlite-nio keeps its connection handle internal; it is read here by reflection, and where
/// that fails (another sqlite-nio release, a pool rather than one connection, or not SQLite at
/// all) `connection(of:)` answers nil and callers take their SQL path, which does the same thing
/// (the store tests hold the two equal). The handle is used only while the caller's transaction
/// holds the connection. `SQLitePool` opens its connections without SQLite's own mutex (which
/// cost a sixth of a recompute, taken on every column read and binding), so all work on such a
/// handle runs inside `exclusively`, under the pooled connection's lock; sqlite-nio's own
/// connections keep `SQLITE_OPEN_FULLMUTEX`.
struct SQLiteDirect: @unchecked Sendable {
    let handle: OpaquePointer
    /// The pool's connection the handle belongs to, whose lock `exclusively` holds.
    var pooled: SQLitePooledConnection? = nil

    /// Runs `body` with nothing else using the connection: under the pooled connection's lock,
    /// as every statement the pool runs is.
    func exclusively<T>(_ body: (SQLiteDirect) throws -> T) rethrows -> T {
        guard let pooled else { return try body(self) }
        return try pooled.exclusively { try body(self) }
    }

    /// The raw connection under `database` when it is one connection held for a transaction
    /// (`Store.transaction` on SQLite); nil for a pool, for PostgreSQL, or when the handle cannot
    /// be read. Use it only until the transaction ends.
    static func connection(of database: any SQLDatabase) -> SQLiteDirect? {
        if let pooled = database as? SQLitePoolDatabase {
            return pooled.pinned.map { SQLiteDirect(handle: $0.handle, pooled: $0) }
        }
        let connection = (database as? SQLiteConnection) ?? (Mirror(reflecting: database).descendant("database") as? SQLiteConnection)
        guard let connection, let handle = Mirror(reflecting: connection).descendant("handle", "raw") as? OpaquePointer? ?? nil else { return nil }
        return SQLiteDirect(handle: handle)
    }

    /// Runs `work` on a thread of its own with the raw connection under `database` (a
    /// transaction's), or answers nil when there is no such connection to be had.
    static func run<T: Sendable>(on database: any SQLDatabase, _ work: @escaping @Sendable (SQLiteDirect) throws -> T) async throws -> T? {
        guard let direct = connection(of: database) else { return nil }
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try direct.exclusively(work) })
            }
        }
    }

    /// Writes `rows` with one prepared statement, bound and stepped row by row.
    /// One row a statement: a multi-row INSERT is a SELECT to SQLite, which opens a statement
    /// journal inside a transaction; a one-row INSERT into a table without triggers needs none
    /// (the work-queue triggers are set aside for large writes: `WorkQueueTriggers`).
    func insert(_ insert: BulkInsert, _ rows: [[BulkValue]]) throws {
        try WorkQueueTriggers.suspended(for: insert.table, rows: rows.count, on: self) {
            let statement = try prepare(insert.sqliteText(rows: 1))
            for row in rows {
                for (index, value) in row.enumerated() {
                    switch value {
                    case .text(let text): try statement.bind(Int32(index + 1), text)
                    case .integer(let number): try statement.bind(Int32(index + 1), number)
                    case .null: try statement.bind(Int32(index + 1), nil as String?)
                    }
                }
                try statement.run()
            }
        }
    }

    /// Writes one row per element, its values bound by `row` straight into one prepared statement.
    func insert<Element>(_ insert: BulkInsert, _ elements: [Element], _ row: (Element, inout BulkRow) throws -> Void) throws {
        try WorkQueueTriggers.suspended(for: insert.table, rows: elements.count, on: self) {
            let statement = try prepare(insert.sqliteText(rows: 1))
            var values = BulkRow(raw: statement.raw)
            for element in elements {
                values.position = 0
                try row(element, &values)
                try statement.run()
            }
            withExtendedLifetime(statement) {}
        }
    }

    func prepare(_ sql: String) throws -> Statement {
        var statement: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code) }
        return Statement(raw: statement, connection: self)
    }

    /// Runs `body` with SQLite's page cache for this connection set to `kibibytes`, then puts
    /// the previous size back: raised, a pass over millions of rows keeps its B-tree pages in
    /// memory instead of reading them again from the file; lowered, an index build sorts in
    /// several runs, on several threads (`DeferredIndexes`).
    func withCacheSize<T>(kibibytes: Int, _ body: () throws -> T) throws -> T {
        try with(pragma: "cache_size", -Int64(kibibytes), otherwise: -2000, body)
    }

    /// Runs `body` with SQLite's sorter allowed `count` helper threads, then puts the previous
    /// setting back.
    func withWorkerThreads<T>(_ count: Int, _ body: () throws -> T) throws -> T {
        try with(pragma: "threads", Int64(count), otherwise: 0, body)
    }

    /// Runs `body` with the integer setting `pragma` at `value`, then puts its previous value
    /// back (`otherwise` when SQLite does not answer with one).
    private func with<T>(pragma: String, _ value: Int64, otherwise: Int64, _ body: () throws -> T) throws -> T {
        let current = try prepare("PRAGMA \(pragma)")
        let previous = try current.step() ? current.int64(0) : otherwise
        try current.reset()
        try execute("PRAGMA \(pragma) = \(value)")
        defer { try? execute("PRAGMA \(pragma) = \(previous)") }
        return try body()
    }

    /// Writes the connection's dirty pages out (to the write-ahead log) without committing.
    func flushCache() throws {
        let code = sqlite_nio_sqlite3_db_cacheflush(handle)
        guard code == SQLITE_OK else { throw error(code) }
    }

    func execute(_ sql: String) throws {
        let code = sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code) }
    }

    func error(_ code: Int32) -> SQLiteDirectError {
        SQLiteDirectError(code: code, message: sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "")
    }

    /// One prepared statement; finalized when released.
    final class Statement {
        let raw: OpaquePointer
        private let connection: SQLiteDirect

        fileprivate init(raw: OpaquePointer, connection: SQLiteDirect) {
            self.raw = raw
            self.connection = connection
        }

        deinit { sqlite_nio_sqlite3_finalize(raw) }

        /// Binds parameter `index` (1-based).
        func bind(_ index: Int32, _ value: Int64) throws {
            try check(sqlite_nio_sqlite3_bind_int64(raw, index, value))
        }

        /// Binds the string's own UTF-8 bytes with their length: passing a `String` as a C string
        /// copies a small one (up to 15 bytes: most ids, dates and codes) into a new array first.
        func bind(_ index: Int32, _ value: String?) throws {
            guard var value else { return try check(sqlite_nio_sqlite3_bind_null(raw, index)) }
            try value.withUTF8 { try bind(index, text: $0) }
        }

        /// Binds UTF-8 text read from another statement's row, without making a Swift string.
        func bind(_ index: Int32, text: UnsafeBufferPointer<UInt8>) throws {
            try check(SQLiteDirect.bind(raw, index, text: text))
        }

        /// Moves to the next row: true when there is one, false when done.
        func step() throws -> Bool {
            switch sqlite_nio_sqlite3_step(raw) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            case let code: throw connection.error(code)
            }
        }

        /// Steps a statement that returns no rows, then makes it ready to run again.
        func run() throws {
            _ = try step()
            try reset()
        }

        func reset() throws {
            try check(sqlite_nio_sqlite3_reset(raw))
        }

        func int64(_ column: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(raw, column) }

        func isNull(_ column: Int32) -> Bool { sqlite_nio_sqlite3_column_type(raw, column) == SQLITE_NULL }

        func string(_ column: Int32) -> String {
            guard let text = sqlite_nio_sqlite3_column_text(raw, column) else { return "" }
            return String(cString: text)
        }

        /// The text of `column`'s current value as bytes, valid until the next step.
        func text(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
            let count = Int(sqlite_nio_sqlite3_column_bytes(raw, column))
            guard let text = sqlite_nio_sqlite3_column_text(raw, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: text, count: count)
        }

        private func check(_ code: Int32) throws {
            guard code == SQLITE_OK else { throw connection.error(code) }
        }
    }

    /// Binds UTF-8 bytes as text to parameter `index` (1-based) of the raw statement; SQLite's code.
    static func bind(_ statement: OpaquePointer, _ index: Int32, text: UnsafeBufferPointer<UInt8>) -> Int32 {
        sqlite_nio_sqlite3_bind_text(statement, index, UnsafeRawPointer(text.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                     Int32(text.count), transient)
    }

    /// `SQLITE_TRANSIENT`: SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// How a loader reads its rows: `direct` steps the raw connection of a transaction on SQLite
/// (`SQLiteDirect.connection(of:)`) where there is one, and decodes through SQLKit elsewhere;
/// `sqlKit` always decodes through SQLKit. The store tests read both ways and hold them equal.
enum RowPath: Sendable {
    case direct, sqlKit
}

struct SQLiteDirectError: Error, CustomStringConvertible {
    let code: Int32
    let message: String

    var description: String { "SQLite error \(code): \(message)" }
}

extension UnsafeBufferPointer<UInt8> {
    /// Byte order, SQLite's BINARY collation: the order of `ORDER BY` on text columns.
    func compare(_ other: UnsafeBufferPointer<UInt8>) -> Int {
        let common = Swift.min(count, other.count)
        if common > 0, let base = baseAddress, let otherBase = other.baseAddress {
            let result = memcmp(base, otherBase, common)
            if result != 0 { return Int(result) }
        }
        return count - other.count
    }
}
