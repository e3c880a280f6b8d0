import SQLKit

/// The `promises` table as the workbench reads it (taking a promise is `PromiseBook`'s).
public enum PromiseRecords {
    /// Every promise of `customerId`, newest first; nil when the customer does not exist or is
    /// outside `scope`.
    public static func promises(customerId: String, scope: WorkScope, on database: any SQLDatabase) async throws -> [StoredPromise]? {
        guard try await CustomerRepository.exists(id: customerId, scope: scope, on: database) else { return nil }
        return try await promises(ofKnownCustomer: customerId, on: database)
    }

    /// The promises of a customer the caller has already found within its scope.
    static func promises(ofKnownCustomer customerId: String, on database: any SQLDatabase) async throws -> [StoredPromise] {
        try await database.raw("""
            SELECT \(unsafeRaw: StoredPromise.columns) FROM promises p WHERE p.customer_id = \(bind: customerId) ORDER BY p.promised_on DESC, p.id DESC
            """).all().map(StoredPromise.init)
    }
}
