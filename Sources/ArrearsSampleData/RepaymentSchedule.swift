import ArrearsCore

/// The dues booked on an account, one a month from the month after it was opened.
///
/// - Loans repay the principal in equal monthly instalments over their term (the remainder of
///   the division in the last one), with interest on the principal still owed (equal-principal
///   amortisation, 等额本金) and an occasional fee. Instalments are booked up to two months
///   after the as-of date.
/// - Credit cards owe a monthly minimum: a tenth of the balance (at least 100 yuan, at most
///   the balance) plus 1.5% interest on the balance, an annual fee on some first statements and
///   an occasional late or service fee. Statements are booked up to 20 days after the as-of
///   date; the balance moves with new spending and ends the schedule if it reaches zero.
enum RepaymentSchedule {
    private static let personalTerms = WeightedTable<Int>([(6, 10), (12, 30), (24, 35), (36, 25)])
    private static let corporateTerms = WeightedTable<Int>([(12, 25), (24, 35), (36, 25), (60, 15)])
    private static let cardAnnualFeesInYuan: [Int64] = [100, 200, 300, 580]
    private static let cardOtherFeesInYuan: [Int64] = [30, 50, 80]

    static func dues(for account: SampleAccount, asOf: LocalDate, random: inout SampleRandom) -> [Due] {
        switch account.product {
        case .creditCard:
            cardMinimums(for: account, through: asOf.adding(days: 20), random: &random)
        case .personalLoan:
            loanInstalments(for: account, term: personalTerms.draw(using: &random),
                            annualRateBasisPoints: random.int(in: 435...1_800), through: asOf.adding(months: 2), random: &random)
        case .corporateLoan:
            loanInstalments(for: account, term: corporateTerms.draw(using: &random),
                            annualRateBasisPoints: random.int(in: 350...650), through: asOf.adding(months: 2), random: &random)
        }
    }

    private static func loanInstalments(
        for account: SampleAccount, term: Int, annualRateBasisPoints: Int, through horizon: LocalDate, random: inout SampleRandom
    ) -> [Due] {
        let instalment = account.principal / Int64(term)
        var owed = account.principal
        var dues: [Due] = []
        for month in 1...term {
            let dueOn = account.openedOn.adding(months: month)
            guard dueOn <= horizon else { break }
            let principal = month == term ? owed : instalment
            let interest = owed * Int64(annualRateBasisPoints) / 120_000
            let fees = random.chance(perMille: 20) ? account.currency.minorUnits(yuan: 50) : 0
            dues.append(Due(dueOn: dueOn, principal: principal, interest: interest, fees: fees))
            owed -= principal
        }
        return dues
    }

    private static func cardMinimums(for account: SampleAccount, through horizon: LocalDate, random: inout SampleRandom) -> [Due] {
        let floor = account.currency.minorUnits(yuan: 100)
        var balance = account.principal
        var dues: [Due] = []
        var month = 1
        while balance > 0 {
            let dueOn = account.openedOn.adding(months: month)
            guard dueOn <= horizon else { break }
            let principal = min(balance, max(floor, balance / 10))
            let interest = balance * 15 / 1_000
            let fees: Int64
            if month == 1, random.chance(perMille: 250) {
                fees = account.currency.minorUnits(yuan: random.pick(cardAnnualFeesInYuan))
            } else if random.chance(perMille: 40) {
                fees = account.currency.minorUnits(yuan: random.pick(cardOtherFeesInYuan))
            } else {
                fees = 0
            }
            dues.append(Due(dueOn: dueOn, principal: principal, interest: interest, fees: fees))
            balance -= principal
            if random.chance(perMille: 500) { balance += random.int64(in: 0...(account.principal / 10)) }
            month += 1
        }
        return dues
    }
}
