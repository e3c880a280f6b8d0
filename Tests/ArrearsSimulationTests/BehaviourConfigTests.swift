import ArrearsCore
import ArrearsSimulation
import ArrearsStore
import ArrearsWorkflows
import XCTest

final class BehaviourConfigTests: XCTestCase {
    private var shipped: String {
        get throws { try String(contentsOfFile: DemoFixture.config + "/" + BehaviourConfig.fileName, encoding: .utf8) }
    }

    /// The error for the shipped file with `old` replaced by `new`, and the line `new` is on.
    private func rejection(replacing old: String, with new: String, file: StaticString = #filePath, line: UInt = #line) throws -> (ConfigError, Int) {
        let text = try shipped
        XCTAssertTrue(text.contains(old), "the shipped file has \(old)", file: file, line: line)
        let changed = text.replacingOccurrences(of: old, with: new)
        let expectedLine = changed.components(separatedBy: "\n").firstIndex { $0.contains(new) }.map { $0 + 1 } ?? 0
        do {
            _ = try BehaviourConfig.parse(changed, file: "behaviour.yaml")
            XCTFail("accepted a file with \(new)", file: file, line: line)
            return (ConfigError(file: "", line: nil, message: ""), expectedLine)
        } catch let error as ConfigError {
            return (error, expectedLine)
        }
    }

    func testTheShippedModelLoadsWithEveryChannelSegmentAndRating() throws {
        let model = try DemoFixture.model()
        XCTAssertEqual(Set(model.channels.keys), Set(Channel.allCases))
        XCTAssertEqual(Set(model.segments.keys), Set(Segment.allCases))
        XCTAssertEqual(Set(model.payOnTime.keys), Set(CreditRating.allCases))
        XCTAssertEqual(model.promiseShare, 5_000...10_000)
        XCTAssertEqual(model.promiseDays, 3...14)
        XCTAssertEqual(model.largeDebtFrom, try MajorAmount("50000"))
        XCTAssertEqual(model.dpdFactor(1), model.dpdBands[0].factor)
        XCTAssertEqual(model.dpdFactor(400), model.dpdBands.last!.factor)
    }

    func testTheShippedNumbersArePlausible() throws {
        let model = try DemoFixture.model()
        func paying(_ channel: Channel) -> Double {
            let rates = model.channels[channel]!
            return rates.rightPartyContact * (rates.payAll + rates.payPart + rates.promise)
        }
        XCTAssertLessThan(paying(.sms), paying(.call))
        XCTAssertLessThan(paying(.call), paying(.visit))
        XCTAssertGreaterThan(model.channels[.visit]!.largeDebtFactor, 1, "visits work best on large debts")
        XCTAssertLessThan(model.channels[.sms]!.largeDebtFactor, 1)
        let prime = model.segments[.prime]!, risky = model.segments[.highRisk]!
        XCTAssertGreaterThan(prime.responseFactor, 2 * risky.responseFactor)
        XCTAssertEqual(prime.promiseKept, 0.60, accuracy: 0.05)
        XCTAssertEqual(risky.promiseKept, 0.35, accuracy: 0.05)
        XCTAssertGreaterThan(model.payOnTime[.a]!, model.payOnTime[.e]!)
    }

    func testTheCustomersOwnCharacteristicsAreOptionalAndChangeNothingWhenLeftOut() throws {
        var text = try shipped
        for key in ["rating_factor:", "broken_promises:"] {
            text = text.components(separatedBy: "\n").filter { !$0.hasPrefix(key) }.joined(separator: "\n")
        }
        text = text.replacingOccurrences(of: "burden_bands:\n", with: "unused_bands:\n")
        text = text.components(separatedBy: "\n").filter { !$0.hasPrefix("unused_bands:") && !$0.contains("max_ratio") && $0 != "  - { factor: 0.45 }" }
            .joined(separator: "\n")
        let plain = try BehaviourConfig.parse(text, file: "behaviour.yaml")
        XCTAssertEqual(Set(plain.ratingFactor.values), [1])
        XCTAssertEqual(plain.burdenFactor(0.9), 1)
        XCTAssertEqual(plain.brokenPromises, .none)
        let shipped = try DemoFixture.model()
        XCTAssertGreaterThan(shipped.ratingFactor[.a]!, shipped.ratingFactor[.e]!)
        XCTAssertGreaterThan(shipped.burdenFactor(0.01), shipped.burdenFactor(0.9))
        XCTAssertLessThan(shipped.brokenPromises.keepFactor, 1)
    }

