import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// `/s/:token`: the link in a reminder opens the customer's own page, where they see what they
/// owe and how to pay, promise to pay or ask for a plan within the bank's limits, without a login.
final class SelfServicePageTests: XCTestCase {
    static let config = PortfolioPageTests.packageRoot + "/config"

    /// The day the reminder is sent: today (UTC), or the last day before it that is not one of the
    /// pack's holidays (on a holiday the pack holds every message). The link lives 14 days from
    /// it and the customer's promises are judged against the real date, so the day follows the
    /// clock: a fixed date made every test fail once its link had expired.
    private static func runDate() throws -> LocalDate {
        let holidays = try PolicyConfig.load(fromDirectory: config).pack.holidays
        var day = LocalDate.today()
        while holidays.holiday(on: day) != nil { day = day.adding(days: -1) }
        return day
    }

    /// C1 (rating C: the standard segment) owes 115.00 that fell due five days before the run,
    /// and 115.00 more in 25 days; the daily run sends an SMS reminder. Returns the path in it.
    private func remind(_ store: Store) async throws -> String {
        let runDate = try Self.runDate()
        let files = try CSVFiles()
        defer { files.remove() }
        for (kind, lines) in [
            (ImportKind.customers, ["customer_id,name,mobile,time_zone,language,credit_rating", "C1,Alice Smith,13800138000,Asia/Shanghai,en,C"]),
            (.accounts, ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,personal_loan,CNY,3000,\(runDate.adding(days: -300))"]),
            (.dues, ["account_id,due_on,principal,interest,fees", "A1,\(runDate.adding(days: -5)),100.00,10.00,5.00", "A1,\(runDate.adding(days: 25)),100.00,10.00,5.00"]),
        ] {
            let result = try await store.importCollecting(kind, try files.write("\(kind.rawValue).csv", lines))
            XCTAssertFalse(result.rejected, "\(result.issues)")
        }
        let run = DailyRun(store: store, strategy: try StrategyConfig.load(path: Self.config + "/strategy.yaml", buckets: .standard),
                           buckets: .standard, agents: try TeamsConfig.load(fromDirectory: Self.config), policy: try PolicyConfig.load(fromDirectory: Self.config))
        _ = try await run.run(runDate)
        let message = try await store.sql.raw("SELECT body FROM outbox_messages WHERE customer_id = 'C1'").first()
        let body = try XCTUnwrap(try message?.decode(column: "body", as: String.self), "the run sent a reminder")
        let start = try XCTUnwrap(body.range(of: "http://127.0.0.1:8080/s/"), body)
        let token = body[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        return "/s/" + token.trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await TestDatabases.each { store, database in
            var context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot,
                                        security: SecuritySettings(passwordCost: SecurityFixture.cost))
            context.selfService = try SelfServiceConfig.load(fromDirectory: Self.config)
            let fixture = SecurityFixture(store: store, app: try await buildApplication(context, environment: .testing))
            do { try await body(fixture, database) } catch { try await fixture.app.asyncShutdown(); throw error }
            try await fixture.app.asyncShutdown()
        }
    }

    private func post(_ app: Application, _ path: String, _ form: String) async throws -> XCTHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await app.sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: form))
    }

    private func day(_ offset: Int) -> String {
        LocalDate.today().adding(days: offset).description
    }

    func testTheReminderLinkShowsWhatIsOwedAndTakesAPromise() async throws {
        try await each { fixture, database in
            let path = try await remind(fixture.store)
            let page = try await fixture.app.sendRequest(.GET, path)
            XCTAssertEqual(page.status, .ok, database)
            let html = page.body.string
            XCTAssertTrue(html.contains("Hello, Alice Smith"), "in the customer's language, English")
            XCTAssertTrue(html.contains(#"<tr data-account="A1"><td>Personal loan A1</td><td class="num">115.00 CNY</td><td class="num">230.00 CNY</td><td class="num">5</td></tr>"#), html)
            XCTAssertTrue(html.contains(#"<p id="how-to-pay">Pay by bank transfer"#))
            XCTAssertFalse(html.contains("13800138000"), "no personal data beyond the name: the link may be forwarded")

            let tooLate = try await post(fixture.app, path + "/promise", "amount=115.00&due_on=\(day(30))")
            XCTAssertEqual(tooLate.status, .unprocessableEntity, database)
            XCTAssertTrue(tooLate.body.string.contains("within 14 days"), "the bank's limit, config/selfservice.yaml")
            // What the customer typed stays, the error beside the date, in the page's language.
            for (query, words) in [("", "within 14 days"), ("?lang=zh-CN", "14 天内")] {
                let refused = try await post(fixture.app, path + "/promise" + query, "amount=115.00&due_on=\(day(30))").body.string
                XCTAssertTrue(refused.contains(#"name="amount" value="115.00""#) && refused.contains(#"name="due_on" value="\#(day(30))""#), "\(database) \(query): \(refused)")
                let beside = try XCTUnwrap(refused.range(of: #"id="error-promise-due_on""#).map { String(refused[$0.upperBound...].prefix(200)) }, "\(database) \(query)")
                XCTAssertTrue(beside.contains(words), "\(database) \(query): \(beside)")
            }
            let promised = try await post(fixture.app, path + "/promise", "amount=115.00&due_on=\(day(7))")
            XCTAssertEqual(promised.status, .ok, database)
            XCTAssertTrue(promised.body.string.contains(#"<p id="pending-promise">You promised: 115.00 CNY · \#(day(7))</p>"#), promised.body.string)
            let stored = try await fixture.store.count("promises WHERE customer_id = 'C1' AND status = 'pending' AND amount_minor = 11500")
            XCTAssertEqual(stored, 1, database)
            let audited = try await fixture.auditEntries().filter { $0.actor == "customer-link:C1" }
            XCTAssertFalse(audited.isEmpty, "what the customer did is audited as theirs: \(database)")
        }
    }

    func testAPlanRequestWithinTheLimitsWaitsForApproval() async throws {
        try await each { fixture, database in
            let path = try await remind(fixture.store)
            let tooMany = try await post(fixture.app, path + "/plan", "count=12&first_date=\(day(5))")
            XCTAssertEqual(tooMany.status, .unprocessableEntity, database)
            let asked = try await post(fixture.app, path + "/plan", "count=3&first_date=\(day(5))")
            XCTAssertEqual(asked.status, .ok, database)
            XCTAssertTrue(asked.body.string.contains("<li>Instalment plan · waiting for approval</li>"), asked.body.string)
            let proposed = try await fixture.store.count("arrangements WHERE customer_id = 'C1' AND status = 'proposed' AND instalment_count = 3")
            XCTAssertEqual(proposed, 1, "a supervisor decides: \(database)")
        }
    }

    func testTheCustomerWhoAskedIsToldTheAnswerBySMS() async throws {
        try await each { fixture, database in
            let path = try await remind(fixture.store)
            let asked = try await post(fixture.app, path + "/plan", "count=3&first_date=\(day(5))")
            XCTAssertEqual(asked.status, .ok, database)
            let waiting = try await Arrangements.list(status: .proposed, accountId: "A1", scope: .all, after: nil, limit: 10, on: fixture.store.sql)
            let request = try XCTUnwrap(waiting.first, database)
            let supervisor = try await fixture.signedIn(.supervisor)
            _ = try await supervisor.get("/supervisor")
            let rejected = try await supervisor.post("/supervisor/arrangements/\(request.id)/reject", ["note": "income not shown", "confirm": "yes"])
            XCTAssertEqual(rejected.status, .seeOther, database)
            let answer = try await fixture.store.sql.raw("""
                SELECT channel, body FROM outbox_messages WHERE id = \(bind: request.id + ":answer") AND customer_id = 'C1'
                """).first()
            XCTAssertEqual(try answer?.decode(column: "channel", as: String.self), "sms", database)
            let body = try answer?.decode(column: "body", as: String.self) ?? ""
            XCTAssertTrue(body.contains("not approved") && body.contains("income not shown"), "\(database): in English, with the reason: \(body)")

            let again = try await post(fixture.app, path + "/plan", "count=3&first_date=\(day(5))")
            XCTAssertEqual(again.status, .ok, database)
            let waitingAgain = try await Arrangements.list(status: .proposed, accountId: "A1", scope: .all, after: nil, limit: 10, on: fixture.store.sql)
            let second = try XCTUnwrap(waitingAgain.first, database)
            _ = try await supervisor.get("/supervisor")
            let approved = try await supervisor.post("/supervisor/arrangements/\(second.id)/approve")
            XCTAssertEqual(approved.status, .seeOther, database)
            let yes = try await fixture.store.sql.raw("SELECT body FROM outbox_messages WHERE id = \(bind: second.id + ":answer")").first()
            XCTAssertTrue((try yes?.decode(column: "body", as: String.self) ?? "").contains("was approved"), database)
        }
    }

    func testACustomerWhoOwesNothingIsNotOfferedAPromiseForm() async throws {
        try await each { fixture, database in
            let path = try await remind(fixture.store)
            let owing = try await fixture.app.sendRequest(.GET, path).body.string
            XCTAssertTrue(owing.contains("id=\"promise-form\""), database)
            try await fixture.store.sql.raw("""
                INSERT INTO payments (id, account_id, paid_on, amount_minor, currency, channel) VALUES ('PAY-1', 'A1', \(bind: day(0)), 11500, 'CNY', 'bank_transfer')
                """).run()
            _ = try await PositionRepository(store: fixture.store, buckets: .standard).recompute(asOf: LocalDate.today())
            let paid = try await fixture.app.sendRequest(.GET, path).body.string
            XCTAssertFalse(paid.contains("id=\"promise-form\""), "\(database): nothing is overdue, nothing to promise")
            XCTAssertTrue(paid.contains("Nothing is overdue at the moment."), database)
            let forced = try await post(fixture.app, path + "/promise", "amount=10.00&due_on=\(day(3))")
            XCTAssertEqual(forced.status, .unprocessableEntity, database)
            let promises = try await fixture.store.count("promises")
            XCTAssertEqual(promises, 0, database)
        }
    }

    func testAnExpiredOrForgedLinkOpensNothing() async throws {
        try await each { fixture, database in
            _ = try await remind(fixture.store)
            let old = SelfServiceLink.token(customerId: "C1", businessDate: LocalDate(iso: "2026-01-01")!, signer: fixture.store.links)
            let expired = try await fixture.app.sendRequest(.GET, "/s/" + old)
            XCTAssertEqual(expired.status, .gone, database)
            let forged = SelfServiceLink.token(customerId: "C1", businessDate: try Self.runDate(), signer: LinkSigner(key: DataKey.generate()))
            let refused = try await post(fixture.app, "/s/" + forged + "/promise", "amount=1&due_on=\(day(1))")
            XCTAssertEqual(refused.status, .notFound, database)
            let promises = try await fixture.store.count("promises")
            XCTAssertEqual(promises, 0, database)
        }
    }
}
