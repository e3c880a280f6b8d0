import ArrearsCore
import ArrearsWorkflows
import Foundation
import XCTest

/// `config/schedule.yaml` and the rules of the schedule it gives: which business date is due,
/// and which one is late.
final class ScheduleConfigTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A moment given as UTC `yyyy-MM-ddTHH:mm`.
    private func at(_ text: String) throws -> Date { try XCTUnwrap(ISO8601DateFormatter().date(from: text + ":00Z")) }

    func testTheShippedFileRunsAtTwoInShanghaiOnWorkingDaysOfTheChineseCalendar() throws {
        let config = try XCTUnwrap(try ScheduleConfig.load(fromDirectory: Self.root.appendingPathComponent("config").path, defaultHolidays: .none))
        XCTAssertEqual(DailySchedule.clock(config.schedule.runAt), "02:00")
        XCTAssertEqual(DailySchedule.clock(config.schedule.deadline), "07:00")
        XCTAssertEqual(config.schedule.timeZone.identifier, "Asia/Shanghai")
        XCTAssertEqual(config.schedule.holidays.name, "cn")
        let schedule = config.schedule
        // Tuesday 2026-09-29 01:59 in Shanghai is Monday 17:59 UTC: Monday is due, not Tuesday.
        XCTAssertEqual(schedule.dueDate(at: try at("2026-09-28T17:59"))?.description, "2026-09-28")
        XCTAssertEqual(schedule.dueDate(at: try at("2026-09-28T18:00"))?.description, "2026-09-29")
        // National Day week (2026-10-01 to 07) is a holiday: the 30th stays the due date all week.
        XCTAssertEqual(schedule.dueDate(at: try at("2026-10-05T03:00"))?.description, "2026-09-30")
        // A Saturday: Friday's date.
        XCTAssertEqual(schedule.dueDate(at: try at("2026-10-17T03:00"))?.description, "2026-10-16")
        // The deadline is 07:00 Shanghai, 23:00 UTC the day before.
        let friday = try XCTUnwrap(LocalDate(iso: "2026-10-16")), thursday = try XCTUnwrap(LocalDate(iso: "2026-10-15"))
        XCTAssertNil(schedule.overdueDate(at: try at("2026-10-15T22:59"), lastCompleted: thursday))
        XCTAssertEqual(schedule.overdueDate(at: try at("2026-10-15T22:59"), lastCompleted: thursday.adding(days: -1)), thursday)
        XCTAssertEqual(schedule.overdueDate(at: try at("2026-10-15T23:00"), lastCompleted: thursday), friday)
        XCTAssertNil(schedule.overdueDate(at: try at("2026-10-15T23:00"), lastCompleted: friday))
        XCTAssertEqual(schedule.overdueDate(at: try at("2026-10-15T23:00"), lastCompleted: nil), friday)
    }

    func testMistakesAreNamedWithTheirLine() {
        func failure(_ text: String) -> String {
            do { _ = try ScheduleConfig.parse(text, file: "schedule.yaml"); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertTrue(failure("time_zone: UTC\ndeadline: \"07:00\"\n").contains("time is required"), failure("time_zone: UTC\ndeadline: \"07:00\"\n"))
        XCTAssertTrue(failure("time: \"08:00\"\ndeadline: \"07:00\"\ntime_zone: UTC\n").contains("deadline must be later"))
        XCTAssertTrue(failure("time: \"02:00\"\ndeadline: \"07:00\"\ntime_zone: Mars/Olympus\n").contains("IANA"))
        XCTAssertTrue(failure("time: \"2am\"\ndeadline: \"07:00\"\ntime_zone: UTC\n").contains("HH:MM"))
        XCTAssertTrue(failure("time: \"02:00\"\ndeadline: \"07:00\"\ntime_zone: UTC\nbusiness_days: [mon, funday]\n").contains("funday"))
        XCTAssertTrue(failure("time: \"02:00\"\ndeadline: \"07:00\"\ntime_zone: UTC\ncheck_seconds: 0\n").contains("check_seconds"))
        XCTAssertTrue(failure("time: \"02:00\"\ndeadline: \"07:00\"\ntime_zone: UTC\nwhen: always\n").contains("when"))
    }

    func testWeekendsRunWhenTheBankSaysSo() throws {
        let config = try ScheduleConfig.parse("time: \"00:30\"\ndeadline: \"01:00\"\ntime_zone: UTC\nbusiness_days: [sat, sun]\n", file: "schedule.yaml")
        XCTAssertEqual(config.schedule.dueDate(at: try at("2026-10-17T00:30"))?.description, "2026-10-17")
        XCTAssertEqual(config.schedule.dueDate(at: try at("2026-10-16T00:30"))?.description, "2026-10-11")
    }
}
