import ArgumentParser
import ArrearsStore

struct StrategyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategy",
        abstract: "The strategy versions the daily run has used, kept in the database.",
        subcommands: [List.self, Show.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Each kept version and the business date it was first used on.")
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    let output = BufferedOutput()
                    output.write("version,first_used_on\n")
                    for stored in try await StrategyVersions.all(on: store.sql) { output.write("\(stored.version),\(stored.firstUsedOn)\n") }
                    output.flush()
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a kept version's strategy file.")
        @Argument(help: "The version.") var version: String
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    guard let stored = try await StrategyVersions.find(version, on: store.sql) else {
                        throw CLIFailure.rejected("no strategy version '\(version)' is kept in the database")
                    }
                    let output = BufferedOutput()
                    output.write(stored.content)
                    output.flush()
                }
            }
        }
    }
}
