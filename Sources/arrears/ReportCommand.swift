import ArgumentParser
import ArrearsCore
import ArrearsStore
import ArrearsWorkflows

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a report as CSV or JSON.",
        subcommands: [AccountsReportCommand.self, ActionsReportCommand.self, KPIsReportCommand.self, BreachesReportCommand.self]
    )
}

struct AccountsReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Every account with its DPD, bucket, overdue and outstanding amounts as of a date.",
        discussion: "Columns: \(AccountsReport.columns.joined(separator: ", ")). Amounts are decimal strings."
    )

    @Option(name: .customLong("as-of"), help: "The date the position is taken on (YYYY-MM-DD).")
    var asOf: LocalDate

    @Option(name: .long, help: "csv or json.")
    var format: ReportFormat = .csv

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            let buckets = try options.buckets()
            try await options.withStore { store in
                let output = BufferedOutput()
                try await AccountsReport.write(
                    positions: PositionRepository(store: store, buckets: buckets), asOf: asOf, format: format,
                    sink: { output.write($0) }
                )
                output.flush()
            }
        }
    }
}

struct ActionsReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "One row per action the daily run decided on a date.",
        discussion: "Columns: \(ActionsReport.columns.joined(separator: ", ")). Status is created, held or blocked. A date being run in partitions and not yet published exits 5."
    )

    @Option(name: .long, help: "The business date (YYYY-MM-DD).")
    var date: LocalDate

    @Option(name: .long, help: "csv or json.")
    var format: ReportFormat = .csv

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            try await options.withStore { store in
                // A day run in partitions is all-or-nothing for its readers: until its final step
                // publishes it, its actions are not the day's.
                if try await DayPartitions.inProgress(on: store.sql) == date.description {
                    throw CLIFailure.inProgress("\(date) is in progress: its partitions are being worked (arrears worker); the report is ready once the day is published")
                }
                let output = BufferedOutput()
                try await ActionsReport.write(store: store, date: date, format: format, sink: { output.write($0) })
                output.flush()
            }
        }
    }
}

extension KPIDimension: ExpressibleByArgument {}

struct KPIsReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpis",
        abstract: "Collection KPIs for a period, overall or by one dimension (docs/kpis.md).",
        discussion: "One row per group and currency. Columns: \(KPIReportWriter.columns.joined(separator: ", ")). Unit costs from CONFIG/costs.yaml."
    )

    @Option(name: .long, help: "The first business date of the period (YYYY-MM-DD).")
    var from: LocalDate

    @Option(name: .long, help: "The last business date of the period (YYYY-MM-DD).")
    var to: LocalDate

    @Option(name: .long, help: "Break down by \(KPIDimension.allCases.map(\.rawValue).joined(separator: ", ")).")
    var by: KPIDimension?

    @Option(name: .long, help: "csv or json.")
    var format: ReportFormat = .csv

    @OptionGroup var options: StoreOptions

    func validate() throws {
        guard from <= to else { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    func run() async throws {
        try await runReportingFailures {
            let costs: ChannelCosts
            do { costs = try CostsConfig.load(fromDirectory: options.config) } catch let error as ConfigError {
                throw CLIFailure.rejected(error.description)
            }
            let agents = try options.agents()
            try await options.withStore { store in
                let rows = try await KPIReport.compute(KPIPeriod(from: from, to: to)!, by: by, costs: costs, agents: agents, on: store)
                let output = BufferedOutput()
                KPIReportWriter.write(rows, format: format, sink: { output.write($0) })
                output.flush()
            }
        }
    }
}

struct BreachesReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breaches",
        abstract: "Every contact made against the policy pack: breaches recorded and overrides given (docs/policies.md).",
        discussion: """
        Columns: \(BreachesReport.columns.joined(separator: ", ")). --from and --to are the customer's local dates, both included; \
        occurred_at is UTC, local_time the customer's clock. kind is breach (a contact the pack forbade, recorded as it happened) \
        or override (a contact started with a reason where the rule allows one).
        """
    )

    @Option(name: .long, help: "The first customer-local date (YYYY-MM-DD).")
    var from: LocalDate

    @Option(name: .long, help: "The last customer-local date, included (YYYY-MM-DD).")
    var to: LocalDate

    @Option(name: .long, help: "csv or json.")
    var format: ReportFormat = .csv

    @OptionGroup var options: StoreOptions

    func validate() throws {
        guard from <= to else { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    func run() async throws {
        try await runReportingFailures {
            try await options.withStore { store in
                let output = BufferedOutput()
                try await BreachesReport.write(store: store, from: from, to: to, format: format, sink: { output.write($0) })
                output.flush()
            }
        }
    }
}
