import Foundation
import XCTest

/// `arrears model train --target response` (issue 27): learns from an imported, randomised history
/// of actions what each channel adds to what a delinquent customer repays within the horizon,
/// prints each channel's effect against none with the uplift measures of the hold-out, registers
/// and activates the models, and `model activate` pins an earlier version; on SQLite and PostgreSQL.
final class ModelTrainResponseCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    private func eachDatabase(_ body: (_ db: [String], _ name: String) async throws -> Void) async throws {
        try await body(cli.databaseOption, "sqlite")
        if let url = PostgresCommandSupport.url() {
            try await PostgresCommandSupport.fresh(url)
            try await body(["--database", url], "postgres")
        }
    }

    /// 600 customers who paid 1,000 a month through December 2025 and then stopped; each gets
    /// one action between 10 January and 30 April 2026, its channel drawn at random (none, SMS or
    /// call, a third each, logged). The customer then pays 1,000 within 20 days with a chance of
    /// 20% after none, 35% after an SMS and 50% after a call: true effects 150 and 300.
    private func world() throws -> [String: String] {
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53
        }
        var customers = ["customer_id,name,credit_rating"], accounts = ["account_id,customer_id,product,currency,principal,opened_on"]
        var dues = ["account_id,due_on,principal,interest,fees"], payments = ["payment_id,account_id,paid_on,amount,currency,channel"]
        var actions = ["action_id,customer_id,date,channel,cell,propensity"]
        let start = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 2026, month: 1, day: 10).date!
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        for index in 1...600 {
            let customer = String(format: "C%04d", index), account = String(format: "A%04d", index)
            customers.append("\(customer),Customer \(index),\(["A", "B", "C"][index % 3])")
            accounts.append("\(account),\(customer),credit_card,CNY,17000.00,2025-01-01")
            for month in 2...18 {
                let year = month > 12 ? 2026 : 2025
                let due = String(format: "%04d-%02d-05", year, month > 12 ? month - 12 : month)
                dues.append("\(account),\(due),1000.00,0,0")
                if month <= 12 { payments.append("P\(account)-\(month),\(account),\(due),1000.00,CNY,bank") }
            }
            let day = start.addingTimeInterval(Double(Int(next() * 110)) * 86400)
            let draw = next()
            let channel = draw < 1.0 / 3 ? "none" : draw < 2.0 / 3 ? "sms" : "call"
            actions.append("H\(index),\(customer),\(formatter.string(from: day)),\(channel),random,0.3333333333")
            let chance = channel == "none" ? 0.2 : channel == "sms" ? 0.35 : 0.5
            if next() < chance {
                let paid = day.addingTimeInterval(Double(1 + Int(next() * 20)) * 86400)
                payments.append("R\(account),\(account),\(formatter.string(from: paid)),1000.00,CNY,bank")
            }
        }
        var files: [String: String] = [:]
        for (kind, lines) in [("customers", customers), ("accounts", accounts), ("dues", dues), ("payments", payments), ("actions", actions)] {
            files[kind] = try cli.file("\(kind).csv", lines)
        }
        return files
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    func testResponseModelsLearnEachChannelsEffectFromAnImportedHistoryAndAreVersioned() async throws {
        let files = try world()
        try await eachDatabase { db, name in
            for kind in ["customers", "accounts", "dues", "payments", "actions"] {
                let result = try cli.run(["import", kind, files[kind] ?? ""] + db)
                XCTAssertEqual(result.status, 0, "\(name) \(kind): \(result.stderr)")
            }
            let train = try cli.run(["model", "train", "--target", "response", "--as-of", "2026-06-30", "--horizon-days", "30"] + db)
            XCTAssertEqual(train.status, 0, "\(name): \(train.stderr)")
            XCTAssertTrue(train.stdout.hasPrefix("response-v1: response, t-learner, active"), train.stdout)
            XCTAssertTrue(train.stdout.contains("outcome: amount repaid within 30 days after an action"), train.stdout)
            for channel in ["none ", "sms ", "call "] {
                XCTAssertTrue(train.stdout.split(separator: "\n").contains { $0.hasPrefix(channel) }, "\(name): \(channel)\n\(train.stdout)")
            }

            let report = try json(try cli.run(["model", "show", "response-v1", "--format", "json"] + db).stdout)
            XCTAssertEqual(report["horizon_days"] as? Int, 30)
            XCTAssertEqual((report["training_rows"] as? Int ?? 0) + (report["holdout_rows"] as? Int ?? 0), 600, "\(name): every action is an example")
            let channels = try XCTUnwrap(report["channels"] as? [[String: Any]])
            XCTAssertEqual(channels.map { $0["channel"] as? String ?? "" }, ["sms", "call"], name)
            for (channel, truth) in [("sms", 150.0), ("call", 300.0)] {
                let effect = try XCTUnwrap(channels.first { $0["channel"] as? String == channel })
                let low = try XCTUnwrap(effect["effect_low"] as? Double), high = try XCTUnwrap(effect["effect_high"] as? Double)
                XCTAssertGreaterThan(low, 0, "\(name) \(channel): \(effect)")
                XCTAssertLessThan(low, truth, "\(name) \(channel): \(effect)")
                XCTAssertGreaterThan(high, truth, "\(name) \(channel): \(effect)")
                XCTAssertNotNil(effect["qini"] as? Double, "\(name) \(channel)")
                XCTAssertNotNil(effect["uplift_top30"] as? Double, "\(name) \(channel)")
            }

            let again = try cli.run(["model", "train", "--target", "response", "--as-of", "2026-06-30"] + db)
            XCTAssertEqual(again.status, 0, "\(name): \(again.stderr)")
            XCTAssertTrue(again.stdout.hasPrefix("response-v2: response, t-learner, active"), again.stdout)
            let pinned = try cli.run(["model", "activate", "response-v1"] + db)
            XCTAssertEqual(pinned.stdout, "response-v1 is the active response model\n", "\(name): \(pinned.stderr)")
            let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try cli.run(["model", "list", "--format", "json"] + db).stdout.utf8)) as? [[String: Any]])
            XCTAssertEqual(list.map { "\($0["id"] ?? ""):\($0["status"] ?? "")" }, ["response-v1:active", "response-v2:retired"], name)
        }
    }

    func testAHistoryWithoutANoContactControlIsRefusedWithAClearMessage() throws {
        let db = cli.databaseOption
        for (kind, lines) in [
            ("customers", ["customer_id,name,credit_rating", "C1,王芳,B"]),
            ("accounts", ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,credit_card,CNY,8000.00,2025-10-01"]),
            ("dues", ["account_id,due_on,principal", "A1,2026-01-05,300.00"]),
            ("actions", ["action_id,customer_id,date,channel", "H1,C1,2026-01-10,sms", "H2,C1,2026-01-20,call"]),
        ] {
            XCTAssertEqual(try cli.run(["import", kind, cli.file("\(kind).csv", lines)] + db).status, 0, kind)
        }
        let result = try cli.run(["model", "train", "--target", "response", "--as-of", "2026-06-30"] + db)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("has no action with channel none"), result.stderr)
    }
}
