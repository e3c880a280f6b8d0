import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// Training the response models (`ResponseTraining`) and asking them (`ResponseScoring`) on rows
/// kept in memory (`InMemoryResponses`); `ResponseScoringTests` and `ModelTrainResponseCommandTests`
/// check the same workflows on both databases and through the CLI.
final class ResponseTrainingRulesTests: XCTestCase {
    let day = LocalDate(iso: "2026-06-30")!

    /// A customer's one account, 1,000.00 due on 2026-03-01 and paid on 2026-04-15.
    func ledger(_ customer: String) -> AccountLedger {
        AccountLedger(accountId: "A-" + customer, customerId: customer, product: "personal_loan", creditRating: "C", openedOn: LocalDate(iso: "2025-01-01")!,
                      minorDigits: 2, dues: [(dueOn: LocalDate(iso: "2026-03-01")!, amount: 100_000)],
                      payments: [(paidOn: LocalDate(iso: "2026-04-15")!, amount: 100_000)])
    }

    func action(_ customer: String, _ date: String, _ channel: ActionChannel) -> ActionHistoryLoader.Action {
        ActionHistoryLoader.Action(customerId: customer, date: LocalDate(iso: date)!, channel: channel, cell: "random", propensity: 0.5)
    }

    func testWithoutAnActiveResponseModelThereIsNoAnswer() async throws {
        let records = InMemoryResponses()
        records.add(ledger("C1"), delinquent: true)
        let answers = try await ResponseScoring.expectedRepayments(on: day, records: records)
        XCTAssertNil(answers)
    }

    func testActionsOnlyOnDaysWithNothingOverdueAreNoExamplesAndNothingIsRegistered() async throws {
        let records = InMemoryResponses()
        for customer in ["C1", "C2"] {
            records.add(ledger(customer), delinquent: false)
            // Before the due date and after the payment: nothing overdue.
            records.log(action(customer, "2026-02-10", .none))
            records.log(action(customer, "2026-05-01", .sms))
        }
        do {
            _ = try await ResponseTraining(asOf: day).train(records: records, actor: "analyst")
            XCTFail("no delinquent day, no example")
        } catch ResponseError.noExamples {}
        XCTAssertEqual(records.models.count, 0)
    }

    func testAHorizonOutsideItsRangeIsRefusedBeforeAnythingIsRead() async throws {
        let records = InMemoryResponses()
        do {
            _ = try await ResponseTraining(asOf: day, horizonDays: 0).train(records: records, actor: "analyst")
            XCTFail("a horizon of 0 days")
        } catch ResponseError.invalidSetting(let name, _, _) {
            XCTAssertEqual(name, "--horizon-days")
        }
        XCTAssertEqual(records.models.count, 0)
    }

    /// Each example carries the channels that could not reach its customer, so that a channel's
    /// effect is measured over the customers it could reach; a customer not listed has both.
    func testEachExampleCarriesTheChannelsThatCouldNotReachItsCustomer() {
        let training = ResponseTraining(asOf: day)
        let found = training.examples(ledgers: ["C1": [ledger("C1")], "C2": [ledger("C2")]], behaviour: [:],
                                      actions: ["C1": [action("C1", "2026-03-20", .sms)], "C2": [action("C2", "2026-03-20", .none)]],
                                      unreachable: ["C2": [.email]])
        XCTAssertEqual(found.examples.map(\.customerId), ["C1", "C2"])
        XCTAssertEqual(found.examples.map(\.unreachable), [[], [.email]])
    }
}
