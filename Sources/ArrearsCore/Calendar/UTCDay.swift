import Foundation

extension LocalDate {
    /// The date of `instant` in UTC: the business date of a moment stored in UTC.
    public init(utcDayOf instant: Date) {
        self.init(daysSinceEpoch: Int((instant.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// Today's date in UTC.
    public static func today(now: Date = Date()) -> LocalDate { LocalDate(utcDayOf: now) }
}
