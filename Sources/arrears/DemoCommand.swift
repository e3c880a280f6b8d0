import ArgumentParser
import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a fresh SQLite database with a sample portfolio, compute delinquency as of today, and serve it.",
        discussion: "The demo database is recreated each time; it refuses to touch a PostgreSQL database."
    )

    @Option(name: .long, help: "How many sample customers.")
    var customers: Int = 2_000

    @Option(name: .long, help: "Random seed of the sample portfolio.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "Where the sample CSV files are written.")
    var data: String = "demo-data"

    @Flag(name: .customLong("no-serve"), help: "Prepare the database and stop, without starting the server.")
    var noServe = false

    @OptionGroup var server: ServerOptions
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            let url = try options.databaseURL()
            guard case .sqlite(let path) = url else {
                throw CLIFailure.rejected("the demo recreates its database and runs only on SQLite, not on \(url)")
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let buckets = try options.buckets()
            let today = LocalDate.today()
            let generated = try PortfolioGenerator(customers: customers, seed: seed, asOf: today)
                .write(to: URL(fileURLWithPath: data, isDirectory: true))
            Terminal.info("generated \(generated.totalRows) rows into \(data)/")
            try await options.withStore { store in
                let importer = PortfolioImporter(store: store)
                for kind in ImportKind.allCases {
                    let file = (data as NSString).appendingPathComponent("\(kind.rawValue).csv")
                    let summary = try await importer.importFile(kind, path: file) { Terminal.error($0.description) }
                    Terminal.info("imported \(summary.rows) \(kind.rawValue)")
                }
                let count = try await PositionRepository(store: store, buckets: buckets).recompute(asOf: today)
                Terminal.info("computed delinquency of \(count) accounts as of \(today)")
                if !noServe { try await server.serve(store: store, buckets: buckets) }
            }
        }
    }
}
