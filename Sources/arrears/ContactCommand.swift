import ArgumentParser
import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation

struct ContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "Record contact attempts, contact points and agreed times; all count for the policy pack at once.",
        subcommands: [Log.self, AddPoint.self, Appoint.self]
    )

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a contact attempt (it counts toward the caps at once).",
            discussion: """
            The attempt is checked against the policy pack as it was made; one the pack would have blocked \
            is still recorded (it happened), marked with the rule it breached, reported on stderr, and the \
            command exits 3. Giving the same --id again records nothing more. The outcome then does what \
            config/outcomes.yaml says (a dispute flag and a compliance task, a cease request, an agreed \
            callback, a wrong number marked, ...); each change is printed after the attempt's id as \
            `KIND ID DETAIL`. A callback needs --callback-at; a refusal or cease request under a pack that \
            keeps the channels the customer accepts (cn) takes --accepted-channels (sms,email or none).
            """
        )

        @Option(name: .long) var customer: String
        @Option(name: .long) var channel: ContactChannel
        @Option(name: .long) var at: Timestamp
        @Option(name: .long) var outcome: ContactAttempt.Outcome
        @Option(name: .customLong("contact-point"), help: "Default: the channel's own (mobile for calls and SMS).") var contactPoint: String?
        @Option(name: .long, help: "The attempt's id, for safe retries (default: a new one).") var id: String?
        @Option(name: .long) var note: String?
        @Option(name: .customLong("callback-at"), help: "With --outcome callback: when the customer agreed to be called.") var callbackAt: Timestamp?
        @Option(name: .customLong("accepted-channels"), help: "With refusal or cease_request: the channels the customer accepts, comma-separated, or none.")
        var acceptedChannels: String?
        @OptionGroup var options: StoreOptions

        /// `--accepted-channels` as channels; `none` (or nothing) is none.
        func accepted() throws -> Set<ContactChannel>? {
            guard let acceptedChannels else { return nil }
            var channels = Set<ContactChannel>()
            for name in acceptedChannels.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where name != "none" && !name.isEmpty {
                guard let channel = ContactChannel(rawValue: name) else {
                    throw CLIFailure.rejected("--accepted-channels: '\(name)' is not a channel (\(ContactChannel.allCases.map(\.rawValue).joined(separator: ", ")), or none)")
                }
                channels.insert(channel)
            }
            return channels
        }

        func run() async throws {
            var breached = false
            try await runReportingFailures {
                let policy = try options.policy()
                guard let point = contactPoint ?? channel.defaultContactPoint else {
                    throw CLIFailure.rejected("--contact-point is needed for \(channel.rawValue)")
                }
                try await options.withStore { store in
                    let attempt = ContactRecords.NewAttempt(id: id ?? "ATT-" + UUID().uuidString.lowercased(), customerId: customer, channel: channel,
                                                            contactPoint: point, at: at.date, outcome: outcome, note: note)
                    let details = OutcomeRules.Details(callbackAt: callbackAt?.date, acceptedChannels: try accepted())
                    let logged = try await recording {
                        try await store.transaction { database in
                            try await ContactOutcomes.log(attempt, details: details, settings: policy, by: AuditEvent.commandLineActor, on: database)
                        }
                    }
                    let verdict = logged.verdict
                    print(attempt.id)
                    for consequence in logged.consequences {
                        print([consequence.kind, consequence.id ?? "-", consequence.detail].joined(separator: " "))
                    }
                    if !verdict.allowed {
                        breached = true
                        Terminal.error("arrears: recorded as a breach of \(verdict.rule ?? ""): \(verdict.reason ?? "")")
                    }
                }
            }
            if breached { throw ExitCode(3) }
        }
    }

    struct AddPoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-point", abstract: "Record a contact point: an emergency contact, a third party, another own number.")

        @Option(name: .long) var customer: String
        @Option(name: .long) var id: String
        @Option(name: .long, help: "own, emergency_contact or third_party.") var kind: ContactPoint.Kind
        @Option(name: .long, help: "Who or what it is (mother, employer).") var label: String?
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    try await recording {
                        try await store.transaction { database in
                            try await ContactRecords.addContactPoint(customerId: customer, id: id, kind: kind, label: label, by: AuditEvent.commandLineActor, on: database)
                        }
                    }
                }
            }
        }
    }

    struct Appoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a time the customer agreed to be contacted or visited.")

        @Option(name: .long) var customer: String
        @Option(name: .long) var channel: ContactChannel
        @Option(name: .long) var from: Timestamp
        @Option(name: .long) var to: Timestamp
        @Option(name: .customLong("notified-at"), help: "When the customer was told of it.") var notifiedAt: Timestamp?
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    let id = try await recording {
                        try await store.transaction { database in
                            try await ContactRecords.addAppointment(customerId: customer, Appointment(channel: channel, startsAt: from.date, endsAt: to.date,
                                                                                                       notifiedAt: notifiedAt?.date),
                                                                    by: AuditEvent.commandLineActor, on: database)
                        }
                    }
                    print(id)
                }
            }
        }
    }
}
