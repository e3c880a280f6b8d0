import ArgumentParser
import ArrearsCore
import ArrearsServer
import ArrearsStore
import Foundation

/// `arrears user add`, `list` and `disable`: the people who sign in, and their roles (issue 4).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and disable the users who sign in to Arrears.",
        subcommands: [Add.self, List.self, Disable.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user with a role.",
            discussion: """
            The password is read from standard input with --password-stdin (one line, \(PasswordHasher.minimumLength) to 72 bytes); \
            without it a random password is generated and printed once. Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). \
            Collectors and field agents see only the work assigned to their --agent-id, an agent id from CONFIG/teams.yaml. \
            The addition is recorded in the audit log, without the password.
            """
        )
        @Option(name: .long, help: "2 to 64 lower-case letters, digits, '.', '_' or '-'.") var username: String
        @Option(name: .long, help: "The user's role.") var role: Role
        @Option(name: .long, help: "The name shown on pages (default: the username).") var displayName: String?
        @Option(name: .long, help: "The agent id in CONFIG/teams.yaml (collectors and field agents).") var agentId: String?
        @Option(name: .long, help: "The user's team.") var team: String?
        @Flag(name: .long, help: "Read the password from standard input instead of generating one.") var passwordStdin = false
        @OptionGroup var options: StoreOptions

        func validate() throws {
            guard User.isValidUsername(username) else { throw ValidationError(UserError.invalidUsername(username).description) }
        }

        func run() async throws {
            try await runReportingFailures {
                if let agentId, try !options.agents().contains(where: { $0.id == agentId }) {
                    throw CLIFailure.rejected("--agent-id \(agentId) is not an agent in \(options.config)/teams.yaml")
                }
                let password = passwordStdin ? try Self.readPassword() : PasswordHasher.generate()
                let user = User(id: UUID().uuidString.lowercased(), username: username, displayName: displayName ?? username, role: role,
                                passwordHash: try PasswordHasher.hash(password), agentId: agentId, team: team, active: true,
                                createdAt: ISO8601DateFormatter().string(from: Date()))
                try await options.withStore { store in
                    do { try await UserDirectory.add(user, actor: AuditEvent.commandLineActor, on: store) } catch let error as UserError {
                        throw CLIFailure.rejected(error.description)
                    }
                }
                Terminal.info("added user \(username) with role \(role.rawValue)")
                if !passwordStdin { print("password: \(password)") }
            }
        }

        /// One line of standard input, without its line ending.
        static func readPassword() throws -> String {
            guard let line = readLine(strippingNewline: true) else { throw CLIFailure.rejected("--password-stdin: standard input is empty") }
            let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
            guard password.count >= PasswordHasher.minimumLength else {
                throw CLIFailure.rejected("the password must be at least \(PasswordHasher.minimumLength) characters")
            }
            // bcrypt reads only the first 72 bytes: a longer password would be silently cut.
            guard password.utf8.count <= 72 else { throw CLIFailure.rejected("the password must be at most 72 bytes") }
            return password
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every user as CSV: username, display_name, role, agent_id, team, active, created_at."
        )
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                let users = try await options.withStore { store in try await UserDirectory.all(on: store.sql) }
                BufferedOutput.printTable(columns: ["username", "display_name", "role", "agent_id", "team", "active", "created_at"],
                                          rows: users.map { [$0.username, $0.displayName, $0.role.rawValue, $0.agentId ?? "", $0.team ?? "",
                                                             $0.active ? "true" : "false", $0.createdAt] })
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a user: they cannot sign in, and their sessions and bearer tokens end at once.",
            discussion: "The user stays on file (the audit log names them). The change is recorded in the audit log."
        )
        @Argument(help: "The user's username.") var username: String
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                let ended = try await options.withStore { store in
                    do { return try await UserDirectory.disable(username: username, actor: AuditEvent.commandLineActor, on: store) } catch let error as UserError {
                        throw CLIFailure.rejected(error.description)
                    }
                }
                Terminal.info("disabled \(username): \(ended.tokens) tokens revoked, \(ended.sessions) sessions ended")
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
