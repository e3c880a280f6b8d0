import Foundation

/// How well predicted probabilities separate and match the outcomes.
///
/// AUC is the chance that a random event row has a higher probability than a random
/// non-event row (ties count half), from ranks with ties averaged; Gini = 2·AUC − 1; KS is
/// the largest gap between the shares of events and of non-events at or above any
/// probability. With only events or only non-events nothing can be separated: AUC is 0.5,
/// Gini and KS are 0.
public struct ModelValidation: Sendable, Codable, Equatable {
    public let auc: Double
    public let ks: Double
    public let gini: Double
    /// Rows sorted by predicted probability, cut into ten groups as equal as the count
    /// allows (fewer when there are fewer than ten rows), lowest probabilities first.
    public let deciles: [CalibrationDecile]
    public let count: Int
    public let events: Int

    public init(probabilities: [Double], outcomes: [Bool]) {
        precondition(probabilities.count == outcomes.count, "one probability per outcome")
        count = outcomes.count
        events = outcomes.count { $0 }
        let order = probabilities.indices.sorted { probabilities[$0] < probabilities[$1] }
        let nonEvents = count - events
        guard events > 0, nonEvents > 0 else {
            auc = 0.5
            ks = 0
            gini = 0
            deciles = Self.deciles(order, probabilities, outcomes)
            return
        }
        var eventRankSum = 0.0, largestGap = 0.0
        var eventsBelow = 0, nonEventsBelow = 0
        var start = 0
        while start < order.count {
            var end = start
            var tiedEvents = 0
            while end < order.count, probabilities[order[end]] == probabilities[order[start]] {
                if outcomes[order[end]] { tiedEvents += 1 }
                end += 1
            }
            let averageRank = Double(start + 1 + end) / 2
            eventRankSum += averageRank * Double(tiedEvents)
            eventsBelow += tiedEvents
            nonEventsBelow += end - start - tiedEvents
            largestGap = max(largestGap, abs(Double(eventsBelow) / Double(events) - Double(nonEventsBelow) / Double(nonEvents)))
            start = end
        }
        auc = (eventRankSum - Double(events) * Double(events + 1) / 2) / (Double(events) * Double(nonEvents))
        ks = largestGap
        gini = 2 * auc - 1
        deciles = Self.deciles(order, probabilities, outcomes)
    }

    private static func deciles(_ order: [Int], _ probabilities: [Double], _ outcomes: [Bool]) -> [CalibrationDecile] {
        let groups = min(10, order.count)
        return (0..<groups).map { group in
            let rows = order[(group * order.count / groups)..<((group + 1) * order.count / groups)]
            let predicted = rows.reduce(0) { $0 + probabilities[$1] }
            let observed = rows.count { outcomes[$0] }
            return CalibrationDecile(count: rows.count, meanPredicted: predicted / Double(rows.count), observedRate: Double(observed) / Double(rows.count))
        }
    }

    /// The fit reports' opening lines: the target and its event, then AUC, KS and Gini of the
    /// training and the held-out rows, one line each.
    static func table(target: String, event: String, train: ModelValidation, test: ModelValidation) -> [String] {
        var lines = [
            "target \(target), event '\(event)'",
            "sample      rows    events      AUC       KS     Gini",
        ]
        for (name, validation) in [("train", train), ("test", test)] {
            lines.append(String(format: "%@%10d%10d%9.4f%9.4f%9.4f", name.padding(toLength: 6, withPad: " ", startingAt: 0), validation.count, validation.events, validation.auc, validation.ks, validation.gini))
        }
        return lines
    }
}
