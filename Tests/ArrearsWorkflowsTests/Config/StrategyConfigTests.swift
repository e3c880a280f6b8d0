import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

final class StrategyConfigTests: XCTestCase {
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private let today = LocalDate(iso: "2026-11-23")!

    /// A small valid strategy; the tests change one line of it and expect the error on that line.
    private let base = SmallStrategy.text(call: true, challenger: "  - { name: challenger, percent: 20 }")

    private func shipped() throws -> Strategy {
        try StrategyConfig.load(path: Self.repositoryRoot.appendingPathComponent("config/strategy.yaml").path, buckets: .standard)
    }

    private func parse(_ text: String) throws -> Strategy {
        try StrategyConfig.parse(text, file: "s.yaml", buckets: .standard)
    }

    /// Replaces `old` (which must occur in `base`) with `new`, and expects the error on `line`.
    private func assertError(_ old: String, _ new: String, line: Int, _ message: String? = nil,
                             file: StaticString = #filePath, at testLine: UInt = #line) {
        XCTAssertTrue(base.contains(old), "'\(old)' is not in the base strategy", file: file, line: testLine)
        XCTAssertThrowsError(try parse(base.replacingOccurrences(of: old, with: new)), file: file, line: testLine) { error in
            guard let error = error as? ConfigError else { return XCTFail("not a ConfigError: \(error)", file: file, line: testLine) }
            XCTAssertEqual(error.line, line, "\(error)", file: file, line: testLine)
            if let message { XCTAssertEqual(error.message, message, file: file, line: testLine) }
        }
    }

    private func actedTreatment(_ strategy: Strategy, rating: CreditRating = .c, dpd: Int, overdueYuan: Int64 = 1_000, id: String = "C000001") -> String? {
        let facts = CaseFacts(customerId: id, creditRating: rating, daysPastDue: dpd, overdueMinor: overdueYuan * 100,
                              outstandingMinor: overdueYuan * 300)
        guard case .act(let rule) = strategy.decide(facts, on: today, buckets: .standard).outcome else { return nil }
        return rule.name
    }

    // MARK: The shipped strategy

    func testShippedStrategyLoads() throws {
        let strategy = try shipped()
        XCTAssertEqual(strategy.version, "2026.2")
        XCTAssertEqual(strategy.cells, [Cell(name: "champion", basisPoints: 8_000), Cell(name: "challenger", basisPoints: 2_000)])
        XCTAssertEqual(strategy.visitPolicy, VisitPolicy(minOverdue: try MajorAmount("5000"), minDays: 31))
        XCTAssertEqual(strategy.holdPolicy, HoldPolicy(promiseGraceDays: 3))
        XCTAssertEqual(Set(strategy.templates.keys), ["reminder_sms", "reminder_email"], "letters have their templates in config/letters")
        XCTAssertEqual(strategy.segmentRules.map(\.segment), [.highRisk, .highRisk, .prime, .standard])
    }

    func testShippedStrategyFollowsSeed004TimeNodes() throws {
        let strategy = try shipped()
        XCTAssertNil(actedTreatment(strategy, dpd: 0))
        XCTAssertEqual(actedTreatment(strategy, dpd: 1), "reminder_sms")
        XCTAssertEqual(actedTreatment(strategy, rating: .a, dpd: 1), "prime_reminder_email")
        XCTAssertEqual(actedTreatment(strategy, dpd: 15), "reminder_sms")
        XCTAssertEqual(actedTreatment(strategy, dpd: 16), "call")
        XCTAssertEqual(actedTreatment(strategy, rating: .b, dpd: 30), "prime_call")
        XCTAssertEqual(actedTreatment(strategy, dpd: 31, overdueYuan: 5_000), "field_visit")
        XCTAssertEqual(actedTreatment(strategy, dpd: 31, overdueYuan: 4_999), "call")
        XCTAssertEqual(actedTreatment(strategy, dpd: 61, overdueYuan: 800), "collection_letter")
        XCTAssertEqual(actedTreatment(strategy, dpd: 91), "legal_review")
        XCTAssertEqual(actedTreatment(strategy, dpd: 10, id: "C000007"), "early_call", "C000007 is in the challenger cell")
    }

    func testShippedTemplatesRenderInBothLanguagesWithoutLeftoverPlaceholders() throws {
        let values = ["name": "Alice", "amount": "1234.50", "currency": "CNY", "due_date": "2026-11-01", "dpd": "22", "pay_url": "https://pay.example/1"]
        for template in try shipped().templates.values {
            for language in Language.allCases {
                let rendered = template.render(language, values: values)
                XCTAssertTrue(rendered.body.contains("1234.50") && rendered.body.contains("https://pay.example/1"), "\(template.name) \(language)")
                XCTAssertFalse(rendered.body.contains("{"), "\(template.name) \(language)")
            }
        }
        XCTAssertEqual(try shipped().templates["reminder_email"]?.render(.en, values: values).subject, "Payment reminder: CNY 1234.50 outstanding")
    }

