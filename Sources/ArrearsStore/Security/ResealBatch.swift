import ArrearsCore
import SQLKit

/// One batch of rows of a table whose columns are sealed (`SealedColumn`): each value is opened
/// with `opening` and sealed with `sealing`, and its lookup hash is made anew.
///
/// With one cipher on both sides (`encrypt-existing`) it seals what is still plaintext and fills
/// missing hashes, and leaves what is sealed as it is: the seal is deterministic. With the old
/// key opening and the new one sealing (`rotate-key`), it moves every value to the new key.
/// Only rows whose stored form changes are written, in one `UPDATE … FROM (VALUES …)`.
struct ResealBatch: Sendable {
    let table: String
    let columns: [SealedColumn]
    let opening: FieldCipher
    let sealing: FieldCipher
    /// Reads only the rows with a value still in plaintext or a missing hash.
    let onlyUnsealed: Bool

    /// What one batch did: the last id read (nil when no row was left), and the counts.
    struct Outcome {
        let last: String?
        let counts: SealedCounts
    }

    /// Reseals up to `limit` rows with an id after `after`, in id order.
    func run(after: String, limit: Int, on database: any SQLDatabase) async throws -> Outcome {
        var names = ["id"]
        for column in columns {
            names.append(column.column)
            if let lookup = column.lookup { names.append(lookup.hashColumn) }
        }
        var query: SQLQueryString = "SELECT \(unsafeRaw: names.joined(separator: ", ")) FROM \(unsafeRaw: table) WHERE id > \(bind: after)"
        if onlyUnsealed {
            let unsealed = columns.map { column in
                let hashMissing = column.lookup.map { " OR \($0.hashColumn) IS NULL" } ?? ""
                return "(\(column.column) IS NOT NULL AND (\(column.column) NOT LIKE '\(FieldCipher.prefix)%'\(hashMissing)))"
            }
            query.appendLiteral(" AND (\(unsealed.joined(separator: " OR ")))")
        }
        query.appendLiteral(" ORDER BY id LIMIT \(limit)")
        let rows = try await database.raw(query).all()
        guard let last = rows.last else { return Outcome(last: nil, counts: SealedCounts()) }

        var counts = SealedCounts()
        var values: [any SQLExpression] = []
        for row in rows {
            var changed = false
            var written: [any SQLExpression] = [SQLBind(try row.decode(column: "id", as: String.self))]
            for column in columns {
                let stored = try row.decode(column: column.column, as: String?.self)
                let plaintext = try stored.map { try opened($0) }
                let sealed = plaintext.map { sealing.seal($0) }
                if sealed != stored {
                    changed = true
                    counts[column] += 1
                }
                written.append(SQLBind(sealed))
                if let lookup = column.lookup {
                    let hash = plaintext.map { sealing.lookupHash(lookup.normalise($0)) }
                    let storedHash = try row.decode(column: lookup.hashColumn, as: String?.self)
                    if hash != storedHash { changed = true }
                    written.append(SQLBind(hash))
                }
            }
            guard changed else { continue }
            if table == SealedColumn.idNumber.table { counts.customers += 1 }
            values.append(SQLGroupExpression(written))
        }
        if !values.isEmpty {
            // VALUES columns are column1, column2, … on both SQLite and PostgreSQL.
            let assignments = names.dropFirst().enumerated().map { "\($0.element) = v.column\($0.offset + 2)" }.joined(separator: ", ")
            try await database.raw("""
                UPDATE \(unsafeRaw: table) SET \(unsafeRaw: assignments) FROM (VALUES \(SQLList(values))) AS v WHERE \(unsafeRaw: table).id = v.column1
                """).run()
        }
        return Outcome(last: try last.decode(column: "id", as: String.self), counts: counts)
    }

    /// The plaintext of a stored value: sealed ones opened with `opening`, plaintext as it is.
    private func opened(_ stored: String) throws -> String {
        guard stored.hasPrefix(FieldCipher.prefix) else { return stored }
        do { return try opening.open(stored) } catch { throw PersonalDataError.cannotDecrypt }
    }
}
