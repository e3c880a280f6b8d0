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
        letters the run makes are printed with `arrears letters print --date D --out DIR`.
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

    func validate() throws {
        if strategy != nil, strategyVersion != nil { throw ValidationError("give --strategy or --strategy-version, not both") }
    }

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
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
            try await options.withStore { store in
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
                do {
                    let summary = try await run.run(date) { step in
                        Terminal.info(String(format: "[%6.1f s] ", Date().timeIntervalSince(started)) + step)
                    }
                    Terminal.info(summary.text)
                } catch let conflict as StrategyVersions.Conflict {
                    throw CLIFailure.rejected(conflict.description)
                } catch let refused as DailyRunError {
                    throw CLIFailure.rejected(refused.description)
                }
            }
        }
    }
}

extension RunDayCommand {
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
