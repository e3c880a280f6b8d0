import ArgumentParser
import ArrearsCore
import ArrearsStore
import Foundation

struct RecomputeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recompute",
        abstract: "Recompute every account's DPD, bucket, overdue and outstanding amounts as of a date and store them."
    )

    @Option(name: .customLong("as-of"), help: "The business date (YYYY-MM-DD); default today in UTC.")
    var asOf: LocalDate?

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            let buckets = try options.buckets()
            let date = asOf ?? LocalDate.today()
            try await options.withStore { store in
                let started = Date()
                let count = try await PositionRepository(store: store, buckets: buckets).recompute(asOf: date)
                Terminal.info("recomputed \(count) accounts as of \(date) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
            }
        }
    }
}
