import ArgumentParser
import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation

struct RunDayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-day",
        abstract: "Run the daily collections run for a business date.",
        discussion: """
        Recomputes delinquency, settles promises, snapshots buckets, segments customers, opens and \
        closes cases, evaluates the strategy into actions, queues messages in the outbox and assigns \
        tasks. A date runs once: running it again changes nothing; a run that was killed can simply \
        be started again. A date earlier than the last completed one is refused (exit 1) unless \
        --backdate is given. Runs take turns: a run started while another is running waits for it \
        (on PostgreSQL it says so) and then, for the same date, changes nothing. When the strategy's         messages carry the self-service link ({pay_url}), the run needs the address customers reach         `arrears serve` at (--public-url or ARREARS_PUBLIC_URL); without one it refuses (exit 78)         before anything is written. The templates of the strategy's letters (CONFIG/letters/) are checked \
        against the policy pack's letter-content rule first: one that lacks a required item stops the run (exit 1); the \
        letters the run makes are printed with `arrears letters print --date D --out DIR`. \
        With --partitions N (PostgreSQL only; refused on SQLite, exit 1) the run plans the date: the portfolio-wide steps in one \
        transaction, then N partitions of the delinquent customers recorded as jobs that `arrears worker` processes claim; \
        the jobs are printed, and the command then works them itself unless --plan-only is given (docs/scale-out.md).
        """
    )

    @Option(name: .long, help: "The business date (YYYY-MM-DD).")
    var date: LocalDate

    @Option(name: .long, help: "The strategy file (default: CONFIG/strategy.yaml).")
    var strategy: String?

    @Option(name: .customLong("strategy-version"), help: "Run with a strategy version kept in the database instead of a file.")
    var strategyVersion: String?

    @Flag(name: .long, help: "Run a date earlier than the last completed one: every account's position moves back to it.")
    var backdate = false

    @Option(name: .customLong("public-url"), help: "The address customers reach the self-service pages at, for the links in messages (default: ARREARS_PUBLIC_URL).")
    var publicURL: String?

    @Option(name: .long, help: "Plan the date in this many partitions of customers that workers claim (PostgreSQL only; docs/scale-out.md).")
    var partitions: Int?

    @Flag(name: .customLong("plan-only"), help: "With --partitions: plan the date and leave the partitions to `arrears worker`.")
    var planOnly = false

    func validate() throws {
        if strategy != nil, strategyVersion != nil { throw ValidationError("give --strategy or --strategy-version, not both") }
        if planOnly, partitions == nil { throw ValidationError("--plan-only needs --partitions") }
        if let partitions, !(1...PartitionedDay.maximumPartitions).contains(partitions) {
            throw ValidationError("--partitions must be between 1 and \(PartitionedDay.maximumPartitions)")
        }
    }

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            let prepared = try prepare()
            try await options.withStore { store in try await runDay(on: store, prepared) }
        }
    }

    /// What the run needs from config/, read and checked before the database is opened.
    struct Prepared {
        let buckets: BucketScheme
        let agents: [Agent]
        let policy: PolicySettings
        let authority: AuthorityLimits
        let address: PublicAddress?
        let file: (strategy: Strategy, source: String)?
    }

    func prepare() throws -> Prepared {
        let buckets = try options.buckets()
        let agents = try options.agents()
        let policy = try options.policy()
        let authority = try options.authority()
        let address = try publicAddress()
        // A strategy file is read, and checked for the public address it needs, before the
        // database is even opened.
        let file = strategyVersion == nil ? try strategyFile(buckets: buckets) : nil
        if let file {
            try requirePublicAddress(for: file.strategy, address)
            // A letter template that lacks what the pack requires stops the run before it starts.
            _ = try LettersCommand.letters(checking: file.strategy, options: options, pack: policy.pack)
        }
        return Prepared(buckets: buckets, agents: agents, policy: policy, authority: authority, address: address, file: file)
    }

    /// The daily run of `date` on an open store: `run-day` and `serve --schedule` call it.
    func runDay(on store: Store, _ prepared: Prepared) async throws {
        let (buckets, agents, policy, authority, address, file) = (
            prepared.buckets, prepared.agents, prepared.policy, prepared.authority, prepared.address, prepared.file)
        let loaded: (strategy: Strategy, source: String)
        if let file { loaded = file } else { loaded = try await storedStrategy(store: store, buckets: buckets) }
        let (strategy, source) = loaded
        try requirePublicAddress(for: strategy, address)
        if file == nil { _ = try LettersCommand.letters(checking: strategy, options: options, pack: policy.pack) }
        var run = DailyRun(store: store, strategy: strategy, buckets: buckets, agents: agents, policy: policy)
        run.strategySource = source
        run.arrangementGraceDays = authority.graceDays
        run.allowsBackdating = backdate
        if strategy.optimises {
            // Optimised cells set each channel's expected gain against its unit cost,
            // within the teams' capacity and the daily budgets.
            let costsFile = (options.config as NSString).appendingPathComponent(CostsConfig.fileName)
            do {
                if FileManager.default.fileExists(atPath: costsFile) { run.costs = try CostsConfig.load(fromDirectory: options.config) }
                run.budgets = try TeamsConfig.budgets(fromDirectory: options.config)
            } catch let error as ConfigError {
                throw CLIFailure.rejected(error.description)
            }
        }
        if let address { run.payURLBase = address.selfServiceBase }
        let started = Date()
        let progress: @Sendable (String) -> Void = { step in
            Terminal.info(String(format: "[%6.1f s] ", Date().timeIntervalSince(started)) + step)
        }
        if let partitions {
            return try await runPartitioned(partitions, store: store, strategy: strategy, source: source, payURLBase: run.payURLBase,
                                            graceDays: authority.graceDays, buckets: buckets, agents: agents, policy: policy, progress: progress)
        }
        if let inProgress = try await DayPartitions.inProgress(on: store.sql) {
            throw CLIFailure.rejected(PartitionedDayError.anotherDayInProgress(date: date.description, inProgress: inProgress).description)
        }
        do {
            let summary = try await run.run(date, progress: progress)
            Terminal.info(summary.text)
        } catch let conflict as StrategyVersions.Conflict {
            throw CLIFailure.rejected(conflict.description)
        } catch let refused as DailyRunError {
            throw CLIFailure.rejected(refused.description)
        }
    }
}

