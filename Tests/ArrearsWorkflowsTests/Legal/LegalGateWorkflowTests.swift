import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// The legal book applies `LegalGate` (flags and time gates) on rows kept in memory; a refusal
/// writes nothing. `LegalGateAPITests` checks the same through HTTP on both databases.
final class LegalGateWorkflowTests: XCTestCase {
    let now = ContactRecords.instant("2026-11-24T02:00:00Z")!
    let today = LocalDate(iso: "2026-11-24")!

    func book(gates: LegalTimeGates = .standard) -> (LegalCaseWorkflow, InMemoryLegalCases) {
        let rows = InMemoryLegalCases()
        rows.addCollectionCase("KW1", customerId: "CW1", latestTreatment: LegalBook.referralTreatment)
        return (LegalCaseWorkflow(repository: rows, gates: gates), rows)
    }

    func refusal(_ work: () async throws -> Any) async -> (LegalGateRefusal, String)? {
        do { _ = try await work(); return nil } catch let LegalError.blocked(refusal, field) { return (refusal, field) } catch { XCTFail("\(error)"); return nil }
    }

    func testADisputedCustomersCaseIsNotOpenedWhileTheDisputeHolds() async throws {
        let (book, rows) = book()
        rows.addFlag(CustomerFlag(kind: .dispute, from: today.adding(days: -3)), customerId: "CW1")
        let held = await refusal { try await book.open(caseId: "KW1", reason: nil, byOfficer: false, by: "user:sup", now: self.now) }
        XCTAssertEqual(held?.0.effect, .hold)
        XCTAssertEqual(held?.1, "case_id")
        XCTAssertEqual(rows.auditActions, [], "a held opening writes nothing")
        let found = try await book.find("LC-KW1")
        XCTAssertNil(found)
    }

    func testADisputeThatEndedHoldsNothing() async throws {
        let (book, rows) = book()
        rows.addFlag(CustomerFlag(kind: .dispute, from: today.adding(days: -30), until: today.adding(days: -1)), customerId: "CW1")
        let opened = try await book.open(caseId: "KW1", reason: nil, byOfficer: false, by: "user:sup", now: now)
        XCTAssertEqual(opened.stage, .review)
    }

    func testADeceasedCustomersCaseStopsButCloses() async throws {
        let (book, rows) = book()
        let id = try await book.open(caseId: "KW1", reason: nil, byOfficer: false, by: "user:sup", now: now).id
        rows.addFlag(CustomerFlag(kind: .deceased, from: today), customerId: "CW1")
        let stopped = await refusal { try await book.move(id, LegalMove(to: .demandLetter, on: self.today), by: "user:legal", now: self.now) }
        XCTAssertEqual(stopped?.0.rule, "legal.deceased")
        XCTAssertEqual(stopped?.1, "stage")
        XCTAssertTrue(stopped?.0.message.contains("legal action stops") == true)
        let closed = try await book.move(id, LegalMove(to: .closed, on: today, reason: "customer deceased; claim to the estate"), by: "user:legal", now: now)
        XCTAssertEqual(closed.stage, .closed)
        XCTAssertEqual(rows.auditActions, ["legal_case_opened", "legal_stage_moved"])
    }

    func testATimeBarredCaseIsReviewedButNeitherThreatenedNorFiled() async throws {
        let (book, rows) = book()
        rows.addFlag(CustomerFlag(kind: .timeBarred), customerId: "CW1")
        let id = try await book.open(caseId: "KW1", reason: nil, byOfficer: false, by: "user:sup", now: now).id
        let barred = await refusal { try await book.move(id, LegalMove(to: .demandLetter, on: self.today), by: "user:legal", now: self.now) }
        XCTAssertEqual(barred?.0.effect, .noSuit)
        let found = try await book.find(id)
        XCTAssertEqual(found?.stage, .review)
    }

    func testAFilingWaitsForThePayByDateAndTheMinimumDays() async throws {
        let (book, rows) = book(gates: LegalTimeGates(minimumDaysBetweenStages: 2, filingAfterPayBy: true))
        let id = try await book.open(caseId: "KW1", reason: nil, byOfficer: false, by: "user:sup", now: now.addingTimeInterval(-10 * 86_400)).id
        _ = try await book.move(id, LegalMove(to: .demandLetter, on: today.adding(days: -5)), by: "user:legal", now: now)
        rows.addDemandLetter(legalCaseId: id, payBy: today)
        let early = await refusal {
            try await book.move(id, LegalMove(to: .filed, on: self.today, courtName: "浦东法院"), by: "user:legal", now: self.now)
        }
        XCTAssertEqual(early?.0.rule, "legal.pay_by")
        XCTAssertEqual(early?.0.possibleOn, today.adding(days: 1))
        XCTAssertEqual(early?.1, "on")

        let later = now.addingTimeInterval(86_400)
        let filed = try await book.move(id, LegalMove(to: .filed, on: today.adding(days: 1), courtName: "浦东法院"), by: "user:legal", now: later)
        XCTAssertEqual(filed.stage, .filed)
        let tooSoon = await refusal { try await book.move(id, LegalMove(to: .hearing, on: self.today.adding(days: 2)), by: "user:legal", now: later.addingTimeInterval(86_400)) }
        XCTAssertEqual(tooSoon?.0.rule, "legal.minimum_days")
        XCTAssertEqual(tooSoon?.0.possibleOn, today.adding(days: 3))
    }
}
