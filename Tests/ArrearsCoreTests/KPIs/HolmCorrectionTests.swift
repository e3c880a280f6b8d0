import ArrearsCore
import XCTest

/// Holm's step-down correction against worked examples.
final class HolmCorrectionTests: XCTestCase {
    func testTheFourHypothesesOfTheTextbookExample() {
        // The example of the Holm–Bonferroni method's usual presentation: p = 0.01, 0.04, 0.03,
        // 0.005 at α = 0.05. Sorted, 0.005 < 0.05/4 and 0.01 < 0.05/3 are rejected, 0.03 > 0.05/2
        // stops the procedure. Adjusted: 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, and
        // max(0.06, 1·0.04) = 0.06.
        let adjusted = HolmCorrection.adjust([0.01, 0.04, 0.03, 0.005])
        for (value, expected) in zip(adjusted, [0.03, 0.06, 0.06, 0.02]) {
            XCTAssertEqual(try XCTUnwrap(value), expected, accuracy: 1e-12)
        }
        XCTAssertEqual(adjusted.map { ($0 ?? 1) < 0.05 }, [true, false, false, true], "H1 and H4 are rejected, H2 and H3 are not")
    }

    func testSixPValuesAsRsPAdjustGivesThem() {
        // p.adjust(c(0.01, 0.04, 0.20, 0.03, 0.005, 0.07), method = "holm") in R:
        // 0.05 0.12 0.20 0.12 0.03 0.14.
        let adjusted = HolmCorrection.adjust([0.01, 0.04, 0.20, 0.03, 0.005, 0.07])
        for (value, expected) in zip(adjusted, [0.05, 0.12, 0.20, 0.12, 0.03, 0.14]) {
            XCTAssertEqual(try XCTUnwrap(value), expected, accuracy: 1e-12)
        }
    }

    func testAnUntestedHypothesisStillCountsInTheFamilyAndAdjustedValuesStopAtOne() {
        let adjusted = HolmCorrection.adjust([0.01, nil, 0.6])
        XCTAssertEqual(try XCTUnwrap(adjusted[0]), 0.03, accuracy: 1e-12, "m is 3, not 2")
        XCTAssertNil(adjusted[1])
        XCTAssertEqual(adjusted[2], 1)
        XCTAssertEqual(HolmCorrection.adjust([]), [])
        XCTAssertEqual(HolmCorrection.adjust([0.04]), [0.04], "one comparison is not corrected")
    }
}
