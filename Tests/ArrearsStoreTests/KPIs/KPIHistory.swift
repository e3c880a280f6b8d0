import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// A hand-made collections history over February and March 2026, written straight into the
/// tables the daily run fills, with every KPI worked out by hand in `KPIReportTests`.
///
/// Customers C1 (上海), C2 (北京), C3 (上海), all in CNY:
/// - A1 (C1, credit card): due 10,000 on 01-10; paid 4,000 on 02-10 and 6,000 on 03-05.
///   Case K1 opened 01-11 (entry overdue 10,000), closed cured 03-05: recovered 10,000.
/// - A2 (C2, personal loan): due 20,000 on 01-20; paid 5,000 on 01-25 and 3,000 on 02-20.
///   Case K2 opened 01-26 (entry overdue 20,000 − 5,000 = 15,000), still open: recovered 3,000.
///   K0, C2's earlier case (01-05 to 01-15), is outside the period.
/// - A3 (C3, personal loan): due 8,000 on 02-05, nothing paid. Case K3 opened 02-06: 8,000, 0.
/// - A4 (C3, credit card): due 1,000 on 03-20, paid on time: not overdue when K3 opened, so its
///   payment is not a recovery.
enum KPIHistory {
    static let period = KPIPeriod(from: LocalDate(iso: "2026-02-01")!, to: LocalDate(iso: "2026-03-31")!)!
    static let costs = ChannelCosts(currency: .cny, unitMinor: [.sms: 5, .call: 600, .visit: 15_000])
    static let agents = [
        Agent(id: "c-li-na", name: "李娜", kind: .collector, channels: [.call], languages: [.zhCN], regions: [], dailyCapacity: 80),
        Agent(id: "c-zhang-wei", name: "张伟", kind: .collector, channels: [.call], languages: [.zhCN], regions: [], dailyCapacity: 80),
        Agent(id: "f-shanghai", name: "上海外访组", kind: .fieldTeam, channels: [.visit], languages: [.zhCN], regions: ["上海"], dailyCapacity: 6),
    ]

