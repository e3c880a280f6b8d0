import ArrearsCore
import XCTest

/// Champion/challenger verdicts: one primary measure, Holm's correction across the challengers,
/// and no verdict below the minimum sample.
final class CellComparisonTests: XCTestCase {
    private let costs = ChannelCosts(currency: .cny, unitMinor: [:])

    private func tally(cases: Int, cured: Int, recovery: [(x: Double, y: Double)] = []) -> KPITally {
        var tally = KPITally(currency: "CNY")
        tally.casesWorked = cases
        tally.casesCured = cured
        tally.recovery = RatioEstimate(units: recovery)
        return tally
    }

    func testTheChallengersAreCorrectedTogetherByHolmsMethod() throws {
        // Cure rates 100/400 (champion), 125/400 (a) and 110/400 (b). Alone, a's z = 1.966 gives
        // p = 0.0493 < 0.05; with two challengers Holm doubles the smallest p: 0.0986, and b keeps
        // its own 0.4217 (the larger of 0.0986 and 1·0.4217).
        let cells = CellComparison.compare(["champion": tally(cases: 400, cured: 100), "a": tally(cases: 400, cured: 125),
                                            "b": tally(cases: 400, cured: 110)],
                                           champion: "champion", costs: costs, plan: ComparisonPlan(primary: .cureRate))
        XCTAssertEqual(cells.map(\.cell), ["champion", "a", "b"])
        let a = cells[1].cureRate, b = cells[2].cureRate
        XCTAssertEqual(try XCTUnwrap(a.pValue), 0.0493, accuracy: 1e-4)
        XCTAssertEqual(try XCTUnwrap(a.adjustedPValue), 2 * (try XCTUnwrap(a.pValue)), accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(b.adjustedPValue), 0.4217, accuracy: 1e-4)
        XCTAssertFalse(cells[1].significant, "significant alone, not among two challengers")
        XCTAssertTrue(cells.allSatisfy(\.hasEnoughData))
        XCTAssertNil(cells[0].cureRate.adjustedPValue, "the champion is not tested against itself")
        XCTAssertFalse(cells[1].recoveryRate.hasEnoughData, "no recovery data: a secondary without a verdict")
        XCTAssertNil(cells[1].recoveryRate.adjustedPValue)
    }

    func testOnlyThePrimaryMeasureDecides() throws {
        // Recovery rates 0.4 in both cells over 40 cases each; cure rates 100/400 against 160/400.
        let same = Array(repeating: (x: 1000.0, y: 800.0), count: 20) + Array(repeating: (x: 1000.0, y: 0.0), count: 20)
        let tallies = ["champion": tally(cases: 400, cured: 100, recovery: same), "challenger": tally(cases: 400, cured: 160, recovery: same)]
        let byRecovery = CellComparison.compare(tallies, champion: "champion", costs: costs)
        XCTAssertEqual(byRecovery[1].primary, .recoveryRate, "the recovery rate unless the strategy says otherwise")
        XCTAssertTrue(byRecovery[1].cureRate.isSignificant, "the secondary's own Holm-adjusted test")
        XCTAssertEqual(try XCTUnwrap(byRecovery[1].recoveryRate.adjustedPValue), 1, accuracy: 1e-12)
        XCTAssertFalse(byRecovery[1].significant, "a secondary difference does not make the challenger different")

        let byCure = CellComparison.compare(tallies, champion: "champion", costs: costs, plan: ComparisonPlan(primary: .cureRate))
        XCTAssertTrue(byCure[1].significant)
    }

    func testSmallCellsGetNoIntervalNoTestAndTheCasesTheyNeed() throws {
        // Champion: 12 cases, 3 cured, recovering 800 or 0 of 1,000 by turns (R = 0.4); challenger:
        // 8 cases, 4 cured, 1,000 or 200 of 1,000 (R = 0.6). Both below 30 cases.
        let champion = tally(cases: 12, cured: 3, recovery: Array(repeating: [(x: 1000.0, y: 800.0), (x: 1000.0, y: 0.0)], count: 6).flatMap { $0 })
        let challenger = tally(cases: 8, cured: 4, recovery: Array(repeating: [(x: 1000.0, y: 1000.0), (x: 1000.0, y: 200.0)], count: 4).flatMap { $0 })
        let cells = CellComparison.compare(["champion": champion, "challenger": challenger], champion: "champion", costs: costs)
        for cell in cells {
            XCTAssertFalse(cell.hasEnoughData, cell.cell)
            XCTAssertNil(cell.recoveryRate.interval, "no interval from \(cell.recoveryRate.units) cases")
            XCTAssertNil(cell.cureRate.interval)
            XCTAssertNil(cell.recoveryRate.versusChampion)
            XCTAssertFalse(cell.significant)
        }
        XCTAssertEqual(cells[1].recoveryRate.rate, 0.6)
        // Recovery: per-case variances Σ(y − Rx)²/((n − 1)·x̄²) = 1.92e6/11e6 = 0.17455 and
        // 1.28e6/7e6 = 0.18286; (1.96 + 0.8416)²·0.35740 / 0.2² = 70.1, so 71 cases a cell.
        XCTAssertEqual(cells[1].recoveryRate.unitsNeeded, 71)
        // Cure 25% against 50%: the two-proportion formula gives 57.7, so 58 cases a cell (more
        // than the 30 of the minimum and the 40 that ten cures at 25% take).
        XCTAssertEqual(cells[1].cureRate.unitsNeeded, 58)
        XCTAssertNil(cells[0].recoveryRate.unitsNeeded, "the champion needs no comparison")
    }

    func testTheMinimumCountsSuccessesAndFailuresOfAProportion() {
        // 40 cases with 5 cures: 40 ≥ 30, but 5 cures are too few for the normal approximation.
        let cells = CellComparison.compare(["champion": tally(cases: 40, cured: 5), "challenger": tally(cases: 400, cured: 100)],
                                           champion: "champion", costs: costs, plan: ComparisonPlan(primary: .cureRate, minimumCases: 30))
        XCTAssertFalse(cells[0].hasEnoughData)
        XCTAssertFalse(cells[1].hasEnoughData, "the champion's sample is too small to compare with")
        XCTAssertNotNil(cells[1].cureRate.interval, "the challenger's own interval stands")
        XCTAssertNil(cells[1].cureRate.versusChampion)
        // 12.5% against 25%: the power formula gives 152 a cell, and ten cures at 12.5% take 80.
        XCTAssertEqual(cells[1].cureRate.unitsNeeded, 152)
    }
}
