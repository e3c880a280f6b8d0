import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// The field agent's report form with photos: multipart/form-data, the CSRF token one of its
/// fields, the photos then linked on the visit.
final class VisitPhotosPageTests: XCTestCase {
    func testTheAgentReportsWithPhotosAndTheVisitLinksThem() async throws {
        try await SecurityFixture.each { fixture, database in
            let (visit, agent) = try await Self.visitAndItsAgent(fixture)
            let day = try Self.bankDay(of: visit)
            let page = try await agent.get("/visits?date=\(day)&lang=en")
            XCTAssertTrue(page.body.string.contains(#"enctype="multipart/form-data""#) && page.body.string.contains(#"capture="environment""#), database)

            let form = ["met": "nobody", "visitors": "2", "identification_shown": "on", "two_collectors_present": "on"]
            let photos = [FormFile(field: "photos[]", fileName: "door.png", contentType: "image/png", bytes: SampleFiles.png),
                          FormFile(field: "photos[]", fileName: "门牌.jpg", contentType: "image/jpeg", bytes: SampleFiles.jpeg)]
            let forged = try await agent.postMultipart("/visits/\(visit.id)/report", form, files: photos, csrf: false)
            XCTAssertEqual(forged.status, .forbidden, "no CSRF token on \(database)")
            let script = try await agent.postMultipart("/visits/\(visit.id)/report", form,
                                                       files: [FormFile(field: "photos[]", fileName: "x.jpg", contentType: "image/jpeg", bytes: SampleFiles.script)])
            XCTAssertEqual(script.status, .unsupportedMediaType, database)
            XCTAssertTrue(script.body.string.contains("photos[]"), "\(database): the refusal names the field")

            let reported = try await agent.postMultipart("/visits/\(visit.id)/report", form, files: photos)
            XCTAssertEqual(reported.status, .seeOther, "\(database): \(reported.body.string.prefix(500))")
            let stored = try await VisitBook(store: fixture.store, places: VisitPlaces()).photos(of: visit.id)
            XCTAssertEqual(stored.map(\.fileName), ["door.png", "门牌.jpg"], database)

            let after = try await agent.get("/visits?date=\(day)&lang=en")
            let link = "/visits/\(visit.id)/photos/\(stored[0].id)"
            XCTAssertTrue(after.body.string.contains(link), database)
            let file = try await agent.get(link)
            XCTAssertEqual(Data(file.body.readableBytesView), SampleFiles.png, database)
            let actions = try await fixture.auditActions()
            XCTAssertEqual(actions.filter { $0 == "visit_photo_added" }.count, 2, database)
            XCTAssertEqual(actions.last, "view_personal_data", database)
        }
    }

    func testAReportWithoutPhotosStillWorks() async throws {
        try await SecurityFixture.each { fixture, database in
            let (visit, agent) = try await Self.visitAndItsAgent(fixture)
            _ = try await agent.get("/visits?date=\(try Self.bankDay(of: visit))")
            // A browser sends the empty file input as a part without a file name.
            let reported = try await agent.postMultipart("/visits/\(visit.id)/report", ["met": "nobody", "visitors": "2", "identification_shown": "on", "two_collectors_present": "on"],
                                                         files: [FormFile(field: "photos[]", fileName: "", contentType: "application/octet-stream", bytes: Data())])
            XCTAssertEqual(reported.status, .seeOther, "\(database): \(reported.body.string.prefix(500))")
            let count = try await fixture.store.count("attachments")
            XCTAssertEqual(count, 0, database)
        }
    }

    /// The day the visit starts on in the bank's zone (Shanghai), which the visits page lists it
    /// under: between 16:00 and 24:00 UTC that is the next day in UTC's terms.
    private static func bankDay(of visit: StoredVisit) throws -> String {
        let start = try XCTUnwrap(ISO8601DateFormatter().date(from: visit.startsAt), visit.startsAt)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: start)
    }

    /// A visit dispatched to f-shanghai on the workbench portfolio, and that team's agent signed in.
    private static func visitAndItsAgent(_ fixture: SecurityFixture) async throws -> (StoredVisit, Browser) {
        try await WorkbenchFixture.load(into: fixture.store)
        let visit = try await fixture.dispatchedVisit()
        try await fixture.addUser("agent", .fieldAgent, agentId: "f-shanghai")
        let agent = Browser(app: fixture.app)
        _ = try await agent.signIn("agent", SecurityFixture.password)
        return (visit, agent)
    }
}
