import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTest

/// A legal case's documents on rows kept in memory (`InMemoryLegalCases`): the demand letter's
/// contents and refusals, and no reading of a text or a file without its record.
/// `LegalBookTests` and `LegalDocumentFileTests` check the same on both databases.
final class LegalDocumentWorkflowTests: XCTestCase {
    let now = ContactRecords.instant("2026-11-24T02:00:00Z")!
    let today = LocalDate(iso: "2026-11-24")!

    /// KW1 of 王芳 (CW1), referred by the daily run, overdue on a card in CNY and a loan in USD,
    /// up to date on a third account.
    func book() -> (LegalCaseWorkflow, InMemoryLegalCases) {
        let rows = InMemoryLegalCases()
        rows.addCollectionCase("KW1", customerId: "CW1", latestTreatment: LegalBook.referralTreatment)
        rows.addCustomer("CW1", name: "王芳", address: "上海市浦东新区世纪大道 100 号", language: "zh-CN")
        rows.addAccount(LetterAccount(id: "AW1", product: "credit_card", currency: "CNY", overdueMinor: 200_000, outstandingMinor: 950_000, dpd: 95),
                        customerId: "CW1")
        rows.addAccount(LetterAccount(id: "AW2", product: "personal_loan", currency: "USD", overdueMinor: 5_000, outstandingMinor: 80_000, dpd: 40),
                        customerId: "CW1")
        rows.addAccount(LetterAccount(id: "AW3", product: "personal_loan", currency: "CNY", overdueMinor: 0, outstandingMinor: 10_000, dpd: 0),
                        customerId: "CW1")
        return (LegalCaseWorkflow(repository: rows), rows)
    }

    func letters() throws -> DemandLetters {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try DemandLetters.load(fromDirectory: root.appendingPathComponent("config/letters").path)
    }

    func error(of work: () async throws -> Any) async -> Error? {
        do { _ = try await work(); return nil } catch { return error }
    }

    func testADemandLetterListsTheOverdueAccountsInTheCustomersLanguageAndAFilingWaitsForItsPayBy() async throws {
        let (book, rows) = book()
        let letters = try letters()
        let id = try await book.open(caseId: "KW1", reason: nil, byOfficer: false, by: "user:sup", now: now).id
        let payBy = today.adding(days: 14)
        let documentId = try await letters.generate(id, payBy: payBy, language: nil, repository: rows, by: "user:legal", now: now)

        let letter = try XCTUnwrap(rows.documents.first { $0.id == documentId })
        XCTAssertEqual([letter.kind, letter.language, letter.payBy?.description], ["demand_letter", "zh-CN", "2026-12-08"])
        let text = try XCTUnwrap(letter.body)
        for expected in ["王芳", "上海市浦东新区世纪大道 100 号", "AW1", "信用卡", "AW2", "个人贷款", "2000.00 CNY + 50.00 USD", "2026-12-08"] {
            XCTAssertTrue(text.contains(expected), expected)
        }
        XCTAssertFalse(text.contains("AW3"), "an account with nothing overdue is not demanded")
        XCTAssertFalse(text.contains("credit_card") || text.contains("{{"), "no code or placeholder in the letter")
        XCTAssertEqual(rows.auditActions, ["legal_case_opened", "view_personal_data", "legal_document_added"])

        let english = try await letters.generate(id, payBy: payBy, language: "en", repository: rows, by: "user:legal", now: now)
        XCTAssertTrue(rows.documents.first { $0.id == english }?.body?.contains("credit card") == true)

        _ = try await book.move(id, LegalMove(to: .demandLetter, on: today), by: "user:legal", now: now)
        do {
            _ = try await book.move(id, LegalMove(to: .filed, on: payBy, courtName: "浦东法院"), by: "user:legal", now: now.addingTimeInterval(14 * 86_400))
            XCTFail("filed on the day the letter gave the customer")
        } catch let LegalError.blocked(refusal, field) {
            XCTAssertEqual([refusal.rule, field], ["legal.pay_by", "on"])
            XCTAssertEqual(refusal.possibleOn, payBy.adding(days: 1))
        }
    }

