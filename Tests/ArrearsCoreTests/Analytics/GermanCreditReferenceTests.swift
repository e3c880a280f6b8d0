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

/// The German Credit scorecard out of sample: five folds by row number (row i in fold i % 5),
/// each fold binned and fitted on the other four and validated on itself, against scikit-learn's
/// logistic regression on one-hot and standardised columns on the same folds
/// (scripts/reference/german_credit_out_of_sample.py, germancredit_out_of_sample.json).
final class GermanCreditOutOfSampleTests: XCTestCase {
    private struct Reference: Decodable {
        let folds: Int
        let foldAucs: [Double]
        let meanAuc: Double
    }

    func testTheScorecardValidatesOutOfSampleAsWellAsScikitLearnsLogisticRegression() throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let reference = try decoder.decode(Reference.self, from: Data(contentsOf: ScorecardFixture.fixture("germancredit_out_of_sample.json")))
        let csv = try String(contentsOf: ScorecardFixture.fixture("germancredit.csv"), encoding: .utf8)
        let data = try ModelFitData(csv: csv, target: "creditability", event: "bad")
        var aucs: [Double] = []
        for fold in 0..<reference.folds {
            let rows = Array(data.outcomes.indices)
            let train = rows.filter { $0 % reference.folds != fold }, test = rows.filter { $0 % reference.folds == fold }
            let scorecard = try ScorecardTrainer.fit(data.features.map { $0.rows(train) }, outcomes: train.map { data.outcomes[$0] })
            let testFeatures = data.features.map { $0.rows(test) }, testOutcomes = test.map { data.outcomes[$0] }
            let validation = ModelValidation(probabilities: scorecard.probabilities(for: testFeatures), outcomes: testOutcomes)
            XCTAssertEqual(validation.gini, 2 * validation.auc - 1, accuracy: 1e-12)
            XCTAssertGreaterThan(validation.ks, 0.3, "fold \(fold)")
            // Calibration: on held-out rows the predicted and observed default rates agree.
            let predicted = validation.deciles.reduce(0) { $0 + $1.meanPredicted * Double($1.count) } / Double(validation.count)
            XCTAssertEqual(predicted, Double(validation.events) / Double(validation.count), accuracy: 0.05, "fold \(fold)")
            XCTAssertLessThan(validation.deciles.first?.observedRate ?? 1, validation.deciles.last?.observedRate ?? 0, "fold \(fold): the riskiest tenth defaults more")
            aucs.append(validation.auc)
        }
        let mean = aucs.reduce(0, +) / Double(aucs.count)
        XCTAssertGreaterThanOrEqual(mean, reference.meanAuc - 0.01, "mean held-out AUC \(aucs) against scikit-learn's \(reference.foldAucs)")
    }
}
