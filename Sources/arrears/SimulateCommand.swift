import ArgumentParser
import ArrearsCore
import ArrearsSimulation
import ArrearsStore
import ArrearsWorkflows
import Foundation

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "What-if: run a strategy for some business days on a copy of the database, with simulated customers answering.",
        discussion: """
        Copies the SQLite database to a temporary file (the database itself is never changed; a \
        PostgreSQL database is refused), then runs --days business days (Monday to Friday) from the \
        day after the last daily run with the strategy, the customers responding as the behaviour \
        model says (--behaviour, default CONFIG/behaviour.yaml; docs/simulation.md). Prints per cell \
        of the strategy: customers with an open case, what they paid in collections, the unit costs \
        (CONFIG/costs.yaml) of the actions created for them, and the net, each with a 95% interval \
        over customers (docs/optimisation.md).
        """
    )

    @Option(name: .long, help: "The strategy file to simulate.")
    var strategy: String

    @Option(name: .long, help: "How many business days to simulate, 1 to 260.")
    var days: Int

    @Option(name: .long, help: "The behaviour model's parameters (default: CONFIG/behaviour.yaml).")
    var behaviour: String?

    @Option(name: .long, help: "Random seed of the customers' responses.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "csv or json.")
    var format: ReportFormat = .csv

    @OptionGroup var options: StoreOptions

    func validate() throws {
        guard (1...260).contains(days) else { throw ValidationError("--days must be a whole number of business days from 1 to 260") }
    }

    func run() async throws {
        try await runReportingFailures {
            let url = try options.databaseURL()
            guard case .sqlite(let path) = url else {
                throw CLIFailure.rejected("""
                    simulate runs on a temporary copy of the database and can copy only a SQLite database, not \(url); \
                    nothing was changed (copy the portfolio into a SQLite database and simulate on that)
                    """)
            }
            guard FileManager.default.fileExists(atPath: path) else { throw CLIFailure.rejected("no database at \(path): nothing to simulate on") }
            let buckets = try options.buckets()
            let strategy = try options.strategy(path: self.strategy, buckets: buckets)
            let agents = try options.agents()
            let policy = try options.policy()
            let model = try behaviourModel()
            let costs: ChannelCosts, budgets: [Channel: Int]
            do {
                costs = try CostsConfig.load(fromDirectory: options.config)
                budgets = try TeamsConfig.budgets(fromDirectory: options.config)
            } catch let error as ConfigError {
                throw CLIFailure.rejected(error.description)
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-simulate-\(UUID().uuidString)")
            do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
                throw CLIFailure.dependency("cannot make a temporary folder for the copy: \(error.localizedDescription)")
            }
            defer { try? FileManager.default.removeItem(at: directory) }
            let copy = directory.appendingPathComponent("copy.sqlite").path
            // The database itself is only read: not even migrated.
            try await options.withStore(migrate: false) { store in try await SQLiteCopy.copy(store, to: copy) }
            let seed = self.seed, days = self.days
            let gains = try await options.withStore(url: .sqlite(path: copy)) { store in
                var simulation = WhatIfSimulation(store: store, strategy: strategy, buckets: buckets, agents: agents, policy: policy,
                                                  model: model, costs: costs)
                simulation.budgets = budgets
                simulation.seed = seed
                let first = try await simulation.firstDay(otherwise: LocalDate.today())
                Terminal.info("simulating \(days) business days from \(first) on a copy of \(path), behaviour \(model.version), seed \(seed)")
                do {
                    return try await simulation.run(from: first, days: days) { Terminal.info($0.description) }
                } catch let refused as DailyRunError {
                    throw CLIFailure.rejected(refused.description)
                }
            }
            CellGain.print(gains, format: format)
        }
    }

    /// The behaviour model in `--behaviour`, else `CONFIG/behaviour.yaml`.
    private func behaviourModel() throws -> BehaviourModel {
        let path = behaviour ?? (options.config as NSString).appendingPathComponent(BehaviourConfig.fileName)
        guard FileManager.default.fileExists(atPath: path) else { throw CLIFailure.rejected("\(path): no such behaviour file") }
        do { return try BehaviourConfig.load(path: path) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }
}
