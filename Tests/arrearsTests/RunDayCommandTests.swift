import ArrearsTestSupport
import AsyncHTTPClient
import Foundation
import XCTest

/// The daily run from the command line: the actions report contract, idempotency, and a run
/// killed with SIGKILL at several points that, started again, ends exactly as a clean run.
final class RunDayCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    private func state(_ db: [String]) throws -> String {
        let actions = try cli.run(["report", "actions", "--date", "2026-06-30", "--format", "csv"] + db)
        XCTAssertEqual(actions.status, 0, actions.stderr)
        let accounts = try cli.run(["report", "accounts", "--as-of", "2026-06-30"] + db)
        return actions.stdout + accounts.stdout
    }

    func testActionsReportFollowsTheContractAndASecondRunChangesNothing() throws {
        let db = cli.database("a.sqlite")
        try cli.importSample(into: db)
        let first = try cli.run(["run-day", "--date", "2026-06-30"] + db)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("cases: opened"), first.stderr)
        let report = try cli.run(["report", "actions", "--date", "2026-06-30"] + db)
        let lines = report.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "case_id,customer_id,segment,bucket,dpd,treatment,channel,cell,status,reason,assigned_to,rule,next_allowed_at,expected_value,alternative,alternative_value,propensity",
                       "the contract's columns first, then the policy rule that blocked an action and when it may resume, then why an optimised cell chose it")
        XCTAssertGreaterThan(lines.count, 100)
        let statuses = Set(lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[8] })
        XCTAssertTrue(statuses.isSubset(of: ["created", "held", "blocked"]), "\(statuses)")

        let second = try cli.run(["run-day", "--date", "2026-06-30"] + db)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stderr.contains("already completed; nothing changed"), second.stderr)
        XCTAssertEqual(try cli.run(["report", "actions", "--date", "2026-06-30"] + db).stdout, report.stdout)
    }

    func testRunKilledAtAnyStepFinishesLikeACleanRunWhenStartedAgain() throws {
        let clean = cli.database("clean.sqlite")
        try cli.importSample(into: clean)
        XCTAssertEqual(try cli.run(["run-day", "--date", "2026-06-30"] + clean).status, 0)
        let expected = try state(clean)

        for (index, step) in ["settling promises", "segmenting customers", "assigning", "writing"].enumerated() {
            let db = cli.database("killed-\(index).sqlite")
            try cli.importSample(into: db)
            let errors = Pipe()
            let process = try cli.start(["run-day", "--date", "2026-06-30"] + db, stderr: errors)
            var seen = ""
            while !seen.contains(step) {
                let data = errors.fileHandleForReading.availableData
                if data.isEmpty { break }
                seen += String(decoding: data, as: UTF8.self)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "killed during '\(step)'")
            let rerun = try cli.run(["run-day", "--date", "2026-06-30"] + db)
            XCTAssertEqual(rerun.status, 0, rerun.stderr)
            XCTAssertFalse(rerun.stderr.contains("already completed"), "the killed run left no completed date behind")
            XCTAssertEqual(try state(db), expected, "killed during '\(step)'")
        }
    }
}

extension RunDayCommandTests {
    func testStrategyVersionsAreKeptAndAnEditNeedsANewVersion() throws {
        let db = cli.database("v.sqlite")
        try cli.importSample(into: db)
        XCTAssertEqual(try cli.run(["run-day", "--date", "2026-06-30"] + db).status, 0)
        let list = try cli.run(["strategy", "list"] + db)
        XCTAssertEqual(list.stdout, "version,first_used_on\n2026.2,2026-06-30\n")
        let original = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("config/strategy.yaml"), encoding: .utf8)
        XCTAssertEqual(try cli.run(["strategy", "show", "2026.2"] + db).stdout, original)

