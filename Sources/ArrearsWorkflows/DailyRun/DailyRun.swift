import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// `arrears run-day`: every business day, decides what to do about every delinquent customer
/// and turns it into work (DESIGN.md, "The daily run").
///
/// The whole date runs in one transaction: a run killed at any point leaves nothing of that
/// date behind, and running the date again completes it. A date that completed is recorded in
/// `run_days` and a second run of it changes nothing. Ids are derived from the customer and the
/// date, so even a forced rerun could not duplicate a case, an action or a message.
///
/// Runs take turns: a run holds the daily-run lock from the start of its transaction to its
/// commit (on PostgreSQL `AdvisoryLock.dailyRun`, on SQLite the database's write lock), so a
/// second run started meanwhile waits, and then finds its date completed and changes nothing.
/// A date earlier than the last completed one is refused (`DailyRunError`) unless
/// `allowsBackdating`.
///
/// It works set-at-a-time: positions, promise settlement and snapshots are single SQL
/// statements; the delinquent accounts are read once, the strategy is evaluated in memory by
/// the core, and cases, actions and messages are written back in multi-row statements.
public struct DailyRun: Sendable {
    public let store: Store
    public let strategy: Strategy
    public let buckets: BucketScheme
    public let agents: [Agent]
    /// The policy pack every treatment is checked against before it becomes work.
    public let policy: PolicySettings
    /// Where the customer's self-service page lives: `{pay_url}` in messages is this followed by
    /// the customer's signed link (`SelfServiceLink`). `arrears run-day` takes it from
    /// `ARREARS_PUBLIC_URL` (the address customers reach `arrears serve` at) + `/s/`.
    public var payURLBase = "http://127.0.0.1:8080/s/"
    /// The strategy file's text, kept in `strategy_versions` under the strategy's version.
    public var strategySource: String?
    /// Who runs the day, for the audit log.
    public var actor = AuditEvent.commandLineActor
    /// Days an arrangement's instalment may be late before the plan is broken
    /// (`config/authority.yaml`).
    public var arrangementGraceDays = AuthorityLimits.standard.graceDays
    /// Whether a date earlier than the last completed one may run (`run-day --backdate`).
    public var allowsBackdating = false

    public init(store: Store, strategy: Strategy, buckets: BucketScheme, agents: [Agent], policy: PolicySettings) {
        self.store = store
        self.policy = policy
        self.strategy = strategy
        self.buckets = buckets
        self.agents = agents
    }

