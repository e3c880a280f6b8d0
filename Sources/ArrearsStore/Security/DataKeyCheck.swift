import SQLKit

extension Store {
    /// Refuses a data key that does not open the personal data already stored: writing with it
    /// would leave the database sealed under two keys, half of it unreadable. Reads one sealed
    /// value of each field, found through its lookup-hash index.
    func checkDataKey() async throws {
        guard cipher != nil else { return }
        for field in PersonalField.allCases {
            let row = try await sql.raw("""
                SELECT \(unsafeRaw: field.column) AS value FROM customers WHERE \(unsafeRaw: field.hashColumn) IS NOT NULL LIMIT 1
                """).first()
            if let row { _ = try openField(try row.decode(column: "value", as: String?.self)) }
        }
    }
}
