import ArrearsCore
import Foundation

/// The scorecard training benchmark (issue 6: 1,000,000 rows × 20 features in under 10 s).
///
///     swift build -c release --scratch-path .build-release --product ScorecardBenchmark
///     .build-release/release/ScorecardBenchmark [--rows 1000000] [--seed 6] [--model scorecard|gbm]
///
/// Synthetic data from a fixed seed and a known true model: 12 numeric features (linear,
/// U-shaped, step and noise effects, 2% missing) and 8 categorical ones (3 to 12 categories,
/// 1% missing), outcomes drawn from the true log-odds. Prints the time to bin and WoE-transform
/// every feature, to fit the logistic regression, and in all, with the AUC of the fitted
/// scorecard and of the true model on the same rows. `--model gbm` trains gradient-boosted
/// trees with the default settings instead (issue 26: under 60 s) and prints their time and AUC.
struct Arguments {
    var rows = 1_000_000
    var seed: UInt64 = 6
    var model = "scorecard"

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--rows": rows = Int(iterator.next() ?? "") ?? rows
            case "--seed": seed = UInt64(iterator.next() ?? "") ?? seed
            case "--model": model = iterator.next() ?? model
            default: fatalError("unknown argument \(argument)")
            }
        }
    }
}

/// Synthetic features and outcomes with the log-odds that drew them.
struct SyntheticData {
    var features: [Feature] = []
    var outcomes: [Bool] = []
    var trueLogOdds: [Double] = []

    init(rows: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var logOdds = [Double](repeating: -2.2, count: rows)
        for index in 0..<12 {
            var values = [Double](repeating: 0, count: rows)
            for row in 0..<rows {
                let value = Double.random(in: 0..<100, using: &random)
                let missing = Double.random(in: 0..<1, using: &random) < 0.02
                values[row] = missing ? .nan : value
                let effect: Double = switch index % 4 {
                case 0: 0.02 * (value - 50)
                case 1: 0.0004 * (value - 50) * (value - 50) - 0.33
                case 2: value > 70 ? 0.6 : -0.1
                default: 0
                }
                logOdds[row] += missing ? 0.3 : effect * Double(1 + index / 4) / 2
            }
            features.append(Feature(name: "numeric_\(index + 1)", values: .numeric(values)))
        }
        for index in 0..<8 {
            let categories = 3 + index * 9 / 7
            let effects = (0..<categories).map { _ in Double.random(in: -0.6...0.6, using: &random) }
            var values = [String](repeating: "", count: rows)
            for row in 0..<rows {
                guard Double.random(in: 0..<1, using: &random) >= 0.01 else { continue }
                let category = Int.random(in: 0..<categories, using: &random)
                values[row] = "level_\(category)"
                logOdds[row] += effects[category]
            }
            features.append(Feature(name: "categorical_\(index + 1)", values: .categorical(values)))
        }
        outcomes = logOdds.map { Double.random(in: 0..<1, using: &random) < LogisticRegression.probability(logOdds: $0) }
        trueLogOdds = logOdds
    }
}

func seconds(since start: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

let arguments = Arguments(CommandLine.arguments)
let generationStart = DispatchTime.now()
let data = SyntheticData(rows: arguments.rows, seed: arguments.seed)
print(String(format: "generated %d rows × %d features (%d events) in %.2f s", arguments.rows, data.features.count, data.outcomes.count { $0 }, seconds(since: generationStart)))

if arguments.model == "gbm" {
    let start = DispatchTime.now()
    let model = try GradientBoostingTrainer.fit(data.features, outcomes: data.outcomes)
    let training = seconds(since: start)
    let fitted = ModelValidation(probabilities: model.probabilities(for: data.features), outcomes: data.outcomes)
    let truth = ModelValidation(probabilities: data.trueLogOdds.map(LogisticRegression.probability(logOdds:)), outcomes: data.outcomes)
    print("cores:    \(ProcessInfo.processInfo.activeProcessorCount)")
    print("rows:     \(arguments.rows)")
    print("features: \(data.features.count)")
    print("trees:    \(model.trees.count) kept of \(model.treesGrown) grown")
    print(String(format: "total:    %6.2f s", training))
    print(String(format: "AUC: %.4f (true model %.4f), KS %.4f, Gini %.4f", fitted.auc, truth.auc, fitted.ks, fitted.gini))
    exit(0)
}

let trainingStart = DispatchTime.now()
let scorecard = try ScorecardTrainer.fit(data.features, outcomes: data.outcomes)
let total = seconds(since: trainingStart)

// The fit alone, repeated on the same WoE matrix, to split the total into its two parts.
let matrix = scorecard.designMatrix(for: data.features)
let fitStart = DispatchTime.now()
let fit = try LogisticRegression.fit(matrix, outcomes: data.outcomes, l2: scorecard.settings.l2)
let fitting = seconds(since: fitStart)

let fitted = ModelValidation(probabilities: scorecard.probabilities(for: data.features), outcomes: data.outcomes)
let truth = ModelValidation(probabilities: data.trueLogOdds.map(LogisticRegression.probability(logOdds:)), outcomes: data.outcomes)
print("cores:    \(ProcessInfo.processInfo.activeProcessorCount)")
print("rows:     \(arguments.rows)")
print("features: \(data.features.count) (kept \(scorecard.features.count))")
print(String(format: "binning + WoE: %6.2f s", total - fitting))
print(String(format: "fitting:       %6.2f s (%d Newton steps)", fitting, fit.iterations))
print(String(format: "total:         %6.2f s", total))
print(String(format: "AUC: %.4f (true model %.4f), KS %.4f, Gini %.4f", fitted.auc, truth.auc, fitted.ks, fitted.gini))
