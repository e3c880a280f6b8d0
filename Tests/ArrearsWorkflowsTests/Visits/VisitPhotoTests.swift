import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTest

/// A visit's photos: sealed at rest, read back byte for byte, only by the visit's team, at most
/// ten, every upload and download in the audit log.
final class VisitPhotoTests: XCTestCase {
    let key = DataKey.generate()
    let now = ContactRecords.instant("2026-11-23T02:00:00Z")!
    /// Inside the windows of the visits dispatched here: when their reports are sent.
    let atTheVisit = ContactRecords.instant("2026-11-25T05:30:00Z")!

    /// A store with the data key on each test database, with a visit of `f-shanghai` on KW1.
    func each(_ body: (VisitBook, StoredVisit, String) async throws -> Void) async throws {
        try await TestDatabases.each { plain, database in
            let store = try await Store.open(plain.url, dataKey: key)
            do {
                try await WorkbenchFixture.load(into: store)
                let book = VisitBook(store: store, places: VisitPlaces())
                let start = ContactRecords.instant("2026-11-25T02:00:00Z")!
                let visit = try await book.dispatch(.init(caseId: "KW1", agentId: "f-shanghai", startsAt: start, endsAt: start.addingTimeInterval(7_200),
                                                          location: nil), teams: VisitTeams(configured: FieldTeams.all), by: "user:boss", now: now)
                try await body(book, visit, database)
            } catch { await store.shutdown(); throw error }
            await store.shutdown()
        }
    }

    func photo(_ bytes: Data = SampleFiles.png, name: String = "door.png") -> AttachmentUpload {
        AttachmentUpload(field: "body", fileName: name, declaredType: nil, bytes: bytes)
    }

    func testAPhotoIsSealedAtRestAndReadBackByteForByte() async throws {
        try await each { book, visit, database in
            let stored = try await book.addPhoto(visit.id, photo(), agentId: "f-shanghai", by: "user:agent", now: now)
            XCTAssertEqual([stored.contentType, String(stored.byteCount)], ["image/png", String(SampleFiles.png.count)], database)
            XCTAssertEqual(stored.sha256, ContentDigest.sha256(SampleFiles.png), database)

            let raw = try await book.store.sql.raw("SELECT content FROM attachments WHERE id = \(bind: stored.id)").first()?.decode(column: "content", as: Data.self)
            let content = try XCTUnwrap(raw, database)
            XCTAssertTrue(content.starts(with: Data("enc1:".utf8)), database)
            XCTAssertNil(content.range(of: SampleFiles.png.prefix(16)), "no plaintext bytes in the column on \(database)")

            let listed = try await book.photos(of: visit.id)
            XCTAssertEqual(listed, [stored], database)
            let read = try await book.photo(visit.id, attachment: stored.id, agentId: "f-shanghai", by: "user:agent", now: now)
            XCTAssertEqual(read.bytes, SampleFiles.png, database)

            let actions = try await AuditLog.entries(from: LocalDate(iso: "2000-01-01")!, to: LocalDate(iso: "2999-12-31")!, on: book.store.sql).map(\.action)
            XCTAssertEqual(actions.suffix(2), ["visit_photo_added", "view_personal_data"], database)
        }
    }

    func testAnotherTeamNeitherAddsNorReadsPhotos() async throws {
        try await each { book, visit, database in
            do {
                _ = try await book.addPhoto(visit.id, photo(), agentId: "f-beijing", by: "user:other", now: now)
                XCTFail("another team added a photo on \(database)")
            } catch let error as WorkbenchError {
                XCTAssertEqual(error, .notFound(field: "id", id: visit.id), database)
            }
            let stored = try await book.addPhoto(visit.id, photo(), agentId: "f-shanghai", by: "user:agent", now: now)
            do {
                _ = try await book.photo(visit.id, attachment: stored.id, agentId: "f-beijing", by: "user:other", now: now)
                XCTFail("another team read a photo on \(database)")
            } catch let error as WorkbenchError {
                XCTAssertEqual(error.field, "id", database)
            }
            let supervisor = try await book.photo(visit.id, attachment: stored.id, agentId: nil, by: "user:boss", now: now)
            XCTAssertEqual(supervisor.bytes, SampleFiles.png, database)
        }
    }

    func testAVisitTakesAtMostTenPhotosAndRefusesWhatIsNotAPhoto() async throws {
        try await each { book, visit, database in
            for index in 1...VisitBook.maximumPhotos {
                _ = try await book.addPhoto(visit.id, photo(SampleFiles.jpeg, name: "\(index).jpg"), agentId: "f-shanghai", by: "user:agent", now: now)
            }
            do {
                _ = try await book.addPhoto(visit.id, photo(), agentId: "f-shanghai", by: "user:agent", now: now)
                XCTFail("an eleventh photo on \(database)")
            } catch let error as AttachmentError {
                XCTAssertEqual(error.field, "body", database)
            }
            do {
                _ = try await book.addPhoto(visit.id, photo(SampleFiles.script, name: "x.jpg"), agentId: "f-shanghai", by: "user:agent", now: now)
                XCTFail("a script stored as a photo on \(database)")
            } catch let error as AttachmentError {
                guard case .unsupportedType = error else { return XCTFail("\(error) on \(database)") }
            }
            let count = try await book.store.count("attachments")
            XCTAssertEqual(count, VisitBook.maximumPhotos, database)
        }
    }

    func testPhotosSentWithTheReportAreStoredWithIt() async throws {
        try await each { book, visit, database in
            let report = VisitReport(met: .nobody, visitors: 2, identificationShown: true, twoCollectorsPresent: true, situation: nil, difficulty: nil, promise: nil, plan: nil,
                                     note: nil, photos: [], photoFiles: [photo(), photo(SampleFiles.jpeg, name: "street.jpg")])
            _ = try await book.report(visit.id, report, agentId: "f-shanghai", policy: nil, limits: .standard, by: "user:agent", now: atTheVisit)
            let names = try await book.photos(of: visit.id).map(\.fileName).sorted()
            XCTAssertEqual(names, ["door.png", "street.jpg"], database)

            let refused = VisitReport(met: .nobody, visitors: 2, identificationShown: true, twoCollectorsPresent: true, situation: nil, difficulty: nil, promise: nil, plan: nil,
                                      note: nil, photos: [], photoFiles: [photo(SampleFiles.pdf, name: "paper.pdf")])
            let start = ContactRecords.instant("2026-11-25T05:00:00Z")!
            let other = try await book.dispatch(.init(caseId: "KW2", agentId: "f-shanghai", startsAt: start, endsAt: start.addingTimeInterval(3_600), location: nil),
                                                teams: VisitTeams(configured: FieldTeams.all), by: "user:boss", now: now)
            do {
                _ = try await book.report(other.id, refused, agentId: "f-shanghai", policy: nil, limits: .standard, by: "user:agent", now: atTheVisit)
                XCTFail("a PDF taken as a photo on \(database)")
            } catch is AttachmentError {}
            let status = try await book.find(other.id, agentId: nil)?.status
            XCTAssertEqual(status, .dispatched, "nothing of the refused report was written on \(database)")
        }
    }
}
