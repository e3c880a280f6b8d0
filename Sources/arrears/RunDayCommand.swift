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
        (on PostgreSQL it says so) and then, for the same date, changes nothing.
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
            try await options.withStore { store in
                let (strategy, source) = try await loadStrategy(store: store, buckets: buckets)
                var run = DailyRun(store: store, strategy: strategy, buckets: buckets, agents: agents, policy: policy)
                run.strategySource = source
                run.arrangementGraceDays = authority.graceDays
                run.allowsBackdating = backdate
                if let publicURL = ProcessInfo.processInfo.environment["ARREARS_PUBLIC_URL"], !publicURL.isEmpty {
                    run.payURLBase = (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/s/"
                }
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
    /// The strategy and its text: from the database for `--strategy-version`, else from the file.
    private func loadStrategy(store: Store, buckets: BucketScheme) async throws -> (Strategy, String) {
        let file: String
        let text: String
        if let strategyVersion {
            guard let stored = try await StrategyVersions.find(strategyVersion, on: store.sql) else {
                throw CLIFailure.rejected("no strategy version '\(strategyVersion)' is kept in the database (see arrears strategy list)")
            }
            file = "strategy version \(strategyVersion)"
            text = stored.content
        } else {
            file = strategy ?? (options.config as NSString).appendingPathComponent(StrategyConfig.fileName)
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw CLIFailure.rejected("\(file): cannot be read: \(error.localizedDescription)")
            }
        }
        do { return (try StrategyConfig.parse(text, file: file, buckets: buckets), text) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }
}
