import FluentPostgresDriver
import Logging
import NIOCore
import SQLKit

/// A bulk load into one table on PostgreSQL through `COPY ... FROM STDIN`, inside the caller's
/// transaction: straight into the table when it holds no row (a first load: `COPY` is
/// PostgreSQL's fastest way in, with no statement to parse and no value to bind), else into a
/// temporary staging table with the statement's columns, merged into the table by its key in
/// one set-wise `INSERT ... SELECT ... ON CONFLICT` at the end (`finish`), as `BulkInsert`'s
/// `onConflict` says. On a first load the table's secondary indexes (not its key) are dropped
/// and built again at the end, each one sort instead of a scattered insert a row (they made
/// PostgreSQL's side of a first load two to three times slower); that holds the table's
/// `ACCESS EXCLUSIVE` lock until the import commits, so readers of that still empty table wait
/// for it. A rollback brings the indexes back as they were. A row whose columns all equal the stored row's is left alone by the
/// merge, so a file loaded twice rewrites nothing the second time.
///
/// The rows are checked before they are copied (a `COPY` stops at the first bad row, naming
/// none of the caller's); a failure anywhere fails the caller's transaction, which rolls back
/// everything, the staging table with it. Use it only with a transaction's database
/// (`Store.transaction`), whose one connection the copies go through.
struct CopyLoad: Sendable {
    let statement: BulkInsert
    /// The temporary staging table, or nil when the rows go straight into the table.
    let stage: String?
    /// The `CREATE INDEX` of each secondary index dropped for a first load.
    let deferredIndexes: [String]
    let connection: PostgresConnection
    let logger: Logger

    /// The table the copies write.
    var table: String { stage ?? statement.table }

    /// Starts a load of `statement`'s table on `database`; nil when `database` is not
    /// PostgreSQL's (the caller keeps its statements). An empty table is locked against other
    /// writers until the transaction ends, so that it is still empty when the copies land in it
    /// (and against readers too once its secondary indexes are dropped).
    static func begin(_ statement: BulkInsert, on database: any SQLDatabase) async throws -> CopyLoad? {
        guard database.dialect.name == "postgresql", let postgres = database as? any PostgresDatabase else { return nil }
        let connection = try await postgres.withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
        let table = SQLIdentifier(statement.table)
        var stage: String?
        var deferredIndexes: [String] = []
        if try await database.raw("SELECT 1 AS one FROM \(table) LIMIT 1").first() == nil {
            try await database.raw("LOCK TABLE \(table) IN SHARE ROW EXCLUSIVE MODE").run()
        }
        if try await database.raw("SELECT 1 AS one FROM \(table) LIMIT 1").first() == nil {
            let indexes = try await database.raw("""
                SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
                WHERE i.schemaname = current_schema() AND i.tablename = \(bind: statement.table)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
                ORDER BY i.indexname
                """).all()
            for index in indexes {
                try await database.raw("DROP INDEX \(ident: try index.decode(column: "name", as: String.self))").run()
                deferredIndexes.append(try index.decode(column: "definition", as: String.self))
            }
        } else {
            let name = "stage_" + statement.table
            let columns = SQLList(statement.columns.map { SQLIdentifier($0) })
            try await database.raw("""
                CREATE TEMPORARY TABLE \(ident: name) ON COMMIT DROP AS SELECT \(columns) FROM \(table) WITH NO DATA
                """).run()
            stage = name
        }
        return CopyLoad(statement: statement, stage: stage, deferredIndexes: deferredIndexes, connection: connection, logger: postgres.logger)
    }

    /// Copies one row for each of `elements`, whose values `row` gives in the statement's column
    /// order, with one `COPY`.
    func copy<Element>(_ elements: [Element], row: (Element, inout BulkRow) throws -> Void) async throws {
        guard !elements.isEmpty else { return }
        var values = BulkRow(copyingInto: ByteBuffer())
        values.copy?.reserveCapacity(elements.count * statement.columns.count * 16)
        for element in elements {
            try row(element, &values)
            values.endCopyRow()
        }
        guard let buffer = values.copy else { return }
        try await connection.copyFrom(table: table, columns: statement.columns, logger: logger) { writer in
            try await writer.write(buffer)
        }
    }

    /// Merges the staging table into the table, or after a load straight into it builds the
    /// indexes dropped for it.
    func finish(on database: any SQLDatabase) async throws {
        guard let stage else {
            if !deferredIndexes.isEmpty { try await database.raw("SET LOCAL maintenance_work_mem = '256MB'").run() }
            for definition in deferredIndexes { try await database.raw(SQLQueryString(definition)).run() }
            return
        }
        var merge = "INSERT INTO \(quoted(statement.table)) (\(statement.columns.map(quoted).joined(separator: ", "))) "
        merge += "SELECT \(statement.columns.map(quoted).joined(separator: ", ")) FROM \(quoted(stage))"
        let conflict = " ON CONFLICT (\(statement.key.map(quoted).joined(separator: ", "))) "
        let updated = statement.updatedColumns
        switch statement.onConflict {
        case .update where !updated.isEmpty:
            merge += conflict + "DO UPDATE SET " + updated.map { "\(quoted($0)) = EXCLUDED.\(quoted($0))" }.joined(separator: ", ")
            merge += " WHERE (" + updated.map { "\(quoted(statement.table)).\(quoted($0))" }.joined(separator: ", ")
            merge += ") IS DISTINCT FROM (" + updated.map { "EXCLUDED.\(quoted($0))" }.joined(separator: ", ") + ")"
        case .update, .ignore:
            merge += conflict + "DO NOTHING"
        case .fail:
            break
        }
        try await database.raw(SQLQueryString(merge)).run()
    }

    private func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

extension BulkRow {
    init(copyingInto buffer: ByteBuffer) {
        self.init(raw: nil)
        copy = buffer
    }

    /// Ends a row of COPY's text format.
    mutating func endCopyRow() {
        copy?.writeInteger(UInt8(ascii: "\n"))
        position = 0
    }
}

extension ByteBuffer {
    /// Writes `value` as the `position`th field (from 1) of a row in COPY's text format: fields
    /// separated by tabs, NULL written `\N`, and a backslash, tab, newline or carriage return in
    /// a text escaped with a backslash (rows end with a newline: `BulkRow.endCopyRow`).
    mutating func writeCopyField(_ value: BulkValue, position: Int32) {
        if position > 1 { writeInteger(UInt8(ascii: "\t")) }
        switch value {
        case .text(let text): writeCopyText(text)
        case .integer(let integer): writeCopyInteger(integer)
        case .null: writeStaticString("\\N")
        }
    }

    private mutating func writeCopyText(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: writeStaticString("\\\\")
                case 0x09: writeStaticString("\\t")
                case 0x0A: writeStaticString("\\n")
                case 0x0D: writeStaticString("\\r")
                default: writeInteger(byte)
                }
            }
        }
    }

    /// The decimal digits of `value`, without making a string of them.
    private mutating func writeCopyInteger(_ value: Int64) {
        if value < 0 { writeInteger(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { digits in
            var start = 24
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            writeBytes(UnsafeRawBufferPointer(rebasing: digits[start...]))
        }
    }
}
