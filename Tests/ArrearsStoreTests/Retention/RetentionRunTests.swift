import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import ArrearsTestSupport
import Foundation
import SQLKit
import XCTest

/// Retention (issue 24): the personal data of customers whose collection ended more than the
/// period ago is erased from every place it is stored, the rows the bank counts stay, the audit
/// chain still verifies, and nothing else is touched; on both databases.
final class RetentionRunTests: XCTestCase {
    /// The `cn` pack's minimum, 730 days: a case closed on 2026-01-10 is past it on 2028-03-01.
    private static let closed = LocalDate(iso: "2026-01-10")!
    private static let asOf = LocalDate(iso: "2028-03-01")!
    static let configDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config").path

    private func run(_ store: Store, dryRun: Bool = false, asOf: LocalDate = asOf, batchSize: Int = 500) async throws -> RetentionReport {
        let pack = try PolicyConfig.loadPack("cn", directory: Self.configDirectory)
        var retention = RetentionRun(store: store, config: RetentionConfig(periodDays: 730, pack: pack))
        retention.batchSize = batchSize
        return try await retention.run(asOf: asOf, dryRun: dryRun, by: "cli:test", now: Date(timeIntervalSince1970: 1_835_000_000))
    }

    /// Where the personal data of `customer` is still stored.
    private func left(_ customer: String, _ store: Store) async throws -> [String] {
        try await RetentionFixture.places(holding: RetentionFixture.token(of: customer), in: store)
    }

    private func chain(_ store: Store) async throws -> AuditLog.Verification {
        try await AuditLog.verify(on: store.sql)
    }

    private func entries(_ store: Store) async throws -> [AuditEntry] {
        try await AuditLog.entries(from: LocalDate(iso: "1900-01-01")!, to: LocalDate(iso: "2199-12-31")!, on: store.sql)
    }

    func testACustomerPastThePeriodIsErasedEverywhereWhileTheBanksFiguresStay() async throws {
        try await TestDatabases.each { store, name in
            try await RetentionFixture.add("CR1", closedOn: Self.closed, into: store)
            let stored = try await left("CR1", store)
            XCTAssertTrue(stored.contains("customers.name") && stored.contains("audit_log.details") && stored.contains("attachments.content") == (name == "sqlite"),
                          "\(stored) (\(name))")
            let figures = """
                SELECT CAST((SELECT SUM(amount_minor) FROM payments) + (SELECT SUM(paid_minor) FROM promises) + (SELECT SUM(amount_minor) FROM arrangements)
                     + (SELECT SUM(amount_minor) FROM legal_costs) + (SELECT COUNT(*) FROM cases WHERE close_reason = 'cured')
                     + (SELECT COUNT(*) FROM contact_attempts WHERE outcome = 'promise') + (SELECT COUNT(*) FROM visits WHERE met = 'customer') AS BIGINT) AS n
                """
            let figuresBefore = try await store.scalar(figures)

            let report = try await run(store)

            XCTAssertEqual(report.qualifying, 1, name)
            XCTAssertEqual(report.customersErased, 1, name)
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: report.places.map { ($0.table, $0.rows) }), [
                "customers": 1, "contact_points": 1, "contact_attempts": 1, "customer_flags": 1, "satisfaction_ratings": 1, "complaints": 1,
                "outbox_messages": 1, "visits": 1, "attachments": 2, "legal_cases": 1, "legal_stages": 1, "legal_costs": 1, "legal_documents": 1,
                "arrangements": 1, "inbound_access_grants": 1, "quality_reviews": 1,
            ], name)
            XCTAssertEqual(report.auditEntries, 4, "the entries about the customer, the waiver and the task (\(name))")
            let remaining = try await left("CR1", store)
            XCTAssertEqual(remaining, [], name)
            for number in RetentionFixture.personal(of: "CR1") {
                let places = try await RetentionFixture.places(holding: number, in: store)
                XCTAssertEqual(places, [], "\(number) (\(name))")
            }
            let files = try await store.count("attachments")
            XCTAssertEqual(files, 0, name)
            let erasedOn = try await store.scalar("SELECT COUNT(*) AS n FROM customers WHERE id = 'CR1' AND erased_on = '2028-03-01'")
            XCTAssertEqual(erasedOn, 1, name)
            let figuresAfter = try await store.scalar(figures)
            XCTAssertEqual(figuresAfter, figuresBefore, "payments, promises, waivers, legal costs, cases, outcomes still add up (\(name))")

