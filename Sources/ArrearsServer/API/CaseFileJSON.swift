import ArrearsCore
import ArrearsStore

/// `GET /api/v1/cases/:id`: the case file, with the customer's personal data masked.
struct CaseFileJSON: Encodable {
    struct CaseJSON: Encodable {
        let id: String
        let status: String
        let openedOn: String
        let segment: String
        let bucket: String
        let dpd: Int
        let overdue: MoneyJSON
        let assignedTo: String?
    }

    struct AttemptJSON: Encodable {
        let id: String
        let channel: String
        let contactPoint: String
        let attemptedAt: String
        let outcome: String
        let note: String?
        let recordedBy: String
        let breachedRule: String?
    }

    struct FlagJSON: Encodable {
        let id: String
        let flag: String
        let channel: String?
        let value: String?
        let startsOn: String?
        let endsOn: String?
    }

    /// A collection letter of the case: `queued` until `arrears letters print` sends it
    /// (`printed`, at `printed_at`), or `withheld` with the reason.
    struct LetterJSON: Encodable {
        let id: String
        let businessDate: String
        let template: String
        let language: String
        let balance: MoneyJSON
        let status: String
        let reason: String?
        let printedAt: String?
    }

    struct ChannelVerdict: Encodable {
        let channel: String
        let verdict: ContactVerdict
    }

    let `case`: CaseJSON
    let customer: CustomersController.Customer
    let accounts: [AccountJSON]
    let contactAttempts: [AttemptJSON]
    let promises: [PromiseJSON]
    let openTasks: [TaskJSON]
    let letters: [LetterJSON]
    let flags: [FlagJSON]
    let contactNow: [ChannelVerdict]

    init(_ file: CaseFile, customer: CustomersController.Customer) {
        let summary = file.summary
        self.case = CaseJSON(id: summary.id, status: summary.status, openedOn: file.openedOn, segment: summary.segment, bucket: summary.bucket,
                             dpd: summary.dpd, overdue: MoneyJSON(summary.overdueMinor, summary.currency), assignedTo: summary.assignedTo)
        self.customer = customer
        accounts = file.accounts.map(AccountJSON.init)
        contactAttempts = file.attempts.map {
            AttemptJSON(id: $0.id, channel: $0.channel, contactPoint: $0.contactPoint, attemptedAt: $0.attemptedAt, outcome: $0.outcome,
                        note: $0.note, recordedBy: $0.recordedBy, breachedRule: $0.breachedRule)
        }
        promises = file.promises.map(PromiseJSON.init)
        openTasks = file.openTasks.map(TaskJSON.init)
        letters = file.letters.map {
            LetterJSON(id: $0.id, businessDate: $0.businessDate, template: $0.template, language: $0.language,
                       balance: MoneyJSON($0.overdueMinor, $0.currency), status: $0.status, reason: $0.reason, printedAt: $0.printedAt)
        }
        flags = file.flags.map { FlagJSON(id: $0.id, flag: $0.flag, channel: $0.channel, value: $0.value, startsOn: $0.startsOn, endsOn: $0.endsOn) }
        contactNow = file.contactNow.map { ChannelVerdict(channel: $0.channel.rawValue, verdict: $0.verdict) }
    }
}

extension CustomersController.Customer {
    /// The stored customer with personal data masked (`PersonalDataMask`).
    init(masking stored: StoredCustomer, store: Store) throws {
        self.init(id: stored.id, name: stored.name,
                  mobile: try store.openField(stored.mobile).map(PersonalDataMask.mobile),
                  idNumber: try store.openField(stored.idNumber).map(PersonalDataMask.idNumber),
                  email: try store.openField(stored.email).map(PersonalDataMask.email),
                  address: try store.openField(stored.address).map(PersonalDataMask.address),
                  region: stored.region, timeZone: stored.timeZone, language: stored.language, creditRating: stored.creditRating)
    }
}
