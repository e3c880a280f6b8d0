import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// Scoring the delinquent accounts (`AccountScoring`) and training a model (`ModelTraining`) on
/// rows kept in memory (`InMemoryScoring`); `ModelTrainingTests` and `ModelKindStoreTests`
/// check the same workflows on both databases.
final class AccountScoringRulesTests: XCTestCase {
    let day = LocalDate(iso: "2026-11-23")!

    /// A model predicting every account at one half (a scorecard of its intercept alone).
    func model(_ target: ScoringTarget, version: Int = 1, status: ScoringModel.Status) -> ScoringModel {
        let validation = ModelValidation(probabilities: [0.2, 0.8], outcomes: [false, true])
        return ScoringModel(id: ScoringModel.id(target, version: version), target: target, version: version, status: status, asOf: "2026-10-31",
                            trainedAt: "2026-11-01T00:00:00Z", trainedBy: "analyst", activatedAt: nil,
                            definition: .init(scorecard: Scorecard(features: [], intercept: 0, settings: ScorecardSettings()), payShare: 0.5,
                                              since: "2025-10-01", holdoutAfter: "2026-07-31", training: validation, holdout: validation,
                                              reference: [0.5, 0.5]))
    }

    func ledger(_ id: String) -> AccountLedger {
        AccountLedger(accountId: id, customerId: "C-" + id, product: "personal_loan", creditRating: "C", openedOn: LocalDate(iso: "2026-01-01")!,
                      minorDigits: 2, dues: [(dueOn: LocalDate(iso: "2026-10-01")!, amount: 100_000)], payments: [])
    }

    func records() -> InMemoryScoring {
        let records = InMemoryScoring()
        records.add(ledger("A1"), delinquent: true)
        records.add(ledger("A2"), delinquent: true)
        records.add(ledger("A3"), delinquent: false)
        return records
    }

    func testWithoutAnActiveModelNothingIsScored() async throws {
        let records = records()
        records.keep(model(.pay30, status: .candidate))
        let summary = try await AccountScoring.run(day, records: records)
        XCTAssertEqual(summary, ScoringSummary())
        XCTAssertEqual(records.scores(of: .pay30).count, 0)
        XCTAssertEqual(records.monitoring.count, 0)
    }

    func testTheActiveModelScoresEveryDelinquentAccountAndKeepsADayOfMonitoring() async throws {
        let records = records()
        records.keep(model(.pay30, status: .active))
        records.keep(model(.roll, status: .candidate))
        let summary = try await AccountScoring.run(day, records: records)
        XCTAssertEqual(summary.scored, ["pay30": 2], "a candidate scores nothing")
        let scores = records.scores(of: .pay30)
        XCTAssertEqual(scores.keys.sorted(), ["A1", "A2"], "only the accounts delinquent in the stored positions")
        XCTAssertEqual(scores["A1"]?.probability ?? 0, 0.5, accuracy: 1e-9)
        XCTAssertEqual(scores["A1"]?.modelId, "pay30-v1")
        XCTAssertEqual(records.monitoring.map(\.scored), [2])
        XCTAssertEqual(records.monitoring.first?.meanProbability ?? 0, 0.5, accuracy: 1e-9)
        XCTAssertEqual(summary.psi["pay30"] ?? 1, 0, accuracy: 1e-6, "the day's scores are the reference's")

        // The next day replaces the scores and adds a day of monitoring.
        records.add(ledger("A4"), delinquent: true)
        let next = try await AccountScoring.run(day.adding(days: 1), records: records)
        XCTAssertEqual(next.scored, ["pay30": 3])
        XCTAssertEqual(Set(records.scores(of: .pay30).values.map(\.businessDate)), ["2026-11-24"])
        XCTAssertEqual(records.monitoring.map(\.businessDate), ["2026-11-23", "2026-11-24"])
    }

    func testAModelWithoutHistoryIsRefusedAndNothingIsRegistered() async throws {
        let records = InMemoryScoring()
        do {
            _ = try await ModelTraining(target: .pay30, asOf: day).train(records: records, actor: "analyst")
            XCTFail("no ledgers, no observations")
        } catch ScoringError.noObservations(let target, _) {
            XCTAssertEqual(target, .pay30)
        }
        XCTAssertEqual(records.models.count, 0)
        XCTAssertEqual(records.auditActions, [])
    }
}
