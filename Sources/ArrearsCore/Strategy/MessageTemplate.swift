/// The words of an SMS, e-mail or letter in every language Arrears writes in, with placeholders
/// such as `{amount}` filled in for each customer when the message is rendered.
///
/// A strategy checks its templates when it is built: a body in every language, subjects in every
/// language for templates sent by e-mail, and no placeholder outside `placeholders`.
public struct MessageTemplate: Sendable, Equatable {
    /// The values a template may use: the customer's name, the overdue amount and its currency,
    /// the due date of the oldest unpaid instalment, the days past due and the payment link.
    public static let placeholders: Set<String> = ["name", "amount", "currency", "due_date", "dpd", "pay_url"]

    public let name: String
    /// E-mail subject by language; empty for SMS.
    public let subject: [Language: String]
    public let body: [Language: String]

    public init(name: String, subject: [Language: String] = [:], body: [Language: String]) {
        self.name = name
        self.subject = subject
        self.body = body
    }

    /// The subject (`nil` when the template has none in `language`) and body in `language`, with
    /// each `{placeholder}` replaced by its entry in `values`, or by nothing when `values` has none.
    public func render(_ language: Language, values: [String: String]) -> (subject: String?, body: String) {
        func fill(_ text: String) -> String {
            guard let pieces = MessageTemplate.pieces(of: text) else { return text }
            var result = ""
            for piece in pieces {
                switch piece {
                case .text(let words): result += words
                case .placeholder(let name): result += values[String(name)] ?? ""
                }
            }
            return result
        }
        let subjectText = subject[language].flatMap { $0.isEmpty ? nil : fill($0) }
        return (subjectText, fill(body[language] ?? ""))
    }

    /// Whether the subject or the body, in any language, has `{placeholder}`.
    public func uses(_ placeholder: String) -> Bool {
        (Array(subject.values) + Array(body.values)).contains { text in
            MessageTemplate.pieces(of: text)?.contains(.placeholder(Substring(placeholder))) ?? false
        }
    }

    /// A stretch of template text: words as written, or the name inside a `{placeholder}`.
    enum Piece: Equatable {
        case text(Substring)
        case placeholder(Substring)
    }

    /// `text` cut into words and placeholders; `nil` when a `{` is never closed.
    static func pieces(of text: String) -> [Piece]? {
        var pieces: [Piece] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { pieces.append(.text(rest[..<open])) }
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { return nil }
            pieces.append(.placeholder(rest[afterOpen..<close]))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(rest)) }
        return pieces
    }
}
