import ArrearsCore
import XCTest

final class LegalStageTests: XCTestCase {
    let today = LocalDate(iso: "2026-11-23")!
    let since = LocalDate(iso: "2026-11-01")!

    func check(_ from: LegalStage, _ move: LegalMove, court: String? = nil) -> LegalMoveError? {
        do { try move.check(from: from, since: since, today: today, knownCourt: court); return nil } catch { return error }
    }

    func testEachOpenStageMovesToTheNext() {
        let path: [LegalStage] = [.review, .demandLetter, .filed, .hearing, .judgment, .enforcement]
        for (from, to) in zip(path, path.dropFirst()) {
            XCTAssertNil(check(from, LegalMove(to: to, on: today, courtName: "上海市浦东新区人民法院")), "\(from) → \(to)")
        }
    }

    func testAFilingMayGoToJudgmentWithoutAHearing() {
        XCTAssertNil(check(.filed, LegalMove(to: .judgment, on: today)))
    }

    func testNoStageIsSkippedForwardOrBackward() {
        XCTAssertEqual(check(.review, LegalMove(to: .filed, on: today, courtName: "court")), .refused(from: .review, to: .filed))
        XCTAssertEqual(check(.judgment, LegalMove(to: .hearing, on: today)), .refused(from: .judgment, to: .hearing))
        XCTAssertEqual(check(.filed, LegalMove(to: .filed, on: today)), .refused(from: .filed, to: .filed))
    }

    func testAnyOpenStageClosesWithAReason() {
        for stage in LegalStage.allCases where stage != .closed {
            XCTAssertNil(check(stage, LegalMove(to: .closed, on: today, reason: "paid in full")), "\(stage)")
            XCTAssertEqual(check(stage, LegalMove(to: .closed, on: today))?.field, "reason", "\(stage)")
        }
    }

    func testAClosedCaseStaysClosed() {
        for stage in LegalStage.allCases {
            XCTAssertEqual(check(.closed, LegalMove(to: stage, on: today, reason: "again")), .refused(from: .closed, to: stage))
        }
        XCTAssertTrue(LegalMoveError.refused(from: .closed, to: .review).description.contains("closed"))
    }

    func testAFilingNamesTheCourt() {
        XCTAssertEqual(check(.demandLetter, LegalMove(to: .filed, on: today))?.field, "court_name")
        XCTAssertNil(check(.demandLetter, LegalMove(to: .filed, on: today), court: "known court"))
    }

    func testTheDateIsNeitherInTheFutureNorBeforeTheStageBefore() {
        XCTAssertEqual(check(.review, LegalMove(to: .demandLetter, on: today.adding(days: 1)))?.field, "on")
        XCTAssertEqual(check(.review, LegalMove(to: .demandLetter, on: since.adding(days: -1)))?.field, "on")
        XCTAssertNil(check(.review, LegalMove(to: .demandLetter, on: since)))
    }

    func testStagesAreOrdered() {
        XCTAssertLessThan(LegalStage.review, LegalStage.closed)
        XCTAssertLessThan(LegalStage.filed, LegalStage.hearing)
    }
}
