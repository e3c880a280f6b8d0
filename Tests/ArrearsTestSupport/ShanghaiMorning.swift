import ArrearsCore
import Foundation

/// A moment for a field visit in the tests: 10:00 in Shanghai (inside the cn pack's contact
/// hours), on the first day at least `daysAhead` days after today there that `holidays` does not
/// list. On a public holiday the pack refuses every visit, so a test that set its visit two days
/// ahead failed on the days before one.
public enum ShanghaiMorning {
    public static func tenOClock(daysAhead: Int, from now: Date = Date(), skipping holidays: HolidayCalendar) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        var day = calendar.startOfDay(for: now)
        for ahead in daysAhead..<(daysAhead + 60) {
            day = calendar.date(byAdding: .day, value: ahead, to: calendar.startOfDay(for: now)) ?? now
            let components = calendar.dateComponents([.year, .month, .day], from: day)
            guard let date = LocalDate(year: components.year ?? 0, month: components.month ?? 0, day: components.day ?? 0),
                  holidays.holiday(on: date) != nil else { break }
        }
        return day.addingTimeInterval(10 * 3_600)
    }
}
