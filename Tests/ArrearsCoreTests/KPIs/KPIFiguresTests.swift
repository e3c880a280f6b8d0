import ArrearsCore
import XCTest

final class KPIFiguresTests: XCTestCase {
    private let costs = ChannelCosts(currency: .cny, unitMinor: [.sms: 5, .call: 300, .visit: 8_000])

    /// 10 cases, 3 cured; overdue at entry 100,000, recovered 25,000; 40 attempts, 8 RPCs,
    /// 6 promises, 5 settled of which 2 kept and 1 partly; 3 ratings 5, 4, 2; 1 complaint from
    /// 20 customers contacted; 100 SMS, 30 calls, 1 visit.
    private func tally() -> KPITally {
        var tally = KPITally(currency: "CNY")
        tally.casesWorked = 10
        tally.casesCured = 3
        tally.overdueAtEntryMinor = 100_000
        tally.recoveredMinor = 25_000
        tally.overdueMinor = 30_000
        tally.outstandingMinor = 1_200_000
        tally.attempts = 40
        tally.rightPartyContacts = 8
        tally.promisesMade = 6
        tally.promisesSettled = 5
        tally.promisesKept = 2
        tally.promisesPartlyKept = 1
        tally.ratings = 3
        tally.ratingSum = 11
        tally.ratingsHigh = 2
        tally.customersContacted = 20
        tally.complaints = 1
        tally.work = [.sms: 100, .call: 30, .visit: 1]
        return tally
    }

    func testRatesFollowTheirFormulas() throws {
        let figures = KPIFigures(tally(), costs: costs)
        XCTAssertEqual(figures.cureRate, 0.3)
        XCTAssertEqual(figures.recoveryRate, 0.25)
        XCTAssertEqual(figures.delinquencyRate, 0.025)
        XCTAssertEqual(figures.rightPartyContactRate, 0.2)
        XCTAssertEqual(figures.contactsPerRightPartyContact, 5)
        XCTAssertEqual(figures.promiseRate, 0.75)
        XCTAssertEqual(figures.promiseKeptRate, 0.4)
        XCTAssertEqual(figures.promisePartlyKeptRate, 0.2)
        XCTAssertEqual(try XCTUnwrap(figures.ratingMean), 11.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(figures.ratingHighShare), 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(figures.complaintRate, 0.05)
    }

    func testCostIsCountTimesUnitCost() {
        // 100 × 5 + 30 × 300 + 1 × 8,000 = 500 + 9,000 + 8,000 = 17,500; per unit recovered
        // 17,500 / 25,000 = 0.7; net 25,000 − 17,500 = 7,500.
        let figures = KPIFigures(tally(), costs: costs)
        XCTAssertEqual(figures.costByChannelMinor, ["sms": 500, "call": 9_000, "visit": 8_000])
        XCTAssertEqual(figures.costMinor, 17_500)
        XCTAssertEqual(figures.costPerUnitRecovered, 0.7)
        XCTAssertEqual(figures.netRecoveryMinor, 7_500)
    }

    func testCostsInAnotherCurrencyAreNotMixedIn() {
        var usd = tally()
        usd.currency = "USD"
        let figures = KPIFigures(usd, costs: costs)
        XCTAssertNil(figures.costMinor)
        XCTAssertNil(figures.netRecoveryMinor)
        XCTAssertEqual(figures.workByChannel["call"], 30)
    }

    func testEmptyDenominatorsGiveNoRate() {
        let figures = KPIFigures(KPITally(currency: "CNY"), costs: costs)
        XCTAssertNil(figures.cureRate)
        XCTAssertNil(figures.recoveryRate)
        XCTAssertNil(figures.delinquencyRate)
        XCTAssertNil(figures.contactsPerRightPartyContact)
        XCTAssertNil(figures.promiseKeptRate)
        XCTAssertNil(figures.costPerUnitRecovered)
    }

    func testChallengerComparedWithChampion() throws {
        var champion = KPITally(currency: "CNY")
        champion.casesWorked = 100
        champion.casesCured = 40
        champion.recovery = RatioEstimate(units: [(100, 50), (200, 100), (100, 30)])
        var challenger = KPITally(currency: "CNY")
        challenger.casesWorked = 100
        challenger.casesCured = 60
        challenger.recovery = RatioEstimate(units: [(100, 80), (100, 60)])
        // A minimum of 2 cases, so that these few are tested at all (`CellComparisonTests`).
        let cells = CellComparison.compare(["challenger": challenger, "champion": champion], champion: "champion", costs: costs,
                                           plan: ComparisonPlan(minimumCases: 2))
        XCTAssertEqual(cells.map(\.cell), ["champion", "challenger"])
        XCTAssertTrue(cells[0].isChampion)
        XCTAssertNil(cells[0].cureRate.versusChampion)
        // The cure rates of testTwoProportionZTest and the recovery of testWelchTestOfTwoRecoveryRates.
        XCTAssertEqual(try XCTUnwrap(cells[1].cureRate.pValue), 0.004678, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(cells[1].recoveryRate.pValue), 0.0301, accuracy: 1e-4)
        XCTAssertNil(cells[1].promiseKeptRate.versusChampion, "no promises settled on either side")
        XCTAssertEqual(cells[1].recoveryRate.adjustedPValue, cells[1].recoveryRate.pValue, "one challenger: nothing to correct")
        XCTAssertTrue(cells[1].significant, "on the recovery rate, the primary measure by default")
        XCTAssertEqual(try XCTUnwrap(cells[1].cureRate.interval).lower, 0.5020, accuracy: 1e-4)
    }
}
