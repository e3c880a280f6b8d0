import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTest

/// Uploaded legal documents: sealed at rest, listed with the case, read back byte for byte,
/// audited both ways.
final class LegalDocumentFileTests: XCTestCase {
    let key = DataKey.generate()

    func testAnUploadedPDFIsADocumentSealedAtRest() async throws {
        try await TestDatabases.each { plain, database in
            let store = try await Store.open(plain.url, dataKey: key)
            do {
                try await WorkbenchFixture.load(into: store)
                let book = LegalBook(store: store)
                let legal = try await book.open(caseId: "KW1", reason: "refuses all contact", byOfficer: true, by: "user:lawyer")
                let upload = AttachmentUpload(field: "body", nameField: "file_name", fileName: "判决书.pdf", declaredType: "application/pdf", bytes: SampleFiles.pdf)
                let documentId = try await book.addFile(legal.id, name: "Judgment", upload, by: "user:lawyer")

                let found = try await book.find(legal.id)
                let document = try XCTUnwrap(found?.documents.first { $0.id == documentId }, database)
                XCTAssertEqual([document.kind, document.name, document.fileName], [LegalBook.uploadKind, "Judgment", "判决书.pdf"], database)
                XCTAssertEqual(document.file?.contentType, "application/pdf", database)

                let raw = try await store.sql.raw("SELECT content FROM attachments").first()?.decode(column: "content", as: Data.self)
                XCTAssertNil(try XCTUnwrap(raw, database).range(of: Data("%PDF-".utf8)), "the PDF is sealed on \(database)")

                let read = try await book.documentFile(legal.id, document: documentId, by: "user:compliance")
                XCTAssertEqual(read.bytes, SampleFiles.pdf, database)
                let actions = try await AuditLog.entries(from: LocalDate(iso: "2000-01-01")!, to: LocalDate(iso: "2999-12-31")!, on: store.sql).map(\.action)
                XCTAssertEqual(actions.suffix(2), ["legal_document_added", "view_personal_data"], database)

                do {
                    _ = try await book.addFile("LC-NOPE", name: nil, upload, by: "user:lawyer")
                    XCTFail("a document on no case on \(database)")
                } catch let error as LegalError {
                    XCTAssertEqual(error.field, "id", database)
                }
                let letter = try await book.addDocument(legal.id, .init(name: "note", kind: "note", body: "text"), by: "user:lawyer")
                do {
                    _ = try await book.documentFile(legal.id, document: letter, by: "user:lawyer")
                    XCTFail("a text document read as a file on \(database)")
                } catch let error as LegalError {
                    XCTAssertEqual(error.field, "document", database)
                }
                let stored = try await store.count("attachments")
                XCTAssertEqual(stored, 1, "the refused upload left nothing on \(database)")
            } catch { await store.shutdown(); throw error }
            await store.shutdown()
        }
    }
}
