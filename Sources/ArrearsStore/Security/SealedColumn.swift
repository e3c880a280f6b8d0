import ArrearsCore

/// A text column whose values are sealed with the data key (`FieldCipher.seal`), with the column
/// of its keyed lookup hash when something finds rows by it. `all` lists every one: what
/// `arrears customer encrypt-existing` seals and `arrears customer rotate-key` re-seals (files in
/// `attachments` are sealed too, as bytes: `DataKeyRotation` re-seals them).
public struct SealedColumn: Sendable, Hashable {
    public let table: String
    public let column: String
    /// The field whose keyed hash is kept beside the value; nil when nothing looks rows up by it.
    public let lookup: PersonalField?

    public static let idNumber = SealedColumn(table: "customers", column: "id_number", lookup: .idNumber)
    public static let mobile = SealedColumn(table: "customers", column: "mobile", lookup: .mobile)
    public static let email = SealedColumn(table: "customers", column: "email", lookup: .email)
    /// The postal address: where the customer lives. No hash: nobody is looked up by it.
    public static let address = SealedColumn(table: "customers", column: "address", lookup: nil)
    /// The phone number or e-mail address a queued message goes to, opened at delivery.
    public static let outboxRecipient = SealedColumn(table: "outbox_messages", column: "recipient", lookup: nil)
    /// The text of a generated legal document (a demand letter, which carries the address).
    public static let documentText = SealedColumn(table: "legal_documents", column: "body", lookup: nil)

    public static let all: [SealedColumn] = [idNumber, mobile, email, address, outboxRecipient, documentText]

    /// `all` by table, in the order of `all`.
    static var byTable: [(table: String, columns: [SealedColumn])] {
        var tables: [(table: String, columns: [SealedColumn])] = []
        for column in all {
            if let index = tables.firstIndex(where: { $0.table == column.table }) {
                tables[index].columns.append(column)
            } else {
                tables.append((column.table, [column]))
            }
        }
        return tables
    }
}
