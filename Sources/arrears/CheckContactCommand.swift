import ArgumentParser
import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation

struct CheckContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-contact",
        abstract: "Ask the policy pack whether a contact may be made now.",
        discussion: """
        Prints {"allowed", "rule", "reason", "next_allowed_at", "conditions"} as JSON. Exit status 0 when \
        the contact is allowed, 3 when it is blocked. A rule that cannot be evaluated (an unknown \
        customer, a missing time zone, an unknown contact point) blocks.
        """
    )

    @Option(name: .long, help: "The customer's id.")
    var customer: String

    @Option(name: .long, help: "call, sms, email, visit, third_party, letter or legal_review.")
    var channel: ContactChannel

    @Option(name: .long, help: "When the contact would be made, ISO 8601 (2026-11-24T10:00:00+08:00 or ...Z).")
    var at: Timestamp

    @Option(name: .customLong("contact-point"), help: "mobile, email, address, or the id of a recorded contact point.")
    var contactPoint: String?

    @Option(name: .long, help: "For a visit: how many collectors go.")
    var visitors: Int?

    @Flag(name: .customLong("identification-shown"), help: "For a visit: the collectors show their identification.")
    var identificationShown = false

    @OptionGroup var options: StoreOptions

    func run() async throws {
        var blocked = false
        try await runReportingFailures {
            let policy = try options.policy()
            try await options.withStore { store in
                let request = ContactRequest(channel: channel, at: at.date, contactPoint: contactPoint, visitors: visitors,
                                             identificationShown: identificationShown)
                let decision = try await ContactCheck.check(customerId: customer, request, settings: policy, on: store.sql)
                print(ContactVerdict(decision).jsonText)
                blocked = !decision.allowed
            }
        }
        if blocked { throw ExitCode(3) }
    }
}

/// An instant given on the command line in ISO 8601, with its offset.
struct Timestamp: ExpressibleByArgument {
    let date: Date

    init?(argument: String) {
        guard let date = ContactRecords.instant(argument) else { return nil }
        self.date = date
    }

    static var defaultValueDescription: String { "ISO-8601-TIMESTAMP" }
}

extension ContactChannel: ExpressibleByArgument {}
extension ContactAttempt.Outcome: ExpressibleByArgument {}
extension CustomerFlag.Kind: ExpressibleByArgument {}
extension ContactPoint.Kind: ExpressibleByArgument {}
