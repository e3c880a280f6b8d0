import ArrearsCore
import XCTest

/// `ModelFit`: a CSV file in, a scorecard validated on held-out rows out.
final class ModelFitTests: XCTestCase {
    /// 200 rows: income (numeric, some missing), home (categorical), a 0/1 target.
    private func csv(target: (Int) -> String = { $0 % 3 == 0 || ($0 % 7 == 0) ? "1" : "0" }) -> String {
        var lines = ["id_text,income,home,defaulted"]
        for row in 0..<200 {
            let income = row % 17 == 0 ? "" : String(1000 + (row * 37) % 500 + (row % 3 == 0 ? 0 : 400))
            let home = row % 3 == 0 ? "\"rent, shared\"" : (row % 5 == 0 ? "parents" : "own")
            lines.append("r\(row),\(income),\(home),\(target(row))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testColumnsAreNumericWhenEveryValueIsANumberAndTheZeroOneTargetsEventIsOne() throws {
        let data = try ModelFitData(csv: csv(), target: "defaulted")
        XCTAssertEqual(data.features.map(\.name), ["id_text", "income", "home"])
        guard case .numeric(let income) = data.features[1].values, case .categorical(let home) = data.features[2].values else {
            return XCTFail("income is numeric, home categorical")
        }
        XCTAssertTrue(income[0].isNaN, "an empty value is missing")
        XCTAssertEqual(home[0], "rent, shared", "a quoted field keeps its comma")
        XCTAssertEqual(data.event, "1")
        XCTAssertEqual(data.outcomes.count { $0 }, (0..<200).count { $0 % 3 == 0 || $0 % 7 == 0 })
    }

    func testNAandNaNandNULLAreMissingLikeAnEmptyValue() throws {
        let text = "amount,kind,y\n1,a,0\nNA,NULL,1\nnan,na,0\n4,b,1\nNull,,0\n"
        let data = try ModelFitData(csv: text, target: "y")
        guard case .numeric(let amount) = data.features[0].values, case .categorical(let kind) = data.features[1].values else {
            return XCTFail("amount stays numeric, kind categorical")
        }
        XCTAssertEqual(amount.map(\.isNaN), [false, true, true, false, true])
        XCTAssertEqual(kind, ["a", "", "", "b", ""])
    }

    func testExcludedColumnsAreNotFeatures() throws {
        XCTAssertEqual(try ModelFitData(csv: csv(), target: "defaulted", exclude: ["id_text"]).features.map(\.name), ["income", "home"])
        XCTAssertThrowsError(try ModelFitData(csv: csv(), target: "defaulted", exclude: ["ID"])) { error in
            XCTAssertEqual((error as? ScorecardError)?.description, "the header has no column 'ID' to exclude")
        }
        let result = try ModelFit.run(csv: csv(), target: "defaulted", exclude: ["id_text"], seed: 3)
        XCTAssertEqual(result.scorecard.selection?.map(\.name), ["income", "home"])
    }

    func testTheSameSeedGivesTheSameSplitAndTheShareIsKept() throws {
        let first = try TrainTestSplit(rows: 1000, testShare: 0.25, seed: 9)
        XCTAssertEqual(first, try TrainTestSplit(rows: 1000, testShare: 0.25, seed: 9))
        XCTAssertNotEqual(first, try TrainTestSplit(rows: 1000, testShare: 0.25, seed: 10))
        XCTAssertEqual(first.test.count, 250)
        XCTAssertEqual(Set(first.train + first.test), Set(0..<1000))
    }

    func testAFitReportsTrainAndTestFiguresOnTheirRows() throws {
        let result = try ModelFit.run(csv: csv(), target: "defaulted", testShare: 0.25, seed: 3)
        XCTAssertEqual(result.train.count, 150)
        XCTAssertEqual(result.test.count, 50)
        XCTAssertGreaterThan(result.train.auc, 0.8, "home and income carry the target")
        XCTAssertEqual(result, try ModelFit.run(csv: csv(), target: "defaulted", testShare: 0.25, seed: 3))
        XCTAssertTrue(result.text().contains("Base points: \(result.scorecard.basePoints)"))
    }

    func testATargetOtherThanZeroOneNeedsTheEventNamed() throws {
        let text = csv { $0 % 3 == 0 ? "bad" : "good" }
        XCTAssertThrowsError(try ModelFitData(csv: text, target: "defaulted")) { error in
            XCTAssertEqual((error as? ScorecardError)?.description, "defaulted: the values are 'bad' and 'good', not 0 and 1; pass --event with the value that marks the event")
        }
        XCTAssertEqual(try ModelFitData(csv: text, target: "defaulted", event: "bad").outcomes.count { $0 }, 67)
        XCTAssertThrowsError(try ModelFitData(csv: text, target: "defaulted", event: "ugly")) { error in
            XCTAssertEqual(error as? ScorecardError, .unknownEvent(column: "defaulted", event: "ugly", values: ["bad", "good"]))
        }
    }

    func testAThirdTargetValueNamesItsRow() {
        let text = "x,y\n1,0\n2,1\n3,maybe\n"
        XCTAssertThrowsError(try ModelFitData(csv: text, target: "y")) { error in
            XCTAssertEqual((error as? ScorecardError)?.description, "row 4: y: a third value 'maybe'; the target must have exactly two values (seen '0' and '1')")
        }
    }

    func testBadFilesAreRejectedWithTheRowAndColumn() {
        let cases: [(String, ScorecardError)] = [
            ("", .emptyFile),
            ("x,y\n1,0\n", .targetSingleValue(column: "y", value: "0")),
            ("x,z\n1,0\n", .missingTargetColumn("y")),
            ("x,y\n1,0\n2,1,5\n", .wrongFieldCount(row: 3, expected: 2, actual: 3)),
            ("x,y\n\"1,0\n", .unterminatedQuote(row: 2)),
            ("x,y\n1,\n", .emptyTarget(row: 2, column: "y")),
            ("x,y,x\n1,0,2\n", .duplicateColumn("x")),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try ModelFitData(csv: text, target: "y"), text) { XCTAssertEqual($0 as? ScorecardError, expected) }
        }
        XCTAssertEqual(ScorecardError.wrongFieldCount(row: 3, expected: 2, actual: 3).description, "row 3: 3 fields, but the header has 2")
    }

    func testATestShareOutsideZeroToOneIsRejected() {
        XCTAssertThrowsError(try ModelFit.run(csv: csv(), target: "defaulted", testShare: 1)) { error in
            XCTAssertEqual(error as? ScorecardError, .invalidTestShare(1))
        }
    }
}
