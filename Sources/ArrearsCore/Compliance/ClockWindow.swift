import Foundation

/// A stretch of the local day, `from` up to (not including) `to`, in minutes after midnight. A
/// window whose `to` is not after `from` runs over midnight (22:00 to 08:00).
public struct ClockWindow: Sendable, Equatable, CustomStringConvertible {
    public let from: Int
    public let to: Int

    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    /// Parses `HH:MM-HH:MM` or takes two `HH:MM` texts.
    public init?(from fromText: String, to toText: String) {
        guard let from = Self.minutes(fromText), let to = Self.minutes(toText) else { return nil }
        self.init(from: from, to: to)
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        self.init(from: String(parts[0]), to: String(parts[1]))
    }

    /// Minutes after midnight of `HH:MM` (`24:00` is the end of the day).
    public static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0...59).contains(minutes), hours * 60 + minutes <= 1440 else { return nil }
        return hours * 60 + minutes
    }

    public func contains(minute: Int) -> Bool {
        from < to ? (minute >= from && minute < to) : (minute >= from || minute < to)
    }

    /// Whether every minute of `other` is also in this window: a tightened rule may only widen
    /// a quiet window.
    public func covers(_ other: ClockWindow) -> Bool {
        (0..<1440).allSatisfy { !other.contains(minute: $0) || contains(minute: $0) }
    }

    public var description: String { "\(Self.format(from))-\(Self.format(to))" }

    static func format(_ minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0" : "") + String(hours) + ":" + (rest < 10 ? "0" : "") + String(rest)
    }
}
