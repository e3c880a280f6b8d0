import ArgumentParser
import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation

/// `arrears retention run`: erases the personal data of customers whose collection ended more
/// than the retention period ago (docs/data-protection.md). Banks call it from their own
/// schedulers, so its name, options and output are kept stable.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Erase the personal data of customers whose retention period is over.",
        subcommands: [Run.self]
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete or anonymise the personal data of customers whose collection ended more than the retention period before --as-of.",
            discussion: """
            A customer qualifies when none of their accounts is open, none of their cases, legal cases or complaints is open, and the \
            last of them closed (and their last contact) more than the period before --as-of. The period is period_days in \
            CONFIG/retention.yaml, never shorter than the policy pack's minimum keep time (cn: 730 days). Names, ID numbers, phones, \
            addresses, e-mails, notes, reports, files and the details of their audit entries are erased; amounts, dates and outcomes \
            stay, anonymised, so reports still add up; the audit chain still verifies. Each batch of customers is one transaction \
            recorded in the audit log with its counts. Running it again changes nothing more. Exit status 0; 1 for a bad \
            configuration; 4 when an audit entry to erase does not match its hash (nothing of its batch is erased).
            """
        )
        @Option(name: .customLong("as-of"), help: "The date to judge the retention period on (YYYY-MM-DD).") var asOf: LocalDate
        @Flag(name: .customLong("dry-run"), help: "Print what would be erased and change nothing.") var dryRun = false
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                let policy = try options.policy()
                let config: RetentionConfig
                do { config = try RetentionConfig.load(fromDirectory: options.config, pack: policy.pack) } catch let error as ConfigError {
                    throw CLIFailure.rejected(error.description)
                }
                let report: RetentionReport
                do {
                    report = try await options.withStore { store in
                        try await RetentionRun(store: store, config: config).run(asOf: asOf, dryRun: dryRun, by: AuditEvent.commandLineActor)
                    }
                } catch let refused as RetentionError {
                    Terminal.error("arrears: \(refused.description)")
                    throw ExitCode(4)
                }
                print(Self.text(report), terminator: "")
            }
        }

        /// The report as printed: the period, then one line per place with what was done (a dry
        /// run says what would be, and what the place holds), then the audit entries that record the run.
        static func text(_ report: RetentionReport) -> String {
            let config = report.config
            let minimum = config.minimumRule.map { "at least \(config.minimumDays) days by \($0), policy pack \(config.pack)" }
                ?? "policy pack \(config.pack) sets no minimum"
            var lines = [
                "retention as of \(report.asOf)\(report.dryRun ? " (dry run: nothing is changed)" : ""): period \(config.periodDays) days (\(minimum)); "
                    + "erasing the data of collection that ended before \(report.cutoff)",
                "customers past the period: \(report.qualifying); customers \(report.dryRun ? "to erase" : "erased"): \(report.customersErased)",
            ]
            let width = report.places.map(\.table.count).max() ?? 0
            for place in report.places {
                lines.append("  " + place.table.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(place.rows) "
                             + (report.dryRun ? "to be \(place.verb): \(place.contents)" : place.verb))
            }
            lines.append("  " + "audit_log".padding(toLength: width, withPad: " ", startingAt: 0)
                         + "  \(report.auditEntries) \(report.dryRun ? "to be " : "")erased (details only; the chain still verifies)")
            if report.dryRun {
                lines.append(report.isEmpty ? "nothing to erase" : "run again without --dry-run to erase")
            } else if report.isEmpty {
                lines.append("nothing to erase; nothing changed")
            } else {
                let entries = report.runEntries
                lines.append(entries.count <= 5
                             ? "recorded in the audit log as entr\(entries.count == 1 ? "y" : "ies") \(entries.map(String.init).joined(separator: ", "))"
                             : "recorded in the audit log as \(entries.count) entries, \(entries[0]) to \(entries[entries.count - 1])")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
