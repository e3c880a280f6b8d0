import Foundation

/// The dates some fields' meaning allows, tighter than `LocalDate.supportedRange`: a payment is
/// not dated after the bank's today (plus a tolerance), a due is not further ahead than the
/// longest loan term, and an instalment plan starts within a year. One bad row dated 9999 would
/// otherwise move an account's position to that day (`config/dates.yaml`, docs/robustness.md).
public struct InputDateRules: Sendable, Equatable {
    /// The bank's own time zone: "today" is today there.
    public var bankTimeZone: TimeZone
    /// Days after the bank's today a payment may still be dated (a value date booked ahead by
    /// the core banking system), from `paymentToleranceLimit`.
    public var paymentToleranceDays: Int
    /// The longest loan term the bank writes, in years: no due lies further ahead.
    public var longestLoanTermYears: Int

    public static let paymentToleranceLimit = 0...31
    public static let longestLoanTermLimit = 1...100
    /// An instalment plan's first instalment is due within this many months of today.
    public static let planFirstDateMonths = 12

    public init(bankTimeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current,
                paymentToleranceDays: Int = 0, longestLoanTermYears: Int = 40) {
        self.bankTimeZone = bankTimeZone
        self.paymentToleranceDays = Swift.min(Swift.max(paymentToleranceDays, Self.paymentToleranceLimit.lowerBound), Self.paymentToleranceLimit.upperBound)
        self.longestLoanTermYears = Swift.min(Swift.max(longestLoanTermYears, Self.longestLoanTermLimit.lowerBound), Self.longestLoanTermLimit.upperBound)
    }

    /// The bank's date at `now`.
    public func today(now: Date = Date()) -> LocalDate {
        LocalDate(utcDayOf: now.addingTimeInterval(Double(bankTimeZone.secondsFromGMT(for: now))))
    }

    /// A payment's date: from the start of the supported range to the bank's today plus the tolerance.
    public func paymentDates(now: Date = Date()) -> ClosedRange<LocalDate> {
        LocalDate.supportedRange.lowerBound...today(now: now).adding(days: paymentToleranceDays)
    }

    /// A due's date: from the start of the supported range to the longest loan term ahead.
    public func dueDates(now: Date = Date()) -> ClosedRange<LocalDate> {
        LocalDate.supportedRange.lowerBound...today(now: now).adding(months: longestLoanTermYears * 12)
    }

    /// An instalment plan's first date, from `today` to `planFirstDateMonths` ahead.
    public static func planFirstDates(today: LocalDate) -> ClosedRange<LocalDate> {
        today...today.adding(months: planFirstDateMonths)
    }
}