    func testSmallStrategyIsRead() throws {
        let strategy = try parse(base)
        XCTAssertEqual(strategy.cellSalt, Strategy.defaultCellSalt)
        XCTAssertEqual(strategy.treatments.map(\.name), ["reminder", "call"])
        XCTAssertEqual(strategy.treatments[1].buckets, ["16-30"])
        XCTAssertEqual(strategy.treatments[1].cells, ["challenger"])
        XCTAssertEqual(strategy.treatments[1].description, "call", "the description defaults to the name")
        XCTAssertEqual(strategy.segmentRules[0], SegmentRule(segment: .prime, ratings: [.a, .b], maxDays: 30))
    }

    func testVisitPolicyScoreSettingsAreRead() throws {
        let strategy = try parse(base.replacingOccurrences(of: "min_days: 31 }", with: "min_days: 31, max_score: 560, priority_by: score }"))
        XCTAssertEqual(strategy.visitPolicy, VisitPolicy(minOverdue: try MajorAmount("5000"), minDays: 31, maxScore: 560, priorityBy: .score))
        let defaults = try parse(base).visitPolicy
        XCTAssertNil(defaults.maxScore, "without max_score the score does not limit visits")
        XCTAssertEqual(defaults.priorityBy, .overdue)
    }

    func testMissingFileIsReported() {
        XCTAssertThrowsError(try StrategyConfig.load(path: "/nonexistent/strategy.yaml", buckets: .standard)) { error in
            XCTAssertEqual((error as? ConfigError)?.file, "/nonexistent/strategy.yaml")
        }
    }

    // MARK: Errors name the line

    func testInvalidYamlNamesTheLine() {
        assertError("    cadence_days: 1\n", "    cadence_days: [1\n", line: 15)
    }

    func testArrangementScopeIsOneOfItsValuesAndDefaultsToTheCoveredAccounts() throws {
        XCTAssertEqual(try parse(base).holdPolicy.arrangementScope, .coveredAccounts)
        let customer = base.replacingOccurrences(of: "{ promise_grace_days: 3 }", with: "{ promise_grace_days: 3, arrangement_scope: customer }")
        XCTAssertEqual(try parse(customer).holdPolicy.arrangementScope, .customer)
        let wrong = base.replacingOccurrences(of: "{ promise_grace_days: 3 }", with: "{ promise_grace_days: 3, arrangement_scope: everyone }")
        XCTAssertThrowsError(try parse(wrong)) { error in
            guard let error = error as? ConfigError else { return XCTFail("not a ConfigError: \(error)") }
            XCTAssertEqual(error.line, 18, "\(error)")
            XCTAssertTrue(error.message.contains("arrangement_scope 'everyone' (expected covered_accounts, customer)"), error.message)
        }
    }

    func testUnknownKeysAreRejected() {
        assertError("hold_policy:", "hold_polcy:", line: 18, "unknown key 'hold_polcy' (expected version, cell_salt, segments, treatments, visit_policy, hold_policy, cells, templates, comparison)")
        assertError("    min_days: 1\n", "    min_day: 1\n", line: 10)
    }

    func testUnknownSegmentChannelRatingProductAreRejected() {
        assertError("{ segment: standard }", "{ segment: vip }", line: 4, "segment rule 2: unknown segment 'vip' (expected prime, standard, high_risk)")
        assertError("channel: sms", "channel: fax", line: 7, "treatment 'reminder': unknown channel 'fax' (expected sms, email, call, visit, letter, legal_review)")
        assertError("ratings: [A, B]", "ratings: [A, F]", line: 3, "segment rule 1: ratings: unknown value 'F' (expected A, B, C, D, E)")
        assertError("    max_days: 15\n", "    max_days: 15\n    products: [mortgage]\n", line: 12)
    }

