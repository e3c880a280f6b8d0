import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import XCTest

/// Every KPI of `KPIHistory`'s hand-made February and March, on both databases.
final class KPIReportTests: XCTestCase {
    private func row(_ rows: [KPIRow], _ group: String, file: StaticString = #filePath, line: UInt = #line) throws -> KPIFigures {
        try XCTUnwrap(rows.first { $0.group == group }?.figures, "no row for \(group) in \(rows.map(\.group))", file: file, line: line)
    }

    func testEveryKPIOfThePeriod() async throws {
        try await TestDatabases.each { store, database in
            try await KPIHistory.write(into: store)
            let rows = try await KPIReport.compute(KPIHistory.period, by: nil, costs: KPIHistory.costs, on: store)
            XCTAssertEqual(rows.map(\.group), ["all"], database)
            let all = try row(rows, "all")
            XCTAssertEqual(all.currency, "CNY")
            // K1, K2, K3 worked (K0 closed before the period); K1 cured.
            XCTAssertEqual(all.casesWorked, 3, database)
            XCTAssertEqual(all.casesCured, 1, database)
            XCTAssertEqual(try XCTUnwrap(all.cureRate), 1.0 / 3.0, accuracy: 1e-12)
            // Entry 10,000 + 15,000 + 8,000; recovered 10,000 + 3,000 (P3 was before K2 opened, P5 on a current account).
            XCTAssertEqual(all.overdueAtEntryMinor, 33_000, database)
            XCTAssertEqual(all.recoveredMinor, 13_000, database)
            XCTAssertEqual(try XCTUnwrap(all.recoveryRate), 13.0 / 33.0, accuracy: 1e-12)
            // The last bucket totals of the period, 03-31: 20,000 overdue of 80,000.
            XCTAssertEqual(all.overdueMinor, 20_000, database)
            XCTAssertEqual(all.outstandingMinor, 80_000, database)
            XCTAssertEqual(all.delinquencyRate, 0.25, database)
            // T1–T5: 5 attempts, 3 right-party contacts, 3 customers.
            XCTAssertEqual(all.attempts, 5, database)
            XCTAssertEqual(all.rightPartyContacts, 3, database)
            XCTAssertEqual(all.rightPartyContactRate, 0.6, database)
            XCTAssertEqual(try XCTUnwrap(all.contactsPerRightPartyContact), 5.0 / 3.0, accuracy: 1e-12)
            XCTAssertEqual(all.customersContacted, 3, database)
            // PR1, PR2, PR4 made (3 per 3 RPCs); PR1 kept, PR3 partly kept, PR2 broken.
            XCTAssertEqual(all.promisesMade, 3, database)
            XCTAssertEqual(all.promiseRate, 1, database)
            XCTAssertEqual(all.promisesSettled, 3, database)
            XCTAssertEqual(all.promisesKept, 1, database)
            XCTAssertEqual(all.promisesPartlyKept, 1, database)
            XCTAssertEqual(try XCTUnwrap(all.promiseKeptRate), 1.0 / 3.0, accuracy: 1e-12)
            // Ratings 5, 2, 4: mean 11/3, two of three 4 or 5; one complaint about a case per 3 contacted.
            XCTAssertEqual(all.ratings, 3, database)
            XCTAssertEqual(try XCTUnwrap(all.ratingMean), 11.0 / 3.0, accuracy: 1e-12)
            XCTAssertEqual(try XCTUnwrap(all.ratingHighShare), 2.0 / 3.0, accuracy: 1e-12)
            XCTAssertEqual(all.complaints, 1, database)
            XCTAssertEqual(try XCTUnwrap(all.complaintRate), 1.0 / 3.0, accuracy: 1e-12)
            // 1 SMS × 5 + 2 calls × 600 + 1 visit × 15,000 = 16,205; net 13,000 − 16,205.
            XCTAssertEqual(all.workByChannel, ["sms": 1, "call": 2, "visit": 1], database)
            XCTAssertEqual(all.costMinor, 16_205, database)
            XCTAssertEqual(all.netRecoveryMinor, -3_205, database)
            XCTAssertEqual(try XCTUnwrap(all.costPerUnitRecovered), 16_205.0 / 13_000.0, accuracy: 1e-12)
        }
    }

