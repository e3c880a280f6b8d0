import ArgumentParser
import ArrearsCore
import ArrearsStore
import Foundation

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify and export the hash-chained audit log.",
        subcommands: [Verify.self, Export.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the audit chain and name the first entry that was altered, removed or reordered.",
            discussion: """
            Exit status 0 when the chain is whole (its head is printed as SEQUENCE:HASH: keep it outside the \
            database to prove later that nothing was altered or cut off), 4 when it is broken or does not hold \
            an --anchor.
            """
        )
        @Option(name: .long, help: ArgumentHelp("A head recorded earlier, SEQUENCE:HASH, that the chain must still hold (repeatable).", valueName: "sequence:hash"))
        var anchor: [String] = []
        @OptionGroup var options: StoreOptions

        func validate() throws {
            for text in anchor where AuditAnchor(text: text) == nil {
                throw ValidationError("--anchor '\(text.prefix(100))' is not SEQUENCE:HASH (a positive number, a colon and 64 lowercase hex digits)")
            }
        }

        func run() async throws {
            try await runReportingFailures {
                let anchors = anchor.compactMap(AuditAnchor.init(text:))
                let (verification, partitions, mismatches) = try await options.withStore { store in
                    let verification = try await AuditLog.verify(on: store.sql)
                    // The chains of partitioned days' partitions, each anchored in its day's root entry.
                    let partitions = try await AuditPartitionChains.verify(on: store.sql)
                    var mismatches: [String] = []
                    for anchor in anchors {
                        if let mismatch = try await anchor.mismatch(on: store.sql) { mismatches.append("anchor \(anchor.sequence): \(mismatch)") }
                    }
                    return (verification, partitions, mismatches)
                }
                if let broken = verification.firstBreak {
                    Terminal.error("audit chain BROKEN after \(verification.entries - 1) good entries: \(broken)")
                    throw ExitCode(4)
                }
                if let broken = partitions.firstBreak {
                    Terminal.error("audit chain BROKEN: \(broken)")
                    throw ExitCode(4)
                }
                if !mismatches.isEmpty {
                    for mismatch in mismatches { Terminal.error("audit chain does not hold its anchor: \(mismatch)") }
                    throw ExitCode(4)
                }
                let head = verification.head.map { "head \($0.sequence) \($0.hash) (anchor \($0.sequence):\($0.hash))" } ?? "empty"
                print("audit chain intact: \(verification.entries) entries; \(head)\(anchors.isEmpty ? "" : "; holds \(anchors.count) anchor(s)")\(partitions.chains == 0 ? "" : "; \(partitions.chains) partition chain(s) of \(partitions.entries) entries intact")")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the audit entries recorded between two dates (UTC, inclusive), with their hashes, for a regulator.",
            discussion: """
            Columns: sequence, at, actor, action, subject, details, previous_hash, hash, details_hash, hash_version. An entry of \
            hash_version 2 is hashed over details_hash, the SHA-256 of its details; one of version 1 (written before retention \
            existed) over the details themselves. Erased details read {"erased_by":"RUN"} (docs/data-protection.md).
            """
        )
        @Option(name: .long, help: "First date (YYYY-MM-DD).") var from: LocalDate
        @Option(name: .long, help: "Last date (YYYY-MM-DD).") var to: LocalDate
        @Option(name: .long, help: "csv or json.") var format: ReportFormat = .csv
        @OptionGroup var options: StoreOptions

        func validate() throws {
            guard from <= to else { throw ValidationError("--from must not be after --to") }
        }

        func run() async throws {
            try await runReportingFailures {
                let entries = try await options.withStore { store in try await AuditLog.entries(from: from, to: to, on: store.sql) }
                let output = BufferedOutput()
                let writer = ReportWriter(format: format, columns: ["sequence", "at", "actor", "action", "subject", "details", "previous_hash", "hash",
                                                                    "details_hash", "hash_version"],
                                          numericColumns: ["sequence", "hash_version"], sink: { output.write($0) })
                for entry in entries {
                    writer.write([String(entry.sequence), entry.at, entry.actor, entry.action, entry.subject, entry.details, entry.previousHash, entry.hash,
                                  entry.detailsHash ?? "", String(entry.scheme.rawValue)])
                }
                writer.finish()
                output.flush()
            }
        }
    }
}