    func testNoLetterOnAClosedCaseForATimeBarredDebtOrWithAPayByOutOfRange() async throws {
        let (book, rows) = book()
        let letters = try letters()
        let id = try await book.open(caseId: "KW1", reason: nil, byOfficer: false, by: "user:sup", now: now).id
        let past = await error { try await letters.generate(id, payBy: self.today, language: nil, repository: rows, by: "user:legal", now: self.now) }
        XCTAssertEqual((past as? LegalError)?.field, "pay_by")
        let tooFar = await error {
            try await letters.generate(id, payBy: self.today.adding(days: DemandLetters.maximumPayByDays + 1), language: nil, repository: rows, by: "user:legal", now: self.now)
        }
        XCTAssertEqual((tooFar as? LegalError)?.field, "pay_by")
        let unknownLanguage = await error {
            try await letters.generate(id, payBy: self.today.adding(days: 7), language: "fr", repository: rows, by: "user:legal", now: self.now)
        }
        XCTAssertEqual((unknownLanguage as? LegalError)?.field, "language")

        rows.addFlag(CustomerFlag(kind: .timeBarred), customerId: "CW1")
        let barred = await error { try await letters.generate(id, payBy: self.today.adding(days: 7), language: nil, repository: rows, by: "user:legal", now: self.now) }
        guard case .blocked(let refusal, "id")? = barred as? LegalError else { return XCTFail("\(String(describing: barred))") }
        XCTAssertEqual(refusal.effect, .noSuit)

        _ = try await book.move(id, LegalMove(to: .closed, on: today, reason: "paid in full"), by: "user:legal", now: now)
        let closed = await error { try await letters.generate(id, payBy: self.today.adding(days: 7), language: nil, repository: rows, by: "user:legal", now: self.now) }
        XCTAssertEqual(closed as? LegalError, .conflict(code: "legal_case_closed", field: "id", message: "id: the legal case is closed"))
        XCTAssertEqual(rows.documents, [], "a refused letter writes nothing")
        XCTAssertFalse(rows.auditActions.contains("view_personal_data"), "and opens no address")
    }

    func testADocumentsTextOrFileIsReadOnlyWithItsRecord() async throws {
        let (book, rows) = book()
        let id = try await book.open(caseId: "KW1", reason: nil, byOfficer: false, by: "user:sup", now: now).id
        let named = try await book.addDocument(id, .init(name: "Court summons", kind: "court", fileName: "summons-2026-11.pdf"), by: "user:legal", now: now)
        let note = try await book.addDocument(id, .init(name: "Call note", kind: "note", body: "王芳 promised to call back"), by: "user:legal", now: now)
        let upload = AttachmentUpload(field: "body", nameField: "file_name", fileName: "判决书.pdf", declaredType: "application/pdf", bytes: SampleFiles.pdf)
        let filed = try await book.addFile(id, name: "  ", upload, by: "user:legal", now: now)
        XCTAssertEqual(rows.documents.map(\.name), ["Court summons", "Call note", "判决书.pdf"], "an empty name takes the file's")
        XCTAssertEqual(rows.auditActions.filter { $0 == "legal_document_added" }.count, 3)

        let nameOnly = try await book.documentText(id, document: named, by: "user:compliance", now: now)
        XCTAssertNil(nameOnly.body)
        XCTAssertFalse(rows.auditActions.contains("view_personal_data"), "a document that is a name shows nobody's data")
        let text = try await book.documentText(id, document: note, by: "user:compliance", now: now)
        XCTAssertEqual(text.body, "王芳 promised to call back")
        let file = try await book.documentFile(id, document: filed, by: "user:compliance", now: now)
        XCTAssertEqual(file.bytes, SampleFiles.pdf)
        let views = rows.auditEvents.filter { $0.action == "view_personal_data" }
        XCTAssertEqual(views.map(\.actor), ["user:compliance", "user:compliance"])
        XCTAssertEqual(views.last?.details["sha256"], file.attachment.sha256)

        let textAsFile = await error { try await book.documentFile(id, document: note, by: "user:compliance", now: self.now) }
        XCTAssertEqual((textAsFile as? LegalError)?.field, "document")
        let otherCase = await error { try await book.documentText("LC-KW9", document: note, by: "user:compliance", now: self.now) }
        XCTAssertEqual((otherCase as? LegalError)?.field, "document")
        let noCase = await error { try await book.addFile("LC-KW9", name: nil, upload, by: "user:legal", now: self.now) }
        XCTAssertEqual((noCase as? LegalError)?.field, "id")
        let both = await error { try await book.addDocument(id, .init(name: "x", kind: "note", fileName: "x.pdf", body: "x"), by: "user:legal", now: self.now) }
        XCTAssertEqual((both as? LegalError)?.field, "file_name")
        XCTAssertEqual(rows.fileCount, 1, "a refused upload stores no file")
        XCTAssertEqual(rows.documents.count, 3)
    }
}
