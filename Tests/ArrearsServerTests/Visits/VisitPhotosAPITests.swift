import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// A visit's photos through the API: `POST /api/v1/visits/:id/photos` (the body is the photo),
/// listed on `GET /api/v1/visits/:id`, downloaded at `…/photos/:attachment`.
final class VisitPhotosAPITests: XCTestCase {
    func testTheTeamUploadsAPhotoAndItComesBackByteForByte() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let visit = try await fixture.dispatchedVisit()
            let agent = try await fixture.token(.fieldAgent, agentId: "f-shanghai")
            let uploaded = try await fixture.upload("/api/v1/visits/\(visit.id)/photos?file_name=door.png", token: agent, contentType: "image/png", bytes: SampleFiles.png)
            XCTAssertEqual(uploaded.status, .created, "\(database): \(uploaded.json)")
            let id = try XCTUnwrap(uploaded.json["id"] as? String, database)
            XCTAssertEqual(uploaded.json["content_type"] as? String, "image/png", database)
            XCTAssertEqual(uploaded.json["byte_count"] as? Int, SampleFiles.png.count, database)
            XCTAssertEqual(uploaded.json["sha256"] as? String, ContentDigest.sha256(SampleFiles.png), database)

            let shown = try await fixture.api(.GET, "/api/v1/visits/\(visit.id)", token: agent)
            XCTAssertEqual((shown.json["photos"] as? [[String: Any]])?.map { $0["id"] as? String }, [id], database)
            let file = try await fixture.download("/api/v1/visits/\(visit.id)/photos/\(id)", token: agent)
            XCTAssertEqual(file.status, .ok, database)
            XCTAssertEqual(Data(file.body.readableBytesView), SampleFiles.png, database)
            XCTAssertEqual(file.headers.first(name: .contentType), "image/png", database)
            XCTAssertEqual(file.headers.first(name: .contentDisposition)?.contains("door.png"), true, database)
            XCTAssertEqual(file.headers.first(name: .cacheControl), "no-store", database)
            let supervisor = try await fixture.download("/api/v1/visits/\(visit.id)/photos/\(id)", token: try await fixture.token(.supervisor))
            XCTAssertEqual(Data(supervisor.body.readableBytesView), SampleFiles.png, database)

            let actions = try await fixture.auditActions()
            XCTAssertEqual(actions.filter { $0 == "visit_photo_added" }.count, 1, database)
            XCTAssertEqual(actions.filter { $0 == "view_personal_data" }.count, 2, "each download is a view on \(database)")
        }
    }

    func testRefusalsNameTheFieldAndTheRoleIsChecked() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let visit = try await fixture.dispatchedVisit()
            let agent = try await fixture.token(.fieldAgent, agentId: "f-shanghai")
            let path = "/api/v1/visits/\(visit.id)/photos?file_name=door.jpg"

            let script = try await fixture.upload(path, token: agent, contentType: "image/jpeg", bytes: SampleFiles.script)
            XCTAssertEqual([script.status.code.description, script.error["field"] ?? ""], ["415", "body"], database)
            let large = try await fixture.upload(path, token: agent, contentType: "image/jpeg", bytes: SampleFiles.jpeg(bytes: AttachmentUpload.maximumBytes + 1))
            XCTAssertEqual([large.status.code.description, large.error["field"] ?? ""], ["413", "body"], database)
            let noName = try await fixture.upload("/api/v1/visits/\(visit.id)/photos", token: agent, contentType: "image/jpeg", bytes: SampleFiles.jpeg)
            XCTAssertEqual([noName.status.code.description, noName.error["field"] ?? ""], ["422", "file_name"], database)
            let badName = try await fixture.upload("/api/v1/visits/\(visit.id)/photos?file_name=../x.jpg", token: agent, contentType: "image/jpeg",
                                                   bytes: SampleFiles.jpeg)
            XCTAssertEqual([badName.status.code.description, badName.error["field"] ?? ""], ["422", "file_name"], database)
            let empty = try await fixture.upload(path, token: agent, contentType: "image/jpeg", bytes: Data())
            XCTAssertEqual([empty.status.code.description, empty.error["field"] ?? ""], ["422", "body"], database)

            let collector = try await fixture.upload(path, token: try await fixture.token(.collector), contentType: "image/jpeg", bytes: SampleFiles.jpeg)
            XCTAssertEqual(collector.status, .forbidden, database)
            let supervisor = try await fixture.upload(path, token: try await fixture.token(.supervisor), contentType: "image/jpeg", bytes: SampleFiles.jpeg)
            XCTAssertEqual(supervisor.status, .forbidden, "only the team takes photos on \(database)")
            let other = try await fixture.token(.fieldAgent, agentId: "f-beijing")
            let otherTeam = try await fixture.upload(path, token: other, contentType: "image/jpeg", bytes: SampleFiles.jpeg)
            XCTAssertEqual(otherTeam.status, .notFound, database)

            let stored = try await fixture.upload(path, token: agent, contentType: "image/jpeg", bytes: SampleFiles.jpeg)
            let id = try XCTUnwrap(stored.json["id"] as? String, database)
            let otherDownload = try await fixture.download("/api/v1/visits/\(visit.id)/photos/\(id)", token: other)
            XCTAssertEqual(otherDownload.status, .notFound, database)
            let otherShow = try await fixture.api(.GET, "/api/v1/visits/\(visit.id)", token: other)
            XCTAssertEqual(otherShow.status, .notFound, database)
            let unknown = try await fixture.download("/api/v1/visits/\(visit.id)/photos/ATT-nope", token: agent)
            XCTAssertEqual(unknown.status, .notFound, database)
            let collectorDownload = try await fixture.download("/api/v1/visits/\(visit.id)/photos/\(id)", token: try await fixture.token(.collector))
            XCTAssertEqual(collectorDownload.status, .forbidden, database)
            let count = try await fixture.store.count("attachments")
            XCTAssertEqual(count, 1, "nothing refused was stored on \(database)")
        }
    }
}
