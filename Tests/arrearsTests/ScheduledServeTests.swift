import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

/// `arrears serve --schedule` (docs/scale-out.md): the daily run at the configured time, the
/// outbox delivered, the deadline's alert, one leader among several servers on one PostgreSQL
/// database (and another when it dies), the read replica, and two servers sharing their users'
/// sessions and sign-in throttling.
final class ScheduledServeTests: XCTestCase {
    private var cli: CommandRunner!
    private var servers: [Process] = []

    override func setUpWithError() throws {
        Self.waitAwayFromMidnight()
        cli = try CommandRunner()
    }

    /// The tests' dates and schedules are UTC: a test begun at 23:58 would see its date change
    /// under it, and before 00:01 a deadline of "00:01" has not passed. From four minutes before
    /// midnight to two after it, a test waits until 00:02.
    private static func waitAwayFromMidnight() {
        let secondsIntoDay = Int(Date().timeIntervalSince1970) % 86_400
        if secondsIntoDay >= 86_400 - 4 * 60 {
            Thread.sleep(forTimeInterval: Double(86_400 - secondsIntoDay + 120))
        } else if secondsIntoDay < 120 {
            Thread.sleep(forTimeInterval: Double(120 - secondsIntoDay))
        }
    }

    override func tearDown() {
        for server in servers { server.stop() }
        cli.remove()
    }

