import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// The daily run with an optimised cell (issue 27, "Decide by it"), on rows kept in memory, with
/// the shipped `config/strategy.optimised.yaml` and `config/strategy.champion-optimised.yaml`,
/// the `cn` policy pack and `config/costs.yaml`: the rules are guardrails the choice never
/// crosses, the pack's blocks and the cadence remove channels, capacity holds, and every case
/// gets one action, on channel `none` when no contact is chosen, with its reasons.
final class OptimisedDailyRunTests: XCTestCase {
    static let config = DailyRunRulesTests.config
    /// A Tuesday, a working day in China.
    let day = LocalDate(iso: "2026-06-30")!
    let agents = [
        Agent(id: "caller", name: "Caller", kind: .collector, channels: [.call], languages: [.zhCN], regions: [], dailyCapacity: 10),
        Agent(id: "field-shanghai", name: "Shanghai field team", kind: .fieldTeam, channels: [.visit], languages: [.zhCN], regions: ["上海"], dailyCapacity: 2),
        Agent(id: "lawyer", name: "Lawyer", kind: .legal, channels: [.legalReview], languages: [.zhCN], regions: [], dailyCapacity: 5),
    ]

    func run(_ rows: InMemoryDailyRun, _ date: LocalDate, strategy file: String = "strategy.optimised.yaml",
             response: (any RepaymentForecast)? = nil) async throws -> DailyRunSummary {
        let strategy = try StrategyConfig.load(path: Self.config + "/" + file, buckets: .standard)
        var run = DailyRun(records: rows, strategy: strategy, buckets: .standard, agents: agents, policy: try PolicyConfig.load(fromDirectory: Self.config))
        run.costs = try CostsConfig.load(fromDirectory: Self.config)
        run.response = response
        return try await run.run(date)
    }

    /// A response model that believes only letters work: each brings back a tenth of the overdue amount.
    struct LettersOnly: RepaymentForecast {
        let name = "response-letters-only"
        func expectedRepayment(_ facts: CaseFacts, segment: Segment, channel: Channel?, horizonDays: Int) -> Int64 {
            channel == .letter ? facts.overdueMinor / 10 : 0
        }
    }

    /// Customers of every rating, from 5 to 120 days overdue, small and large debts, in Shanghai
    /// (which a field team covers) and in Lhasa (which none does); every seventh disputes the debt.
    func portfolio() -> InMemoryDailyRun {
        let rows = InMemoryDailyRun()
        var number = 0
        for rating in CreditRating.allCases {
            for dpd in [5, 12, 20, 35, 70, 95, 120] {
                for overdueYuan: Int64 in [1_000, 20_000] {
                    for region in ["上海", "西藏"] {
                        number += 1
                        let id = "C\(1000 + number)"
                        rows.addCustomer(id, rating: rating, region: region)
                        rows.setAccount("A\(number)", customerId: id, dpd: dpd, overdueMinor: overdueYuan * 100)
                        if number % 7 == 0 { rows.addFlag(CustomerFlag(kind: .dispute), customerId: id) }
                    }
                }
            }
        }
        return rows
    }

    /// The channels the default strategy's rules allow for a case, by its segment, days past due,
    /// overdue amount and region (config/strategy.yaml, written out independently of the code).
    func allowedByTheRules(segment: String, dpd: Int, overdueYuan: Int64, region: String) -> Set<String> {
        var allowed: Set<String> = []
        if segment == "high_risk", dpd >= 91 { allowed.insert("legal_review") }
        if segment == "prime", dpd >= 16 { allowed.insert("call") }
        if segment != "prime", dpd >= 31, overdueYuan >= 5_000, region == "上海" { allowed.insert("visit") }
        if segment != "prime", dpd >= 61 { allowed.insert("letter") }
        if dpd >= 16 { allowed.insert("call") }
        if segment == "prime", dpd <= 10 { allowed.insert("email") }
        if segment == "prime", (11...15).contains(dpd) { allowed.insert("sms") }
        if dpd <= 15 { allowed.insert("sms") }
        return allowed
    }

