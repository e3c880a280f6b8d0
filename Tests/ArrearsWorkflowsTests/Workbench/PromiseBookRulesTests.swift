import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

/// The rules of taking a promise to pay (`PromiseBook`) on cases kept in memory
/// (`InMemoryPromises`); `WorkbenchStoreTests` and `PromisesAPITests` take them on both databases.
final class PromiseBookRulesTests: XCTestCase {
    let today = LocalDate(iso: "2026-11-24")!

    func take(_ caseId: String = "K1", amount: Int64 = 50_000, currency: String = "CNY", inDays days: Int = 7,
              on records: InMemoryPromises) async throws -> StoredPromise {
        try await PromiseBook(maximumDays: 30).take(.init(caseId: caseId, amountMinor: amount, currency: currency, dueOn: today.adding(days: days)),
                                                    today: today, scope: .all, by: "user:collector", records: records)
    }

    func refusal(_ attempt: () async throws -> StoredPromise) async -> WorkbenchError? {
        do { _ = try await attempt(); return nil } catch { return error as? WorkbenchError }
    }

    func testAPromiseIsRefusedWhenNothingIsOverdueOnTheAccountsEvenIfTheLastRunSaidOtherwise() async throws {
        let records = InMemoryPromises()
        records.addCase("K1", overdueMinor: 100_000, positionsOverdueMinor: 0)
        records.addCase("K2", customerId: "C2", overdueMinor: 0)
        records.addCase("K3", customerId: "C3", overdueMinor: 0, positionsOverdueMinor: 20_000)
        let paidUp = await refusal { try await take("K1", on: records) }
        let owedNothingAtTheRun = await refusal { try await take("K2", on: records) }
        XCTAssertEqual(paidUp, .invalid(field: "case_id", message: "nothing is overdue on the case: there is nothing to promise"))
        XCTAssertEqual(owedNothingAtTheRun?.field, "case_id", "without a stored position the case's figure from the last run decides")
        let owedSincePosted = try await take("K3", on: records)
        XCTAssertEqual(owedSincePosted.customerId, "C3", "a position stored since the run, owing something, allows a promise")
        XCTAssertEqual(records.promises.map(\.caseId), ["K3"])
    }

    func testACaseTakesOnePendingPromiseAndTheFirstIsAuditedOnce() async throws {
        let records = InMemoryPromises()
        records.addCase("K1")
        let first = try await take(inDays: 30, on: records)
        XCTAssertEqual(first.status, "pending")
        XCTAssertEqual(first.promisedOn, "2026-11-24")
        XCTAssertEqual(first.dueOn, "2026-12-24")
        XCTAssertEqual(first.amountMinor, 50_000)
        let second = await refusal { try await take(amount: 10_000, on: records) }
        XCTAssertEqual(second, .pendingPromise(promiseId: first.id))
        XCTAssertEqual(records.promises, [first])
        XCTAssertEqual(records.auditActions, ["promise_taken"])
    }

    func testARefusedPromiseNamesTheFieldAndStoresNothing() async throws {
        let records = InMemoryPromises()
        records.addCase("K1")
        records.addCase("K9", customerId: "C9", status: "closed")
        let refusals = [
            await refusal { try await take(amount: 0, on: records) },
            await refusal { try await take(inDays: 31, on: records) },
            await refusal { try await take(inDays: -1, on: records) },
            await refusal { try await take(currency: "USD", on: records) },
            await refusal { try await take("K9", on: records) },
            await refusal { try await take("NOPE", on: records) },
        ]
        XCTAssertEqual(refusals.map { $0?.field }, ["amount", "due_on", "due_on", "currency", "case_id", "case_id"])
        XCTAssertEqual(refusals[4], .invalid(field: "case_id", message: "the case is closed"))
        XCTAssertEqual(refusals[5], .notFound(field: "case_id", id: "NOPE"))
        XCTAssertTrue(records.promises.isEmpty)
        XCTAssertTrue(records.auditActions.isEmpty)
    }
}
