/// How a payment reached the bank, as written in the `channel` column of `payments.csv`.
enum PaymentChannel: String, CaseIterable {
    case bankTransfer = "bank_transfer"
    case alipay
    case wechatPay = "wechat_pay"
    case directDebit = "direct_debit"
    case counter
    case card

    /// The channels weighted by how often Chinese retail borrowers use them.
    static let usage = WeightedTable<PaymentChannel>([
        (.directDebit, 25), (.alipay, 22), (.wechatPay, 20), (.bankTransfer, 18), (.card, 8), (.counter, 7),
    ])

    private static let names = allCases.map { Array($0.rawValue.utf8) }

    /// The channel's name as UTF-8 bytes, without allocating.
    var name: [UInt8] { Self.names[Self.allCases.firstIndex(of: self)!] }
}
