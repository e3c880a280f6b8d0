/// Where English-speaking customers live, with what makes their records look local there: the
/// IANA time zone, the region name, an address in the local style (with commas, so the CSV
/// quoting is exercised), a mobile number with its country code, and the foreign currency a
/// few of their accounts are in.
enum OverseasLocation {
    case hongKong, singapore, london, newYork, tokyo

    /// Everyday weights; Tokyo is never drawn, it is given to a fixed share of customers so that
    /// every portfolio of 1,000 customers or more has accounts in yen.
    static let everyday = WeightedTable<OverseasLocation>([
        (.hongKong, 50), (.singapore, 25), (.london, 12), (.newYork, 13),
    ])

    var timeZone: [UInt8] {
        switch self {
        case .hongKong: Array("Asia/Hong_Kong".utf8)
        case .singapore: Array("Asia/Singapore".utf8)
        case .london: Array("Europe/London".utf8)
        case .newYork: Array("America/New_York".utf8)
        case .tokyo: Array("Asia/Tokyo".utf8)
        }
    }

    var region: [UInt8] {
        switch self {
        case .hongKong: Array("Hong Kong".utf8)
        case .singapore: Array("Singapore".utf8)
        case .london: Array("London".utf8)
        case .newYork: Array("New York".utf8)
        case .tokyo: Array("Tokyo".utf8)
        }
    }

    /// The currency of the customer's accounts that are not in yuan.
    var foreignCurrency: AccountCurrency {
        switch self {
        case .hongKong: .hkd
        case .singapore, .london, .newYork: .usd
        case .tokyo: .jpy
        }
    }

    func address(using random: inout SampleRandom) -> [UInt8] {
        var text: [UInt8] = []
        switch self {
        case .hongKong:
            text.appendText("Flat ")
            text.appendDecimal(random.int(in: 1...12))
            text.append(UInt8(ascii: "A") + UInt8(random.below(8)))
            text.appendText(", ")
            text.appendDecimal(random.int(in: 2...45))
            text.appendText("/F, ")
            text.appendDecimal(random.int(in: 1...300))
            text.appendText(random.pick([" Queen's Road Central, Central", " Nathan Road, Tsim Sha Tsui", " Hennessy Road, Wan Chai", " King's Road, North Point"]))
            text.appendText(", Hong Kong")
        case .singapore:
            text.appendText("Blk ")
            text.appendDecimal(random.int(in: 1...999))
            text.appendText(random.pick([" Tampines Street 21", " Ang Mo Kio Avenue 3", " Jurong West Street 52", " Bedok North Road"]))
            text.appendText(", #")
            text.appendDecimal(random.int(in: 2...25), width: 2)
            text.append(UInt8(ascii: "-"))
            text.appendDecimal(random.int(in: 1...400), width: 3)
            text.appendText(", Singapore ")
            text.appendDecimal(random.int(in: 100_000...829_999), width: 6)
        case .london:
            text.appendDecimal(random.int(in: 1...220))
            text.appendText(random.pick([" Baker Street, London NW1", " Camden Road, London NW1", " Brixton Road, London SW9", " Mare Street, London E8"]))
        case .newYork:
            text.appendDecimal(random.int(in: 1...900))
            text.appendText(random.pick([" West 72nd Street", " Park Avenue", " Mott Street", " Bedford Avenue"]))
            text.appendText(", Apt ")
            text.appendDecimal(random.int(in: 1...30))
            text.appendText(", New York, NY 100")
            text.appendDecimal(random.int(in: 1...99), width: 2)
        case .tokyo:
            text.appendDecimal(random.int(in: 1...6))
            text.append(UInt8(ascii: "-"))
            text.appendDecimal(random.int(in: 1...20))
            text.append(UInt8(ascii: "-"))
            text.appendDecimal(random.int(in: 1...15))
            text.appendText(random.pick([" Roppongi, Minato-ku", " Ebisu, Shibuya-ku", " Ginza, Chuo-ku"]))
            text.appendText(", Tokyo")
        }
        return text
    }

    /// A mobile number with its country code and no spaces, such as `+85291234567`.
    func mobile(using random: inout SampleRandom) -> [UInt8] {
        var text: [UInt8] = []
        switch self {
        case .hongKong:
            text.appendText("+852")
            text.appendDecimal(random.pick([5, 6, 9]))
            text.appendDecimal(random.below(10_000_000), width: 7)
        case .singapore:
            text.appendText("+65")
            text.appendDecimal(random.pick([8, 9]))
            text.appendDecimal(random.below(10_000_000), width: 7)
        case .london:
            text.appendText("+447")
            text.appendDecimal(random.below(1_000_000_000), width: 9)
        case .newYork:
            text.appendText("+1")
            text.appendDecimal(random.pick([212, 646, 917]))
            text.appendDecimal(random.int(in: 2_000_000...9_999_999), width: 7)
        case .tokyo:
            text.appendText("+81")
            text.appendDecimal(random.pick([70, 80, 90]))
            text.appendDecimal(random.below(100_000_000), width: 8)
        }
        return text
    }
}
