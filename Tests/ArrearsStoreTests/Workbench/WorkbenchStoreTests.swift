import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTest

/// The collector's workbench in the store: the queue, the case file, promises and payments.
final class WorkbenchStoreTests: XCTestCase {
    static let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config").path
    static let policy = try! PolicyConfig.load(fromDirectory: config)
    /// Tuesday 10:00 in Shanghai, within the contact hours, and 23:00, within the quiet hours.
    static let morning = ContactRecords.instant("2026-11-24T10:00:00+08:00")!
    static let night = ContactRecords.instant("2026-11-24T23:00:00+08:00")!
    static let today = LocalDate(iso: "2026-11-24")!

    func testTheQueueHoldsTheAgentsOpenTasksHighestPriorityFirstAPageAtATime() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let all = try await WorkQueue.page(agentId: WorkbenchFixture.collector, after: nil, limit: 10, policy: nil, on: store.sql)
            XCTAssertEqual(all.map(\.id), ["KW1:2026-11-23", "KW3:2026-11-23"], "held, replaced and other people's work is not in the queue (\(database))")
            XCTAssertEqual(all.first?.customerName, "王芳")
            XCTAssertEqual(all.first?.dpd, 53)
            XCTAssertEqual(all.first?.overdueMinor, 200_000)
            let first = try await WorkQueue.page(agentId: WorkbenchFixture.collector, after: nil, limit: 1, policy: nil, on: store.sql)
            let second = try await WorkQueue.page(agentId: WorkbenchFixture.collector, after: first.last?.position, limit: 1, policy: nil, on: store.sql)
            let third = try await WorkQueue.page(agentId: WorkbenchFixture.collector, after: second.last?.position, limit: 1, policy: nil, on: store.sql)
            XCTAssertEqual((first + second).map(\.id), all.map(\.id))
            XCTAssertTrue(third.isEmpty)
        }
    }

    func testTheQueueSaysWhetherTheCustomerMayBeContactedNow() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let morning = try await WorkQueue.page(agentId: WorkbenchFixture.collector, after: nil, limit: 1, now: Self.morning, policy: Self.policy, on: store.sql)
            XCTAssertEqual(morning.first?.contactNow?.allowed, true, database)
            let night = try await WorkQueue.page(agentId: WorkbenchFixture.collector, after: nil, limit: 1, now: Self.night, policy: Self.policy, on: store.sql)
            XCTAssertEqual(night.first?.contactNow?.allowed, false, database)
            XCTAssertNotNil(night.first?.contactNow?.nextAllowedAt, "a blocked contact says when it will be allowed")
        }
    }

    func testNextCaseIsTheFollowingTaskInTheQueue() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let next = { (caseId: String) in try await WorkQueue.nextCase(after: caseId, agentId: WorkbenchFixture.collector, on: store.sql) }
            let afterFirst = try await next("KW1")
            let afterLast = try await next("KW3")
            let fromElsewhere = try await next("KW2")
            XCTAssertEqual(afterFirst, "KW3", database)
            XCTAssertNil(afterLast, "nothing waits after the last task")
            XCTAssertEqual(fromElsewhere, "KW1", "from a case outside the queue, the top of the queue")
        }
    }

    func testTheCaseFileGathersTheCaseWithinTheReadersScope() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            try await ContactRecords.recordAttempt(.init(id: "ATT-1", customerId: "CW1", channel: .call, contactPoint: "mobile", at: Self.morning,
                                                         outcome: .rightPartyContact, note: "says salary comes Friday"), breach: nil, by: "user:collector", on: store.sql)
            _ = try await PromiseBook().take(.init(caseId: "KW1", amountMinor: 50_000, currency: "CNY", dueOn: Self.today.adding(days: 5)),
                                             today: Self.today, scope: .all, by: "user:collector", store: store)
            let mine = WorkScope.assignedTo(agentId: WorkbenchFixture.collector)
            let file = try await CaseFile.load(caseId: "KW1", scope: mine, now: Self.morning, policy: Self.policy, on: store.sql)
            let found = try XCTUnwrap(file, database)
            XCTAssertEqual(found.customer.name, "王芳")
            XCTAssertEqual(found.accounts.map(\.id), ["AW1"])
            XCTAssertEqual(found.accounts.first?.dues.count, 2)
            XCTAssertEqual(found.accounts.first?.position?.dpd, 53)
            XCTAssertEqual(found.attempts.map(\.note), ["says salary comes Friday"])
            XCTAssertEqual(found.promises.map(\.amountMinor), [50_000])
            XCTAssertEqual(found.openTasks.map(\.id), ["KW1:2026-11-23"])
            XCTAssertEqual(found.contactNow.map(\.channel), [.call, .sms, .visit])
            let othersCase = try await CaseFile.load(caseId: "KW2", scope: mine, policy: nil, on: store.sql)
            XCTAssertNil(othersCase, "another collector's case is not found")
            let asSupervisor = try await CaseFile.load(caseId: "KW2", scope: .all, policy: nil, on: store.sql)
            XCTAssertNotNil(asSupervisor)
        }
    }

    func testAPromiseIsValidatedOnePendingPerCaseAndAudited() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let book = PromiseBook(maximumDays: 30)
            let mine = WorkScope.assignedTo(agentId: WorkbenchFixture.collector)
            func take(_ caseId: String = "KW1", amount: Int64 = 100_000, currency: String = "CNY", inDays days: Int = 7) async throws -> StoredPromise {
                try await book.take(.init(caseId: caseId, amountMinor: amount, currency: currency, dueOn: Self.today.adding(days: days)),
                                    today: Self.today, scope: mine, by: "user:collector", store: store)
            }
            func refusal(_ attempt: () async throws -> StoredPromise) async -> WorkbenchError? {
                do { _ = try await attempt(); return nil } catch { return error as? WorkbenchError }
            }
            let zero = await refusal { try await take(amount: 0) }
            let tooLate = await refusal { try await take(inDays: 31) }
            let past = await refusal { try await take(inDays: -1) }
            let dollars = await refusal { try await take(currency: "USD") }
            let others = await refusal { try await take("KW2") }
            XCTAssertEqual(zero?.field, "amount", database)
            XCTAssertEqual(tooLate?.field, "due_on")
            XCTAssertEqual(past?.field, "due_on")
            XCTAssertEqual(dollars?.field, "currency")
            XCTAssertEqual(others, .notFound(field: "case_id", id: "KW2"))

            let promise = try await take(inDays: 30)
            XCTAssertEqual(promise.status, "pending")
            XCTAssertEqual(promise.dueOn, "2026-12-24")
            XCTAssertEqual(promise.promisedOn, "2026-11-24")
            let second = await refusal { try await take() }
            XCTAssertEqual(second, .pendingPromise(promiseId: promise.id))
            let count1 = try await store.scalar("SELECT COUNT(*) AS n FROM promises")
            XCTAssertEqual(count1, 1)
            let count2 = try await store.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'promise_taken'")
            XCTAssertEqual(count2, 1)
            let listed = try await PromiseRecords.promises(customerId: "CW1", scope: mine, on: store.sql)
            XCTAssertEqual(listed?.map(\.id), [promise.id])
            let hidden = try await PromiseRecords.promises(customerId: "CW2", scope: mine, on: store.sql)
            XCTAssertNil(hidden)
        }
    }

    func testAPaymentPostsOnceByItsIdAndMovesTheAccountsPositionAtOnce() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let posting = PaymentPosting(store: store, buckets: .standard)
            let payment = StoredPayment(id: "BANK-77", accountId: "AW1", paidOn: "2026-11-23", amountMinor: 100_000, currency: "CNY", channel: "counter")
            let posted = try await posting.post(payment, by: "user:gateway")
            XCTAssertTrue(posted.created, database)
            XCTAssertEqual(posted.position.dpd, 22, "the October due is paid; November's, of 2026-11-01, is the oldest unpaid")
            XCTAssertEqual(posted.position.overdueMinor, 100_000)
            XCTAssertEqual(posted.position.bucket, "16-30")
            let stored = try await AccountFile.find(id: "AW1", scope: .all, on: store.sql)
            XCTAssertEqual(stored?.position, posted.position, "the stored position is the new one")

            let again = try await posting.post(payment, by: "user:gateway")
            XCTAssertFalse(again.created)
            XCTAssertEqual(again.payment, payment)
            XCTAssertEqual(again.position, posted.position)
            let count3 = try await store.scalar("SELECT COUNT(*) AS n FROM payments")
            XCTAssertEqual(count3, 1)
            let count4 = try await store.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'payment_posted'")
            XCTAssertEqual(count4, 1)

            func refusal(_ payment: StoredPayment) async -> WorkbenchError? {
                do { _ = try await posting.post(payment, by: "user:gateway"); return nil } catch { return error as? WorkbenchError }
            }
            let changed = await refusal(StoredPayment(id: "BANK-77", accountId: "AW1", paidOn: "2026-11-23", amountMinor: 99_999, currency: "CNY", channel: "counter"))
            let unknown = await refusal(StoredPayment(id: "BANK-78", accountId: "NOPE", paidOn: "2026-11-23", amountMinor: 1, currency: "CNY", channel: "counter"))
            let dollars = await refusal(StoredPayment(id: "BANK-79", accountId: "AW1", paidOn: "2026-11-23", amountMinor: 1, currency: "USD", channel: "counter"))
            let nothing = await refusal(StoredPayment(id: "BANK-80", accountId: "AW1", paidOn: "2026-11-23", amountMinor: 0, currency: "CNY", channel: "counter"))
            let badDate = await refusal(StoredPayment(id: "BANK-81", accountId: "AW1", paidOn: "2026-13-01", amountMinor: 1, currency: "CNY", channel: "counter"))
            XCTAssertEqual(changed, .paymentConflict(paymentId: "BANK-77"))
            XCTAssertEqual(unknown, .notFound(field: "account_id", id: "NOPE"))
            XCTAssertEqual(dollars?.field, "currency")
            XCTAssertEqual(nothing?.field, "amount")
            XCTAssertEqual(badDate?.field, "paid_on")
            let count5 = try await store.scalar("SELECT COUNT(*) AS n FROM payments")
            XCTAssertEqual(count5, 1, "nothing refused is stored")
        }
    }
}
