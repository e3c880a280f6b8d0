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
/// the core, and cases, actions and messages are written back in multi-row statements. A day
/// writes only what changed (`CaseWork`): new and changed cases in full, the DPD of cases of
/// which only it moved in one set-based update, and nothing for the other cases.
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
    /// What optimised cells (`OptimisePlan`) value channels by, given by the caller (a test, a
    /// simulation) in place of the active response model. nil (the default): the run asks the
    /// records for the active response model's answers (`DailyRunTransaction.responseAnswers`)
    /// and values by them (`TabledRepaymentForecast`, `BaselineRepaymentForecast` for customers
    /// it did not answer), or by `BaselineRepaymentForecast` alone when no response model is
    /// active; the summary says which.
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
        self.init(records: Self.records(store: store), strategy: strategy, buckets: buckets, agents: agents, policy: policy)
    }

    /// The run's records on the store's database, with the workflows it runs on its transaction.
    static func records(store: Store) -> SQLDailyRunRecords {
        SQLDailyRunRecords(store: store, settlingArrangements: { date, graceDays, actor, database in
            try await ArrangementSettlement.settleLeavingAudit(on: date, graceDays: graceDays, actor: actor, database: database)
        }, scoringResponses: { date, customers, buckets, database in
            // The one place the daily run asks the response models.
            guard let scored = try await ResponseScoring.expectedRepayments(on: date, customers: customers, buckets: buckets, database: database)
            else { return nil }
            return ResponseAnswers(model: scored.model.id, horizonDays: scored.model.horizonDays, answers: scored.answers)
        })
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

        let arrangements = try await Self.portfolioSteps(date, in: records, graceDays: arrangementGraceDays, actor: actor, buckets: buckets,
                                                         summary: &summary, clock: &clock, progress: progress)

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
        var work = CaseWork(date: date, strategy: strategy, buckets: buckets, payURLBase: payURLBase, links: self.records.links, screen: screen,
                            storedCases: inputs.storedCases)
        for customer in inputs.customers.values.sorted(by: { $0.id < $1.id }) {
            let open = inputs.openCases[customer.id]
            work.decide(customer, openCase: open, facts: inputs.facts(for: customer, caseId: open?.id, scope: strategy.holdPolicy.arrangementScope))
        }
        summary.casesOpened = work.casesOpened
        if strategy.optimises {
            clock.start("optimise")
            var forecast = response
            var standIn: Int?
            if forecast == nil, !work.optimisedCandidates.isEmpty {
                progress("asking the active response model about \(work.optimisedCandidates.count) cases of optimised cells")
                let customers = Set(work.optimisedCandidates.map(\.customer.id))
                if let answers = try await records.responseAnswers(on: date, customers: customers, buckets: buckets) {
                    let tabled = Self.tabled(answers, for: work.optimisedCandidates)
                    forecast = tabled
                    standIn = work.optimisedCandidates.filter { tabled.answers[$0.customer.id] == nil }.count
                }
            }
            progress("choosing channels for \(work.optimisedCandidates.count) cases of optimised cells within capacity")
            summary.optimisation = work.decideOptimised(OptimisedDay.Settings(
                strategy: strategy, date: date, agents: agents, budgets: budgets, costs: costs,
                response: forecast ?? BaselineRepaymentForecast(), usedBaseline: forecast == nil))
            summary.optimisation?.standInCases = standIn
        }

        clock.start("assign_tasks")
        progress("assigning \(work.tasks.count) tasks to \(agents.count) agents")
        let assignment = assign(work.tasks, optimised: work.optimisedTaskIds)
        work.applyAssignment(assignment)

        clock.start("write_work")
        progress("writing \(work.caseRows.count) cases (and the DPD alone of \(work.daysPastDueShifted)), \(work.actionRows.count) actions, \(work.messages.count) messages")
        try await work.write(to: records)

        summary.casesOpen = try await records.openCaseCount()
        work.count(into: &summary, recordsSeconds: recordsSeconds)
        summary.policyPack = policy.pack.id
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

    /// The response model's answers in minor units of each case's currency, for the candidates'
    /// customers; an answer that is not a finite number is left out (the stand-in answers it).
    static func tabled(_ answers: ResponseAnswers, for candidates: [OptimisedDay.Candidate]) -> TabledRepaymentForecast {
        let limit = Double(AllocationProblem.maximumValue)
        var table: [String: [Channel?: Int64]] = [:]
        for candidate in candidates {
            let id = candidate.customer.id
            guard table[id] == nil, let byChannel = answers.answers[id] else { continue }
            let perMajor = Double(candidate.facts.currency.minorUnitsPerMajor)
            var row: [Channel?: Int64] = [:]
            for (channel, major) in byChannel where major.isFinite {
                row[channel.channel] = Int64(min(max(major * perMajor, 0), limit).rounded())
            }
            table[id] = row
        }
        return TabledRepaymentForecast(name: answers.model, answers: table)
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
