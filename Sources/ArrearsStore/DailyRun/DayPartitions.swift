import ArrearsCore
import Foundation
import SQLKit

/// The job table of a partitioned day (docs/scale-out.md), on PostgreSQL: the plan of a date
/// (`run_day_plans`), its customers split into partitions (`run_day_members`), one claimable
/// job per partition and one for the final step (`run_day_jobs`), and the tasks the partitions
/// leave for the final step (`run_day_tasks`).
///
/// A job is claimed with `FOR UPDATE SKIP LOCKED` under a lease (`lease_until`, the database's
/// clock): a worker renews it while it works (`renew`), and a job whose lease ran out is
/// claimable again. A worker marks its job done (`finish`) in the transaction of its work, and
/// only while it still holds the lease, so a worker that lost it commits nothing.
public enum DayPartitions {
    /// The kinds of job: a partition's cases, or the day's final step.
    public static let partitionKind = "partition"
    public static let finalKind = "final"

    /// The partition of `customerId` among `count`: the 64-bit FNV-1a hash (`FNV1a`) of the
    /// UTF-8 bytes of `partition:` followed by the id, modulo `count`. The same on every machine
    /// and in every process.
    public static func partition(of customerId: String, among count: Int) -> Int {
        guard count > 1 else { return 0 }
        var hash = FNV1a()
        hash.add("partition:")
        hash.add(customerId)
        return Int(hash.value % UInt64(count))
    }

    /// A planned date.
    public struct Plan: Sendable {
        public let businessDate: String
        public let partitions: Int
        public let strategyVersion: String
        /// The self-service address every partition's messages link to (`DailyRun.payURLBase`).
        public let payURLBase: String
        /// The hash of the day's root entry in `audit_log`, which each partition's chain follows.
        public let rootHash: String
        /// What the portfolio-wide steps did; the final step adds the partitions' counts.
        public let summary: DailyRunSummary

        public init(businessDate: String, partitions: Int, strategyVersion: String, payURLBase: String, rootHash: String, summary: DailyRunSummary) {
            self.businessDate = businessDate
            self.partitions = partitions
            self.strategyVersion = strategyVersion
            self.payURLBase = payURLBase
            self.rootHash = rootHash
            self.summary = summary
        }
    }

    /// A job a worker holds: partition `part` of the date, or its final step.
    public struct Job: Sendable, CustomStringConvertible {
        public let businessDate: String
        public let part: Int
        public let isFinal: Bool
        /// Who holds the lease.
        public let owner: String

        public var description: String {
            isFinal ? "the final step of \(businessDate)" : "partition \(part) of \(businessDate)"
        }
    }

    /// A job as the table holds it, for printing.
    public struct Status: Sendable {
        public let part: Int
        public let kind: String
        public let status: String
        public let attempts: Int
        public let owner: String?
    }

    /// The job was taken by another worker after its lease ran out: its work must not commit.
    public struct LeaseLost: Error, CustomStringConvertible {
        public let job: String
        public var description: String { "the lease on \(job) ran out and another worker took it; this worker's work was rolled back" }
    }

    static func timestamp() -> String { UTCTimestamp.text(Date()) }

    // MARK: Planning

    /// The date planned and not yet published (`run_days`), if any: at most one at a time.
    public static func inProgress(on database: any SQLDatabase) async throws -> String? {
        try await database.raw("""
            SELECT MIN(p.business_date) AS day FROM run_day_plans p
            WHERE NOT EXISTS (SELECT 1 FROM run_days d WHERE d.business_date = p.business_date)
            """).first()?.decode(column: "day", as: String?.self)
    }

    /// The plan of `day`, if it was planned.
    public static func plan(of day: String, on database: any SQLDatabase) async throws -> Plan? {
        guard let row = try await database.raw("""
            SELECT business_date, partitions, strategy_version, pay_url_base, root_hash, summary FROM run_day_plans WHERE business_date = \(bind: day)
            """).first() else { return nil }
        let summary = try JSONDecoder().decode(DailyRunSummary.self, from: Data(try row.decode(column: "summary", as: String.self).utf8))
        return Plan(businessDate: day, partitions: try row.decode(column: "partitions", as: Int.self),
                    strategyVersion: try row.decode(column: "strategy_version", as: String.self),
                    payURLBase: try row.decode(column: "pay_url_base", as: String.self), rootHash: try row.decode(column: "root_hash", as: String.self),
                    summary: summary)
    }

