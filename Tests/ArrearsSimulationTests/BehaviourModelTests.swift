import ArrearsCore
import ArrearsSimulation
import Foundation
import XCTest

final class BehaviourModelTests: XCTestCase {
    private let model = try! DemoFixture.model()

    /// How often `draw` returns true over `count` customers' streams.
    private func frequency(_ count: Int = 20_000, seed: UInt64 = 1, _ draw: (inout ResponseRandom) -> Bool) -> Double {
        var hits = 0
        for customer in 0..<count {
            var random = ResponseRandom(seed: seed, key: "test", "C\(customer)")
            if draw(&random) { hits += 1 }
        }
        return Double(hits) / Double(count)
    }

    private func pays(_ response: CustomerResponse) -> Bool {
        switch response {
        case .paysAll, .paysPart: true
        case .nothing, .promises: false
        }
    }

    func testTheSameSeedAndKeyGiveTheSameStream() {
        var first = ResponseRandom(seed: 42, key: "response", "2026-06-30", "C1")
        var again = ResponseRandom(seed: 42, key: "response", "2026-06-30", "C1")
        var otherSeed = ResponseRandom(seed: 43, key: "response", "2026-06-30", "C1")
        var shiftedKey = ResponseRandom(seed: 42, key: "response", "2026-06-3", "0C1")
        let draws = (0..<10).map { _ in first.next() }
        XCTAssertEqual(draws, (0..<10).map { _ in again.next() })
        XCTAssertNotEqual(draws[0], otherSeed.next())
        XCTAssertNotEqual(draws[0], shiftedKey.next(), "the parts of a key are kept apart")
    }

    func testDrawsStayInTheirRanges() {
        var random = ResponseRandom(seed: 9, key: "ranges")
        for _ in 0..<10_000 {
            let unit = random.unit()
            XCTAssertTrue(unit >= 0 && unit < 1)
            XCTAssertTrue((3...14).contains(random.int(in: 3...14)))
        }
    }

    func testPrimeCustomersRespondMoreThanHighRiskOnes() {
        let prime = frequency { pays(model.response(reachedBy: .call, segment: .prime, daysPastDue: 20, largeDebt: false, random: &$0)) }
        let risky = frequency { pays(model.response(reachedBy: .call, segment: .highRisk, daysPastDue: 20, largeDebt: false, random: &$0)) }
        XCTAssertGreaterThan(prime, 2.5 * risky)
        let expected = (model.channels[.call]!.payAll + model.channels[.call]!.payPart) * model.segments[.prime]!.responseFactor
        XCTAssertEqual(prime, expected * model.dpdFactor(20), accuracy: 0.02)
    }

    func testVisitsMoveLargeDebtsBestAndTextsLeast() {
        func reachedAndPaying(_ channel: Channel, large: Bool) -> Double {
            frequency {
                model.reaches(channel, random: &$0)
                    && pays(model.response(reachedBy: channel, segment: .standard, daysPastDue: 45, largeDebt: large, random: &$0))
            }
        }
        let visit = reachedAndPaying(.visit, large: true), call = reachedAndPaying(.call, large: true), sms = reachedAndPaying(.sms, large: true)
        XCTAssertGreaterThan(visit, call)
        XCTAssertGreaterThan(call, sms)
        XCTAssertGreaterThan(visit, reachedAndPaying(.visit, large: false))
        XCTAssertLessThan(sms, reachedAndPaying(.sms, large: false))
    }

    /// `channel_effects`: each channel helps some customers more than others, and not the same
    /// ones, while no contact is the same for all of them.
    func testEachChannelMovesDifferentCustomersMost() {
        func paying(_ channel: Channel?, dpd: Int, silent: Int, overdue: Double) -> Double {
            frequency {
                pays(model.response(reachedBy: channel, segment: .standard, daysPastDue: dpd, largeDebt: overdue >= 50_000,
                                    daysSincePayment: silent, overdue: overdue, random: &$0))
            }
        }
        XCTAssertGreaterThan(paying(.sms, dpd: 5, silent: 35, overdue: 2_000), 1.4 * paying(.sms, dpd: 14, silent: 44, overdue: 2_000),
                             "a text works best in the first days")
        XCTAssertGreaterThan(paying(.call, dpd: 20, silent: 20, overdue: 2_000), 3 * paying(.call, dpd: 20, silent: 200, overdue: 2_000),
                             "a call moves the customer who still pays far more than the long-silent one")
        XCTAssertGreaterThan(paying(.visit, dpd: 45, silent: 75, overdue: 60_000), 2 * paying(.visit, dpd: 45, silent: 75, overdue: 6_000),
                             "a visit is for large debts")
        XCTAssertEqual(paying(nil, dpd: 20, silent: 20, overdue: 2_000), paying(nil, dpd: 20, silent: 200, overdue: 2_000), accuracy: 0.004,
                       "self-cure does not depend on the channels' modifiers")
    }

    func testLongerOverdueMeansLessSelfCure() {
        let early = frequency { model.response(reachedBy: nil, segment: .standard, daysPastDue: 5, largeDebt: false, random: &$0) == .paysAll }
        let late = frequency { model.response(reachedBy: nil, segment: .standard, daysPastDue: 150, largeDebt: false, random: &$0) == .paysAll }
        XCTAssertEqual(early, model.segments[.standard]!.selfCure * model.dpdFactor(5), accuracy: 0.005)
        XCTAssertGreaterThan(early, 3 * late)
    }

