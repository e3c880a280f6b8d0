import ArrearsCore
import XCTest

final class AccountLedgerTests: XCTestCase {
    private func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    /// Monthly dues of 100.00 on the 10th from January to June 2026.
    private func ledger(payments: [(String, Int64)]) -> AccountLedger {
        AccountLedger(accountId: "A1", customerId: "C1", product: "personal_loan", creditRating: "C", openedOn: date("2025-12-10"), minorDigits: 2,
                      dues: (1...6).map { (dueOn: LocalDate(year: 2026, month: $0, day: 10)!, amount: 10_000) },
                      payments: payments.map { (paidOn: date($0.0), amount: $0.1) })
    }

    func testThePositionOnAnyDateIsTheAllocationsPosition() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let start = date("2026-01-01")
            let dues = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                Due(dueOn: start.adding(days: Int.random(in: 0...200, using: &generator)), principal: Int64.random(in: 1...50_000, using: &generator), interest: 0, fees: 0)
            }
            let payments = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                PaymentAmount(paidOn: start.adding(days: Int.random(in: 0...220, using: &generator)), amount: Int64.random(in: 1...60_000, using: &generator))
            }
            let ledger = AccountLedger(accountId: "A", customerId: "C", product: "credit_card", creditRating: "B", openedOn: start, minorDigits: 2,
                                       dues: dues.map { (dueOn: $0.dueOn, amount: $0.amount) }, payments: payments.map { (paidOn: $0.paidOn, amount: $0.amount) })
            let asOf = start.adding(days: Int.random(in: 0...240, using: &generator))
            XCTAssertEqual(ledger.position(asOf: asOf), AccountPosition(dues: dues, payments: payments, asOf: asOf), "as of \(asOf)")
        }
    }

    func testAnAccountEntersCollectionTheDayAfterADueIsLeftUnpaid() {
        // January and February paid on time; March paid 20 days late; nothing after.
        let account = ledger(payments: [("2026-01-10", 10_000), ("2026-02-09", 10_000), ("2026-03-30", 10_000)])
        let entries = account.collectionEntries(after: date("2025-12-31"), through: date("2026-06-30"))
        // 2026-03-11: March unpaid. March was paid on 3-30, so on 4-11 April is the oldest unpaid
        // and a new entry; May and June fall while April is still overdue and add nothing.
        XCTAssertEqual(entries, [date("2026-03-11"), date("2026-04-11")])
        XCTAssertEqual(account.duesPaidLate(after: date("2025-12-31"), through: date("2026-06-30")), 4)
    }

    func testPayThirtyIsAnEventWhenTheShareOfTheOverdueIsPaidWithinThirtyDays() {
        let sampler = ObservationSampler(target: .pay30, asOf: date("2026-06-30"), since: date("2026-02-28"), payShare: 0.5, buckets: .standard)
        // March entry (overdue 100.00) paid in full 19 days later: an event. April entry (overdue
        // 100.00) followed by nothing: not an event.
        let account = ledger(payments: [("2026-01-10", 10_000), ("2026-02-09", 10_000), ("2026-03-30", 10_000)])
        let observations = sampler.observations(account, .none, monthEnds: [])
        XCTAssertEqual(observations.map(\.date), [date("2026-03-11"), date("2026-04-11")])
        XCTAssertEqual(observations.map(\.outcome), [true, false])
        XCTAssertEqual(observations[1].row.numbers[0], 1, "on the day of entry the unpaid due is one day past")
    }

    func testRollIsAnEventWhenTheNextMonthEndIsInAWorseBucket() {
        let sampler = ObservationSampler(target: .roll, asOf: date("2026-06-30"), since: date("2026-01-31"), payShare: 0.5, buckets: .standard)
        XCTAssertEqual(sampler.monthEnds, [date("2026-02-28"), date("2026-03-31"), date("2026-04-30"), date("2026-05-31")])
        // Paid January only: at February's end 18 DPD (16-30), March's 49 (31-60), April's 79
        // (61-90), May's 110 (91-180), June's 140 (still 91-180): the last month does not roll.
        let account = ledger(payments: [("2026-01-10", 10_000)])
        let observations = sampler.observations(account, .none, monthEnds: sampler.monthEnds)
        XCTAssertEqual(observations.map(\.outcome), [true, true, true, false])
        // Paying everything owed on 2026-04-15 cures it: March's end (31-60) does not roll, April's
        // end is current (no observation), and May's unpaid due rolls from 16-30 to 31-60.
        let cured = ledger(payments: [("2026-01-10", 10_000), ("2026-04-15", 30_000)])
        let curedObservations = sampler.observations(cured, .none, monthEnds: sampler.monthEnds)
        XCTAssertEqual(curedObservations.map(\.date), [date("2026-02-28"), date("2026-03-31"), date("2026-05-31")])
        XCTAssertEqual(curedObservations.map(\.outcome), [true, false, true])
    }

    func testFeaturesCountOnlyWhatHappenedBeforeTheDate() {
        var behaviour = CollectionBehaviour()
        behaviour.addPromise(madeOn: date("2026-04-01"), brokenOn: date("2026-04-08"))
        behaviour.addPromise(madeOn: date("2026-04-20"), brokenOn: nil)
        behaviour.addAttempt(on: date("2026-04-19"), rightParty: true)
        behaviour.addAttempt(on: date("2026-04-18"), rightParty: false)
        behaviour.addAttempt(on: date("2026-04-20"), rightParty: true)
        behaviour.seal()
        let account = ledger(payments: [("2026-01-10", 10_000), ("2026-02-09", 10_000)])
        let row = ScoringFeatures.row(account, behaviour, at: date("2026-04-20"))
        let value = { (name: String) in row.numbers[ScoringFeatures.numeric.firstIndex(of: name)!] }
        XCTAssertEqual(value("dpd"), 41)
        XCTAssertEqual(value("overdue_share"), 0.5, "200.00 overdue of 400.00 outstanding")
        XCTAssertEqual(value("outstanding"), 400)
        XCTAssertEqual(value("promises_90d"), 1, "the promise made on the day itself is not yet known")
        XCTAssertEqual(value("promises_broken_90d"), 1)
        XCTAssertEqual(value("attempts_30d"), 2)
        XCTAssertEqual(value("rpc_30d"), 1)
        XCTAssertEqual(value("payments_90d"), 1, "the 2026-02-09 payment; January's is older than 90 days")
        XCTAssertEqual(value("days_since_payment"), 70)
        XCTAssertEqual(row.categories, ["personal_loan", "C"])
    }
}
