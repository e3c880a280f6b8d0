/// Public holidays on which no collection contact is made, by the customer's local date.
public struct HolidayCalendar: Sendable, Equatable {
    public let name: String
    public private(set) var days: [LocalDate: String]

    public init(name: String, days: [LocalDate: String] = [:]) {
        self.name = name
        self.days = days
    }

    public static let none = HolidayCalendar(name: "none")

    public func holiday(on date: LocalDate) -> String? { days[date] }

    /// Adds every day from `from` to `to` inclusive under `title`.
    public mutating func add(from: LocalDate, to: LocalDate, title: String) {
        var day = from
        while day <= to {
            days[day] = title
            day = day.adding(days: 1)
        }
    }
}
