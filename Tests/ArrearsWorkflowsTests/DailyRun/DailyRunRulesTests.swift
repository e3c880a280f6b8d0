import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// The daily run's decisions on rows kept in memory (`InMemoryDailyRun`), with the shipped
/// strategy (`config/strategy.yaml`) and policy pack (`cn`); `DailyRunTests` and its neighbours
/// check the same run on both databases.
final class DailyRunRulesTests: XCTestCase {
    static let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config").path
    /// A Tuesday, a working day in China.
    let day = LocalDate(iso: "2026-06-30")!
    let agents = [
        Agent(id: "caller", name: "Caller", kind: .collector, channels: [.call], languages: [.zhCN], regions: [], dailyCapacity: 10),
        Agent(id: "field-shanghai", name: "Shanghai field team", kind: .fieldTeam, channels: [.visit], languages: [.zhCN], regions: ["上海"], dailyCapacity: 2),
    ]

    func run(_ rows: InMemoryDailyRun, _ date: LocalDate, agents: [Agent]? = nil, backdating: Bool = false) async throws -> DailyRunSummary {
        let strategy = try StrategyConfig.load(path: Self.config + "/strategy.yaml", buckets: .standard)
        var run = DailyRun(records: rows, strategy: strategy, buckets: .standard, agents: agents ?? self.agents,
                           policy: try PolicyConfig.load(fromDirectory: Self.config))
        run.allowsBackdating = backdating
        return try await run.run(date)
    }

