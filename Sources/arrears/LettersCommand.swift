import ArgumentParser
import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsWorkflows
import Foundation

/// `arrears letters print`: the collection letters of a daily run, for the letters centre and a
/// mail house (docs/letters.md). Banks call it from their own schedulers, so its name, options,
/// files and columns are kept stable.
struct LettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters",
        abstract: "Print the collection letters the daily run decided.",
        subcommands: [Print.self]
    )

    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the letters of a run date to DIR/letters-D.html (one letter per A4 page) and DIR/letters-D.csv, and record them as sent.",
            discussion: """
            The letters are those the `letter` treatments of `arrears run-day --date D` made, filled in from their templates in \
            CONFIG/letters/ (<template>.<language>.txt, in the customer's language) with the bank's details of CONFIG/letters/bank.yaml. \
            Every template is checked first against the policy pack's letter-content rule; one that lacks a required item stops the \
            command (exit 1) and nothing is printed. A letter whose customer has been flagged since the run so that the pack forbids \
            it (dispute, cease, deceased...) is withheld, with its reason, and printed never. Each letter printed is recorded on its \
            case as sent. Printing the same date again writes the same letters and records nothing twice. \
            CSV columns: \(LetterPrint.Batch.csvColumns.joined(separator: ", ")); balance is the overdue amount the letter states, in \
            major units with the currency's decimals. Exit status 0; 1 for a bad configuration or template; 64 for a bad command \
            line; 70 when the database or the folder cannot be used.
            """
        )

        @Option(name: .long, help: "The run date whose letters are printed (YYYY-MM-DD).") var date: LocalDate
        @Option(name: .long, help: "The folder to write letters-D.html and letters-D.csv into (made when missing).") var out: String
        @Option(name: .long, help: "The strategy file whose letter templates are used (default: CONFIG/strategy.yaml).") var strategy: String?
        @OptionGroup var options: StoreOptions

        func validate() throws {
            if out.isEmpty { throw ValidationError("--out must name a folder") }
        }

        func run() async throws {
            try await runReportingFailures {
                let policy = try options.policy()
                let letters = try LettersCommand.letters(options: options, strategyPath: strategy, pack: policy.pack)
                let folder = URL(fileURLWithPath: out, isDirectory: true)
                do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                    throw CLIFailure.dependency("\(out): cannot make the folder: \(error.localizedDescription)")
                }
                let html = folder.appendingPathComponent("letters-\(date).html"), csv = folder.appendingPathComponent("letters-\(date).csv")
                let batch: LetterPrint.Batch
                do {
                    batch = try await options.withStore { store in
                        try await LetterPrint(store: store, letters: letters, policy: policy).print(date, by: AuditEvent.commandLineActor) { batch in
                            try Data(LetterBatchDocument.html(batch).utf8).write(to: html, options: .atomic)
                            try Data(batch.csv.utf8).write(to: csv, options: .atomic)
                        }
                    }
                } catch let refused as LetterPrint.PrintError {
                    throw CLIFailure.rejected(refused.description)
                } catch let error as CocoaError where error.isFileError {
                    throw CLIFailure.dependency("\(out): cannot write the letters: \(error.localizedDescription)")
                }
                for (id, reason) in batch.withheld { Terminal.info("withheld \(id): \(reason)") }
                print("letters \(date): \(batch.letters.count) printed (\(batch.newlySent) sent now, \(batch.letters.count - batch.newlySent) reprinted), "
                      + "\(batch.withheld.count) withheld now; wrote \(html.path) and \(csv.path)")
            }
        }
    }

    /// The letter templates of the strategy's `letter` treatments (the file at `strategyPath`, else
    /// `CONFIG/strategy.yaml`), checked against `pack`.
    static func letters(options: StoreOptions, strategyPath: String?, pack: PolicyPack) throws -> CollectionLetters {
        try letters(checking: try options.strategy(path: strategyPath, buckets: try options.buckets()), options: options, pack: pack)
    }

    /// The letter templates of `strategy`'s `letter` treatments, checked against `pack`; a bad one
    /// is a rejected configuration (exit 1).
    static func letters(checking strategy: Strategy, options: StoreOptions, pack: PolicyPack) throws -> CollectionLetters {
        do { return try CollectionLetters.load(configDirectory: options.config, strategy: strategy, pack: pack) } catch {
            throw CLIFailure.rejected(error.description)
        }
    }
}
