import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

/// What `arrears evaluate` says the strategy would have done with each logged decision: the
/// rules' first treatment in a cell that decides by rules; in an optimised cell, the allowed
/// channel worth most over no contact net of its unit cost, or none.
final class OffPolicyEvaluationTests: XCTestCase {
    private static let day = LocalDate(iso: "2026-03-01")!
    private let costs = ChannelCosts(currency: .cny, unitMinor: [.call: 600, .legalReview: 50_000])

    private func strategy(optimised: Bool) throws -> Strategy {
        try StrategyConfig.parse("""
            version: "t"
            segments:
              - { segment: standard }
            treatments:
              - { name: legal, channel: legal_review, min_days: 1, cadence_days: 30 }
              - { name: call, channel: call, min_days: 16, cadence_days: 1 }
            visit_policy: { min_overdue: 5000, min_days: 31 }
            hold_policy: { promise_grace_days: 3 }
            cells:
              - { name: only, percent: 100\(optimised ? ", optimise: { objective: net_recovery, horizon_days: 30 }" : "") }

            """, file: "t.yaml", buckets: .standard)
    }

    /// C1 owes 1,000 due 9 February (20 days overdue on 1 March), C2 owes 1,000 due 24 February (5
    /// days); each has one logged SMS on 1 March, with propensity 0.5; C1 then pays 1,000.
    private func history() -> (ledgers: [String: [AccountLedger]], actions: [String: [ActionHistoryLoader.Action]]) {
        var ledgers: [String: [AccountLedger]] = [:], actions: [String: [ActionHistoryLoader.Action]] = [:]
        for (customer, due, paid) in [("C1", "2026-02-09", true), ("C2", "2026-02-24", false)] {
            ledgers[customer] = [AccountLedger(accountId: "A-" + customer, customerId: customer, product: "personal_loan", creditRating: "C",
                                               openedOn: LocalDate(iso: "2025-01-01")!, minorDigits: 2,
                                               dues: [(LocalDate(iso: due)!, 100_000)], payments: paid ? [(LocalDate(iso: "2026-03-10")!, Int64(100_000))] : [])]
            actions[customer] = [ActionHistoryLoader.Action(customerId: customer, date: Self.day, channel: .sms, cell: "random", propensity: 0.5)]
        }
        return (ledgers, actions)
    }

    /// Repays 100 without contact, 400 after a call, 200 after a legal review, whoever the customer.
    private struct FixedResponse: ChannelResponse {
        let horizonDays = 30
        let channels: [ActionChannel] = [.none, .call, .legalReview]
        func expectedRepayments(for rows: [ResponseFeatures.Row]) -> [[ActionChannel: Double]] {
            rows.map { _ in [.none: 100, .call: 400, .legalReview: 200] }
        }
    }

    private func targets(optimised: Bool, model: (any ChannelResponse)?) throws -> [String: ActionChannel] {
        let evaluation = OffPolicyEvaluation(strategy: try strategy(optimised: optimised), from: Self.day, to: Self.day, costs: costs)
        let (ledgers, actions) = history()
        let decisions = evaluation.decisions(ledgers: ledgers, behaviour: [:], actions: actions, model: model)
        XCTAssertEqual(decisions.map(\.example.repaid), [1000, 0])
        XCTAssertEqual(decisions.map(\.cell), ["only", "only"])
        return Dictionary(uniqueKeysWithValues: decisions.map { ($0.example.customerId, $0.target) })
    }

    func testARulesCellTakesItsFirstApplicableTreatment() throws {
        XCTAssertEqual(try targets(optimised: false, model: nil), ["C1": .legalReview, "C2": .legalReview])
    }

    func testAnOptimisedCellTakesTheAllowedChannelWorthMostNetOfItsCostOrNone() throws {
        // The call gains 300 for 6; the legal review 100 for 500; C2 is too early for a call.
        XCTAssertEqual(try targets(optimised: true, model: FixedResponse()), ["C1": .call, "C2": .none])
        // Without a response model the baseline values them: a review reaches nobody.
        XCTAssertEqual(try targets(optimised: true, model: nil), ["C1": .call, "C2": .none])
    }

    func testTheChosenChannelsUnitCostIsCharged() throws {
        let evaluation = OffPolicyEvaluation(strategy: try strategy(optimised: false), from: Self.day, to: Self.day, costs: costs)
        let (ledgers, actions) = history()
        XCTAssertEqual(evaluation.decisions(ledgers: ledgers, behaviour: [:], actions: actions, model: nil).map(\.targetCostMinor), [50_000, 50_000])
    }
}
