/// Sums of amounts that cannot overflow.
///
/// Every amount read from outside is at most `DecimalAmount.maxMinorUnits` (10^13), so that
/// 922,337 of the largest amounts still add up within `Int64`. Nothing stops a file from booking
/// more than that on one account, though, and Swift traps on overflow: so the sums the core and
/// the daily run take over stored amounts (an account's dues and payments, a customer's accounts,
/// a legal case's costs) go through `total`, which stops at `ceiling` (10,000 of the largest
/// amounts; no real account comes near it). A sum held there stays far enough from `Int64.max`
/// that a few dozen of them (a due's three components, a customer's accounts) still add up
/// safely, and an account that reaches it shows an absurd figure instead of stopping the run
/// for the whole bank.
public enum MinorUnits {
    /// 10^17 minor units: where a sum stops.
    public static let ceiling: Int64 = 100_000_000_000_000_000

    /// `value` held within ±`ceiling`.
    public static func clamped(_ value: Int64) -> Int64 { Swift.min(Swift.max(value, -ceiling), ceiling) }

    /// `a + b`, held within ±`ceiling` (both are held first, so the addition cannot overflow).
    public static func adding(_ a: Int64, _ b: Int64) -> Int64 { clamped(clamped(a) + clamped(b)) }

    /// The sum of `amounts`, held within ±`ceiling`.
    public static func total<S: Sequence>(_ amounts: S) -> Int64 where S.Element == Int64 {
        var sum: Int64 = 0
        for amount in amounts { sum = adding(sum, amount) }
        return sum
    }
}
