import Foundation

/// The outbox's times as stored: ISO 8601 UTC text to the second (`2026-11-23T08:00:00Z`), so
/// that text order is time order on both databases.
enum OutboxTimestamp {
    /// `date` without its fraction of a second, exactly as it reads back from the table.
    static func stored(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    static func text(_ date: Date) -> String {
        stored(date).formatted(Date.ISO8601FormatStyle())
    }

    static func date(_ text: String) -> Date? {
        try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
