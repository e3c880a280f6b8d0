import ArrearsCore
import ArrearsStore
import Foundation

/// Why a partitioned day (`PartitionedDay`) refused to plan or work.
public enum PartitionedDayError: Error, Equatable, CustomStringConvertible {
    /// Partitions are claimed with `FOR UPDATE SKIP LOCKED` from PostgreSQL's job table.
    case needsPostgres
    /// Another date is planned and not yet published: days run one after the other.
    case anotherDayInProgress(date: String, inProgress: String)
    /// The strategy has optimised cells, whose choices are made across the whole day from every
    /// candidate: not yet split into partitions.
    case optimisedCells
    /// The partition count is out of range.
    case partitions(Int)
    /// The plan names a strategy version the database does not keep.
    case unknownStrategy(String)

    public var description: String {
        switch self {
        case .needsPostgres:
            "--partitions needs PostgreSQL (ARREARS_DATABASE_URL=postgres://...): on SQLite the day runs in one process; run it without --partitions"
        case .anotherDayInProgress(let date, let inProgress):
            "\(inProgress) is planned in partitions and not yet published: let `arrears worker` finish it before \(date) is run"
        case .optimisedCells:
            "the strategy has optimised cells, whose channel choice is made across the whole day: run it without --partitions"
        case .partitions(let count):
            "--partitions must be between 1 and \(PartitionedDay.maximumPartitions), not \(count)"
        case .unknownStrategy(let version):
            "the day's plan names strategy version '\(version)', which the database does not keep"
        }
    }
}

/// The daily run split across processes (docs/scale-out.md, issue 28), on PostgreSQL.
///
/// A partition's worker reads only its partition's customers: their accounts, cases, cadence,
/// promises, scores, arrangements and contact records; its memory is bounded by its partition.
///
/// `plan` runs the portfolio-wide steps (`DailyRun.portfolioSteps`) and closes the cases that
/// closed, set-based in one transaction under the daily-run lock, appends the day's root entry
/// to the audit log and records the jobs (`DayPartitions`): one per partition of the delinquent
/// customers (by `DayPartitions.partition(of:among:)`) and the final step. `work` does one
/// claimed job in one transaction: a partition decides its customers' cases (`CaseWork`, reading
/// only them) and writes its cases, actions, cadence, letters, messages and tasks, and one entry
/// on its own audit chain; the final step, once every partition is done, assigns the day's
/// tasks to the agents across the whole day, appends `run_day` and publishes the day in
/// `run_days`. Until then the date is in progress: readers of the day wait for it.
///
/// The result equals a one-process run of the date (`DailyRun`): the same ids, the same rows.
public struct PartitionedDay: Sendable {
    public static let maximumPartitions = 4096

    public let store: Store
    public let buckets: BucketScheme
    public let agents: [Agent]
    public let policy: PolicySettings
    /// Who runs the day, for the audit log.
    public var actor = AuditEvent.commandLineActor
    public var arrangementGraceDays = AuthorityLimits.standard.graceDays
    public var allowsBackdating = false
    let records: SQLDailyRunRecords

    public init(store: Store, buckets: BucketScheme, agents: [Agent], policy: PolicySettings) {
        self.store = store
        self.buckets = buckets
        self.agents = agents
        self.policy = policy
        records = DailyRun.records(store: store)
    }

    /// What planning found or did.
    public enum Planned: Sendable {
        /// The date had completed already: nothing changed.
        case completed(DailyRunSummary)
        /// The date is planned (now, or before: `again`), with the customers of each partition
        /// (empty when it was planned before).
        case planned(DayPartitions.Plan, sizes: [Int], again: Bool)
    }

