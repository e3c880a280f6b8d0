/// An amount falling due on a date: a loan instalment or a card's minimum payment, split into
/// principal, interest and fees (all in the account's minor units).
public struct Due: Hashable, Sendable {
    public let dueOn: LocalDate
    public let principal: Int64
    public let interest: Int64
    public let fees: Int64

    public init(dueOn: LocalDate, principal: Int64, interest: Int64, fees: Int64) {
        self.dueOn = dueOn
        self.principal = principal
        self.interest = interest
        self.fees = fees
    }

    /// Each component is at most `DecimalAmount.maxMinorUnits` when read from outside (and at most
    /// 10^18 in a database written before that limit), so three of them cannot overflow.
    public var amount: Int64 { principal + interest + fees }
}

/// Money received on an account on a date.
public struct PaymentAmount: Hashable, Sendable {
    public let paidOn: LocalDate
    public let amount: Int64

    public init(paidOn: LocalDate, amount: Int64) {
        self.paidOn = paidOn
        self.amount = amount
    }
}
