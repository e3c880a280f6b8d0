import ArgumentParser
import ArrearsCore
import ArrearsServer
import ArrearsSimulation
import ArrearsStore
import ArrearsWorkflows
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a fresh SQLite database with a sample portfolio, live through its last business days, and serve it.",
        discussion: """
        The sample portfolio goes through --days business days (Monday to Friday) of daily runs ending \
        today, with customers responding to the strategy's actions as CONFIG/behaviour.yaml says \
        (docs/simulation.md): payments, promises kept and broken, cured cases, and champion/challenger \
        cells with their own results. Before the last third of the days the demo trains its own pay30 \
        and roll scorecards on the history so far and activates them, so the days after are scored and \
        monitored (`arrears model monitor`). With --strategy config/strategy.champion-optimised.yaml half the \
        customers are decided by the default rules and half by expected net recovery (docs/optimisation.md, \
        "The demo world"): the demo trains response models on its own history every month, and ends by \
        printing each cell's net recovery and the optimised cell's gain over the champion with a 95% interval. \
        The demo database is recreated each time; it refuses to touch a PostgreSQL database.
        """
    )

    @Option(name: .long, help: "How many sample customers.")
    var customers: Int = 2_000

    @Option(name: .long, help: "Random seed of the sample portfolio and of the customers' responses.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "How many business days of history to simulate, ending today.")
    var days: Int = 90

    @Option(name: .long, help: "The strategy file (default: CONFIG/strategy.yaml), e.g. config/strategy.champion-optimised.yaml.")
    var strategy: String?

    @Option(name: .long, help: "Where the sample CSV files are written.")
    var data: String = "demo-data"

    @Flag(name: .customLong("no-serve"), help: "Prepare the database and stop, without starting the server.")
    var noServe = false

    @Option(name: .long, help: "The password of every demo user (default: a random one, printed at the end).")
    var demoPassword: String?

    @OptionGroup var server: ServerOptions
    @OptionGroup var options: StoreOptions

    func validate() throws {
        guard days >= 1 else { throw ValidationError("--days must be at least 1") }
        if let demoPassword, !(PasswordHasher.minimumLength...72).contains(demoPassword.utf8.count) {
            throw ValidationError("--demo-password must be \(PasswordHasher.minimumLength) to 72 bytes")
        }
    }

    func run() async throws {
        try await runReportingFailures {
            let url = try options.databaseURL()
            guard case .sqlite(let path) = url else {
                throw CLIFailure.rejected("the demo recreates its database and runs only on SQLite, not on \(url)")
            }
            let buckets = try options.buckets()
            let strategy = try options.strategy(path: self.strategy, buckets: buckets)
            let agents = try options.agents()
            let policy = try options.policy()
            let analytics = try options.analytics(strategy: strategy)
            let authority = try options.authority()
            let selfService = try options.selfService()
            let dateRules = try options.dateRules()
            let talkTracks = try options.talkTracks()
            let model = try behaviourModel()
            let costs = try channelCosts()
            let budgets = try dailyBudgets(for: strategy)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try await options.withStore { store in
                let started = Date()
                var demo = LivingDemo(store: store, strategy: strategy, buckets: buckets, agents: agents, policy: policy, model: model,
                                      customers: customers, seed: seed, days: days)
                demo.payURLBase = "http://\(server.hostname):\(server.port)/s/"
                if strategy.optimises {
                    demo.costs = costs
                    demo.budgets = budgets
                }
                let cells = try await demo.run(today: LocalDate.today(), dataDirectory: URL(fileURLWithPath: data, isDirectory: true)) { event in
                    Terminal.info(String(format: "[%6.1f s] ", Date().timeIntervalSince(started)) + event.description)
                }
                for cell in cells { Terminal.info(cell.description) }
                let comparison = try await CellNetComparison.load(from: store.sql, champion: CellComparison.champion(of: strategy), costs: costs)
                Terminal.info(comparison.description)
                let password = demoPassword ?? PasswordHasher.generate()
                let users = try await addDemoUsers(password: password, agents: agents, store: store)
                Terminal.info("demo users, all with the same password: " + users.joined(separator: ", "))
                Terminal.info("sign in at \(server.signInURL) as admin / \(password)")
                if !noServe { try await server.serve(store: store, buckets: buckets, policy: policy, analytics: analytics, authority: authority, selfService: selfService,
                                                    dateRules: dateRules, talkTracks: talkTracks) }
            }
        }
    }

    /// One user of each back-office role, and a collector and a field agent working as the first
    /// collector and field team in `CONFIG/teams.yaml`, all with `password` (hashed once: they
    /// share it anyway). Returns how each is described on the console.
    private func addDemoUsers(password: String, agents: [Agent], store: Store) async throws -> [String] {
        let hash = try PasswordHasher.hash(password)
        let collector = agents.first { $0.kind == .collector }
        let fieldTeam = agents.first { $0.kind == .fieldTeam }
        let people: [(username: String, role: Role, agent: Agent?)] = [
            ("admin", .admin, nil), ("supervisor", .supervisor, nil), ("strategy", .strategyManager, nil),
            ("compliance", .compliance, nil), ("legal", .legal, nil), ("collector", .collector, collector), ("field", .fieldAgent, fieldTeam),
        ]
        var described: [String] = []
        for person in people {
            let user = User(id: UUID().uuidString.lowercased(), username: person.username, displayName: person.agent?.name ?? person.username,
                            role: person.role, passwordHash: hash, agentId: person.agent?.id, team: nil, active: true,
                            createdAt: ISO8601DateFormatter().string(from: Date()))
            try await UserDirectory.add(user, actor: AuditEvent.commandLineActor, on: store)
            described.append(person.username + (person.agent.map { " (\(person.role.rawValue) \($0.id))" } ?? ""))
        }
        return described
    }

    /// The unit costs of `CONFIG/costs.yaml`: what optimised cells set against a channel's gain,
    /// and what the cells' net recovery is counted with.
    private func channelCosts() throws -> ChannelCosts {
        do { return try CostsConfig.load(fromDirectory: options.config) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// The daily budgets of `CONFIG/teams.yaml` for optimised cells; none for a strategy without them.
    private func dailyBudgets(for strategy: Strategy) throws -> [Channel: Int] {
        guard strategy.optimises else { return [:] }
        do { return try TeamsConfig.budgets(fromDirectory: options.config) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
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
