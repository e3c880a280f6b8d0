/// The kinds of id the generator hands out: a letter and a zero-padded sequence number
/// (`C00000001`, `A00000001`, `P000000001`), so that sorting the ids as text sorts them in the
/// order they were generated. The widths hold more than ten million customers and accounts and
/// more than a hundred million payments.
enum SampleIdentifier {
    case customer, account, payment

    var prefix: UInt8 {
        switch self {
        case .customer: UInt8(ascii: "C")
        case .account: UInt8(ascii: "A")
        case .payment: UInt8(ascii: "P")
        }
    }

    var digits: Int {
        switch self {
        case .customer, .account: 8
        case .payment: 9
        }
    }
}
