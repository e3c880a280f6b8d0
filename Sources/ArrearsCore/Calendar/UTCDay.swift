import Foundation

extension LocalDate {
    /// The date of `instant` in UTC: the business date of a moment stored in UTC. Total: an
    /// instant beyond `computableDays` (or not a number) gives that range's edge (or 1970-01-01).
    public init(utcDayOf instant: Date) {
        let days = (instant.timeIntervalSince1970 / 86_400).rounded(.down)
        guard days.isFinite else {
            self.init(daysSinceEpoch: days.isNaN ? 0 : days > 0 ? Self.computableDays.upperBound : Self.computableDays.lowerBound)
            return
        }
        self.init(daysSinceEpoch: Int(Swift.min(Swift.max(days, Double(Self.computableDays.lowerBound)), Double(Self.computableDays.upperBound))))
    }

    /// Today's date in UTC.
    public static func today(now: Date = Date()) -> LocalDate { LocalDate(utcDayOf: now) }
}
