import ArrearsCore
import Foundation

/// A registered response model for people (`arrears model train --target response`, `model
/// show response-vN`): the history it learned from and, per channel against none, the average
/// effect with its interval and the uplift measures on the held-out customers. Amounts are in
/// major units repaid within the horizon.
public struct ResponseModelDescription: Sendable {
    public let record: ResponseModelRecord

    public init(_ record: ResponseModelRecord) { self.record = record }

    public var text: String {
        let definition = record.definition, model = definition.model
        func amount(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "-" }
        var lines = [
            "\(record.id): \(ResponseModelRecord.target), t-learner, \(record.status.rawValue), trained \(record.trainedAt) by \(record.trainedBy) on history to \(record.asOf)",
            "outcome: amount repaid within \(record.horizonDays) days after an action, per channel; effects against none",
            "actions after \(definition.since): \(definition.actionsRead) read, \(definition.notDelinquent) left out (nothing overdue that day); "
                + "\(model.trainingRows) training, \(model.holdoutRows) held out (customers at random)",
            "",
            "channel         training  hold-out     effect   95% interval            qini    top 10%    top 30%   hold-out   effect over",
        ]
        for outcome in model.outcomes where outcome.channel == .none {
            lines.append(outcome.channel.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: " %9d", outcome.trainingRows)
                         + String(format: " %9d", outcome.holdoutRows) + "   (control)")
        }
        for effect in model.effects {
            let interval = "[\(amount(effect.effectLow)), \(amount(effect.effectHigh))]"
            lines.append(effect.channel.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                         + String(format: " %9d %9d %10.2f   ", effect.trainingRows, effect.holdoutRows, effect.averageEffect)
                         + interval.padding(toLength: 22, withPad: " ", startingAt: 0)
                         + String(format: " %8.3f", effect.qini)
                         + [effect.upliftTop10, effect.upliftTop30, effect.holdoutUplift].map { amount($0).leftPadded(10) }.joined(separator: " ")
                         + "   " + Self.support(effect))
        }
        lines.append("")
        lines.append("""
            effect: doubly robust (AIPW) average, cross-fitted, over the training actions where the history took both the channel and none \
            (the same cells, days past due, ratings and products within both, customers the channel can reach); qini and top shares: hold-out ranked by predicted effect
            """)
        return lines.joined(separator: "\n")
    }

    /// "4120 actions, 1-15 days past due, ratings A B": what a channel's average effect is over.
    static func support(_ effect: ChannelEffect) -> String {
        guard let rows = effect.supportRows else { return "every training action" }
        var text = "\(rows) actions"
        if let range = range(effect) { text += ", \(range.lowerBound)-\(range.upperBound) days past due" }
        if let ratings = effect.supportRatings { text += ", ratings " + ratings.map { $0.isEmpty ? "unknown" : $0 }.joined(separator: " ") }
        if let products = effect.supportProducts { text += ", " + products.map { $0.isEmpty ? "unknown" : $0 }.joined(separator: " ") }
        return text
    }

    /// The days past due a channel's average effect is over, when the model kept them.
    static func range(_ effect: ChannelEffect) -> ClosedRange<Int>? {
        guard let bounds = effect.supportDaysPastDue, bounds.count == 2, bounds[0] <= bounds[1] else { return nil }
        return bounds[0]...bounds[1]
    }

    /// The same as one JSON object.
    public var json: String {
        let definition = record.definition, model = definition.model
        func number(_ value: Double?) -> Any { value.map { $0 as Any } ?? NSNull() }
        let object: [String: Any] = [
            "id": record.id, "target": ResponseModelRecord.target, "kind": "t-learner", "status": record.status.rawValue, "as_of": record.asOf,
            "horizon_days": record.horizonDays, "since": definition.since, "actions_read": definition.actionsRead,
            "not_delinquent": definition.notDelinquent, "training_rows": model.trainingRows, "holdout_rows": model.holdoutRows,
            "trained_at": record.trainedAt, "trained_by": record.trainedBy,
            "channels": model.effects.map { effect -> [String: Any] in
                ["channel": effect.channel.rawValue, "training_rows": effect.trainingRows, "holdout_rows": effect.holdoutRows,
                 "average_effect": effect.averageEffect, "effect_low": number(effect.effectLow), "effect_high": number(effect.effectHigh),
                 "qini": effect.qini, "uplift_top10": number(effect.upliftTop10), "uplift_top30": number(effect.upliftTop30),
                 "holdout_uplift": number(effect.holdoutUplift), "support_rows": effect.supportRows.map { $0 as Any } ?? NSNull(),
                 "support_dpd_low": Self.range(effect).map { $0.lowerBound as Any } ?? NSNull(),
                 "support_dpd_high": Self.range(effect).map { $0.upperBound as Any } ?? NSNull(),
                 "support_ratings": effect.supportRatings.map { $0 as Any } ?? NSNull(),
                 "support_products": effect.supportProducts.map { $0 as Any } ?? NSNull()]
            },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