    /// Every row the run wrote, as text, to compare two moments.
    func everything(_ rows: InMemoryDailyRun) -> [String] {
        let tables = ["cases", "actions", "case_cadence", LetterRecords.table.table].flatMap { table in
            rows.rows(of: table).map { row in table + ": " + row.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") }
        }
        return tables + rows.messages.map { "\($0.id) \($0.recipient) \($0.body)" } + rows.auditActions
    }

    func testACase31DaysOverdueGetsItsBucketsTreatmentAndGoesToWhoWorksTheChannel() async throws {
        let rows = InMemoryDailyRun()
        rows.addCustomer("C1", rating: .c)
        rows.setAccount("A1", customerId: "C1", dpd: 31, overdueMinor: 100_000)
        rows.addCustomer("C2", rating: .c)
        rows.setAccount("A2", customerId: "C2", dpd: 31, overdueMinor: 1_000_000)
        rows.addCustomer("C3", rating: .d)
        rows.setAccount("A3", customerId: "C3", dpd: 31, overdueMinor: 100_000)
        rows.addCustomer("C4", rating: .c)
        rows.setAccount("A4", customerId: "C4", dpd: 0, overdueMinor: 0)

        let summary = try await run(rows, day)
        XCTAssertEqual([summary.casesOpened, summary.casesOpen, summary.delinquentAccounts, summary.actions], [3, 3, 3, 3])
        XCTAssertEqual(rows.cases(of: "C4").count, 0, "a customer with nothing overdue has no case")
        let opened = try XCTUnwrap(rows.cases(of: "C1").first)
        XCTAssertEqual(opened.text("id"), "CASE-C1-20260630")
        XCTAssertEqual([opened.text("status"), opened.text("bucket"), opened.text("segment"), opened.text("opened_on")], ["open", "31-60", "standard", "2026-06-30"])
        XCTAssertEqual(opened.integer("dpd"), 31)

        let small = try XCTUnwrap(rows.action(of: "C1", on: "2026-06-30"))
        XCTAssertEqual([small.text("treatment"), small.text("channel"), small.text("status"), small.text("bucket"), small.text("assigned_to")],
                       ["call", "call", "created", "31-60", "caller"])
        let large = try XCTUnwrap(rows.action(of: "C2", on: "2026-06-30"))
        XCTAssertEqual([large.text("treatment"), large.text("channel"), large.text("assigned_to")], ["field_visit", "visit", "field-shanghai"],
                       "a debt of CNY 10,000 at 31 days is visited, by the team that covers the customer's region")
        let highRisk = try XCTUnwrap(rows.action(of: "C3", on: "2026-06-30"))
        XCTAssertEqual([highRisk.text("segment"), highRisk.text("treatment")], ["high_risk", "call"])
        XCTAssertEqual(summary.tasksAssigned, 3)
        XCTAssertEqual(Set(rows.rows(of: "case_cadence").compactMap { $0.text("treatment") }), ["call", "field_visit"], "each assigned task starts its cadence")
        XCTAssertEqual(rows.auditActions, ["run_day"])
    }

    func testAChannelThePackBlocksBecomesABlockedActionWithTheRuleAndNoMessage() async throws {
        let rows = InMemoryDailyRun()
        for id in ["C1", "C2"] {
            rows.addCustomer(id)
            rows.setAccount("A-" + id, customerId: id, dpd: 5, overdueMinor: 30_000)
        }
        rows.addFlag(CustomerFlag(kind: .dispute), customerId: "C1")

        let summary = try await run(rows, day)
        XCTAssertEqual(summary.blockedByRule, ["universal.dispute": 1])
        let blocked = try XCTUnwrap(rows.action(of: "C1", on: "2026-06-30"))
        XCTAssertEqual([blocked.text("treatment"), blocked.text("status"), blocked.text("rule")], ["reminder_sms", "blocked", "universal.dispute"])
        XCTAssertNil(blocked.text("next_allowed_at"), "an open-ended flag gives no next moment")
        let sent = try XCTUnwrap(rows.action(of: "C2", on: "2026-06-30"))
        XCTAssertEqual([sent.text("treatment"), sent.text("status")], ["reminder_sms", "created"])
        XCTAssertEqual(rows.messages.map(\.customerId), ["C2"], "the disputing customer is sent nothing")
        let message = try XCTUnwrap(rows.messages.first)
        XCTAssertEqual(message.recipient, "+86 138 0000 C2")
        XCTAssertTrue(message.body.contains("300.00"), message.body)
        XCTAssertEqual(message.notBefore, ContactRecords.instant("2026-06-30T02:00:00Z"), "10:00 in Shanghai, the pack's contact time")
        XCTAssertEqual(rows.rows(of: "case_cadence").compactMap { $0.text("case_id") }, ["CASE-C2-20260630"],
                       "a blocked treatment leaves no cadence mark, so tomorrow's run decides it again")
    }

    func testAChallengerCellGetsTheEarlyCallWhereTheChampionGetsAnSMS() async throws {
        let rows = InMemoryDailyRun()
        for number in 1...40 {
            let id = "C\(1000 + number)"
            rows.addCustomer(id)
            rows.setAccount("A\(number)", customerId: id, dpd: 10, overdueMinor: 20_000)
        }
        let summary = try await run(rows, day)
        XCTAssertEqual(Set(summary.byCell.keys), ["champion", "challenger"])
        for action in rows.rows(of: "actions") {
            let expected = action.text("cell") == "challenger" ? "early_call" : "reminder_sms"
            XCTAssertEqual(action.text("treatment"), expected, "\(action.text("customer_id") ?? "") in \(action.text("cell") ?? "")")
        }
        XCTAssertEqual(summary.byTreatment["early_call"], summary.byCell["challenger"])
        XCTAssertEqual(summary.messagesQueued, summary.byCell["champion"])
    }

    func testRunningTheSameDateAgainWritesNothingTwice() async throws {
        let rows = InMemoryDailyRun()
        for (id, dpd) in [("C1", 5), ("C2", 20), ("C3", 75)] {
            rows.addCustomer(id)
            rows.setAccount("A-" + id, customerId: id, dpd: dpd, overdueMinor: 40_000)
        }
        let first = try await run(rows, day)
        XCTAssertFalse(first.alreadyCompleted)
        let before = everything(rows)
        XCTAssertEqual(first.lettersQueued, 1, "the case 75 days overdue is sent a letter")

        let second = try await run(rows, day)
        XCTAssertTrue(second.alreadyCompleted)
        XCTAssertEqual(second.actions, first.actions)
        XCTAssertEqual(everything(rows), before, "nothing is written twice, not even the audit entry")
    }

    func testADateEarlierThanTheLastCompletedIsRefusedAndWritesNothing() async throws {
        let rows = InMemoryDailyRun()
        rows.addCustomer("C1")
        rows.setAccount("A1", customerId: "C1", dpd: 20, overdueMinor: 40_000)
        _ = try await run(rows, day)
        let before = everything(rows)
        do {
            _ = try await run(rows, day.adding(days: -1))
            XCTFail("an earlier date ran")
        } catch let error as DailyRunError {
            XCTAssertEqual(error, .earlierThanLastCompleted(date: "2026-06-29", lastCompleted: "2026-06-30"))
        }
        XCTAssertEqual(everything(rows), before)
        let backdated = try await run(rows, day.adding(days: -1), backdating: true)
        XCTAssertFalse(backdated.alreadyCompleted, "--backdate runs it on purpose")
    }

    func testCasesCloseForTheFirstReasonThatHoldsAndAReturningCustomerOpensANewCase() async throws {
        let rows = InMemoryDailyRun()
        for id in ["C1", "C2", "C3", "C4"] {
            rows.addCustomer(id)
            rows.setAccount("A-" + id, customerId: id, dpd: 20, overdueMinor: 40_000)
        }
        _ = try await run(rows, day)
        let next = day.adding(days: 1)
        rows.setAccount("A-C1", customerId: "C1", dpd: 0, overdueMinor: 0)
        rows.setAccount("A-C2", customerId: "C2", dpd: 21, overdueMinor: 40_000, writtenOffOn: "2026-07-01")
        rows.setAccount("A-C3", customerId: "C3", dpd: 0, overdueMinor: 0)
        rows.addSettlementPaid(customerId: "C3", on: "2026-07-01")
        rows.setAccount("A-C4", customerId: "C4", dpd: 21, overdueMinor: 40_000)

        let summary = try await run(rows, next)
        XCTAssertEqual([summary.casesClosed, summary.casesOpen, summary.casesOpened], [3, 1, 0])
        func closed(_ customer: String) -> [String?] {
            let row = rows.cases(of: customer).first
            return [row?.text("status"), row?.text("close_reason"), row?.text("closed_on")]
        }
        XCTAssertEqual(closed("C1"), ["closed", "cured", "2026-07-01"])
        XCTAssertEqual(closed("C2"), ["closed", "written_off", "2026-07-01"])
        XCTAssertEqual(closed("C3"), ["closed", "settled", "2026-07-01"])
        XCTAssertEqual(closed("C4"), ["open", nil, nil])
        XCTAssertNil(rows.action(of: "C1", on: "2026-07-01"), "a closed case is not worked")
        XCTAssertNotNil(rows.action(of: "C4", on: "2026-07-01"), "the call is made every day")

        rows.setAccount("A-C1", customerId: "C1", dpd: 1, overdueMinor: 5_000)
        let later = try await run(rows, next.adding(days: 1))
        XCTAssertEqual(later.casesOpened, 1)
        XCTAssertEqual(rows.cases(of: "C1").compactMap { $0.text("id") }, ["CASE-C1-20260630", "CASE-C1-20260702"],
                       "a customer overdue again opens a new case")
    }

    func testATaskNobodyCanTakeWaitsAndIsDecidedAgainTheNextDay() async throws {
        let rows = InMemoryDailyRun()
        rows.addCustomer("C1")
        rows.setAccount("A1", customerId: "C1", dpd: 20, overdueMinor: 40_000)
        let first = try await run(rows, day, agents: [])
        XCTAssertEqual([first.tasksAssigned, first.tasksQueued], [0, 1])
        let waiting = try XCTUnwrap(rows.action(of: "C1", on: "2026-06-30"))
        XCTAssertEqual([waiting.text("status"), waiting.text("assigned_to")], ["created", nil])
        XCTAssertEqual(rows.rows(of: "case_cadence").count, 0, "a task nobody has is not yet done")

        let second = try await run(rows, day.adding(days: 1))
        XCTAssertEqual([second.tasksAssigned, second.tasksQueued], [1, 0])
        XCTAssertEqual(rows.action(of: "C1", on: "2026-07-01")?.text("assigned_to"), "caller")
        XCTAssertEqual(rows.rows(of: "case_cadence").compactMap { $0.text("last_acted_on") }, ["2026-07-01"])
    }
}
