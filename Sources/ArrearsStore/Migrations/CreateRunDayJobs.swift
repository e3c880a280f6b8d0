import FluentKit
import SQLKit

/// The partitioned day (issue 28, docs/scale-out.md): `run-day --partitions N` on PostgreSQL
/// plans a date (`run_day_plans`), splits its delinquent customers into N partitions
/// (`run_day_members`) and records one claimable job per partition and one for the day's final
/// step (`run_day_jobs`), which `arrears worker` processes claim under a lease. Each partition
/// leaves its tasks (`run_day_tasks`) for the final step to assign across the whole day, and
/// its audit entries in a chain of its own (`audit_partition_log`), anchored in the day's root
/// entry of `audit_log`, so that workers never wait for each other at the audit log's head.
/// Every table but `run_day_plans` and `run_day_jobs` is keyed by customer id or by
/// (business date, partition), as a table distributed by customer id would be.
struct CreateRunDayJobs: AsyncMigration {
    let name = "ArrearsStore.CreateRunDayJobs"

    func prepare(on database: any Database) async throws {
        try await database.schema("run_day_plans")
            .field("business_date", .string, .identifier(auto: false))
            .field("partitions", .int, .required)
            .field("strategy_version", .string, .required)
            .field("pay_url_base", .string, .required)
            .field("root_hash", .string, .required)
            .field("planned_at", .string, .required)
            .field("summary", .string, .required)
            .create()
        try await database.schema("run_day_jobs")
            .field("business_date", .string, .required)
            .field("part", .int, .required)
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("lease_owner", .string)
            .field("lease_until", .datetime)
            .field("attempts", .int, .required)
            .field("finished_at", .string)
            .field("summary", .string)
            .compositeIdentifier(over: "business_date", "part")
            .create()
        try await database.schema("run_day_members")
            .field("business_date", .string, .required)
            .field("customer_id", .string, .required)
            .field("part", .int, .required)
            .compositeIdentifier(over: "business_date", "customer_id")
            .create()
        try await (database as! any SQLDatabase).create(index: "run_day_members_part").on("run_day_members")
            .column("business_date").column("part").column("customer_id").run()
        try await database.schema("run_day_tasks")
            .field("business_date", .string, .required)
            .field("action_id", .string, .required)
            .field("customer_id", .string, .required)
            .field("case_id", .string, .required)
            .field("treatment", .string, .required)
            .field("channel", .string, .required)
            .field("language", .string, .required)
            .field("region", .string)
            .field("priority", .int64, .required)
            .compositeIdentifier(over: "business_date", "action_id")
            .create()
        try await database.schema("audit_partition_log")
            .field("business_date", .string, .required)
            .field("part", .int, .required)
            .field("sequence", .int64, .required)
            .field("at", .string, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .field("details", .string, .required)
            .field("details_hash", .string, .required)
            .field("hash_version", .int, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .compositeIdentifier(over: "business_date", "part", "sequence")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["audit_partition_log", "run_day_tasks", "run_day_members", "run_day_jobs", "run_day_plans"] {
            try await database.schema(table).delete()
        }
    }
}
