import ArrearsCore
import XCTest

final class LocalDateTests: XCTestCase {
    func testParsesAndPrintsIsoDates() throws {
        let date = try XCTUnwrap(LocalDate(iso: "2026-11-23"))
        XCTAssertEqual(date.description, "2026-11-23")
        XCTAssertEqual(LocalDate(iso: "1970-01-01")?.daysSinceEpoch, 0)
        XCTAssertEqual(LocalDate(iso: "2000-03-01")?.daysSinceEpoch, 11_017)
    }

    func testRejectsImpossibleAndMalformedDates() {
        for text in ["2026-02-29", "2026-13-01", "2026-04-31", "2026-1-05", "2026/01/05", "20260105", "", "2026-01-05T00:00"] {
            XCTAssertNil(LocalDate(iso: text), text)
        }
        XCTAssertNotNil(LocalDate(iso: "2024-02-29"))
        XCTAssertNil(LocalDate(iso: "1900-02-29"))
        XCTAssertNotNil(LocalDate(iso: "2000-02-29"))
    }

    func testEveryDayRoundTripsForFourHundredYears() {
        var previous: LocalDate?
        for day in -30_000...116_000 {
            let date = LocalDate(daysSinceEpoch: day)
            let (y, m, d) = date.components
            XCTAssertEqual(LocalDate(year: y, month: m, day: d), date)
            if let previous { XCTAssertEqual(date.days(since: previous), 1) }
            previous = date
        }
    }

    func testAddingMonthsClampsToMonthEnd() throws {
        let january31 = try XCTUnwrap(LocalDate(iso: "2026-01-31"))
        XCTAssertEqual(january31.adding(months: 1).description, "2026-02-28")
        XCTAssertEqual(try XCTUnwrap(LocalDate(iso: "2024-01-31")).adding(months: 1).description, "2024-02-29")
        XCTAssertEqual(january31.adding(months: 12).description, "2027-01-31")
        XCTAssertEqual(january31.adding(months: -2).description, "2025-11-30")
    }

    func testIsoWeekday() throws {
        XCTAssertEqual(try XCTUnwrap(LocalDate(iso: "2026-11-23")).isoWeekday, 1)
        XCTAssertEqual(try XCTUnwrap(LocalDate(iso: "2026-11-29")).isoWeekday, 7)
    }

    /// Every date prints as YYYY-MM-DD, zero-padded, and reads back as itself.
    func testDescriptionIsZeroPaddedAndReadsBack() throws {
        XCTAssertEqual(LocalDate(daysSinceEpoch: 0).description, "1970-01-01")
        XCTAssertEqual(try XCTUnwrap(LocalDate(iso: "0999-12-31")).description, "0999-12-31")
        XCTAssertEqual(try XCTUnwrap(LocalDate(iso: "2026-11-05")).description, "2026-11-05")
        for days in stride(from: -719_162, through: 2_932_896, by: 997) {
            let date = LocalDate(daysSinceEpoch: days)
            let (year, month, day) = date.components
            XCTAssertEqual(date.description, String(format: "%04d-%02d-%02d", year, month, day))
            XCTAssertEqual(LocalDate(iso: date.description), date)
        }
    }
}