    /// Records `plan` with a planned job for each partition and one for the final step, and
    /// splits the date's delinquent customers (those `CaseInputs.load` reads) into the
    /// partitions; returns how many customers each partition has.
    public static func record(_ plan: Plan, on database: any SQLDatabase) async throws -> [Int] {
        let encoded = String(decoding: try JSONEncoder().encode(plan.summary), as: UTF8.self)
        try await database.raw("""
            INSERT INTO run_day_plans (business_date, partitions, strategy_version, pay_url_base, root_hash, planned_at, summary)
            VALUES (\(bind: plan.businessDate), \(bind: plan.partitions), \(bind: plan.strategyVersion), \(bind: plan.payURLBase),
                    \(bind: plan.rootHash), \(bind: timestamp()), \(bind: encoded))
            """).run()
        var jobs: [[BulkValue]] = (0..<plan.partitions).map { part in
            [.text(plan.businessDate), .integer(Int64(part)), .text(partitionKind), .text("planned"), .integer(0)]
        }
        jobs.append([.text(plan.businessDate), .integer(Int64(plan.partitions)), .text(finalKind), .text("planned"), .integer(0)])
        try await BulkWriter(database: database).insert(jobTable, jobs)

        // Only the ids are held, not the customers: the partitions read their own.
        let ids = CollectedIds()
        try await database.raw("""
            SELECT DISTINCT a.customer_id FROM account_positions p JOIN accounts a ON a.id = p.account_id JOIN customers c ON c.id = a.customer_id
            WHERE p.dpd > 0 AND (a.written_off_on IS NULL OR a.written_off_on > \(bind: plan.businessDate))
            """).run { row in
            if let id = try? row.decode(column: "customer_id", as: String.self) { ids.append(id) }
        }
        var sizes = Array(repeating: 0, count: plan.partitions)
        var rows: [[BulkValue]] = []
        rows.reserveCapacity(50_000)
        for id in ids.taken() {
            let part = partition(of: id, among: plan.partitions)
            sizes[part] += 1
            rows.append([.text(plan.businessDate), .text(id), .integer(Int64(part))])
            if rows.count == 50_000 {
                try await BulkWriter(database: database).insert(memberTable, rows)
                rows.removeAll(keepingCapacity: true)
            }
        }
        try await BulkWriter(database: database).insert(memberTable, rows)
        return sizes
    }

    static let jobTable = BulkInsert(table: "run_day_jobs", columns: ["business_date", "part", "kind", "status", "attempts"],
                                     key: ["business_date", "part"], onConflict: .fail)
    static let memberTable = BulkInsert(table: "run_day_members", columns: ["business_date", "customer_id", "part"],
                                        key: ["business_date", "customer_id"], onConflict: .fail)
    public static let taskTable = BulkInsert(table: "run_day_tasks", columns: ["business_date", "action_id", "customer_id", "case_id", "treatment", "channel",
                                                                             "language", "region", "priority"],
                                             key: ["business_date", "action_id"], onConflict: .ignore)

