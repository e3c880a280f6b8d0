/// A letter's text with `{{placeholder}}` fields, checked when it is read: a placeholder this
/// code does not fill is an error naming its line, so a typo in `config/letters/` stops the
/// server at start rather than printing `{{custmer_name}}` to a debtor.
public struct LetterTemplate: Sendable, Equatable {
    public let text: String

    /// What a demand letter is filled with.
    public static let demandLetterFields: Set<String> = [
        "customer_name", "customer_address", "letter_date", "pay_by", "accounts", "total_overdue", "case_id", "legal_case_id",
        "bank_name", "bank_address", "bank_phone", "bank_payment_account",
    ]

    /// What a collection letter (a strategy's `letter` treatment) is filled with: the customer's
    /// name and address, the letter's id and date, the case, the overdue amount with its currency,
    /// the due date of the oldest unpaid instalment and the days past due, and the bank's details.
    /// `name` and `amount` are the names the policy packs' letter-content rules ask for.
    public static let collectionLetterFields: Set<String> = [
        "name", "address", "letter_id", "letter_date", "case_id", "amount", "currency", "due_date", "dpd",
        "bank_name", "bank_address", "bank_phone", "bank_payment_account",
    ]

    /// How `field` is written in a template: `{{field}}`.
    public static func placeholder(_ field: String) -> String { "{{\(field)}}" }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    public init(_ text: String, fields: Set<String> = demandLetterFields) throws(Problem) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { throw Problem(line: index + 1, message: "'{{' is not closed") }
                let name = String(rest[open.upperBound..<close.lowerBound])
                guard fields.contains(name) else {
                    throw Problem(line: index + 1, message: "unknown field '\(name)'; fields are \(fields.sorted().joined(separator: ", "))")
                }
                rest = rest[close.upperBound...]
            }
        }
        self.text = text
    }

    /// The text with every placeholder replaced; a field without a value becomes empty.
    public func render(_ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            result += values[String(rest[open.upperBound..<close.lowerBound])] ?? ""
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
