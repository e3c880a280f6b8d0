/// An amount in major units (`5000`, `99.5`) that a strategy compares cases against, whatever
/// their currency: a case is judged in its own currency without exchange rates, so `5000` means
/// CNY 5,000 for a CNY case and JPY 5,000 for a JPY case.
///
/// Held exactly as thousandths of a major unit, the finest minor unit of any currency Arrears
/// knows (KWD, BHD), so comparisons are integer arithmetic.
public struct MajorAmount: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let thousandths: Int64

    /// Parses a decimal such as `5000` or `12.345`: no sign, no exponent, at most three decimals.
    public init(_ text: String) throws(AmountError) {
        thousandths = try DecimalAmount.parse(text, minorDigits: 3)
    }

    /// The amount without trailing zeros: `5000`, `99.5`.
    public var description: String { Self.plainDecimal(thousandths, minorDigits: 3) }

    /// `minorUnits` as a decimal without trailing zeros (`5000`, `99.5`), for people to read.
    static func plainDecimal(_ minorUnits: Int64, minorDigits: Int) -> String {
        var text = DecimalAmount.format(minorUnits, minorDigits: minorDigits)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Whether `minorUnits` of `currency` are at least this amount.
    public func isReached(byMinorUnits minorUnits: Int64, in currency: Currency) -> Bool {
        compare(minorUnits, currency) >= 0
    }

    /// Whether `minorUnits` of `currency` are more than this amount.
    public func isExceeded(byMinorUnits minorUnits: Int64, in currency: Currency) -> Bool {
        compare(minorUnits, currency) > 0
    }

    public static func < (lhs: MajorAmount, rhs: MajorAmount) -> Bool { lhs.thousandths < rhs.thousandths }

    /// The sign of `minorUnits - self`. Every known currency has at most three minor digits, so
    /// one minor unit is a whole number of thousandths; an amount too large to scale is larger
    /// than any threshold.
    private func compare(_ minorUnits: Int64, _ currency: Currency) -> Int {
        let (scaled, overflow) = minorUnits.multipliedReportingOverflow(by: 1000 / currency.minorUnitsPerMajor)
        if overflow { return minorUnits < 0 ? -1 : 1 }
        return scaled < thousandths ? -1 : (scaled == thousandths ? 0 : 1)
    }
}
