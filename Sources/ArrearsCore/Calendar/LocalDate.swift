/// A calendar date with no time and no zone (`2026-11-23`), as banks book dues and payments.
///
/// Stored as the number of days since 1970-01-01, so that days past due is a subtraction.
/// The conversions are Howard Hinnant's `days_from_civil` and `civil_from_days`, exact over the
/// proleptic Gregorian calendar.
///
/// Every function here is total: no date and no count makes it trap. A date is held within
/// `computableDays` (years −1,000,000 to 1,000,000), and arithmetic that would leave them stops
/// at their edge. That edge is never reached by dates Arrears accepts: every date read from
/// outside is within `supportedRange` (`LocalDate.parse`), and every count added to one is
/// bounded where it is read.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let daysSinceEpoch: Int

    /// The days every calendar function computes with, about years −1,000,000 to 1,000,000:
    /// wide enough that no sum of accepted dates and bounded counts reaches it, narrow enough
    /// that no step of the conversions can overflow.
    public static let computableDays: ClosedRange<Int> = -365_242_500...365_242_500

    /// The date `daysSinceEpoch` days after 1970-01-01, held to `computableDays`.
    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = Swift.min(Swift.max(daysSinceEpoch, Self.computableDays.lowerBound), Self.computableDays.upperBound)
    }

    /// The date with this year, month and day, or `nil` when there is no such day (`2026-02-30`)
    /// or the year is not from 1 to 9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.init(daysSinceEpoch: Self.days(year: year, month: month, day: day))
    }

    /// Hinnant's `days_from_civil`, for a valid month and day and a year of at most a few million
    /// either way (callers hold it there).
    private static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Parses exactly `YYYY-MM-DD` with any year from 0001 to 9999; anything else (other
    /// separators, missing zeros, impossible days) is `nil`. For dates Arrears itself wrote (the
    /// database's columns); a date from outside goes through `parse`, which also bounds it.
    public init?(iso text: String) {
        var text = text
        guard let date = text.withUTF8({ LocalDate(iso: $0) }) else { return nil }
        self = date
    }

    /// The same parse of a date's UTF-8 bytes: a column read straight from the database
    /// (`SQLiteDirect`) without making a string of it first.
    public init?(iso utf8: UnsafeBufferPointer<UInt8>) {
        var year = 0, month = 0, day = 0, position = 0
        for byte in utf8 {
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard position < 10, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if position < 4 { year = year * 10 + digit } else if position < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
            }
            position += 1
        }
        guard position == 10 else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD` (a year beyond 9999 has more digits, one before year 0 a sign).
    public var description: String {
        let (year, month, day) = components
        guard (0...9999).contains(year) else {
            let digits = String(year.magnitude)
            let padded = (year < 0 ? "-" : "") + String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
            return "\(padded)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }
        // Written digit by digit: imports and the daily run write millions of dates.
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value) }
            buffer[0] = digit(year / 1000); buffer[1] = digit(year / 100 % 10); buffer[2] = digit(year / 10 % 10); buffer[3] = digit(year % 10)
            buffer[4] = UInt8(ascii: "-"); buffer[5] = digit(month / 10); buffer[6] = digit(month % 10)
            buffer[7] = UInt8(ascii: "-"); buffer[8] = digit(day / 10); buffer[9] = digit(day % 10)
            return 10
        }
    }

    /// `days` days later (earlier when negative), stopping at the edge of `computableDays`.
    public func adding(days: Int) -> LocalDate {
        let span = Self.computableDays.upperBound - Self.computableDays.lowerBound
        return LocalDate(daysSinceEpoch: daysSinceEpoch + Swift.min(Swift.max(days, -span), span))
    }

    /// The same day `months` months later, clamped to the month's last day (Jan 31 + 1 month =
    /// Feb 28/29), stopping at the edge of `computableDays`.
    public func adding(months: Int) -> LocalDate {
        let (year, month, day) = components
        let limit = 24_000_000
        let index = year * 12 + (month - 1) + Swift.min(Swift.max(months, -limit), limit)
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        return LocalDate(daysSinceEpoch: Self.days(year: newYear, month: newMonth, day: Swift.min(day, LocalDate.daysIn(month: newMonth, year: newYear))))
    }

    /// Whole days from `other` to `self` (positive when `self` is later).
    public func days(since other: LocalDate) -> Int { daysSinceEpoch - other.daysSinceEpoch }

    /// Monday is 1, Sunday is 7 (ISO 8601).
    public var isoWeekday: Int { ((daysSinceEpoch % 7 + 7) % 7 + 3) % 7 + 1 }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