    func testPromisesFollowTheSegmentsKeepRates() {
        for segment in [Segment.prime, .highRisk] {
            let kept = frequency { model.promiseOutcome(segment: segment, random: &$0) == .kept }
            XCTAssertEqual(kept, model.segments[segment]!.promiseKept, accuracy: 0.015, "\(segment)")
        }
        var random = ResponseRandom(seed: 3, key: "shares")
        for _ in 0..<2_000 {
            if case .partlyKept(let points) = model.promiseOutcome(segment: .standard, random: &random) {
                XCTAssertTrue(model.partlyKeptShare.contains(points))
            }
            if case .promises(let points, let days) = model.response(reachedBy: .visit, segment: .prime, daysPastDue: 40, largeDebt: true, random: &random) {
                XCTAssertTrue(model.promiseShare.contains(points))
                XCTAssertTrue(model.promiseDays.contains(days))
            }
        }
    }

    func testChancesThatWouldAddUpToMoreThanOneAreScaledDown() {
        var generous = model
        generous.channels[.visit] = .init(rightPartyContact: 1, payAll: 0.5, payPart: 0.3, promise: 0.4, largeDebtFactor: 2)
        let nothing = frequency { generous.response(reachedBy: .visit, segment: .prime, daysPastDue: 1, largeDebt: true, random: &$0) == .nothing }
        XCTAssertEqual(nothing, 0)
        let all = frequency { generous.response(reachedBy: .visit, segment: .prime, daysPastDue: 1, largeDebt: true, random: &$0) == .paysAll }
        XCTAssertEqual(all, 0.5 / 1.2, accuracy: 0.02)
    }

    func testALowerCreditRatingRepaysLessInTheSameSegment() {
        func paying(_ rating: CreditRating) -> Double {
            frequency { pays(model.response(reachedBy: .call, segment: .standard, daysPastDue: 20, largeDebt: false, rating: rating, random: &$0)) }
        }
        let a = paying(.a), c = paying(.c), e = paying(.e)
        XCTAssertGreaterThan(a, c)
        XCTAssertGreaterThan(c, e)
        XCTAssertGreaterThan(a, 2.5 * e, "a customer rated A repays several times as often as one rated E")
        let unrated = frequency { pays(model.response(reachedBy: .call, segment: .standard, daysPastDue: 20, largeDebt: false, random: &$0)) }
        XCTAssertEqual(c, unrated, accuracy: 0.01, "rating C is the reference")
        let selfCureA = frequency { model.response(reachedBy: nil, segment: .standard, daysPastDue: 5, largeDebt: false, rating: .a, random: &$0) == .paysAll }
        let selfCureE = frequency { model.response(reachedBy: nil, segment: .standard, daysPastDue: 5, largeDebt: false, rating: .e, random: &$0) == .paysAll }
        XCTAssertGreaterThan(selfCureA, 2 * selfCureE, "customers rated A also cure more often by themselves")
    }

    func testArrearsThatWeighMoreOnTheCustomersMeansArePaidLess() {
        func paying(burden: Double?) -> Double {
            frequency { pays(model.response(reachedBy: .call, segment: .standard, daysPastDue: 20, largeDebt: false, burden: burden, random: &$0)) }
        }
        let light = paying(burden: 0.02), heavy = paying(burden: 0.8)
        XCTAssertGreaterThan(light, 2.5 * heavy)
        XCTAssertEqual(paying(burden: nil), paying(burden: 0.10), accuracy: 0.01, "nothing lent in the currency: factor 1, as the middle band")
    }

    func testABrokenPromiseLowersTheNextPromisesKeepRateAndTheChanceOfPaying() {
        let keep = model.segments[.standard]!.promiseKept
        let trusted = frequency { model.promiseOutcome(segment: .standard, random: &$0) == .kept }
        let onceBroken = frequency { model.promiseOutcome(segment: .standard, brokenPromises: 1, random: &$0) == .kept }
        let twiceBroken = frequency { model.promiseOutcome(segment: .standard, brokenPromises: 2, random: &$0) == .kept }
        XCTAssertEqual(trusted, keep, accuracy: 0.015)
        XCTAssertEqual(onceBroken, keep * model.brokenPromises.keepFactor, accuracy: 0.015)
        XCTAssertLessThan(twiceBroken, onceBroken - 0.05)
        let manyBroken = frequency { model.promiseOutcome(segment: .standard, brokenPromises: 50, random: &$0) == .kept }
        XCTAssertEqual(manyBroken, keep * pow(model.brokenPromises.keepFactor, Double(model.brokenPromises.counted)), accuracy: 0.015,
                       "only the configured number of broken promises count")
        let paysAfterBreaking = frequency {
            pays(model.response(reachedBy: .call, segment: .standard, daysPastDue: 20, largeDebt: false, brokenPromises: 1, random: &$0))
        }
        let paysOtherwise = frequency { pays(model.response(reachedBy: .call, segment: .standard, daysPastDue: 20, largeDebt: false, random: &$0)) }
        XCTAssertLessThan(paysAfterBreaking, paysOtherwise - 0.01)
    }

    func testBusinessDaysSkipWeekends() {
        let friday = LocalDate(iso: "2026-07-03")!
        XCTAssertEqual(BusinessCalendar.next(after: friday), LocalDate(iso: "2026-07-06")!)
        let sunday = LocalDate(iso: "2026-07-05")!
        let days = BusinessCalendar.days(count: 6, endingOnOrBefore: sunday)
        XCTAssertEqual(days.map(\.description), ["2026-06-26", "2026-06-29", "2026-06-30", "2026-07-01", "2026-07-02", "2026-07-03"])
        XCTAssertTrue(days.allSatisfy(BusinessCalendar.isBusinessDay))
    }
}
