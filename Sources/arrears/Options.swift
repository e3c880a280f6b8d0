import ArgumentParser
import ArrearsCore
import ArrearsStore
import ArrearsServer
import ArrearsWorkflows
import Foundation
import Logging

/// `--database` and `--config`, shared by every command that opens the database.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "sqlite:PATH or postgres://user:pass@host:port/db (default: $ARREARS_DATABASE_URL, else sqlite:arrears.sqlite).")
    var database: String?

    @Option(name: .long, help: "The folder with buckets.yaml and the other configuration files.")
    var config: String = "config"

    func databaseURL() throws -> DatabaseURL {
        do { return try DatabaseURL.resolve(option: database, environment: ProcessInfo.processInfo.environment) } catch {
            throw ValidationError(error.description)
        }
    }

    func buckets() throws -> BucketScheme {
        do { return try BucketConfig.load(fromDirectory: config) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// The strategy at `path`, or `CONFIG/strategy.yaml`.
    func strategy(path: String?, buckets: BucketScheme) throws -> Strategy {
        let file = path ?? (config as NSString).appendingPathComponent("strategy.yaml")
        do { return try StrategyConfig.load(path: file, buckets: buckets) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// The policy pack the bank collects under, from `CONFIG/policy.yaml` and `CONFIG/policies/`.
    func policy() throws -> PolicySettings {
        do { return try PolicyConfig.load(fromDirectory: config) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// The agents tasks are assigned to, from `CONFIG/teams.yaml`.
    func agents() throws -> [Agent] {
        do { return try TeamsConfig.load(fromDirectory: config) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// Who may approve which arrangement, from `CONFIG/authority.yaml`.
    func authority() throws -> AuthorityLimits {
        do { return try AuthorityConfig.load(fromDirectory: config) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// The dates payments and dues may have, from `CONFIG/dates.yaml`.
    func dateRules() throws -> InputDateRules {
        do { return try DateRulesConfig.load(fromDirectory: config) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// What collectors say on a case, by segment and situation, from `CONFIG/talk_tracks.yaml`.
    func talkTracks() throws -> TalkTracks {
        do { return try TalkTracksConfig.load(fromDirectory: config) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// What customers may do on the self-service page, from `CONFIG/selfservice.yaml`.
    func selfService() throws -> SelfServiceConfig {
        do { return try SelfServiceConfig.load(fromDirectory: config) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// What the analytics pages need: unit costs (`CONFIG/costs.yaml`), teams, the strategy's
    /// champion cell and how cells are compared.
    func analytics(strategy: Strategy) throws -> AnalyticsSettings {
        do {
            return AnalyticsSettings(costs: try CostsConfig.load(fromDirectory: config), agents: try agents(),
                                     champion: CellComparison.champion(of: strategy), comparison: strategy.comparison)
        } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// The data key that seals personal data at rest (see `DataKeySource`); says so on
    /// standard error when it had to make the default key file.
    func dataKey() throws -> DataKey {
        do {
            let source = try DataKeySource.resolve(environment: ProcessInfo.processInfo.environment)
            if let notice = source.notice { Terminal.info(notice) }
            return source.key
        } catch {
            throw CLIFailure.rejected(error.description)
        }
    }

    /// Opens (and migrates) the store with the data key, runs `body`, and always closes the store;
    /// `url` opens another database than `--database` (a copy of it) with the same key.
    func withStore<T>(migrate: Bool = true, url: DatabaseURL? = nil, _ body: (Store) async throws -> T) async throws -> T {
        let url = try url ?? databaseURL()
        let key = try dataKey()
        let store: Store
        do {
            store = try await Store.open(url, migrate: migrate, dataKey: key, logger: Terminal.logger)
        } catch let error as PersonalDataError {
            throw CLIFailure.rejected(error.description)
        } catch {
            throw CLIFailure.dependency("cannot open \(url): \(String(reflecting: error))")
        }
        return try await Self.closing(store, after: body)
    }

    /// Runs `body` with `store` and closes the store however `body` ends.
    static func closing<T>(_ store: Store, after body: (Store) async throws -> T) async throws -> T {
        do {
            let result = try await body(store)
            await store.shutdown()
            return result
        } catch {
            await store.shutdown()
            throw error
        }
    }
}

/// A date option in `YYYY-MM-DD`.
extension LocalDate: ExpressibleByArgument {
    /// A date option is bounded like every date from outside (`LocalDate.parse`).
    public init?(argument: String) {
        guard let date = try? LocalDate.parse(argument) else { return nil }
        self = date
    }
    public static var defaultValueDescription: String { "YYYY-MM-DD" }
}

extension ReportFormat: ExpressibleByArgument {}
extension ImportKind: ExpressibleByArgument {}

/// Failures with the exit status the CLI documents.
enum CLIFailure: Error, CustomStringConvertible {
    /// Input that Arrears will not accept (exit 1); the details were printed already or are here.
    case rejected(String)
    /// The database or another dependency failed (exit 70).
    case dependency(String)
    /// A setting the command cannot do without is missing, and nothing was done (exit 78, the
    /// `EX_CONFIG` of sysexits.h): `run-day` without a public address for its messages' links.
    case unconfigured(String)
    /// The business date asked about is being run in partitions and not yet published (exit 5).
    case inProgress(String)

    var description: String {
        switch self {
        case .rejected(let message), .dependency(let message), .unconfigured(let message), .inProgress(let message): message
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .rejected: ExitCode(1)
        case .dependency: ExitCode(70)
        case .unconfigured: ExitCode(78)
        case .inProgress: ExitCode(5)
        }
    }
}

/// Standard output and standard error, buffered so that reports of a million rows print fast.
enum Terminal {
    static var logger: Logger {
        var logger = Logger(label: "arrears")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func info(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Collects output and writes it to standard output in large chunks.
final class BufferedOutput: @unchecked Sendable {
    private var buffer: [UInt8] = []
    private let lock = NSLock()

    init() { buffer.reserveCapacity(1 << 20) }

    func write(_ text: String) {
        lock.withLock {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 20 { flushLocked() }
        }
    }

    func flush() { lock.withLock { flushLocked() } }

    private func flushLocked() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Runs a command body and turns known failures into their exit status and a message on stderr.
func runReportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as CLIFailure {
        Terminal.error("arrears: \(failure.description)")
        throw failure.exitCode
    } catch let rejected as ImportRejected {
        Terminal.error("arrears: \(rejected.description)")
        throw ExitCode(1)
    } catch let unreadable as PersonalDataError {
        Terminal.error("arrears: \(unreadable.description)")
        throw ExitCode(1)
    }
}

extension BufferedOutput {
    /// Prints `rows` under `columns` to standard output as a report in `format` (`ReportWriter`):
    /// the listing commands (users, tokens) print with it.
    static func printTable(format: ReportFormat = .csv, columns: [String], numericColumns: Set<String> = [], rows: [[String]]) {
        let output = BufferedOutput()
        let writer = ReportWriter(format: format, columns: columns, numericColumns: numericColumns, sink: { output.write($0) })
        for row in rows { writer.write(row) }
        writer.finish()
        output.flush()
    }
}
