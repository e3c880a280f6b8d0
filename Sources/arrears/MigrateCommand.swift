import ArgumentParser
import ArrearsStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or update the database schema.")

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            try await options.withStore { store in Terminal.info("migrated \(store.url)") }
        }
    }
}
