import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// Uploaded legal documents: `POST /api/v1/legal-cases/:id/documents` (the body is the file),
/// downloaded at `…/documents/:document`, and the same from the legal case page.
final class LegalDocumentUploadTests: XCTestCase {
    func openCase(_ fixture: SecurityFixture, token: String) async throws -> String {
        let opened = try await fixture.api(.POST, "/api/v1/legal-cases", token: token, json: #"{"case_id":"KW1","reason":"refuses all contact"}"#)
        return try XCTUnwrap(opened.json["id"] as? String)
    }

    func testALegalOfficerUploadsAJudgmentAndComplianceReadsIt() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let legal = try await fixture.token(.legal)
            let id = try await openCase(fixture, token: legal)
            let uploaded = try await fixture.upload("/api/v1/legal-cases/\(id)/documents?file_name=judgment.pdf&name=Judgment", token: legal,
                                                    contentType: "application/pdf", bytes: SampleFiles.pdf)
            XCTAssertEqual(uploaded.status, .created, "\(database): \(uploaded.json)")
            let documentId = try XCTUnwrap(uploaded.json["document_id"] as? String, database)
            let document = ((uploaded.json["legal_case"] as? [String: Any])?["documents"] as? [[String: Any]])?.first { $0["id"] as? String == documentId }
            XCTAssertEqual(document?["kind"] as? String, "upload", database)
            XCTAssertEqual((document?["file"] as? [String: Any])?["content_type"] as? String, "application/pdf", database)

            let file = try await fixture.download("/api/v1/legal-cases/\(id)/documents/\(documentId)", token: try await fixture.token(.compliance))
            XCTAssertEqual(file.status, .ok, database)
            XCTAssertEqual(Data(file.body.readableBytesView), SampleFiles.pdf, database)
            XCTAssertEqual(file.headers.first(name: .contentType), "application/pdf", database)
            let actions = try await fixture.auditActions()
            XCTAssertEqual(actions.filter { $0 == "legal_document_added" }.count, 1, database)
            XCTAssertEqual(actions.last, "view_personal_data", "the download is a view on \(database)")
        }
    }

    func testRefusalsNameTheFieldAndOnlyLegalRolesUpload() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let legal = try await fixture.token(.legal)
            let id = try await openCase(fixture, token: legal)
            let path = "/api/v1/legal-cases/\(id)/documents?file_name=order.pdf"
            let script = try await fixture.upload(path, token: legal, contentType: "application/pdf", bytes: SampleFiles.script)
            XCTAssertEqual([script.status.code.description, script.error["field"] ?? ""], ["415", "body"], database)
            let large = try await fixture.upload(path, token: legal, contentType: "image/jpeg", bytes: SampleFiles.jpeg(bytes: AttachmentUpload.maximumBytes + 1))
            XCTAssertEqual([large.status.code.description, large.error["field"] ?? ""], ["413", "body"], database)
            let longName = try await fixture.upload(path + "&name=" + String(repeating: "x", count: 201), token: legal, contentType: "application/pdf", bytes: SampleFiles.pdf)
            XCTAssertEqual([longName.status.code.description, longName.error["field"] ?? ""], ["422", "name"], database)
            let unknown = try await fixture.upload("/api/v1/legal-cases/LC-NOPE/documents?file_name=a.pdf", token: legal, contentType: "application/pdf",
                                                   bytes: SampleFiles.pdf)
            XCTAssertEqual(unknown.status, .notFound, database)
            for role in [Role.compliance, .collector, .fieldAgent] {
                let refused = try await fixture.upload(path, token: try await fixture.token(role), contentType: "application/pdf", bytes: SampleFiles.pdf)
                XCTAssertEqual(refused.status, .forbidden, "\(role) on \(database)")
            }
            let letter = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/demand-letter", token: legal,
                                               json: #"{"pay_by":"\#(LocalMoment(Date(), offset: 0).date.adding(days: 14))"}"#)
            let letterId = try XCTUnwrap(letter.json["document_id"] as? String, database)
            let notAFile = try await fixture.download("/api/v1/legal-cases/\(id)/documents/\(letterId)", token: legal)
            XCTAssertEqual(notAFile.status, .notFound, database)
            let collector = try await fixture.download("/api/v1/legal-cases/\(id)/documents/\(letterId)", token: try await fixture.token(.collector))
            XCTAssertEqual(collector.status, .forbidden, database)
            let count = try await fixture.store.count("attachments")
            XCTAssertEqual(count, 0, database)
        }
    }

    func testTheLegalCasePageUploadsAndLinksADocument() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let id = try await openCase(fixture, token: try await fixture.token(.legal))
            let browser = try await fixture.signedIn(.legal)
            let page = try await browser.get("/legal/\(id)?lang=en")
            XCTAssertTrue(page.body.string.contains(#"id="upload-form""#), database)
            let notAPDF = try await browser.postMultipart("/legal/\(id)/documents", ["name": "Order"],
                                                          files: [FormFile(field: "file", fileName: "order.pdf", contentType: "application/pdf", bytes: SampleFiles.script)])
            XCTAssertEqual(notAPDF.status, .unsupportedMediaType, database)
            XCTAssertTrue(notAPDF.body.string.contains("id=\"legal-error\""), database)
            let uploaded = try await browser.postMultipart("/legal/\(id)/documents", ["name": "Court order"],
                                                           files: [FormFile(field: "file", fileName: "order.pdf", contentType: "application/pdf", bytes: SampleFiles.pdf)])
            XCTAssertEqual(uploaded.status, .seeOther, "\(database): \(uploaded.body.string.prefix(300))")
            let shown = try await browser.get("/legal/\(id)?lang=en")
            let found = try await LegalBook(store: fixture.store).find(id)
            let documentId = try XCTUnwrap(found?.documents.first?.id, database)
            XCTAssertTrue(shown.body.string.contains("/legal/\(id)/documents/\(documentId)") && shown.body.string.contains("Court order"), database)
            let file = try await browser.get("/legal/\(id)/documents/\(documentId)")
            XCTAssertEqual(Data(file.body.readableBytesView), SampleFiles.pdf, database)
        }
    }
}
