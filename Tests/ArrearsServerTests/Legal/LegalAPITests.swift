import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import SQLKit
import XCTVapor

final class LegalAPITests: XCTestCase {
    func testALegalOfficerWorksACaseThroughTheStages() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let legal = try await fixture.token(.legal)
            let opened = try await fixture.api(.POST, "/api/v1/legal-cases", token: legal, json: #"{"case_id":"KW1","reason":"refuses all contact"}"#)
            XCTAssertEqual(opened.status, .created, database)
            let id = try XCTUnwrap(opened.json["id"] as? String)
            XCTAssertEqual(opened.json["next_stages"] as? [String], ["demand_letter", "closed"], database)
            let payBy = LocalMoment(Date(), offset: 0).date.adding(days: 14).description
            let letter = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/demand-letter", token: legal, json: #"{"pay_by":"\#(payBy)"}"#)
            XCTAssertEqual(letter.status, .created, database)
            XCTAssertNotNil(letter.json["document_id"] as? String, database)
            let moved = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/stage", token: legal, json: #"{"stage":"demand_letter"}"#)
            XCTAssertEqual(moved.json["stage"] as? String, "demand_letter", database)
            let skipped = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/stage", token: legal, json: #"{"stage":"enforcement"}"#)
            XCTAssertEqual(skipped.status, .conflict, database)
            XCTAssertEqual(skipped.error["code"], "stage_refused", database)
            let noCourt = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/stage", token: legal, json: #"{"stage":"filed"}"#)
            XCTAssertEqual([noCourt.status.code.description, noCourt.error["field"] ?? ""], ["422", "court_name"], database)
            // No filing before the letter's pay-by date has passed (`LegalGateAPITests`): the letter is dated back.
            try await fixture.store.sql.raw("UPDATE legal_documents SET pay_by = '2020-01-01'").run()
            let filed = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/stage", token: legal,
                                              json: #"{"stage":"filed","court_name":"上海市浦东新区人民法院","court_case_number":"(2026)沪0115民初1号"}"#)
            XCTAssertEqual(filed.json["court_case_number"] as? String, "(2026)沪0115民初1号", database)
            _ = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/costs", token: legal, json: #"{"amount":"50.50","currency":"CNY","description":"受理费"}"#)
            let costed = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/costs", token: legal, json: #"{"amount":"3000.00","currency":"CNY","description":"律师费"}"#)
            XCTAssertEqual(costed.status, .created, database)
            XCTAssertEqual((costed.json["cost_totals"] as? [[String: String]])?.first?["amount"], "3050.50", database)
            let list = try await fixture.api(.GET, "/api/v1/legal-cases?stage=filed", token: try await fixture.token(.compliance))
            XCTAssertEqual((list.json["items"] as? [[String: Any]])?.map { $0["id"] as? String }, [id], database)
            XCTAssertTrue(list.json["next_cursor"] is NSNull, "\(database): the last page's next cursor is null, as on every list")
            let shown = try await fixture.api(.GET, "/api/v1/legal-cases/\(id)", token: legal)
            XCTAssertEqual((shown.json["stages"] as? [[String: Any]])?.count, 3, database)
            XCTAssertEqual((shown.json["documents"] as? [[String: Any]])?.first?["kind"] as? String, "demand_letter", database)
        }
    }

    func testBadInputNamesTheFieldAndRolesAreChecked() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let supervisor = try await fixture.token(.supervisor)
            let notReferred = try await fixture.api(.POST, "/api/v1/legal-cases", token: supervisor, json: #"{"case_id":"KW1","reason":"because"}"#)
            XCTAssertEqual([notReferred.status.code.description, notReferred.error["field"] ?? ""], ["422", "case_id"], database)
            let missing = try await fixture.api(.POST, "/api/v1/legal-cases", token: supervisor, json: "{}")
            XCTAssertEqual(missing.error["field"], "case_id", database)
            let notJSON = try await fixture.api(.POST, "/api/v1/legal-cases", token: supervisor, json: "nope")
            XCTAssertEqual(notJSON.status, .badRequest, database)
            let unknown = try await fixture.api(.POST, "/api/v1/legal-cases", token: try await fixture.token(.admin), json: #"{"case_id":"NOPE","reason":"x"}"#)
            XCTAssertEqual(unknown.status, .notFound, database)
            let compliance = try await fixture.token(.compliance)
            let readOnly = try await fixture.api(.POST, "/api/v1/legal-cases", token: compliance, json: #"{"case_id":"KW1","reason":"x"}"#)
            XCTAssertEqual(readOnly.status, .forbidden, database)
            let collector = try await fixture.api(.GET, "/api/v1/legal-cases", token: try await fixture.token(.collector, agentId: WorkbenchFixture.collector))
            XCTAssertEqual(collector.status, .forbidden, database)
            let badStage = try await fixture.api(.GET, "/api/v1/legal-cases?stage=appeal", token: compliance)
            XCTAssertEqual([badStage.status.code.description, badStage.error["field"] ?? ""], ["400", "stage"], database)
            let nothing = try await fixture.api(.GET, "/api/v1/legal-cases/LC-NOPE", token: compliance)
            XCTAssertEqual(nothing.status, .notFound, database)

            let legal = try await fixture.token(.legal)
            let id = try await fixture.api(.POST, "/api/v1/legal-cases", token: legal, json: #"{"case_id":"KW2","reason":"x"}"#).json["id"] as? String ?? ""
            let twice = try await fixture.api(.POST, "/api/v1/legal-cases", token: legal, json: #"{"case_id":"KW2","reason":"x"}"#)
            XCTAssertEqual([twice.status.code.description, twice.error["code"] ?? ""], ["409", "legal_case_exists"], database)
            for (json, field) in [(#"{"stage":"hearing_x"}"#, "stage"), (#"{"stage":"closed"}"#, "reason"), (#"{"stage":"demand_letter","on":"2099-01-01"}"#, "on"),
                                  (#"{"stage":"demand_letter","on":"soon"}"#, "on")] {
                let answer = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/stage", token: legal, json: json)
                XCTAssertEqual([answer.status.code.description, answer.error["field"] ?? ""], ["422", field], "\(json) on \(database)")
            }
            for (json, field) in [(#"{"amount":"-1","currency":"CNY","description":"x"}"#, "amount"), (#"{"amount":"1.005","currency":"CNY","description":"x"}"#, "amount"),
                                  (#"{"amount":"1","currency":"XXQ","description":"x"}"#, "currency"), (#"{"amount":"1","currency":"CNY","description":" "}"#, "description"),
                                  (#"{"amount":"1","currency":"CNY"}"#, "description")] {
                let answer = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/costs", token: legal, json: json)
                XCTAssertEqual([answer.status.code.description, answer.error["field"] ?? ""], ["422", field], "\(json) on \(database)")
            }
            let payBy = LocalMoment(Date(), offset: 0).date.adding(days: 14).description
            for (json, field) in [(#"{"pay_by":"2020-01-01"}"#, "pay_by"), (#"{"pay_by":"x"}"#, "pay_by"), (#"{"pay_by":"\#(payBy)","language":"fr"}"#, "language")] {
                let answer = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/demand-letter", token: legal, json: json)
                XCTAssertEqual(answer.error["field"], field, "\(json) on \(database)")
            }
            let closed = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/stage", token: legal, json: #"{"stage":"closed","reason":"paid"}"#)
            XCTAssertEqual(closed.json["close_reason"] as? String, "paid", database)
            let reopen = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/stage", token: legal, json: #"{"stage":"review"}"#)
            XCTAssertEqual(reopen.status, .conflict, database)
            let noLetter = try await fixture.api(.POST, "/api/v1/legal-cases/\(id)/demand-letter", token: legal, json: #"{"pay_by":"\#(payBy)"}"#)
            XCTAssertEqual(noLetter.error["code"], "legal_case_closed", database)
        }
    }
}