    func testByCellSplitsTheCases() async throws {
        try await TestDatabases.each { store, database in
            try await KPIHistory.write(into: store)
            let rows = try await KPIReport.compute(KPIHistory.period, by: .cell, costs: KPIHistory.costs, on: store)
            XCTAssertEqual(rows.map(\.group), ["challenger", "champion"], database)
            let champion = try row(rows, "champion"), challenger = try row(rows, "challenger")
            // Champion K1 + K3: entry 18,000, recovered 10,000; attempts T1, T2, T5. Challenger K2.
            XCTAssertEqual([champion.casesWorked, champion.casesCured, champion.attempts, champion.rightPartyContacts], [2, 1, 3, 2], database)
            XCTAssertEqual([champion.overdueAtEntryMinor, champion.recoveredMinor], [18_000, 10_000], database)
            XCTAssertEqual([challenger.casesWorked, challenger.casesCured, challenger.attempts, challenger.rightPartyContacts], [1, 0, 2, 1], database)
            XCTAssertEqual([challenger.overdueAtEntryMinor, challenger.recoveredMinor], [15_000, 3_000], database)
            XCTAssertNil(champion.delinquencyRate, "bucket totals are not kept by cell")
            // Costs: champion SMS + call + visit = 15,605, challenger one call = 600.
            XCTAssertEqual(champion.costMinor, 15_605, database)
            XCTAssertEqual(challenger.costMinor, 600, database)
        }
    }

    func testByCollectorAndTeamFollowTheWork() async throws {
        try await TestDatabases.each { store, database in
            try await KPIHistory.write(into: store)
            let collectors = try await KPIReport.compute(KPIHistory.period, by: .collector, costs: KPIHistory.costs, agents: KPIHistory.agents, on: store)
            XCTAssertEqual(collectors.map(\.group), ["c-li-na", "c-zhang-wei", "f-shanghai"], database)
            let li = try row(collectors, "c-li-na")
            XCTAssertEqual([li.casesWorked, li.casesCured, li.attempts, li.rightPartyContacts, li.ratings], [1, 1, 2, 1, 1], database)
            XCTAssertEqual(li.costMinor, 600, database)
            XCTAssertEqual(li.recoveredMinor, 10_000, database)
            let field = try row(collectors, "f-shanghai")
            XCTAssertEqual([field.casesWorked, field.attempts, field.rightPartyContacts], [1, 1, 1], database)
            XCTAssertEqual(field.costMinor, 15_000, database)

            let teams = try await KPIReport.compute(KPIHistory.period, by: .team, costs: KPIHistory.costs, agents: KPIHistory.agents, on: store)
            XCTAssertEqual(teams.map(\.group), ["collector", "field_team"], database)
            let callCentre = try row(teams, "collector")
            XCTAssertEqual([callCentre.casesWorked, callCentre.attempts, callCentre.rightPartyContacts], [2, 4, 2], database)
            XCTAssertEqual(callCentre.recoveredMinor, 13_000, database)
        }
    }

    func testByProductRegionAndBucket() async throws {
        try await TestDatabases.each { store, database in
            try await KPIHistory.write(into: store)
            let products = try await KPIReport.compute(KPIHistory.period, by: .product, costs: KPIHistory.costs, on: store)
            // K1 is a credit-card case, K2 and K3 personal-loan cases (A3, not the current A4).
            XCTAssertEqual(try row(products, "credit_card").casesWorked, 1, database)
            XCTAssertEqual(try row(products, "personal_loan").casesWorked, 2, database)
            XCTAssertEqual(try row(products, "personal_loan").delinquencyRate, 20_000.0 / 30_000.0, database)
            let regions = try await KPIReport.compute(KPIHistory.period, by: .region, costs: KPIHistory.costs, on: store)
            XCTAssertEqual(regions.map { "\($0.group):\($0.figures.casesWorked)" }, ["上海:2", "北京:1"], database)
            let buckets = try await KPIReport.compute(KPIHistory.period, by: .bucket, costs: KPIHistory.costs, on: store)
            XCTAssertEqual(try row(buckets, "31-60").casesWorked, 2, database)
            XCTAssertEqual(try row(buckets, "61-90").casesWorked, 1, database)
        }
    }

