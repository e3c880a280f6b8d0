import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTest

/// A queue judges its whole page at once; the verdicts are those of asking one by one.
final class ContactCheckBatchTests: XCTestCase {
    static let policy = try! PolicyConfig.load(fromDirectory: ShippedConfig.directory)

    func testManyAtOnceGiveTheSameVerdictsAsOneByOne() async throws {
        try await TestDatabases.each { store, database in
            let files = try CSVFiles()
            defer { files.remove() }
            let result = try await store.importCollecting(.customers, try files.write("customers.csv", ContactCustomers.lines + [
                "C3,Ann Lee,13700137000,ann@example.com,,Hong Kong,Asia/Hong_Kong,en,A",
            ]))
            XCTAssertFalse(result.rejected, "\(result.issues)")
            // C2 disputes the debt; C3 was called six times this morning.
            _ = try await ContactRecords.addFlag(CustomerFlag(kind: .dispute), customerId: "C2", note: nil, by: "test", on: store.sql)
            let morning = ContactRecords.instant("2026-11-24T09:00:00+08:00")!
            for minute in 0..<6 {
                let attempt = ContactRecords.NewAttempt(id: "A\(minute)", customerId: "C3", channel: .call, contactPoint: "mobile",
                                                        at: morning.addingTimeInterval(Double(minute) * 60), outcome: .noAnswer, note: nil)
                _ = try await ContactRecords.recordAttempt(attempt, breach: nil, by: "test", on: store.sql)
            }
            let noon = ContactRecords.instant("2026-11-24T12:00:00+08:00")!
            let night = ContactRecords.instant("2026-11-24T23:30:00+08:00")!
            var requests: [(customerId: String, request: ContactRequest)] = []
            for customer in ["C1", "C2", "C3", "C9"] {
                for channel in [ContactChannel.call, .sms, .visit] { requests.append((customer, ContactRequest(channel: channel, at: noon))) }
            }
            requests.append(("C1", ContactRequest(channel: .call, at: night)))
            let together = try await ContactCheck.check(requests, at: noon, settings: Self.policy, on: store.sql)
            var oneByOne: [PolicyDecision] = []
            for (customer, request) in requests {
                oneByOne.append(try await ContactCheck.check(customerId: customer, request, settings: Self.policy, on: store.sql))
            }
            XCTAssertEqual(together, oneByOne, database)
            XCTAssertEqual(Set(together.map(\.allowed)), [true, false], "the cases differ: \(database)")
            XCTAssertEqual(together.last?.allowed, false, "late at night: \(database)")
        }
    }
}