    /// Plans `date` in `partitions` partitions with `strategy`, kept under its version with
    /// `strategySource`; the messages' links start with `payURLBase`. A date planned already
    /// is left as it is.
    public func plan(_ date: LocalDate, partitions: Int, strategy: Strategy, strategySource: String?, payURLBase: String,
                     progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Planned {
        guard store.dialect == .postgres else { throw PartitionedDayError.needsPostgres }
        guard (1...Self.maximumPartitions).contains(partitions) else { throw PartitionedDayError.partitions(partitions) }
        guard !strategy.optimises else { throw PartitionedDayError.optimisedCells }
        let day = date.description
        let (actor, graceDays, buckets, allowsBackdating) = (actor, arrangementGraceDays, buckets, allowsBackdating)
        return try await records.partitionTransaction { records, database in
            try await records.takeRunLock { progress("waiting for another run-day to finish") }
            if let done = try await records.completedSummary(of: day) { return .completed(done) }
            if let inProgress = try await DayPartitions.inProgress(on: database) {
                guard inProgress == day, let plan = try await DayPartitions.plan(of: day, on: database) else {
                    throw PartitionedDayError.anotherDayInProgress(date: day, inProgress: inProgress)
                }
                return .planned(plan, sizes: [], again: true)
            }
            if !allowsBackdating, let last = try await records.lastCompletedDate(), last > day {
                throw DailyRunError.earlierThanLastCompleted(date: day, lastCompleted: last)
            }
            var summary = DailyRunSummary(businessDate: day, strategyVersion: strategy.version)
            var clock = DailyRunStepClock()
            if let strategySource { try await records.keepStrategy(version: strategy.version, content: strategySource, on: date) }
            let arrangements = try await DailyRun.portfolioSteps(date, in: records, graceDays: graceDays, actor: actor, buckets: buckets,
                                                                 summary: &summary, clock: &clock, progress: progress)
            clock.start("close_cases")
            progress("closing the cases that closed")
            // Only customers with nothing collectable overdue close: none of them has work today.
            for reason in CaseCloseReason.allCases { summary.casesClosed += try await records.closeCases(reason, on: day) }
            clock.start("plan_partitions")
            progress("splitting the delinquent customers into \(partitions) partitions")
            summary.stepSeconds = clock.finish()
            let root = try await AuditPartitionChains.appendRoot(arrangements.events, day: day, actor: actor, details: [
                "strategy_version": strategy.version, "partitions": String(partitions), "cases_closed": String(summary.casesClosed),
            ], on: database)
            let plan = DayPartitions.Plan(businessDate: day, partitions: partitions, strategyVersion: strategy.version, payURLBase: payURLBase,
                                          rootHash: root, summary: summary)
            let sizes = try await DayPartitions.record(plan, on: database)
            return .planned(plan, sizes: sizes, again: false)
        }
    }

    /// The summary of `day` if it was published; nil otherwise.
    public func completedSummary(of day: String) async throws -> DailyRunSummary? {
        try await records.completedSummary(of: day)
    }

    /// The strategy a plan names, as the database keeps it.
    public func strategy(of plan: DayPartitions.Plan) async throws -> Strategy {
        guard let stored = try await StrategyVersions.find(plan.strategyVersion, on: store.sql) else {
            throw PartitionedDayError.unknownStrategy(plan.strategyVersion)
        }
        return try StrategyConfig.parse(stored.content, file: "strategy version \(plan.strategyVersion)", buckets: buckets)
    }

    /// Does `job`, claimed by this worker, in one transaction; what the final step published, or
    /// nil for a partition. Throws `DayPartitions.LeaseLost`, writing nothing, when another
    /// worker took the job meanwhile.
    public func work(_ job: DayPartitions.Job, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> DailyRunSummary? {
        guard let plan = try await DayPartitions.plan(of: job.businessDate, on: store.sql), let date = LocalDate(iso: job.businessDate) else {
            throw PartitionedDayError.unknownStrategy(job.businessDate)
        }
        let strategy = try await strategy(of: plan)
        if job.isFinal { return try await finish(job, plan: plan, strategy: strategy, progress: progress) }
        try await decide(job, date: date, plan: plan, strategy: strategy, progress: progress)
        return nil
    }

    /// A partition: its customers' cases decided and written, with its tasks for the final step.
    private func decide(_ job: DayPartitions.Job, date: LocalDate, plan: DayPartitions.Plan, strategy: Strategy,
                        progress: @escaping @Sendable (String) -> Void) async throws {
        let (store, policy, buckets, actor) = (store, policy, buckets, actor)
        try await records.partitionTransaction { records, database in
            let started = Date()
            let day = date.description
            let inputs = try await CaseInputs.load(for: date, from: database, openingPersonalDataWith: store, partition: job.part)
            progress("\(job): \(inputs.customers.count) customers")
            let recordsStarted = Date()
            let contacts = try await ContactRecords.load(partition: job.part, of: date,
                                                         around: TreatmentScreen.contactInstant(on: date, settings: policy, in: .gmt),
                                                         lookbackDays: policy.pack.lookbackDays + 1, on: database)
            let recordsSeconds = Date().timeIntervalSince(recordsStarted)
            let screen = TreatmentScreen(settings: policy, date: date, records: contacts)
            // As in the one-process run, the stored cases are compared with the day's decisions:
            // only the cases that moved are written in full, and of the rest only the DPD, set-wise.
            var work = CaseWork(date: date, strategy: strategy, buckets: buckets, payURLBase: plan.payURLBase, links: store.links, screen: screen,
                                storedCases: inputs.storedCases)
            for customer in inputs.customers.values.sorted(by: { $0.id < $1.id }) {
                let open = inputs.openCases[customer.id]
                work.decide(customer, openCase: open, facts: inputs.facts(for: customer, caseId: open?.id, scope: strategy.holdPolicy.arrangementScope))
            }
            try await work.write(to: records)
            // The tasks wait for the final step, which assigns the whole day's at once.
            var customers: [String: String] = [:]
            for row in work.actionRows {
                if case .text(let id) = row[0], work.taskTreatments[id] != nil, case .text(let customer) = row[2] { customers[id] = customer }
            }
            try await records.insert(DayPartitions.taskTable, work.tasks.compactMap { task in
                guard let owner = work.taskTreatments[task.id], let customer = customers[task.id] else { return nil }
                return [.text(day), .text(task.id), .text(customer), .text(owner.caseId), .text(owner.treatment), .text(task.channel.rawValue),
                        .text(task.language.rawValue), .optional(task.region), .integer(task.priority)]
            })
            var summary = DailyRunSummary(businessDate: day, strategyVersion: strategy.version)
            summary.delinquentAccounts = inputs.customers.values.reduce(0) { $0 + $1.accounts.count }
            summary.casesOpened = work.casesOpened
            work.count(into: &summary, recordsSeconds: recordsSeconds)
            summary.tasksQueued = work.tasks.count
            summary.seconds = Date().timeIntervalSince(started)
            try await AuditPartitionChains.append([AuditEvent(actor: actor, action: "run_day_partition", subject: "\(day)/\(job.part)", details: [
                "partition": String(job.part), "partitions": String(plan.partitions), "customers": String(inputs.customers.count),
                "cases_opened": String(work.casesOpened), "actions": String(work.actionRows.count), "messages_queued": String(work.messages.count),
                "tasks": String(work.tasks.count), "blocked": String(work.counts.rule.values.reduce(0, +)),
            ])], day: day, part: job.part, anchor: plan.rootHash, on: database)
            try await DayPartitions.finish(job, summary: summary, on: database)
        }
    }

    /// The final step: the day's tasks assigned across the whole day, the summary written and
    /// the day published.
    private func finish(_ job: DayPartitions.Job, plan: DayPartitions.Plan, strategy: Strategy,
                        progress: @escaping @Sendable (String) -> Void) async throws -> DailyRunSummary {
        let (agents, actor, policy) = (agents, actor, policy)
        return try await records.partitionTransaction { records, database in
            try await records.takeRunLock { progress("waiting for another run-day to finish") }
            var summary = plan.summary
            for part in try await DayPartitions.partitionSummaries(of: plan.businessDate, on: database) {
                summary.add(part)
            }
            let pending = try await DayPartitions.tasks(of: plan.businessDate, on: database)
            progress("\(job): assigning \(pending.count) tasks to \(agents.count) agents")
            let assignment = TaskAssigner.assign(pending.map(\.task), to: agents)
            let owners = Dictionary(pending.map { ($0.task.id, $0) }, uniquingKeysWith: { first, _ in first })
            let assigned = assignment.sorted { $0.key < $1.key }
            try await DayPartitions.assign(assigned.map { ($0.key, $0.value) }, on: database)
            try await records.insert(CaseWork.cadenceTable, assigned.compactMap { actionId, _ in
                owners[actionId].map { [.text($0.caseId), .text($0.treatment), .text(plan.businessDate)] }
            })
            summary.tasksAssigned = assignment.count
            summary.tasksQueued = pending.count - assignment.count
            summary.casesOpen = try await records.openCaseCount()
            summary.policyPack = policy.pack.id
            try await records.audit([AuditEvent(actor: actor, action: "run_day", subject: plan.businessDate, details: [
                "strategy_version": strategy.version, "cases_opened": String(summary.casesOpened), "cases_closed": String(summary.casesClosed),
                "actions": String(summary.actions), "policy_pack": policy.pack.id, "blocked": String((summary.blockedByRule ?? [:]).values.reduce(0, +)),
                "messages_queued": String(summary.messagesQueued), "tasks_assigned": String(summary.tasksAssigned),
                "partitions": String(plan.partitions),
            ])])
            try await records.recordCompleted(summary)
            try await DayPartitions.publish(job, on: database)
            return summary
        }
    }
}

extension DailyRunSummary {
    /// Adds what a partition did to the day's summary.
    mutating func add(_ part: DailyRunSummary) {
        func merge(_ into: inout [String: Int], _ from: [String: Int]) { for (key, value) in from { into[key, default: 0] += value } }
        delinquentAccounts += part.delinquentAccounts
        casesOpened += part.casesOpened
        actions += part.actions
        merge(&bySegment, part.bySegment)
        merge(&byBucket, part.byBucket)
        merge(&byTreatment, part.byTreatment)
        merge(&byCell, part.byCell)
        merge(&byStatus, part.byStatus)
        var blocked = blockedByRule ?? [:]
        merge(&blocked, part.blockedByRule ?? [:])
        blockedByRule = blocked
        policySeconds = (policySeconds ?? 0) + (part.policySeconds ?? 0)
        messagesQueued += part.messagesQueued
        lettersQueued = (lettersQueued ?? 0) + (part.lettersQueued ?? 0)
        if let written = part.casesWritten {
            let sum = casesWritten ?? CaseWrites(full: 0, daysPastDueOnly: 0, unchanged: 0)
            casesWritten = CaseWrites(full: sum.full + written.full, daysPastDueOnly: sum.daysPastDueOnly + written.daysPastDueOnly,
                                      unchanged: sum.unchanged + written.unchanged)
        }
    }
}