    func testTransitionsMonthOnMonth() async throws {
        try await TestDatabases.each { store, database in
            try await KPIHistory.write(into: store)
            let transitions = try await BucketTransitions.load(KPIHistory.period, buckets: .standard, currency: "CNY", on: store)
            XCTAssertEqual(transitions.months.map { "\($0.from)>\($0.to)" }, ["2026-01-30>2026-02-27", "2026-02-27>2026-03-31"], database)
            let index = { (name: String) in transitions.buckets.firstIndex(of: name)! }
            // current→current A4 twice (2,000); current→16-30 A3 (8,000); 1-15→16-30 A2 (15,000);
            // 16-30→31-60 A1, A2, A3 (10,000 + 12,000 + 8,000); 31-60→current A1 (6,000).
            XCTAssertEqual(transitions.counts[index("current")][index("current")], 2, database)
            XCTAssertEqual(transitions.balances[index("current")][index("16-30")], 8_000, database)
            XCTAssertEqual(transitions.balances[index("1-15")][index("16-30")], 15_000, database)
            XCTAssertEqual(transitions.counts[index("16-30")][index("31-60")], 3, database)
            XCTAssertEqual(transitions.balances[index("16-30")][index("31-60")], 30_000, database)
            XCTAssertEqual(transitions.total.rollRate(from: index("current")), 0.8, database)
            XCTAssertEqual(transitions.total.cureRate(from: index("31-60")), 1, database)
            XCTAssertEqual(transitions.counts.joined().reduce(0, +), 8, "four accounts, two months")
        }
    }

    func testDelinquencyTrendAndCellComparison() async throws {
        try await TestDatabases.each { store, database in
            try await KPIHistory.write(into: store)
            let trend = try await DelinquencyTrend.trend(KPIHistory.period, on: store)
            XCTAssertEqual(trend.map(\.date.description), ["2026-03-30", "2026-03-31"], database)
            XCTAssertEqual(trend.map(\.rate), [21_000.0 / 80_000.0, 0.25], database)

            // A minimum of two cases, so that the champion's two get an interval.
            let cells = try await CellComparison.load(KPIHistory.period, champion: "champion", costs: KPIHistory.costs,
                                                      plan: ComparisonPlan(minimumCases: 2), on: store)
            XCTAssertEqual(cells.map(\.cell), ["champion", "challenger"], database)
            // Champion cases (10,000 → 10,000) and (8,000 → 0): R = 10/18, residuals 10,000 − 5,555.6
            // and −4,444.4, Σ² = 39,506,173; SE = √(Σ²/2) / 9,000 = 0.49383.
            XCTAssertEqual(try XCTUnwrap(cells[0].recoveryRate.rate), 10.0 / 18.0, accuracy: 1e-12)
            XCTAssertEqual(try XCTUnwrap(cells[0].recoveryRate.interval).upper, 10.0 / 18.0 + 1.959964 * 0.49383, accuracy: 1e-4)
            XCTAssertNil(cells[1].recoveryRate.versusChampion, "one challenger case has no spread to test with")
            // Cures 1/2 against 0/1: too few cures and non-cures for a test. 50% against 0% takes
            // 11 cases a cell by the two-proportion formula, and ten cures at 50% take 20.
            XCTAssertNil(cells[1].cureRate.pValue, database)
            XCTAssertFalse(cells[1].cureRate.hasEnoughData, database)
            XCTAssertEqual(cells[1].cureRate.unitsNeeded, 20, database)
            XCTAssertFalse(cells[1].significant)
        }
    }
}
