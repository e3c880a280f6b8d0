import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// The legal book's rules on rows kept in memory (`InMemoryLegalCases`); `LegalBookTests` checks
/// the same book on both databases.
final class LegalCaseWorkflowTests: XCTestCase {
    let now = ContactRecords.instant("2026-11-24T02:00:00Z")!
    let today = LocalDate(iso: "2026-11-24")!

    /// KW1 was last sent a call, KW2 referred to legal review by the daily run.
    func book() -> (LegalCaseWorkflow, InMemoryLegalCases) {
        let rows = InMemoryLegalCases()
        rows.addCollectionCase("KW1", customerId: "CW1", latestTreatment: "call")
        rows.addCollectionCase("KW2", customerId: "CW2", latestTreatment: LegalBook.referralTreatment)
        return (LegalCaseWorkflow(repository: rows), rows)
    }

    func field(of work: () async throws -> Any) async -> String? {
        do { _ = try await work(); return nil } catch let error as LegalError { return error.field } catch { return "\(error)" }
    }

    func testOnlyAReferredCaseOrALegalOfficerWithAReasonOpensOne() async throws {
        let (book, rows) = book()
        let refusedCollector = await field { try await book.open(caseId: "KW1", reason: "late", byOfficer: false, by: "user:col", now: self.now) }
        XCTAssertEqual(refusedCollector, "case_id")
        let refusedNoReason = await field { try await book.open(caseId: "KW1", reason: nil, byOfficer: true, by: "user:legal", now: self.now) }
        XCTAssertEqual(refusedNoReason, "reason")
        let unknown = await field { try await book.open(caseId: "KW9", reason: "x", byOfficer: true, by: "user:legal", now: self.now) }
        XCTAssertEqual(unknown, "case_id")
        XCTAssertEqual(rows.auditActions, [], "a refused opening writes nothing")

        let referred = try await book.open(caseId: "KW2", reason: nil, byOfficer: false, by: "user:sup", now: now)
        XCTAssertEqual([referred.id, referred.referral, referred.stage.rawValue], ["LC-KW2", "legal_review", "review"])
        let taken = try await book.open(caseId: "KW1", reason: "refuses every contact", byOfficer: true, by: "user:legal", now: now)
        XCTAssertEqual(taken.referral, "officer")
        XCTAssertEqual(taken.stages.map(\.note), ["refuses every contact"])
        XCTAssertEqual(rows.auditActions, ["legal_case_opened", "legal_case_opened"])
    }

    func testACaseIsInLegalOnceOnly() async throws {
        let (book, rows) = book()
        _ = try await book.open(caseId: "KW2", reason: nil, byOfficer: false, by: "user:sup", now: now)
        do { _ = try await book.open(caseId: "KW2", reason: "again", byOfficer: true, by: "user:legal", now: now); XCTFail("opened twice") } catch let error as LegalError {
            XCTAssertEqual(error, .conflict(code: "legal_case_exists", field: "case_id", message: "case_id: the case is already in legal as LC-KW2"))
        }
        let counts = try await book.countsByStage()
        XCTAssertEqual(counts, [.review: 1])
        XCTAssertEqual(rows.auditActions, ["legal_case_opened"])
    }

    func testAMoveTheStagesDoNotAllowLeavesTheCaseAsItWas() async throws {
        let (book, rows) = book()
        let id = try await book.open(caseId: "KW2", reason: nil, byOfficer: false, by: "user:sup", now: now).id
        do { _ = try await book.move(id, LegalMove(to: .judgment, on: today), by: "user:legal", now: now); XCTFail("review cannot jump to judgment") } catch let error as LegalError {
            guard case .conflict(let code, let field, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([code, field], ["stage_refused", "stage"])
        }
        let legal = try await book.find(id)
        XCTAssertEqual(legal?.stage, .review)
        XCTAssertEqual(legal?.stages.count, 1)
        XCTAssertEqual(rows.auditActions, ["legal_case_opened"])
    }

    func testAFilingNamesItsCourtAndAStageCannotStartBeforeTheOneItLeaves() async throws {
        let (book, _) = book()
        let id = try await book.open(caseId: "KW2", reason: nil, byOfficer: false, by: "user:sup", now: now).id
        _ = try await book.move(id, LegalMove(to: .demandLetter, on: today), by: "user:legal", now: now)
        let noCourt = await field { try await book.move(id, LegalMove(to: .filed, on: self.today), by: "user:legal", now: self.now) }
        XCTAssertEqual(noCourt, "court_name")
        let before = await field {
            try await book.move(id, LegalMove(to: .filed, on: self.today.adding(days: -1), courtName: "浦东法院"), by: "user:legal", now: self.now)
        }
        XCTAssertEqual(before, "on", "the demand letter went out on the 24th; the filing cannot be on the 23rd")
        let filed = try await book.move(id, LegalMove(to: .filed, on: today, courtName: "浦东法院", courtCaseNumber: "(2026)沪0115民初1号"), by: "user:legal", now: now)
        XCTAssertEqual(filed.stages.map(\.stage), [.review, .demandLetter, .filed])
        XCTAssertEqual(filed.courtName, "浦东法院")
    }

    func testAClosedCaseMovesNoMoreButStillTakesItsBills() async throws {
        let (book, rows) = book()
        let id = try await book.open(caseId: "KW2", reason: nil, byOfficer: false, by: "user:sup", now: now).id
        let noReason = await field { try await book.move(id, LegalMove(to: .closed, on: self.today), by: "user:legal", now: self.now) }
        XCTAssertEqual(noReason, "reason")
        let closed = try await book.move(id, LegalMove(to: .closed, on: today, reason: "settled"), by: "user:legal", now: now)
        XCTAssertEqual(closed.closeReason, "settled")
        let reopened = await field { try await book.move(id, LegalMove(to: .review, on: self.today), by: "user:legal", now: self.now) }
        XCTAssertEqual(reopened, "stage")
        let billed = try await book.addCost(id, .init(amountMinor: 5_050, currency: "CNY", description: " 受理费 ", incurredOn: today), by: "user:legal", now: now)
        XCTAssertEqual(billed.costs.map(\.description), ["受理费"])
        XCTAssertEqual(rows.auditActions, ["legal_case_opened", "legal_stage_moved", "legal_cost_added"])
    }

    func testACostIsAboveZeroInAKnownCurrencyDescribedAndNotAhead() async throws {
        let (book, rows) = book()
        let id = try await book.open(caseId: "KW2", reason: nil, byOfficer: false, by: "user:sup", now: now).id
        let cost = { (amount: Int64, currency: String, description: String, day: LocalDate) in
            await self.field { try await book.addCost(id, .init(amountMinor: amount, currency: currency, description: description, incurredOn: day), by: "user:legal", now: self.now) }
        }
        let zero = await cost(0, "CNY", "fee", today)
        XCTAssertEqual(zero, "amount")
        let currency = await cost(100, "XYZ", "fee", today)
        XCTAssertEqual(currency, "currency")
        let blank = await cost(100, "CNY", "   ", today)
        XCTAssertEqual(blank, "description")
        let ahead = await cost(100, "CNY", "fee", today.adding(days: 1))
        XCTAssertEqual(ahead, "incurred_on")
        let elsewhere = await field { try await book.addCost("LC-KW9", .init(amountMinor: 100, currency: "CNY", description: "fee", incurredOn: self.today), by: "user:legal", now: self.now) }
        XCTAssertEqual(elsewhere, "id")
        let legal = try await book.find(id)
        XCTAssertEqual(legal?.costs, [])
        XCTAssertEqual(rows.auditActions, ["legal_case_opened"])
    }
}
