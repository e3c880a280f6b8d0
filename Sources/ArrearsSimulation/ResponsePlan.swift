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
    static let attemptTable = BulkInsert(
        table: "contact_attempts", columns: ["id", "customer_id", "channel", "contact_point", "attempted_at", "outcome", "recorded_by"],
        key: ["id"], onConflict: .ignore)
    static let ratingTable = BulkInsert(
        table: "satisfaction_ratings", columns: ["id", "contact_attempt_id", "customer_id", "rating", "rated_at"], key: ["id"], onConflict: .ignore)
    /// Who the simulated attempts are recorded by when no agent had the task.
    static let recorder = "simulator"
    static let collectionChannel = "bank_transfer"
    static let onTimeChannel = "direct_debit"

    private(set) var payments: [[BulkValue]] = []
    private(set) var promises: [[BulkValue]] = []
    /// The calls and visits of D as contact attempts, and the ratings some reached customers give.
    private(set) var attempts: [[BulkValue]] = []
    private(set) var ratings: [[BulkValue]] = []
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
            let response = model.response(reachedBy: reachedBy, segment: openCase.segment, daysPastDue: openCase.daysPastDue,
                                          largeDebt: largeDebt, rating: openCase.rating, burden: openCase.burden,
                                          brokenPromises: openCase.brokenPromises, daysSincePayment: openCase.daysSincePayment,
                                          overdue: Double(openCase.overdueMinor) / Double(openCase.currency.minorUnitsPerMajor), random: &random)
            recordAttempt(openCase, reached: reachedBy != nil, response: response, seed: seed, date: date)
            switch response {
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
                    amountMinor: amount, segment: openCase.segment, brokenPromises: openCase.brokenPromises)
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
            let paid: Int64 = switch model.promiseOutcome(segment: promise.segment, brokenPromises: promise.brokenPromises, random: &random) {
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

    /// A call or visit on D becomes a contact attempt at 10:00 UTC+8: right-party (a promise when
    /// the customer promised) when it reached the customer, else unanswered or not at home. One
    /// reached customer in four rates the contact, more kindly when they could settle something.
    private mutating func recordAttempt(_ openCase: SimulationInputs.OpenCase, reached: Bool, response: CustomerResponse, seed: UInt64, date: LocalDate) {
        guard let channel = openCase.contact, channel == .call || channel == .visit else { return }
        let outcome: ContactAttempt.Outcome = switch (channel, reached, response) {
        case (.visit, false, _): .visitNotHome
        case (.visit, true, _): .visitMet
        case (_, false, _): .noAnswer
        case (_, true, .promises): .promiseToPay
        case (_, true, _): .rightPartyContact
        }
        let id = "SIM-ATT-\(openCase.customerId)-\(today)"
        let at = "\(today)T02:00:00Z"
        attempts.append([.text(id), .text(openCase.customerId), .text(channel == .visit ? "visit" : "call"),
                         .text(channel == .visit ? "address" : "mobile"), .text(at), .text(outcome.rawValue), .text(openCase.agent ?? Self.recorder)])
        guard reached else { return }
        var random = ResponseRandom(seed: seed, key: "rating", today, openCase.customerId)
        guard random.chance(0.25) else { return }
        let settled: Bool = switch response {
        case .nothing: false
        default: true
        }
        let rating = settled ? random.int(in: 3...5) : random.int(in: 1...4)
        ratings.append([.text("SIM-RATE-\(openCase.customerId)-\(today)"), .text(id), .text(openCase.customerId), .integer(Int64(rating)), .text(at)])
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
