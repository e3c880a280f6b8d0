/// The one figure of an arrangement that authority limits judge: how many instalments, how many
/// days of deferral, what share of the overdue interest and fees is waived, what share of the
/// balance a settlement forgives. Shares are basis points (hundredths of a percent), rounded up,
/// so that 10.001% is above a 10% limit.
public enum ArrangementMeasure: Equatable, Sendable {
    case instalments(Int)
    case deferralDays(Int)
    case waiverShare(basisPoints: Int)
    case settlementDiscount(basisPoints: Int)

    /// `part` of `whole` in basis points, rounded up; 10,000 when `whole` is zero and `part` is not.
    public static func basisPoints(_ part: Int64, of whole: Int64) -> Int {
        guard part > 0 else { return 0 }
        guard whole > 0 else { return 10_000 }
        let (quotient, remainder) = whole.dividingFullWidth(part.multipliedFullWidth(by: 10_000))
        return Int(quotient) + (remainder > 0 ? 1 : 0)
    }

    /// Basis points as a percentage for people: `10%`, `12.5%`, `0.01%`.
    public static func percent(_ basisPoints: Int) -> String {
        let whole = basisPoints / 100, fraction = basisPoints % 100
        guard fraction != 0 else { return "\(whole)%" }
        let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0\(fraction)" : String(fraction))
        return "\(whole).\(digits)%"
    }
}