            // The chain verifies, and records the run with counts, never the data.
            let verification = try await chain(store)
            XCTAssertNil(verification.firstBreak, name)
            let entries = try await entries(store)
            let runEntry = try XCTUnwrap(entries.last, name)
            XCTAssertEqual(runEntry.action, AuditErasure.runAction, name)
            XCTAssertEqual(report.runEntries, [runEntry.sequence], name)
            XCTAssertTrue(runEntry.details.contains(#""customers":"1""#) && runEntry.details.contains(#""erased_entries":"4""#), runEntry.details)
            XCTAssertEqual(entries.filter { $0.details == AuditErasure.marker(run: runEntry.sequence) }.map(\.action),
                           ["contact_attempt_recorded", "arrangement.propose", "task.reassign", "view_personal_data"], name)
        }
    }

    func testCustomersWithOpenWorkOrACollectionThatEndedTooRecentlyAreUntouched() async throws {
        try await TestDatabases.each { store, name in
            let kept: [(String, LocalDate, RetentionFixture.OpenWork)] = [
                ("CR2", Self.closed, .account), ("CR3", Self.closed, .caseItself), ("CR4", Self.closed, .complaint), ("CR5", Self.closed, .legalCase),
                ("CR6", Self.asOf.adding(days: -730), .none),
            ]
            try await RetentionFixture.add("CR1", closedOn: Self.closed, into: store)
            for (customer, closed, open) in kept { try await RetentionFixture.add(customer, closedOn: closed, open: open, into: store) }
            var before: [String: [String]] = [:]
            for (customer, _, _) in kept { before[customer] = try await left(customer, store) }

            let report = try await run(store)

            XCTAssertEqual(report.qualifying, 1, "only CR1 (\(name))")
            XCTAssertEqual(report.customersErased, 1, name)
            let erased = try await left("CR1", store)
            XCTAssertEqual(erased, [], name)
            for (customer, _, open) in kept {
                let after = try await left(customer, store)
                XCTAssertTrue(after.contains("customers.name") && after.contains("contact_attempts.note") && after.contains("audit_log.details"),
                              "\(customer) \(open) (\(name))")
                XCTAssertEqual(after, before[customer], "\(customer), kept for \(open) (\(name))")
            }
            let verified = try await chain(store)
            XCTAssertNil(verified.firstBreak, name)

            // A day later CR6's collection, which ended 730 days before 2028-03-01, is more than 730 days old.
            let later = try await run(store, asOf: Self.asOf.adding(days: 1))
            XCTAssertEqual(later.customersErased, 1, name)
            let cr6 = try await left("CR6", store)
            XCTAssertEqual(cr6, [], name)
            let verifiedLater = try await chain(store)
            XCTAssertNil(verifiedLater.firstBreak, name)
        }
    }

    func testADryRunChangesNothingAndASecondRunNothingMore() async throws {
        try await TestDatabases.each { store, name in
            try await RetentionFixture.add("CR1", closedOn: Self.closed, into: store)
            try await RetentionFixture.add("CR2", closedOn: Self.closed, into: store)
            let stored = try await left("CR1", store)
            let head = try await chain(store).head

            let dry = try await run(store, dryRun: true)
            XCTAssertTrue(dry.dryRun, name)
            XCTAssertEqual(dry.customersErased, 2, name)
            XCTAssertEqual(dry.auditEntries, 8, name)
            let afterDryRun = try await left("CR1", store)
            XCTAssertEqual(afterDryRun, stored, name)
            let headAfterDryRun = try await chain(store).head
            XCTAssertEqual(headAfterDryRun?.hash, head?.hash, "nothing recorded either (\(name))")

            let real = try await run(store)
            XCTAssertEqual(real.places, dry.places, "the dry run said what the run did (\(name))")
            XCTAssertEqual(real.auditEntries, dry.auditEntries, name)
            let afterFirst = try await chain(store)
            XCTAssertNil(afterFirst.firstBreak, name)

            let second = try await run(store)
            XCTAssertTrue(second.isEmpty, name)
            XCTAssertEqual(second.qualifying, 2, "still past the period, with nothing left to erase (\(name))")
            XCTAssertEqual(second.runEntries, [], name)
            let afterSecond = try await chain(store)
            XCTAssertEqual(afterSecond.head?.hash, afterFirst.head?.hash, "a second run records nothing (\(name))")
        }
    }

    func testCustomersAreErasedInBatchesEachRecordedInTheChain() async throws {
        try await TestDatabases.each { store, name in
            for index in 1...5 { try await RetentionFixture.add("CR\(index)", closedOn: Self.closed, into: store) }
            let report = try await run(store, batchSize: 2)
            XCTAssertEqual(report.customersErased, 5, name)
            XCTAssertEqual(report.runEntries.count, 3, name)
            let verified = try await chain(store)
            XCTAssertNil(verified.firstBreak, name)
            for index in 1...5 {
                let remaining = try await left("CR\(index)", store)
                XCTAssertEqual(remaining, [], "CR\(index) (\(name))")
            }
        }
    }

