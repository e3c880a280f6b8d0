import FluentKit

/// Bucket snapshots for roll-rate reports: totals by bucket, product and currency for every
/// business date, and each account's bucket on month-end business dates (what month-on-month
/// roll rates and transition matrices are computed from).
struct CreateBucketSnapshots: AsyncMigration {
    let name = "ArrearsStore.CreateBucketSnapshots"

    func prepare(on database: any Database) async throws {
        try await database.schema("bucket_totals")
            .field("business_date", .string, .required)
            .field("bucket", .string, .required)
            .field("product", .string, .required)
            .field("currency", .string, .required)
            .field("accounts", .int, .required)
            .field("overdue_minor", .int64, .required)
            .field("outstanding_minor", .int64, .required)
            .compositeIdentifier(over: "business_date", "bucket", "product", "currency")
            .create()
        try await database.schema("account_snapshots")
            .field("business_date", .string, .required)
            .field("account_id", .string, .required)
            .field("bucket", .string, .required)
            .field("dpd", .int, .required)
            .field("overdue_minor", .int64, .required)
            .field("outstanding_minor", .int64, .required)
            .compositeIdentifier(over: "business_date", "account_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("account_snapshots").delete()
        try await database.schema("bucket_totals").delete()
    }
}
