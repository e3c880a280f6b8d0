import ArrearsCore

/// One generated payment on an account, in the account's currency: a row of `payments.csv`
/// without its id, which is given when it is written.
struct SamplePayment {
    let paidOn: LocalDate
    let amount: Int64
    let channel: PaymentChannel
}
