import ArrearsCore
import Foundation

/// The outbox's times as stored: ISO 8601 UTC text to the second (`2026-11-23T08:00:00Z`), so
/// that text order is time order on both databases.
enum OutboxTimestamp {
    /// `date` without its fraction of a second, exactly as it reads back from the table.
    static func stored(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    static func text(_ date: Date) -> String {
        UTCTimestamp.text(date)
    }

    /// The stored form, `2026-11-24T02:00:00Z`, is read directly: the daily run reads every
    /// recent contact attempt, and a general ISO 8601 parser costs microseconds each.
    static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        if bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
           bytes[19] == UInt8(ascii: "Z"), let day = LocalDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)) {
            func number(_ at: Int) -> Int? {
                let tens = Int(bytes[at]) - 48, units = Int(bytes[at + 1]) - 48
                return (0...9).contains(tens) && (0...9).contains(units) ? tens * 10 + units : nil
            }
            if let hours = number(11), let minutes = number(14), let seconds = number(17), hours < 24, minutes < 60, seconds < 60 {
                return Date(timeIntervalSince1970: Double(day.daysSinceEpoch * 86_400 + hours * 3600 + minutes * 60 + seconds))
            }
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
