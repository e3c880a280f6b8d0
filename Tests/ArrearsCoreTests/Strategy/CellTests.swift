import ArrearsCore
import XCTest

/// Champion/challenger cells: deterministic by customer id, stable, close to their percentages.
final class CellTests: XCTestCase {
    func testCellIsFNV1aOfSaltAndCustomerIdModuloTenThousand() {
        // Expected points computed independently: FNV-1a 64 of "arrears:<id>" mod 10,000.
        let strategy = StrategyFixture.strategy()
        let points = ["C000001": 2129, "C000006": 340, "C000007": 8551, "C000008": 8230, "C000010": 7, "C000002": 7496]
        for (id, point) in points {
            XCTAssertEqual(strategy.cell(forCustomer: id), point < 8_000 ? "champion" : "challenger", id)
        }
    }

    func testSameCustomerGetsTheSameCellInEveryStrategyInstanceAndVersion() {
        let first = StrategyFixture.strategy(version: "2026.1")
        let second = StrategyFixture.strategy(version: "2026.2")
        for index in 0..<1_000 {
            let id = "CUST-\(index)"
            XCTAssertEqual(first.cell(forCustomer: id), second.cell(forCustomer: id), id)
        }
    }

    func testCellsAreCloseToTheirPercentages() {
        let strategy = StrategyFixture.strategy()
        var counts: [String: Int] = [:]
        for index in 0..<100_000 { counts[strategy.cell(forCustomer: "C\(index)"), default: 0] += 1 }
        XCTAssertEqual(Double(counts["champion", default: 0]) / 1_000, 80, accuracy: 1)
        XCTAssertEqual(Double(counts["challenger", default: 0]) / 1_000, 20, accuracy: 1)
    }

    func testChangingTheSaltReshufflesCustomers() {
        let original = StrategyFixture.strategy()
        let resalted = StrategyFixture.strategy(cellSalt: "other")
        let moved = (0..<1_000).filter { original.cell(forCustomer: "C\($0)") != resalted.cell(forCustomer: "C\($0)") }
        XCTAssertGreaterThan(moved.count, 200)
    }

    func testChallengerGetsAnEarlyCallInsteadOfOnlySMS() {
        let challenger = StrategyFixture.facts(dpd: 8, id: StrategyFixture.challengerId)
        XCTAssertEqual(StrategyFixture.decide(challenger).cell, "challenger")
        XCTAssertEqual(StrategyFixture.actedTreatment(challenger), "early_call")
        XCTAssertEqual(StrategyFixture.actedTreatment(StrategyFixture.facts(dpd: 8)), "reminder_sms")
    }

    func testChallengerStillGetsSMSBeforeDayEight() {
        XCTAssertEqual(StrategyFixture.actedTreatment(StrategyFixture.facts(dpd: 7, id: StrategyFixture.challengerId)), "reminder_sms")
    }
}
