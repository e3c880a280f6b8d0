import ArrearsCore
import ArrearsStore
import Foundation

/// `arrears letters print --date D`: the collection letters the daily run of D decided, filled in
/// from their templates for the letters centre (one letter a page) and listed for a mail house,
/// each recorded on its case as sent (docs/letters.md).
///
/// In one transaction, with the files written before it commits (so a letter is never recorded
/// as sent without its page, nor twice):
/// 1. a letter not printed yet is checked against the policy pack and the customer's flags as
///    they are now: one the pack forbids (a dispute, a cease request or a death recorded since
///    the run) is withheld with the rule and its reason, and so is one whose customer has no
///    name or address on file; the public-holiday rule is not applied, a letter being posted;
/// 2. every letter of D printed before or now is filled in: the customer's name and address are
///    opened from their sealed form, which is audited (`view_personal_data`, one entry a
///    customer), with the amounts the run recorded;
/// 3. each letter printed for the first time is recorded (`letters.status = printed`) and audited
///    (`letter_sent`, subject the case).
///
/// Printing D again writes the same letters with the same ids and records nothing as sent again.
/// The letters, the customers' standings and the audit log are read and written through
/// `LetterPrintRecords`.
public struct LetterPrint: Sendable {
    public let records: any LetterPrintRecords
    public let letters: CollectionLetters
    public let policy: PolicySettings

    /// Prints on the store's database.
    public init(store: Store, letters: CollectionLetters, policy: PolicySettings) {
        self.init(records: SQLLetterPrintRecords(store: store), letters: letters, policy: policy)
    }

    /// Prints on `records` (the store's database, or rows a test keeps in memory).
    public init(records: any LetterPrintRecords, letters: CollectionLetters, policy: PolicySettings) {
        self.records = records
        self.letters = letters
        self.policy = policy
    }

    /// One letter as printed.
    public struct Printed: Sendable, Equatable {
        public let letterId: String
        public let caseId: String
        public let customerId: String
        public let name: String
        public let address: String
        /// The overdue amount the letter states, in major units with the currency's decimals.
        public let balance: String
        public let currency: String
        public let template: String
        public let language: String
        /// The letter, filled in.
        public let text: String
    }

    /// What a print did.
    public struct Batch: Sendable {
        public let date: LocalDate
        /// Every letter of the date that is sent, by id.
        public let letters: [Printed]
        /// How many of them were printed for the first time by this print.
        public let newlySent: Int
        /// The letters not sent, with why.
        public let withheld: [(id: String, reason: String)]
    }

    public enum PrintError: Error, CustomStringConvertible {
        /// A letter names a template or language that is not loaded.
        case unknownTemplate(letter: String, template: String, language: String)

        public var description: String {
            switch self {
            case .unknownTemplate(let letter, let template, let language):
                "letter \(letter) was made from the template '\(template)' (\(language)), which is not in config/letters: add it, or nothing is printed"
            }
        }
    }

