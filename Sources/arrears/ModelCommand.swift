import ArgumentParser
import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation

/// `arrears model`: the scorecard pipeline (issue 6, "Scoring") — fit any CSV, train the
/// propensity models from Arrears' own history, keep them versioned, activate one per target,
/// and watch the stability of their scores.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Train, inspect, activate and monitor the propensity-to-pay and roll-forward scorecards.",
        subcommands: [ModelFitCommand.self, Train.self, List.self, Show.self, Activate.self, Monitor.self]
    )

    /// Runs `body`, turning the scoring pipeline's own errors into exit 1 with their message.
    static func rejectingScoringErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ScoringError {
            throw CLIFailure.rejected(error.description)
        } catch let error as ScorecardError {
            throw CLIFailure.rejected(error.description)
        } catch let error as ResponseError {
            throw CLIFailure.rejected(error.description)
        }
    }

    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a scorecard (or with --model gbm gradient-boosted trees) from the portfolio's history and register it as a candidate version.",
            discussion: """
            pay30: accounts entering collection (the day after a due is left unpaid) that pay at least --pay-share of \
            what was overdue within 30 days. roll: delinquent accounts at a month end that are in a worse bucket at the \
            next. Observations come from the --months months before --as-of; the last --holdout-months are held out to \
            validate (AUC, KS, Gini, calibration by decile). Prints the scorecard and the validation; with --model gbm, \
            gradient-boosted trees are fitted on the same features and rows instead (docs/gbm.md), scored in points on \
            the scorecard's scale with TreeSHAP reasons. response: per channel, the amount a delinquent customer repays \
            within --horizon-days after an action, learned from the logged actions (the daily run's and arrears import \
            actions) with a T-learner of boosted trees; prints each channel's effect against none and the Qini coefficient \
            and uplift at the top 10% and 30% on held-out customers, and activates it (docs/optimisation.md).
            """
        )

        @Option(help: "pay30, roll or response.") var target: ModelTarget
        @Option(name: .customLong("as-of"), help: "The date the history is known to (YYYY-MM-DD); default today in UTC.") var asOf: LocalDate?
        @Option(help: "Months of history to learn from.") var months = 12
        @Option(name: .customLong("holdout-months"), help: "The most recent months held out for validation.") var holdoutMonths = 3
        @Option(name: .customLong("pay-share"), help: "pay30: the share of the overdue amount that counts as paying.") var payShare = 0.5
        @Option(help: "scorecard (readable, the default) or gbm (gradient-boosted trees, the challenger; docs/gbm.md).") var model: ScoringModel.Kind = .scorecard
        @Option(name: .customLong("horizon-days"), help: "response: the days after an action within which repayment counts.") var horizonDays = 30
        @Option(help: "response: text or json.") var format: ModelFitCommand.Format = .text
        @Flag(help: "Activate the new version at once, retiring the active one (response models are always activated).") var activate = false
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                guard case .scoring(let target) = target else { return try await trainResponse() }
                var training = ModelTraining(target: target, asOf: asOf ?? LocalDate.today())
                training.kind = model
                training.months = months
                training.holdoutMonths = holdoutMonths
                training.payShare = payShare
                training.buckets = try options.buckets()
                try await options.withStore { store in
                    let started = Date()
                    var model = try await ModelCommand.rejectingScoringErrors {
                        try await training.train(on: store, actor: AuditEvent.commandLineActor)
                    }
                    if activate { model = try await ModelRegistry(database: store.sql).activate(model.id, actor: AuditEvent.commandLineActor) }
                    print(ModelDescription(model).text)
                    Terminal.info("trained \(model.id) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
                }
            }
        }

        /// `--target response`: trains, registers and activates the response models, and prints their report.
        private func trainResponse() async throws {
            var training = ResponseTraining(asOf: asOf ?? LocalDate.today(), horizonDays: horizonDays)
            training.months = months
            training.buckets = try options.buckets()
            try await options.withStore { store in
                let started = Date()
                let record = try await ModelCommand.rejectingScoringErrors {
                    let trained = try await training.train(on: store, actor: AuditEvent.commandLineActor)
                    return try await store.transaction { database in
                        try await ResponseModelRegistry(database: database).activate(trained.id, actor: AuditEvent.commandLineActor)
                    }
                }
                let description = ResponseModelDescription(record)
                print(format == .json ? description.json : description.text)
                Terminal.info("trained \(record.id) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered models: id, target, status, as-of, hold-out AUC, KS and Gini, kind (scorecard or gbm), and the hold-out AUC less the best of the target's models not retired.")
        @Option(help: "csv or json.") var format: ReportFormat = .csv
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    let models = try await ModelRegistry(database: store.sql).all()
                    let output = BufferedOutput()
                    let writer = ReportWriter(format: format, columns: ["id", "target", "version", "status", "as_of", "trained_at", "trained_by",
                                                                        "training_rows", "holdout_rows", "holdout_auc", "holdout_ks", "holdout_gini", "kind",
                                                                        "holdout_auc_vs_best"],
                                              numericColumns: ["version", "training_rows", "holdout_rows", "holdout_auc", "holdout_ks", "holdout_gini",
                                                               "holdout_auc_vs_best"],
                                              sink: { output.write($0) })
                    // What each model gives up in hold-out AUC against the best model of its target not retired (0 for that one).
                    let best = Dictionary(models.filter { $0.status != .retired }.map { ($0.target, $0.definition.holdout.auc) }, uniquingKeysWith: max)
                    for model in models {
                        let holdout = model.definition.holdout
                        writer.write([model.id, model.target.rawValue, String(model.version), model.status.rawValue, model.asOf, model.trainedAt,
                                      model.trainedBy, String(model.definition.training.count), String(holdout.count),
                                      String(format: "%.4f", holdout.auc), String(format: "%.4f", holdout.ks), String(format: "%.4f", holdout.gini),
                                      model.definition.kind.rawValue,
                                      String(format: "%.4f", holdout.auc - (best[model.target] ?? holdout.auc))])
                    }
                    let none = format == .json ? "null" : ""
                    for record in try await ResponseModelRegistry(database: store.sql).all() {
                        writer.write([record.id, ResponseModelRecord.target, String(record.version), record.status.rawValue, record.asOf, record.trainedAt,
                                      record.trainedBy, String(record.definition.model.trainingRows), String(record.definition.model.holdoutRows),
                                      none, none, none, "t-learner"])
                    }
                    writer.finish()
                    output.flush()
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a model's kind, validation and scorecard (bins, WoE, IV, points), or its boosted trees' feature importance.")
        @Argument(help: "The model id, e.g. pay30-v1 or response-v1.") var id: String
        @Option(help: "response models: text or json.") var format: ModelFitCommand.Format = .text
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    if ResponseModelRecord.isResponse(id) {
                        let record = try await ModelCommand.rejectingScoringErrors { try await ResponseModelRegistry(database: store.sql).find(id) }
                        let description = ResponseModelDescription(record)
                        print(format == .json ? description.json : description.text)
                        return
                    }
                    let model = try await ModelCommand.rejectingScoringErrors { try await ModelRegistry(database: store.sql).find(id) }
                    print(ModelDescription(model).text)
                }
            }
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a model the one the daily run scores its target with (audited).")
        @Argument(help: "The model id, e.g. pay30-v2 or response-v1.") var id: String
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    if ResponseModelRecord.isResponse(id) {
                        let record = try await ModelCommand.rejectingScoringErrors {
                            try await store.transaction { database in
                                try await ResponseModelRegistry(database: database).activate(id, actor: AuditEvent.commandLineActor)
                            }
                        }
                        print("\(record.id) is the active response model")
                        return
                    }
                    let model = try await ModelCommand.rejectingScoringErrors {
                        try await store.transaction { database in
                            try await ModelRegistry(database: database).activate(id, actor: AuditEvent.commandLineActor)
                        }
                    }
                    print("\(model.id) is the active \(model.target.rawValue) model")
                }
            }
        }
    }

    struct Monitor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The daily scoring history: accounts scored, mean probability and PSI against the scores of the accounts delinquent when the model was trained.",
            discussion: "PSI below 0.1: stable; 0.1 to 0.25: watch; above 0.25: the population has shifted, retrain."
        )
        @Option(help: "One model id; default all.") var model: String?
        @Option(help: "csv or json.") var format: ReportFormat = .csv
        @OptionGroup var options: StoreOptions

        func run() async throws {
            try await runReportingFailures {
                try await options.withStore { store in
                    let days = try await AccountScoring.monitoring(modelId: model, on: store.sql)
                    let output = BufferedOutput()
                    let writer = ReportWriter(format: format, columns: ["model_id", "business_date", "scored", "mean_probability", "psi", "stability"],
                                              numericColumns: ["scored", "mean_probability", "psi"], sink: { output.write($0) })
                    for day in days {
                        writer.write([day.modelId, day.businessDate, String(day.scored), String(format: "%.4f", day.meanProbability),
                                      String(format: "%.4f", day.psi), ScoreStability(psi: day.psi).rawValue])
                    }
                    writer.finish()
                    output.flush()
                }
            }
        }
    }
}

extension ScoringTarget: ExpressibleByArgument {}

/// What `model train --target` trains: a propensity model (pay30, roll) or the response models.
enum ModelTarget: ExpressibleByArgument {
    case scoring(ScoringTarget)
    case response

    init?(argument: String) {
        if argument == ResponseModelRecord.target { self = .response } else if let target = ScoringTarget(rawValue: argument) { self = .scoring(target) } else { return nil }
    }

    static var allValueStrings: [String] { ScoringTarget.allCases.map(\.rawValue) + [ResponseModelRecord.target] }
}
extension ScoringModel.Kind: ExpressibleByArgument {}
