import ArrearsCore
import XCTest

/// The boosted trees' squared-error objective (issue 27's response models) on data whose right
/// answer is known.
final class GradientBoostingRegressorTests: XCTestCase {
    private func data(rows: Int, seed: UInt64) -> (features: [Feature], targets: [Double]) {
        var random = SeededGenerator(seed: seed)
        var x = [Double](), group = [String](), targets = [Double]()
        for _ in 0..<rows {
            let value = Double.random(in: 0..<100, using: &random)
            let category = ["a", "b", "c"][Int.random(in: 0..<3, using: &random)]
            x.append(value)
            group.append(category)
            targets.append(2 * value + (category == "b" ? 50 : 0) + Double.random(in: -10..<10, using: &random))
        }
        return ([Feature(name: "x", values: .numeric(x)), Feature(name: "group", values: .categorical(group))], targets)
    }

    private func predict(_ model: BoostedRegression, x: Double, group: String) -> Double {
        model.predictions(for: [Feature(name: "x", values: .numeric([x])), Feature(name: "group", values: .categorical([group]))])[0]
    }

    func testTheTreesLearnALinearAmountAndACategorysShift() throws {
        let (features, targets) = data(rows: 3000, seed: 4)
        let model = try GradientBoostingRegressor.fit(features, targets: targets)
        XCTAssertEqual(model.base, targets.reduce(0, +) / Double(targets.count), accuracy: 5, "the trees start from the mean")
        for (x, group, truth) in [(10.0, "a", 20.0), (50, "a", 100), (90, "a", 180), (50, "b", 150)] {
            XCTAssertEqual(predict(model, x: x, group: group), truth, accuracy: 12, "x \(x), group \(group)")
        }
        let (testFeatures, testTargets) = data(rows: 1000, seed: 5)
        let predictions = model.predictions(for: testFeatures)
        let meanSquaredError = zip(predictions, testTargets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 1000
        XCTAssertLessThan(meanSquaredError, 80, "close to the noise's variance (33) on new rows")
    }

    func testWeightsPullTheFitTowardsTheHeavyRows() throws {
        let features = [Feature(name: "x", values: .numeric(Array(repeating: 1, count: 200)))]
        let targets = (0..<200).map { $0 < 100 ? 0.0 : 100.0 }
        let weights = (0..<200).map { $0 < 100 ? 1.0 : 3.0 }
        let model = try GradientBoostingRegressor.fit(features, targets: targets, weights: weights, settings: GradientBoostingSettings(validationShare: 0))
        XCTAssertEqual(model.base, 75, accuracy: 1e-9, "the weighted mean: 300 of 400 weight at 100")
        XCTAssertEqual(model.predictions(for: features)[0], 75, accuracy: 1)
    }

    func testNonFiniteTargetsAndWeightsAreRefused() {
        let features = [Feature(name: "x", values: .numeric([1, 2]))]
        XCTAssertThrowsError(try GradientBoostingRegressor.fit(features, targets: [1, .nan]))
        XCTAssertThrowsError(try GradientBoostingRegressor.fit(features, targets: [1, 2], weights: [1, 0]))
        XCTAssertThrowsError(try GradientBoostingRegressor.fit([], targets: []))
    }
}
