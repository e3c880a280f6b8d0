import ArgumentParser
import ArrearsServer
import ArrearsStore
import Foundation

/// `arrears token create`: a bearer token for the JSON API, for a system (the SMS gateway's
/// delivery reports) or a person's scripts; `arrears token list` and `arrears token revoke`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke bearer tokens for the JSON API.",
        subcommands: [Create.self, List.self, Revoke.self]
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

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the tokens as CSV: id, username, label, created_at, expires_at (never the tokens themselves)."
        )
        @Option(name: .long, help: "Only this user's tokens.") var username: String?
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                let tokens = try await options.withStore { store in
                    var userId: String?
                    if let username {
                        guard let user = try await UserDirectory.find(username: username, on: store.sql) else {
                            throw CLIFailure.rejected(UserError.unknownUser(username).description)
                        }
                        userId = user.id
                    }
                    return try await APITokenDirectory.list(userId: userId, on: store.sql)
                }
                BufferedOutput.printTable(columns: ["id", "username", "label", "created_at", "expires_at"],
                                          rows: tokens.map { [$0.record.id, $0.username, $0.record.label, $0.record.createdAt, $0.record.expiresAt] })
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token by its id (from 'arrears token list').",
            discussion: "The token is refused from the server's next request on. The revocation is recorded in the audit log."
        )
        @Argument(help: "The token's id.") var id: String
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                let revoked = try await options.withStore { store in
                    try await APITokenDirectory.revoke(id: id, ofUser: nil, actor: AuditEvent.commandLineActor, on: store)
                }
                guard let revoked else { throw CLIFailure.rejected("there is no token with id \(id)") }
                Terminal.info("revoked token \(id) of \(revoked.username) (\(revoked.record.label))")
            }
        }
    }
}
