import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsWorkflows
import Foundation

/// The throughput benchmark: generate a portfolio, import it into a fresh database, recompute
/// every account's position (issue 2), run a full business day (issue 3), and compare the
/// import with the floor that the `sqlite3` shell's `.import` (on SQLite) or `psql`'s `\copy`
/// (on PostgreSQL) sets for getting the same rows into plain tables. `--import-only` stops
/// after the import. `--days N` runs N consecutive days (the first on `--as-of`, each next one
/// the day after, with no new payments): the steady-state day costs what changed, which the
/// second day's time against the first's shows.
///
///     swift run -c release ArrearsBenchmarks [--customers 715000] [--data bench-data]
///         [--database sqlite:bench.sqlite] [--as-of 2026-11-23] [--skip-baseline] [--import-only] [--config config] [--days 1]
///     swift run -c release ArrearsBenchmarks response [--actions 2000000] (see `ResponseBenchmark`)
///
/// 715,000 customers make about 1,000,000 accounts, 6,000,000 dues and 4,000,000 payments.
struct Arguments {
    var customers = 715_000
    var data = "bench-data"
    var database = "sqlite:bench.sqlite"
    var asOf = LocalDate(iso: "2026-11-23")!
    var skipBaseline = false
    var importOnly = false
    var config = "config"
    /// The strategy the daily run follows (default: the configuration directory's strategy.yaml).
    var strategy: String?
    /// Logged actions to generate, train response models on and activate before the daily run
    /// (0: none), so that an optimised strategy values channels as it would at a bank.
    var responseActions = 0

    /// Days to run one after another (day 2 on measures the steady-state day).
    var days = 1

    static let usage = """
        usage: ArrearsBenchmarks [--customers 715000] [--data bench-data] [--database sqlite:bench.sqlite]
                                 [--as-of 2026-11-23] [--skip-baseline] [--import-only] [--config config] [--days 1]
                                 [--strategy config/strategy.optimised.yaml] [--response-actions 1000000]
        """

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--customers": customers = Int(iterator.next() ?? "") ?? customers
            case "--data": data = iterator.next() ?? data
            case "--database": database = iterator.next() ?? database
            case "--as-of": asOf = iterator.next().flatMap(LocalDate.init(iso:)) ?? asOf
            case "--skip-baseline": skipBaseline = true
            case "--import-only": importOnly = true
            case "--config": config = iterator.next() ?? config
            case "--strategy": strategy = iterator.next()
            case "--response-actions": responseActions = Int(iterator.next() ?? "") ?? responseActions
            case "--days": days = max(1, Int(iterator.next() ?? "") ?? days)
            case "--help", "-h":
                print(Self.usage)
                exit(0)
            default:
                FileHandle.standardError.write(Data("ArrearsBenchmarks: unknown argument \(argument)\n\(Self.usage)\n".utf8))
                exit(2)
            }
        }
    }
}

/// Peak resident memory of this process so far, in MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try await body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

