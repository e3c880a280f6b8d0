import ArrearsCore
import Foundation
import SQLKit

/// The daily run's rows in the store's database, on SQLite or PostgreSQL.
///
/// The run's transaction is `Store.transaction(alone: true)`, holding `AdvisoryLock.dailyRun`
/// on PostgreSQL (on SQLite the database's write lock). Judging arrangements is a workflow of its
/// own (`ArrangementSettlement`, in ArrearsWorkflows), given as `settlingArrangements` and run on
/// the run's transaction; so is asking the active response model (`ResponseScoring`), given as
/// `scoringResponses`.
public struct SQLDailyRunRecords: DailyRunRecords {
    public typealias ArrangementStep = @Sendable (_ date: LocalDate, _ graceDays: Int, _ actor: String, _ database: any SQLDatabase) async throws
        -> (counts: [ArrangementStatus: Int], events: [AuditEvent])
    public typealias ResponseStep = @Sendable (_ date: LocalDate, _ customers: Set<String>, _ buckets: BucketScheme, _ database: any SQLDatabase) async throws
        -> ResponseAnswers?

    public let store: Store
    let settlingArrangements: ArrangementStep
    let scoringResponses: ResponseStep

    public init(store: Store, settlingArrangements: @escaping ArrangementStep, scoringResponses: @escaping ResponseStep) {
        self.store = store
        self.settlingArrangements = settlingArrangements
        self.scoringResponses = scoringResponses
    }

    public var links: LinkSigner { store.links }

    public func completedSummary(of day: String) async throws -> DailyRunSummary? {
        try await Transaction(store: store, database: store.sql, settlingArrangements: settlingArrangements, scoringResponses: scoringResponses)
            .completedSummary(of: day)
    }

    public func transaction<T: Sendable>(_ work: @escaping @Sendable (any DailyRunTransaction) async throws -> T) async throws -> T {
        let store = store, settlingArrangements = settlingArrangements, scoringResponses = scoringResponses
        return try await store.transaction(alone: true) { database in
            try await work(Transaction(store: store, database: database, settlingArrangements: settlingArrangements, scoringResponses: scoringResponses))
        }
    }

    /// The run's transaction on `database`.
    struct Transaction: DailyRunTransaction {
        let store: Store
        let database: any SQLDatabase
        let settlingArrangements: ArrangementStep
        let scoringResponses: ResponseStep

        func takeRunLock(waiting: @Sendable () -> Void) async throws {
            if try await !AdvisoryLock.dailyRun.tryTake(on: database) {
                waiting()
                try await AdvisoryLock.dailyRun.take(on: database)
            }
        }

        func completedSummary(of day: String) async throws -> DailyRunSummary? {
            guard let row = try await database.raw("SELECT summary FROM run_days WHERE business_date = \(bind: day)").first() else { return nil }
            var summary = try JSONDecoder().decode(DailyRunSummary.self, from: Data(try row.decode(column: "summary", as: String.self).utf8))
            summary.alreadyCompleted = true
            return summary
        }

        func lastCompletedDate() async throws -> String? {
            try await database.raw("SELECT MAX(business_date) AS last FROM run_days").first()?.decode(column: "last", as: String?.self)
        }

        func keepStrategy(version: String, content: String, on date: LocalDate) async throws {
            try await StrategyVersions.keep(version: version, content: content, on: date, database: database)
        }

        func settleArrangements(on date: LocalDate, graceDays: Int, actor: String) async throws -> (counts: [ArrangementStatus: Int], events: [AuditEvent]) {
            try await settlingArrangements(date, graceDays, actor, database)
        }

        func paymentsDated(_ day: String) async throws -> Int {
            try await database.raw("SELECT COUNT(*) AS n FROM payments WHERE paid_on = \(bind: day)").first()?.decode(column: "n", as: Int.self) ?? 0
        }

