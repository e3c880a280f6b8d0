import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTest

final class LegalBookTests: XCTestCase {
    let now = ContactRecords.instant("2026-11-24T02:00:00Z")!

    /// The daily run of 2026-11-24 sends KW2 to legal review.
    func refer(_ store: Store) async throws {
        try await store.sql.raw("""
            INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
            VALUES ('KW2:2026-11-24', 'KW2', 'CW2', '2026-11-24', 'standard', '91+', 95, 'legal_review', 'legal_review', 'champion', 'created', '', 1, NULL)
            """).run()
    }

    /// The shipped demand letters, and the legal case a legal officer opens on KW1 (no contact).
    func openKW1(_ store: Store) async throws -> (letters: DemandLetters, book: LegalBook, id: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let letters = try DemandLetters.load(fromDirectory: root.appendingPathComponent("config/letters").path)
        let book = LegalBook(store: store)
        return (letters, book, try await book.open(caseId: "KW1", reason: "no contact", byOfficer: true, by: "user:legal", now: now).id)
    }

    func testAReferredCaseOpensAndAnotherNeedsALegalOfficerWithAReason() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            try await refer(store)
            let book = LegalBook(store: store)
            let referred = try await book.open(caseId: "KW2", reason: nil, byOfficer: false, by: "user:sup", now: now)
            XCTAssertEqual(referred.referral, "legal_review", database)
            XCTAssertEqual(referred.stage, .review, database)
            XCTAssertEqual(referred.stages.map(\.enteredOn), ["2026-11-24"], database)
            do { _ = try await book.open(caseId: "KW1", reason: nil, byOfficer: false, by: "user:sup", now: now); XCTFail(database) } catch let error as LegalError {
                XCTAssertEqual(error.field, "case_id", database)
            }
            do { _ = try await book.open(caseId: "KW1", reason: nil, byOfficer: true, by: "user:legal", now: now); XCTFail(database) } catch let error as LegalError {
                XCTAssertEqual(error.field, "reason", database)
            }
            let taken = try await book.open(caseId: "KW1", reason: "refuses every contact", byOfficer: true, by: "user:legal", now: now)
            XCTAssertEqual(taken.referral, "officer", database)
            do { _ = try await book.open(caseId: "KW1", reason: "again", byOfficer: true, by: "user:legal", now: now); XCTFail(database) } catch let error as LegalError {
                guard case .conflict(let code, _, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(code, "legal_case_exists", database)
            }
            let opened = try await store.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'legal_case_opened'")
            XCTAssertEqual(opened, 2, database)
        }
    }

    func testStagesAreRecordedWithDatesAndCostsAddUp() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let book = LegalBook(store: store)
            let id = try await book.open(caseId: "KW1", reason: "no contact", byOfficer: true, by: "user:legal", now: now).id
            _ = try await book.move(id, LegalMove(to: .demandLetter, on: LocalDate(iso: "2026-11-24")!), by: "user:legal", now: now)
            do { _ = try await book.move(id, LegalMove(to: .review, on: LocalDate(iso: "2026-11-24")!), by: "user:legal", now: now); XCTFail(database) } catch let error as LegalError {
                guard case .conflict(let code, let field, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual([code, field], ["stage_refused", "stage"], database)
            }
            let filed = try await book.move(id, LegalMove(to: .filed, on: LocalDate(iso: "2026-11-24")!, courtName: "上海市浦东新区人民法院",
                                                          courtCaseNumber: "(2026)沪0115民初12345号"), by: "user:legal", now: now)
            XCTAssertEqual(filed.stages.map(\.stage), [.review, .demandLetter, .filed], database)
            XCTAssertEqual(filed.courtCaseNumber, "(2026)沪0115民初12345号", database)
            let day = LocalDate(iso: "2026-11-24")!
            _ = try await book.addCost(id, .init(amountMinor: 5_050, currency: "CNY", description: "受理费", incurredOn: day), by: "user:legal", now: now)
            _ = try await book.addCost(id, .init(amountMinor: 300_000, currency: "CNY", description: "律师费", incurredOn: day), by: "user:legal", now: now)
            let costed = try await book.addCost(id, .init(amountMinor: 1_000, currency: "USD", description: "courier", incurredOn: day), by: "user:legal", now: now)
            XCTAssertEqual(costed.costTotals.map(\.currency), ["CNY", "USD"], database)
            XCTAssertEqual(costed.costTotals.map(\.amountMinor), [305_050, 1_000], database)
            do { _ = try await book.addCost(id, .init(amountMinor: 0, currency: "CNY", description: "x", incurredOn: day), by: "user:legal", now: now); XCTFail(database) } catch let error as LegalError {
                XCTAssertEqual(error.field, "amount", database)
            }
            let closed = try await book.move(id, LegalMove(to: .closed, on: day, reason: "settled"), by: "user:legal", now: now)
            XCTAssertEqual(closed.closeReason, "settled", database)
            let filedList = try await book.list(stage: .closed, after: nil, limit: 10)
            XCTAssertEqual(filedList.map(\.id), [id], database)
            let moves = try await store.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('legal_stage_moved', 'legal_cost_added')")
            XCTAssertEqual(moves, 6, database)
        }
    }

    func testADemandLetterCarriesTheRealAddressAndItsViewIsAudited() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let (letters, book, id) = try await openKW1(store)
            let documentId = try await letters.generate(id, payBy: LocalDate(iso: "2026-12-08")!, language: nil, store: store, by: "user:legal", now: now)
            let read = try await book.documentText(id, document: documentId, by: "user:legal", now: now)
            let text = try XCTUnwrap(read.body)
            XCTAssertEqual(read.document.language, "zh-CN", "the customer's language on \(database)")
            for expected in ["王芳", "上海市浦东新区世纪大道 100 号", "AW1", "2000.00 CNY", "2026-12-08", "95500"] {
                XCTAssertTrue(text.contains(expected), "\(expected) on \(database)")
            }
            XCTAssertFalse(text.contains("{{"), database)
            let views = try await store.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'view_personal_data'")
            XCTAssertEqual(views, 2, "writing and reading the letter on \(database)")
            let english = try await letters.generate(id, payBy: LocalDate(iso: "2026-12-08")!, language: "en", store: store, by: "user:legal", now: now)
            let englishText = try await book.documentText(id, document: english, by: "user:legal", now: now).body
            XCTAssertTrue(englishText?.contains("LETTER OF DEMAND") == true, database)
            do { _ = try await letters.generate(id, payBy: LocalDate(iso: "2026-11-24")!, language: nil, store: store, by: "user:legal", now: now); XCTFail(database) } catch let error as LegalError {
                XCTAssertEqual(error.field, "pay_by", database)
            }
            let documents = try await book.find(id)?.documents.count
            XCTAssertEqual(documents, 2, database)
        }
    }

    /// Issue 22: the letter holds the customer's address, so it is stored sealed like the address.
    func testADemandLetterIsStoredSealedAndReadBackWithTheKey() async throws {
        try await TestDatabases.each { plain, database in
            let store = try await Store.open(plain.url, dataKey: DataKey.generate())
            do {
                try await WorkbenchFixture.load(into: store)
                let (letters, book, id) = try await openKW1(store)
                let documentId = try await letters.generate(id, payBy: LocalDate(iso: "2026-12-08")!, language: nil, store: store, by: "user:legal", now: now)
                let raw = try await store.sql.raw("SELECT d.body, cu.address FROM legal_documents d, customers cu WHERE d.id = \(bind: documentId) AND cu.id = 'CW1'").first()
                let body = try XCTUnwrap(try raw?.decode(column: "body", as: String.self), database)
                let address = try XCTUnwrap(try raw?.decode(column: "address", as: String.self), database)
                let read = try await book.documentText(id, document: documentId, by: "user:legal", now: now)
                XCTAssertTrue(body.hasPrefix("enc1:") && address.hasPrefix("enc1:"), database)
                XCTAssertFalse(body.contains("世纪大道") || body.contains("王芳"), database)
                XCTAssertTrue(read.body?.contains("上海市浦东新区世纪大道 100 号") == true, "opened for the legal officer on \(database)")
            } catch {
                await store.shutdown()
                throw error
            }
            await store.shutdown()
        }
    }
}