        let edited = try cli.file("edited.yaml", [original.replacingOccurrences(of: "promise_grace_days: 3", with: "promise_grace_days: 5")])
        let refused = try cli.run(["run-day", "--date", "2026-07-01", "--strategy", edited] + db)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("strategy version '2026.2' was first used on 2026-06-30 with other rules"), refused.stderr)

        let stored = try cli.run(["run-day", "--date", "2026-07-01", "--strategy-version", "2026.2"] + db)
        XCTAssertEqual(stored.status, 0, stored.stderr)
    }
}

/// The order of business dates and runs started at once, on SQLite and on PostgreSQL.
extension RunDayCommandTests {
    /// Runs `body` with the `--database` option of a fresh SQLite file and, when
    /// `ARREARS_TEST_POSTGRES_URL` is set, of the emptied PostgreSQL database.
    func testADateEarlierThanTheLastCompletedIsRefusedUnlessBackdatedOnPurpose() async throws {
        try await cli.eachDatabase(sqlite: cli.database("order.sqlite")) { db, name in
            try cli.importSample(into: db)
            XCTAssertEqual(try cli.run(["run-day", "--date", "2026-06-30"] + db).status, 0, name)
            let positions = try cli.run(["report", "accounts", "--as-of", "2026-06-30"] + db).stdout

            let refused = try cli.run(["run-day", "--date", "2026-06-29"] + db)
            XCTAssertEqual(refused.status, 1, name)
            XCTAssertTrue(refused.stderr.contains("2026-06-29 is earlier than 2026-06-30, the last business date that completed"), refused.stderr)
            XCTAssertTrue(refused.stderr.contains("--backdate"), refused.stderr)
            XCTAssertEqual(try cli.run(["report", "accounts", "--as-of", "2026-06-30"] + db).stdout, positions, "\(name): nothing moved")
            XCTAssertEqual(try runDayEntries(db), 1, "\(name): no run of 2026-06-29 recorded")

            let again = try cli.run(["run-day", "--date", "2026-06-30"] + db)
            XCTAssertEqual(again.status, 0, "\(name): the last completed date itself is no backdating: \(again.stderr)")
            XCTAssertTrue(again.stderr.contains("already completed; nothing changed"), again.stderr)

            let backdated = try cli.run(["run-day", "--date", "2026-06-29", "--backdate"] + db)
            XCTAssertEqual(backdated.status, 0, "\(name): \(backdated.stderr)")
            XCTAssertTrue(backdated.stderr.contains("cases: opened"), backdated.stderr)
            XCTAssertEqual(try runDayEntries(db), 2, name)
        }
    }

