import Foundation

/// An instant as Arrears stores it, `2026-11-24T02:00:00Z`: UTC, whole seconds (the fraction is
/// dropped, after rounding to the millisecond as Foundation does). The same text as
/// `ISO8601DateFormatter` and `Date.ISO8601FormatStyle` give, written directly: those build a
/// formatter (ICU on Linux) per call, which the contact-logging endpoint paid several times a
/// request.
public enum UTCTimestamp {
    /// Total: an instant before year 0 or after 9999 (which no accepted input gives) is written
    /// as that range's first or last second, so that the text keeps its shape.
    public static func text(_ date: Date) -> String {
        // As Foundation does: to the nearest millisecond, then the second that millisecond is in.
        let milliseconds = Int(clamped(date.timeIntervalSince1970 * 1000, limit: 1e16).rounded())
        let seconds = Swift.min(Swift.max(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000, -62_167_219_200), 253_402_300_799)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = LocalDate(daysSinceEpoch: days).components
        let fields = [year / 100, year % 100, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60]
        let separators: [UInt8?] = [nil, UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"), UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "Z")]
        return String(unsafeUninitializedCapacity: 20) { buffer in
            var position = 0
            for (index, field) in fields.enumerated() {
                buffer[position] = UInt8(ascii: "0") + UInt8(field / 10)
                buffer[position + 1] = UInt8(ascii: "0") + UInt8(field % 10)
                position += 2
                if let separator = separators[index] {
                    buffer[position] = separator
                    position += 1
                }
            }
            return position
        }
    }

    /// Whole seconds since 1970 of `date`, rounded down. Total: an instant beyond the dates
    /// `LocalDate` computes with stops at their edge, one that is not a number is 0.
    public static func seconds(_ date: Date) -> Int {
        Int(clamped(date.timeIntervalSince1970, limit: Double(LocalDate.computableDays.upperBound) * 86_400).rounded(.down))
    }

    private static func clamped(_ value: Double, limit: Double) -> Double {
        value.isNaN ? 0 : Swift.min(Swift.max(value, -limit), limit)
    }

    /// An instant as people and other systems give it, ISO 8601 with any offset
    /// (`2026-11-24T10:00:00+08:00`), with or without fractions of a second; nil when it is not
    /// one, or when its UTC date is outside `LocalDate.supportedRange`.
    public static func instant(_ text: String) -> Date? {
        guard text.utf8.count <= 64 else { return nil }
        let parsed: Date?
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: false)) {
            parsed = date
        } else {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            parsed = formatter.date(from: text)
        }
        guard let parsed, LocalDate.supportedRange.contains(LocalDate(utcDayOf: parsed)) else { return nil }
        return parsed
    }
}
