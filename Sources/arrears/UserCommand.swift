import ArgumentParser
import ArrearsCore
import ArrearsServer
import ArrearsStore
import Foundation

/// `arrears user add`, `list`, `disable` and `set-time-zone`: the people who sign in, their
/// roles (issue 4) and the time zone their pages show times in (issue 25).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and disable the users who sign in to Arrears, and set their time zones.",
        subcommands: [Add.self, List.self, Disable.self, SetTimeZone.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user with a role.",
            discussion: """
            The password is read from standard input with --password-stdin (one line, \(PasswordHasher.minimumLength) to 72 bytes); \
            without it a random password is generated and printed once. Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). \
            Collectors and field agents see only the work assigned to their --agent-id, an agent id from CONFIG/teams.yaml. \
            Their pages show times in --time-zone, or in the bank's zone (bank_time_zone in CONFIG/dates.yaml) without it. \
            The addition is recorded in the audit log, without the password.
            """
        )
        @Option(name: .long, help: "2 to 64 lower-case letters, digits, '.', '_' or '-'.") var username: String
        @Option(name: .long, help: "The user's role.") var role: Role
        @Option(name: .long, help: "The name shown on pages (default: the username).") var displayName: String?
        @Option(name: .long, help: "The agent id in CONFIG/teams.yaml (collectors and field agents).") var agentId: String?
        @Option(name: .long, help: "The user's team.") var team: String?
        @Option(name: .long, help: "The IANA time zone the user's pages show times in, such as Europe/London (default: the bank's).") var timeZone: String?
        @Flag(name: .long, help: "Read the password from standard input instead of generating one.") var passwordStdin = false
        @OptionGroup var options: StoreOptions

        func validate() throws {
            guard User.isValidUsername(username) else { throw ValidationError(UserError.invalidUsername(username).description) }
            if let timeZone, !User.isValidTimeZone(timeZone) { throw ValidationError("--time-zone: " + UserError.unknownTimeZone(timeZone).description) }
        }

        func run() async throws {
            try await runReportingFailures {
                if let agentId, try !options.agents().contains(where: { $0.id == agentId }) {
                    throw CLIFailure.rejected("--agent-id \(agentId) is not an agent in \(options.config)/teams.yaml")
                }
                let password = passwordStdin ? try Self.readPassword() : PasswordHasher.generate()
                let user = User(id: UUID().uuidString.lowercased(), username: username, displayName: displayName ?? username, role: role,
                                passwordHash: try PasswordHasher.hash(password), agentId: agentId, team: team, active: true,
                                createdAt: ISO8601DateFormatter().string(from: Date()), timeZone: timeZone)
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
            abstract: "Print every user as CSV: username, display_name, role, agent_id, team, active, created_at, time_zone.",
            discussion: "time_zone is empty for a user whose pages show the bank's zone."
        )
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                let users = try await options.withStore { store in try await UserDirectory.all(on: store.sql) }
                BufferedOutput.printTable(columns: ["username", "display_name", "role", "agent_id", "team", "active", "created_at", "time_zone"],
                                          rows: users.map { [$0.username, $0.displayName, $0.role.rawValue, $0.agentId ?? "", $0.team ?? "",
                                                             $0.active ? "true" : "false", $0.createdAt, $0.timeZone ?? ""] })
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

    struct SetTimeZone: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-time-zone",
            abstract: "Set the time zone a user's pages show times in; 'bank' for the bank's zone.",
            discussion: """
            ZONE is an IANA time zone such as Europe/London or Asia/Shanghai; an unknown zone is refused (exit 64). \
            With 'bank' the user's pages follow bank_time_zone in CONFIG/dates.yaml. A field agent's "today" follows the zone too. \
            The change is recorded in the audit log and shows at the user's next request.
            """
        )
        @Argument(help: "The user's username.") var username: String
        @Argument(help: "An IANA time zone, or 'bank'.") var zone: String
        @OptionGroup var options: StoreOptions

        /// The zone to store: nil for the bank's.
        var storedZone: String? { zone == "bank" ? nil : zone }

        func validate() throws {
            if let storedZone, !User.isValidTimeZone(storedZone) { throw ValidationError(UserError.unknownTimeZone(storedZone).description) }
        }

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    do { try await UserDirectory.setTimeZone(username: username, zone: storedZone, actor: AuditEvent.commandLineActor, on: store) } catch let error as UserError {
                        throw CLIFailure.rejected(error.description)
                    }
                }
                Terminal.info("\(username)'s pages show times in \(storedZone ?? "the bank's time zone")")
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
