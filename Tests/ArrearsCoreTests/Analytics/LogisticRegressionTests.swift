import ArrearsCore
import Foundation
import XCTest

/// Newton/IRLS logistic regression with an unpenalised intercept and a ridge penalty.
final class LogisticRegressionTests: XCTestCase {
    /// x = 0: 10 events in 30 rows; x = 1: 15 events in 20 rows.
    private let x = [Double](repeating: 0, count: 30) + [Double](repeating: 1, count: 20)
    private let outcomes = (0..<30).map { $0 < 10 } + (0..<20).map { $0 < 15 }

    func testOneBinaryFeatureFitsTheEmpiricalLogOdds() throws {
        let fit = try LogisticRegression.fit(DesignMatrix(columnNames: ["x"], rows: 50, values: x), outcomes: outcomes, l2: 0)
        XCTAssertEqual(fit.intercept, log(10.0 / 20), accuracy: 1e-9)
        XCTAssertEqual(fit.intercept + fit.coefficients[0], log(15.0 / 5), accuracy: 1e-9)
    }

    func testTheRidgePenaltyShrinksTheCoefficientButNotTheIntercept() throws {
        let matrix = DesignMatrix(columnNames: ["x"], rows: 50, values: x)
        let free = try LogisticRegression.fit(matrix, outcomes: outcomes, l2: 0)
        let penalised = try LogisticRegression.fit(matrix, outcomes: outcomes, l2: 5)
        XCTAssertLessThan(penalised.coefficients[0], free.coefficients[0])
        XCTAssertGreaterThan(penalised.coefficients[0], 0)
        // At the optimum the intercept's gradient is zero: predicted events equal observed events.
        let predicted = x.reduce(0) { $0 + LogisticRegression.probability(logOdds: penalised.intercept + penalised.coefficients[0] * $1) }
        XCTAssertEqual(predicted, 25, accuracy: 1e-7)
    }

    func testASingleWoEFeatureGetsCoefficientOneAndTheOverallLogOdds() throws {
        let groups = ScorecardFixture.rows("A", count: 30, events: 10) + ScorecardFixture.rows("B", count: 20, events: 15)
            + ScorecardFixture.rows("C", count: 25, events: 5)
        let (features, outcomes) = ScorecardFixture.categorical(groups)
        let scorecard = try ScorecardTrainer.fit(features, outcomes: outcomes, settings: ScorecardFixture.keepEverything)
        XCTAssertEqual(scorecard.features[0].coefficient, 1, accuracy: 1e-9)
        XCTAssertEqual(scorecard.intercept, log(30.0 / 45), accuracy: 1e-9)
    }

    func testAFeatureThatSeparatesTheEventsPerfectlyDoesNotConvergeWithoutAPenalty() {
        let matrix = DesignMatrix(columnNames: ["x"], rows: 4, values: [0, 0, 1, 1])
        XCTAssertThrowsError(try LogisticRegression.fit(matrix, outcomes: [false, false, true, true], l2: 0, maxIterations: 30)) { error in
            XCTAssertEqual(error as? ScorecardError, .didNotConverge(iterations: 30))
        }
        XCTAssertNoThrow(try LogisticRegression.fit(matrix, outcomes: [false, false, true, true], l2: 1))
    }

    func testTwoIdenticalColumnsCannotBeSolvedWithoutAPenalty() {
        let matrix = DesignMatrix(columnNames: ["x", "y"], rows: 50, values: x.flatMap { [$0, $0] })
        XCTAssertThrowsError(try LogisticRegression.fit(matrix, outcomes: outcomes, l2: 0)) { error in
            XCTAssertEqual(error as? ScorecardError, .singularSystem)
        }
    }
}
