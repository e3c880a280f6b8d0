import ArgumentParser
import ArrearsCore
import ArrearsStore
import Foundation

struct RunDayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-day",
        abstract: "Run the daily collections run for a business date.",
        discussion: """
        Recomputes delinquency, settles promises, snapshots buckets, segments customers, opens and \
        closes cases, evaluates the strategy into actions, queues messages in the outbox and assigns \
        tasks. A date runs once: running it again changes nothing; a run that was killed can simply \
        be started again.
        """
    )

    @Option(name: .long, help: "The business date (YYYY-MM-DD).")
    var date: LocalDate

    @Option(name: .long, help: "The strategy file (default: CONFIG/strategy.yaml).")
    var strategy: String?

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            let buckets = try options.buckets()
            let strategy = try options.strategy(path: strategy, buckets: buckets)
            let agents = try options.agents()
            try await options.withStore { store in
                let started = Date()
                let summary = try await DailyRun(store: store, strategy: strategy, buckets: buckets, agents: agents).run(date) { step in
                    Terminal.info(String(format: "[%6.1f s] ", Date().timeIntervalSince(started)) + step)
                }
                Terminal.info(summary.text)
            }
        }
    }
}
