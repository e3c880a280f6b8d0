import ArrearsCore
import XCTest

/// Issue 27's off-policy evaluation on synthetic histories whose true value under another
/// policy is known: the doubly robust estimate's interval covers it on randomised and on
/// confounded histories, and a history with nothing to learn from is refused.
final class DoublyRobustEvaluationTests: XCTestCase {
    /// The policy evaluated: call the debts above 500, leave the rest alone.
    private static func target(_ example: ResponseExample) -> ActionChannel { example.row.numbers[1] > 500 ? .call : .none }

    private static func decisions(_ examples: [ResponseExample], cost: Int64 = 600) -> [LoggedDecision] {
        examples.map { example in
            let target = target(example)
            return LoggedDecision(example: example, cell: "optimised", target: target, targetCostMinor: target == .call ? cost : 0)
        }
    }

    /// What the sample's customers would have repaid in expectation under the policy, in fen.
    private static func truth(_ examples: [ResponseExample]) -> Int64 {
        let yuan = examples.reduce(0.0) { total, example in
            let dpd = example.row.numbers[0], overdue = example.row.numbers[1]
            return total + ResponseLearnerTests.base(overdue, dpd) + ResponseLearnerTests.effect(target(example), overdue)
        }
        return Int64((yuan * 100).rounded())
    }

    /// Over six histories of each kind the interval covers the sample's true value at least five
    /// times (a sound 95% interval fails that about once in thirty), and the naive mean of the
    /// rows where history and policy agree is far off on the confounded ones.
    func testTheIntervalCoversThePolicysTrueValueOnRandomisedAndConfoundedHistories() throws {
        for confounded in [false, true] {
            var covered = 0
            for seed: UInt64 in 41...46 {
                let examples = ResponseLearnerTests.history(2000, seed: seed, confounded: confounded)
                let result = try DoublyRobustEvaluation(currency: .cny).estimate(Self.decisions(examples))
                let gain = try XCTUnwrap(result.gains.first)
                XCTAssertEqual(result.gains.map(\.cell), ["optimised"])
                XCTAssertEqual(gain.cases, 2000)
                XCTAssertEqual(result.used, 2000)
                let truth = Self.truth(examples)
                if gain.recovered.covers(truth) { covered += 1 }
                XCTAssertLessThan(Double(gain.recovered.high - gain.recovered.low), 0.1 * Double(truth), "seed \(seed): informative \(gain)")
                let calls = Int64(examples.count { Self.target($0) == .call })
                XCTAssertEqual(gain.cost, CellGain.Total(value: 600 * calls, low: 600 * calls - (gain.cost.value - gain.cost.low), high: gain.cost.high))
                XCTAssertEqual(gain.net.value, gain.recovered.value - gain.cost.value, accuracy: 1)
            }
            XCTAssertGreaterThanOrEqual(covered, 5, "confounded \(confounded): covered the truth in \(covered) of 6 histories")
        }
    }

    func testDecisionsWithoutAPropensityAreLeftOutAndCounted() throws {
        let examples = ResponseLearnerTests.history(600, seed: 5, confounded: false)
        var decisions = Self.decisions(examples)
        let stripped = decisions[0].example
        decisions[0] = LoggedDecision(
            example: ResponseExample(customerId: stripped.customerId, date: stripped.date, channel: stripped.channel, cell: stripped.cell,
                                     propensity: nil, row: stripped.row, repaid: stripped.repaid),
            cell: "optimised", target: decisions[0].target, targetCostMinor: decisions[0].targetCostMinor)
        let result = try DoublyRobustEvaluation(currency: .cny).estimate(decisions, cells: ["champion", "optimised"])
        XCTAssertEqual(result.used, 599)
        XCTAssertEqual(result.withoutPropensity, 1)
        // A cell of the strategy without decisions is reported with nothing.
        XCTAssertEqual(result.gains.map(\.cell), ["champion", "optimised"])
        XCTAssertEqual(result.gains.map(\.cases), [0, 599])
    }

    func testAHistoryWithNothingToLearnFromIsRefused() {
        let examples = ResponseLearnerTests.history(300, seed: 9, confounded: false)
        func with(propensity: Double?, channel: (ResponseExample) -> ActionChannel = { $0.channel }) -> [LoggedDecision] {
            Self.decisions(examples.map {
                ResponseExample(customerId: $0.customerId, date: $0.date, channel: channel($0), cell: $0.cell, propensity: propensity,
                                row: $0.row, repaid: $0.repaid)
            })
        }
        let estimator = DoublyRobustEvaluation(currency: .cny)
        XCTAssertThrowsError(try estimator.estimate(with(propensity: nil))) { XCTAssertEqual($0 as? EvaluationError, .noPropensities) }
        XCTAssertThrowsError(try estimator.estimate(with(propensity: 1))) { XCTAssertEqual($0 as? EvaluationError, .noVariation) }
        let calls = examples.count { Self.target($0) == .call }
        XCTAssertThrowsError(try estimator.estimate(with(propensity: 0.5) { $0.channel == .call ? .sms : $0.channel })) {
            XCTAssertEqual($0 as? EvaluationError, .channelNeverLogged(.call, decisions: calls))
            XCTAssertTrue(String(describing: $0).contains("never took call"), "\($0)")
        }
        XCTAssertThrowsError(try estimator.estimate([], window: "2026-01-01 to 2026-01-31")) {
            XCTAssertEqual($0 as? EvaluationError, .noDecisions(window: "2026-01-01 to 2026-01-31"))
        }
    }
}
