import ArgumentParser
import ArrearsCore
import ArrearsSampleData
import Foundation

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a realistic sample portfolio as customers.csv, accounts.csv, dues.csv and payments.csv."
    )

    @Option(name: .long, help: "How many customers (about 1.4 accounts each).")
    var customers: Int

    @Option(name: .long, help: "The folder to write the four files into.")
    var out: String

    @Option(name: .long, help: "Random seed: the same seed gives the same files.")
    var seed: UInt64 = 42

    @Option(name: .customLong("as-of"), help: "The date the portfolio's history runs up to; default today in UTC.")
    var asOf: LocalDate?

    func validate() throws {
        guard customers > 0 else { throw ValidationError("--customers must be at least 1") }
    }

    func run() async throws {
        let started = Date()
        let generated = try PortfolioGenerator(customers: customers, seed: seed, asOf: asOf ?? .today())
            .write(to: URL(fileURLWithPath: out, isDirectory: true))
        Terminal.info("""
            wrote \(generated.customers) customers, \(generated.accounts) accounts, \(generated.dues) dues, \
            \(generated.payments) payments to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s
            """)
    }
}
