/// How many values one run of `encrypt-existing` or `rotate-key` sealed, by kind: the rows of
/// customers written, and of their values, of outbox messages and legal documents, those whose
/// stored form changed; files re-sealed (`rotate-key` only).
public struct SealedCounts: Sendable, Equatable {
    public var customers = 0
    public var idNumbers = 0
    public var mobiles = 0
    public var emails = 0
    public var addresses = 0
    public var outboxRecipients = 0
    public var documents = 0
    public var files = 0

    public init(customers: Int = 0, idNumbers: Int = 0, mobiles: Int = 0, emails: Int = 0, addresses: Int = 0,
                outboxRecipients: Int = 0, documents: Int = 0, files: Int = 0) {
        self.customers = customers
        self.idNumbers = idNumbers
        self.mobiles = mobiles
        self.emails = emails
        self.addresses = addresses
        self.outboxRecipients = outboxRecipients
        self.documents = documents
        self.files = files
    }

    /// Whether anything was written.
    public var changedAny: Bool { self != SealedCounts() }

    /// The count of `column`'s values.
    subscript(column: SealedColumn) -> Int {
        get {
            switch column {
            case .idNumber: idNumbers
            case .mobile: mobiles
            case .email: emails
            case .address: addresses
            case .outboxRecipient: outboxRecipients
            default: documents
            }
        }
        set {
            switch column {
            case .idNumber: idNumbers = newValue
            case .mobile: mobiles = newValue
            case .email: emails = newValue
            case .address: addresses = newValue
            case .outboxRecipient: outboxRecipients = newValue
            default: documents = newValue
            }
        }
    }

    public static func + (lhs: SealedCounts, rhs: SealedCounts) -> SealedCounts {
        SealedCounts(customers: lhs.customers + rhs.customers, idNumbers: lhs.idNumbers + rhs.idNumbers, mobiles: lhs.mobiles + rhs.mobiles,
                     emails: lhs.emails + rhs.emails, addresses: lhs.addresses + rhs.addresses,
                     outboxRecipients: lhs.outboxRecipients + rhs.outboxRecipients, documents: lhs.documents + rhs.documents, files: lhs.files + rhs.files)
    }

    /// For people: `2 ID numbers, 2 mobile numbers, 1 e-mail addresses and 1 postal addresses of 2 customers; 3 outbox recipients; 1 legal documents`.
    public var description: String {
        var parts = ["\(idNumbers) ID numbers, \(mobiles) mobile numbers, \(emails) e-mail addresses and \(addresses) postal addresses of \(customers) customers"]
        parts.append("\(outboxRecipients) outbox recipients")
        parts.append("\(documents) legal documents")
        if files > 0 { parts.append("\(files) files") }
        return parts.joined(separator: "; ")
    }

    /// The counts for the audit log, those that are not zero.
    var auditDetails: [String: String] {
        let all = ["customers": customers, "id_numbers": idNumbers, "mobiles": mobiles, "emails": emails, "addresses": addresses,
                   "outbox_recipients": outboxRecipients, "documents": documents, "files": files]
        return all.filter { $0.value > 0 }.mapValues(String.init)
    }
}
