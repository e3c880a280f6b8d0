import Foundation

/// An instant as the customer lives it: the local date and the minute of the local day in the
/// customer's time zone (contact rules use the customer's time, DESIGN.md).
public struct LocalMoment: Sendable, Equatable {
    public let instant: Date
    public let date: LocalDate
    public let minuteOfDay: Int
    /// Seconds east of UTC at this instant.
    public let offset: Int

    public init(_ instant: Date, in timeZone: TimeZone) {
        self.init(instant, offset: timeZone.secondsFromGMT(for: instant))
    }

    /// With the zone's offset already known (the daily run computes it once per zone).
    public init(_ instant: Date, offset: Int) {
        self.instant = instant
        self.offset = offset
        let local = UTCTimestamp.seconds(instant) + offset
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        date = LocalDate(daysSinceEpoch: day)
        minuteOfDay = (local - day * 86_400) / 60
    }

    /// The instant at `minute` of local `date` in `timeZone` (daylight saving included).
    public static func instant(_ date: LocalDate, minute: Int, in timeZone: TimeZone) -> Date {
        let wall = Double(date.daysSinceEpoch * 86_400 + minute * 60)
        let guess = Date(timeIntervalSince1970: wall - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall))))
        return Date(timeIntervalSince1970: wall - Double(timeZone.secondsFromGMT(for: guess)))
    }
}
