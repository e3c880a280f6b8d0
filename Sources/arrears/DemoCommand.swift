import ArgumentParser
import ArrearsCore
import ArrearsSimulation
import ArrearsStore
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a fresh SQLite database with a sample portfolio, live through its last business days, and serve it.",
        discussion: """
        The sample portfolio goes through --days business days (Monday to Friday) of daily runs ending \
        today, with customers responding to the strategy's actions as CONFIG/behaviour.yaml says \
        (docs/simulation.md): payments, promises kept and broken, cured cases, and champion/challenger \
        cells with their own results. The demo database is recreated each time; it refuses to touch a \
        PostgreSQL database.
        """
    )

    @Option(name: .long, help: "How many sample customers.")
    var customers: Int = 2_000

    @Option(name: .long, help: "Random seed of the sample portfolio and of the customers' responses.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "How many business days of history to simulate, ending today.")
    var days: Int = 90

    @Option(name: .long, help: "Where the sample CSV files are written.")
    var data: String = "demo-data"

    @Flag(name: .customLong("no-serve"), help: "Prepare the database and stop, without starting the server.")
    var noServe = false

    @OptionGroup var server: ServerOptions
    @OptionGroup var options: StoreOptions

    func validate() throws {
        guard days >= 1 else { throw ValidationError("--days must be at least 1") }
    }

    func run() async throws {
        try await runReportingFailures {
            let url = try options.databaseURL()
            guard case .sqlite(let path) = url else {
                throw CLIFailure.rejected("the demo recreates its database and runs only on SQLite, not on \(url)")
            }
            let buckets = try options.buckets()
            let strategy = try options.strategy(path: nil, buckets: buckets)
            let agents = try options.agents()
            let model = try behaviourModel()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try await options.withStore { store in
                let started = Date()
                let demo = LivingDemo(store: store, strategy: strategy, buckets: buckets, agents: agents, model: model,
                                      customers: customers, seed: seed, days: days)
                let cells = try await demo.run(today: LocalDate.today(), dataDirectory: URL(fileURLWithPath: data, isDirectory: true)) { event in
                    Terminal.info(String(format: "[%6.1f s] ", Date().timeIntervalSince(started)) + event.description)
                }
                for cell in cells { Terminal.info(cell.description) }
                if !noServe { try await server.serve(store: store, buckets: buckets) }
            }
        }
    }

    /// The behaviour model in `CONFIG/behaviour.yaml`.
    private func behaviourModel() throws -> BehaviourModel {
        let path = (options.config as NSString).appendingPathComponent(BehaviourConfig.fileName)
        do { return try BehaviourConfig.load(path: path) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }
}
