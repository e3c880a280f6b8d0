import ArgumentParser
import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation

struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Off-policy evaluation: estimate from the logged history what a strategy would have recovered over past dates.",
        discussion: """
        Every logged action (the daily runs' own and the imported history) from --from to --to of a \
        customer with something overdue that day is a decision; the strategy's choice for it is \
        rebuilt from the customer's ledgers, and what the customer would have repaid within the \
        horizon under that choice is estimated with a doubly robust estimator: cross-fitted \
        gradient-boosted outcome models corrected by the logged propensities. Prints the same \
        columns as `arrears simulate`, per cell of the strategy, with 95% intervals over the \
        decisions. Refuses (exit 1) a history with no variation to learn from: no propensities, \
        every propensity 1, or a channel the strategy would choose that the history never took. \
        Method and limits: docs/optimisation.md.
        """
    )

    @Option(name: .long, help: "The strategy file to evaluate.")
    var strategy: String

    @Option(name: .long, help: "The first date of logged actions (YYYY-MM-DD).")
    var from: LocalDate

    @Option(name: .long, help: "The last date of logged actions (YYYY-MM-DD).")
    var to: LocalDate

    @Option(name: .long, help: "csv or json.")
    var format: ReportFormat = .csv

    @OptionGroup var options: StoreOptions

    func validate() throws {
        guard from <= to else { throw ValidationError("--from must be on or before --to") }
    }

    func run() async throws {
        try await runReportingFailures {
            let buckets = try options.buckets()
            let strategy = try options.strategy(path: self.strategy, buckets: buckets)
            let costs: ChannelCosts
            do { costs = try CostsConfig.load(fromDirectory: options.config) } catch let error as ConfigError {
                throw CLIFailure.rejected(error.description)
            }
            var evaluation = OffPolicyEvaluation(strategy: strategy, from: from, to: to, costs: costs)
            evaluation.buckets = buckets
            let result: DoublyRobustEvaluation.Result
            do {
                result = try await options.withStore { store in try await evaluation.evaluate(on: store) }
            } catch let refused as EvaluationError {
                throw CLIFailure.rejected(refused.description)
            }
            Terminal.info("""
                evaluated \(result.used) logged decisions from \(from) to \(to) (doubly robust, cross-fitted outcome models, \
                repayment within \(evaluation.horizonDays) days)\(result.withoutPropensity > 0 ? "; \(result.withoutPropensity) left out without a logged propensity" : "")
                """)
            CellGain.print(result.gains, format: format)
        }
    }
}