    func testAnOptimisedCaseNeverGetsAChannelItsRulesOrThePackForbidAndCapacityHolds() async throws {
        let rows = portfolio()
        let summary = try await run(rows, day)
        let actions = rows.rows(of: "actions")
        XCTAssertEqual(actions.count, 5 * 7 * 2 * 2, "every delinquent case gets one action, no contact included")
        let customers = Dictionary(uniqueKeysWithValues: rows.rows(of: "cases").compactMap { row in row.text("customer_id").map { ($0, row) } })
        for action in actions {
            let customerId = try XCTUnwrap(action.text("customer_id"))
            let number = try XCTUnwrap(Int(customerId.dropFirst())) - 1000
            let channel = try XCTUnwrap(action.text("channel"))
            XCTAssertEqual(action.text("cell"), "optimised")
            XCTAssertNotNil(action.integer("expected_value_minor"), customerId)
            XCTAssertNotNil(action.text("propensity"), customerId)
            if number % 7 == 0 {
                XCTAssertEqual(channel, "none", "\(customerId) disputes the debt: the pack blocks every channel")
                continue
            }
            guard channel != "none" else { continue }
            let overdue = try XCTUnwrap(customers[customerId]?.integer("overdue_minor")) / 100
            let region = (number - 1) % 2 == 0 ? "上海" : "西藏"
            let allowed = allowedByTheRules(segment: action.text("segment") ?? "", dpd: Int(action.integer("dpd") ?? 0), overdueYuan: overdue, region: region)
            XCTAssertTrue(allowed.contains(channel), "\(customerId) (\(action.text("segment") ?? ""), \(action.integer("dpd") ?? 0) days, \(overdue) yuan, \(region)) got \(channel); the rules allow \(allowed.sorted())")
        }
        let channels = actions.compactMap { $0.text("channel") }
        XCTAssertLessThanOrEqual(channels.filter { $0 == "visit" }.count, 2, "the field team does 2 visits a day")
        XCTAssertLessThanOrEqual(channels.filter { $0 == "call" }.count, 10, "the collector makes 10 calls a day")
        XCTAssertGreaterThan(channels.filter { $0 == "visit" }.count, 0, "visits are worth their cost on large debts")
        XCTAssertTrue(actions.contains { $0.text("channel") == "none" && ($0.text("reason") ?? "").contains("worth its cost within the capacity") },
                      "cases beyond the callers' capacity get no contact, with the reason")
        XCTAssertEqual(actions.filter { $0.text("channel") != "none" && $0.text("status") == "created" && $0.text("assigned_to") == nil
                                         && ["call", "visit", "legal_review"].contains($0.text("channel") ?? "") }.count, 0,
                       "every chosen task found someone: the choice was made within capacity")
        let optimisation = try XCTUnwrap(summary.optimisation)
        XCTAssertEqual(optimisation.cases, actions.count)
        XCTAssertTrue(optimisation.usedBaseline)
        XCTAssertTrue(summary.text.contains("baseline responses (no response model is active)"), summary.text)
        XCTAssertGreaterThanOrEqual(optimisation.upperBoundMinor, optimisation.expectedNetMinor)
        XCTAssertEqual(rows.messages.count, channels.filter { $0 == "sms" || $0 == "email" }.count)
    }

    func testEveryChoiceCarriesItsValueTheBestAlternativeAndItsPropensity() async throws {
        let rows = portfolio()
        let summary = try await run(rows, day)
        for action in rows.rows(of: "actions") {
            let id = action.text("customer_id") ?? ""
            let propensity = try XCTUnwrap(action.text("propensity"))
            let value = try XCTUnwrap(action.integer("expected_value_minor"))
            if action.text("channel") == "none" {
                XCTAssertEqual(value, 0, id)
            } else if propensity == "1" {
                XCTAssertGreaterThan(value, 0, "\(id): an allocated channel is worth its cost")
                XCTAssertNotNil(action.text("alternative"), "\(id): no contact at least is the alternative")
                XCTAssertNotNil(action.integer("alternative_value_minor"), id)
            }
            XCTAssertTrue(propensity == "1" || (propensity.hasPrefix("0.") && propensity.count == 8), "\(id): \(propensity)")
        }
        let drawn = rows.rows(of: "actions").filter { $0.text("propensity") != "1" }.count
        XCTAssertLessThanOrEqual(drawn, try XCTUnwrap(summary.optimisation).randomised)
    }

    func testTheCadenceHoldsAChannelChosenYesterday() async throws {
        let rows = portfolio()
        _ = try await run(rows, day)
        let visited = Set(rows.rows(of: "actions").filter { $0.text("channel") == "visit" && $0.text("assigned_to") != nil }.compactMap { $0.text("customer_id") })
        XCTAssertFalse(visited.isEmpty)
        _ = try await run(rows, day.adding(days: 1))
        for customerId in visited {
            XCTAssertNotEqual(rows.action(of: customerId, on: "2026-07-01")?.text("channel"), "visit", "\(customerId) was visited yesterday: the visit waits 14 days")
        }
    }

    func testTheChampionBesideAnOptimisedCellDecidesByItsRulesAsBefore() async throws {
        let rows = portfolio()
        let summary = try await run(rows, day, strategy: "strategy.champion-optimised.yaml")
        let actions = rows.rows(of: "actions")
        XCTAssertEqual(Set(actions.compactMap { $0.text("cell") }), ["champion", "optimised"])
        for action in actions where action.text("cell") == "champion" {
            XCTAssertNil(action.text("propensity"), "a champion's action has no optimisation columns")
            XCTAssertNil(action.integer("expected_value_minor"))
            XCTAssertNotEqual(action.text("channel"), "none", "the champion writes no no-contact rows")
        }
        XCTAssertEqual(try XCTUnwrap(summary.optimisation).cases, actions.filter { $0.text("cell") == "optimised" }.count)
        let visits = actions.filter { $0.text("cell") == "optimised" && $0.text("channel") == "visit" }.count
        XCTAssertLessThanOrEqual(visits, 1, "the optimised half works with half the field team's 2 visits")
    }

    func testAnActiveResponseModelValuesTheChannelsInsteadOfTheBaseline() async throws {
        let rows = portfolio()
        let summary = try await run(rows, day, response: LettersOnly())
        let optimisation = try XCTUnwrap(summary.optimisation)
        XCTAssertFalse(optimisation.usedBaseline)
        XCTAssertTrue(summary.text.contains("response model response-letters-only"), summary.text)
        for action in rows.rows(of: "actions") where action.text("propensity") == "1" {
            XCTAssertTrue(["letter", "none"].contains(action.text("channel") ?? ""), "only letters are worth anything: \(action)")
        }
        XCTAssertGreaterThan(optimisation.byChannel["letter", default: 0], 0)
        XCTAssertEqual(rows.rows(of: LetterRecords.table.table).count, optimisation.byChannel["letter", default: 0])
    }
}