extension RunDayCommand {
    /// `--partitions N`: plans the date, prints its jobs and, unless `--plan-only`, works them as
    /// a worker does until the day is published.
    private func runPartitioned(_ partitions: Int, store: Store, strategy: Strategy, source: String, payURLBase: String, graceDays: Int,
                                buckets: BucketScheme, agents: [Agent], policy: PolicySettings,
                                progress: @escaping @Sendable (String) -> Void) async throws {
        guard store.dialect == .postgres else { throw CLIFailure.rejected(PartitionedDayError.needsPostgres.description) }
        var day = PartitionedDay(store: store, buckets: buckets, agents: agents, policy: policy)
        day.arrangementGraceDays = graceDays
        day.allowsBackdating = backdate
        let planned: PartitionedDay.Planned
        do {
            planned = try await day.plan(date, partitions: partitions, strategy: strategy, strategySource: source, payURLBase: payURLBase,
                                         progress: progress)
        } catch let refused as PartitionedDayError {
            throw CLIFailure.rejected(refused.description)
        } catch let refused as DailyRunError {
            throw CLIFailure.rejected(refused.description)
        } catch let conflict as StrategyVersions.Conflict {
            throw CLIFailure.rejected(conflict.description)
        }
        switch planned {
        case .completed(let summary):
            Terminal.info(summary.text)
            return
        case .planned(let plan, let sizes, let again):
            print("run-day \(plan.businessDate): \(again ? "already planned" : "planned") in \(plan.partitions) partitions (strategy \(plan.strategyVersion))")
            for job in try await DayPartitions.jobs(of: plan.businessDate, on: store.sql) {
                let customers = job.part < sizes.count ? ", \(sizes[job.part]) customers" : ""
                print(job.kind == DayPartitions.finalKind ? "final step: \(job.status)" : "partition \(job.part): \(job.status)\(customers)")
            }
        }
        if planOnly { return }
        let worker = DayWorker(day: day, leaseSeconds: WorkerCommand.defaultLeaseSeconds, heartbeatSeconds: WorkerCommand.defaultHeartbeatSeconds)
        _ = try await worker.run(untilIdle: true, progress: progress)
        if let summary = try await day.completedSummary(of: date.description) { Terminal.info(summary.text) }
    }

    /// The strategy file (`--strategy`, else `CONFIG/strategy.yaml`) and its text.
    private func strategyFile(buckets: BucketScheme) throws -> (strategy: Strategy, source: String) {
        let file = strategy ?? (options.config as NSString).appendingPathComponent(StrategyConfig.fileName)
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw CLIFailure.rejected("\(file): cannot be read: \(error.localizedDescription)")
        }
        return try parse(text, file: file, buckets: buckets)
    }

    /// The strategy version `--strategy-version` kept in the database, and its text.
    private func storedStrategy(store: Store, buckets: BucketScheme) async throws -> (strategy: Strategy, source: String) {
        let strategyVersion = strategyVersion ?? ""
        guard let stored = try await StrategyVersions.find(strategyVersion, on: store.sql) else {
            throw CLIFailure.rejected("no strategy version '\(strategyVersion)' is kept in the database (see arrears strategy list)")
        }
        return try parse(stored.content, file: "strategy version \(strategyVersion)", buckets: buckets)
    }

    private func parse(_ text: String, file: String, buckets: BucketScheme) throws -> (strategy: Strategy, source: String) {
        do { return (try StrategyConfig.parse(text, file: file, buckets: buckets), text) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// The public address from `--public-url`, else `ARREARS_PUBLIC_URL`; nil when neither is set.
    private func publicAddress() throws -> PublicAddress? {
        let (text, source) = publicURL.map { ($0, "--public-url") }
            ?? (ProcessInfo.processInfo.environment[PublicAddress.environmentVariable], PublicAddress.environmentVariable)
        guard let text, !text.isEmpty else { return nil }
        do { return try PublicAddress(text) } catch { throw CLIFailure.rejected("\(source): \(error)") }
    }

    /// Refuses (exit 78) to run a strategy whose messages carry the self-service link without a
    /// public address: the links would point at this machine's loopback address, which no
    /// customer can reach.
    private func requirePublicAddress(for strategy: Strategy, _ address: PublicAddress?) throws {
        let templates = PublicAddress.requiredBy(strategy)
        guard address == nil, !templates.isEmpty else { return }
        let variable = PublicAddress.environmentVariable
        throw CLIFailure.unconfigured("""
            no public address is configured, and the strategy's templates \(templates.joined(separator: ", ")) put the customer's \
            self-service link ({pay_url}) in messages. Set \(variable) (or pass --public-url) to the address customers reach \
            `arrears serve` at, for example \(variable)=https://collections.example-bank.cn (docs/operations.md). Nothing was run.
            """)
    }
}
