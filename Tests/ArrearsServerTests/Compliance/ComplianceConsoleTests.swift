import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// The compliance console's actions (issue 25), through the pages with a session, as the
/// compliance officer uses them: flags added and ended with their evidence, complaints logged,
/// assigned and resolved, the audit log searched and exported, the outbox's failures retried,
/// the blocked actions of a period by rule; and nobody else posting to these forms.
final class ComplianceConsoleTests: XCTestCase {
    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await SecurityFixture.eachWithComplianceRecords(body)
    }

    /// The table `id` of `html`, or "".
    private func table(_ id: String, in html: String) -> String {
        guard let start = html.range(of: "<table id=\"\(id)\">"), let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.upperBound..<end.lowerBound])
    }

    /// `11:00` tomorrow in Shanghai, within every contact window of the `cn` pack.
    private var tomorrowMorning: String {
        let today = InputDateRules().today()
        return "\(today.adding(days: 1))T11:00:00+08:00"
    }

    private func check(_ fixture: SecurityFixture, _ token: String, customer: String) async throws -> APIAnswer {
        try await fixture.api(.POST, "/api/v1/check-contact", token: token,
                              json: #"{"customer_id": "\#(customer)", "channel": "sms", "at": "\#(tomorrowMorning)"}"#)
    }

    func testComplianceEndsAFlagFromThePageWithItsEvidenceAndTheAPIThenSeesItEnded() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.compliance)
            let before = try await check(fixture, token, customer: "CW3")
            XCTAssertEqual(before.json["rule"] as? String, "universal.dispute", "the dispute stops the SMS before, on \(database): \(before.json)")

            let officer = try await fixture.signedIn(.compliance, username: "auditor")
            let page = try await officer.get("/compliance/flags?lang=en")
            XCTAssertEqual(page.status, .ok, database)
            let flags = table("flags", in: page.body.string)
            let dispute = try XCTUnwrap(flags.components(separatedBy: "<tr id=\"flag-").first { $0.contains("disputes the fees") }, "\(database): \(flags)")
            let id = String(dispute.prefix { $0 != "\"" })

            let blank = try await officer.post("/compliance/flags/\(id)/end?lang=en", ["evidence": " "])
            XCTAssertEqual(blank.status, .unprocessableEntity, database)
            XCTAssertTrue(blank.body.string.contains("id=\"error-end-\(PageFormSlug.of(id))-evidence\""), "the error beside the evidence on \(database)")

            let ended = try await officer.post("/compliance/flags/\(id)/end?lang=en", ["evidence": "letter of 3 Dec withdrawing the dispute"])
            XCTAssertEqual(ended.status, .seeOther, "\(ended.body.string.prefix(300)) on \(database)")
            let after = try await officer.get(try XCTUnwrap(ended.headers.first(name: .location)))
            XCTAssertTrue(after.body.string.contains("The flag was ended"), database)
            XCTAssertFalse(after.body.string.contains("flag-\(id)"), "no longer in force on \(database)")

            let checked = try await check(fixture, token, customer: "CW3")
            XCTAssertNotEqual(checked.json["rule"] as? String, "universal.dispute", "the API no longer sees the dispute on \(database): \(checked.json)")
            let held = try await ContactRecords.flags(of: "CW3", holdingOn: InputDateRules().today(), on: fixture.store.sql)
            XCTAssertFalse(held.contains { $0.id == id }, "the daily run's reading of the flags on \(database)")
            let entry = try await fixture.auditEntries().last { $0.action == "flag_ended" }
            XCTAssertEqual(entry?.actor, "user:auditor", database)
            XCTAssertTrue(entry?.details.contains("withdrawing the dispute") == true, "the evidence is audited on \(database)")
        }
    }

    func testComplianceAddsAFlagFromThePageAndAMistakeIsShownBesideItsFieldKeepingWhatWasTyped() async throws {
        try await each { fixture, database in
            let officer = try await fixture.signedIn(.compliance)
            _ = try await officer.get("/compliance/flags?lang=zh-CN")
            let wrong = try await officer.post("/compliance/flags?lang=zh-CN", ["customer_id": "NOBODY", "flag": "do_not_contact", "note": "客户来电要求"])
            XCTAssertEqual(wrong.status, .notFound, database)
            let html = wrong.body.string
            XCTAssertTrue(html.contains("id=\"error-add-customer_id\""), "beside the customer id on \(database)")
            XCTAssertTrue(html.contains("value=\"NOBODY\"") && html.contains("value=\"客户来电要求\""), "what was typed is kept on \(database)")
            XCTAssertFalse(html.contains("there is no such customer"), "no English on a Chinese page, on \(database)")
            XCTAssertTrue(html.contains("<option value=\"do_not_contact\" selected>要求不再联系</option>"), database)

            let added = try await officer.post("/compliance/flags?lang=en", ["customer_id": "CW1", "flag": "do_not_contact", "channel": "", "note": "asked on the phone"])
            XCTAssertEqual(added.status, .seeOther, "\(added.body.string.prefix(300)) on \(database)")
            let token = try await fixture.token(.compliance)
            let checked = try await check(fixture, token, customer: "CW1")
            XCTAssertEqual(checked.json["allowed"] as? Bool, false, database)
            XCTAssertEqual(checked.json["rule"] as? String, "universal.do-not-contact", "the API sees the new flag on \(database)")
        }
    }

    func testACollectorCannotPostToTheConsolesFormsAndItsMenuDoesNotShowThem() async throws {
        try await each { fixture, database in
            try await fixture.addUser("zhang", .collector, agentId: WorkbenchFixture.collector)
            let collector = Browser(app: fixture.app)
            _ = try await collector.signIn("zhang", SecurityFixture.password)
            let queue = try await collector.get("/work?lang=en")
            XCTAssertEqual(queue.status, .ok, database)
            for path in ["/compliance", "/compliance/flags", "/compliance/complaints", "/audit", "/outbox"] {
                XCTAssertFalse(queue.body.string.contains("href=\"\(path)?"), "\(path) is not in the collector's menu on \(database)")
                let opened = try await collector.get(path)
                XCTAssertEqual(opened.status, .forbidden, "\(path) on \(database)")
            }
            _ = try await collector.get("/work?lang=en")
            let flagId = try await ComplianceWatch.activeFlags(on: InputDateRules().today(), limit: 10, on: fixture.store.sql).first?.flag.id ?? "FLAG-x"
            let complaint = try await ComplaintHandling.list(status: "open", after: nil, limit: 1, on: fixture.store.sql).first?.id ?? "CMPL-x"
            let posts: [(String, [String: String])] = [
                ("/compliance/flags", ["customer_id": "CW1", "flag": "do_not_contact"]), ("/compliance/flags/\(flagId)/end", ["evidence": "none"]),
                ("/compliance/complaints", ["customer_id": "CW1", "channel": "call", "category": "x"]),
                ("/compliance/complaints/\(complaint)/assign", ["assigned_to": "zhang"]), ("/compliance/complaints/\(complaint)/resolve", ["resolution": "x"]),
                ("/outbox/OUT-1/retry", [:]),
            ]
            for (path, form) in posts {
                let posted = try await collector.post(path, form)
                XCTAssertEqual(posted.status, .forbidden, "\(path) on \(database)")
            }
            let flags = try await ComplianceWatch.activeFlags(on: InputDateRules().today(), limit: 10, on: fixture.store.sql)
            XCTAssertTrue(flags.contains { $0.flag.id == flagId }, "the flag stands on \(database)")
            let open = try await ComplaintHandling.list(status: "open", after: nil, limit: 10, on: fixture.store.sql)
            XCTAssertEqual(open.first?.assignedTo, nil, "nobody was assigned on \(database)")
        }
    }

    func testTheAuditSearchFindsEntriesByActorAndTheExportHoldsExactlyThoseRowsAndIsAudited() async throws {
        try await each { fixture, database in
            let officer = try await fixture.signedIn(.compliance, username: "auditor")
            let page = try await officer.get("/compliance?lang=en")
            XCTAssertTrue(page.body.string.contains("href=\"/audit?lang=en\""), "the console links to the audit log on \(database)")
            let found = try await officer.get("/audit?lang=en&actor=opener&action=&subject=&from=&to=")
            XCTAssertEqual(found.status, .ok, database)
            let html = found.body.string
            XCTAssertTrue(html.contains("Audit chain intact"), "the chain's state on \(database)")
            let rows = table("audit", in: html)
            XCTAssertTrue(rows.contains("user:opener") && rows.contains("legal case opened"), "the legal case the user opened on \(database): \(rows)")
            XCTAssertFalse(rows.contains("user:dispatcher"), "only that actor on \(database)")
            XCTAssertFalse(rows.contains("T00:") || rows.contains("Z</td>"), "times in the bank's zone, not raw UTC, on \(database)")
            let matching = try await AuditLog.search(AuditQuery(actor: "opener"), limit: 1_000, on: fixture.store.sql)
            XCTAssertTrue(html.contains("\(matching.count) entries match."), database)

            let export = try await officer.get("/audit/export?lang=en&actor=opener")
            XCTAssertEqual(export.status, .ok, database)
            XCTAssertEqual(export.headers.contentType?.subType, "csv", database)
            let lines = export.body.string.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.first, "sequence,at,actor,action,subject,details,previous_hash,hash,details_hash,hash_version", database)
            XCTAssertEqual(lines.count - 1, matching.count, "one row per matching entry on \(database)")
            XCTAssertTrue(lines.dropFirst().allSatisfy { $0.contains(",user:opener,") }, "only that actor's entries on \(database)")
            let audited = try await fixture.auditEntries().last
            XCTAssertEqual(audited?.action, "audit_exported", database)
            XCTAssertEqual(audited?.actor, "user:auditor", database)
            XCTAssertTrue(audited?.details.contains("\"actor\":\"opener\"") == true && audited?.details.contains("\"rows\":\"\(matching.count)\"") == true,
                          "the export names its criteria and rows on \(database): \(audited?.details ?? "")")

            let badDate = try await officer.get("/audit?lang=zh-CN&from=2026-13-40&actor=opener")
            XCTAssertEqual(badDate.status, .unprocessableEntity, database)
            XCTAssertTrue(badDate.body.string.contains("id=\"error-search-from\"") && badDate.body.string.contains("value=\"2026-13-40\""), database)
        }
    }

    func testComplianceLogsAssignsAndResolvesAComplaintFromThePage() async throws {
        try await each { fixture, database in
            let officer = try await fixture.signedIn(.compliance, username: "auditor")
            _ = try await officer.get("/compliance/complaints?lang=en")
            let logged = try await officer.post("/compliance/complaints?lang=en", ["customer_id": "CW1", "case_id": "", "channel": "regulator",
                                                                                "category": "harassment", "description": "calls at night"])
            XCTAssertEqual(logged.status, .seeOther, "\(logged.body.string.prefix(300)) on \(database)")
            let page = try await officer.get(try XCTUnwrap(logged.headers.first(name: .location)))
            let complaints = table("complaints", in: page.body.string)
            XCTAssertTrue(complaints.contains("calls at night") && complaints.contains("regulator"), "\(database): \(complaints)")
            let all = try await ComplaintHandling.list(status: "open", after: nil, limit: 10, on: fixture.store.sql)
            let id = try XCTUnwrap(all.first { $0.customerId == "CW1" }?.id)

            let assigned = try await officer.post("/compliance/complaints/\(id)/assign?lang=en", ["assigned_to": "auditor"])
            XCTAssertEqual(assigned.status, .seeOther, database)
            let unknown = try await officer.post("/compliance/complaints/\(id)/assign?lang=en", ["assigned_to": "ghost"])
            XCTAssertEqual(unknown.status, .unprocessableEntity, database)
            XCTAssertTrue(unknown.body.string.contains("id=\"error-assign-\(PageFormSlug.of(id))-assigned_to\""), database)

            let blank = try await officer.post("/compliance/complaints/\(id)/resolve?lang=en", ["resolution": ""])
            XCTAssertEqual(blank.status, .unprocessableEntity, database)
            XCTAssertTrue(blank.body.string.contains("id=\"error-resolve-\(PageFormSlug.of(id))-resolution\""), database)
            let resolved = try await officer.post("/compliance/complaints/\(id)/resolve?lang=en", ["resolution": "apologised; calls moved to daytime"])
            XCTAssertEqual(resolved.status, .seeOther, database)

            let token = try await fixture.token(.compliance)
            let listed = try await fixture.api(.GET, "/api/v1/complaints?status=resolved", token: token)
            let item = (listed.json["items"] as? [[String: Any]])?.first { $0["id"] as? String == id }
            XCTAssertEqual(item?["resolution"] as? String, "apologised; calls moved to daytime", database)
            XCTAssertEqual(item?["assigned_to"] as? String, "auditor", database)
        }
    }

    func testAFailedMessageIsRetriedFromTheOutboxPageAndAnyOtherIsRefusedBesideIt() async throws {
        try await each { fixture, database in
            let store = fixture.store
            try await OutboxRepository.enqueue([
                OutboxMessage(id: "OUT-1", actionId: "KW1:x", customerId: "CW1", channel: "sms", recipient: "13800000000", language: "zh-CN",
                              subject: nil, body: "请还款", businessDate: "2026-11-24"),
                OutboxMessage(id: "OUT-2", actionId: "KW2:x", customerId: "CW2", channel: "email", recipient: "a@example.com", language: "en",
                              subject: "Overdue", body: "Please pay", businessDate: "2026-11-24"),
            ], on: store.sql, sealingPersonalDataWith: store)
            _ = try await OutboxRepository.recordReceiverReport(.failed(detail: "number unreachable"), id: "OUT-1", at: Date(), on: store.sql)

            let officer = try await fixture.signedIn(.compliance, username: "auditor")
            let console = try await officer.get("/compliance?lang=en")
            XCTAssertTrue(console.body.string.contains("href=\"/outbox?lang=en\""), database)
            let page = try await officer.get("/outbox?lang=en&status=failed")
            let rows = table("outbox", in: page.body.string)
            XCTAssertTrue(rows.contains("OUT-1") && rows.contains("number unreachable") && !rows.contains("OUT-2"), "\(database): \(rows)")
            XCTAssertFalse(rows.contains("13800000000"), "no recipient on \(database)")

            let retried = try await officer.post("/outbox/OUT-1/retry?lang=en")
            XCTAssertEqual(retried.status, .seeOther, database)
            let record = try await OutboxRepository.find(id: "OUT-1", on: store.sql, openingPersonalDataWith: store)
            XCTAssertEqual(record?.status, .pending, "back to be delivered on \(database)")
            XCTAssertEqual(record?.attempts, 0, database)
            let last = try await fixture.auditEntries().last
            XCTAssertEqual(last?.action, "outbox_retried", database)

            let again = try await officer.post("/outbox/OUT-2/retry?lang=zh-CN")
            XCTAssertEqual(again.status, .conflict, database)
            XCTAssertTrue(again.body.string.contains("id=\"error-retry-OUT-2-retry\"") && again.body.string.contains("只有发送失败的消息可以重新发送"), database)
        }
    }

    func testTheBlockedActionsOfAChosenPeriodAreCountedByRuleInWordsAndEachCountListsItsActions() async throws {
        try await each { fixture, database in
            let officer = try await fixture.signedIn(.compliance)
            let period = try await officer.get("/compliance?lang=en&from=2026-11-20&to=2026-11-24")
            XCTAssertEqual(period.status, .ok, database)
            let html = period.body.string
            XCTAssertTrue(html.contains("Business dates 2026-11-20 to 2026-11-24"), database)
            let link = "/compliance?lang=en&amp;from=2026-11-20&amp;to=2026-11-24&amp;rule=cn.call-attempts-per-contact-point"
            XCTAssertTrue(html.contains("<a href=\"\(link)\">At most 6 call attempts a day to one contact point, counting every collector and agency <strong>1</strong></a>"),
                          "the count by rule, in words, linking to its list, on \(database)")
            let complaints = table("complaints", in: html)
            XCTAssertTrue(complaints.contains("harassment") && !complaints.contains("Z</td>"), "the complaint's time in the bank's zone, not UTC, on \(database)")
            let drilled = try await officer.get(link.replacingOccurrences(of: "&amp;", with: "&"))
            XCTAssertTrue(table("blocked", in: drilled.body.string).contains("John Smith"), database)
            let other = try await officer.get("/compliance?lang=en&from=2026-11-20&to=2026-11-24&rule=cn.quiet-hours")
            XCTAssertFalse(table("blocked", in: other.body.string).contains("John Smith"), "another rule's list on \(database)")
            let empty = try await officer.get("/compliance?lang=en&from=2026-10-01&to=2026-10-31")
            XCTAssertTrue(empty.body.string.contains("Business dates 2026-10-01 to 2026-10-31"), database)
            XCTAssertFalse(empty.body.string.contains("<table id=\"blocked\">"), "nothing blocked in October on \(database)")

            let wrong = try await officer.get("/compliance?lang=zh-CN&from=2026-11-30&to=2026-11-01")
            XCTAssertEqual(wrong.status, .unprocessableEntity, database)
            XCTAssertTrue(wrong.body.string.contains("id=\"error-period-to\"") && wrong.body.string.contains("value=\"2026-11-30\""), database)
        }
    }
}

/// The id a page gives a row's form (`PageForm.slug`), for finding its errors.
enum PageFormSlug {
    static func of(_ id: String) -> String { String(id.map { $0.isLetter || $0.isNumber ? $0 : "-" }) }
}
