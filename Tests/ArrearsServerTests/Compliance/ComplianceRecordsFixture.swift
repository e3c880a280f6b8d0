import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

extension SecurityFixture {
    /// `eachOnTheWorkbench` with something on every page of every role: a call to 王芳 (CW1,
    /// case KW1) recorded now as a breach of `cn.quiet-hours`; an SMS to John Smith (CW2, case
    /// KW2) blocked by `cn.call-attempts-per-contact-point` on 2026-11-24, the latest business
    /// date, which leaves KW2 without an open task; John Smith's open complaint; a dispute flag on
    /// 李雷 (CW3, case KW3); legal case LC-KW1, opened by the legal user `opener`; and a visit to
    /// 李雷 two days ahead, dispatched to the field team `f-shanghai` by the supervisor `dispatcher`.
    static func eachWithComplianceRecords(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await eachOnTheWorkbench { fixture, database in
            let sql = fixture.store.sql
            let attempt = ContactRecords.NewAttempt(id: "ATT-night", customerId: "CW1", channel: .call, contactPoint: "mobile", at: Date(),
                                                    outcome: .noAnswer, note: "called at night")
            let breach = PolicyDecision(allowed: false, rule: "cn.quiet-hours", reason: "outside contact hours", nextAllowedAt: nil, conditions: [])
            _ = try await ContactRecords.recordAttempt(attempt, breach: breach, by: "user:zhang", on: sql)
            try await sql.raw("""
                INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to, rule)
                VALUES ('KW2:2026-11-24', 'KW2', 'CW2', '2026-11-24', 'standard', '31-60', 54, 'sms', 'sms', 'champion', 'blocked',
                        'six attempts today already', 100, NULL, 'cn.call-attempts-per-contact-point')
                """).run()
            try await ContactRecords.addFlag(CustomerFlag(kind: .dispute), customerId: "CW3", note: "disputes the fees", by: "test", on: sql)
            _ = try await ComplaintHandling.open(NewComplaint(customerId: "CW2", caseId: nil, channel: .call, category: "harassment",
                                                              description: "called three times", openedAt: Date()), by: "test", on: sql)
            let legal = try await fixture.signedIn(.legal, username: "opener")
            _ = try await legal.get("/legal")
            let opened = try await legal.post("/legal", ["case_id": "KW1", "reason": "refuses all contact"])
            XCTAssertEqual(opened.headers.first(name: .location), "/legal/LC-KW1", "\(opened.body.string) on \(database)")
            try await fixture.addUser("field-team", .fieldAgent, agentId: "f-shanghai")
            let supervisor = try await fixture.signedIn(.supervisor, username: "dispatcher")
            _ = try await supervisor.get("/visits")
            let start = Date().addingTimeInterval(2 * 86_400)
            let dispatched = try await supervisor.post("/visits", ["case_id": "KW3", "agent_id": "f-shanghai", "starts_at": shanghaiTime(start),
                                                                   "ends_at": shanghaiTime(start.addingTimeInterval(7_200))])
            XCTAssertEqual(dispatched.status, .seeOther, "\(dispatched.body.string.prefix(300)) on \(database)")
            try await body(fixture, database)
        }
    }

    /// `date` as a `datetime-local` field holds it in Shanghai, where the workbench's customers live.
    private static func shanghaiTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }
}
