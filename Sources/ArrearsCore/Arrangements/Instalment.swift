/// One amount an arrangement asks for, on its date, in minor units of the arrangement's currency.
public struct Instalment: Hashable, Sendable {
    /// 1 for the first instalment.
    public let number: Int
    public let dueOn: LocalDate
    public let amount: Int64

    public init(number: Int, dueOn: LocalDate, amount: Int64) {
        self.number = number
        self.dueOn = dueOn
        self.amount = amount
    }
}
