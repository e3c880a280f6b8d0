import ArrearsCore

/// How a customer pays an account, which decides the account's delinquency as of the as-of date.
///
/// Payments are allocated oldest due first (`PaymentAllocation`), so the account's days past due
/// is the age of the oldest due that the payments made so far do not cover:
/// - `punctual` pays every due in full on its date or up to five days before (current); now and
///   then in two parts, or rounded up to the next hundred (an overpayment, which is a credit);
/// - `late` pays every due in full, most of them 5 to 40 days late (mostly 1-15, 16-30, 31-60
///   when a recent due is still unpaid, otherwise current);
/// - `partial` pays 30% to 90% of most dues around their date, so the shortfall ages month by
///   month (31-60 to 91-180);
/// - `stopped` pays on time until some due, then nothing (any bucket, by when it stopped);
/// - `never` pays nothing at all (61-90 and beyond).
///
/// Worse credit ratings lean to worse behaviours; across the standard rating mix about a third
/// of accounts are delinquent on the as-of date. No payment is dated after the as-of date.
enum PaymentBehaviour {
    case punctual, late, partial, stopped, never

    /// Per mille of accounts with each behaviour, by credit rating.
    private static let byRating: [CreditRating: WeightedTable<PaymentBehaviour>] = [
        .a: WeightedTable([(.punctual, 845), (.late, 100), (.partial, 30), (.stopped, 20), (.never, 5)]),
        .b: WeightedTable([(.punctual, 700), (.late, 180), (.partial, 60), (.stopped, 50), (.never, 10)]),
        .c: WeightedTable([(.punctual, 520), (.late, 250), (.partial, 100), (.stopped, 100), (.never, 30)]),
        .d: WeightedTable([(.punctual, 350), (.late, 280), (.partial, 140), (.stopped, 160), (.never, 70)]),
        .e: WeightedTable([(.punctual, 200), (.late, 250), (.partial, 170), (.stopped, 250), (.never, 130)]),
    ]

    static func draw(for rating: CreditRating, using random: inout SampleRandom) -> PaymentBehaviour {
        byRating[rating]!.draw(using: &random)
    }

    /// The payments made on an account with `dues` (oldest first) in `currency`, up to and
    /// including `asOf`, in date order.
    func payments(for dues: [Due], in currency: AccountCurrency, asOf: LocalDate, random: inout SampleRandom) -> [SamplePayment] {
        var payer = Payer(currency: currency, asOf: asOf, channel: PaymentChannel.usage.draw(using: &random))
        switch self {
        case .punctual:
            for due in dues { payer.payOnTime(due, random: &random) }
        case .late:
            for due in dues {
                if random.chance(perMille: 750) {
                    payer.pay(due.amount, on: due.dueOn.adding(days: random.int(in: 5...40)), random: &random)
                } else {
                    payer.payOnTime(due, random: &random)
                }
            }
        case .partial:
            for due in dues where !random.chance(perMille: 150) {
                let share = due.amount * Int64(random.int(in: 30...90)) / 100
                payer.pay(currency.roundedDown(share), on: due.dueOn.adding(days: random.int(in: -3...10)), random: &random)
            }
        case .stopped:
            let overdue = dues.prefix { $0.dueOn < asOf }.count
            let stopsAt = overdue > 1 ? random.int(in: 1...(overdue - 1)) : 0
            for due in dues.prefix(stopsAt) { payer.payOnTime(due, random: &random) }
        case .never:
            break
        }
        return payer.payments.sorted { $0.paidOn < $1.paidOn }
    }

    /// Collects one account's payments, dropping those dated after the as-of date.
    private struct Payer {
        let currency: AccountCurrency
        let asOf: LocalDate
        /// The channel this customer uses for most payments on the account.
        let channel: PaymentChannel
        var payments: [SamplePayment] = []

        init(currency: AccountCurrency, asOf: LocalDate, channel: PaymentChannel) {
            self.currency = currency
            self.asOf = asOf
            self.channel = channel
        }

        mutating func pay(_ amount: Int64, on date: LocalDate, random: inout SampleRandom) {
            guard date <= asOf, amount > 0 else { return }
            let used = random.chance(perMille: 850) ? channel : PaymentChannel.usage.draw(using: &random)
            payments.append(SamplePayment(paidOn: date, amount: amount, channel: used))
        }

        /// Pays `due` in full on its date or a few days before: occasionally in two parts a few
        /// days apart, occasionally rounded up to the next hundred whole units.
        mutating func payOnTime(_ due: Due, random: inout SampleRandom) {
            let date = due.dueOn.adding(days: -random.int(in: 0...5))
            if random.chance(perMille: 50), due.amount >= 2 {
                let first = due.amount / 2
                pay(first, on: date.adding(days: -random.int(in: 3...7)), random: &random)
                pay(due.amount - first, on: date, random: &random)
            } else if random.chance(perMille: 15) {
                let hundred = 100 * currency.currency.minorUnitsPerMajor
                pay((due.amount / hundred + 1) * hundred, on: date, random: &random)
            } else {
                pay(due.amount, on: date, random: &random)
            }
        }
    }
}
