import ArrearsCore
import XCTest

/// The rule of thumb optimised cells value channels by while no response model is active
/// (docs/optimisation-deciding.md, "Expected repayments").
final class BaselineRepaymentForecastTests: XCTestCase {
    let response = BaselineRepaymentForecast()

    func facts(rating: CreditRating = .c, dpd: Int = 40, overdueYuan: Int64 = 10_000, score: Int? = nil) -> CaseFacts {
        CaseFacts(customerId: "C1", creditRating: rating, daysPastDue: dpd, overdueMinor: overdueYuan * 100, outstandingMinor: overdueYuan * 400, score: score)
    }

    func testAContactIsWorthMoreThanNoneAndAVisitMostThenACall() {
        let standard = facts()
        let none = response.expectedRepayment(standard, segment: .standard, channel: nil, horizonDays: 30)
        // Rating C at 40 days: 0.25 × 0.6 = 0.15 without contact; a visit adds 0.85 × 0.235.
        XCTAssertEqual(none, 150_000)
        XCTAssertEqual(response.expectedRepayment(standard, segment: .standard, channel: .visit, horizonDays: 30), 349_750)
        let values = [Channel.visit, .call, .letter, .sms, .email].map { response.expectedRepayment(standard, segment: .standard, channel: $0, horizonDays: 30) }
        XCTAssertEqual(values, values.sorted(by: >), "visit, call, letter, SMS, e-mail")
        XCTAssertEqual(response.expectedRepayment(standard, segment: .standard, channel: .legalReview, horizonDays: 30), none,
                       "a legal review contacts nobody")
    }

    func testHighRiskRespondsLessAndALongerHorizonExpectsMore() {
        let standard = response.expectedRepayment(facts(), segment: .standard, channel: .call, horizonDays: 30)
        let highRisk = response.expectedRepayment(facts(), segment: .highRisk, channel: .call, horizonDays: 30)
        XCTAssertLessThan(highRisk, standard)
        XCTAssertGreaterThan(response.expectedRepayment(facts(), segment: .standard, channel: nil, horizonDays: 90),
                             response.expectedRepayment(facts(), segment: .standard, channel: nil, horizonDays: 30))
    }

    func testTheScoreDecidesTheChanceWithoutContactWhenThereIsOne() {
        // 600 points: odds of 50:1 of paying within 30 days.
        XCTAssertEqual(BaselineRepaymentForecast.chanceWithoutContact(facts(score: 600), horizonDays: 30), 50.0 / 51.0, accuracy: 1e-9)
        XCTAssertLessThan(BaselineRepaymentForecast.chanceWithoutContact(facts(score: 450), horizonDays: 30),
                          BaselineRepaymentForecast.chanceWithoutContact(facts(score: 500), horizonDays: 30))
        XCTAssertEqual(response.expectedRepayment(facts(overdueYuan: 0), segment: .standard, channel: .visit, horizonDays: 30), 0)
    }

    func testATabledForecastAnswersFromItsTableAndFallsBackToTheBaselineForWhatItLacks() {
        let tabled = TabledRepaymentForecast(name: "response-v3", answers: ["C1": [nil: 1_000, .call: 5_000, .sms: -20]])
        XCTAssertEqual(tabled.expectedRepayment(facts(), segment: .standard, channel: nil, horizonDays: 30), 1_000)
        XCTAssertEqual(tabled.expectedRepayment(facts(), segment: .standard, channel: .call, horizonDays: 30), 5_000)
        XCTAssertEqual(tabled.expectedRepayment(facts(), segment: .standard, channel: .sms, horizonDays: 30), 0, "never below nothing")
        XCTAssertEqual(tabled.expectedRepayment(facts(), segment: .standard, channel: .visit, horizonDays: 30),
                       response.expectedRepayment(facts(), segment: .standard, channel: .visit, horizonDays: 30), "a channel the model lacks")
        var stranger = facts()
        stranger.customerId = "C2"
        XCTAssertEqual(tabled.expectedRepayment(stranger, segment: .standard, channel: nil, horizonDays: 30),
                       response.expectedRepayment(stranger, segment: .standard, channel: nil, horizonDays: 30))
    }
}