    func testChannelEffectsAreReadAndTheirMistakesNamedWithTheirLine() throws {
        let shipped = try DemoFixture.model()
        XCTAssertEqual(shipped.effects(of: .sms).daysPastDue.first, BehaviourModel.EffectBand(max: 7, factor: 1.7))
        XCTAssertEqual(shipped.effects(of: .call).daysSincePayment.count, 4)
        XCTAssertEqual(shipped.effects(of: .legalReview), .none, "a channel the file leaves out moves everyone alike")
        let (order, orderLine) = try rejection(replacing: "{ max: 45, factor: 1.6 }, { max: 75,", with: "{ max: 45, factor: 1.6 }, { max: 30,")
        XCTAssertEqual(order.line, orderLine)
        XCTAssertTrue(order.message.contains("max must be a number of 0 or more, above the previous band's"), order.description)
        let (unknown, unknownLine) = try rejection(replacing: "    days_since_payment: [{ max: 45,", with: "    days_since_contact: [{ max: 45,")
        XCTAssertEqual(unknown.line, unknownLine)
        XCTAssertTrue(unknown.message.contains("days_since_contact"), unknown.description)
    }

    func testBurdenBandsOutOfOrderAreRejected() throws {
        let (error, line) = try rejection(replacing: "max_ratio: 0.40", with: "max_ratio: 0.10")
        XCTAssertEqual(error.line, line)
        XCTAssertTrue(error.message.contains("max_ratio must be a number above 0 and above the previous band's"), error.description)
    }

    func testAChanceAboveOneIsRejectedWithItsLine() throws {
        let (error, line) = try rejection(replacing: "right_party_contact: 0.45", with: "right_party_contact: 1.45")
        XCTAssertEqual(error.line, line)
        XCTAssertTrue(error.message.contains("channels.call: right_party_contact must be a chance from 0 to 1"), error.description)
    }

    func testAnUnknownKeyIsRejectedWithItsLine() throws {
        let (error, line) = try rejection(replacing: "large_debt_factor: 1.4 }", with: "large_debt_factor: 1.4, rpc: 0.7 }")
        XCTAssertEqual(error.line, line)
        XCTAssertTrue(error.message.contains("unknown key 'rpc'"), error.description)
    }

    func testAMissingChannelIsRejectedAtItsSection() throws {
        let text = try shipped
        let letter = try XCTUnwrap(text.components(separatedBy: "\n").first { $0.hasPrefix("  letter:") })
        let changed = text.replacingOccurrences(of: letter + "\n", with: "")
        let channelsLine = changed.components(separatedBy: "\n").firstIndex { $0.hasPrefix("channels:") }! + 1
        XCTAssertThrowsError(try BehaviourConfig.parse(changed, file: "behaviour.yaml")) { error in
            let error = error as! ConfigError
            XCTAssertEqual(error.line, channelsLine)
            XCTAssertTrue(error.message.contains("channels needs 'letter'"), error.description)
        }
    }

    func testPromiseChancesAddingUpToMoreThanOneAreRejected() throws {
        let (error, line) = try rejection(replacing: "promise_kept: 0.60", with: "promise_kept: 0.90")
        XCTAssertEqual(error.line, line)
        XCTAssertTrue(error.message.contains("segments.prime: promise_kept and promise_partly_kept add up to more than 1"), error.description)
    }

    func testBandsOutOfOrderAreRejected() throws {
        let (error, line) = try rejection(replacing: "{ max_dpd: 60, factor: 0.7 }", with: "{ max_dpd: 20, factor: 0.7 }")
        XCTAssertEqual(error.line, line)
        XCTAssertTrue(error.message.contains("max_dpd"), error.description)
    }

    func testARangeWithMaxBelowMinIsRejected() throws {
        let (error, line) = try rejection(replacing: "promise_days:       { min: 3, max: 14 }", with: "promise_days:       { min: 30, max: 14 }")
        XCTAssertEqual(error.line, line)
        XCTAssertTrue(error.message.contains("promise_days: max is below min"), error.description)
    }

    func testAShareAboveOneIsRejected() throws {
        let (error, line) = try rejection(replacing: "promise_share:      { min: 0.50, max: 1.00 }", with: "promise_share:      { min: 0.50, max: 1.50 }")
        XCTAssertEqual(error.line, line)
        XCTAssertTrue(error.message.contains("promise_share"), error.description)
    }

    func testInvalidYAMLIsRejectedWithItsLine() throws {
        let (error, line) = try rejection(replacing: "large_debt_from: 50000", with: "large_debt_from: [50000")
        XCTAssertNotNil(error.line)
        XCTAssertGreaterThanOrEqual(error.line ?? 0, line)
        XCTAssertTrue(error.message.contains("is not valid YAML"), error.description)
    }

    func testAMissingFileIsReported() {
        XCTAssertThrowsError(try BehaviourConfig.load(path: "/nonexistent/behaviour.yaml")) { error in
            XCTAssertTrue((error as? ConfigError)?.message.contains("cannot be read") == true, "\(error)")
        }
    }
}
