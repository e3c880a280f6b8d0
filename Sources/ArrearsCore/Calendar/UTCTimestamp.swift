import Foundation

/// An instant as Arrears stores it, `2026-11-24T02:00:00Z`: UTC, whole seconds (the fraction is
/// dropped, after rounding to the millisecond as Foundation does). The same text as
/// `ISO8601DateFormatter` and `Date.ISO8601FormatStyle` give, written directly: those build a
/// formatter (ICU on Linux) per call, which the contact-logging endpoint paid several times a
/// request.
public enum UTCTimestamp {
    public static func text(_ date: Date) -> String {
        // As Foundation does: to the nearest millisecond, then the second that millisecond is in.
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
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
}

/// Lower-case hexadecimal of bytes (digests as they are stored), by table: `String(format:)`
/// costs microseconds a byte on Linux.
public enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
