import ArrearsCore

/// One generated account: the fields of its `accounts.csv` row.
///
/// Customers hold 1.4 accounts on average. About 60% of accounts are credit cards, 35%
/// personal loans and 5% corporate loans, the latter only for the few customers who run a
/// business and much larger. Accounts are in yuan except about one in ten of an overseas
/// customer's (US or Hong Kong dollars, yen for the Tokyo customers), and were opened 3 to 12
/// months before the as-of date, recent openings being the more common.
struct SampleAccount {
    let number: Int
    let customerNumber: Int
    let product: Product
    let currency: AccountCurrency
    /// A card's balance when first billed, or a loan's amount lent, in minor units.
    let principal: Int64
    let openedOn: LocalDate

    /// 1.4 accounts per customer on average.
    static let accountsPerCustomer = WeightedTable<Int>([(1, 71), (2, 21), (3, 5), (4, 3)])

    /// Cards and personal loans; with the corporate loans of business owners, cards come to
    /// about 60% of all accounts and personal loans to about 35%.
    private static let retailProducts = WeightedTable<Product>([(.creditCard, 63), (.personalLoan, 37)])

    /// Amounts in yuan, by product.
    private static let cardBalances = WeightedTable<ClosedRange<Int64>>([
        (1_000...5_000, 30), (5_000...20_000, 40), (20_000...50_000, 22), (50_000...100_000, 8),
    ])
    private static let personalLoans = WeightedTable<ClosedRange<Int64>>([
        (10_000...50_000, 40), (50_000...100_000, 30), (100_000...300_000, 25), (300_000...500_000, 5),
    ])
    private static let corporateLoans = WeightedTable<ClosedRange<Int64>>([
        (500_000...2_000_000, 60), (2_000_000...5_000_000, 30), (5_000_000...20_000_000, 10),
    ])

    /// The `index`-th account (from 0) of `customer`.
    init(number: Int, customer: SampleCustomer, index: Int, asOf: LocalDate, random: inout SampleRandom) {
        self.number = number
        customerNumber = customer.number
        product = customer.ownsBusiness && random.chance(perMille: 700)
            ? .corporateLoan
            : Self.retailProducts.draw(using: &random)

        if let overseas = customer.overseas, product != .corporateLoan,
           (overseas == .tokyo && index == 0) || random.chance(perMille: 100) {
            currency = overseas.foreignCurrency
        } else {
            currency = .cny
        }

        switch product {
        case .creditCard:
            let yuan = random.int64(in: Self.cardBalances.draw(using: &random))
            principal = currency.minorUnits(fen: yuan * 100 + random.int64(in: 0...99))
        case .personalLoan:
            principal = currency.minorUnits(yuan: random.int64(in: Self.personalLoans.draw(using: &random)), roundTo: 1_000)
        case .corporateLoan:
            principal = currency.minorUnits(yuan: random.int64(in: Self.corporateLoans.draw(using: &random)), roundTo: 10_000)
        }

        // The product of two uniform numbers leans towards recent openings (mean about 5 months).
        let age = 91 + 274 * random.below(1_000) * random.below(1_000) / 1_000_000
        openedOn = asOf.adding(days: -age)
    }
}
