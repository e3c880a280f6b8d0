import ArrearsCore
import ArrearsStore

/// The workbench's records as the API shows them (see `WorkbenchJSON` for the key style).
struct TaskJSON: Encodable {
    let id: String
    let caseId: String
    let customerId: String
    let customerName: String
    let businessDate: String
    let treatment: String
    let channel: String
    let dpd: Int
    let bucket: String
    let overdue: MoneyJSON
    let contactNow: ContactVerdict?

    init(_ task: QueueTask) {
        id = task.id
        caseId = task.caseId
        customerId = task.customerId
        customerName = task.customerName
        businessDate = task.businessDate
        treatment = task.treatment
        channel = task.channel
        dpd = task.dpd
        bucket = task.bucket
        overdue = MoneyJSON(task.overdueMinor, task.currency)
        contactNow = task.contactNow
    }
}

struct PromiseJSON: Encodable {
    let id: String
    let caseId: String
    let customerId: String
    let amount: MoneyJSON
    let promisedOn: String
    let dueOn: String
    let status: String
    let paid: MoneyJSON?
    let settledOn: String?

    init(_ promise: StoredPromise) {
        id = promise.id
        caseId = promise.caseId
        customerId = promise.customerId
        amount = MoneyJSON(promise.amountMinor, promise.currency)
        promisedOn = promise.promisedOn
        dueOn = promise.dueOn
        status = promise.status
        paid = promise.paidMinor.map { MoneyJSON($0, promise.currency) }
        settledOn = promise.settledOn
    }
}

struct PaymentJSON: Encodable {
    let paymentId: String
    let accountId: String
    let paidOn: String
    let amount: MoneyJSON
    let channel: String

    init(_ payment: StoredPayment) {
        paymentId = payment.id
        accountId = payment.accountId
        paidOn = payment.paidOn
        amount = MoneyJSON(payment.amountMinor, payment.currency)
        channel = payment.channel
    }
}

struct PositionJSON: Encodable {
    let asOf: String
    let dpd: Int
    let bucket: String
    let overdue: MoneyJSON
    let outstanding: MoneyJSON
    let credit: MoneyJSON
    let oldestUnpaidDueOn: String?

    init(_ position: AccountFile.Position, currency: String) {
        asOf = position.asOf
        dpd = position.dpd
        bucket = position.bucket
        overdue = MoneyJSON(position.overdueMinor, currency)
        outstanding = MoneyJSON(position.outstandingMinor, currency)
        credit = MoneyJSON(position.creditMinor, currency)
        oldestUnpaidDueOn = position.oldestUnpaidDueOn
    }
}

struct AccountJSON: Encodable {
    struct DueJSON: Encodable {
        let dueOn: String
        let principal: MoneyJSON
        let interest: MoneyJSON
        let fees: MoneyJSON
    }

    struct ScoreJSON: Encodable {
        let target: String
        let modelId: String
        let businessDate: String
        let probability: Double
        let points: Int64
        /// What cost the customer most points, most first: `feature`, `contribution` (points, 0
        /// or below) and `text` (the customer's bin).
        let reasons: [ScoreReason]
    }

    let id: String
    let customerId: String
    let product: String
    let currency: String
    let principal: MoneyJSON
    let openedOn: String
    let writtenOffOn: String?
    let position: PositionJSON?
    let dues: [DueJSON]
    let payments: [PaymentJSON]
    let scores: [ScoreJSON]
    /// The settlement being kept (`active`) or paid (`completed`): the position owes its `remaining`.
    let settlement: SettlementJSON?

    init(_ account: AccountFile) {
        id = account.id
        customerId = account.customerId
        product = account.product
        currency = account.currency
        principal = MoneyJSON(account.principalMinor, account.currency)
        openedOn = account.openedOn
        writtenOffOn = account.writtenOffOn
        position = account.position.map { PositionJSON($0, currency: account.currency) }
        dues = account.dues.map {
            DueJSON(dueOn: $0.dueOn, principal: MoneyJSON($0.principalMinor, account.currency), interest: MoneyJSON($0.interestMinor, account.currency),
                    fees: MoneyJSON($0.feesMinor, account.currency))
        }
        payments = account.payments.map(PaymentJSON.init)
        scores = account.scores.map {
            ScoreJSON(target: $0.target, modelId: $0.modelId, businessDate: $0.businessDate, probability: Double($0.probabilityPPM) / 1_000_000, points: $0.points,
                      reasons: $0.reasons)
        }
        settlement = account.settlement.map { SettlementJSON($0, currency: account.currency) }
    }
}

/// An account's settlement beside its position: the amount agreed, paid since, still to pay (what
/// the position owes while it is kept), the balance without it and what paying it forgives.
struct SettlementJSON: Encodable {
    let arrangementId: String
    let status: String
    let payBy: String?
    let approvedBy: String?
    let approvedOn: String?
    let settledOn: String?
    let amount: MoneyJSON
    let paid: MoneyJSON
    let remaining: MoneyJSON
    let balanceWithoutSettlement: MoneyJSON
    let forgiven: MoneyJSON

    init(_ settlement: AccountSettlement, currency: String) {
        arrangementId = settlement.arrangementId
        status = settlement.status.rawValue
        payBy = settlement.payBy
        approvedBy = settlement.decidedBy
        approvedOn = settlement.decidedOn
        settledOn = settlement.settledOn
        amount = MoneyJSON(settlement.standing.amount, currency)
        paid = MoneyJSON(settlement.standing.paid, currency)
        remaining = MoneyJSON(settlement.standing.remaining, currency)
        balanceWithoutSettlement = MoneyJSON(settlement.standing.balance, currency)
        forgiven = MoneyJSON(settlement.standing.forgiven, currency)
    }
}
