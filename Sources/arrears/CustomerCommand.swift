import ArgumentParser
import ArrearsCore
import ArrearsStore

/// `arrears customer`: find customers by their encrypted personal data, and seal what was stored
/// before encryption was turned on.
struct CustomerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "Find customers by mobile or ID number or e-mail address; encrypt personal data stored in plaintext.",
        subcommands: [Find.self, EncryptExisting.self]
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
}
