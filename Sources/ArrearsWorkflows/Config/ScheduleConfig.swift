import ArrearsCore
import Foundation

/// Reads `schedule.yaml`, when `arrears serve --schedule` runs the day (docs/scale-out.md):
///
/// ```yaml
/// time: "02:00"                  # the daily run starts at this local time on each business day
/// time_zone: Asia/Shanghai       # whose local time (an IANA zone)
/// deadline: "07:00"              # the day must be complete by then, else it is an alert
/// business_days: [mon, tue, wed, thu, fri]
/// holiday_calendar: cn           # a calendar of policies/holidays.yaml (default: the policy pack's)
/// check_seconds: 30              # how often the leaders look for work
/// leader_retry_seconds: 5        # how often the others try to become the leader
/// ```
public struct ScheduleConfig: Sendable, Equatable {
    public static let fileName = "schedule.yaml"

    public enum Weekday: String, CaseIterable, Sendable {
        case mon, tue, wed, thu, fri, sat, sun
        var iso: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }
    }

    public var schedule: DailySchedule
    /// Seconds between two looks for work: the day to run, the messages to deliver.
    public var checkSeconds: Double = 30
    /// Seconds between two attempts of a follower to take a job's leadership.
    public var leaderRetrySeconds: Double = 5

    /// The schedule in `directory/schedule.yaml`; nil when there is no such file. Without
    /// `holiday_calendar` the days off are `defaultHolidays` (the policy pack's calendar).
    public static func load(fromDirectory directory: String, defaultHolidays: HolidayCalendar) throws -> ScheduleConfig? {
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return nil }
        return try parse(file.text, file: file.path, defaultHolidays: defaultHolidays) { name in
            try PolicyConfig.holidays(name, path: ((directory as NSString).appendingPathComponent("policies") as NSString).appendingPathComponent("holidays.yaml"))
        }
    }

    public static func parse(_ text: String, file: String, defaultHolidays: HolidayCalendar = .none,
                             calendar: (String) throws -> HolidayCalendar = { _ in .none }) throws -> ScheduleConfig {
        let fields = ConfigFields(try ConfigYAML.compose(text, file: file), file: file)
        try fields.only(["time", "time_zone", "deadline", "business_days", "holiday_calendar", "check_seconds", "leader_retry_seconds"])
        let runAt = try fields.required("time", try fields.clockTime("time"))
        let deadline = try fields.required("deadline", try fields.clockTime("deadline"))
        guard deadline > runAt else { throw fields.fail("deadline", "deadline must be later in the day than time") }
        let zoneName = try fields.required("time_zone", try fields.string("time_zone"))
        guard zoneName.utf8.count <= 64, let zone = TimeZone(identifier: zoneName) else {
            throw fields.fail("time_zone", "time_zone must be an IANA time zone such as Asia/Shanghai")
        }
        var days: Set<Int> = [1, 2, 3, 4, 5]
        if let chosen = try fields.choices("business_days", Weekday.self) {
            guard !chosen.isEmpty else { throw fields.fail("business_days", "business_days must name at least one day") }
            days = Set(chosen.map(\.iso))
        }
        var holidays = defaultHolidays
        if let name = try fields.string("holiday_calendar") {
            holidays = name == "none" ? .none : try calendar(name)
        }
        var config = ScheduleConfig(schedule: DailySchedule(runAt: runAt, deadline: deadline, timeZone: zone, businessDays: days, holidays: holidays))
        if let seconds = try fields.number("check_seconds", atLeast: 0.1) { config.checkSeconds = seconds }
        if let seconds = try fields.number("leader_retry_seconds", atLeast: 0.1) { config.leaderRetrySeconds = seconds }
        return config
    }
}