func line(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

if CommandLine.arguments.dropFirst().first == "response" {
    try await ResponseBenchmark(CommandLine.arguments.dropFirst(2)).run()
    exit(0)
}

let arguments = Arguments(CommandLine.arguments)
let dataURL = URL(fileURLWithPath: arguments.data, isDirectory: true)
let files = ImportKind.allCases.map { dataURL.appendingPathComponent("\($0.rawValue).csv").path }

if !files.allSatisfy(FileManager.default.fileExists(atPath:)) {
    let (generated, seconds) = try await measure {
        try PortfolioGenerator(customers: arguments.customers, seed: 42, asOf: arguments.asOf).write(to: dataURL)
    }
    line("generate: \(generated.totalRows) rows (\(generated.accounts) accounts) in \(String(format: "%.1f", seconds)) s")
}

let url = try DatabaseURL(parsing: arguments.database)
if case .sqlite(let path) = url {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
if case .postgres = url {
    // Emptied before the keyed store opens: an earlier run's numbers are sealed under another key.
    let cleaner = try await Store.open(url)
    for table in ["payments", "dues", "accounts", "customers", "account_positions", "cases", "case_cadence", "actions",
                  "promises", "run_days", "bucket_totals", "account_snapshots", "outbox_messages", "customer_flags", "contact_attempts"] {
        try await cleaner.sql.raw("TRUNCATE \(unsafeRaw: table)").run()
    }
    await cleaner.shutdown()
}
// Keyed, as in production: ID and mobile numbers are sealed on import and opened by the daily run.
// The key is found as the CLI finds it, so `arrears serve` can open the benchmark's database after.
let keySource = try DataKeySource.resolve(environment: ProcessInfo.processInfo.environment)
if let notice = keySource.notice { line(notice) }
let store = try await Store.open(url, dataKey: keySource.key)

/// The floor for one file: the sqlite3 shell loading it into a plain table with no checks, in
/// its own process; nil when the shell is missing or fails.
func sqliteShellImport(_ file: String, table: String, into database: String) async throws -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", database]
    let input = Pipe()
    process.standardInput = input
    let (_, seconds) = try await measure {
        try process.run()
        input.fileHandleForWriting.write(Data(".mode csv\n.import \(file) \(table)\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
    return process.terminationStatus == 0 ? seconds : nil
}

/// The floor for one file on PostgreSQL: `psql`'s `\copy` of the CSV into a plain table with
/// one text column per column of the file's header, no key, no index, in its own process (the
/// table is made before and dropped after, outside the time); nil when `psql` is missing or fails.
func psqlCopy(_ file: String, table: String, into url: String) async throws -> Double? {
    func psql(_ command: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", command]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
    guard let handle = FileHandle(forReadingAtPath: file), let head = try handle.read(upToCount: 4096) else { return nil }
    try handle.close()
    let header = (String(decoding: head, as: UTF8.self).split(whereSeparator: \.isNewline).first ?? "").split(separator: ",")
    guard !header.isEmpty else { return nil }
    let columns = header.map { "\"\($0)\" text" }.joined(separator: ", ")
    guard try psql("DROP TABLE IF EXISTS \(table); CREATE TABLE \(table) (\(columns))") else { return nil }
    defer { _ = try? psql("DROP TABLE IF EXISTS \(table)") }
    let (ok, seconds) = try await measure { try psql("\\copy \(table) FROM '\(file)' WITH (FORMAT csv, HEADER true)") }
    return ok ? seconds : nil
}

// Each file's floor is taken right before Arrears imports the same file, so that both figures
// of a ratio come from the same minute: on a shared virtual machine the speed drifts by a
// fifth from one minute to the next, and a floor taken at the end of the run once made the
// same code look 1.3x or 1.7x.
let withBaseline = !arguments.skipBaseline
let floorName: String
if case .sqlite = url { floorName = "sqlite3 .import" } else { floorName = "psql \\copy" }
let baseline = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-baseline-\(getpid()).sqlite").path
var totalRows = 0
var totalSeconds = 0.0
var floorSeconds: Double? = withBaseline ? 0 : nil
for (kind, file) in zip(ImportKind.allCases, files) {
    var floor: Double?
    if withBaseline {
        switch url {
        case .sqlite: floor = try await sqliteShellImport(file, table: "baseline_\(kind.rawValue)", into: baseline)
        case .postgres(let text): floor = try await psqlCopy(file, table: "baseline_\(kind.rawValue)", into: text)
        }
        floorSeconds = floor.flatMap { seconds in floorSeconds.map { $0 + seconds } }
    }
    let (summary, seconds) = try await measure {
        try await PortfolioImporter(store: store).importFile(kind, path: file) { issue in line("error: \(issue)") }
    }
    totalRows += summary.rows
    totalSeconds += seconds
    let against = floor.map { String(format: "; \(floorName) %.2f s, %.2fx", $0, seconds / $0) } ?? ""
    line("import \(kind.rawValue): \(summary.rows) rows in \(String(format: "%.2f", seconds)) s (\(Int(Double(summary.rows) / seconds)) rows/s)\(against)")
}
try? FileManager.default.removeItem(atPath: baseline)
line("import total: \(totalRows) rows in \(String(format: "%.2f", totalSeconds)) s = \(Int(Double(totalRows) / totalSeconds)) rows/s; peak memory \(Int(peakMemoryMiB())) MiB")
if let floorSeconds {
    line("\(floorName) baseline: \(totalRows) rows in \(String(format: "%.2f", floorSeconds)) s = \(Int(Double(totalRows) / floorSeconds)) rows/s; Arrears takes \(String(format: "%.2f", totalSeconds / floorSeconds))x")
} else if withBaseline {
    line("\(floorName) baseline failed (is \(floorName.split(separator: " ")[0]) installed?)")
}
if arguments.importOnly {
    await store.shutdown()
    exit(0)
}

let positions = PositionRepository(store: store, buckets: .standard)
let (accounts, recomputeSeconds) = try await measure { try await positions.recompute(asOf: arguments.asOf) }
line("recompute: \(accounts) accounts as of \(arguments.asOf) in \(String(format: "%.2f", recomputeSeconds)) s; peak memory \(Int(peakMemoryMiB())) MiB")
for total in try await positions.bucketTotals() where total.currency == "CNY" {
    line("  \(total.bucket): \(total.accounts) accounts")
}

// The daily run (issue 3): everything a business day does, on the freshly imported portfolio.
let strategyPath = arguments.strategy ?? arguments.config + "/strategy.yaml"
let strategy = try StrategyConfig.load(path: strategyPath, buckets: .standard)
if arguments.responseActions > 0 {
    // Response models as a bank would have them: trained on logged history and active.
    var training = ResponseTraining(asOf: arguments.asOf)
    training.months = 12
    let actionsFile = dataURL.appendingPathComponent("actions-\(arguments.responseActions).csv")
    if !FileManager.default.fileExists(atPath: actionsFile.path) {
        _ = try await ResponseBenchmark.writeActions(arguments.responseActions, store: store, training: training, to: actionsFile)
    }
    let (imported, importSeconds) = try await measure {
        try await ActionHistoryImporter(store: store).importFile(path: actionsFile.path) { issue in line("error: \(issue)") }
    }
    let (trained, trainSeconds) = try await measure { try await training.train(on: store, actor: "benchmark") }
    try await store.transaction { database in _ = try await ResponseModelRegistry(database: database).activate(trained.id, actor: "benchmark") }
    line("response models: \(imported.added) logged actions imported in \(String(format: "%.2f", importSeconds)) s, \(trained.id) trained and activated in \(String(format: "%.2f", trainSeconds)) s")
}
let agents = try TeamsConfig.load(fromDirectory: arguments.config)
let policy = try PolicyConfig.load(fromDirectory: arguments.config)
// Contact records as a working collections department has them: every 20th customer flagged
// (disputes, cease requests, complaints), every 5th called twice yesterday and once today.
let customerIds = try await store.sql.raw("SELECT id FROM customers").all().map { try $0.decode(column: "id", as: String.self) }
var flagRows: [[BulkValue]] = [], attemptRows: [[BulkValue]] = []
let flagKinds = ["dispute", "cease", "complaint", "vulnerable"]
let attemptDay = LocalMoment.instant(arguments.asOf, minute: 9 * 60, in: TimeZone(identifier: "Asia/Shanghai")!)
for (index, id) in customerIds.enumerated() {
    if index % 20 == 0 {
        flagRows.append([.text("BF-\(id)"), .text(id), .text(flagKinds[(index / 20) % flagKinds.count]), .null, .null, .null, .null, .null,
                         .text("2026-01-01T00:00:00Z"), .text("benchmark")])
    }
    if index % 5 == 0 {
        for (n, offset) in [-86_400.0, -86_000.0, 0.0].enumerated() {
            attemptRows.append([.text("BA-\(id)-\(n)"), .text(id), .text("call"), .text("mobile"),
                                .text(ContactRecords.timestamp(attemptDay.addingTimeInterval(offset))), .text("no_answer"), .null, .text("benchmark"), .null])
        }
    }
}
let recordWriter = BulkWriter(database: store.sql)
try await recordWriter.insert(BulkInsert(table: "customer_flags", columns: ["id", "customer_id", "flag", "channel", "value", "starts_on", "ends_on", "note",
                                                                           "recorded_at", "recorded_by"], key: ["id"], onConflict: .ignore), flagRows)
try await recordWriter.insert(BulkInsert(table: "contact_attempts", columns: ["id", "customer_id", "channel", "contact_point", "attempted_at", "outcome",
                                                                             "note", "recorded_by", "breached_rule"], key: ["id"], onConflict: .ignore), attemptRows)
line("contact records: \(flagRows.count) flags, \(attemptRows.count) attempts")
var dailyRun = DailyRun(store: store, strategy: strategy, buckets: .standard, agents: agents, policy: policy)
if strategy.optimises {
    // As `arrears run-day` sets them for optimised cells.
    if FileManager.default.fileExists(atPath: arguments.config + "/" + CostsConfig.fileName) { dailyRun.costs = try CostsConfig.load(fromDirectory: arguments.config) }
    dailyRun.budgets = try TeamsConfig.budgets(fromDirectory: arguments.config)
}
line("daily run: strategy \(strategyPath) (\(strategy.version))")
let run = dailyRun
var summary = DailyRunSummary(businessDate: arguments.asOf.description, strategyVersion: strategy.version)
var firstDaySeconds = 0.0
for offset in 0..<arguments.days {
    let date = arguments.asOf.adding(days: offset)
    let runStarted = DispatchTime.now().uptimeNanoseconds
    let day = try await run.run(date) { step in
        line(String(format: "  [%6.2f s] ", Double(DispatchTime.now().uptimeNanoseconds - runStarted) / 1e9) + step)
    }
    line(day.text)
    let steps = (day.stepSeconds ?? [:]).sorted { $0.key < $1.key }.map { String(format: "%@ %.2f", $0.key, $0.value) }.joined(separator: ", ")
    line("  steps (s): \(steps)")
    if offset == 0 {
        summary = day
        firstDaySeconds = day.seconds
        line("run-day: \(String(format: "%.2f", day.seconds)) s; peak memory \(Int(peakMemoryMiB())) MiB")
    } else {
        line("run-day \(date) (day \(offset + 1)): \(String(format: "%.2f", day.seconds)) s = \(String(format: "%.2f", day.seconds / max(firstDaySeconds, 0.001)))x the first day; peak memory \(Int(peakMemoryMiB())) MiB")
    }
}
let policySeconds = summary.policySeconds ?? 0
line("policy (\(policy.pack.id) pack): " + String(format: "loading records and checking %d treatments took %.2f s of the run's %.2f s: it adds %.1f%% to the rest of the run",
            summary.actions, policySeconds, summary.seconds, 100 * policySeconds / max(summary.seconds - policySeconds, 0.001)))
await store.shutdown()

// The policy pack on its own: 1,000,000 treatments checked as the daily run checks them (one
// local moment per time zone, a standing per customer), with the same mix of flags and recent
// attempts as above, to compare with the whole run's time.
do {
    let zones = ["Asia/Shanghai", "Asia/Hong_Kong", "Europe/London", "America/New_York"].map { TimeZone(identifier: $0)! }
    let moments = zones.map { zone in LocalMoment(LocalMoment.instant(arguments.asOf, minute: policy.dailyRunContactMinute, in: zone), in: zone) }
    let own = [ContactPoint.mobile: ContactPoint(id: ContactPoint.mobile, kind: .own), ContactPoint.email: ContactPoint(id: ContactPoint.email, kind: .own),
               ContactPoint.address: ContactPoint(id: ContactPoint.address, kind: .own)]
    let channels: [ContactChannel] = [.sms, .call, .call, .email, .visit, .letter]
    let treatments = 1_000_000
    var blocked = 0
    let started = DispatchTime.now().uptimeNanoseconds
    for index in 0..<treatments {
        let zoneIndex = index % 10 == 0 ? (index / 10) % zones.count : 0
        let moment = moments[zoneIndex]
        var flags: [CustomerFlag] = []
        var attempts: [ContactAttempt] = []
        if index % 20 == 0 { flags = [CustomerFlag(kind: [.dispute, .cease, .complaint, .vulnerable][(index / 20) % 4])] }
        if index % 5 == 0 {
            attempts = [-86_400.0, -86_000.0, -3_600.0].map {
                ContactAttempt(at: moment.instant.addingTimeInterval($0), channel: .call, contactPoint: ContactPoint.mobile, outcome: .noAnswer)
            }
        }
        let standing = CustomerStanding(customerId: "C\(index)", timeZone: zones[zoneIndex], flags: flags, contactPoints: own, attempts: attempts)
        let decision = policy.pack.check(ContactRequest(channel: channels[index % channels.count], at: moment.instant, stage: .planning),
                                         for: standing, at: moment, timeZone: zones[zoneIndex])
        if !decision.allowed { blocked += 1 }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    line("policy (\(policy.pack.id) pack) in memory: \(treatments) treatments checked in " + String(format: "%.2f s (%.2f µs each; %d blocked) = %.1f%% of the run-day above",
                                                                                               seconds, seconds * 1e6 / Double(treatments), blocked, 100 * seconds / summary.seconds))
}

