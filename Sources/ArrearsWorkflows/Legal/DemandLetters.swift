import ArrearsCore
import ArrearsStore
import Foundation

/// Demand letters (催收函) generated from `config/letters/demand_letter.<language>.txt` with the
/// bank's details of `config/letters/bank.yaml` (`LetterBank`), in the customer's language when
/// there is a template for it (else the first of `languages`).
///
/// The letter is the legal officer's document, so it carries the customer's real name and
/// address: the address is opened from its sealed form in the transaction that stores the
/// letter and records the view (`view_personal_data`, fields `address,name`), with
/// `legal_document_added` for the letter itself. The letter's text is stored sealed with the data
/// key, as the address is (`LegalBook.documentText` opens it).
public struct DemandLetters: Sendable {
    public static let languages = ["zh-CN", "en"]
    /// The latest pay-by date a letter may give, in days after it is written.
    public static let maximumPayByDays = 90
    public let templates: [String: LetterTemplate]
    public let banks: [String: LetterBank]

    public init(templates: [String: LetterTemplate], banks: [String: LetterBank]) {
        self.templates = templates
        self.banks = banks
    }

    public enum LoadError: Error, CustomStringConvertible {
        case file(String, String)
        public var description: String {
            switch self { case .file(let path, let message): "\(path): \(message)" }
        }
    }

    /// Reads every language's template and bank details from `directory`; a missing file, an
    /// unknown placeholder (with its line) or a bank without a field (a `ConfigError` with its
    /// line) stops the load.
    public static func load(fromDirectory directory: String) throws -> DemandLetters {
        var templates: [String: LetterTemplate] = [:]
        let banks = try LetterBank.load(fromDirectory: directory, languages: languages.compactMap(Language.init(rawValue:)))
        for language in languages {
            let path = directory + "/demand_letter.\(language).txt"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw LoadError.file(path, "cannot be read") }
            do { templates[language] = try LetterTemplate(text) } catch { throw LoadError.file(path, error.description) }
        }
        return DemandLetters(templates: templates, banks: Dictionary(uniqueKeysWithValues: banks.map { ($0.key.rawValue, $0.value) }))
    }

    /// Writes the demand letter of legal case `id` and stores it as a document of the case, with
    /// its pay-by date (no filing before it has passed, `LegalGate.checkTime`).
    /// `payBy` is after today and at most `maximumPayByDays` ahead; a closed case gets none, nor
    /// does a customer whose flags refuse it (`LegalGate.check(.demandLetter)`: stop, hold, or a
    /// time-barred debt, where the letter would threaten a suit that cannot be brought).
    public func generate(_ id: String, payBy: LocalDate, language asked: String?, store: Store, pack: PolicyPack? = nil, by actor: String,
                         now: Date = Date()) async throws -> String {
        try await generate(id, payBy: payBy, language: asked, repository: SQLLegalCaseRepository(store: store), pack: pack, by: actor, now: now)
    }

    /// `generate` on the legal book's rows in `repository`: the letter lists the customer's
    /// overdue accounts with each currency's total, and is written in one transaction with the
    /// view of the customer's name and address it needed.
    public func generate(_ id: String, payBy: LocalDate, language asked: String?, repository: any LegalCaseRepository, pack: PolicyPack? = nil,
                         by actor: String, now: Date = Date()) async throws -> String {
        let today = LocalMoment(now, offset: 0).date
        guard payBy > today, payBy.days(since: today) <= Self.maximumPayByDays else {
            throw LegalError.invalid(field: "pay_by", message: "a date after today and at most \(Self.maximumPayByDays) days ahead")
        }
        if let asked, templates[asked] == nil {
            throw LegalError.invalid(field: "language", message: "one of \(templates.keys.sorted().joined(separator: ", "))")
        }
        let (templates, banks) = (templates, banks)
        return try await repository.transaction { records in
            guard let addressee = try await records.addressee(ofLegalCase: id) else { throw LegalError.notFound(field: "id", id: id) }
            guard addressee.stage != .closed else {
                throw LegalError.conflict(code: "legal_case_closed", field: "id", message: "id: the legal case is closed")
            }
            let language = asked ?? (templates[addressee.language] != nil ? addressee.language : Self.languages[0])
            guard let template = templates[language], let bank = banks[language] else {
                throw LegalError.invalid(field: "language", message: "one of \(templates.keys.filter { banks[$0] != nil }.sorted().joined(separator: ", "))")
            }
            let flags = LegalGate.holding(try await records.flags(ofCustomer: addressee.customerId), on: today)
            if let refusal = LegalGate.check(.demandLetter, flags: flags, pack: pack) { throw LegalError.blocked(refusal, field: "id") }
            var lines: [String] = [], totals: [String: Int64] = [:]
            for account in try await records.overdueAccounts(ofCustomer: addressee.customerId) {
                totals[account.currency] = MinorUnits.adding(totals[account.currency] ?? 0, account.overdueMinor)
                lines.append(Self.accountLine(id: account.id, product: account.product, overdue: Self.money(account.overdueMinor, account.currency),
                                              outstanding: Self.money(account.outstandingMinor, account.currency), dpd: account.dpd, language: language))
            }
            let text = template.render([
                "customer_name": addressee.name, "customer_address": addressee.address ?? "",
                "letter_date": today.description, "pay_by": payBy.description, "accounts": lines.joined(separator: "\n"),
                "total_overdue": totals.sorted { $0.key < $1.key }.map { Self.money($0.value, $0.key) }.joined(separator: " + "),
                "case_id": addressee.caseId, "legal_case_id": id,
                "bank_name": bank.name, "bank_address": bank.address, "bank_phone": bank.phone, "bank_payment_account": bank.paymentAccount,
            ])
            try await records.audit([AuditEvent(actor: actor, action: "view_personal_data", subject: addressee.customerId,
                                                details: ["fields": "address,name", "reason": "demand letter of \(id)"])], at: now)
            let name = (language == "en" ? "Demand letter " : "催收函 ") + today.description
            // The letter holds the address, so the records store it sealed like the address itself.
            return try await LegalCaseWorkflow.addDocument(id, .init(name: name, kind: "demand_letter", body: text, language: language), payBy: payBy,
                                                           by: actor, now: now, records: records)
        }
    }

    static func money(_ minor: Int64, _ currency: String) -> String {
        DecimalAmount.format(minor, minorDigits: Currency(code: currency)?.minorDigits ?? 2) + " " + currency
    }

    static func accountLine(id: String, product: String, overdue: String, outstanding: String, dpd: Int, language: String) -> String {
        let named = productName(product, language: language)
        return language == "en"
            ? "  Account \(id) (\(named)): overdue \(overdue), \(dpd) days past due; outstanding \(outstanding)"
            : "  账户 \(id)（\(named)）：逾期金额 \(overdue)，逾期 \(dpd) 天；未还总额 \(outstanding)"
    }

    /// The product as the letter's reader calls it, never its code; the code itself only for a
    /// product the letter does not know.
    static func productName(_ code: String, language: String) -> String {
        let english = language == "en"
        switch Product(rawValue: code) {
        case .creditCard: return english ? "credit card" : "信用卡"
        case .personalLoan: return english ? "personal loan" : "个人贷款"
        case .corporateLoan: return english ? "corporate loan" : "企业贷款"
        case nil: return code
        }
    }
}
