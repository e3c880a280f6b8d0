import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

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
        let today = LocalMoment(now, offset: 0).date
        guard payBy > today, payBy.days(since: today) <= Self.maximumPayByDays else {
            throw LegalError.invalid(field: "pay_by", message: "a date after today and at most \(Self.maximumPayByDays) days ahead")
        }
        if let asked, templates[asked] == nil {
            throw LegalError.invalid(field: "language", message: "one of \(templates.keys.sorted().joined(separator: ", "))")
        }
        let (templates, banks) = (templates, banks)
        return try await store.transaction { database in
            guard let row = try await database.raw("""
                SELECT l.stage, l.case_id, l.customer_id, cu.name, cu.address, cu.language FROM legal_cases l JOIN customers cu ON cu.id = l.customer_id
                WHERE l.id = \(bind: id)
                """).first() else { throw LegalError.notFound(field: "id", id: id) }
            guard try row.decode(column: "stage", as: String.self) != LegalStage.closed.rawValue else {
                throw LegalError.conflict(code: "legal_case_closed", field: "id", message: "id: the legal case is closed")
            }
            let customerLanguage = try row.decode(column: "language", as: String.self)
            let language = asked ?? (templates[customerLanguage] != nil ? customerLanguage : Self.languages[0])
            let customerId = try row.decode(column: "customer_id", as: String.self)
            let flags = LegalGate.holding(try await SQLLegalCaseRepository.transaction(on: database).flags(ofCustomer: customerId), on: today)
            if let refusal = LegalGate.check(.demandLetter, flags: flags, pack: pack) { throw LegalError.blocked(refusal, field: "id") }
            let accounts = try await database.raw("""
                SELECT a.id, a.product, a.currency, p.overdue_minor, p.outstanding_minor, p.dpd
                FROM accounts a JOIN account_positions p ON p.account_id = a.id
                WHERE a.customer_id = \(bind: customerId) AND p.overdue_minor > 0 ORDER BY a.id
                """).all()
            var lines: [String] = [], totals: [String: Int64] = [:]
            for account in accounts {
                let currency = try account.decode(column: "currency", as: String.self)
                let overdue = try account.decode(column: "overdue_minor", as: Int64.self)
                totals[currency, default: 0] += overdue
                lines.append(Self.accountLine(id: try account.decode(column: "id", as: String.self), product: try account.decode(column: "product", as: String.self),
                                              overdue: Self.money(overdue, currency), outstanding: Self.money(try account.decode(column: "outstanding_minor", as: Int64.self), currency),
                                              dpd: try account.decode(column: "dpd", as: Int.self), language: language))
            }
            let bank = banks[language]!
            let text = templates[language]!.render([
                "customer_name": try row.decode(column: "name", as: String.self),
                "customer_address": try store.openField(try row.decode(column: "address", as: String?.self)) ?? "",
                "letter_date": today.description, "pay_by": payBy.description, "accounts": lines.joined(separator: "\n"),
                "total_overdue": totals.keys.sorted().map { Self.money(totals[$0]!, $0) }.joined(separator: " + "),
                "case_id": try row.decode(column: "case_id", as: String.self), "legal_case_id": id,
                "bank_name": bank.name, "bank_address": bank.address, "bank_phone": bank.phone, "bank_payment_account": bank.paymentAccount,
            ])
            try await AuditLog.append([AuditEvent(actor: actor, action: "view_personal_data", subject: customerId,
                                                  details: ["fields": "address,name", "reason": "demand letter of \(id)"])], at: now, on: database)
            let name = (language == "en" ? "Demand letter " : "催收函 ") + today.description
            // The letter holds the address, so it is stored sealed like the address itself.
            return try await LegalBook.addDocument(id, .init(name: name, kind: "demand_letter", body: text, language: language), payBy: payBy,
                                                   store: store, by: actor, now: now, on: database)
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