    /// Runs `date`; `progress` hears each step as it starts.
    public func run(_ date: LocalDate, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> DailyRunSummary {
        let started = Date()
        let day = date.description
        if let done = try await completedSummary(day, on: store.sql) { return done }
        var summary = try await store.transaction(alone: true) { database in
            if try await !AdvisoryLock.dailyRun.tryTake(on: database) {
                progress("waiting for another run-day to finish")
                try await AdvisoryLock.dailyRun.take(on: database)
            }
            return try await runSteps(date, on: database, progress: progress)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    private func completedSummary(_ day: String, on database: any SQLDatabase) async throws -> DailyRunSummary? {
        guard let row = try await database.raw("SELECT summary FROM run_days WHERE business_date = \(bind: day)").first() else { return nil }
        var summary = try JSONDecoder().decode(DailyRunSummary.self, from: Data(try row.decode(column: "summary", as: String.self).utf8))
        summary.alreadyCompleted = true
        return summary
    }

    /// The latest business date that completed, `YYYY-MM-DD` (which orders as dates do).
    private func lastCompletedDate(on database: any SQLDatabase) async throws -> String? {
        try await database.raw("SELECT MAX(business_date) AS last FROM run_days").first()?.decode(column: "last", as: String?.self)
    }

    private func runSteps(_ date: LocalDate, on database: any SQLDatabase, progress: @escaping @Sendable (String) -> Void) async throws -> DailyRunSummary {
        let day = date.description
        var summary = DailyRunSummary(businessDate: day, strategyVersion: strategy.version)
        // A concurrent run of the same date may have finished while this one waited for the lock.
        if let done = try await completedSummary(day, on: database) { return done }
        if !allowsBackdating, let last = try await lastCompletedDate(on: database), last > day {
            throw DailyRunError.earlierThanLastCompleted(date: day, lastCompleted: last)
        }

        var clock = DailyRunStepClock()
        if let strategySource {
            try await StrategyVersions.keep(version: strategy.version, content: strategySource, on: date, database: database)
        }

        clock.start("settle_arrangements")
        progress("settling arrangements")
        let arrangements = try await ArrangementSettlement.settleLeavingAudit(on: date, graceDays: arrangementGraceDays, actor: actor, database: database)
        summary.arrangementsSettled = arrangements.counts.reduce(into: [:]) { $0[$1.key.rawValue] = $1.value }

        clock.start("post_payments")
        progress("posting payments and recomputing delinquency as of \(day)")
        summary.paymentsPostedToday = try await database.raw("SELECT COUNT(*) AS n FROM payments WHERE paid_on = \(bind: day)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        summary.accounts = try await PositionRepository(store: store, buckets: buckets).recompute(asOf: date, on: database)

        clock.start("settle_promises")
        progress("settling promises to pay due before \(day)")
        summary.promisesSettled = try await PromiseSettlement.settle(before: date, on: database)

        clock.start("snapshot_buckets")
        progress("snapshotting buckets")
        try await BucketSnapshot.take(on: date, on: database)

        clock.start("score_accounts")
        progress("scoring delinquent accounts with the active models")
        summary.scoring = try await AccountScoring.run(date, on: database)

        clock.start("segment_customers")
        progress("segmenting customers and evaluating the strategy")
        let inputs = try await CaseInputs.load(for: date, from: database, openingPersonalDataWith: store)
        summary.delinquentAccounts = inputs.customers.values.reduce(0) { $0 + $1.accounts.count }
        summary.casesClosed = try await closeFinishedCases(on: day, database: database)

        clock.start("check_policy")
        progress("checking treatments against the \(policy.pack.id) policy pack")
        let recordsStarted = Date()
        let records = try await ContactRecords.load(customerId: nil, around: TreatmentScreen.contactInstant(on: date, settings: policy, in: .gmt),
                                                    lookbackDays: policy.pack.lookbackDays + 1, on: database)
        let recordsSeconds = Date().timeIntervalSince(recordsStarted)
        let screen = TreatmentScreen(settings: policy, date: date, records: records)
        var work = CaseWork(date: date, strategy: strategy, buckets: buckets, payURLBase: payURLBase, links: store.links, screen: screen)
        for customer in inputs.customers.values.sorted(by: { $0.id < $1.id }) {
            let open = inputs.openCases[customer.id]
            work.decide(customer, openCase: open, facts: inputs.facts(for: customer, caseId: open?.id, scope: strategy.holdPolicy.arrangementScope))
        }
        summary.casesOpened = work.casesOpened

        clock.start("assign_tasks")
        progress("assigning \(work.tasks.count) tasks to \(agents.count) agents")
        let assignment = TaskAssigner.assign(work.tasks, to: agents)
        work.applyAssignment(assignment)

        clock.start("write_work")
        progress("writing \(work.caseRows.count) cases, \(work.actionRows.count) actions, \(work.messages.count) messages")
        let writer = BulkWriter(database: database)
        try await writer.insert(CaseWork.caseTable, work.caseRows)
        try await writer.insert(CaseWork.actionTable, work.actionRows)
        try await writer.insert(CaseWork.cadenceTable, work.cadenceRows)
        try await writer.insert(LetterRecords.table, work.letterRows)
        try await OutboxRepository.enqueue(work.messages, on: database, sealingPersonalDataWith: store)

        summary.casesOpen = try await database.raw("SELECT COUNT(*) AS n FROM cases WHERE status = 'open'").first()?.decode(column: "n", as: Int.self) ?? 0
        summary.actions = work.actionRows.count
        summary.bySegment = work.counts.segment
        summary.byBucket = work.counts.bucket
        summary.byTreatment = work.counts.treatment
        summary.byCell = work.counts.cell
        summary.byStatus = work.counts.status
        summary.policyPack = policy.pack.id
        summary.blockedByRule = work.counts.rule
        summary.policySeconds = recordsSeconds + Double(work.policyNanoseconds) / 1e9
        summary.messagesQueued = work.messages.count
        summary.lettersQueued = work.letterRows.count
        summary.tasksAssigned = assignment.count
        summary.tasksQueued = work.tasks.count - assignment.count
        summary.stepSeconds = clock.finish()

        // Last, just before the commit: appending holds the audit log's head until then, and every
        // audited change of the workbench waits for it.
        try await AuditLog.append(arrangements.events + [AuditEvent(actor: actor, action: "run_day", subject: day, details: [
            "strategy_version": strategy.version, "cases_opened": String(summary.casesOpened), "cases_closed": String(summary.casesClosed),
            "actions": String(summary.actions), "policy_pack": policy.pack.id, "blocked": String(work.counts.rule.values.reduce(0, +)), "messages_queued": String(summary.messagesQueued), "tasks_assigned": String(summary.tasksAssigned),
        ])], on: database)
        let encoded = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        try await database.raw("""
            INSERT INTO run_days (business_date, strategy_version, completed_at, summary)
            VALUES (\(bind: day), \(bind: strategy.version), \(bind: ISO8601DateFormatter().string(from: Date())), \(bind: encoded))
            """).run()
        return summary
    }

    /// Closes the open cases with nothing left to collect: `written_off` when the customer's only
    /// overdue accounts were written off, `settled` when no account is overdue any more and a
    /// settlement was paid since the case opened, `cured` when no account is overdue any more.
    private func closeFinishedCases(on day: String, database: any SQLDatabase) async throws -> Int {
        let overdue = "SELECT 1 FROM account_positions p JOIN accounts a ON a.id = p.account_id WHERE a.customer_id = cases.customer_id AND p.dpd > 0"
        // A settlement paid while the case was open: the rest of the balance was forgiven, not paid.
        let settled = """
            SELECT 1 FROM arrangements ar WHERE ar.customer_id = cases.customer_id AND ar.kind = '\(ArrangementKind.settlement.rawValue)'
            AND ar.status = '\(ArrangementStatus.completed.rawValue)' AND ar.settled_on >= cases.opened_on
            """
        // `day` is a formatted date, digits and hyphens only.
        let collectable = "(a.written_off_on IS NULL OR a.written_off_on > '\(day)')"
        let reasons: [(reason: String, condition: String)] = [
            ("written_off", "EXISTS (\(overdue)) AND NOT EXISTS (\(overdue) AND \(collectable))"),
            ("settled", "NOT EXISTS (\(overdue)) AND EXISTS (\(settled))"),
            ("cured", "NOT EXISTS (\(overdue))"),
        ]
        var closed = 0
        for (reason, condition) in reasons {
            let filter = "status = 'open' AND \(condition)"
            closed += try await database.raw("SELECT COUNT(*) AS n FROM cases WHERE \(unsafeRaw: filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            try await database.raw("""
                UPDATE cases SET status = 'closed', closed_on = \(bind: day), close_reason = \(bind: reason), updated_on = \(bind: day)
                WHERE \(unsafeRaw: filter)
                """).run()
        }
        return closed
    }
}
