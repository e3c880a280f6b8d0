import ArrearsCore
import ArrearsStore
import SQLKit

/// A small book of work for the workbench: three open cases as of 2026-11-23, two assigned to
/// the collector `c-zhang-wei` (KW1 for 王芳 first, then KW3 for 李雷) and one to `c-li-na`
/// (KW2 for John Smith). Each customer has one CNY account (AW1, AW2, AW3) with two monthly
/// dues of 1,000.00 (900.00 principal, 80.00 interest, 20.00 fees) on 2026-10-01 and 2026-11-01,
/// nothing paid, so 53 days past due with 2,000.00 overdue. KW1 also has an older call of
/// 2026-11-20 that the newer one replaced, and `c-zhang-wei` has a held action on KW4 (no task).
public enum WorkbenchFixture {
    public static let asOf = LocalDate(iso: "2026-11-23")!
    public static let collector = "c-zhang-wei"
    public static let otherCollector = "c-li-na"

    public static func load(into store: Store) async throws {
        let sql = store.sql
        let customers: [(id: String, name: String, mobile: String)] = [
            ("CW1", "王芳", "13800138000"), ("CW2", "John Smith", "+85291234567"), ("CW3", "李雷", "13912345678"), ("CW4", "韩梅梅", "13700001111"),
        ]
        for customer in customers {
            try await sql.raw("""
                INSERT INTO customers (id, name, id_number, mobile, email, address, region, time_zone, language, credit_rating)
                VALUES (\(bind: customer.id), \(bind: customer.name), NULL, \(bind: customer.mobile), NULL, \(bind: store.sealField("上海市浦东新区世纪大道 100 号")), '上海',
                        'Asia/Shanghai', 'zh-CN', 'B')
                """).run()
        }
        let cases: [(number: Int, agent: String, status: String, priority: Int64)] = [
            (1, collector, "created", 300), (2, otherCollector, "created", 200), (3, collector, "created", 100), (4, collector, "held", 400),
        ]
        for work in cases {
            let customer = "CW\(work.number)", caseId = "KW\(work.number)", account = "AW\(work.number)"
            try await sql.raw("""
                INSERT INTO accounts (id, customer_id, product, currency, principal_minor, opened_on)
                VALUES (\(bind: account), \(bind: customer), 'personal_loan', 'CNY', 1000000, '2025-11-01')
                """).run()
            for dueOn in ["2026-10-01", "2026-11-01"] {
                try await sql.raw("""
                    INSERT INTO dues (account_id, due_on, principal_minor, interest_minor, fees_minor)
                    VALUES (\(bind: account), \(bind: dueOn), 90000, 8000, 2000)
                    """).run()
            }
            try await sql.raw("""
                INSERT INTO cases (id, customer_id, status, opened_on, segment, cell, dpd, bucket, currency, overdue_minor, updated_on)
                VALUES (\(bind: caseId), \(bind: customer), 'open', '2026-10-02', 'standard', 'champion', 53, '31-60', 'CNY', 200000, '2026-11-23')
                """).run()
            try await addAction(caseId: caseId, customerId: customer, on: "2026-11-23", status: work.status, priority: work.priority,
                                agent: work.agent, store: store)
        }
        try await addAction(caseId: "KW1", customerId: "CW1", on: "2026-11-20", status: "created", priority: 900, agent: collector, store: store)
        try await PositionRepository(store: store, buckets: .standard).recompute(asOf: asOf)
    }

    static func addAction(caseId: String, customerId: String, on day: String, status: String, priority: Int64, agent: String?, store: Store) async throws {
        try await store.sql.raw("""
            INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
            VALUES (\(bind: caseId + ":" + day), \(bind: caseId), \(bind: customerId), \(bind: day), 'standard', '31-60', 53,
                    'call', 'call', 'champion', \(bind: status), '', \(bind: priority), \(bind: agent))
            """).run()
    }
}
