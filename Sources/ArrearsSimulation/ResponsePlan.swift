import ArrearsCore
import ArrearsStore

/// The payments and promises customers make on one business date D, drawn from the behaviour
/// model: a pure function of the day's inputs, the model and the seed.
///
/// Every customer's draws come from their own `ResponseRandom` stream, keyed by the seed and by
/// the day and customer (responses), the promise (its fate) or the account and due (paying on
/// time); every row's id is derived from the same key, so drawing the day again gives the same
/// rows with the same ids. Payments are dated D (after the day's run: the next run posts them)
/// and go to the customer's accounts in the case's currency, the most overdue first, each up to
/// what it owes; promises are made on D and fall due `days` later. A promise falling due by the
/// next business day is paid on D when it is kept, so that the next run can settle it.
struct ResponsePlan {
    static let paymentTable = BulkInsert(
        table: "payments", columns: ["id", "account_id", "paid_on", "amount_minor", "currency", "channel"], key: ["id"], onConflict: .ignore)
    static let promiseTable = BulkInsert(
        table: "promises", columns: ["id", "case_id", "customer_id", "currency", "amount_minor", "promised_on", "due_on", "status"],
        key: ["id"], onConflict: .ignore)
    /// How simulated customers pay: collections payments by transfer, dues on time by direct debit.
    static let collectionChannel = "bank_transfer"
    static let onTimeChannel = "direct_debit"

    private(set) var payments: [[BulkValue]] = []
    private(set) var promises: [[BulkValue]] = []
    private(set) var summary: SimulatedDay

    private let inputs: SimulationInputs
    private let today: String

    init(inputs: SimulationInputs, model: BehaviourModel, seed: UInt64, date: LocalDate, nextBusinessDay next: LocalDate) {
        self.inputs = inputs
        let today = date.description
        self.today = today
        summary = SimulatedDay(date: date)
        var promisesDue = Dictionary(uniqueKeysWithValues: inputs.promisesDue.map { ($0.id, $0) })
        for openCase in inputs.cases where !openCase.held {
            var random = ResponseRandom(seed: seed, key: "response", today, openCase.customerId)
            let reachedBy = openCase.contact.flatMap { model.reaches($0, random: &random) ? $0 : nil }
            if reachedBy != nil { summary.customersReached += 1 }
            let largeDebt = model.largeDebtFrom.isReached(byMinorUnits: openCase.overdueMinor, in: openCase.currency)
            switch model.response(reachedBy: reachedBy, segment: openCase.segment, daysPastDue: openCase.daysPastDue,
                                  largeDebt: largeDebt, random: &random) {
            case .nothing:
                break
            case .paysAll:
                for account in inputs.delinquentAccounts[openCase.customerId] ?? [] {
                    collect(account.overdueMinor, on: account, id: "SIM-PAY-\(account.id)-\(today)")
                }
            case .paysPart(let basisPoints):
                pay(Self.share(basisPoints, of: openCase.overdueMinor, in: openCase.currency), currency: openCase.currency,
                    customer: openCase.customerId) { "SIM-PAY-\($0)-\(today)" }
            case .promises(let basisPoints, let days):
                let amount = Self.share(basisPoints, of: openCase.overdueMinor, in: openCase.currency)
                guard amount > 0 else { continue }
                let promise = SimulationInputs.PendingPromise(
                    id: "SIM-PTP-\(openCase.customerId)-\(today)", customerId: openCase.customerId, currency: openCase.currency,
                    amountMinor: amount, segment: openCase.segment)
                let dueOn = date.adding(days: days)
                promises.append([
                    .text(promise.id), .text(openCase.id), .text(promise.customerId), .text(promise.currency.code),
                    .integer(amount), .text(today), .text(dueOn.description), .text("pending"),
                ])
                summary.promisesMade += 1
                if dueOn <= next { promisesDue[promise.id] = promise }
            }
        }
        for promise in promisesDue.values.sorted(by: { $0.id < $1.id }) {
            var random = ResponseRandom(seed: seed, key: "promise", promise.id)
            let paid: Int64 = switch model.promiseOutcome(segment: promise.segment, random: &random) {
            case .kept: promise.amountMinor
            case .partlyKept(let basisPoints): Self.share(basisPoints, of: promise.amountMinor, in: promise.currency)
            case .broken: 0
            }
            if paid > 0 { summary.promisesPaid += 1 }
            pay(paid, currency: promise.currency, customer: promise.customerId) { "\(promise.id)-\($0)" }
        }
        for due in inputs.upcomingDues where due.neededMinor > 0 {
            var random = ResponseRandom(seed: seed, key: "due", due.accountId, due.firstDueOn)
            guard model.paysOnTime(rating: due.rating, random: &random) else { continue }
            payments.append([
                .text("SIM-DUE-\(due.accountId)-\(due.firstDueOn)"), .text(due.accountId), .text(today),
                .integer(due.neededMinor), .text(due.currency.code), .text(Self.onTimeChannel),
            ])
            summary.onTimePayments += 1
        }
    }

    /// Pays `amount` of `currency` over the customer's delinquent accounts in that currency, the
    /// most overdue first, each up to what it owes; anything left over goes to the first.
    private mutating func pay(_ amount: Int64, currency: Currency, customer: String, id: (String) -> String) {
        let accounts = (inputs.delinquentAccounts[customer] ?? []).filter { $0.currency == currency }
        guard amount > 0, !accounts.isEmpty else { return }
        var left = amount
        var parts: [(SimulationInputs.DelinquentAccount, Int64)] = []
        for account in accounts where left > 0 {
            let part = min(left, account.overdueMinor)
            parts.append((account, part))
            left -= part
        }
        parts[0].1 += left
        for (account, part) in parts { collect(part, on: account, id: id(account.id)) }
    }

    private mutating func collect(_ amount: Int64, on account: SimulationInputs.DelinquentAccount, id: String) {
        payments.append([
            .text(id), .text(account.id), .text(today), .integer(amount), .text(account.currency.code), .text(Self.collectionChannel),
        ])
        summary.collectionPayments += 1
        summary.collectedMinor[account.currency.code, default: 0] += amount
    }

    /// `basisPoints` of `amount`, rounded down to whole major units when it is at least one.
    static func share(_ basisPoints: Int, of amount: Int64, in currency: Currency) -> Int64 {
        let points = Int64(basisPoints)
        let exact = amount / 10_000 * points + amount % 10_000 * points / 10_000
        let unit = currency.minorUnitsPerMajor
        return exact >= unit ? exact / unit * unit : exact
    }
}
