import SQLKit

/// Finds customers by ID number, mobile number or e-mail address through the keyed lookup hashes
/// (issues 4 and 22):
/// one indexed equality, no row decrypted. Every lookup is a look at personal data and is
/// audited as `lookup_personal_data`, naming the field searched but never the value.
public struct PersonalDataLookup: Sendable {
    public static let auditAction = "lookup_personal_data"

    public let store: Store

    public init(store: Store) { self.store = store }

    /// The ids of the customers whose `field` equals `value` once both are normalised, in id
    /// order. Rows stored before encryption have no hash until `PersonalDataSealer` seals them.
    /// Throws `PersonalDataError.keyMissing` when the store has no data key.
    public func customers(with field: PersonalField, equalTo value: String, actor: String) async throws -> [String] {
        guard let hash = store.lookupHash(field, value) else { throw PersonalDataError.keyMissing }
        return try await store.transaction { database in
            let ids = try await database.raw("""
                SELECT id FROM customers WHERE \(unsafeRaw: field.hashColumn) = \(bind: hash) ORDER BY id
                """).all().map { try $0.decode(column: "id", as: String.self) }
            try await AuditLog.append([AuditEvent(actor: actor, action: Self.auditAction, subject: "customers",
                                                  details: ["field": field.column, "matches": String(ids.count)])], on: database)
            return ids
        }
    }
}
