import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import SQLiteKit
import CArrearsSQLite
import VaporCSQLite

/// The SQLite connections that serve Arrears' queries, used through SQLite's C interface on the
/// thread that asks.
///
/// sqlite-nio runs every statement on its thread pool and hands the result back through an
/// event loop: two thread switches a statement, and the case page runs a dozen statements. perf
/// on the workbench benchmark put those switches at over a quarter of the server's time, more
/// than SQLite's own work. A query here is prepared once per connection (the statement is kept
/// and reset, not parsed again), bound, stepped and read where it is asked for, which costs
/// SQLite's few microseconds and nothing else.
///
/// A connection is taken from the idle list for one statement (or for a whole transaction, see
/// `SQLitePoolDatabase.pinned`) and put back; a new one is opened when none is idle, so there are
/// never more than there are threads running queries at once. Fluent's own pool is still used
/// for migrations.
final class SQLitePool: @unchecked Sendable {
    let path: String
    /// Page cache per connection, in KiB (SQLite's default is 2 MiB). Memory-mapped reads were
    /// tried and left off: no faster on the workbench benchmark, slower imports, and the mapped
    /// file counted in the process's resident memory.
    static let cacheKibibytes = 16_384

    private let lock = NIOLock()
    private var idle: [SQLitePooledConnection] = []
    private var closed = false

    init(path: String) {
        self.path = path
    }

    /// An idle connection, or a new one when none is idle.
    func take() throws -> SQLitePooledConnection {
        let reused: SQLitePooledConnection? = lock.withLock {
            idle.popLast()
        }
        if let reused { return reused }
        return try SQLitePooledConnection(path: path)
    }

    /// Puts `connection` back for the next query; after `close()` it is closed instead.
    func giveBack(_ connection: SQLitePooledConnection) {
        let keep = lock.withLock {
            guard !closed else { return false }
            idle.append(connection)
            return true
        }
        if !keep { connection.close() }
    }

    /// How many times SQLite compiled a kept statement again, over the idle connections: it
    /// should not, since plans are fixed when prepared (a regression check for tests).
    var recompilations: Int {
        lock.withLock { idle.reduce(0) { $0 + $1.recompilations } }
    }

    /// Closes the idle connections; those in use close when they are given back.
    func close() {
        let connections = lock.withLock {
            closed = true
            defer { idle = [] }
            return idle
        }
        for connection in connections { connection.close() }
    }
}

/// One SQLite connection of the pool with the statements it has prepared, by SQL text.
final class SQLitePooledConnection: @unchecked Sendable {
    let handle: OpaquePointer
    /// Held while a statement runs: a transaction's connection may be asked by two tasks at once.
    private let lock = NIOLock()
    private var statements: [String: OpaquePointer] = [:]
    private var isClosed = false
    /// Statements kept per connection; statement texts that vary (an `IN` list of another length)
    /// would otherwise grow the cache without end, so it is emptied when full.
    static let statementLimit = 256

    init(path: String) throws {
        var handle: OpaquePointer?
        // Without SQLite's per-connection mutex: every use of the handle holds `lock` (statements
        // here, bulk work through `exclusively`), so SQLite's own lock on each call was paid twice.
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        let code = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "cannot open"
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            throw SQLitePoolError(code: code, message: "\(message) (\(path))")
        }
        self.handle = handle
        // Another process (an import, the daily run) may hold the write lock for as long as its
        // transaction takes: wait for it, sleeping between tries, as sqlite-nio's connections do.
        sqlite_nio_sqlite3_busy_timeout(handle, Int32.max)
        do {
            // Plans fixed at prepare time, so that a kept statement is not compiled again after
            // each new binding (see CArrearsSQLite).
            let code = arrears_sqlite_enable_query_planner_stability(UnsafeMutableRawPointer(handle))
            guard code == SQLITE_OK else { throw error(code) }
            try execute("PRAGMA foreign_keys = ON")
            try execute("PRAGMA cache_size = -\(SQLitePool.cacheKibibytes)")
        } catch {
            sqlite_nio_sqlite3_close_v2(handle)
            throw error
        }
    }

    /// Runs `body` while nothing else uses the connection (`SQLiteDirect`'s bulk work on the
    /// raw handle). `body` must not run statements through `run`: the lock is not reentrant.
    func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        try lock.withLock(body)
    }

    /// Whether `sql` only reads (SQLite's own answer, from the prepared statement).
    func isReadOnly(_ sql: String) throws -> Bool {
        try lock.withLock { sqlite_nio_sqlite3_stmt_readonly(try statement(sql)) != 0 }
    }

    /// Runs `sql` with `binds`, calling `onRow` for each row it returns.
    func run(_ sql: String, _ binds: [SQLiteData], _ onRow: (any SQLRow) -> Void) throws {
        try lock.withLock {
            let statement = try statement(sql)
            defer {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            }
            for (offset, value) in binds.enumerated() {
                try check(bind(value, at: Int32(offset + 1), of: statement))
            }
            var columns: SQLitePoolRow.Columns?
            while true {
                let code = sqlite_nio_sqlite3_step(statement)
                guard code == SQLITE_ROW else {
                    guard code == SQLITE_DONE else { throw error(code) }
                    return
                }
                let names = columns ?? SQLitePoolRow.Columns(statement: statement)
                columns = names
                onRow(SQLitePoolRow(columns: names, values: try (0..<Int32(names.names.count)).map { try value(of: statement, at: $0) }))
            }
        }
    }

    /// How many times SQLite compiled this connection's kept statements again.
    var recompilations: Int {
        lock.withLock { statements.values.reduce(0) { $0 + Int(sqlite_nio_sqlite3_stmt_status($1, Int32(SQLITE_STMTSTATUS_REPREPARE), 0)) } }
    }

    func execute(_ sql: String) throws {
        let code = sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code) }
    }

    func close() {
        lock.withLock {
            guard !isClosed else { return }
            isClosed = true
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
            sqlite_nio_sqlite3_close_v2(handle)
        }
    }

    /// The prepared statement for `sql`, prepared now if this connection has not seen it.
    private func statement(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        if statements.count >= Self.statementLimit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
        }
        var statement: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code) }
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: SQLiteData, at index: Int32, of statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case .float(let number): sqlite_nio_sqlite3_bind_double(statement, index, number)
        case .text(let text): sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
        case .blob(let bytes):
            bytes.withUnsafeReadableBytes { sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient) }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    /// Column `index` of the current row as sqlite-nio reads it.
    private func value(of statement: OpaquePointer, at index: Int32) throws -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { throw SQLitePoolError(code: SQLITE_NOMEM, message: "no text") }
            return .text(String(cString: text))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, index) { buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count)) }
            return .blob(buffer)
        default: return .null
        }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw error(code) }
    }

    private func error(_ code: Int32) -> SQLitePoolError {
        SQLitePoolError(code: code, message: sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "")
    }

    /// `SQLITE_TRANSIENT`: SQLite copies bound values before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A result row: the statement's column names (shared by its rows) and this row's values,
