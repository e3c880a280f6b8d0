import ArrearsCore
import Foundation
import XCTest

/// The scorecard on the public German Credit data (UCI Statlog, CC BY 4.0; see
/// Tests/Fixtures/scorecard/README.md) against scikit-learn's logistic regression on the same
/// WoE features. The expected numbers come from scripts/reference/german_credit_sklearn.py.
///
/// Record step (only when the binning changes on purpose): run this test with
/// ARREARS_RECORD_SCORECARD_REFERENCE=1 to rewrite germancredit_woe.csv, then run the script.
final class GermanCreditReferenceTests: XCTestCase {
    private struct Reference: Decodable {
        let columns: [String]
        let coefficients: [Double]
        let intercept: Double
        let auc: Double
        let l2: Double
    }

    private func germanCredit() throws -> (ModelFitData, Scorecard) {
        let csv = try String(contentsOf: ScorecardFixture.fixture("germancredit.csv"), encoding: .utf8)
        let data = try ModelFitData(csv: csv, target: "creditability", event: "bad")
        return (data, try ScorecardTrainer.fit(data.features, outcomes: data.outcomes))
    }

    func testTheWoEFeaturesAreThoseRecorded() throws {
        let (data, scorecard) = try germanCredit()
        let matrix = scorecard.designMatrix(for: data.features)
        let file = ScorecardFixture.fixture("germancredit_woe.csv")
        if ProcessInfo.processInfo.environment["ARREARS_RECORD_SCORECARD_REFERENCE"] == "1" {
            var lines = [(matrix.columnNames + ["event"]).joined(separator: ",")]
            for row in 0..<matrix.rows {
                lines.append(((0..<matrix.columns).map { String(matrix[row, $0]) } + [data.outcomes[row] ? "1" : "0"]).joined(separator: ","))
            }
            try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            throw XCTSkip("recorded \(file.path)")
        }
        let recorded = try CSVTable(parsing: String(contentsOf: file, encoding: .utf8))
        XCTAssertEqual(recorded.header, matrix.columnNames + ["event"])
        XCTAssertEqual(recorded.records.count, 1000)
        for (row, record) in recorded.records.enumerated() {
            for column in 0..<matrix.columns {
                XCTAssertEqual(matrix[row, column], try XCTUnwrap(Double(record[column])), accuracy: 1e-9, "row \(row), \(matrix.columnNames[column])")
            }
            XCTAssertEqual(record[matrix.columns], data.outcomes[row] ? "1" : "0")
        }
    }

    func testTheLogisticFitAgreesWithScikitLearn() throws {
        let (data, scorecard) = try germanCredit()
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: ScorecardFixture.fixture("germancredit_sklearn.json")))
        XCTAssertEqual(reference.l2, scorecard.settings.l2)
        let matrix = scorecard.designMatrix(for: data.features)
        XCTAssertEqual(reference.columns, matrix.columnNames)
        let fit = try LogisticRegression.fit(matrix, outcomes: data.outcomes, l2: scorecard.settings.l2)
        XCTAssertEqual(fit.intercept, reference.intercept, accuracy: 1e-4)
        XCTAssertEqual(scorecard.intercept, reference.intercept, accuracy: 1e-4)
        for (column, expected) in reference.coefficients.enumerated() {
            XCTAssertEqual(fit.coefficients[column], expected, accuracy: 1e-4, reference.columns[column])
            XCTAssertEqual(scorecard.features[column].coefficient, expected, accuracy: 1e-4, reference.columns[column])
        }
        let validation = ModelValidation(probabilities: scorecard.probabilities(for: data.features), outcomes: data.outcomes)
        XCTAssertEqual(validation.auc, reference.auc, accuracy: 0.001)
    }
}
