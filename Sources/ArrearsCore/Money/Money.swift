/// An amount of money: an integer of minor units in one currency. Never a floating-point number.
public struct Money: Hashable, Sendable {
    public var minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses a decimal string such as `1234.56` exactly into minor units of `currency`.
    public init(parsing text: String, currency: Currency) throws(AmountError) {
        self.init(minorUnits: try DecimalAmount.parse(text, minorDigits: currency.minorDigits), currency: currency)
    }

    /// The amount as a decimal string with the currency's own number of decimals (`1234.56`, `-0.05`, `1200`).
    public var decimalString: String { DecimalAmount.format(minorUnits, minorDigits: currency.minorDigits) }
}

/// Why a decimal amount could not be read.
public enum AmountError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notANumber(String)
    case tooManyDecimals(String, allowed: Int)
    case negative(String)
    case tooLarge(String)

    public var description: String {
        switch self {
        case .empty: "is empty; an amount is required"
        case .notANumber(let text): "'\(Self.shown(text))' is not a decimal number (expected digits with an optional '.', such as 1234.56)"
        case .tooManyDecimals(let text, let allowed):
            allowed == 0
                ? "'\(Self.shown(text))' has decimals but the currency has no minor unit"
                : "'\(Self.shown(text))' has more than \(allowed) decimals for the currency"
        case .negative(let text): "'\(Self.shown(text))' is negative; amounts must be zero or more"
        case .tooLarge(let text): "'\(Self.shown(text))' is too large; an amount is at most \(DecimalAmount.maxMinorUnits) minor units"
        }
    }

    /// The text as the message quotes it: cut after 40 characters.
    private static func shown(_ text: String) -> String { text.count > 40 ? String(text.prefix(40)) + "…" : text }
}

/// Exact conversion between decimal strings and integer minor units.
public enum DecimalAmount {
    /// Parses `123`, `123.4`, `123.45`, `0.05` into minor units with `minorDigits` decimals.
    /// Rejects signs, exponents, thousands separators, and more decimals than the currency has;
    /// trailing zeros beyond the currency's decimals (`12.500` for CNY) are accepted.
    public static func parse(_ text: String, minorDigits: Int) throws(AmountError) -> Int64 {
        var utf8 = text.utf8[...]
        while let first = utf8.first, first == UInt8(ascii: " ") { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == UInt8(ascii: " ") { utf8 = utf8.dropLast() }
        guard !utf8.isEmpty else { throw .empty }
        if utf8.first == UInt8(ascii: "-") { throw .negative(text) }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var seenDigit = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                seenDigit = true
                if seenPoint {
                    fractionDigits += 1
                    if fractionDigits > minorDigits {
                        guard digit == 0 else { throw .tooManyDecimals(text, allowed: minorDigits) }
                    } else {
                        fraction = fraction * 10 + digit
                    }
                } else {
                    let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.addingReportingOverflow(digit)
                    guard !o1, !o2 else { throw .tooLarge(text) }
                    whole = sum
                }
            case UInt8(ascii: "."):
                guard !seenPoint else { throw .notANumber(text) }
                seenPoint = true
            default:
                throw .notANumber(text)
            }
        }
        guard seenDigit else { throw .notANumber(text) }
        var scale: Int64 = 1
        for _ in 0..<minorDigits { scale *= 10 }
        for _ in min(fractionDigits, minorDigits)..<minorDigits { fraction *= 10 }
        let (scaled, o1) = whole.multipliedReportingOverflow(by: scale)
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        guard !o1, !o2, total <= maxMinorUnits else { throw .tooLarge(text) }
        return total
    }

    /// The largest amount Arrears accepts, 10^13 minor units: 100 billion in a currency of two
    /// decimals (100,000,000,000.00 CNY), 10 trillion yen, beyond any single loan a bank books.
    /// It is far enough below `Int64.max` (about 9.2 × 10^18) that 922,337 of the largest
    /// amounts add up without overflow: more than any account's dues and payments, a customer's
    /// accounts or a plan's instalments. Sums over stored amounts still go through
    /// `MinorUnits.total`, which cannot overflow whatever their number.
    public static let maxMinorUnits: Int64 = 10_000_000_000_000

    /// Formats minor units as a decimal string with exactly `minorDigits` decimals.
    public static func format(_ minorUnits: Int64, minorDigits: Int) -> String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        guard minorDigits > 0 else { return (negative ? "-" : "") + String(magnitude) }
        var scale: UInt64 = 1
        for _ in 0..<minorDigits { scale *= 10 }
        let fraction = String(magnitude % scale)
        let padded = String(repeating: "0", count: minorDigits - fraction.count) + fraction
        return (negative ? "-" : "") + String(magnitude / scale) + "." + padded
    }
}
