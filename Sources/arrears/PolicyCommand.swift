import ArgumentParser
import ArrearsCore
import ArrearsStore

struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Show the policy pack in force: every rule with its id, description and source.",
        subcommands: [Show.self],
        defaultSubcommand: Show.self
    )

    struct Show: AsyncParsableCommand {
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                let policy = try options.policy()
                print("pack \(policy.pack.id): \(policy.pack.name)")
                print("holiday calendar \(policy.pack.holidays.name) (\(policy.pack.holidays.days.count) days); daily run contacts at "
                      + "\(policy.dailyRunContactMinute / 60):\(policy.dailyRunContactMinute % 60 < 10 ? "0" : "")\(policy.dailyRunContactMinute % 60) local")
                for rule in policy.pack.rules {
                    print("\n\(rule.id)\n  \(rule.description)\n  source: \(rule.source)")
                    if rule.override == .reasonRequired { print("  override: reason_required (a person may go ahead with a reason, stored and audited)") }
                }
            }
        }
    }
}