    func testTwoRunsOfOneDateStartedAtOnceRunItOnce() async throws {
        try await cli.eachDatabase(sqlite: cli.database("order.sqlite")) { db, name in
            try cli.importSample(into: db)
            let firstErrors = Pipe(), secondErrors = Pipe()
            let first = try cli.start(["run-day", "--date", "2026-06-30"] + db, stderr: firstErrors)
            // Once it settles arrangements the first run is inside its transaction, holding the
            // daily-run lock: it is stopped there, so that the second surely starts during it.
            let firstStart = read(firstErrors, until: "settling arrangements")
            kill(first.processIdentifier, SIGSTOP)
            let second = try cli.start(["run-day", "--date", "2026-06-30"] + db, stderr: secondErrors)
            var secondStart = ""
            if name == "postgres" {
                secondStart = read(secondErrors, until: "waiting for another run-day to finish")
                XCTAssertTrue(secondStart.contains("waiting for another run-day to finish"), secondStart)
            } else {
                try await Task.sleep(nanoseconds: 3_000_000_000)
            }
            XCTAssertTrue(second.isRunning, "\(name): the second run waits for the first: \(secondStart)")
            kill(first.processIdentifier, SIGCONT)
            let firstOutput = firstStart + String(decoding: firstErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let secondOutput = secondStart + String(decoding: secondErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            first.waitUntilExit()
            second.waitUntilExit()

            XCTAssertEqual(first.terminationStatus, 0, "\(name): \(firstOutput)")
            XCTAssertEqual(second.terminationStatus, 0, "\(name): \(secondOutput)")
            XCTAssertTrue(firstOutput.contains("cases: opened"), firstOutput)
            XCTAssertTrue(secondOutput.contains("already completed; nothing changed"), "\(name): \(secondOutput)")
            XCTAssertFalse(secondOutput.contains("settling arrangements"), "\(name): the second run did none of the day's steps: \(secondOutput)")
            XCTAssertEqual(try runDayEntries(db), 1, "\(name): the date ran once")
        }
    }

    /// A day's run holds its transaction open from its first step to its commit; a case file,
    /// which reads the stored positions, answers meanwhile (with those of the last commit).
    func testACaseFileAnswersWhileADayRuns() async throws {
        try await cli.eachDatabase(sqlite: cli.database("order.sqlite")) { db, name in
            try cli.importSample(into: db)
            XCTAssertEqual(try cli.run(["run-day", "--date", "2026-06-30"] + db).status, 0, name)
            XCTAssertEqual(try cli.run(["user", "add", "--username", "reader", "--role", "supervisor", "--password-stdin"] + db,
                                       input: "a password for the reader\n").status, 0, name)
            let token = try cli.run(["token", "create", "--username", "reader"] + db).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let actions = try cli.run(["report", "actions", "--date", "2026-06-30", "--format", "csv"] + db).stdout.split(separator: "\n")
            let caseId = try XCTUnwrap(actions.dropFirst().first?.split(separator: ",").first.map(String.init), name)
            let (server, base) = try await cli.startServer(db, log: "serve-\(name).log")
            defer {
                server.stop()
            }
            func caseFile() async -> (status: UInt?, seconds: Double, body: String) {
                var request = HTTPClientRequest(url: base + "/api/v1/cases/" + caseId)
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                let started = Date()
                do {
                    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
                    let body = String(buffer: try await response.body.collect(upTo: 1 << 22))
                    return (response.status.code, Date().timeIntervalSince(started), body)
                } catch {
                    return (nil, Date().timeIntervalSince(started), "\(error)")
                }
            }
            let before = await caseFile()
            XCTAssertEqual(before.status, 200, "\(name): \(before.body)")

            let errors = Pipe()
            let run = try cli.start(["run-day", "--date", "2026-07-01"] + db, stderr: errors)
            // Past the positions' recompute, the run is stopped with its transaction open.
            let started = read(errors, until: "snapshotting buckets")
            kill(run.processIdentifier, SIGSTOP)
            let during = await caseFile()
            kill(run.processIdentifier, SIGCONT)
            let rest = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            run.waitUntilExit()

            XCTAssertTrue(started.contains("snapshotting buckets"), started)
            XCTAssertEqual(during.status, 200, "\(name): the case file answers during the run: \(during.body)")
            XCTAssertLessThan(during.seconds, 5, "\(name): without waiting for the run")
            XCTAssertEqual(run.terminationStatus, 0, "\(name): \(started + rest)")
            let after = await caseFile()
            XCTAssertEqual(after.status, 200, "\(name): \(after.body)")
        }
    }

    /// What `pipe` carries until `text` comes (or the writer closes it).
    private func read(_ pipe: Pipe, until text: String) -> String {
        var seen = ""
        while !seen.contains(text) {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        return seen
    }

    /// The `run_day` entries in the audit log, through `arrears audit export`.
    private func runDayEntries(_ db: [String]) throws -> Int {
        let export = try cli.run(["audit", "export", "--from", "2000-01-01", "--to", "2199-12-31", "--format", "json"] + db)
        XCTAssertEqual(export.status, 0, export.stderr)
        let rows = try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]] ?? []
        return rows.filter { $0["action"] as? String == "run_day" }.count
    }
}
