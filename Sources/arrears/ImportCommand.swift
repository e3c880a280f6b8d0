import ArgumentParser
import ArrearsStore
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV file of customers, accounts, dues or payments, or a history of actions.",
        discussion: """
        The file is all or nothing: if any row is invalid, every error is printed to stderr as \
        FILE:ROW: column: what is wrong, nothing from the file is stored, and the exit status is 1. \
        Importing the same file again changes nothing. See docs/import-formats.md; actions (the history \
        the response models learn from, creating no work) in docs/optimisation.md.
        """
    )

    @Argument(help: "customers, accounts, dues, payments or actions.")
    var kind: ImportedFile

    @Argument(help: "The UTF-8 CSV file, with a header row.")
    var file: String

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            let dateRules = try options.dateRules()
            try await options.withStore { store in
                guard case .portfolio(let kind) = kind else {
                    var importer = ActionHistoryImporter(store: store)
                    importer.dateRules = dateRules
                    let summary = try await importer.importFile(path: file) { issue in Terminal.error(issue.description) }
                    Terminal.info("\(file): imported \(summary.rows) actions rows (\(summary.added) new) in \(String(format: "%.2f", summary.seconds)) s")
                    return
                }
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

/// What `arrears import` reads: one of the portfolio's four files, or a history of actions.
enum ImportedFile: ExpressibleByArgument {
    case portfolio(ImportKind)
    case actions

    init?(argument: String) {
        if argument == "actions" { self = .actions } else if let kind = ImportKind(rawValue: argument) { self = .portfolio(kind) } else { return nil }
    }

    static var allValueStrings: [String] { ImportKind.allCases.map(\.rawValue) + ["actions"] }
}