    static func write(into store: Store) async throws {
        let writer = BulkWriter(database: store.sql)
        func insert(_ table: String, _ columns: [String], _ rows: [[BulkValue]]) async throws {
            try await writer.insert(BulkInsert(table: table, columns: columns, key: ["id"], onConflict: .fail), rows)
        }
        func text(_ values: String?...) -> [BulkValue] { values.map(BulkValue.optional) }
        try await insert("customers", ["id", "name", "region", "time_zone", "language", "credit_rating"], [
            text("C1", "王一", "上海", "Asia/Shanghai", "zh-CN", "B"),
            text("C2", "李二", "北京", "Asia/Shanghai", "zh-CN", "D"),
            text("C3", "张三", "上海", "Asia/Shanghai", "zh-CN", "A"),
        ])
        try await insert("accounts", ["id", "customer_id", "product", "currency", "principal_minor", "opened_on"], [
            text("A1", "C1", "credit_card", "CNY") + [.integer(50_000), .text("2025-01-01")],
            text("A2", "C2", "personal_loan", "CNY") + [.integer(100_000), .text("2025-01-01")],
            text("A3", "C3", "personal_loan", "CNY") + [.integer(80_000), .text("2025-01-01")],
            text("A4", "C3", "credit_card", "CNY") + [.integer(10_000), .text("2025-01-01")],
        ])
        try await writer.insert(BulkInsert(table: "dues", columns: ["account_id", "due_on", "principal_minor", "interest_minor", "fees_minor"],
                                           key: ["account_id", "due_on"], onConflict: .fail), [
            text("A1", "2026-01-10") + [.integer(9_000), .integer(800), .integer(200)],
            text("A2", "2026-01-20") + [.integer(20_000), .integer(0), .integer(0)],
            text("A3", "2026-02-05") + [.integer(8_000), .integer(0), .integer(0)],
            text("A4", "2026-03-20") + [.integer(1_000), .integer(0), .integer(0)],
        ])
        try await insert("payments", ["id", "account_id", "paid_on", "amount_minor", "currency", "channel"], [
            text("P1", "A1", "2026-02-10") + [.integer(4_000), .text("CNY"), .text("transfer")],
            text("P2", "A1", "2026-03-05") + [.integer(6_000), .text("CNY"), .text("transfer")],
            text("P3", "A2", "2026-01-25") + [.integer(5_000), .text("CNY"), .text("transfer")],
            text("P4", "A2", "2026-02-20") + [.integer(3_000), .text("CNY"), .text("transfer")],
            text("P5", "A4", "2026-03-20") + [.integer(1_000), .text("CNY"), .text("direct_debit")],
        ])
        try await insert("cases", ["id", "customer_id", "status", "opened_on", "closed_on", "close_reason", "segment", "cell", "dpd", "bucket",
                                   "currency", "overdue_minor", "updated_on"], [
            text("K0", "C2", "closed", "2026-01-05", "2026-01-15", "cured", "high_risk", "challenger") + [.integer(0), .text("1-15"), .text("CNY"), .integer(0), .text("2026-01-15")],
            text("K1", "C1", "closed", "2026-01-11", "2026-03-05", "cured", "standard", "champion") + [.integer(50), .text("31-60"), .text("CNY"), .integer(6_000), .text("2026-03-04")],
            text("K2", "C2", "open", "2026-01-26", nil, nil, "high_risk", "challenger") + [.integer(70), .text("61-90"), .text("CNY"), .integer(12_000), .text("2026-03-31")],
            text("K3", "C3", "open", "2026-02-06", nil, nil, "prime", "champion") + [.integer(54), .text("31-60"), .text("CNY"), .integer(8_000), .text("2026-03-31")],
        ])
        // Costed: AC1 (sms), AC2 and AC3 (calls given to a collector), AC5 (visit). Not costed:
        // AC4 (a call still waiting in the queue), AC6 (blocked), AC7 (before the period).
        func action(_ id: String, _ caseId: String, _ customer: String, _ day: String, _ channel: String, _ status: String, _ assignee: String?) -> [BulkValue] {
            text(id, caseId, customer, day, "standard", "31-60") + [.integer(40)] + text(channel, channel, "champion", status, "test") + [.integer(1), .optional(assignee)]
        }
        try await insert("actions", ["id", "case_id", "customer_id", "business_date", "segment", "bucket", "dpd", "treatment", "channel", "cell",
                                     "status", "reason", "priority", "assigned_to"], [
            action("AC1", "K1", "C1", "2026-02-02", "sms", "created", nil),
            action("AC2", "K1", "C1", "2026-02-03", "call", "created", "c-li-na"),
            action("AC3", "K2", "C2", "2026-02-09", "call", "created", "c-zhang-wei"),
            action("AC4", "K2", "C2", "2026-02-10", "call", "created", nil),
            action("AC5", "K3", "C3", "2026-03-09", "visit", "created", "f-shanghai"),
            action("AC6", "K3", "C3", "2026-02-07", "sms", "blocked", nil),
            action("AC7", "K2", "C2", "2026-01-27", "sms", "created", nil),
        ])
        // Counted: T1–T5 (T2, T3, T5 reached the customer). Not counted: T6 (after K1 closed),
        // T7 (before the period), T8 (a message sent).
        try await insert("contact_attempts", ["id", "customer_id", "channel", "contact_point", "attempted_at", "outcome", "recorded_by"], [
            text("T1", "C1", "call", "mobile", "2026-02-03T02:00:00Z", "no_answer", "c-li-na"),
            text("T2", "C1", "call", "mobile", "2026-02-04T02:00:00Z", "promise_to_pay", "c-li-na"),
            text("T3", "C2", "call", "mobile", "2026-02-10T03:00:00Z", "right_party_contact", "c-zhang-wei"),
            text("T4", "C2", "call", "mobile", "2026-02-11T03:00:00Z", "wrong_party", "c-zhang-wei"),
            text("T5", "C3", "visit", "address", "2026-03-10T03:00:00Z", "visit_met", "f-shanghai"),
            text("T6", "C1", "call", "mobile", "2026-03-10T03:00:00Z", "right_party_contact", "c-li-na"),
            text("T7", "C2", "call", "mobile", "2026-01-28T03:00:00Z", "right_party_contact", "c-zhang-wei"),
            text("T8", "C3", "sms", "mobile", "2026-02-07T03:00:00Z", "sent", "daily-run"),
        ])
        // Made in the period: PR1, PR2, PR4. Settled in it: PR1 kept, PR2 broken, PR3 partly kept.
        try await insert("promises", ["id", "case_id", "customer_id", "currency", "amount_minor", "promised_on", "due_on", "status", "paid_minor", "settled_on"], [
            text("PR1", "K1", "C1", "CNY") + [.integer(4_000)] + text("2026-02-04", "2026-02-10", "kept") + [.integer(4_000), .text("2026-02-11")],
            text("PR2", "K2", "C2", "CNY") + [.integer(5_000)] + text("2026-02-10", "2026-02-15", "broken") + [.integer(0), .text("2026-02-16")],
            text("PR3", "K2", "C2", "CNY") + [.integer(5_000)] + text("2026-01-27", "2026-02-03", "partly_kept") + [.integer(1_000), .text("2026-02-04")],
            text("PR4", "K3", "C3", "CNY") + [.integer(8_000)] + text("2026-03-10", "2026-04-10", "pending") + [.null, .null],
        ])
        // Month ends 01-30, 02-27, 03-31 (outstanding at each):
        // A1 16-30 10,000 → 31-60 6,000 → current 0;  A2 1-15 15,000 → 16-30 12,000 → 31-60 12,000;
        // A3 current 8,000 → 16-30 8,000 → 31-60 8,000;  A4 current 1,000 → current 1,000 → current 0.
        var snapshots: [[BulkValue]] = []
        let path: [(String, [(String, Int64)])] = [
            ("A1", [("16-30", 10_000), ("31-60", 6_000), ("current", 0)]),
            ("A2", [("1-15", 15_000), ("16-30", 12_000), ("31-60", 12_000)]),
            ("A3", [("current", 8_000), ("16-30", 8_000), ("31-60", 8_000)]),
            ("A4", [("current", 1_000), ("current", 1_000), ("current", 0)]),
        ]
        for (account, steps) in path {
            for (day, step) in zip(["2026-01-30", "2026-02-27", "2026-03-31"], steps) {
                snapshots.append(text(day, account, step.0) + [.integer(0), .integer(0), .integer(step.1)])
            }
        }
        try await writer.insert(BulkInsert(table: "account_snapshots", columns: ["business_date", "account_id", "bucket", "dpd", "overdue_minor", "outstanding_minor"],
                                           key: ["business_date", "account_id"], onConflict: .fail), snapshots)
        // Bucket totals: 03-31 is the period's last (overdue 20,000 of 80,000); 03-30 and 04-01 are not.
        try await writer.insert(BulkInsert(table: "bucket_totals", columns: ["business_date", "bucket", "product", "currency", "accounts", "overdue_minor", "outstanding_minor"],
                                           key: ["business_date", "bucket", "product", "currency"], onConflict: .fail), [
            text("2026-03-30", "31-60", "personal_loan", "CNY") + [.integer(2), .integer(21_000), .integer(31_000)],
            text("2026-03-30", "current", "credit_card", "CNY") + [.integer(1), .integer(0), .integer(49_000)],
            text("2026-03-31", "31-60", "personal_loan", "CNY") + [.integer(2), .integer(20_000), .integer(30_000)],
            text("2026-03-31", "current", "credit_card", "CNY") + [.integer(2), .integer(0), .integer(50_000)],
            text("2026-04-01", "31-60", "personal_loan", "CNY") + [.integer(2), .integer(99_000), .integer(99_000)],
        ])
        // Ratings of T2 (5), T3 (2), T5 (4); complaints: one about K2 in the period, one about no case.
        try await store.transaction { database in
            let at = Date(timeIntervalSince1970: 1_772_000_000)
            for (attempt, rating) in [("T2", 5), ("T3", 2), ("T5", 4)] {
                try await Feedback.rate(attemptId: attempt, rating: rating, comment: nil, ratedAt: at, by: "test", on: database)
            }
            try await Feedback.openComplaint(NewComplaint(customerId: "C2", caseId: "K2", channel: .call, category: "tone", description: nil,
                                                          openedAt: ContactRecords.instant("2026-02-12T05:00:00Z")!), by: "test", on: database)
            try await Feedback.openComplaint(NewComplaint(customerId: "C1", caseId: nil, channel: .web, category: "fees", description: nil,
                                                          openedAt: ContactRecords.instant("2026-02-12T05:00:00Z")!), by: "test", on: database)
        }
    }
}