    /// The jobs of `day`, in order (the final step last).
    public static func jobs(of day: String, on database: any SQLDatabase) async throws -> [Status] {
        try await database.raw("""
            SELECT part, kind, status, attempts, lease_owner FROM run_day_jobs WHERE business_date = \(bind: day) ORDER BY part
            """).all().map { row in
            Status(part: try row.decode(column: "part", as: Int.self), kind: try row.decode(column: "kind", as: String.self),
                   status: try row.decode(column: "status", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
                   owner: try row.decode(column: "lease_owner", as: String?.self))
        }
    }

    // MARK: Claiming

    /// Claims the first job of the oldest date with one to do: a planned partition, or one whose
    /// lease ran out; the final step only once every partition of its date is done. Skips the
    /// jobs other workers are claiming at this moment (`FOR UPDATE SKIP LOCKED`). nil: nothing
    /// to do now.
    public static func claim(as owner: String, leaseSeconds: Int, store: Store) async throws -> Job? {
        try await store.transaction { database in
            guard let row = try await database.raw("""
                SELECT j.business_date, j.part, j.kind FROM run_day_jobs j
                WHERE (j.status = 'planned' OR (j.status = 'running' AND j.lease_until < now()))
                AND (j.kind = 'partition' OR NOT EXISTS (
                    SELECT 1 FROM run_day_jobs o WHERE o.business_date = j.business_date AND o.kind = 'partition' AND o.status <> 'done'))
                ORDER BY j.business_date, j.part LIMIT 1 FOR UPDATE SKIP LOCKED
                """).first() else { return nil }
            let day = try row.decode(column: "business_date", as: String.self)
            let part = try row.decode(column: "part", as: Int.self)
            try await database.raw("""
                UPDATE run_day_jobs SET status = 'running', lease_owner = \(bind: owner),
                    lease_until = now() + CAST(\(bind: Double(leaseSeconds)) AS double precision) * INTERVAL '1 second', attempts = attempts + 1
                WHERE business_date = \(bind: day) AND part = \(bind: part)
                """).run()
            return Job(businessDate: day, part: part, isFinal: try row.decode(column: "kind", as: String.self) == finalKind, owner: owner)
        }
    }

    /// Renews the lease on `job` for `leaseSeconds` from now; false when the worker no longer
    /// holds it.
    public static func renew(_ job: Job, leaseSeconds: Int, on database: any SQLDatabase) async throws -> Bool {
        let rows = try await database.raw("""
            UPDATE run_day_jobs SET lease_until = now() + CAST(\(bind: Double(leaseSeconds)) AS double precision) * INTERVAL '1 second'
            WHERE business_date = \(bind: job.businessDate) AND part = \(bind: job.part) AND status = 'running' AND lease_owner = \(bind: job.owner)
            RETURNING part
            """).all()
        return !rows.isEmpty
    }

    /// Marks `job` done with what it did, in the transaction of its work; throws `LeaseLost`
    /// (and so rolls the work back) when another worker has taken it.
    public static func finish(_ job: Job, summary: DailyRunSummary?, on database: any SQLDatabase) async throws {
        let encoded = try summary.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        let rows = try await database.raw("""
            UPDATE run_day_jobs SET status = 'done', finished_at = \(bind: timestamp()), summary = \(bind: encoded)
            WHERE business_date = \(bind: job.businessDate) AND part = \(bind: job.part) AND status = 'running' AND lease_owner = \(bind: job.owner)
            RETURNING part
            """).all()
        if rows.isEmpty { throw LeaseLost(job: job.description) }
    }

    /// What each partition of `day` did, in partition order.
    public static func partitionSummaries(of day: String, on database: any SQLDatabase) async throws -> [DailyRunSummary] {
        try await database.raw("""
            SELECT summary FROM run_day_jobs WHERE business_date = \(bind: day) AND kind = 'partition' AND summary IS NOT NULL ORDER BY part
            """).all().map { row in
            try JSONDecoder().decode(DailyRunSummary.self, from: Data(try row.decode(column: "summary", as: String.self).utf8))
        }
    }

    // MARK: The final step

    /// A task a partition left for the final step to assign.
    public struct PendingTask: Sendable {
        public let task: TaskToAssign
        public let caseId: String
        public let treatment: String
    }

    /// The tasks every partition of `day` left, in action-id order.
    public static func tasks(of day: String, on database: any SQLDatabase) async throws -> [PendingTask] {
        try await database.raw("""
            SELECT action_id, case_id, treatment, channel, language, region, priority FROM run_day_tasks WHERE business_date = \(bind: day) ORDER BY action_id
            """).all().compactMap { row in
            guard let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)) else { return nil }
            let language = Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .default
            return PendingTask(task: TaskToAssign(id: try row.decode(column: "action_id", as: String.self), channel: channel, language: language,
                                                  region: try row.decode(column: "region", as: String?.self),
                                                  priority: try row.decode(column: "priority", as: Int64.self)),
                               caseId: try row.decode(column: "case_id", as: String.self), treatment: try row.decode(column: "treatment", as: String.self))
        }
    }

    /// Sets who each of the day's assigned actions (action id → agent id) went to.
    public static func assign(_ assignment: [(actionId: String, agentId: String)], on database: any SQLDatabase) async throws {
        var start = 0
        while start < assignment.count {
            let chunk = assignment[start..<min(assignment.count, start + 10_000)]
            var query: SQLQueryString = "UPDATE actions SET assigned_to = v.agent FROM (VALUES "
            for (index, pair) in chunk.enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendLiteral("(")
                query.appendInterpolation(bind: pair.actionId)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: pair.agentId)
                query.appendLiteral(")")
            }
            query.appendLiteral(") AS v (id, agent) WHERE actions.id = v.id")
            try await database.raw(query).run()
            start += chunk.count
        }
    }

    /// Marks the final step done and drops the day's working rows (its members and tasks); the
    /// plan and the jobs stay, as the record of how the day ran.
    public static func publish(_ job: Job, on database: any SQLDatabase) async throws {
        try await finish(job, summary: nil, on: database)
        try await database.raw("DELETE FROM run_day_members WHERE business_date = \(bind: job.businessDate)").run()
        try await database.raw("DELETE FROM run_day_tasks WHERE business_date = \(bind: job.businessDate)").run()
    }

    /// The condition that the date in `column` is a partitioned day not yet published: its rows
    /// are not the day's until its final step has run. `column` is a column name given by the store.
    public static func unpublished(_ column: String) -> String {
        "(\(column) IN (SELECT up.business_date FROM run_day_plans up WHERE NOT EXISTS (SELECT 1 FROM run_days ud WHERE ud.business_date = up.business_date)))"
    }

    /// A filter on a customer id column: the customers of partition `part` of `day`. `column`
    /// is a column name given by the store, `day` a formatted date.
    static func members(_ column: String, day: String, part: Int) -> String {
        "\(column) IN (SELECT m.customer_id FROM run_day_members m WHERE m.business_date = '\(day)' AND m.part = \(part))"
    }
}

/// The ids a streamed query hands over one row at a time.
private final class CollectedIds: @unchecked Sendable {
    private var ids: [String] = []
    private let lock = NSLock()

    func append(_ id: String) { lock.withLock { ids.append(id) } }
    func taken() -> [String] { lock.withLock { ids } }
}

extension DayPartitions {
    /// How many jobs of planned days are not done yet.
    public static func unfinished(on database: any SQLDatabase) async throws -> Int {
        try await database.raw("SELECT COUNT(*) AS n FROM run_day_jobs WHERE status <> 'done'").first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
