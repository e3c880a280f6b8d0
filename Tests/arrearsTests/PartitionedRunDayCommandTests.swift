import ArrearsStore
import ArrearsTestSupport
import Foundation
import SQLKit
import XCTest

/// The partitioned day on PostgreSQL (issue 28, docs/scale-out.md): `run-day --partitions N`,
/// `--plan-only` with `arrears worker` processes, a worker killed with SIGKILL mid-partition,
/// `report actions` while the day is in progress, and the audit chains; each day must equal a
/// one-process run of the same date on the same data, every column of every row.
final class PartitionedRunDayCommandTests: XCTestCase {
    private var cli: CommandRunner!
    private static let days = ["2026-06-30", "2026-07-01"]

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    /// A fresh database with the same sample portfolio.
    private func load(_ url: String) async throws -> [String] {
        try await PostgresCommandSupport.fresh(url)
        if !FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("sample/customers.csv").path) {
            XCTAssertEqual(try cli.run(["generate", "--customers", "800", "--out", "sample", "--seed", "9", "--as-of", "2026-06-30"]).status, 0)
        }
        let db = ["--database", url]
        for kind in ["customers", "accounts", "dues", "payments"] {
            let result = try cli.run(["import", kind, "sample/\(kind).csv"] + db)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        return db
    }

    private func actions(_ day: String, _ db: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let report = try cli.run(["report", "actions", "--date", day, "--format", "csv"] + db)
        XCTAssertEqual(report.status, 0, report.stderr, file: file, line: line)
        return report.stdout
    }

    /// The actions report of each day run in one process, and the cases after the last.
    private func oneProcess(_ url: String) async throws -> (reports: [String], cases: [String]) {
        let db = try await load(url)
        let reports = try Self.days.map { day in
            let run = try cli.run(["run-day", "--date", day] + db)
            XCTAssertEqual(run.status, 0, run.stderr)
            return try actions(day, db)
        }
        return (reports, try await cases(url))
    }

    /// Every column of every case, a line each in id order.
    private func cases(_ url: String) async throws -> [String] {
        let store = try await Store.open(.postgres(url: url), migrate: false)
        do {
            let rows = try await store.sql.raw("""
                SELECT id || '|' || customer_id || '|' || status || '|' || opened_on || '|' || COALESCE(closed_on, '') || '|'
                    || COALESCE(close_reason, '') || '|' || segment || '|' || COALESCE(cell, '') || '|' || dpd || '|' || bucket || '|'
                    || currency || '|' || overdue_minor || '|' || updated_on AS line
                FROM cases ORDER BY id
                """).all()
            await store.shutdown()
            return try rows.map { try $0.decode(column: "line", as: String.self) }
        } catch {
            await store.shutdown()
            throw error
        }
    }

    private func postgres() throws -> String {
        guard let url = PostgresCommandSupport.url() else { throw XCTSkip("ARREARS_TEST_POSTGRES_URL is not set") }
        return url
    }