    func testAnEntryAlteredBeforeTheRunStopsItsBatchInsteadOfBeingHidden() async throws {
        try await TestDatabases.each { store, name in
            try await RetentionFixture.add("CR1", closedOn: Self.closed, into: store)
            try await RetentionFixture.add("CR2", closedOn: Self.closed, into: store)
            try await store.sql.raw(#"UPDATE audit_log SET details = '{"note":"nothing"}' WHERE subject = 'CR2' AND action = 'contact_attempt_recorded'"#).run()
            do {
                _ = try await run(store)
                XCTFail("a run over an altered entry must stop (\(name))")
            } catch let error as RetentionError {
                guard case .auditEntryAltered = error else { return XCTFail("\(error) (\(name))") }
            }
            let stillThere = try await left("CR1", store)
            XCTAssertTrue(stillThere.contains("customers.name"), "the batch was not half-erased (\(name))")
            let broken = try await chain(store).firstBreak
            guard case .altered = broken else { return XCTFail("\(String(describing: broken)) (\(name))") }
        }
    }

    func testAChangeToAnEntryThatWasNotErasedIsFoundAfterTheRunAndSoIsAForgedErasure() async throws {
        try await TestDatabases.each { store, name in
            try await RetentionFixture.add("CR1", closedOn: Self.closed, into: store)
            try await RetentionFixture.add("CR2", closedOn: Self.closed, open: .complaint, into: store)
            let report = try await run(store)
            let run = try XCTUnwrap(report.runEntries.first, name)
            let verified = try await chain(store)
            XCTAssertNil(verified.firstBreak, name)
            let all = try await entries(store)
            let kept = try XCTUnwrap(all.first { $0.subject == "CR2" }?.sequence, name)

            try await store.sql.raw(#"UPDATE audit_log SET details = '{"note":"rewritten"}' WHERE sequence = \#(bind: kept)"#).run()
            let altered = try await chain(store).firstBreak
            XCTAssertEqual(altered, .altered(sequence: kept), name)

            // Passing a kept entry off as erased, with a marker naming the run, is found too.
            try await store.sql.raw("UPDATE audit_log SET details = \(bind: AuditErasure.marker(run: run)) WHERE sequence = \(bind: kept)").run()
            let forged = try await chain(store).firstBreak
            let firstErased = try XCTUnwrap(all.first { $0.subject == "CR1" }?.sequence, name)
            XCTAssertEqual(forged, .unaccountedErasure(sequence: firstErased, run: run), "the run no longer accounts for what names it (\(name))")
        }
    }

    func testAnAuditLogWrittenBeforeTheChangeStillVerifiesHoldsItsAnchorsAndIsErased() async throws {
        try await TestDatabases.each { store, name in
            try await RetentionFixture.add("CR1", closedOn: Self.closed, into: store)
            try await RetentionFixture.add("CR2", closedOn: Self.closed, open: .caseItself, into: store)
            try await RetentionFixture.makeAuditLogLegacy(in: store)
            try await store.migrate()
            let schemes = try await entries(store).map(\.scheme)
            XCTAssertEqual(Set(schemes), [.details], name)
            let before = try await chain(store)
            XCTAssertNil(before.firstBreak, name)
            let anchor = try XCTUnwrap(before.head.map { AuditAnchor(sequence: $0.sequence, hash: $0.hash) }, name)

            let report = try await run(store)
            XCTAssertEqual(report.auditEntries, 4, name)
            let after = try await chain(store)
            XCTAssertNil(after.firstBreak, name)
            let mismatch = try await anchor.mismatch(on: store.sql)
            XCTAssertNil(mismatch, "a head recorded before the change still holds (\(name))")
            let remaining = try await left("CR1", store)
            XCTAssertEqual(remaining, [], name)

            // An old entry that was erased can no longer be checked against its hash, but the run's digest covers it.
            let erased = "subject = 'CR1' AND action = 'contact_attempt_recorded'"
            try await store.sql.raw("UPDATE audit_log SET actor = 'user:mallory' WHERE \(unsafeRaw: erased)").run()
            let reattributed = try await chain(store).firstBreak
            guard case .unaccountedErasure = reattributed else { return XCTFail("\(String(describing: reattributed)) (\(name))") }
            try await store.sql.raw("UPDATE audit_log SET actor = 'user:c-zhang-wei' WHERE \(unsafeRaw: erased)").run()
            let restored = try await chain(store)
            XCTAssertNil(restored.firstBreak, name)

            // An old entry that was kept is checked as before.
            try await store.sql.raw(#"UPDATE audit_log SET details = '{"note":"x"}' WHERE subject = 'CR2' AND action = 'contact_attempt_recorded'"#).run()
            let altered = try await chain(store).firstBreak
            guard case .altered = altered else { return XCTFail("\(String(describing: altered)) (\(name))") }
        }
    }
}