        func recomputePositions(asOf date: LocalDate, buckets: BucketScheme) async throws -> Int {
            try await PositionRepository(store: store, buckets: buckets).recompute(asOf: date, on: database)
        }

        func settlePromises(before date: LocalDate) async throws -> [String: Int] {
            try await PromiseSettlement.settle(before: date, on: database)
        }

        func snapshotBuckets(on date: LocalDate) async throws {
            try await BucketSnapshot.take(on: date, on: database)
        }

        var scoring: any ScoringRecords { SQLScoringRecords(database: database) }

        func responseAnswers(on date: LocalDate, customers: Set<String>, buckets: BucketScheme) async throws -> ResponseAnswers? {
            try await scoringResponses(date, customers, buckets, database)
        }

        func caseInputs(for date: LocalDate) async throws -> CaseInputs {
            try await CaseInputs.load(for: date, from: database, openingPersonalDataWith: store)
        }

        func closeCases(_ reason: CaseCloseReason, on day: String) async throws -> Int {
            let overdue = "SELECT 1 FROM account_positions p JOIN accounts a ON a.id = p.account_id WHERE a.customer_id = cases.customer_id AND p.dpd > 0"
            let condition: String
            switch reason {
            case .writtenOff:
                // `day` is a formatted date, digits and hyphens only.
                let collectable = "(a.written_off_on IS NULL OR a.written_off_on > '\(day)')"
                condition = "EXISTS (\(overdue)) AND NOT EXISTS (\(overdue) AND \(collectable))"
            case .settled:
                // A settlement paid while the case was open: the rest of the balance was forgiven, not paid.
                let settled = """
                    SELECT 1 FROM arrangements ar WHERE ar.customer_id = cases.customer_id AND ar.kind = '\(ArrangementKind.settlement.rawValue)'
                    AND ar.status = '\(ArrangementStatus.completed.rawValue)' AND ar.settled_on >= cases.opened_on
                    """
                condition = "NOT EXISTS (\(overdue)) AND EXISTS (\(settled))"
            case .cured:
                condition = "NOT EXISTS (\(overdue))"
            }
            // One pass over the open cases, counted by what it returns (SQLite 3.35+ and PostgreSQL
            // both have RETURNING): on a steady-state day every open case is checked, for each reason.
            return try await database.raw("""
                UPDATE cases SET status = 'closed', closed_on = \(bind: day), close_reason = \(bind: reason.rawValue), updated_on = \(bind: day)
                WHERE status = 'open' AND \(unsafeRaw: condition) RETURNING id
                """).all().count
        }

        func contactRecords(around instant: Date, lookbackDays: Int) async throws -> ContactRecords.Loaded {
            try await ContactRecords.load(customerId: nil, around: instant, lookbackDays: lookbackDays, on: database)
        }

        func insert(_ table: BulkInsert, _ rows: [[BulkValue]]) async throws {
            try await BulkWriter(database: database).insert(table, rows)
        }

        func shiftDaysPastDue(_ shifts: [Int: [String]]) async throws {
            try await CaseDaysPastDue.shift(shifts, on: database)
        }

        func enqueue(_ messages: [OutboxMessage]) async throws {
            try await OutboxRepository.enqueue(messages, on: database, sealingPersonalDataWith: store)
        }

        func openCaseCount() async throws -> Int {
            try await database.raw("SELECT COUNT(*) AS n FROM cases WHERE status = 'open'").first()?.decode(column: "n", as: Int.self) ?? 0
        }

        func audit(_ events: [AuditEvent]) async throws {
            try await AuditLog.append(events, on: database)
        }

        func recordCompleted(_ summary: DailyRunSummary) async throws {
            let encoded = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
            try await database.raw("""
                INSERT INTO run_days (business_date, strategy_version, completed_at, summary)
                VALUES (\(bind: summary.businessDate), \(bind: summary.strategyVersion), \(bind: ISO8601DateFormatter().string(from: Date())), \(bind: encoded))
                """).run()
        }
    }
}
