import ArrearsCore
import Foundation
import XCTest

/// The dates Arrears accepts from outside, and calendar arithmetic that no date or count can trap.
final class DateBoundsTests: XCTestCase {
    func testTheSupportedRangeIs1900To2199() {
        XCTAssertEqual(LocalDate.supportedRange.lowerBound.description, "1900-01-01")
        XCTAssertEqual(LocalDate.supportedRange.upperBound.description, "2199-12-31")
    }

    func testParsingRefusesWhatIsOutsideTheRangeAndSaysWhy() {
        XCTAssertEqual(try LocalDate.parse("2199-12-31").description, "2199-12-31")
        XCTAssertThrowsError(try LocalDate.parse("9999-12-31")) { error in
            XCTAssertEqual((error as? DateError)?.description, "9999-12-31 is outside the dates Arrears accepts (1900-01-01 to 2199-12-31)")
        }
        XCTAssertThrowsError(try LocalDate.parse("0001-01-01"))
        XCTAssertThrowsError(try LocalDate.parse("")) { XCTAssertEqual($0 as? DateError, .empty) }
        XCTAssertThrowsError(try LocalDate.parse(String(repeating: "9", count: 10_000))) { error in
            XCTAssertLessThan((error as? DateError)?.description.count ?? .max, 80, "the text is cut in the message")
        }
        let today = LocalDate(daysSinceEpoch: 20_000)
        XCTAssertThrowsError(try LocalDate.parse(today.adding(days: 1).description, within: LocalDate.supportedRange.lowerBound...today))
    }

    func testCalendarArithmeticIsTotal() {
        let last = LocalDate(iso: "9999-12-31")!
        XCTAssertEqual(last.adding(months: 1).description, "10000-01-31")
        XCTAssertEqual(LocalDate(iso: "0001-01-31")!.adding(months: -1).description, "0000-12-31")
        for months in [Int.max, Int.min, Int.max / 12, -1_000_000_000] {
            _ = last.adding(months: months).description
        }
        for days in [Int.max, Int.min] {
            let far = last.adding(days: days)
            XCTAssertTrue(LocalDate.computableDays.contains(far.daysSinceEpoch))
            _ = far.components
            _ = far.adding(months: 1).days(since: LocalDate(daysSinceEpoch: Int.min))
        }
        XCTAssertEqual(LocalDate(daysSinceEpoch: Int.max).daysSinceEpoch, LocalDate.computableDays.upperBound)
        XCTAssertEqual(LocalDate(utcDayOf: Date(timeIntervalSince1970: .infinity)).daysSinceEpoch, LocalDate.computableDays.upperBound)
        XCTAssertEqual(LocalDate(utcDayOf: Date(timeIntervalSince1970: .nan)).daysSinceEpoch, 0)
        XCTAssertEqual(UTCTimestamp.text(Date(timeIntervalSince1970: 1e300)), "9999-12-31T23:59:59Z")
        XCTAssertEqual(UTCTimestamp.text(Date(timeIntervalSince1970: -1e300)), "0000-01-01T00:00:00Z")
    }

    func testAdding12MonthsFromAnyDayOfFourHundredYearsIsTheSameDayNextYearOrTheMonthsEnd() {
        var date = LocalDate(iso: "2000-01-01")!
        while date < LocalDate(iso: "2400-01-01")! {
            let (year, month, day) = date.components
            let next = date.adding(months: 12).components
            XCTAssertEqual(next.year, year + 1)
            XCTAssertEqual(next.month, month)
            XCTAssertEqual(next.day, min(day, LocalDate.daysIn(month: month, year: year + 1)))
            date = date.adding(days: 1)
        }
    }

    func testInstantsOutsideTheSupportedDatesAreRefused() {
        XCTAssertNotNil(UTCTimestamp.instant("2026-11-24T10:00:00+08:00"))
        XCTAssertNil(UTCTimestamp.instant("9999-12-31T23:59:59Z"))
        XCTAssertNil(UTCTimestamp.instant("0001-01-01T00:00:00Z"))
        XCTAssertNil(UTCTimestamp.instant(String(repeating: "2", count: 100_000)))
    }

    func testTheBanksTodayIsTheDateInItsZone() {
        let rules = InputDateRules(bankTimeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let lateEvening = Date(timeIntervalSince1970: 1_796_601_600 - 3_600)
        XCTAssertEqual(LocalDate(utcDayOf: lateEvening).description, "2026-12-06")
        XCTAssertEqual(rules.today(now: lateEvening).description, "2026-12-07")
        XCTAssertEqual(rules.paymentDates(now: lateEvening).upperBound.description, "2026-12-07")
        XCTAssertEqual(rules.dueDates(now: lateEvening).upperBound.description, "2066-12-07")
        XCTAssertEqual(InputDateRules(paymentToleranceDays: 1_000).paymentToleranceDays, 31, "held to its limit")
    }
}
