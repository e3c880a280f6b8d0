import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import SQLKit
import XCTest

/// Customers with ID and mobile numbers, e-mail and postal addresses, and ways to look at what the
/// database really holds.
enum PersonalDataFixtures {
    static let customers = [
        "customer_id,name,id_number,mobile,email,address,region,time_zone,language,credit_rating",
        "C1,王芳,110101199003071234,13800138000,wang@example.cn,北京市东城区东四十条甲22号,BJ,Asia/Shanghai,zh-CN,B",
        #"C2,Li Lei,E12345678,+85291234567,Li.Lei@Example.HK,"Flat 12B, 8 Nathan Road, Kowloon",HK,Asia/Hong_Kong,en,A"#,
        "C3,Zhang Wei,,13912345678,,,SH,Asia/Shanghai,zh-CN,C",
        "C4,Chen Jing,44030519850615002X,,,,GD,Asia/Shanghai,zh-CN,B",
    ]
    static let secrets = ["110101199003071234", "13800138000", "E12345678", "+85291234567", "13912345678", "44030519850615002X"]
    /// The e-mail and postal addresses of `customers`, and parts of them that a scan would find.
    static let addresses = ["wang@example.cn", "北京市东城区东四十条甲22号", "Li.Lei@Example.HK", "Flat 12B, 8 Nathan Road, Kowloon"]
    static let addressParts = ["example.cn", "东四十条", "Example.HK", "Nathan Road"]

    /// Opens a second store on `store`'s database with `key`.
    static func open(_ store: Store, key: DataKey?) async throws -> Store {
        try await Store.open(store.url, dataKey: key)
    }

    static func importCustomers(_ store: Store, _ lines: [String] = customers) async throws {
        let files = try CSVFiles()
        defer { files.remove() }
        let result = try await store.importCollecting(.customers, try files.write("customers.csv", lines))
        XCTAssertFalse(result.rejected, "\(result.issues)")
    }

    /// Each customer's stored id_number, mobile and their hashes, as the database holds them.
    static func rawColumns(_ store: Store) async throws -> [String: [String?]] {
        var rows: [String: [String?]] = [:]
        for row in try await store.sql.raw("SELECT id, id_number, mobile, id_number_hash, mobile_hash FROM customers").all() {
            rows[try row.decode(column: "id", as: String.self)] = try ["id_number", "mobile", "id_number_hash", "mobile_hash"].map {
                try row.decode(column: $0, as: String?.self)
            }
        }
        return rows
    }

    /// The bytes of an SQLite database's main file and write-ahead log.
    static func sqliteFileBytes(_ url: DatabaseURL) throws -> Data {
        guard case .sqlite(let path) = url else { return Data() }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        if let log = FileManager.default.contents(atPath: path + "-wal") { bytes.append(log) }
        return bytes
    }

    /// Each customer's stored e-mail and postal address and the e-mail's lookup hash.
    static func rawAddresses(_ store: Store) async throws -> [String: [String?]] {
        var rows: [String: [String?]] = [:]
        for row in try await store.sql.raw("SELECT id, email, address, email_hash FROM customers").all() {
            rows[try row.decode(column: "id", as: String.self)] = try ["email", "address", "email_hash"].map { try row.decode(column: $0, as: String?.self) }
        }
        return rows
    }

    /// The secrets found in `bytes`.
    static func secretsIn(_ bytes: Data) -> [String] {
        secrets.filter { bytes.range(of: Data($0.utf8)) != nil }
    }

    /// The addresses and their parts found in `bytes`.
    static func addressesIn(_ bytes: Data) -> [String] {
        (addresses + addressParts).filter { bytes.range(of: Data($0.utf8)) != nil }
    }
}

extension OutboxMessage {
    /// A message queued for `recipient`, a mobile number or (for `email`) an e-mail address.
    static func queued(_ id: String, to recipient: String, channel: String = "sms") -> OutboxMessage {
        OutboxMessage(id: id, actionId: "ACT-\(id)", customerId: "C1", channel: channel, recipient: recipient, language: "zh-CN",
                      subject: channel == "email" ? "逾期提醒" : nil, body: "王芳您好，您的信用卡已逾期。", businessDate: "2026-11-23")
    }
}
