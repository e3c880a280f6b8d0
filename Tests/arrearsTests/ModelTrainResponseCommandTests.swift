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

    /// `RandomisedHistory` of 600 customers, none, SMS or call a third each: true effects 150 and 300.
    private func world() throws -> [String: String] {
        try RandomisedHistory.write(to: cli, customers: 600, seed: 7)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    func testResponseModelsLearnEachChannelsEffectFromAnImportedHistoryAndAreVersioned() async throws {
        let files = try world()
        try await cli.eachDatabase { db, name in
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
                // What the average is over: the actions where the history took the channel and none.
                let support = try XCTUnwrap(effect["support_rows"] as? Int, "\(name) \(channel): \(effect)")
                XCTAssertGreaterThan(support, 0, "\(name) \(channel)")
                XCTAssertLessThanOrEqual(support, report["training_rows"] as? Int ?? 0, "\(name) \(channel)")
                let first = try XCTUnwrap(effect["support_dpd_low"] as? Int), last = try XCTUnwrap(effect["support_dpd_high"] as? Int)
                XCTAssertLessThanOrEqual(first, last, "\(name) \(channel)")
                XCTAssertTrue(train.stdout.contains("\(support) actions, \(first)-\(last) days past due"), "\(name) \(channel): \(train.stdout)")
                // Every rating and product of this history had both channels: no bound on them (null).
                XCTAssertTrue(effect["support_ratings"] is NSNull && effect["support_products"] is NSNull, "\(name) \(channel): \(effect)")
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
