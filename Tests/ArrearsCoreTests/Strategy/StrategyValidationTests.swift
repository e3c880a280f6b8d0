import ArrearsCore
import XCTest

/// A strategy is consistent or it is not built; each error names the part and setting at fault.
final class StrategyValidationTests: XCTestCase {
    private let anyone = [SegmentRule(segment: .standard)]
    private let sms = MessageTemplate(name: "sms", body: [.zhCN: "请还款 {amount}", .en: "Please pay {amount}"])
    private let champion = [Cell(name: "champion", basisPoints: 10_000)]

    private func build(
        segments: [SegmentRule]? = nil, treatments: [TreatmentRule] = [], cells: [Cell]? = nil, templates: [MessageTemplate]? = nil,
        graceDays: Int = 3
    ) throws -> Strategy {
        try Strategy(version: "t", segmentRules: segments ?? anyone, treatments: treatments,
                     visitPolicy: VisitPolicy(minOverdue: try MajorAmount("0"), minDays: 31), holdPolicy: HoldPolicy(promiseGraceDays: graceDays),
                     cells: cells ?? champion, templates: templates ?? [sms])
    }

    private func assertRejected(_ expected: StrategyError, file: StaticString = #filePath, line: UInt = #line, _ build: () throws -> Strategy) {
        XCTAssertThrowsError(try build(), file: file, line: line) { XCTAssertEqual($0 as? StrategyError, expected, file: file, line: line) }
    }

    private func rule(_ name: String = "r", _ channel: Channel = .call, template: String? = nil, cadence: Int = 1,
                      minDays: Int? = nil, maxDays: Int? = nil, buckets: Set<String>? = nil, cells: Set<String>? = nil) -> TreatmentRule {
        StrategyFixture.rule(name, channel, template: template, cadence: cadence, minDays: minDays, maxDays: maxDays, buckets: buckets, cells: cells)
    }

    func testTheSeed004StrategyIsConsistent() {
        XCTAssertNoThrow(try StrategyFixture.strategy().validate(buckets: .standard))
    }

    func testLastSegmentRuleMustMatchEveryCase() {
        let segments = [SegmentRule(segment: .prime, ratings: [.a]), SegmentRule(segment: .standard, maxDays: 90)]
        assertRejected(.lastSegmentRuleHasConditions(.segmentRule(index: 1))) { try build(segments: segments) }
        assertRejected(.missing(.segmentRules)) { try build(segments: []) }
    }

    func testEmptyDayRangeIsRejected() {
        assertRejected(.emptyRange(.treatment(index: 0, name: "r"), min: "min_days", max: "max_days")) { try build(treatments: [rule(minDays: 20, maxDays: 10)]) }
        let segments = [SegmentRule(segment: .prime, minDays: 5, maxDays: 4), SegmentRule(segment: .standard)]
        assertRejected(.emptyRange(.segmentRule(index: 0), min: "min_days", max: "max_days")) { try build(segments: segments) }
    }

    func testDayRangeAndBucketsTogetherAreRejected() {
        assertRejected(.daysAndBuckets(.treatment(index: 0, name: "r"))) { try build(treatments: [rule(minDays: 1, buckets: ["1-15"])]) }
    }

    func testCadenceBelowOneDayIsRejected() {
        assertRejected(.cadenceTooShort(.treatment(index: 0, name: "r"), days: 0)) { try build(treatments: [rule(cadence: 0)]) }
    }

    func testDuplicateTreatmentNamesAreRejected() {
        assertRejected(.duplicateName(.treatment(index: 1, name: "r"))) { try build(treatments: [rule(), rule()]) }
    }

    func testMessageTreatmentNeedsAKnownTemplate() {
        assertRejected(.templateRequired(.treatment(index: 0, name: "r"), channel: .sms)) { try build(treatments: [rule("r", .sms)]) }
        assertRejected(.templateRequired(.treatment(index: 0, name: "r"), channel: .letter)) { try build(treatments: [rule("r", .letter)]) }
        assertRejected(.unknownTemplate(.treatment(index: 0, name: "r"), name: "nope")) { try build(treatments: [rule("r", .sms, template: "nope")]) }
    }

    func testUnknownCellIsRejected() {
        assertRejected(.unknownCell(.treatment(index: 0, name: "r"), name: "challenger")) { try build(treatments: [rule(cells: ["challenger"])]) }
    }

    func testUnknownBucketIsRejectedAgainstTheScheme() throws {
        let strategy = try build(treatments: [rule(buckets: ["1-15", "31-45"])])
        XCTAssertThrowsError(try strategy.validate(buckets: .standard)) {
            XCTAssertEqual($0 as? StrategyError, .unknownBucket(.treatment(index: 0, name: "r"), name: "31-45"))
        }
    }

    func testCellsMustAddUpToOneHundredPercent() {
        let cells = [Cell(name: "champion", basisPoints: 8_000), Cell(name: "challenger", basisPoints: 1_500)]
        assertRejected(.cellsDoNotAddUp(basisPoints: 9_500)) { try build(cells: cells) }
        XCTAssertEqual(StrategyError.cellsDoNotAddUp(basisPoints: 9_550).description, "cells add up to 95.5%, not 100%")
        assertRejected(.missing(.cells)) { try build(cells: []) }
        assertRejected(.duplicateName(.cell(index: 1, name: "a"))) { try build(cells: [Cell(name: "a", basisPoints: 5_000), Cell(name: "a", basisPoints: 5_000)]) }
    }

    func testTemplateNeedsABodyInEveryLanguage() {
        let english = MessageTemplate(name: "sms", body: [.en: "Please pay"])
        assertRejected(.missingText(.template(name: "sms"), key: "body.zh-CN")) { try build(templates: [english]) }
    }

    func testEmailTemplateNeedsASubjectInEveryLanguage() {
        let subjectless = MessageTemplate(name: "sms", subject: [.zhCN: "提醒"], body: sms.body)
        assertRejected(.missingText(.template(name: "sms"), key: "subject.en")) { try build(treatments: [rule("r", .email, template: "sms")], templates: [subjectless]) }
        XCTAssertNoThrow(try build(treatments: [rule("r", .sms, template: "sms")], templates: [subjectless]))
    }

    func testUnknownOrUnclosedPlaceholderIsRejected() {
        let typo = MessageTemplate(name: "sms", body: [.zhCN: "请还款 {amount}", .en: "Pay {amonut}"])
        assertRejected(.unknownPlaceholder(.template(name: "sms"), key: "body.en", placeholder: "amonut")) { try build(templates: [typo]) }
        let unclosed = MessageTemplate(name: "sms", body: [.zhCN: "请还款 {amount", .en: "Pay"])
        assertRejected(.unclosedPlaceholder(.template(name: "sms"), key: "body.zh-CN")) { try build(templates: [unclosed]) }
    }

    func testNegativeDaysAreRejected() {
        assertRejected(.negativeDays(.holdPolicy, key: "promise_grace_days", value: -1)) { try build(graceDays: -1) }
    }

    func testEmptyConditionListIsRejected() {
        assertRejected(.emptyList(.treatment(index: 0, name: "r"), key: "cells")) { try build(treatments: [rule(cells: [])]) }
    }

    func testErrorsReadAsSentencesNamingThePart() {
        XCTAssertEqual(StrategyError.cadenceTooShort(.treatment(index: 2, name: "call"), days: 0).description,
                       "treatment 'call': cadence_days must be at least 1, not 0")
        XCTAssertEqual(StrategyError.unknownTemplate(.treatment(index: 0, name: "sms"), name: "x").key, "template")
    }
}
