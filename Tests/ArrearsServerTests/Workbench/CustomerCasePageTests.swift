import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// The case page as a customer 360 (issue 25): the header agrees with the accounts, "reveal and
/// call" shows the mobile once (audited, through the policy pack), a plan is quoted to the cent
/// before it is proposed, on the oldest overdue account unless another is picked, the timeline
/// filters by kind, and the talk track follows the segment. On `WorkbenchFixture`'s book
/// (Asia/Shanghai), with the server's clock at 2026-11-24 10:00 in Shanghai.
final class CustomerCasePageTests: XCTestCase {
    /// 2026-11-24T02:00:00Z: 10:00 in Shanghai, within the cn pack's calling hours.
    static let morning = Date(timeIntervalSince1970: 1_795_485_600)

    private func each(at start: Date = morning, _ body: (SecurityFixture, FakeClock, String) async throws -> Void) async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let clock = FakeClock(start)
            var context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot,
                                        security: SecuritySettings(passwordCost: SecurityFixture.cost), policy: WorkbenchAPITests.policy)
            context.now = clock.reading
            context.talkTracks = try TalkTracksConfig.load(fromDirectory: PortfolioPageTests.packageRoot + "/config")
            let fixture = SecurityFixture(store: store, app: try await buildApplication(context, environment: .testing))
            do { try await body(fixture, clock, database) } catch { try await fixture.app.asyncShutdown(); throw error }
            try await fixture.app.asyncShutdown()
        }
    }

    private func collector(_ fixture: SecurityFixture) async throws -> Browser {
        try await fixture.addUser("zhang", .collector, agentId: WorkbenchFixture.collector)
        let browser = Browser(app: fixture.app)
        _ = try await browser.signIn("zhang", SecurityFixture.password)
        return browser
    }

    /// The text of the element with `id`, up to its first closing tag.
    private func element(_ id: String, in page: String) -> String? {
        guard let start = page.range(of: "id=\"\(id)\"") else { return nil }
        let rest = page[start.upperBound...]
        guard let open = rest.firstIndex(of: ">"), let close = rest.range(of: "</") else { return nil }
        return String(rest[rest.index(after: open)..<close.lowerBound])
    }

    func testTheHeadersDaysPastDueAreTheAccountsEvenAfterAPositionMovedPastTheDailyRun() async throws {
        try await each { fixture, _, database in
            // A payment or a recompute after the run dates the account's position later than the
            // case's row (which the run wrote with 53 days on 2026-11-23).
            _ = try await AccountRecompute(buckets: .standard).recomputeWithCase(accountId: "AW1", atLeastAsOf: LocalDate(iso: "2026-11-25")!,
                                                                                 on: fixture.store.sql)
            let browser = try await collector(fixture)
            let page = try await browser.get("/work/cases/KW1?lang=en").body.string
            XCTAssertEqual(element("header-dpd", in: page), "DPD 55", "\(database): the header says what the account says")
            let row = try XCTUnwrap(page.range(of: "id=\"account-AW1\"").map { String(page[$0.upperBound...].prefix(400)) }, database)
            XCTAssertTrue(row.contains("<td class=\"num\">55</td>"), "\(database): \(row)")
            XCTAssertEqual(element("header-overdue", in: page), "2,000.00 CNY", database)
            let accounts = try XCTUnwrap(page.range(of: "id=\"accounts-section\""), database)
            let timeline = try XCTUnwrap(page.range(of: "id=\"timeline\""), database)
            XCTAssertLessThan(accounts.lowerBound, timeline.lowerBound, "\(database): the accounts come before the history")
        }
    }

    func testRevealShowsTheMobileOnceWithATelLinkAuditedWithItsReason() async throws {
        try await each { fixture, _, database in
            let browser = try await collector(fixture)
            let before = try await browser.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(before.contains("138****8000") && !before.contains("tel:"), "\(database): masked, nothing to dial")

            let short = try await browser.post("/work/cases/KW1/reveal", ["reason": "call"])
            XCTAssertEqual(short.status, .unprocessableEntity, database)
            XCTAssertTrue(short.body.string.contains("id=\"form-error\"") && !short.body.string.contains("tel:"), database)

            let reason = "returning the customer's call about the plan"
            let revealed = try await browser.post("/work/cases/KW1/reveal", ["reason": reason])
            XCTAssertEqual(revealed.status, .ok, database)
            XCTAssertTrue(revealed.body.string.contains("href=\"tel:13800138000\""), "\(database): the number to dial")
            XCTAssertEqual(revealed.headers.first(name: .cacheControl), "no-store", database)
            let views = try await fixture.auditEntries().filter { $0.action == "view_personal_data" && $0.subject == "CW1" }
            XCTAssertEqual(views.count, 1, "\(database): one reveal, one record; the refused one none")
            XCTAssertTrue(views.first.map { $0.details.contains(reason) && $0.details.contains("mobile") } ?? false, database)

            let again = try await browser.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(again.contains("138****8000") && !again.contains("13800138000"), "\(database): shown once, masked again")
        }
    }

    func testRevealIsRefusedWhenThePackForbidsTheCallNow() async throws {
        // 2026-11-24T15:00:00Z: 23:00 in Shanghai, outside the cn pack's calling hours.
        try await each(at: Self.morning.addingTimeInterval(13 * 3_600)) { fixture, _, database in
            let browser = try await collector(fixture)
            _ = try await browser.get("/work/cases/KW1?lang=en")
            let refused = try await browser.post("/work/cases/KW1/reveal", ["reason": "returning the customer's call about the plan"])
            XCTAssertEqual(refused.status, .conflict, database)
            XCTAssertFalse(refused.body.string.contains("13800138000"), "\(database): no number to dial outside the hours")
            let views = try await fixture.auditEntries().filter { $0.action == "view_personal_data" }
            XCTAssertTrue(views.isEmpty, database)
        }
    }

    func testAPlanIsQuotedToTheCentBeforeItIsProposedAndStoredAsQuoted() async throws {
        try await each { fixture, _, database in
            let browser = try await collector(fixture)
            _ = try await browser.get("/work/cases/KW1?lang=en")
            let first = LocalDate.today().adding(days: 10).description
            let quote = try await browser.post("/work/cases/KW1/arrangements/quote", ["kind": "instalment_plan", "account_id": "AW1", "count": "3", "first_date": first])
            XCTAssertEqual(quote.status, .ok, database)
            let page = quote.body.string
            XCTAssertEqual(element("quote-amount", in: page), "2000.00 CNY", database)
            XCTAssertEqual(element("quote-sum", in: page), "2000.00 CNY", "\(database): the instalments add up to the amount")
            let quoted = amounts(inQuote: page)
            XCTAssertEqual(quoted.count, 3, database)
            let none = try await Arrangements.list(accountIds: ["AW1"], on: fixture.store.sql)
            XCTAssertTrue(none.isEmpty, "\(database): a quote stores nothing")

            let proposed = try await browser.post("/work/cases/KW1/arrangements", ["kind": "instalment_plan", "account_id": "AW1", "count": "3", "first_date": first])
            XCTAssertEqual(proposed.status, .seeOther, database)
            let arrangements = try await Arrangements.list(accountIds: ["AW1"], on: fixture.store.sql)
            let stored = try XCTUnwrap(arrangements.first, database)
            XCTAssertEqual(stored.instalments.map { DecimalAmount.format($0.amount, minorDigits: 2) }, quoted, "\(database): stored as quoted")
            XCTAssertEqual(stored.instalments.reduce(0) { $0 + $1.amount }, 200_000, database)
        }
    }

    func testTheAccountPickerChoosesTheOldestOverdueAccount() async throws {
        try await each { fixture, _, database in
            let sql = fixture.store.sql
            try await sql.raw("""
                INSERT INTO accounts (id, customer_id, product, currency, principal_minor, opened_on)
                VALUES ('AW1-OLD', 'CW1', 'credit_card', 'CNY', 50000, '2025-01-01')
                """).run()
            try await sql.raw("INSERT INTO dues (account_id, due_on, principal_minor, interest_minor, fees_minor) VALUES ('AW1-OLD', '2026-08-01', 40000, 500, 0)").run()
            _ = try await AccountRecompute(buckets: .standard).recompute(accountId: "AW1-OLD", atLeastAsOf: WorkbenchFixture.asOf, on: sql)
            let browser = try await collector(fixture)
            let page = try await browser.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(page.contains("<option value=\"AW1-OLD\" selected>"), "\(database): the oldest overdue, though not the largest")
            XCTAssertEqual(element("header-dpd", in: page), "DPD 114", database)
            let chinese = try await browser.get("/work/cases/KW1?lang=zh-CN").body.string
            XCTAssertTrue(chinese.contains("信用卡") && !chinese.contains("credit_card"), "\(database): the product in words")
        }
    }

    func testTheTimelineFiltersByKindAndTheTalkTrackFollowsTheSegment() async throws {
        try await each { fixture, _, database in
            let browser = try await collector(fixture)
            _ = try await browser.get("/work/cases/KW1?lang=en")
            let logged = try await browser.post("/work/cases/KW1/attempts", ["channel": "call", "outcome": "hardship", "note": "lost his job"])
            XCTAssertEqual(logged.status, .seeOther, database)
            let all = try await browser.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(all.contains("lost his job"), database)
            XCTAssertTrue(all.contains("Firm: a clear date, keep talking"), "\(database): the standard segment's tone")
            XCTAssertTrue(all.contains("The customer claims hardship"), "\(database): what to say to a hardship claim")
            let payments = try await browser.get("/work/cases/KW1?lang=en&kind=payment").body.string
            XCTAssertFalse(payments.contains("lost his job"), "\(database): only payments")
            let contacts = try await browser.get("/work/cases/KW1?lang=zh-CN&kind=contact").body.string
            XCTAssertTrue(contacts.contains("lost his job") && contacts.contains("经济困难"), database)
            XCTAssertFalse(contacts.contains(">hardship<") || contacts.contains("(hardship)"), "\(database): no raw outcome code")
        }
    }

    /// The instalment amounts of the quote's table, in order.
    private func amounts(inQuote page: String) -> [String] {
        guard let table = page.range(of: "id=\"quote-instalments\""), let end = page.range(of: "</tbody>", range: table.upperBound..<page.endIndex) else { return [] }
        return page[table.upperBound..<end.lowerBound].components(separatedBy: "<td class=\"num\">").dropFirst().compactMap { $0.components(separatedBy: "<").first }
    }
}
