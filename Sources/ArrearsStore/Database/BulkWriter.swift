import SQLiteKit
import VaporCSQLite
import SQLKit
import NIOCore

/// A value of a row written in bulk, bound without any encoding machinery.
public enum BulkValue: Sendable {
    case text(String)
    case integer(Int64)
    case null

    public static func optional(_ text: String?) -> BulkValue { text.map(BulkValue.text) ?? .null }

    var sqliteData: SQLiteData {
        switch self {
        case .text(let text): .text(text)
        case .integer(let value): .integer(Int(value))
        case .null: .null
        }
    }

    var sqlExpression: any SQLExpression {
        switch self {
        case .text(let text): SQLBind(text)
        case .integer(let value): SQLBind(value)
        case .null: SQLLiteral.null
        }
    }
}

/// The shape of one table's multi-row insert and what to do when a row's key exists.
public struct BulkInsert: Sendable {
    public enum OnConflict: Sendable {
        /// Replace the non-key columns of the existing row.
        case update
        /// Leave the existing row alone.
        case ignore
        /// An existing key is an error: the statement, and the transaction, fail.
        case fail
    }

    public let table: String
    public let columns: [String]
    public let key: [String]
    public let onConflict: OnConflict

    public init(table: String, columns: [String], key: [String], onConflict: OnConflict) {
        self.table = table
        self.columns = columns
        self.key = key
        self.onConflict = onConflict
    }

    var updatedColumns: [String] { columns.filter { !key.contains($0) } }

    /// `INSERT INTO t (…) VALUES (?,…),(?,…) ON CONFLICT (key) DO UPDATE SET c = excluded.c, …`.
    func sqliteText(rows: Int) -> String {
        let quoted = { (name: String) in "\"\(name)\"" }
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        var sql = "INSERT INTO \(quoted(table)) (\(columns.map(quoted).joined(separator: ","))) VALUES "
        sql += Array(repeating: tuple, count: rows).joined(separator: ",")
        let conflict = " ON CONFLICT (\(key.map(quoted).joined(separator: ","))) "
        switch onConflict {
        case .update: sql += conflict + "DO UPDATE SET " + updatedColumns.map { "\(quoted($0)) = excluded.\(quoted($0))" }.joined(separator: ", ")
        case .ignore: sql += conflict + "DO NOTHING"
        case .fail: break
        }
        return sql
    }
}

/// Writes rows in multi-row statements of at most `maxBinds` values each.
///
/// On SQLite the statement text is built by hand and the values are bound directly as
/// `SQLiteData`: imports and the daily run are the hottest write paths in Arrears, and SQLKit's
/// per-value encoding cost a third of an import (measured with perf on 12 million rows). Other
/// databases go through SQLKit's builder.
public struct BulkWriter: Sendable {
    public let database: any SQLDatabase
    /// Below SQLite's default limit of 32,766 bound values and PostgreSQL's 65,535.
    static let maxBinds = 30_000

    public init(database: any SQLDatabase) { self.database = database }

    public func insert(_ statement: BulkInsert, _ rows: [[BulkValue]]) async throws {
        // In a SQLite transaction: one prepared statement for every row, no statement text to
        // build and parse per chunk, no hop to sqlite-nio's thread pool.
        if !rows.isEmpty, let direct = SQLiteDirect.connection(of: database) {
            return try direct.exclusively { try $0.insert(statement, rows) }
        }
        let perStatement = max(1, Self.maxBinds / statement.columns.count)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            try await insertChunk(statement, chunk)
            start += perStatement
        }
    }

    /// Writes one row for each of `elements`, whose values `row` gives in column order. On a
    /// SQLite transaction they are bound straight into the prepared statement, with no array
    /// of values made per row (the importers write millions); elsewhere they are collected into
    /// rows for `insert(_:_:)`.
    public func insert<Element>(_ statement: BulkInsert, _ elements: [Element], row: (Element, inout BulkRow) throws -> Void) async throws {
        if !elements.isEmpty, let direct = SQLiteDirect.connection(of: database) {
            return try direct.exclusively { try $0.insert(statement, elements, row) }
        }
        let rows = try elements.map { element in
            var values = BulkRow(raw: nil)
            values.values.reserveCapacity(statement.columns.count)
            try row(element, &values)
            return values.values
        }
        try await insert(statement, rows)
    }

    private func insertChunk(_ statement: BulkInsert, _ rows: ArraySlice<[BulkValue]>) async throws {
        if let sqlite = database as? any SQLiteDatabase {
            var binds: [SQLiteData] = []
            binds.reserveCapacity(rows.count * statement.columns.count)
            for row in rows { for value in row { binds.append(value.sqliteData) } }
            _ = try await sqlite.query(statement.sqliteText(rows: rows.count), binds)
            return
        }
        let builder = database.insert(into: statement.table)
            .columns(statement.columns)
            .rows(rows.map { $0.map(\.sqlExpression) })
        switch statement.onConflict {
        case .update:
            try await builder.onConflict(with: statement.key) { update in
                var update = update
                for column in statement.updatedColumns { update = update.set(excludedValueOf: column) }
                return update
            }.run()
        case .ignore:
            try await builder.ignoringConflicts(with: statement.key).run()
        case .fail:
            try await builder.run()
        }
    }
}

/// The values of one row, in column order, as `BulkWriter.insert(_:_:row:)` asks for them.
public struct BulkRow {
    /// The raw statement the values are bound into (a pointer, not the `Statement` object: no
    /// reference counting on each of millions of values; its owner keeps it alive), or nil when
    /// they are collected in `values`.
    private let raw: OpaquePointer?
    var position: Int32 = 0
    var values: [BulkValue] = []
    /// The rows in COPY's text format, when they are written with `CopyLoad` on PostgreSQL.
    var copy: ByteBuffer?

    init(raw: OpaquePointer?) { self.raw = raw }

    public mutating func text(_ text: String) throws {
        position += 1
        if copy != nil { return copy?.writeCopyField(.text(text), position: position) ?? () }
        guard let raw else { return values.append(.text(text)) }
        var text = text
        let position = position
        try text.withUTF8 { try check(SQLiteDirect.bind(raw, position, text: $0)) }
    }

    public mutating func integer(_ value: Int64) throws {
        position += 1
        if copy != nil { return copy?.writeCopyField(.integer(value), position: position) ?? () }
        guard let raw else { return values.append(.integer(value)) }
        try check(sqlite_nio_sqlite3_bind_int64(raw, position, value))
    }

    public mutating func optional(_ text: String?) throws {
        guard let text else {
            position += 1
            if copy != nil { return copy?.writeCopyField(.null, position: position) ?? () }
            guard let raw else { return values.append(.null) }
            return try check(sqlite_nio_sqlite3_bind_null(raw, position))
        }
        try self.text(text)
    }

    private func check(_ code: Int32) throws {
        guard code != SQLITE_OK else { return }
        throw SQLiteDirectError(code: code, message: raw.flatMap { sqlite_nio_sqlite3_db_handle($0) }.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "")
    }
}
