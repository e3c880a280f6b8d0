import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// The collector's workbench through the JSON API: the queue, the case file, promises, payments
/// and accounts, with their refusals.
final class WorkbenchAPITests: XCTestCase {
    static let policy = try! PolicyConfig.load(fromDirectory: PortfolioPageTests.packageRoot + "/config")

    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot,
                                        security: SecuritySettings(passwordCost: SecurityFixture.cost), policy: Self.policy)
            let fixture = SecurityFixture(store: store, app: try await buildApplication(context, environment: .testing))
            do { try await body(fixture, database) } catch { try await fixture.app.asyncShutdown(); throw error }
            try await fixture.app.asyncShutdown()
        }
    }

    private func collector(_ fixture: SecurityFixture) async throws -> String {
        try await fixture.token(.collector, agentId: WorkbenchFixture.collector)
    }

    private static func inDays(_ days: Int) -> String { LocalMoment(Date(), offset: 0).date.adding(days: days).description }

    func testTasksAreTheCollectorsQueueAPageAtATime() async throws {
        try await each { fixture, database in
            let token = try await collector(fixture)
            let first = try await fixture.api(.GET, "/api/v1/tasks?limit=1", token: token)
            XCTAssertEqual(first.status, .ok, database)
            let items = first.json["items"] as? [[String: Any]] ?? []
            XCTAssertEqual(items.map { $0["case_id"] as? String }, ["KW1"])
            XCTAssertEqual(items.first?["customer_name"] as? String, "王芳")
            XCTAssertEqual((items.first?["overdue"] as? [String: String])?["amount"], "2000.00")
            XCTAssertNotNil((items.first?["contact_now"] as? [String: Any])?["allowed"], "each task says whether contact is allowed now")
            let cursor = try XCTUnwrap(first.json["next_cursor"] as? String)
            let second = try await fixture.api(.GET, "/api/v1/tasks?limit=1&cursor=\(cursor)", token: token)
            XCTAssertEqual((second.json["items"] as? [[String: Any]])?.map { $0["case_id"] as? String }, ["KW3"])
            XCTAssertTrue(second.json["next_cursor"] is NSNull, "the last page's next cursor is null")

            let badCursor = try await fixture.api(.GET, "/api/v1/tasks?cursor=zzz", token: token)
            XCTAssertEqual(badCursor.status, .badRequest)
            XCTAssertEqual(badCursor.error["field"], "cursor")
            let badLimit = try await fixture.api(.GET, "/api/v1/tasks?limit=0", token: token)
            XCTAssertEqual(badLimit.error["field"], "limit")
            let supervisor = try await fixture.api(.GET, "/api/v1/tasks", token: try await fixture.token(.supervisor))
            XCTAssertEqual(supervisor.status, .forbidden, "the queue is for the people who work cases")
            let nobody = try await fixture.api(.GET, "/api/v1/tasks")
            XCTAssertEqual(nobody.status, .unauthorized)
        }
    }

    func testTheCaseFileIsScopedAndMasksPersonalData() async throws {
        try await each { fixture, database in
            let token = try await collector(fixture)
            let file = try await fixture.api(.GET, "/api/v1/cases/KW1", token: token)
            XCTAssertEqual(file.status, .ok, database)
            XCTAssertEqual((file.json["case"] as? [String: Any])?["dpd"] as? Int, 53)
            XCTAssertEqual((file.json["customer"] as? [String: Any])?["mobile"] as? String, "138****8000")
            let accounts = file.json["accounts"] as? [[String: Any]] ?? []
            XCTAssertEqual(accounts.map { $0["id"] as? String }, ["AW1"])
            XCTAssertEqual((accounts.first?["dues"] as? [Any])?.count, 2)
            XCTAssertEqual((file.json["open_tasks"] as? [[String: Any]])?.map { $0["id"] as? String }, ["KW1:2026-11-23"])
            XCTAssertEqual((file.json["contact_now"] as? [[String: Any]])?.map { $0["channel"] as? String }, ["call", "sms", "visit"])

            let others = try await fixture.api(.GET, "/api/v1/cases/KW2", token: token)
            XCTAssertEqual(others.status, .notFound, "another collector's case does not exist for this one")
            let missing = try await fixture.api(.GET, "/api/v1/cases/NOPE", token: token)
            XCTAssertEqual(missing.status, .notFound)
            let supervisor = try await fixture.api(.GET, "/api/v1/cases/KW2", token: try await fixture.token(.supervisor))
            XCTAssertEqual(supervisor.status, .ok, "supervisors see every case")
            let gateway = try await fixture.api(.GET, "/api/v1/cases/KW1", token: try await fixture.token(.gateway))
            XCTAssertEqual(gateway.status, .forbidden)
        }
    }

    func testTakingAPromiseValidatesEveryFieldAndAllowsOnePending() async throws {
        try await each { fixture, database in
            let token = try await collector(fixture)
            func take(_ json: String) async throws -> APIAnswer { try await fixture.api(.POST, "/api/v1/promises", token: token, json: json) }
            let due = Self.inDays(7)
            let refusals: [(String, HTTPStatus, String)] = [
                (#"{"case_id":"KW1","amount":"0","currency":"CNY","due_on":"\#(due)"}"#, .unprocessableEntity, "amount"),
                (#"{"case_id":"KW1","amount":"1.234","currency":"CNY","due_on":"\#(due)"}"#, .unprocessableEntity, "amount"),
                (#"{"case_id":"KW1","amount":"100","currency":"USD","due_on":"\#(due)"}"#, .unprocessableEntity, "currency"),
                (#"{"case_id":"KW1","amount":"100","currency":"XXQ","due_on":"\#(due)"}"#, .unprocessableEntity, "currency"),
                (#"{"case_id":"KW1","amount":"100","currency":"CNY","due_on":"\#(Self.inDays(31))"}"#, .unprocessableEntity, "due_on"),
                (#"{"case_id":"KW1","amount":"100","currency":"CNY","due_on":"soon"}"#, .unprocessableEntity, "due_on"),
                (#"{"case_id":"KW1","amount":100,"currency":"CNY","due_on":"\#(due)"}"#, .unprocessableEntity, "amount"),
                (#"{"amount":"100","currency":"CNY","due_on":"\#(due)"}"#, .unprocessableEntity, "case_id"),
                (#"{"case_id":"KW2","amount":"100","currency":"CNY","due_on":"\#(due)"}"#, .notFound, "case_id"),
            ]
            for (json, status, field) in refusals {
                let answer = try await take(json)
                XCTAssertEqual(answer.status, status, "\(json) (\(database))")
                XCTAssertEqual(answer.error["field"], field, json)
            }
            let notJSON = try await fixture.api(.POST, "/api/v1/promises", token: token, json: "amount=1")
            XCTAssertEqual(notJSON.status, .badRequest)

            let taken = try await take(#"{"case_id":"KW1","amount":"500.50","currency":"CNY","due_on":"\#(due)"}"#)
            XCTAssertEqual(taken.status, .created)
            XCTAssertEqual(taken.json["status"] as? String, "pending")
            XCTAssertEqual((taken.json["amount"] as? [String: String])?["amount"], "500.50")
            let again = try await take(#"{"case_id":"KW1","amount":"100","currency":"CNY","due_on":"\#(due)"}"#)
            XCTAssertEqual(again.status, .conflict)
            XCTAssertEqual(again.error["code"], "promise_pending")

            let listed = try await fixture.api(.GET, "/api/v1/customers/CW1/promises", token: token)
            XCTAssertEqual((listed.json["items"] as? [[String: Any]])?.map { $0["id"] as? String }, [taken.json["id"] as? String])
            let othersList = try await fixture.api(.GET, "/api/v1/customers/CW2/promises", token: token)
            XCTAssertEqual(othersList.status, .notFound)
            let strategy = try await fixture.api(.POST, "/api/v1/promises", token: try await fixture.token(.strategyManager),
                                                 json: #"{"case_id":"KW3","amount":"1","currency":"CNY","due_on":"\#(due)"}"#)
            XCTAssertEqual(strategy.status, .forbidden)
        }
    }

    func testPostingAPaymentIsIdempotentByItsIdAndMovesThePosition() async throws {
        try await each { fixture, database in
            let gateway = try await fixture.token(.gateway)
            func post(_ json: String, token: String? = nil) async throws -> APIAnswer {
                try await fixture.api(.POST, "/api/v1/payments", token: token ?? gateway, json: json)
            }
            let payment = #"{"payment_id":"BANK-1","account_id":"AW1","paid_on":"2026-11-23","amount":"1000.00","currency":"CNY","channel":"counter"}"#
            let first = try await post(payment)
            XCTAssertEqual(first.status, .created, database)
            let position = first.json["position"] as? [String: Any]
            XCTAssertEqual(position?["dpd"] as? Int, 22)
            XCTAssertEqual((position?["overdue"] as? [String: String])?["amount"], "1000.00")
            let again = try await post(payment)
            XCTAssertEqual(again.status, .ok, "the same payment again changes nothing")
            let changed = try await post(#"{"payment_id":"BANK-1","account_id":"AW1","paid_on":"2026-11-23","amount":"999.00","currency":"CNY"}"#)
            XCTAssertEqual(changed.status, .conflict)
            XCTAssertEqual(changed.error["code"], "payment_conflict")
            let unknown = try await post(#"{"payment_id":"BANK-2","account_id":"NOPE","paid_on":"2026-11-23","amount":"1","currency":"CNY"}"#)
            XCTAssertEqual(unknown.status, .notFound)
            XCTAssertEqual(unknown.error["field"], "account_id")
            let badDate = try await post(#"{"payment_id":"BANK-3","account_id":"AW1","paid_on":"23/11/2026","amount":"1","currency":"CNY"}"#)
            XCTAssertEqual(badDate.error["field"], "paid_on")
            let negative = try await post(#"{"payment_id":"BANK-4","account_id":"AW1","paid_on":"2026-11-23","amount":"-1","currency":"CNY"}"#)
            XCTAssertEqual(negative.error["field"], "amount")
            let missing = try await post(#"{"account_id":"AW1","paid_on":"2026-11-23","amount":"1","currency":"CNY"}"#)
            XCTAssertEqual(missing.error["field"], "payment_id")
            let collector = try await post(payment, token: try await collector(fixture))
            XCTAssertEqual(collector.status, .forbidden, "collectors do not post payments")

            let account = try await fixture.api(.GET, "/api/v1/accounts/AW1", token: try await fixture.token(.supervisor))
            XCTAssertEqual((account.json["payments"] as? [[String: Any]])?.map { $0["payment_id"] as? String }, ["BANK-1"])
            XCTAssertEqual((account.json["position"] as? [String: Any])?["dpd"] as? Int, 22)
        }
    }

    func testAnAccountIsScopedLikeItsCustomer() async throws {
        try await each { fixture, database in
            let token = try await collector(fixture)
            let mine = try await fixture.api(.GET, "/api/v1/accounts/AW1", token: token)
            XCTAssertEqual(mine.status, .ok, database)
            XCTAssertEqual(mine.json["currency"] as? String, "CNY")
            XCTAssertEqual((mine.json["dues"] as? [[String: Any]])?.count, 2)
            let others = try await fixture.api(.GET, "/api/v1/accounts/AW2", token: token)
            XCTAssertEqual(others.status, .notFound)
            let gateway = try await fixture.api(.GET, "/api/v1/accounts/AW1", token: try await fixture.token(.gateway))
            XCTAssertEqual(gateway.status, .forbidden)
        }
    }
}