/// decoded as SQLiteKit decodes them.
struct SQLitePoolRow: SQLRow {
    final class Columns: Sendable {
        let names: [String]

        init(statement: OpaquePointer) {
            names = (0..<sqlite_nio_sqlite3_column_count(statement)).map { index in
                sqlite_nio_sqlite3_column_name(statement, index).map { String(cString: $0) } ?? ""
            }
        }

        /// The first column called `name`, as sqlite-nio finds it.
        func index(of name: String) -> Int? { names.firstIndex(of: name) }
    }

    let columns: Columns
    let values: [SQLiteData]
    private static let decoder = SQLiteDataDecoder()

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index(of: column) != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let index = columns.index(of: column) else { return true }
        return values[index] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = columns.index(of: column) else { throw SQLitePoolError(code: SQLITE_ERROR, message: "no column \(column) in the result") }
        let value = values[index]
        // The types nearly every column is read as, converted as SQLiteKit converts them but
        // without its generic decoder, which perf found to cost more than the query on the
        // contact-logging endpoint.
        if D.self == String.self {
            return unsafeBitCast(try Self.string(value, column), to: D.self)
        } else if D.self == String?.self {
            return unsafeBitCast(value == .null ? nil : try Self.string(value, column) as String?, to: D.self)
        } else if D.self == Int.self {
            return unsafeBitCast(try Self.integer(value, column), to: D.self)
        } else if D.self == Int64.self {
            return unsafeBitCast(Int64(try Self.integer(value, column)), to: D.self)
        } else if D.self == Int?.self {
            return unsafeBitCast(value == .null ? nil : try Self.integer(value, column) as Int?, to: D.self)
        } else if D.self == Int64?.self {
            return unsafeBitCast(value == .null ? nil : Int64(try Self.integer(value, column)) as Int64?, to: D.self)
        }
        return try Self.decoder.decode(D.self, from: value)
    }

    private static func string(_ value: SQLiteData, _ column: String) throws -> String {
        guard let text = value.string else { throw mismatch(String.self, value, column) }
        return text
    }

    /// Integers only, as SQLiteKit reads them (text is not converted).
    private static func integer(_ value: SQLiteData, _ column: String) throws -> Int {
        guard case .integer(let number) = value else { throw mismatch(Int.self, value, column) }
        return number
    }

    private static func mismatch(_ type: Any.Type, _ value: SQLiteData, _ column: String) -> DecodingError {
        DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "Could not convert SQLite data to \(type) in column \(column): \(value)."))
    }
}

/// An SQLite error with SQLite's message.
public struct SQLitePoolError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String

    public var description: String { "SQLite error \(code): \(message)" }
}

/// `SQLDatabase` over the pool: each statement runs on the calling thread, on an idle
/// connection or, inside a transaction, on the transaction's own (`pinned`).
///
/// A statement that writes outside a transaction waits for the process's write gate first, as
/// transactions do, so that it never waits inside SQLite for a lock that a suspended
/// transaction of this process holds.
struct SQLitePoolDatabase: SQLDatabase {
    let pool: SQLitePool
    let gate: WriteGate
    let pinned: SQLitePooledConnection?
    let eventLoop: any EventLoop
    let logger: Logger
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { .trace }
    private static let encoder = SQLiteDataEncoder()

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, rawBinds) = serialize(query)
        if logger.logLevel <= .trace {
            logger.trace("Executing query", metadata: ["sql": .string(sql), "binds": .array(rawBinds.map { .string("\($0)") })])
        }
        let binds = try rawBinds.map { try Self.encoder.encode($0) }
        if let pinned { return try pinned.run(sql, binds, onRow) }
        let connection = try pool.take()
        do {
            if try connection.isReadOnly(sql) {
                try connection.run(sql, binds, onRow)
                pool.giveBack(connection)
                return
            }
        } catch {
            pool.giveBack(connection)
            throw error
        }
        // A write: wait for the gate without holding a connection, so that writers queued here
        // do not each keep one open.
        pool.giveBack(connection)
        await gate.enter()
        do {
            let writer = try pool.take()
            defer { pool.giveBack(writer) }
            try writer.run(sql, binds, onRow)
            await gate.leave()
        } catch {
            await gate.leave()
            throw error
        }
    }

}
