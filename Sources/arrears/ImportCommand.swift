import ArgumentParser
import ArrearsStore
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV file of customers, accounts, dues or payments.",
        discussion: """
        The file is all or nothing: if any row is invalid, every error is printed to stderr as \
        FILE:ROW: column: what is wrong, nothing from the file is stored, and the exit status is 1. \
        Importing the same file again changes nothing. See docs/import-formats.md.
        """
    )

    @Argument(help: "customers, accounts, dues or payments.")
    var kind: ImportKind

    @Argument(help: "The UTF-8 CSV file, with a header row.")
    var file: String

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            let dateRules = try options.dateRules()
            try await options.withStore { store in
                var importer = PortfolioImporter(store: store)
                importer.dateRules = dateRules
                let summary = try await importer.importFile(kind, path: file) { issue in
                    Terminal.error(issue.description)
                }
                Terminal.info("\(file): imported \(summary.rows) \(kind.rawValue) rows in \(String(format: "%.2f", summary.seconds)) s")
            }
        }
    }
}
