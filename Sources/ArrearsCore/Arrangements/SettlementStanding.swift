/// How an approved settlement stands, in minor units of the account's currency: what the
/// customer owes under it beside the balance it would forgive, so that people see both.
///
/// For a balance of 10,000.00 settled for 6,000.00 of which 2,000.00 is paid: `amount` 6,000.00,
/// `paid` 2,000.00, `remaining` 4,000.00 (what is owed while it is kept), `balance` 8,000.00
/// (what is owed again if it breaks), `forgiven` 4,000.00 (what paying it forgives).
public struct SettlementStanding: Equatable, Sendable {
    /// The amount agreed.
    public let amount: Int64
    /// Paid on the account since the settlement became active.
    public let paid: Int64
    /// The balance as it would be without the settlement, less every payment: owed again when the
    /// settlement breaks; once it is paid, the part forgiven.
    public let balance: Int64

    public init(amount: Int64, paid: Int64, balance: Int64) {
        self.amount = amount
        self.paid = paid
        self.balance = balance
    }

    /// The standing of a settlement of `amount` on an account whose dues are `dues` and would be
    /// `unsettledDues` had the settlement changed nothing, with `paidInAll` paid on it and
    /// `paidAfterActivation` of that dated after the day the settlement became active.
    public init(amount: Int64, dues: [Due], unsettledDues: [Due], paidInAll: Int64, paidAfterActivation: Int64) {
        self.init(amount: amount, paid: Self.paidTowards(amount, dues: dues, paidInAll: paidInAll, paidAfterActivation: paidAfterActivation),
                  balance: max(0, MinorUnits.adding(MinorUnits.total(unsettledDues.lazy.map(\.amount)), -paidInAll)))
    }

    /// What is paid towards a settlement of `amount`: its amount less what the account's `dues`
    /// still owe (the settlement left `amount` owed on them beyond what was paid when it was
    /// approved, so a payment made later on the day of approval counts too), and never less than
    /// `paidAfterActivation` (a settlement approved before it changed the dues).
    public static func paidTowards(_ amount: Int64, dues: [Due], paidInAll: Int64, paidAfterActivation: Int64) -> Int64 {
        let owed = max(0, MinorUnits.adding(MinorUnits.total(dues.lazy.map(\.amount)), -paidInAll))
        return max(paidAfterActivation, amount - min(owed, amount))
    }

    /// Still to pay under the settlement.
    public var remaining: Int64 { max(0, amount - paid) }
    /// What the settlement forgives when its amount is paid.
    public var forgiven: Int64 { max(0, balance - remaining) }
}
