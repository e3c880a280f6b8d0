import ArgumentParser
import ArrearsCore
import ArrearsStore
import Foundation

/// `arrears customer`: find customers by their encrypted personal data, seal what was stored
/// before encryption was turned on, and move everything sealed to a new data key.
struct CustomerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "Find customers by mobile or ID number or e-mail address; encrypt personal data stored in plaintext; rotate the data key.",
        subcommands: [Find.self, EncryptExisting.self, RotateKey.self]
    )

    struct Find: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the ids of the customers with this mobile or ID number or e-mail address, one a line.",
            discussion: "Found by keyed hash, without decrypting any row. Each lookup is recorded in the audit log (the field, never the value)."
        )
        @Option(name: .long, help: "A mobile number (spaces and dashes are ignored).") var mobile: String?
        @Option(name: .customLong("id-number"), help: "An ID number (letter case is ignored).") var idNumber: String?
        @Option(name: .long, help: "An e-mail address (letter case is ignored).") var email: String?
        @OptionGroup var options: StoreOptions

        /// The one field asked for, with its value.
        private var asked: [(PersonalField, String)] {
            [(PersonalField.mobile, mobile), (.idNumber, idNumber), (.email, email)].compactMap { field, value in value.map { (field, $0) } }
        }

        func validate() throws {
            guard asked.count == 1 else { throw ValidationError("give exactly one of --mobile, --id-number and --email") }
        }

        func run() async throws {
            guard let lookup = asked.first else { return }
            let (field, value) = lookup
            try await runReportingFailures {
                let ids = try await options.withStore { store in
                    try await PersonalDataLookup(store: store).customers(with: field, equalTo: value, actor: AuditEvent.commandLineActor)
                }
                for id in ids { print(id) }
            }
        }
    }

    struct EncryptExisting: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "encrypt-existing",
            abstract: "Encrypt the ID and mobile numbers, e-mail and postal addresses, outbox recipients and legal documents stored before encryption, and fill their lookup hashes.",
            discussion: """
            A batch of rows at a time, each batch in one transaction recorded in the audit log with its counts: a run stopped half-way \
            keeps whole batches, and running it again seals the rest; once everything is sealed it changes nothing. \
            Afterwards the database is compacted so that the old plaintext is gone from its files; backups made before still hold it.
            """
        )
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                let summary = try await options.withStore { store in
                    try await PersonalDataSealer(store: store).sealExisting(actor: AuditEvent.commandLineActor)
                }
                print("encrypted " + summary.description)
            }
        }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Re-seal every encrypted value and file under a new data key.",
            discussion: """
            The key in use comes from \(DataKeySource.keyVariable) (or \(DataKeySource.fileVariable), or the default key file); the new key \
            from \(DataKeySource.newKeyVariable) or the file given with --new-key-file (base64 of 32 bytes; make one with: openssl rand -base64 32). \
            Stop every `arrears serve` and worker first. One transaction: it re-seals everything, checks that every value opens with the \
            new key and none with the old, and only then commits; any failure changes nothing. Afterwards give the new key to every \
            process. Links sent to customers before stop working. See docs/data-key.md.
            """
        )
        @Option(name: .customLong("new-key-file"), help: "A file holding the new key (instead of \(DataKeySource.newKeyVariable)).")
        var newKeyFile: String?
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                let newKey: DataKey
                do { newKey = try DataKeySource.newKey(file: newKeyFile, environment: ProcessInfo.processInfo.environment) } catch {
                    throw CLIFailure.rejected("\(error)")
                }
                guard try newKey.base64 != options.dataKey().base64 else {
                    throw CLIFailure.rejected("the new key is the key in use: give a new one")
                }
                let counts = try await options.withStore { store in
                    do {
                        return try await DataKeyRotation(store: store, to: newKey).rotate(actor: AuditEvent.commandLineActor)
                    } catch let failure as DataKeyRotation.Failure {
                        throw CLIFailure.rejected(failure.description)
                    }
                }
                print("re-sealed " + counts.description + " under the new key")
                print("every value opens with the new key and none with the old: give the new key to every process now (\(DataKeySource.keyVariable) or \(DataKeySource.fileVariable))")
            }
        }
    }
}
