import Foundation

/// When the daily run runs and by when it must be done (`config/schedule.yaml`, read by
/// `ScheduleConfig`): at `runAt` local time in `timeZone` on each business day (a weekday in
/// `businessDays` that is not in `holidays`), for that day's date, and complete by `deadline`
/// on the same day.
public struct DailySchedule: Sendable, Equatable {
    /// Minutes after local midnight the run starts.
    public var runAt: Int
    /// Minutes after local midnight by which the day's run must be complete; after `runAt`.
    public var deadline: Int
    public var timeZone: TimeZone
    /// ISO weekdays (1 Monday ... 7 Sunday) the bank runs on.
    public var businessDays: Set<Int>
    /// Days the bank does not run although they are business weekdays.
    public var holidays: HolidayCalendar

    public init(runAt: Int, deadline: Int, timeZone: TimeZone, businessDays: Set<Int> = [1, 2, 3, 4, 5], holidays: HolidayCalendar = .none) {
        self.runAt = runAt
        self.deadline = deadline
        self.timeZone = timeZone
        self.businessDays = businessDays
        self.holidays = holidays
    }

    /// `minutes` after midnight as `HH:MM`.
    public static func clock(_ minutes: Int) -> String {
        let hours = String(minutes / 60), rest = String(minutes % 60)
        return String(repeating: "0", count: max(0, 2 - hours.count)) + hours + ":" + String(repeating: "0", count: max(0, 2 - rest.count)) + rest
    }

    public func isBusinessDay(_ date: LocalDate) -> Bool {
        businessDays.contains(date.isoWeekday) && holidays.holiday(on: date) == nil
    }

    /// The local date and minute of the day of `moment` in the schedule's zone.
    public func local(_ moment: Date) -> (date: LocalDate, minute: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: moment)
        let date = LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? LocalDate(daysSinceEpoch: 0)
        return (date, (parts.hour ?? 0) * 60 + (parts.minute ?? 0))
    }

    /// The latest business date whose local `minute` has come by `moment` (looking back at most
    /// two weeks, the longest holiday a calendar has); nil when there is none.
    private func latestBusinessDay(reaching minute: Int, at moment: Date) -> LocalDate? {
        let (today, now) = local(moment)
        var day = now >= minute ? today : today.adding(days: -1)
        for _ in 0..<15 {
            if isBusinessDay(day) { return day }
            day = day.adding(days: -1)
        }
        return nil
    }

    /// The business date the run should have started for by `moment`: the latest business day
    /// whose run time has passed. The scheduler runs it unless it is complete already.
    public func dueDate(at moment: Date) -> LocalDate? { latestBusinessDay(reaching: runAt, at: moment) }

    /// The business date that is overdue at `moment`, given the last completed one: the latest
    /// business day whose deadline has passed, when it is later than `lastCompleted`; nil when
    /// every day past its deadline is complete.
    public func overdueDate(at moment: Date, lastCompleted: LocalDate?) -> LocalDate? {
        guard let day = latestBusinessDay(reaching: deadline, at: moment) else { return nil }
        if let lastCompleted, lastCompleted >= day { return nil }
        return day
    }
}
