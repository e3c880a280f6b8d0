import ArrearsCore
@testable import ArrearsStore
import Foundation
import XCTest

/// The reasons the daily run writes by hand read back as `JSONDecoder` reads them, whatever a
/// category or a feature name holds.
final class ScoreReasonsJSONTests: XCTestCase {
    func testHandWrittenReasonsDecodeToWhatWasWritten() throws {
        let reasons = [ScoreReason(feature: "dpd", contribution: -31, text: "[31, 60)"),
                       ScoreReason(feature: "product \"card\"", contribution: -2.5, text: "a\\b, 信用卡, line\nbreak"),
                       ScoreReason(feature: "gbm", contribution: -0.1234, text: "< 3")]
        let json = ScoreReasons.json(reasons)
        XCTAssertTrue(json.hasPrefix("[{\"feature\":\"dpd\",\"contribution\":-31,\"text\":\"[31, 60)\"}"), json)
        let decoded = try JSONDecoder().decode([ScoreReason].self, from: Data(json.utf8))
        XCTAssertEqual(decoded.map(\.feature), reasons.map(\.feature))
        XCTAssertEqual(decoded.map(\.text), reasons.map(\.text))
        XCTAssertEqual(decoded.map(\.contribution), [-31, -2.5, -0.123])
        XCTAssertEqual(ScoreReasons.json([]), "[]")
        XCTAssertEqual(ScoreReasons.decode(json).count, 3)
        XCTAssertEqual(ScoreReasons.decode(nil), [], "scores written before reasons were kept")
    }
}
