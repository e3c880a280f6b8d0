import ArgumentParser
import ArrearsServer
import ArrearsStore
import Foundation

/// `arrears token create`: a bearer token for the JSON API, for a system (the SMS gateway's
/// delivery reports) or a person's scripts.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create bearer tokens for the JSON API.",
        subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for a user and print it once.",
            discussion: """
            Send it as 'Authorization: Bearer TOKEN'. Only its SHA-256 is stored, so it cannot be shown again; \
            it acts with the user's role until it expires. The creation is recorded in the audit log, without the token.
            """
        )
        @Option(name: .long, help: "The user the token acts for.") var username: String
        @Option(name: .long, help: "What the token is for (shown in the audit log).") var label: String = "cli"
        @Option(name: .long, help: "Days until the token expires.") var days: Int = APITokens.defaultLifetimeDays
        @OptionGroup var options: StoreOptions

        func validate() throws {
            guard (1...3_650).contains(days) else { throw ValidationError("--days must be from 1 to 3650") }
            guard !label.isEmpty, label.count <= 100 else { throw ValidationError("--label must be 1 to 100 characters") }
        }

        func run() async throws {
            try await runReportingFailures {
                let issued = try await options.withStore { store in
                    guard let user = try await UserDirectory.find(username: username, on: store.sql), user.active else {
                        throw CLIFailure.rejected(UserError.unknownUser(username).description)
                    }
                    return try await APITokens.issue(for: user, label: label, days: days, actor: AuditEvent.commandLineActor, on: store)
                }
                Terminal.info("token for \(username) (\(label)), expires \(issued.record.expiresAt); it is shown only now:")
                print(issued.token)
            }
        }
    }
}
