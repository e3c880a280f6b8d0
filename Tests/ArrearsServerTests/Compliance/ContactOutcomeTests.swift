import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// Outcomes have consequences (issue 24, `config/outcomes.yaml`): an outcome logged through the
/// API changes what the pack allows at once and what the next daily run does.
final class ContactOutcomeTests: XCTestCase {
    static let config = PortfolioPageTests.packageRoot + "/config"
    static let runDay = LocalDate(iso: "2026-11-24")!

    /// C1 and C2 (rating C, Asia/Shanghai, a mobile and an e-mail each) each owe 115.00 that fell
    /// due on 2026-11-19: the daily run of 2026-11-24 reminds each by SMS. Served under `pack`
    /// (the shipped `cn` by default) with the shipped outcomes.
    private func each(pack: String? = nil, _ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await TestDatabases.each { store, database in
            let files = try CSVFiles()
            defer { files.remove() }
            for (kind, lines) in [
                (ImportKind.customers, ["customer_id,name,mobile,email,time_zone,language,credit_rating",
                                        "C1,Alice Smith,13800138000,alice@example.com,Asia/Shanghai,en,C",
                                        "C2,Bob Jones,13900139000,bob@example.com,Asia/Shanghai,en,C"]),
                (.accounts, ["account_id,customer_id,product,currency,principal,opened_on",
                             "A1,C1,personal_loan,CNY,3000,2026-01-01", "A2,C2,personal_loan,CNY,3000,2026-01-01"]),
                (.dues, ["account_id,due_on,principal,interest,fees", "A1,2026-11-19,100.00,10.00,5.00", "A2,2026-11-19,100.00,10.00,5.00"]),
            ] {
                let result = try await store.importCollecting(kind, try files.write("\(kind.rawValue).csv", lines))
                XCTAssertFalse(result.rejected, "\(result.issues)")
            }
            let policy = try pack.map { PolicySettings(pack: try PolicyConfig.loadPack($0, directory: Self.config),
                                                       outcomes: try OutcomeConfig.load(fromDirectory: Self.config)) }
                ?? PolicyConfig.load(fromDirectory: Self.config)
            var context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot,
                                        security: SecuritySettings(passwordCost: SecurityFixture.cost), policy: policy)
            context.now = { UTCTimestamp.instant("2026-11-23T12:00:00+08:00")! }
            let fixture = SecurityFixture(store: store, app: try await buildApplication(context, environment: .testing))
            do { try await body(fixture, database) } catch { try await fixture.app.asyncShutdown(); throw error }
            try await fixture.app.asyncShutdown()
        }
    }

    private func log(_ fixture: SecurityFixture, _ token: String, _ outcome: String, customer: String = "C1", at: String = "2026-11-23T11:00:00+08:00",
                     extra: String = "") async throws -> APIAnswer {
        try await fixture.api(.POST, "/api/v1/contact-attempts", token: token, json: """
            {"customer_id": "\(customer)", "channel": "call", "at": "\(at)", "outcome": "\(outcome)"\(extra)}
            """)
    }

    private func check(_ fixture: SecurityFixture, _ token: String, channel: String, customer: String = "C1",
                       at: String = "2026-11-24T10:00:00+08:00") async throws -> APIAnswer {
        try await fixture.api(.POST, "/api/v1/check-contact", token: token,
                              json: #"{"customer_id": "\#(customer)", "channel": "\#(channel)", "at": "\#(at)"}"#)
    }

    private func consequences(_ answer: APIAnswer) -> [String] {
        ((answer.json["consequences"] as? [[String: Any]]) ?? []).map { "\($0["kind"] as? String ?? ""): \($0["detail"] as? String ?? "")" }
    }

    /// Runs the day of 2026-11-24 with the shipped strategy and the server's policy; answers each
    /// customer's actions as `treatment status rule` and the customers the run sent a message.
    private func runDay(_ fixture: SecurityFixture, policy: PolicySettings? = nil) async throws -> (actions: [String: [String]], messaged: Set<String>) {
        let run = DailyRun(store: fixture.store, strategy: try StrategyConfig.load(path: Self.config + "/strategy.yaml", buckets: .standard),
                           buckets: .standard, agents: try TeamsConfig.load(fromDirectory: Self.config),
                           policy: try policy ?? PolicyConfig.load(fromDirectory: Self.config))
        _ = try await run.run(Self.runDay)
        var actions: [String: [String]] = [:]
        for row in try await fixture.store.sql.raw("SELECT customer_id, treatment, status, rule FROM actions ORDER BY customer_id").all() {
            let line = [try row.decode(column: "treatment", as: String.self), try row.decode(column: "status", as: String.self),
                        try row.decode(column: "rule", as: String?.self) ?? "-"].joined(separator: " ")
            actions[try row.decode(column: "customer_id", as: String.self), default: []].append(line)
        }
        // The run's own messages: a conversation's rating invitation is judged when it would be sent (`OutboxDelivery`).
        let messaged = try await fixture.store.sql.raw("SELECT customer_id FROM outbox_messages WHERE business_date = \(bind: Self.runDay.description)").all()
            .map { try $0.decode(column: "customer_id", as: String.self) }
        return (actions, Set(messaged))
    }

    /// Opens a case for C1 and C2 (`CASE-C1`, `CASE-C2`) with a call task for collector c001.
    private func assignToCollector(_ fixture: SecurityFixture) async throws {
        for customer in ["C1", "C2"] {
            try await fixture.store.sql.raw("""
                INSERT INTO cases (id, customer_id, status, opened_on, segment, cell, dpd, bucket, currency, overdue_minor, updated_on)
                VALUES (\(bind: "CASE-\(customer)"), \(bind: customer), 'open', '2026-11-20', 'standard', 'champion', 4, '1-15', 'CNY', 11500, '2026-11-23')
                """).run()
            try await fixture.store.sql.raw("""
                INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
                VALUES (\(bind: "CASE-\(customer)@d"), \(bind: "CASE-\(customer)"), \(bind: customer), '2026-11-23', 'standard', '1-15', 4, 'call', 'call',
                        'champion', 'created', 'Call', 10, 'c001')
                """).run()
        }
    }

    func testADisputeSetsTheFlagOpensAComplianceTaskAndTheNextDayNothingIsSent() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.supervisor)
            let disputed = try await log(fixture, token, "dispute")
            XCTAssertEqual(disputed.status, .created, "\(database): \(disputed.json)")
            XCTAssertEqual(consequences(disputed), ["flag: dispute", "task: compliance/dispute_review"], database)
            let sms = try await check(fixture, token, channel: "sms")
            XCTAssertEqual(sms.json["allowed"] as? Bool, false, database)
            XCTAssertEqual(sms.json["rule"] as? String, "universal.dispute", database)

            let compliance = try await fixture.api(.GET, "/api/v1/outcome-tasks?queue=compliance", token: try await fixture.token(.compliance))
            let tasks = (compliance.json["items"] as? [[String: Any]]) ?? []
            XCTAssertEqual(tasks.map { $0["customer_id"] as? String }, ["C1"], "\(database): \(compliance.json)")
            XCTAssertEqual(tasks.first?["kind"] as? String, "dispute_review", database)
            let again = try await log(fixture, token, "dispute", at: "2026-11-23T15:00:00+08:00")
            XCTAssertEqual(consequences(again), [], "\(database): the dispute is already flagged and its review open")

            let day = try await runDay(fixture)
            XCTAssertEqual(day.messaged, ["C2"], "\(database): the disputed customer is sent nothing; \(day.actions)")
            XCTAssertEqual(day.actions["C1"]?.allSatisfy { $0.hasSuffix("blocked universal.dispute") }, true, "\(database): \(day.actions)")
        }
    }

    func testADeceasedCustomerIsFlaggedAndNoLongerCollected() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.supervisor)
            let reported = try await log(fixture, token, "deceased")
            XCTAssertEqual(consequences(reported), ["flag: deceased", "task: legal/estate_review"], "\(database): \(reported.json)")
            let call = try await check(fixture, token, channel: "call")
            XCTAssertEqual(call.json["rule"] as? String, "universal.deceased", database)
            let day = try await runDay(fixture)
            XCTAssertEqual(day.messaged, ["C2"], database)
            XCTAssertEqual(day.actions["C1"]?.allSatisfy { $0.hasSuffix("blocked universal.deceased") }, true, "\(database): \(day.actions)")
        }
    }

    func testUnderCnACeaseRequestKeepsContactToTheChannelsTheCustomerAccepts() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.supervisor)
            let bare = try await log(fixture, token, "cease_request")
            XCTAssertEqual(bare.status, .unprocessableEntity, database)
            XCTAssertEqual(bare.error["field"], "accepted_channels", database)
            let attempts = try await fixture.store.scalar("SELECT COUNT(*) AS n FROM contact_attempts")
            XCTAssertEqual(attempts, 0, "\(database): nothing is half-written")
            let wrong = try await log(fixture, token, "cease_request", extra: #", "accepted_channels": ["pigeon"]"#)
            XCTAssertEqual(wrong.error["field"], "accepted_channels", database)

            let request = try await log(fixture, token, "cease_request", extra: #", "accepted_channels": ["email"]"#)
            XCTAssertEqual(request.status, .created, "\(database): \(request.json)")
            XCTAssertEqual(consequences(request), ["flag: accepted_channels: email"], database)
            let call = try await check(fixture, token, channel: "call")
            XCTAssertEqual(call.json["rule"] as? String, "cn.accepted-channels", "\(database): \(call.json)")
            let email = try await check(fixture, token, channel: "email")
            XCTAssertEqual(email.json["allowed"] as? Bool, true, "\(database): \(email.json)")
            // A refusal that says nothing of channels changes nothing more.
            let refusal = try await log(fixture, token, "refusal", customer: "C2")
            XCTAssertEqual(consequences(refusal), [], database)

            let day = try await runDay(fixture)
            XCTAssertEqual(day.messaged, ["C2"], "\(database): C1 accepts e-mail only, and the strategy reminds by SMS; \(day.actions)")
            XCTAssertEqual(day.actions["C1"]?.allSatisfy { $0.hasSuffix("blocked cn.accepted-channels") }, true, "\(database): \(day.actions)")
        }
    }

    func testUnderRegulationFARefusalStopsAllContact() async throws {
        try await each(pack: "us-reg-f") { fixture, database in
            let token = try await fixture.token(.supervisor)
            let refusal = try await log(fixture, token, "refusal")
            XCTAssertEqual(consequences(refusal), ["flag: cease"], "\(database): \(refusal.json)")
            for channel in ["sms", "email", "call"] {
                let verdict = try await check(fixture, token, channel: channel)
                XCTAssertEqual(verdict.json["rule"] as? String, "universal.do-not-contact", "\(database) \(channel): \(verdict.json)")
            }
            let policy = PolicySettings(pack: try PolicyConfig.loadPack("us-reg-f", directory: Self.config),
                                        outcomes: try OutcomeConfig.load(fromDirectory: Self.config))
            let day = try await runDay(fixture, policy: policy)
            XCTAssertEqual(day.messaged, ["C2"], "\(database): \(day.actions)")
        }
    }

    func testAnAgreedCallbackIsAllowedInTheQuietHoursAtItsTimeOnly() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.supervisor)
            let missing = try await log(fixture, token, "callback")
            XCTAssertEqual(missing.status, .unprocessableEntity, database)
            XCTAssertEqual(missing.error["field"], "callback_at", database)
            let before = try await log(fixture, token, "callback", extra: #", "callback_at": "2026-11-23T10:00:00+08:00""#)
            XCTAssertEqual(before.error["field"], "callback_at", "\(database): a callback is after the call")

            let agreed = try await log(fixture, token, "callback", extra: #", "callback_at": "2026-11-23T22:30:00+08:00""#)
            XCTAssertEqual(agreed.status, .created, "\(database): \(agreed.json)")
            XCTAssertEqual(consequences(agreed), ["appointment: 2026-11-23T14:30:00Z"], database)
            let atTheTime = try await check(fixture, token, channel: "call", at: "2026-11-23T22:35:00+08:00")
            XCTAssertEqual(atTheTime.json["allowed"] as? Bool, true, "\(database): \(atTheTime.json)")
            let nextNight = try await check(fixture, token, channel: "call", at: "2026-11-24T22:35:00+08:00")
            XCTAssertEqual(nextNight.json["rule"] as? String, "cn.quiet-hours", database)
            let smsAtTheTime = try await check(fixture, token, channel: "sms", at: "2026-11-23T22:35:00+08:00")
            XCTAssertEqual(smsAtTheTime.json["rule"] as? String, "cn.quiet-hours", "\(database): the customer agreed a call, not a text")
        }
    }

    func testAWrongPartyOrInvalidNumberIsNotUsedAgain() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.supervisor)
            let wrong = try await log(fixture, token, "wrong_party")
            XCTAssertEqual(consequences(wrong), ["contact_point: mobile: wrong_party"], "\(database): \(wrong.json)")
            let call = try await check(fixture, token, channel: "call")
            XCTAssertEqual(call.json["rule"] as? String, "universal.unusable-contact-point", database)
            XCTAssertTrue((call.json["reason"] as? String ?? "").contains("wrong_party"), "\(database): \(call.json)")
            let email = try await check(fixture, token, channel: "email")
            XCTAssertEqual(email.json["allowed"] as? Bool, true, "\(database): the e-mail address is not the number")
            let invalid = try await log(fixture, token, "invalid_number", customer: "C2")
            XCTAssertEqual(consequences(invalid), ["contact_point: mobile: invalid_number"], database)
            let sms = try await check(fixture, token, channel: "sms", customer: "C2")
            XCTAssertTrue((sms.json["reason"] as? String ?? "").contains("invalid_number"), "\(database): \(sms.json)")

            let day = try await runDay(fixture)
            XCTAssertEqual(day.messaged, [], "\(database): neither mobile is texted; \(day.actions)")
            let caseFile = try await fixture.api(.GET, "/api/v1/cases/CASE-C1-20261124", token: token)
            let contactNow = (caseFile.json["contact_now"] as? [[String: Any]]) ?? []
            let callNow = contactNow.first { $0["channel"] as? String == "call" }?["verdict"] as? [String: Any]
            XCTAssertEqual(callNow?["rule"] as? String, "universal.unusable-contact-point", "\(database): the case file shows it; \(caseFile.json)")
        }
    }

    func testHardshipOpensAnIncomeAndExpenditureAssessment() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.supervisor)
            let hardship = try await log(fixture, token, "hardship")
            XCTAssertEqual(consequences(hardship), ["flag: hardship", "task: collections/income_expenditure"], "\(database): \(hardship.json)")
            let queue = try await fixture.api(.GET, "/api/v1/outcome-tasks?queue=collections", token: token)
            XCTAssertEqual(((queue.json["items"] as? [[String: Any]]) ?? []).map { $0["kind"] as? String }, ["income_expenditure"], database)
            let collector = try await fixture.api(.GET, "/api/v1/outcome-tasks", token: try await fixture.token(.collector, agentId: "c001"))
            XCTAssertEqual(collector.status, .forbidden, database)
        }
    }

    func testHardshipLetsACollectorAgreeForbearanceWithinTheHardshipAllowanceWithoutEscalation() async throws {
        try await each { fixture, database in
            try await assignToCollector(fixture)
            let collector = try await fixture.token(.collector, agentId: "c001")
            let hardship = try await log(fixture, collector, "hardship")
            XCTAssertEqual(hardship.status, .created, "\(database): \(hardship.json)")
            // 12 monthly instalments: beyond a collector's 6, within the hardship allowance of 12.
            let first = LocalDate.today().adding(days: 7)
            let plan = { (account: String) in #"{"account_id": "\#(account)", "kind": "instalment_plan", "count": 12, "first_date": "\#(first)"}"# }
            let inHardship = try await fixture.api(.POST, "/api/v1/arrangements", token: collector, json: plan("A1"))
            XCTAssertEqual(inHardship.status, .created, "\(database): \(inHardship.json)")
            XCTAssertEqual(inHardship.json["status"] as? String, "active", "\(database): agreed at once; \(inHardship.json)")
            let usual = try await fixture.api(.POST, "/api/v1/arrangements", token: collector, json: plan("A2"))
            XCTAssertEqual(usual.json["status"] as? String, "proposed", "\(database): without a hardship claim it waits for a supervisor; \(usual.json)")
            let approvals = try await fixture.auditEntries().filter { $0.action == "arrangement.approve" }
            XCTAssertEqual(approvals.count, 1, database)
            XCTAssertTrue(approvals.first?.details.contains(#""hardship_allowance":"true""#) == true, "\(database): \(approvals)")
        }
    }

    func testTheCaseFormTakesTheCallbackTimeAndTheAcceptedChannelsInChinese() async throws {
        try await each { fixture, database in
            try await assignToCollector(fixture)
            try await fixture.addUser("zhang", .collector, agentId: "c001")
            let collector = Browser(app: fixture.app)
            _ = try await collector.signIn("zhang", SecurityFixture.password)
            let page = try await collector.get("/work/cases/CASE-C1?lang=zh-CN").body.string
            XCTAssertTrue(page.contains("<option value=\"cease_request\">要求停止催收联系</option>"), database)
            XCTAssertTrue(page.contains("<option value=\"deceased\">客户已故</option>"), database)
            XCTAssertTrue(page.contains("name=\"callback_at\""), database)

            let missing = try await collector.post("/work/cases/CASE-C1/attempts", ["channel": "call", "outcome": "callback"])
            XCTAssertEqual(missing.status, .unprocessableEntity, database)
            XCTAssertTrue(missing.body.string.contains("callback_at"), database)
            let callback = try await collector.post("/work/cases/CASE-C1/attempts", ["channel": "call", "outcome": "callback", "callback_at": "2026-11-23T22:30"])
            XCTAssertEqual(callback.status, .seeOther, "\(database): \(callback.body.string.prefix(300))")
            let token = try await fixture.token(.collector, agentId: "c001")
            let atTheTime = try await check(fixture, token, channel: "call", at: "2026-11-23T22:40:00+08:00")
            XCTAssertEqual(atTheTime.json["allowed"] as? Bool, true, "\(database): the time was read in the customer's zone; \(atTheTime.json)")

            let ceased = try await collector.post("/work/cases/CASE-C1/attempts", ["channel": "call", "outcome": "cease_request", "accepted_channels[]": "email"])
            XCTAssertEqual(ceased.status, .seeOther, database)
            let after = try await collector.get("/work/cases/CASE-C1?lang=zh-CN").body.string
            XCTAssertTrue(after.contains("接受的联系渠道 · 电子邮件"), "\(database): the flag is on the case page, in words")
            XCTAssertTrue(after.contains("要求停止催收联系"), "\(database): the history names the outcome in Chinese")
            let call = try await check(fixture, token, channel: "call")
            XCTAssertEqual(call.json["rule"] as? String, "cn.accepted-channels", database)
            let disputed = try await collector.post("/work/cases/CASE-C1/attempts", ["channel": "email", "outcome": "dispute"])
            XCTAssertEqual(disputed.status, .seeOther, database)
            let followUps = try await collector.get("/work/cases/CASE-C1?lang=en").body.string
                .components(separatedBy: "id=\"follow-ups\"").last?.components(separatedBy: "</ul>").first ?? ""
            XCTAssertTrue(followUps.contains("compliance · Verify the disputed debt"), "\(database): \(followUps)")
        }
    }
}
