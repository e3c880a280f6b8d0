import ArrearsCore
import ArrearsWorkflows
import XCTest

/// `config/legal.yaml`: the legal time gates, read with the one field reader.
final class LegalConfigTests: XCTestCase {
    func testTheShippedFileWaitsForThePayByDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let gates = try LegalConfig.load(fromDirectory: root.appendingPathComponent("config").path)
        XCTAssertEqual(gates, LegalTimeGates(minimumDaysBetweenStages: 0, filingAfterPayBy: true))
        XCTAssertEqual(try LegalConfig.load(fromDirectory: root.appendingPathComponent("Sources").path), .standard, "no file: the standard gates")
    }

    func testTheGatesAreRead() throws {
        let gates = try LegalConfig.parse("filing_after_pay_by: false\nminimum_days_between_stages: 14\n", file: "legal.yaml")
        XCTAssertEqual(gates, LegalTimeGates(minimumDaysBetweenStages: 14, filingAfterPayBy: false))
    }

    func testABadValueNamesTheFileTheLineAndTheField() {
        for (text, expected) in [
            ("filing_after_pay_by: true\nminimum_days_between_stages: -1\n", "legal.yaml:2: minimum_days_between_stages must be a whole number from 0 to 365"),
            ("filing_after_pay_by: soon\n", "legal.yaml:1: filing_after_pay_by must be true or false"),
            ("filing_after_pay_by: true\nminimum_days: 3\n", "legal.yaml:2: unknown key 'minimum_days' (expected filing_after_pay_by, minimum_days_between_stages)"),
        ] {
            XCTAssertThrowsError(try LegalConfig.parse(text, file: "legal.yaml")) { error in
                XCTAssertEqual((error as? ConfigError)?.description, expected)
            }
        }
    }
}
