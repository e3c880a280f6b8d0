import ArrearsCore

/// Business days as the simulation counts them: Monday to Friday, with no public holidays (a
/// bank's holiday calendar belongs to the daily run's scheduling, not to the simulator).
public enum BusinessCalendar {
    public static func isBusinessDay(_ date: LocalDate) -> Bool { date.isoWeekday <= 5 }

    /// The first business day after `date`.
    public static func next(after date: LocalDate) -> LocalDate {
        var day = date.adding(days: 1)
        while !isBusinessDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// The last `count` business days that end on or before `date`, oldest first.
    public static func days(count: Int, endingOnOrBefore date: LocalDate) -> [LocalDate] {
        var days: [LocalDate] = []
        var day = date
        while days.count < count {
            if isBusinessDay(day) { days.append(day) }
            day = day.adding(days: -1)
        }
        return days.reversed()
    }
}
