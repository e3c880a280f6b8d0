import ArgumentParser
import ArrearsServer

/// `arrears`: the command line of the Arrears collections platform.
@main
struct Arrears: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrears",
        abstract: "Arrears: collections and recovery for banks and lenders.",
        discussion: """
        Exit status: 0 success; 1 input rejected (import errors, bad configuration); \
        3 check-contact: the contact is blocked (contact log: recorded as a breach); 4 the audit chain is broken; 64 bad command line; 70 the database or another dependency failed.
        """,
        subcommands: [
            DemoCommand.self, ServeCommand.self, MigrateCommand.self, ImportCommand.self,
            RecomputeCommand.self, RunDayCommand.self, WorkerCommand.self, StrategyCommand.self, ReportCommand.self, OutboxCommand.self, AuditCommand.self, GenerateCommand.self, CustomerCommand.self, UserCommand.self, TokenCommand.self,
            PolicyCommand.self, CheckContactCommand.self, FlagCommand.self, ContactCommand.self, ModelCommand.self, RetentionCommand.self, LettersCommand.self,
            SimulateCommand.self, EvaluateCommand.self,
        ]
    )

    /// ArgumentParser's own entry point, after moving Swift's tasks onto the event loops
    /// (`runTasksOnEventLoops`), which must happen before any task runs.
    static func main() async {
        _ = runTasksOnEventLoops()
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