    /// Prints the letters of `date`; `write` receives the batch inside the transaction (a failure
    /// there, such as a folder that cannot be written, records nothing).
    public func print(_ date: LocalDate, by actor: String, now: Date = Date(),
                      write: @escaping @Sendable (Batch) throws -> Void) async throws -> Batch {
        let (letters, policy) = (letters, policy)
        return try await records.transaction { rows in
            let all = try await rows.letters(of: date)
            for letter in all {
                guard let language = Language(rawValue: letter.language), letters.templates[letter.template]?[language] != nil else {
                    throw PrintError.unknownTemplate(letter: letter.id, template: letter.template, language: letter.language)
                }
            }
            let queued = all.filter { $0.status == LetterRecords.Status.queued.rawValue }
            var verdicts: [String: PolicyDecision] = [:]
            for chunk in stride(from: 0, to: queued.count, by: 1000).map({ Array(queued[$0..<min($0 + 1000, queued.count)]) }) {
                let decisions = try await ContactCheck.check(chunk.map { ($0.customerId, ContactRequest(channel: .letter, at: now, stage: .planning)) },
                                                             at: now, settings: policy, records: rows.contactChecks)
                for (letter, decision) in zip(chunk, decisions) { verdicts[letter.id] = decision }
            }
            var printed: [Printed] = [], fresh: [LetterRecords.Letter] = [], withheld: [(id: String, reason: String)] = []
            var viewed: Set<String> = []
            for letter in all where letter.status != LetterRecords.Status.withheld.rawValue {
                let isQueued = letter.status == LetterRecords.Status.queued.rawValue
                if isQueued, let verdict = verdicts[letter.id], !verdict.allowed, !Self.isHoliday(verdict, pack: policy.pack) {
                    let reason = "\(verdict.rule ?? PolicyPack.unevaluable): \(verdict.reason ?? "blocked by the policy pack")"
                    try await rows.withhold(letter.id, reason: reason)
                    withheld.append((letter.id, reason))
                    continue
                }
                let name = (try rows.open(letter.storedName) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                let address = (try rows.open(letter.storedAddress) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard !name.isEmpty, !address.isEmpty else {
                    let reason = "universal.evaluable: the customer has no \(name.isEmpty ? "name" : "address") on file to write the letter to"
                    if isQueued {
                        try await rows.withhold(letter.id, reason: reason)
                        withheld.append((letter.id, reason))
                    }
                    continue
                }
                viewed.insert(letter.customerId)
                let language = Language(rawValue: letter.language) ?? .default
                let balance = DecimalAmount.format(letter.overdueMinor, minorDigits: Currency(code: letter.currency)?.minorDigits ?? 2)
                let text = letters.render(letter.template, language: language, values: [
                    "name": name, "address": address, "letter_id": letter.id, "letter_date": letter.businessDate, "case_id": letter.caseId,
                    "amount": balance, "currency": letter.currency, "due_date": letter.dueOn, "dpd": String(letter.dpd),
                ]) ?? ""
                printed.append(Printed(letterId: letter.id, caseId: letter.caseId, customerId: letter.customerId, name: name, address: address,
                                       balance: balance, currency: letter.currency, template: letter.template, language: letter.language, text: text))
                if isQueued { fresh.append(letter) }
            }
            var sent: [AuditEvent] = []
            for letter in fresh {
                guard try await rows.markPrinted(letter.id, at: now, by: actor) else { continue }
                sent.append(AuditEvent(actor: actor, action: "letter_sent", subject: letter.caseId, details: [
                    "letter_id": letter.id, "customer_id": letter.customerId, "template": letter.template, "language": letter.language,
                    "business_date": letter.businessDate,
                ]))
            }
            let views = viewed.sorted().map {
                AuditEvent(actor: actor, action: "view_personal_data", subject: $0, details: ["fields": "address,name", "reason": "collection letters of \(date)"])
            }
            let batch = Batch(date: date, letters: printed, newlySent: sent.count, withheld: withheld)
            try write(batch)
            try await rows.audit(views + sent, at: now)
            return batch
        }
    }

    /// Whether `decision` is the pack's public-holiday rule, which is about contact on the day
    /// and not about printing letters for the post.
    static func isHoliday(_ decision: PolicyDecision, pack: PolicyPack) -> Bool {
        guard let id = decision.rule, case .holiday = pack.rule(id)?.kind else { return false }
        return true
    }
}

extension LetterPrint.Batch {
    /// The mail house's columns, in this order.
    public static let csvColumns = ["letter_id", "case_id", "customer_id", "name", "address", "balance", "currency", "template", "language"]

    /// The batch for the mail house: a header and one row a letter, RFC 4180 (`CSVField`).
    public var csv: String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for letter in letters {
            lines.append([letter.letterId, letter.caseId, letter.customerId, letter.name, letter.address, letter.balance, letter.currency,
                          letter.template, letter.language].map(CSVField.text).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
