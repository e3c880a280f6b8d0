import ArgumentParser
import ArrearsCore
import Foundation

/// `arrears model fit`: the scorecard pipeline on any CSV file (docs/scorecard.md).
struct ModelFitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a scorecard on a CSV file and validate it on held-out rows.",
        discussion: """
        Every column but the target and the --exclude columns is a feature: numeric when every value that is not \
        missing is a number, else categorical; empty values and NA, NaN, NULL (in any case) are missing and get a bin \
        of their own. The target has exactly two values; the event is --event, or 1 when they are 0 and 1. \
        A seeded shuffle holds out --test-share of the rows; the scorecard is binned and fitted on the others. Prints \
        AUC, KS and Gini on both, the held-out rows' calibration by decile, and the scorecard (bins, WoE, IV, points), or with \
        --model gbm gradient-boosted trees and each feature's importance. A scorecard's points rise with no event (not \
        defaulting): 600 points at odds of 50:1, 20 points to double the odds. Bad input: the row and column on stderr, exit 1.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case scorecard, gbm
    }

    @Option(help: "The UTF-8 CSV file, with a header row.") var csv: String
    @Option(help: "The column to predict.") var target: String
    @Option(help: "A column that is not a feature (an identifier, for example); repeat for several.") var exclude: [String] = []
    @Option(name: .customLong("test-share"), help: "The share of rows held out for validation, above 0 and below 1.") var testShare = 0.25
    @Option(help: "The seed of the train/test shuffle; the same seed gives the same split.") var seed: UInt64 = ModelFit.defaultSeed
    @Option(help: "The target value that marks the event (default 1 when the target is 0/1).") var event: String?
    @Option(help: "text or json.") var format: Format = .text
    @Option(help: "scorecard (readable, the default) or gbm (gradient-boosted trees, the challenger; docs/gbm.md).") var model: Kind = .scorecard

    func validate() throws {
        guard testShare > 0, testShare < 1 else { throw ValidationError("--test-share must be above 0 and below 1, not \(testShare)") }
    }

    func run() async throws {
        try await runReportingFailures {
            let text: String
            do { text = try String(contentsOfFile: csv, encoding: .utf8) } catch {
                throw CLIFailure.rejected("\(csv): cannot read the file (missing, unreadable or not UTF-8)")
            }
            let output: String
            do {
                switch model {
                case .scorecard:
                    let result = try ModelFit.run(csv: text, target: target, exclude: exclude, testShare: testShare, seed: seed, event: event)
                    output = format == .json ? result.json() : result.text()
                case .gbm:
                    let result = try ModelFit.runBoosted(csv: text, target: target, exclude: exclude, testShare: testShare, seed: seed, event: event)
                    output = format == .json ? result.json() : result.text()
                }
            } catch let error as ScorecardError {
                throw CLIFailure.rejected("\(csv): \(error.description)")
            }
            print(output, terminator: "")
        }
    }
}
