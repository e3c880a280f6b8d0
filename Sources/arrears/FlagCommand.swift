import ArgumentParser
import ArrearsCore
import ArrearsStore
import Foundation

struct FlagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flag",
        abstract: "Record, end and list the flags that govern how a customer may be contacted.",
        discussion: """
        Flags: do_not_contact, cease, dispute, bankruptcy, deceased, vulnerable, complaint, breathing_space, \
        time_barred, lost, incapacitated, forbearance_offered, preferred_channel (--value CHANNEL), \
        preferred_hours (--value HH:MM-HH:MM), hardship, accepted_channels (--value sms,email; empty for none). \
        Every change is written to the audit log.
        """,
        subcommands: [Add.self, End.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a flag on a customer; prints its id.")

        @Option(name: .long) var customer: String
        @Option(name: .long) var flag: CustomerFlag.Kind
        @Option(name: .long, help: "Only for this channel (default: every channel).") var channel: ContactChannel?
        @Option(name: .long, help: "First day it holds, customer's local date (default: at once).") var from: LocalDate?
        @Option(name: .long, help: "Last day it holds (default: until ended).") var until: LocalDate?
        @Option(name: .long, help: "The channel of preferred_channel, the hours of preferred_hours.") var value: String?
        @Option(name: .long) var note: String?
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    let flag = CustomerFlag(kind: flag, channel: channel, from: from, until: until, value: value)
                    let id = try await recording {
                        try await store.transaction { database in
                            try await ContactRecords.addFlag(flag, customerId: customer, note: note, by: AuditEvent.commandLineActor, on: database)
                        }
                    }
                    print(id)
                }
            }
        }
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a flag: it holds up to and including --on (default: yesterday, UTC).")

        @Option(name: .long) var id: String
        @Option(name: .long) var on: LocalDate?
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    let lastDay = on ?? LocalDate.today().adding(days: -1)
                    try await recording {
                        try await store.transaction { database in
                            try await ContactRecords.endFlag(id, lastDay: lastDay, by: AuditEvent.commandLineActor, on: database)
                        }
                    }
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a customer's flags.")

        @Option(name: .long) var customer: String
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    print("id\tflag\tchannel\tvalue\tfrom\tuntil\tnote")
                    for flag in try await ContactRecords.flags(of: customer, on: store.sql) {
                        let fields = [flag.id, flag.flag, flag.channel, flag.value, flag.startsOn, flag.endsOn, flag.note].map { $0 ?? "" }
                        print(fields.joined(separator: "\t"))
                    }
                }
            }
        }
    }
}

/// Runs a change to the contact records, turning their errors into exit status 1.
func recording<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let error as ContactRecordError {
        throw CLIFailure.rejected(error.description)
    } catch let error as OutcomeError {
        throw CLIFailure.rejected(error.description)
    }
}
