import ArrearsCore
import ArrearsServer
import Foundation
import XCTVapor

/// `GET /api/v1/cases`: scoped to the reader's work, paged by cursor.
final class CaseListTests: XCTestCase {
    private func ids(_ answer: APIAnswer) -> [String] {
        ((answer.json["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
    }

    func testCollectorsSeeTheirOwnCasesAndTheBackOfficeSeesAll() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let collector = try await fixture.api(.GET, "/api/v1/cases", token: try await fixture.token(.collector, agentId: "c-li-na"))
            XCTAssertEqual(collector.status, .ok, database)
            XCTAssertEqual(ids(collector), ["KC2"], database)
            let fieldAgent = try await fixture.api(.GET, "/api/v1/cases", token: try await fixture.token(.fieldAgent, agentId: "f-shanghai"))
            XCTAssertEqual(ids(fieldAgent), ["KC3"], database)
            for role in [Role.supervisor, .admin, .compliance, .legal] {
                let all = try await fixture.api(.GET, "/api/v1/cases", token: try await fixture.token(role))
                XCTAssertEqual(ids(all), ["KC1", "KC2", "KC3"], "\(role) \(database)")
            }
            for role in [Role.strategyManager, .gateway] {
                let refused = try await fixture.api(.GET, "/api/v1/cases", token: try await fixture.token(role))
                XCTAssertEqual(refused.status, .forbidden, "\(role) \(database)")
            }
        }
    }

    func testACaseShowsItsStateAmountAndAssignee() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let answer = try await fixture.api(.GET, "/api/v1/cases?limit=1", token: try await fixture.token(.supervisor))
            let item = try XCTUnwrap((answer.json["items"] as? [[String: Any]])?.first, database)
            XCTAssertEqual(item["id"] as? String, "KC1")
            XCTAssertEqual(item["customer_id"] as? String, "C1")
            XCTAssertEqual(item["status"] as? String, "open")
            XCTAssertEqual(item["segment"] as? String, "standard")
            XCTAssertEqual(item["bucket"] as? String, "16-30")
            XCTAssertEqual(item["dpd"] as? Int, 21)
            XCTAssertEqual(item["overdue"] as? [String: String], ["amount": "1234.50", "currency": "CNY"])
            XCTAssertEqual(item["assigned_to"] as? String, "c-zhang-wei")
        }
    }

    func testPagesFollowTheCursorToTheEnd() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let token = try await fixture.token(.admin)
            var seen: [String] = []
            var path = "/api/v1/cases?limit=2"
            while true {
                let answer = try await fixture.api(.GET, path, token: token)
                XCTAssertEqual(answer.status, .ok, database)
                seen += ids(answer)
                XCTAssertTrue(answer.json.keys.contains("next_cursor"), "next_cursor is null on the last page, never missing")
                guard let cursor = answer.json["next_cursor"] as? String else { break }
                path = "/api/v1/cases?limit=2&cursor=\(cursor)"
            }
            XCTAssertEqual(seen, ["KC1", "KC2", "KC3"], database)
        }
    }

    func testABadCursorOrLimitIsABadRequestNamingIt() async throws {
        try await SecurityFixture.each { fixture, database in
            let token = try await fixture.token(.admin)
            for (query, field) in [("cursor=not-ours!", "cursor"), ("cursor=", "cursor"), ("limit=0", "limit"), ("limit=201", "limit"), ("limit=ten", "limit")] {
                let answer = try await fixture.api(.GET, "/api/v1/cases?\(query)", token: token)
                XCTAssertEqual(answer.status, .badRequest, "\(query) \(database)")
                XCTAssertEqual(answer.error["field"], field, query)
            }
        }
    }
}
