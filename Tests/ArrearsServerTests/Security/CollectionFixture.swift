import ArrearsStore
import ArrearsTestSupport
import Foundation
import SQLKit

/// Three customers, each with a case and an action assigned to a different agent: C1 to the
/// collector `c-zhang-wei`, C2 to the collector `c-li-na`, C3 to the field team `f-shanghai`.
enum CollectionFixture {
    static let customers = [
        "customer_id,name,id_number,mobile,email,address,region,time_zone,language,credit_rating",
        #"C1,王芳,110101199003071234,13800138000,wang.fang@example.cn,"北京市朝阳区建国路 1 号, 5 楼",北京,,zh-CN,B"#,
        #"C2,John Smith,,+85291234567,john@example.hk,"1 Queen's Road, Central",Hong Kong,Asia/Hong_Kong,en,A"#,
        "C3,李雷,31010119851212345X,13912345678,,上海市浦东新区世纪大道 100 号,上海,,zh-CN,C",
    ]
    static let assignments = [("C1", "c-zhang-wei", 123_450), ("C2", "c-li-na", 5_000), ("C3", "f-shanghai", 99)]

    static func load(into store: Store) async throws {
        let files = try CSVFiles()
        defer { files.remove() }
        let result = try await store.importCollecting(.customers, try files.write("customers.csv", customers))
        precondition(!result.rejected, result.issues.joined(separator: "\n"))
        for (customer, agent, overdue) in assignments {
            try await store.sql.raw("""
                INSERT INTO cases (id, customer_id, status, opened_on, segment, cell, dpd, bucket, currency, overdue_minor, updated_on)
                VALUES (\(bind: "K" + customer), \(bind: customer), 'open', '2026-11-02', 'standard', 'champion', 21, '16-30', 'CNY', \(bind: overdue), '2026-11-23')
                """).run()
            try await store.sql.raw("""
                INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
                VALUES (\(bind: "K\(customer):2026-11-23"), \(bind: "K" + customer), \(bind: customer), '2026-11-23', 'standard', '16-30', 21,
                        'call', 'call', 'champion', 'created', '', 1, \(bind: agent))
                """).run()
        }
    }
}
