import ArrearsCore
import ArrearsStore
import Foundation

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
    /// Where the run reads and writes: the store's database (`SQLDailyRunRecords`), or rows a
    /// test keeps in memory.
    public let records: any DailyRunRecords
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
    /// What optimised cells (`OptimisePlan`) value channels by: the active response model; nil
    /// until one is active, when `BaselineRepaymentForecast` values them and the summary says so.
    public var response: (any RepaymentForecast)?
    /// The unit cost of each channel (`config/costs.yaml`), set against an optimised choice's
    /// expected gain; nil: channels cost nothing.
    public var costs: ChannelCosts?
    /// Daily budgets of SMS and letters for optimised cells (`config/teams.yaml`'s
    /// `daily_budgets`); a channel without one is not limited.
    public var budgets: [Channel: Int] = [:]

    public init(records: any DailyRunRecords, strategy: Strategy, buckets: BucketScheme, agents: [Agent], policy: PolicySettings) {
        self.records = records
        self.policy = policy
        self.strategy = strategy
        self.buckets = buckets
        self.agents = agents
    }

    /// The run on the store's database.
    public init(store: Store, strategy: Strategy, buckets: BucketScheme, agents: [Agent], policy: PolicySettings) {
        let records = SQLDailyRunRecords(store: store) { date, graceDays, actor, database in
            try await ArrangementSettlement.settleLeavingAudit(on: date, graceDays: graceDays, actor: actor, database: database)
        }
        self.init(records: records, strategy: strategy, buckets: buckets, agents: agents, policy: policy)
    }

    /// Runs `date`; `progress` hears each step as it starts.
    public func run(_ date: LocalDate, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> DailyRunSummary {
        let started = Date()
        let day = date.description
        if let done = try await records.completedSummary(of: day) { return done }
        var summary = try await records.transaction { records in
            try await records.takeRunLock { progress("waiting for another run-day to finish") }
            return try await runSteps(date, in: records, progress: progress)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    private func runSteps(_ date: LocalDate, in records: any DailyRunTransaction, progress: @escaping @Sendable (String) -> Void) async throws -> DailyRunSummary {
        let day = date.description
        var summary = DailyRunSummary(businessDate: day, strategyVersion: strategy.version)
        // A concurrent run of the same date may have finished while this one waited for the lock.
        if let done = try await records.completedSummary(of: day) { return done }
        if !allowsBackdating, let last = try await records.lastCompletedDate(), last > day {
            throw DailyRunError.earlierThanLastCompleted(date: day, lastCompleted: last)
        }

        var clock = DailyRunStepClock()
        if let strategySource {
            try await records.keepStrategy(version: strategy.version, content: strategySource, on: date)
        }

        clock.start("settle_arrangements")
        progress("settling arrangements")
        let arrangements = try await records.settleArrangements(on: date, graceDays: arrangementGraceDays, actor: actor)
        summary.arrangementsSettled = arrangements.counts.reduce(into: [:]) { $0[$1.key.rawValue] = $1.value }

        clock.start("post_payments")
        progress("posting payments and recomputing delinquency as of \(day)")
        summary.paymentsPostedToday = try await records.paymentsDated(day)
        summary.accounts = try await records.recomputePositions(asOf: date, buckets: buckets)

        clock.start("settle_promises")
        progress("settling promises to pay due before \(day)")
        summary.promisesSettled = try await records.settlePromises(before: date)

        clock.start("snapshot_buckets")
        progress("snapshotting buckets")
        try await records.snapshotBuckets(on: date)

        clock.start("score_accounts")
        progress("scoring delinquent accounts with the active models")
        summary.scoring = try await AccountScoring.run(date, records: records.scoring)

        clock.start("segment_customers")
        progress("segmenting customers and evaluating the strategy")
        let inputs = try await records.caseInputs(for: date)
        summary.delinquentAccounts = inputs.customers.values.reduce(0) { $0 + $1.accounts.count }
        // A case closes for the first reason that holds (`CaseCloseReason`).
        for reason in CaseCloseReason.allCases { summary.casesClosed += try await records.closeCases(reason, on: day) }

        clock.start("check_policy")
        progress("checking treatments against the \(policy.pack.id) policy pack")
        let recordsStarted = Date()
        let contacts = try await records.contactRecords(around: TreatmentScreen.contactInstant(on: date, settings: policy, in: .gmt),
                                                        lookbackDays: policy.pack.lookbackDays + 1)
        let recordsSeconds = Date().timeIntervalSince(recordsStarted)
        let screen = TreatmentScreen(settings: policy, date: date, records: contacts)
        var work = CaseWork(date: date, strategy: strategy, buckets: buckets, payURLBase: payURLBase, links: self.records.links, screen: screen)
        for customer in inputs.customers.values.sorted(by: { $0.id < $1.id }) {
            let open = inputs.openCases[customer.id]
            work.decide(customer, openCase: open, facts: inputs.facts(for: customer, caseId: open?.id, scope: strategy.holdPolicy.arrangementScope))
        }
        summary.casesOpened = work.casesOpened
        if strategy.optimises {
            clock.start("optimise")
            progress("choosing channels for \(work.optimisedCandidates.count) cases of optimised cells within capacity")
            summary.optimisation = work.decideOptimised(OptimisedDay.Settings(
                strategy: strategy, date: date, agents: agents, budgets: budgets, costs: costs,
                response: response ?? BaselineRepaymentForecast(), usedBaseline: response == nil))
        }

        clock.start("assign_tasks")
        progress("assigning \(work.tasks.count) tasks to \(agents.count) agents")
        let assignment = assign(work.tasks, optimised: work.optimisedTaskIds)
        work.applyAssignment(assignment)

        clock.start("write_work")
        progress("writing \(work.caseRows.count) cases, \(work.actionRows.count) actions, \(work.messages.count) messages")
        try await records.insert(CaseWork.caseTable, work.caseRows)
        try await records.insert(CaseWork.actionTable, work.actionRows)
        try await records.insert(CaseWork.cadenceTable, work.cadenceRows)
        try await records.insert(LetterRecords.table, work.letterRows)
        try await records.enqueue(work.messages)

        summary.casesOpen = try await records.openCaseCount()
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
        try await records.audit(arrangements.events + [AuditEvent(actor: actor, action: "run_day", subject: day, details: [
            "strategy_version": strategy.version, "cases_opened": String(summary.casesOpened), "cases_closed": String(summary.casesClosed),
            "actions": String(summary.actions), "policy_pack": policy.pack.id, "blocked": String(work.counts.rule.values.reduce(0, +)), "messages_queued": String(summary.messagesQueued), "tasks_assigned": String(summary.tasksAssigned),
        ])])
        try await records.recordCompleted(summary)
        return summary
    }

    /// Assigns the tasks to the agents. The tasks of optimised cells go first, to agents holding
    /// the optimised cells' share of their capacity (the capacity their choice was made within);
    /// the other cells' tasks then fill what is left, as without optimised cells.
    private func assign(_ tasks: [TaskToAssign], optimised: Set<String>) -> [String: String] {
        guard !optimised.isEmpty else { return TaskAssigner.assign(tasks, to: agents) }
        let basisPoints = strategy.optimisedBasisPoints
        let shares = agents.map {
            Agent(id: $0.id, name: $0.name, kind: $0.kind, channels: $0.channels, languages: $0.languages, regions: $0.regions,
                  dailyCapacity: $0.dailyCapacity * basisPoints / 10_000)
        }
        var assignment = TaskAssigner.assign(tasks.filter { optimised.contains($0.id) }, to: shares)
        let load = assignment.values.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        assignment.merge(TaskAssigner.assign(tasks.filter { !optimised.contains($0.id) }, to: agents, alreadyToday: load)) { first, _ in first }
        return assignment
    }
}
