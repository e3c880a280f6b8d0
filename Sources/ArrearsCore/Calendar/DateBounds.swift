/// The dates Arrears accepts from outside, stated once.
///
/// Every date that comes in (API bodies, query strings, form fields, CSV imports, YAML
/// configuration, command-line options) is read with `LocalDate.parse`, which refuses what lies
/// outside `LocalDate.supportedRange`, or outside a tighter range the field's meaning demands
/// (`InputDateRules`). Nothing a bank books falls outside the range, and within it every sum of
/// a date and a bounded count stays far inside what the calendar arithmetic computes exactly.
extension LocalDate {
    /// 1900-01-01 to 2199-12-31: the oldest loan book a bank migrates to the longest term it
    /// could write today, with room on both sides.
    public static let supportedRange = LocalDate(daysSinceEpoch: -25_567)...LocalDate(daysSinceEpoch: 84_005)

    /// `text` as a date `YYYY-MM-DD` within `range` (itself held within `supportedRange`).
    public static func parse(_ text: String, within range: ClosedRange<LocalDate> = supportedRange) throws(DateError) -> LocalDate {
        guard !text.isEmpty else { throw .empty }
        guard let date = LocalDate(iso: text) else { throw .notADate(text) }
        let allowed = range.clamped(to: supportedRange)
        guard allowed.contains(date) else { throw .outOfRange(date, allowed: allowed) }
        return date
    }
}

/// Why a date from outside was refused; `description` completes a sentence that starts with the
/// field's name.
public enum DateError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notADate(String)
    case outOfRange(LocalDate, allowed: ClosedRange<LocalDate>)

    public var description: String {
        switch self {
        case .empty: "is empty; a date YYYY-MM-DD is required"
        case .notADate(let text): "'\(text.count > 40 ? String(text.prefix(40)) + "…" : text)' is not a date YYYY-MM-DD"
        case .outOfRange(let date, let allowed) where allowed == LocalDate.supportedRange:
            "\(date) is outside the dates Arrears accepts (\(allowed.lowerBound) to \(allowed.upperBound))"
        case .outOfRange(let date, let allowed): "\(date) is outside the dates allowed here (\(allowed.lowerBound) to \(allowed.upperBound))"
        }
    }
}
