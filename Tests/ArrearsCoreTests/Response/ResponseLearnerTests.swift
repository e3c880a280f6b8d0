import ArrearsCore
import Foundation
import XCTest

/// Issue 27's T-learner on synthetic histories with a known effect of each channel: the doubly
/// robust estimate's interval covers the truth on randomised and on confounded data, and the
/// learned ranking finds the customers a call helps most.
final class ResponseLearnerTests: XCTestCase {
    /// The repayment without contact rises with the overdue amount and falls with DPD; an SMS adds
    /// 20, a call 15% of the overdue amount (82.5 on average, more for larger debts).
    static func base(_ overdue: Double, _ dpd: Double) -> Double { 0.2 * overdue * (1 - dpd / 120) }
    static func effect(_ channel: ActionChannel, _ overdue: Double) -> Double {
        switch channel {
        case .sms: 20
        case .call: 0.15 * overdue
        default: 0
        }
    }

    /// `confounded`: the call goes mostly to large debts (from 10% at 100 to 90% at 1,000), the
    /// rest split between SMS and none, with the propensities logged.
    static func history(_ n: Int, seed: UInt64, confounded: Bool) -> [ResponseExample] {
        var random = SeededGenerator(seed: seed)
        return (0..<n).map { index in
            let dpd = Double.random(in: 1..<90, using: &random)
            let overdue = Double.random(in: 100..<1000, using: &random)
            let callShare = confounded ? 0.1 + 0.8 * (overdue - 100) / 900 : 1.0 / 3
            let draw = Double.random(in: 0..<1, using: &random)
            let channel: ActionChannel = draw < callShare ? .call : draw < callShare + (1 - callShare) / 2 ? .sms : .none
            let propensity = channel == .call ? callShare : (1 - callShare) / 2
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &random), u2 = Double.random(in: 0..<1, using: &random)
            let noise = 30 * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
            var numbers = Array(repeating: Double.nan, count: ResponseFeatures.numeric.count)
            numbers[0] = dpd
            numbers[1] = overdue
            let row = ResponseFeatures.Row(numbers: numbers, categories: ["1-30", "B", "credit_card", ""])
            return ResponseExample(customerId: "C\(index)", date: LocalDate(year: 2026, month: 3, day: 1)!, channel: channel, cell: "test",
                                   propensity: propensity, row: row, repaid: base(overdue, dpd) + effect(channel, overdue) + noise)
        }
    }

    private func effect(_ model: ResponseModel, _ channel: ActionChannel) throws -> ChannelEffect {
        try XCTUnwrap(model.effects.first { $0.channel == channel })
    }

    /// A 95% interval misses the truth in one history of twenty by design, so one seed proves
    /// little either way: over ten seeds, each channel's interval covers its true effect at least
    /// eight times (a sound interval fails that about once in a hundred; one that covers only 60%
    /// of the time passes it about once in six), is informative every time, and the ranking finds
    /// that the call's effect grows with the debt at least eight times.
    func testOnRandomisedHistoriesTheIntervalsCoverEachChannelsTrueEffect() throws {
        let seeds: [UInt64] = Array(25...34)
        var covered: [ActionChannel: Int] = [:], ranked = 0
        for seed in seeds {
            let model = try ResponseLearner(horizonDays: 30).fit(Self.history(3000, seed: seed, confounded: false))
            XCTAssertEqual(model.channels, [.sms, .call, .none], "seed \(seed)")
            for (channel, truth) in [(ActionChannel.sms, 20.0), (.call, 82.5)] {
                let found = try effect(model, channel)
                let low = try XCTUnwrap(found.effectLow), high = try XCTUnwrap(found.effectHigh)
                if low <= truth, truth <= high { covered[channel, default: 0] += 1 }
                XCTAssertLessThan(high - low, 25, "seed \(seed), \(channel): the interval is informative (\(found))")
            }
            if try effect(model, .call).qini > 1 { ranked += 1 }
        }
        for channel in [ActionChannel.sms, .call] {
            XCTAssertGreaterThanOrEqual(covered[channel] ?? 0, 8, "\(channel): the 95% interval covered the truth in \(covered[channel] ?? 0) of \(seeds.count) histories")
        }
        XCTAssertGreaterThanOrEqual(ranked, 8, "the call's effect grows with the debt; the ranking found it in \(ranked) of \(seeds.count) histories")
    }

    func testOnConfoundedHistoryTheLoggedPropensitiesKeepTheEstimateHonest() throws {
        let examples = Self.history(4000, seed: 22, confounded: true)
        let calls = examples.filter { $0.channel == .call }, none = examples.filter { $0.channel == .none }
        let naive = calls.map(\.repaid).reduce(0, +) / Double(calls.count) - none.map(\.repaid).reduce(0, +) / Double(none.count)
        XCTAssertGreaterThan(naive, 130, "comparing means credits the call with the larger debts it was given")
        let found = try effect(try ResponseLearner(horizonDays: 30).fit(examples), .call)
        let low = try XCTUnwrap(found.effectLow), high = try XCTUnwrap(found.effectHigh)
        XCTAssertLessThanOrEqual(low, 82.5, "\(found)")
        XCTAssertGreaterThanOrEqual(high, 82.5, "\(found)")
    }

    func testTheModelAnswersEveryChannelForACaseAndRanksLargeDebtsFirstForACall() throws {
        let model = try ResponseLearner(horizonDays: 30).fit(Self.history(3000, seed: 23, confounded: false))
        func row(_ overdue: Double) -> ResponseFeatures.Row {
            var numbers = Array(repeating: Double.nan, count: ResponseFeatures.numeric.count)
            numbers[0] = 30
            numbers[1] = overdue
            return ResponseFeatures.Row(numbers: numbers, categories: ["16-30", "B", "credit_card", ""])
        }
        let answers = model.expectedRepayments(for: [row(200), row(900)])
        XCTAssertEqual(Set(answers[0].keys), [.sms, .call, .none])
        let smallGain = (answers[0][.call] ?? 0) - (answers[0][.none] ?? 0)
        let largeGain = (answers[1][.call] ?? 0) - (answers[1][.none] ?? 0)
        XCTAssertGreaterThan(largeGain, smallGain + 40, "true gains 30 and 135")
        XCTAssertEqual(answers[1][.none] ?? 0, Self.base(900, 30), accuracy: 40)
        let decoded = try JSONDecoder().decode(ResponseModel.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded, model, "the registry keeps it as JSON")
    }

    /// A channel the guardrails allow only early (SMS up to 15 days past due) has no outcome
    /// later; its average effect is taken where the history took it and none, not over every
    /// action, where its model would answer for long-overdue customers it never saw. Here the
    /// repayment without contact falls steeply with DPD, so a model carried beyond 15 days would
    /// credit the SMS with the early customers' larger repayments.
    func testAChannelAllowedOnlyEarlyIsMeasuredWhereItWasTaken() throws {
        var random = SeededGenerator(seed: 41)
        let examples = (0..<4000).map { index -> ResponseExample in
            let dpd = Double(Int.random(in: 1...90, using: &random))
            let overdue = Double.random(in: 100..<1000, using: &random)
            let channel: ActionChannel = dpd <= 15 ? (Bool.random(using: &random) ? .sms : .none) : (Bool.random(using: &random) ? .call : .none)
            var numbers = Array(repeating: Double.nan, count: ResponseFeatures.numeric.count)
            numbers[0] = dpd
            numbers[1] = overdue
            let noise = Double.random(in: -20..<20, using: &random)
            let base = 600 * (1 - dpd / 91)
            return ResponseExample(customerId: "C\(index)", date: LocalDate(year: 2026, month: 3, day: 1)!, channel: channel, cell: "test",
                                   propensity: 0.5, row: ResponseFeatures.Row(numbers: numbers, categories: ["1-30", "B", "credit_card", ""]),
                                   repaid: base + (channel == .sms ? 20 : channel == .call ? 50 : 0) + noise)
        }
        let model = try ResponseLearner(horizonDays: 30).fit(examples)
        let sms = try effect(model, .sms), call = try effect(model, .call)
        XCTAssertEqual(sms.supportDaysPastDue, [1, 15], "\(sms)")
        XCTAssertEqual(call.supportDaysPastDue, [16, 90], "\(call)")
        let early = examples.filter { $0.row.numbers[0] <= 15 }.count
        XCTAssertLessThan(try XCTUnwrap(sms.supportRows), early, "the support is part of the training rows of DPD 1 to 15")
        XCTAssertGreaterThan(try XCTUnwrap(sms.supportRows), early / 2)
        let low = try XCTUnwrap(sms.effectLow), high = try XCTUnwrap(sms.effectHigh)
        XCTAssertLessThanOrEqual(low, 20, "\(sms)")
        XCTAssertGreaterThanOrEqual(high, 20, "\(sms)")
        XCTAssertLessThan(high, 60, "the SMS is not credited with the early customers' repayments (\(sms))")
        XCTAssertEqual(call.averageEffect, 50, accuracy: 25, "\(call)")
    }

    /// An e-mail worth 20, sent only to the half of the customers who have an address; those
    /// customers repay 200 more anyway, which nothing in the features shows. Averaged over every
    /// customer, the e-mail model's answers for customers it never saw carry that 200; averaged
    /// over the customers it could reach, the effect is the e-mail's own.
    func testAChannelOnlySomeCustomersCanGetIsMeasuredOverThoseItCouldReach() throws {
        var random = SeededGenerator(seed: 43)
        let examples = (0..<4000).map { index -> ResponseExample in
            let hasEmail = index % 2 == 0
            let dpd = Double(Int.random(in: 1...30, using: &random))
            var numbers = Array(repeating: Double.nan, count: ResponseFeatures.numeric.count)
            numbers[0] = dpd
            numbers[1] = Double.random(in: 100..<1000, using: &random)
            let channel: ActionChannel = hasEmail && Bool.random(using: &random) ? .email : .none
            let repaid = (hasEmail ? 300.0 : 100.0) + (channel == .email ? 20 : 0) + Double.random(in: -20..<20, using: &random)
            return ResponseExample(customerId: "C\(index)", date: LocalDate(year: 2026, month: 3, day: 1)!, channel: channel, cell: "test",
                                   propensity: hasEmail ? 0.5 : 1, row: ResponseFeatures.Row(numbers: numbers, categories: ["1-30", "B", "credit_card", ""]),
                                   repaid: repaid, unreachable: ActionChannel.unreachable(hasMobile: true, hasEmail: hasEmail))
        }
        let email = try effect(try ResponseLearner(horizonDays: 30).fit(examples), .email)
        let reachable = examples.filter { !$0.unreachable.contains(.email) }.count
        XCTAssertLessThan(try XCTUnwrap(email.supportRows), reachable, "the support is part of the training rows of customers with an address")
        XCTAssertGreaterThan(try XCTUnwrap(email.supportRows), reachable / 2)
        let low = try XCTUnwrap(email.effectLow), high = try XCTUnwrap(email.effectHigh)
        XCTAssertLessThanOrEqual(low, 20, "\(email)")
        XCTAssertGreaterThanOrEqual(high, 20, "\(email)")
        XCTAssertLessThan(high, 60, "\(email)")

        // The same history without knowing who has an address credits the e-mail with the difference.
        let unknowing = examples.map {
            ResponseExample(customerId: $0.customerId, date: $0.date, channel: $0.channel, cell: $0.cell, propensity: $0.propensity, row: $0.row, repaid: $0.repaid)
        }
        let overall = try effect(try ResponseLearner(horizonDays: 30).fit(unknowing), .email)
        XCTAssertGreaterThan(overall.averageEffect, 80, "\(overall)")
    }

    /// An e-mail worth 20, allowed only for ratings A and B, whose customers repay 200 more
    /// anyway: the rating is a feature, but the e-mail's model never saw a C, D or E. The average
    /// is over the ratings the e-mail was taken for, and says so.
    func testAChannelTakenOnlyForSomeRatingsIsMeasuredForThoseRatings() throws {
        var random = SeededGenerator(seed: 47)
        let ratings = ["A", "B", "C", "D", "E"]
        let examples = (0..<5000).map { index -> ResponseExample in
            let rating = ratings[index % ratings.count], prime = rating == "A" || rating == "B"
            var numbers = Array(repeating: Double.nan, count: ResponseFeatures.numeric.count)
            numbers[0] = Double(Int.random(in: 1...30, using: &random))
            numbers[1] = Double.random(in: 100..<1000, using: &random)
            let channel: ActionChannel = prime && Bool.random(using: &random) ? .email : .none
            let repaid = (prime ? 300.0 : 100.0) + (channel == .email ? 20 : 0) + Double.random(in: -20..<20, using: &random)
            return ResponseExample(customerId: "C\(index)", date: LocalDate(year: 2026, month: 3, day: 1)!, channel: channel, cell: "test",
                                   propensity: prime ? 0.5 : 1, row: ResponseFeatures.Row(numbers: numbers, categories: ["1-30", rating, "credit_card", ""]),
                                   repaid: repaid)
        }
        let email = try effect(try ResponseLearner(horizonDays: 30).fit(examples), .email)
        XCTAssertEqual(email.supportRatings, ["A", "B"])
        XCTAssertNil(email.supportProducts, "every product of the history")
        let low = try XCTUnwrap(email.effectLow), high = try XCTUnwrap(email.effectHigh)
        XCTAssertLessThanOrEqual(low, 20, "\(email)")
        XCTAssertGreaterThanOrEqual(high, 20, "\(email)")
        XCTAssertLessThan(high, 60, "the e-mail is not credited with the prime customers' repayments (\(email))")
    }

    func testAHistoryWithoutANoContactControlIsRefused() {
        let examples = Self.history(400, seed: 24, confounded: false).filter { $0.channel != .none }
        XCTAssertThrowsError(try ResponseLearner(horizonDays: 30).fit(examples)) { error in
            XCTAssertEqual(error as? ResponseError, .noControl(part: "training"))
        }
    }
}
