import ArrearsCore
import ArrearsSimulation
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation

/// The shipped configuration (strategy, teams, behaviour) and a living demo over a generated
/// portfolio, as the simulation tests use them.
enum DemoFixture {
    static let config = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config").path
    /// A Tuesday, so that the history's days cross weekends.
    static let today = LocalDate(iso: "2026-06-30")!

    static func model() throws -> BehaviourModel {
        try BehaviourConfig.load(path: config + "/" + BehaviourConfig.fileName)
    }

    static func strategy() throws -> Strategy {
        try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard)
    }

    static func demo(_ store: Store, customers: Int, days: Int, seed: UInt64 = 7) throws -> LivingDemo {
        LivingDemo(store: store, strategy: try strategy(), buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                   policy: try PolicyConfig.load(fromDirectory: config), model: try model(), customers: customers, seed: seed, days: days)
    }

    /// The daily run with the shipped strategy and teams.
    static func run(_ store: Store) throws -> DailyRun {
        DailyRun(store: store, strategy: try strategy(), buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                 policy: try PolicyConfig.load(fromDirectory: config))
    }

    /// Lives through `days` business days ending on `today` and returns the cells' results and each day.
    static func live(_ store: Store, customers: Int, days: Int, seed: UInt64 = 7,
                     today: LocalDate = today) async throws -> (cells: [CellResult], days: [LivingDemoDay]) {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let collected = DayCollector()
        let cells = try await demo(store, customers: customers, days: days, seed: seed).run(today: today, dataDirectory: directory) { event in
            if case .day(let day) = event { collected.add(day) }
        }
        return (cells, collected.days)
    }
}

/// Collects the demo's days from its progress callback.
final class DayCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [LivingDemoDay] = []
    var days: [LivingDemoDay] { lock.withLock { collected } }
    func add(_ day: LivingDemoDay) { lock.withLock { collected.append(day) } }
}
