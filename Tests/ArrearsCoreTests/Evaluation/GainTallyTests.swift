import ArrearsCore
import XCTest

final class GainTallyTests: XCTestCase {
    /// Three customers who paid 100, 200 and 300 (s = 100): 600 ± 1.96 × 100 × √3 = 600 ± 339.48.
    func testACellsTotalHasTheNormalIntervalOfASumOverItsUnits() throws {
        var tally = GainTally(currency: .cny)
        tally.include(cell: "champion")
        for (paid, cost) in [(100.0, 5.0), (200, 5), (300, 5)] { tally.add(cell: "optimised", recovered: paid, cost: cost) }
        let gains = tally.gains
        XCTAssertEqual(gains.map(\.cell), ["champion", "optimised"])
        XCTAssertEqual(gains[0].cases, 0)
        XCTAssertEqual(gains[0].recovered, CellGain.Total(value: 0, low: 0, high: 0))
        let optimised = gains[1]
        XCTAssertEqual(optimised.cases, 3)
        XCTAssertEqual(optimised.recovered, CellGain.Total(value: 600, low: 261, high: 939))
        XCTAssertEqual(optimised.cost, CellGain.Total(value: 15, low: 15, high: 15))
        XCTAssertEqual(optimised.net, CellGain.Total(value: 585, low: 246, high: 924))
        XCTAssertEqual(optimised.fields, ["optimised", "3", "CNY", "6.00", "2.61", "9.39", "0.15", "0.15", "0.15", "5.85", "2.46", "9.24"])
        XCTAssertEqual(CellGain.columns.count, optimised.fields.count)
    }
}
