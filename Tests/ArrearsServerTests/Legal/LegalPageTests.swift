import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

final class LegalPageTests: XCTestCase {
    func testALegalOfficerOpensMovesCostsAndPrintsALetter() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let browser = try await fixture.signedIn(.legal)
            let list = try await browser.get("/legal?lang=en")
            XCTAssertEqual(list.status, .ok, database)
            XCTAssertTrue(list.body.string.contains("Take a case into legal"), database)
            let opened = try await browser.post("/legal", ["case_id": "KW1", "reason": "refuses all contact"])
            XCTAssertEqual(opened.headers.first(name: .location), "/legal/LC-KW1", database)
            let page = try await browser.get("/legal/LC-KW1")
            XCTAssertTrue(page.body.string.contains("审查"), "Chinese by default on \(database)")
            let moved = try await browser.post("/legal/LC-KW1/stage", ["stage": "demand_letter", "on": "", "court_name": "", "court_case_number": "", "reason": ""])
            XCTAssertEqual(moved.status, .seeOther, database)
            let refused = try await browser.post("/legal/LC-KW1/stage", ["stage": "judgment", "on": "", "reason": ""])
            XCTAssertEqual(refused.status, .conflict, database)
            XCTAssertTrue(refused.body.string.contains("legal-error"), database)
            let cost = try await browser.post("/legal/LC-KW1/costs", ["amount": "50.50", "currency": "CNY", "description": "受理费", "incurred_on": ""])
            XCTAssertEqual(cost.status, .seeOther, database)
            let badCost = try await browser.post("/legal/LC-KW1/costs", ["amount": "abc", "currency": "CNY", "description": "x", "incurred_on": ""])
            XCTAssertEqual(badCost.status, .unprocessableEntity, database)
            let payBy = LocalMoment(Date(), offset: 0).date.adding(days: 10).description
            let letter = try await browser.post("/legal/LC-KW1/demand-letter", ["pay_by": payBy, "language": ""])
            let location = try XCTUnwrap(letter.headers.first(name: .location), database)
            XCTAssertTrue(location.hasPrefix("/legal/LC-KW1/letters/"), database)
            let printed = try await browser.get(location)
            XCTAssertEqual(printed.status, .ok, database)
            XCTAssertTrue(printed.body.string.contains("上海市浦东新区世纪大道 100 号"), database)
            XCTAssertTrue(printed.body.string.contains("legal-letter.css"), database)
            XCTAssertFalse(printed.body.string.contains("<header>"), "no navigation on the letter on \(database)")
            let shown = try await browser.get("/legal/LC-KW1?lang=en")
            XCTAssertTrue(shown.body.string.contains("50.50 CNY"), database)
            XCTAssertTrue(shown.body.string.contains("Demand letter"), database)
            let views = try await fixture.store.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'view_personal_data'")
            XCTAssertEqual(views, 2, database)
        }
    }

    func testCollectorsAndComplianceHaveNoLegalPages() async throws {
        try await SecurityFixture.each { fixture, database in
            for role in [Role.collector, .compliance] {
                let browser = try await fixture.signedIn(role)
                let answer = try await browser.get("/legal")
                XCTAssertEqual(answer.status, .forbidden, "\(role) on \(database)")
            }
        }
    }
}
