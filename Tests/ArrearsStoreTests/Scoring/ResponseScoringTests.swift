import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import XCTest

/// What the optimiser asks of the response models (issue 27): after training and activation, the
/// active model's expected repayment under every channel for each customer delinquent on the day.
final class ResponseScoringTests: XCTestCase {
    static let day = LocalDate(iso: "2026-06-30")!

    func testTheActiveModelAnswersEveryChannelForEachDelinquentCustomer() async throws {
        try await TestDatabases.each { store, database in
            let directory = try TestDatabases.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            _ = try PortfolioGenerator(customers: 600, seed: 11, asOf: Self.day).write(to: directory)
            for kind in ImportKind.allCases {
                let result = try await store.importCollecting(kind, directory.appendingPathComponent("\(kind.rawValue).csv").path)
                XCTAssertFalse(result.rejected, "\(result.issues.prefix(3))")
            }
            // Every customer gets an action on three days, the channel turning among none, SMS and call.
            let customers = try await store.sql.raw("SELECT id FROM customers ORDER BY id").all().map { try $0.decode(column: "id", as: String.self) }
            var lines = ["action_id,customer_id,date,channel,cell,propensity"]
            for (index, customer) in customers.enumerated() {
                for (offset, date) in ["2026-02-10", "2026-03-20", "2026-04-25"].enumerated() {
                    lines.append("H\(index)-\(offset),\(customer),\(date),\(["none", "sms", "call"][(index + offset) % 3]),random,0.3333333333")
                }
            }
            let file = directory.appendingPathComponent("actions.csv")
            try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            let summary = try await ActionHistoryImporter(store: store).importFile(path: file.path) { XCTFail("\($0)") }
            XCTAssertEqual(summary.added, customers.count * 3, database)

            let none = try await ResponseScoring.expectedRepayments(on: Self.day, database: store.sql)
            XCTAssertNil(none, "no response model is active yet (\(database))")
            let trained = try await ResponseTraining(asOf: Self.day).train(on: store, actor: "analyst")
            XCTAssertEqual(trained.id, "response-v1", database)
            XCTAssertEqual(trained.status, .candidate, database)
            XCTAssertGreaterThan(trained.definition.model.trainingRows, 100, database)
            _ = try await store.transaction { try await ResponseModelRegistry(database: $0).activate(trained.id, actor: "manager") }

            let strategy = try StrategyConfig.load(path: ShippedConfig.directory + "/strategy.yaml", buckets: .standard)
            _ = try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: ShippedConfig.directory),
                                   policy: ShippedConfig.policy).run(Self.day)
            let delinquent = try await store.sql.raw("""
                SELECT DISTINCT a.customer_id AS id FROM account_positions p JOIN accounts a ON a.id = p.account_id WHERE p.dpd > 0
                """).all().map { try $0.decode(column: "id", as: String.self) }
            let scored = try await ResponseScoring.expectedRepayments(on: Self.day, database: store.sql)
            let answered = try XCTUnwrap(scored)
            XCTAssertEqual(answered.model.id, "response-v1", database)
            XCTAssertFalse(delinquent.isEmpty, database)
            XCTAssertEqual(Set(answered.answers.keys), Set(delinquent), database)
            for (customer, amounts) in answered.answers {
                XCTAssertEqual(Set(amounts.keys), [.none, .sms, .call], "\(customer) (\(database))")
                XCTAssertTrue(amounts.values.allSatisfy { $0 >= 0 && $0.isFinite }, "\(customer): \(amounts) (\(database))")
            }
        }
    }

    /// The channels that cannot reach a customer, as training measures each channel's effect over
    /// the customers it could reach: no SMS without a mobile, no e-mail without an address; a
    /// customer with both is not listed. The sealed values are never opened to find this out.
    func testTheChannelsThatCannotReachACustomerFollowTheMissingMobileAndEmail() async throws {
        try await TestDatabases.each { store, database in
            let directory = try TestDatabases.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("customers.csv")
            try """
                customer_id,name,id_number,mobile,email,address,region,time_zone,language,credit_rating
                C1,Both,,13800138000,one@example.cn,"北京市朝阳区建国路 1 号",北京,,zh-CN,B
                C2,No e-mail,,13800138001,,,北京,,zh-CN,B
                C3,No mobile,,,three@example.cn,,北京,,zh-CN,C
                C4,Neither,,,,"上海市 2 号",上海,,zh-CN,D

                """.write(to: file, atomically: true, encoding: .utf8)
            let result = try await store.importCollecting(.customers, file.path)
            XCTAssertFalse(result.rejected, "\(result.issues.prefix(3)) (\(database))")
            let unreachable = try await SQLScoringRecords(store: store).unreachableChannels()
            XCTAssertEqual(unreachable, ["C2": [.email], "C3": [.sms], "C4": [.sms, .email]], database)
        }
    }
}