    /// Today in UTC, the zone of the tests' schedules.
    private var today: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date())
    }

    /// A config folder: the shipped one's files, `schedule.yaml` made of `lines`, and a
    /// `policy.yaml` whose contact time is 08:00 in the customers' zone (Asia/Shanghai), the first
    /// minute outside the cn pack's quiet hours. That moment is 00:00 UTC of the run's date, so
    /// the day's messages are due at whatever hour the test runs. With the shipped 10:00 they
    /// are not due before 02:00 UTC, and a test run between midnight and 02:00 UTC saw nothing
    /// delivered.
    private func config(schedule lines: [String]) throws -> String {
        let folder = cli.directory.appendingPathComponent("conf-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let shipped = CommandRunner.packageRoot.appendingPathComponent("config")
        for name in try FileManager.default.contentsOfDirectory(atPath: shipped.path) where !["schedule.yaml", "policy.yaml"].contains(name) {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: shipped.appendingPathComponent(name))
        }
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("schedule.yaml"), atomically: true, encoding: .utf8)
        try "pack: cn\ndaily_run_contact_time: \"08:00\"\n".write(to: folder.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        return folder.path
    }

    /// A schedule whose run time has passed today, every day a business day, looking for work
    /// twice a second; `deadline` is when today's run must be complete.
    private func fastSchedule(deadline: String = "23:59") throws -> String {
        try config(schedule: ["time: \"00:00\"", "deadline: \"\(deadline)\"", "time_zone: UTC",
                              "business_days: [mon, tue, wed, thu, fri, sat, sun]", "holiday_calendar: none",
                              "check_seconds: 0.5", "leader_retry_seconds: 0.5"])
    }

    private func portfolio(_ database: [String], customers: Int = 300) throws {
        let generated = try cli.run(["generate", "--customers", String(customers), "--out", "sample", "--seed", "9", "--as-of", today])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        for kind in ["customers", "accounts", "dues", "payments"] {
            let result = try cli.run(["import", kind, "sample/\(kind).csv"] + database)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
    }

    private func log(_ name: String) -> String {
        String(decoding: (try? Data(contentsOf: cli.directory.appendingPathComponent(name))) ?? Data(), as: UTF8.self)
    }

    /// Waits up to `seconds` for `condition`; false when it never held.
    private func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try await condition() { return true }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return try await condition()
    }

    /// The value of the gauge `name` in a scrape of `/metrics`.
    private func gauge(_ name: String, port: Int) async -> Double? {
        guard let (status, _, body) = try? await ServeCommandTests.Client().fetch(URL(string: "http://127.0.0.1:\(port)/metrics")!), status == 200 else { return nil }
        for line in body.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.split(separator: " ").last ?? "")
        }
        return nil
    }

    private var todayNumber: Double { Double(today.replacingOccurrences(of: "-", with: "")) ?? 0 }

    private func scheduledServer(_ database: [String], config: String, log: String, metricsPort: Int? = nil) async throws -> (Process, String) {
        let metrics = metricsPort.map { ["--metrics-port", String($0)] } ?? []
        let (server, base) = try await cli.startServer(database + ["--schedule", "--config", config] + metrics, log: log)
        servers.append(server)
        return (server, base)
    }

    // MARK: One server

    private func runsTheDueDayAndDeliversTheOutbox(_ database: [String]) async throws {
        try portfolio(database)
        let port = FreePort.pick()
        let (server, _) = try await scheduledServer(database, config: try fastSchedule(), log: "scheduled.log", metricsPort: port)
        let completed = await eventually(120) { await gauge("arrears_daily_run_last_completed_date", port: port) == todayNumber }
        XCTAssertTrue(completed, "today's run did not complete: \(log("scheduled.log").suffix(3000))")
        let gauge1 = await gauge("arrears_daily_run_overdue", port: port)
        XCTAssertEqual(gauge1, 0)
        XCTAssertTrue(log("scheduled.log").contains("the scheduled daily run of \(today) starts"), log("scheduled.log"))
        let delivered = await eventually(30) { log("scheduled.log").contains("outbox: attempted") }
        XCTAssertTrue(delivered, "the outbox was not delivered: \(log("scheduled.log").suffix(2000))")
        // The day is run once: the server looks again twice a second and changes nothing.
        try await Task.sleep(nanoseconds: 2_000_000_000)
        XCTAssertEqual(log("scheduled.log").components(separatedBy: "the scheduled daily run of").count - 1, 1, log("scheduled.log"))
        let runs = try cli.run(["report", "actions", "--date", today] + database)
        XCTAssertEqual(runs.status, 0, runs.stderr)
        XCTAssertGreaterThan(runs.stdout.split(separator: "\n").count, 10)
        // SIGTERM stops the jobs with the server, and it exits 0.
        server.terminate()
        let stopped = await eventually(30) { !server.isRunning }
        XCTAssertTrue(stopped, "the scheduled server did not stop on SIGTERM")
        if stopped { XCTAssertEqual(server.terminationStatus, 0, log("scheduled.log").suffix(2000).description) }
    }

    func testTheScheduledServerRunsTheDueDayOnceAndDeliversTheOutboxOnSQLite() async throws {
        try await runsTheDueDayAndDeliversTheOutbox(cli.databaseOption)
    }

    func testTheScheduledServerRunsTheDueDayOnceAndDeliversTheOutboxOnPostgreSQL() async throws {
        guard let url = PostgresCommandSupport.url() else { throw XCTSkip("ARREARS_TEST_POSTGRES_URL is not set") }
        try await PostgresCommandSupport.fresh(url)
        try await runsTheDueDayAndDeliversTheOutbox(["--database", url])
    }

    func testADayNotCompleteByTheDeadlineIsAnErrorAGaugeAndANoticeForTheAdmin() async throws {
        let database = cli.databaseOption
        try portfolio(database)
        XCTAssertEqual(try cli.run(["user", "add", "--username", "root", "--role", "admin", "--password-stdin"] + database,
                                   input: "the admin's password\n").status, 0)
        // Without the public address the shipped strategy's messages need, every run refuses.
        cli.publicURL = nil
        let port = FreePort.pick()
        let (_, base) = try await scheduledServer(database, config: try fastSchedule(deadline: "00:01"), log: "late.log", metricsPort: port)
        let alerted = await eventually(60) { log("late.log").contains("is not complete by its deadline") }
        XCTAssertTrue(alerted, log("late.log"))
        XCTAssertTrue(log("late.log").contains("error"), log("late.log"))
        XCTAssertEqual(log("late.log").components(separatedBy: "is not complete by its deadline").count - 1, 1, "the alert is logged once a date")
        let gauge2 = await gauge("arrears_daily_run_overdue", port: port)
        XCTAssertEqual(gauge2, 1)
        let gauge3 = await gauge("arrears_daily_run_last_completed_date", port: port)
        XCTAssertEqual(gauge3, 0)
        let gauge4 = await gauge("arrears_daily_run_days_behind", port: port)
        XCTAssertEqual(gauge4, 1)

        let admin = ServeCommandTests.Client()
        let signedIn = try await admin.signIn(at: URL(string: base)!, username: "root", password: "the admin's password")
        XCTAssertEqual(signedIn.status, 303, signedIn.body)
        let overview = try await admin.fetch(URL(string: base + "/?lang=en")!)
        XCTAssertEqual(overview.status, 200)
        XCTAssertTrue(overview.body.contains("id=\"run-overdue\""), overview.body)
        XCTAssertTrue(overview.body.contains("The daily run of \(today) is not complete by its deadline, 00:01 ("), overview.body)
        let chinese = try await admin.fetch(URL(string: base + "/?lang=zh-CN")!)
        XCTAssertTrue(chinese.body.contains("\(today) 的日批处理未在截止时间 00:01（"), chinese.body)
    }

    func testServeScheduleWithoutAScheduleFileIsRefused() throws {
        let folder = try config(schedule: [])
        try FileManager.default.removeItem(atPath: folder + "/schedule.yaml")
        let result = try cli.run(["serve", "--schedule", "--config", folder, "--port", String(FreePort.pick())] + cli.databaseOption)
        XCTAssertEqual(result.status, 78, result.stderr)
        XCTAssertTrue(result.stderr.contains("schedule.yaml"), result.stderr)
    }

    // MARK: Many servers on one PostgreSQL database

    private func count(_ sql: String, url: String) async throws -> Int {
        let store = try await Store.open(.postgres(url: url), migrate: false)
        do {
            let value = try await store.sql.raw("\(unsafeRaw: sql)").first()?.decode(column: "n", as: Int.self) ?? -1
            await store.shutdown()
            return value
        } catch {
            await store.shutdown()
            throw error
        }
    }

    func testWhenTheSchedulingLeaderIsKilledMidRunTheOtherTakesOverAndTheDayCompletesOnce() async throws {
        guard let url = PostgresCommandSupport.url() else { throw XCTSkip("ARREARS_TEST_POSTGRES_URL is not set") }
        try await PostgresCommandSupport.fresh(url)
        let database = ["--database", url]
        try portfolio(database, customers: 12_000)
        let schedule = try fastSchedule()
        let (first, _) = try await scheduledServer(database, config: schedule, log: "first.log")
        let (second, _) = try await scheduledServer(database, config: schedule, log: "second.log")
        let starts = "the scheduled daily run of \(today) starts"
        let started = await eventually(120) { log("first.log").contains(starts) || log("second.log").contains(starts) }
        XCTAssertTrue(started, log("first.log") + log("second.log"))
        let leaderIsFirst = log("first.log").contains(starts)
        let (leader, follower, followerLog) = leaderIsFirst ? (first, second, "second.log") : (second, first, "first.log")
        XCTAssertFalse(log(followerLog).contains("now leads the daily run"), "one leader at a time")
        kill(leader.processIdentifier, SIGKILL)
        leader.waitUntilExit()
        let completedAtKill = try await count("SELECT COUNT(*) AS n FROM run_days WHERE business_date = '\(today)'", url: url)
        XCTAssertEqual(completedAtKill, 0, "the leader was killed before its run completed")

        let tookOver = await eventually(60) { log(followerLog).contains("this server now leads the daily run") }
        XCTAssertTrue(tookOver, "the follower did not take over within a minute: \(log(followerLog))")
        let completed = await eventually(120) {
            (try? await count("SELECT COUNT(*) AS n FROM run_days WHERE business_date = '\(today)'", url: url)) == 1
        }
        XCTAssertTrue(completed, log(followerLog).suffix(3000).description)
        XCTAssertTrue(follower.isRunning)
        // The killed run left nothing behind: an intact audit chain, the day's actions reported.
        let audit = try cli.run(["audit", "verify"] + database)
        XCTAssertEqual(audit.status, 0, audit.stdout + audit.stderr)
        let actions = try cli.run(["report", "actions", "--date", today] + database)
        XCTAssertEqual(actions.status, 0, actions.stderr)
        XCTAssertGreaterThan(actions.stdout.split(separator: "\n").count, 10)
        XCTAssertTrue(log(followerLog).contains(starts), "the follower ran the day the leader had begun")
    }

    func testTwoServersShareSessionsAndSignInThrottling() async throws {
        guard let url = PostgresCommandSupport.url() else { throw XCTSkip("ARREARS_TEST_POSTGRES_URL is not set") }
        try await PostgresCommandSupport.fresh(url)
        let database = ["--database", url]
        XCTAssertEqual(try cli.run(["user", "add", "--username", "root", "--role", "admin", "--password-stdin"] + database,
                                   input: "the admin's password\n").status, 0)
        let schedule = try fastSchedule()
        let (_, one) = try await scheduledServer(database, config: schedule, log: "one.log")
        let (_, two) = try await scheduledServer(database, config: schedule, log: "two.log")

        // Each job has one leader of the two.
        let leaders = await eventually(30) {
            [log("one.log"), log("two.log")].filter { $0.contains("now leads the daily run") }.count == 1
                && [log("one.log"), log("two.log")].filter { $0.contains("now leads the outbox delivery") }.count == 1
        }
        XCTAssertTrue(leaders, log("one.log") + log("two.log"))
        try await Task.sleep(nanoseconds: 1_500_000_000)
        for job in ["the daily run", "the outbox delivery"] {
            XCTAssertEqual([log("one.log"), log("two.log")].filter { $0.contains("now leads \(job)") }.count, 1, "one leader of \(job)")
        }

        // Signed in on one, the session works on the other, and signing out on the first ends it on both.
        let admin = ServeCommandTests.Client()
        let signedIn = try await admin.signIn(at: URL(string: one)!, username: "root", password: "the admin's password")
        XCTAssertEqual(signedIn.status, 303, signedIn.body)
        let elsewhere = try await admin.fetch(URL(string: two + "/?lang=en")!)
        XCTAssertEqual(elsewhere.status, 200, "the session made on one server is valid on the other")
        XCTAssertTrue(elsewhere.body.contains("Delinquency overview"), elsewhere.body)
        // The form's CSRF token, from the session, is accepted by the other server too.
        let csrf = try XCTUnwrap(elsewhere.body.range(of: #"name="csrf_token" value=""#).map { String(elsewhere.body[$0.upperBound...].prefix { $0 != "\"" }) })
        let signedOut = try await admin.fetch(URL(string: one + "/logout")!, form: ["csrf_token": csrf])
        XCTAssertEqual(signedOut.status, 303, signedOut.body)
        let afterwards = try await admin.fetch(URL(string: two + "/?lang=en")!)
        XCTAssertNotEqual(afterwards.status, 200, "signing out on one server ends the session on the other")

        // Five wrong passwords, spread over both servers, lock the username on both.
        let guesser = ServeCommandTests.Client()
        for attempt in 0..<5 {
            let answer = try await guesser.signIn(at: URL(string: attempt % 2 == 0 ? one : two)!, username: "root", password: "wrong \(attempt)")
            XCTAssertEqual(answer.status, 401, "attempt \(attempt) is checked and refused")
        }
        for base in [one, two] {
            let refused = try await ServeCommandTests.Client().signIn(at: URL(string: base)!, username: "root", password: "the admin's password")
            XCTAssertEqual(refused.status, 429, "the failures on both servers count together")
        }
    }

    func testReportsAndAnalyticsReadFromTheReadDatabase() async throws {
        guard let url = PostgresCommandSupport.url() else { throw XCTSkip("ARREARS_TEST_POSTGRES_URL is not set") }
        try await PostgresCommandSupport.fresh(url)
        let database = ["--database", url]
        XCTAssertEqual(try cli.run(["user", "add", "--username", "root", "--role", "admin", "--password-stdin"] + database,
                                   input: "the admin's password\n").status, 0)
        // No replica here: a second URL of the same database, whose connections say who they are.
        cli.environment["ARREARS_READ_DATABASE_URL"] = url
        let (server, base) = try await cli.startServer(database, log: "replica.log")
        servers.append(server)
        XCTAssertTrue(log("replica.log").contains("reports and analytics read from"), log("replica.log"))
        let admin = ServeCommandTests.Client()
        let signedIn = try await admin.signIn(at: URL(string: base)!, username: "root", password: "the admin's password")
        XCTAssertEqual(signedIn.status, 303)
        let reads = """
            SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'arrears-read'
            AND query_start > now() - interval '1 second' * %SECONDS%
            """
        let before = Date()
        try await Task.sleep(nanoseconds: 1_100_000_000)
        let quiet = try await count(reads.replacingOccurrences(of: "%SECONDS%", with: "1"), url: url)
        XCTAssertEqual(quiet, 0, "signing in read nothing from the replica")
        for path in ["/analytics?lang=en", "/runs?lang=en", "/reports/monthly?lang=en"] {
            let page = try await admin.fetch(URL(string: base + path)!)
            XCTAssertEqual(page.status, 200, path)
        }
        let seconds = String(Int(Date().timeIntervalSince(before).rounded(.up)))
        let used = try await count(reads.replacingOccurrences(of: "%SECONDS%", with: seconds), url: url)
        XCTAssertGreaterThan(used, 0, "the analytics pages read through the read connections")
        let writes = try await count("""
            SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'arrears-read'
            AND query ~* '^\\s*(insert|update|delete)'
            """, url: url)
        XCTAssertEqual(writes, 0)
    }
}
