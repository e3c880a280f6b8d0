import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsWorkflows
import Foundation

/// Issue 27's training benchmark: `model train --target response` on a history of 2,000,000
/// logged actions, timed by phase (reading the ledgers, behaviour and actions; computing each
/// action's features and outcome; fitting the T-learner; registering), with the process's CPU
/// time (user + system) beside the wall time, since the machine may be shared.
///
///     swift run -c release ArrearsBenchmarks response [--actions 2000000] [--customers 200000]
///         [--data bench-response] [--database sqlite:bench-response.sqlite] [--as-of 2026-11-23]
///
/// The history is generated: a portfolio of `--customers` (`PortfolioGenerator`, seed 42), then
/// actions on days on which the customer was delinquent (as the daily run's and a bank's
/// collection history are), the channel drawn at random among none, SMS, e-mail and call with
/// its propensity 0.25 logged, imported with `ActionHistoryImporter` as `arrears import actions` does.
struct ResponseBenchmark {
    var actions = 2_000_000
    var customers = 200_000
    var data = "bench-response"
    var database = "sqlite:bench-response.sqlite"
    var asOf = LocalDate(iso: "2026-11-23")!

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--actions": actions = Int(iterator.next() ?? "") ?? actions
            case "--customers": customers = Int(iterator.next() ?? "") ?? customers
            case "--data": data = iterator.next() ?? data
            case "--database": database = iterator.next() ?? database
            case "--as-of": asOf = iterator.next().flatMap(LocalDate.init(iso:)) ?? asOf
            default:
                FileHandle.standardError.write(Data("ArrearsBenchmarks response: unknown argument \(argument)\n".utf8))
                exit(2)
            }
        }
    }

    /// Seconds of wall time and of CPU time (user + system) that `body` took.
    static func timed<T>(_ body: () async throws -> T) async rethrows -> (T, wall: Double, cpu: Double) {
        func cpu() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = cpu()
        let result = try await body()
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu() - cpuStart)
    }

    static func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

    static func figures(_ wall: Double, _ cpu: Double) -> String { String(format: "%.2f s wall, %.2f s CPU", wall, cpu) }

    /// Writes `count` logged actions of the portfolio in `store` to `file` (the columns of
    /// `arrears import actions`): each on a day of `training`'s window on which the customer had
    /// something overdue, customers in turn, the channel drawn at random among none, SMS, e-mail
    /// and call with its propensity 0.25.
    static func writeActions(_ count: Int, store: Store, training: ResponseTraining, to file: URL) async throws -> (actions: Int, customers: Int) {
        let first = training.since.adding(days: 1), days = training.asOf.adding(days: -training.horizonDays).days(since: training.since)
        let ledgers = Dictionary(grouping: try await SQLScoringRecords(store: store).ledgers(.all), by: \.customerId)
        let ids = ledgers.keys.sorted()
        var random = SeededGenerator(seed: 27)
        var text = "action_id,customer_id,date,channel,cell,propensity\n"
        var written = 0, attempts = 0
        let channels = ["none", "sms", "email", "call"]
        while written < count, attempts < count * 40, !ids.isEmpty {
            let id = ids[attempts % ids.count]
            attempts += 1
            let date = first.adding(days: Int.random(in: 0..<days, using: &random))
            guard let accounts = ledgers[id], ResponseFeatures.isDelinquent(accounts, on: date) else { continue }
            text += "B\(written),\(id),\(date),\(channels[Int.random(in: 0..<4, using: &random)]),random,0.25\n"
            written += 1
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (written, ids.count)
    }

    func run() async throws {
        let dataURL = URL(fileURLWithPath: data, isDirectory: true)
        let files = ImportKind.allCases.map { dataURL.appendingPathComponent("\($0.rawValue).csv").path }
        if !files.allSatisfy(FileManager.default.fileExists(atPath:)) {
            _ = try PortfolioGenerator(customers: customers, seed: 42, asOf: asOf).write(to: dataURL)
        }
        let url = try DatabaseURL(parsing: database)
        guard case .sqlite(let path) = url else {
            Self.say("the response benchmark runs on a fresh SQLite file")
            exit(2)
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try await Store.open(url)
        for (kind, file) in zip(ImportKind.allCases, files) {
            _ = try await PortfolioImporter(store: store).importFile(kind, path: file) { issue in Self.say("error: \(issue)") }
        }

        // The history: actions on delinquent days of the training window, customers in turn.
        var training = ResponseTraining(asOf: asOf)
        training.months = 12
        let actionsFile = dataURL.appendingPathComponent("actions-\(actions).csv")
        if !FileManager.default.fileExists(atPath: actionsFile.path) {
            let written = try await Self.writeActions(actions, store: store, training: training, to: actionsFile)
            Self.say("generated \(written.actions) actions of \(written.customers) customers")
        }
        let (imported, importWall, importCPU) = try await Self.timed {
            try await ActionHistoryImporter(store: store).importFile(path: actionsFile.path) { issue in Self.say("error: \(issue)") }
        }
        Self.say("import actions: \(imported.added) actions in \(Self.figures(importWall, importCPU))")

        // model train --target response, by phase.
        let records = SQLScoringRecords(store: store)
        let ((ledgers, behaviour, history), loadWall, loadCPU) = try await Self.timed {
            (Dictionary(grouping: try await records.ledgers(.all), by: \.customerId), try await records.behaviour(), try await records.actionHistory())
        }
        Self.say("loading: \(ledgers.count) customers' ledgers and \(history.values.reduce(0) { $0 + $1.count }) actions in \(Self.figures(loadWall, loadCPU))")
        let (found, featureWall, featureCPU) = await Self.timed { training.examples(ledgers: ledgers, behaviour: behaviour, actions: history) }
        Self.say("features: \(found.examples.count) examples of \(found.read) actions read in \(Self.figures(featureWall, featureCPU))")
        let (model, fitWall, fitCPU) = try await Self.timed { try training.learner.fit(found.examples) }
        Self.say("fitting: \(model.trainingRows) training and \(model.holdoutRows) hold-out rows in \(Self.figures(fitWall, fitCPU))")
        for effect in model.effects {
            Self.say(String(format: "  %@: effect %.2f [%.2f, %.2f], Qini %.4f", effect.channel.rawValue, effect.averageEffect,
                            effect.effectLow ?? .nan, effect.effectHigh ?? .nan, effect.qini))
        }
        let horizonDays = training.horizonDays, since = training.since.description, asOf = self.asOf
        let (_, registerWall, registerCPU) = try await Self.timed {
            try await records.registerResponseCandidate { version in
                ResponseModelRecord(id: ResponseModelRecord.id(version: version), version: version, status: .candidate, asOf: asOf.description,
                                    horizonDays: horizonDays, trainedAt: UTCTimestamp.text(Date()), trainedBy: "benchmark", activatedAt: nil,
                                    definition: .init(since: since, actionsRead: found.read, notDelinquent: found.notDelinquent, model: model))
            }
        }
        Self.say("registering: \(Self.figures(registerWall, registerCPU))")
        Self.say("train total: \(Self.figures(loadWall + featureWall + fitWall + registerWall, loadCPU + featureCPU + fitCPU + registerCPU))")
        await store.shutdown()
    }
}