    func testUnknownBucketIsRejected() {
        assertError(#"buckets: ["16-30"]"#, #"buckets: ["16-29"]"#, line: 15, "treatment 'call': unknown bucket '16-29'")
    }

    func testUnknownCellIsRejected() {
        assertError("cells: [challenger]", "cells: [challenge]", line: 16, "treatment 'call': unknown cell 'challenge'")
    }

    func testTreatmentNamingAnUnknownTemplateIsRejected() {
        assertError("template: reminder", "template: remind", line: 8, "treatment 'reminder': unknown template 'remind'")
        assertError("    template: reminder\n", "", line: 6, "treatment 'reminder': channel sms needs a template")
    }

    func testTemplateMissingALanguageIsRejected() {
        assertError("      en: \"Please pay {amount}\"\n", "", line: 24, "template 'reminder': body.en is missing or empty")
        assertError("      en: \"Please pay {amount}\"\n", "      fr: \"Payez\"\n", line: 26)
    }

    func testTemplateUsingAnUnknownPlaceholderIsRejected() {
        assertError("Please pay {amount}", "Please pay {amount} by {deadline}", line: 26)
    }

    func testDuplicateNamesAreRejected() {
        assertError("  - name: call\n", "  - name: reminder\n", line: 12, "treatment 'reminder' is defined twice; names must be unique")
        assertError("{ name: challenger, percent: 20 }", "{ name: champion, percent: 20 }", line: 21)
        assertError("templates:\n", "templates:\n  reminder:\n    body: { zh-CN: a, en: b }\n", line: 23)
    }

    func testCellsNotAddingUpToOneHundredAreRejected() {
        assertError("percent: 20", "percent: 25", line: 19, "cells add up to 105%, not 100%")
        assertError("percent: 20", "percent: 20.5", line: 19, "cells add up to 100.5%, not 100%")
        assertError("percent: 20", "percent: twenty", line: 21)
    }

    func testEmptyDayRangeIsRejected() {
        assertError("    min_days: 1\n", "    min_days: 16\n", line: 10, "treatment 'reminder': min_days is more than max_days, so the range is empty")
        assertError("max_days: 30 }", "min_days: 31, max_days: 30 }", line: 3)
    }

    func testDayRangeAndBucketsInOneRuleAreRejected() {
        assertError("    cells: [challenger]\n", "    cells: [challenger]\n    min_days: 16\n", line: 15)
    }

    func testLastSegmentRuleThatDoesNotMatchEverythingIsRejected() {
        assertError("{ segment: standard }", "{ segment: standard, max_days: 400 }", line: 4,
                    "segment rule 2 is the last segment rule and must match every case: give it a segment and no conditions")
    }

    func testCadenceBelowOneDayIsRejected() {
        assertError("cadence_days: 3", "cadence_days: 0", line: 9, "treatment 'reminder': cadence_days must be at least 1, not 0")
        assertError("cadence_days: 3", "cadence_days: often", line: 9)
    }

    func testBadAmountsAreRejected() {
        assertError("min_overdue: 5000", "min_overdue: 5k", line: 17, "visit_policy: min_overdue '5k' is not a decimal number (expected digits with an optional '.', such as 1234.56)")
        assertError("    max_days: 15\n", "    max_days: 15\n    min_overdue: -1\n", line: 12)
    }

    func testBadVisitPolicyScoreSettingsNameTheirLine() {
        let block = "visit_policy:\n  min_overdue: 5000\n  min_days: 31\n"
        let flow = "visit_policy: { min_overdue: 5000, min_days: 31 }\n"
        assertError(flow, block + "  max_score: high\n", line: 20, "visit_policy: max_score must be a whole number, not 'high'")
        assertError(flow, block + "  max_score: 559.5\n", line: 20, "visit_policy: max_score must be a whole number, not '559.5'")
        assertError(flow, block + "  priority_by: risk\n  max_score: 560\n", line: 20,
                    "visit_policy: unknown priority_by 'risk' (expected overdue, score)")
        assertError(flow, block + "  max_score: 560\n  priority_by: [score]\n", line: 21, "visit_policy: priority_by must be a single value")
        assertError(flow, block + "  max_scor: 560\n", line: 20,
                    "visit_policy: unknown key 'max_scor' (expected min_overdue, min_days, max_score, priority_by)")
    }

    func testComparisonChoosesThePrimaryMeasureAndTheMinimumSample() throws {
        XCTAssertEqual(try parse(base).comparison, ComparisonPlan(primary: .recoveryRate, minimumCases: 30), "the recovery rate and 30 cases unless told")
        XCTAssertEqual(try parse(base + "comparison: { primary_measure: cure_rate }\n").comparison, ComparisonPlan(primary: .cureRate, minimumCases: 30))
        XCTAssertEqual(try parse(base + "comparison:\n  primary_measure: promise_kept_rate\n  min_cases_per_cell: 100\n").comparison,
                       ComparisonPlan(primary: .promiseKeptRate, minimumCases: 100))
    }

    func testBadComparisonSettingsNameTheField() {
        // The base strategy has 26 lines; `comparison:` is line 27.
        for (text, line, message) in [
            ("comparison:\n  primary_measure: profit\n", 28,
             "comparison: unknown primary_measure 'profit' (expected recovery_rate, cure_rate, promise_kept_rate)"),
            ("comparison:\n  min_cases_per_cell: 1\n", 28, "comparison: min_cases_per_cell must be at least 2, not 1"),
            ("comparison:\n  min_cases_per_cell: many\n", 28, "comparison: min_cases_per_cell must be a whole number, not 'many'"),
            ("comparison:\n  primary: cure_rate\n", 28, "comparison: unknown key 'primary' (expected primary_measure, min_cases_per_cell)"),
            ("comparison: cure_rate\n", 27, "comparison must be a mapping of primary_measure, min_cases_per_cell"),
        ] {
            XCTAssertThrowsError(try parse(base + text), text) { error in
                XCTAssertEqual((error as? ConfigError)?.line, line, "\(error)")
                XCTAssertEqual((error as? ConfigError)?.message, message)
            }
        }
    }

    func testMissingRequiredSettingsAreRejected() {
        assertError("    channel: call\n", "", line: 12, "treatment 'call': channel is required")
        assertError("version: \"t\"\n", "", line: 1)
    }
}