    func testRunDayInFourPartitionsEqualsTheOneProcessRunAndTheAuditVerifies() async throws {
        let url = try postgres()
        let expected = try await oneProcess(url)
        let db = try await load(url)
        var outputs: [String] = []
        for (day, reference) in zip(Self.days, expected.reports) {
            let run = try cli.run(["run-day", "--date", day, "--partitions", "4"] + db)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("planned in 4 partitions"), run.stdout)
            XCTAssertTrue(run.stdout.contains("partition 3: planned"), run.stdout)
            let report = try actions(day, db)
            XCTAssertGreaterThan(report.split(separator: "\n").count, 50)
            XCTAssertEqual(report, reference, "the partitioned \(day) differs from the one-process run")
            outputs.append(run.stdout + run.stderr)
        }
        // The steady-state day in partitions too: the second day rewrites only the cases that
        // moved and shifts the DPD of the rest, and the cases end as the one-process run's, every
        // column (updated_on included: a case not rewritten keeps the first day's).
        let written = try XCTUnwrap(outputs.last?.split(separator: "\n").first { $0.contains("cases written:") }, outputs.last ?? "")
        let counts = written.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        XCTAssertEqual(counts.count, 3, String(written))
        if counts.count == 3 {
            XCTAssertGreaterThan(counts[1], counts[0], "most open cases had only their DPD moved: \(written)")
        }
        let partitionedCases = try await cases(url)
        XCTAssertGreaterThan(partitionedCases.count, 50)
        XCTAssertEqual(partitionedCases.count, expected.cases.count)
        for (one, parts) in zip(expected.cases, partitionedCases) where one != parts {
            XCTFail("a case differs from the one-process run: \(one) against \(parts)")
            break
        }
        let again = try cli.run(["run-day", "--date", Self.days[1], "--partitions", "4"] + db)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("already completed"), again.stderr)
        let verify = try cli.run(["audit", "verify"] + db)
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.contains("8 partition chain(s)"), verify.stdout)

        // A partition's entry altered afterwards breaks its chain.
        let store = try await Store.open(.postgres(url: url), migrate: false)
        try await store.sql.raw("UPDATE audit_partition_log SET details = '{\"actions\":\"0\"}' WHERE business_date = '2026-07-01' AND part = 2").run()
        await store.shutdown()
        let broken = try cli.run(["audit", "verify"] + db)
        XCTAssertEqual(broken.status, 4, broken.stdout)
        XCTAssertTrue(broken.stderr.contains("partition 2 of 2026-07-01"), broken.stderr)
    }

    func testPlanOnlyThenTwoWorkersAtOnceGiveTheOneProcessRunAndTheReportWaitsForThem() async throws {
        let url = try postgres()
        let expected = try await oneProcess(url)
        let db = try await load(url)
        for (day, reference) in zip(Self.days, expected.reports) {
            let plan = try cli.run(["run-day", "--date", day, "--partitions", "4", "--plan-only"] + db)
            XCTAssertEqual(plan.status, 0, plan.stderr)
            let waiting = try cli.run(["report", "actions", "--date", day] + db)
            XCTAssertEqual(waiting.status, 5, waiting.stderr)
            XCTAssertTrue(waiting.stderr.contains("in progress"), waiting.stderr)
            let another = try cli.run(["run-day", "--date", "2026-07-02"] + db)
            XCTAssertEqual(another.status, 1, "a day in progress holds back the next")
            let workers = try (0..<2).map { _ in try cli.start(["worker", "--until-idle"] + db) }
            for worker in workers where !worker.waitUntilExit(within: CommandRunner.commandDeadline) {
                worker.killNow()
                XCTFail("a worker did not finish within \(Int(CommandRunner.commandDeadline)) s")
            }
            XCTAssertEqual(workers.map(\.terminationStatus), [0, 0])
            XCTAssertEqual(try actions(day, db), reference, "the day the two workers ran differs from the one-process run")
        }
    }

    func testAWorkerKilledMidPartitionLosesNothing() async throws {
        let url = try postgres()
        let expected = try await oneProcess(url)
        let db = try await load(url)
        let day = Self.days[0]
        XCTAssertEqual(try cli.run(["run-day", "--date", day, "--partitions", "2", "--plan-only"] + db).status, 0)

        // The first worker's partition blocks at its tasks, after writing its cases and actions.
        let store = try await Store.open(.postgres(url: url), migrate: false)
        let release = Flag()
        let holder = Task {
            try await store.transaction { database in
                try await database.raw("LOCK TABLE run_day_tasks IN ACCESS EXCLUSIVE MODE").run()
                while !release.isSet { try await Task.sleep(nanoseconds: 100_000_000) }
            }
        }
        try await Task.sleep(nanoseconds: 500_000_000)
        let doomed = try cli.start(["worker", "--until-idle", "--lease-seconds", "3", "--heartbeat-seconds", "1"] + db)
        var running = 0
        for _ in 0..<100 where running == 0 {
            try await Task.sleep(nanoseconds: 200_000_000)
            running = try await store.sql.raw("SELECT COUNT(*) AS n FROM run_day_jobs WHERE status = 'running'").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        XCTAssertEqual(running, 1, "the worker claimed a partition")
        try await Task.sleep(nanoseconds: 1_500_000_000)
        kill(doomed.processIdentifier, SIGKILL)
        doomed.waitUntilExit()
        release.set()
        try await holder.value

        let rescuer = try cli.run(["worker", "--until-idle", "--lease-seconds", "3", "--heartbeat-seconds", "1"] + db)
        XCTAssertEqual(rescuer.status, 0, rescuer.stderr)
        let attempts = try await store.sql.raw("SELECT MAX(attempts) AS n FROM run_day_jobs WHERE business_date = \(bind: day)").first()?
            .decode(column: "n", as: Int.self)
        await store.shutdown()
        XCTAssertEqual(attempts, 2, "the killed worker's partition was claimed again once its lease ran out")
        XCTAssertEqual(try actions(day, db), expected.reports[0], "the day finished after the kill differs from the one-process run")
        XCTAssertEqual(try cli.run(["audit", "verify"] + db).status, 0)
    }

    func testSQLiteRefusesPartitions() throws {
        let refused = try cli.run(["run-day", "--date", "2026-06-30", "--partitions", "4"] + cli.databaseOption)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("--partitions needs PostgreSQL"), refused.stderr)
        let worker = try cli.run(["worker", "--until-idle"] + cli.databaseOption)
        XCTAssertEqual(worker.status, 1)
        XCTAssertTrue(worker.stderr.contains("needs PostgreSQL"), worker.stderr)
    }
}

/// A flag one task sets and another polls.
private final class Flag: @unchecked Sendable {
    private var value = false
    private let lock = NSLock()
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
