import ArrearsCore
import XCTest

final class TransitionMatrixTests: XCTestCase {
    /// Four accounts between two month ends, buckets current, 1-30, 31+:
    /// A current → current (balance 1,000), B current → 1-30 (2,000),
    /// C 1-30 → current (500), D 1-30 → 31+ (1,500).
    private func fourAccounts() -> TransitionMatrix {
        var matrix = TransitionMatrix(buckets: ["current", "1-30", "31+"])
        matrix.add(from: "current", to: "current", accounts: 1, balance: 1_000)
        matrix.add(from: "current", to: "1-30", accounts: 1, balance: 2_000)
        matrix.add(from: "1-30", to: "current", accounts: 1, balance: 500)
        matrix.add(from: "1-30", to: "31+", accounts: 1, balance: 1_500)
        return matrix
    }

    func testCountsAndBalancesLandInTheirCells() {
        let matrix = fourAccounts()
        XCTAssertEqual(matrix.counts, [[1, 1, 0], [1, 0, 1], [0, 0, 0]])
        XCTAssertEqual(matrix.balances, [[1_000, 2_000, 0], [500, 0, 1_500], [0, 0, 0]])
    }

    func testRollRateIsTheShareOfBalanceMovingToAWorseBucket() throws {
        let matrix = fourAccounts()
        // current: 2,000 of 3,000 rolled; 1-30: 1,500 of 2,000 rolled, 500 of 2,000 cured.
        XCTAssertEqual(try XCTUnwrap(matrix.rollRate(from: 0)), 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(matrix.rollRate(from: 1)), 0.75, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(matrix.cureRate(from: 1)), 0.25, accuracy: 1e-12)
        XCTAssertNil(matrix.rollRate(from: 2), "nothing started in 31+")
    }

    func testMonthsAddUpAndUnknownBucketsAreRefused() {
        var matrix = fourAccounts()
        XCTAssertFalse(matrix.add(from: "91+", to: "current", accounts: 1, balance: 7))
        let twice = matrix + fourAccounts()
        XCTAssertEqual(twice.counts[0][1], 2)
        XCTAssertEqual(twice.balances[1][2], 3_000)
    }
}
