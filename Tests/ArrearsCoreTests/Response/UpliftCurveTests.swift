import ArrearsCore
import XCTest

/// The uplift measures of issue 27's report: Qini coefficient and uplift at the top shares.
final class UpliftCurveTests: XCTestCase {
    /// Half the rows treated at random; the treatment adds `effect[i]` to a noisy base.
    private func rows(_ n: Int, seed: UInt64) -> (effect: [Double], treated: [Bool], outcomes: [Double]) {
        var random = SeededGenerator(seed: seed)
        var effect = [Double](), treated = [Bool](), outcomes = [Double]()
        for _ in 0..<n {
            let e = Double.random(in: 0..<1, using: &random) < 0.2 ? 100.0 : 0
            let t = Bool.random(using: &random)
            effect.append(e)
            treated.append(t)
            outcomes.append(Double.random(in: 0..<50, using: &random) + (t ? e : 0))
        }
        return (effect, treated, outcomes)
    }

    func testAPerfectRankingHasAQiniFarAboveARandomOne() {
        let (effect, treated, outcomes) = rows(4000, seed: 11)
        let weights = Array(repeating: 1.0, count: effect.count)
        var random = SeededGenerator(seed: 12)
        let perfect = UpliftCurve(scores: effect, treated: treated, outcomes: outcomes, weights: weights)
        let shuffled = UpliftCurve(scores: effect.map { _ in Double.random(in: 0..<1, using: &random) }, treated: treated, outcomes: outcomes, weights: weights)
        XCTAssertGreaterThan(perfect.qiniCoefficient, 5, "targeting the 20% who respond gains most of the 20 per case early")
        XCTAssertLessThan(abs(shuffled.qiniCoefficient), 2, "a random ranking gains what random targeting does")
        XCTAssertEqual(perfect.uplift(atTop: 0.1) ?? 0, 100, accuracy: 6, "the top 10% all respond")
        XCTAssertEqual(perfect.uplift(atTop: 1) ?? 0, 20, accuracy: 4, "over everyone, a fifth respond by 100")
        XCTAssertEqual(perfect.gains.count, 4000)
    }

    func testWeightsCountRowsAsInversePropensities() {
        // Two treated at 10 (weight 1 each) and one control at 0: uplift 10 whatever the weights.
        let curve = UpliftCurve(scores: [3, 2, 1], treated: [true, true, false], outcomes: [10, 10, 0], weights: [1, 4, 2])
        XCTAssertNil(curve.uplift(atTop: 0.34), "no control in the top row yet")
        XCTAssertEqual(curve.uplift(atTop: 1), 10)
        let weighted = UpliftCurve(scores: [3, 2, 1], treated: [true, true, false], outcomes: [0, 20, 0], weights: [1, 3, 2])
        XCTAssertEqual(weighted.uplift(atTop: 1) ?? 0, 15, accuracy: 1e-12, "(0·1 + 20·3)/4 − 0")
    }
}
