import ArrearsCore
import SQLKit

/// One place where a customer's identity or contact data is stored, and what retention does to
/// it once the customer's retention period is over (`RetentionRun`; docs/data-protection.md has
/// the same list for people). Rows the bank needs for its accounts and statistics (amounts,
/// dates, outcomes, channels, statuses) stay, with the personal columns emptied; rows that are
/// nothing but personal data (contact points, files, access grants) are deleted. The audit log
/// is the one place not listed here: its details are erased by `AuditLogErasure`.
struct PersonalDataPlace: Sendable {
    enum Treatment: Sendable {
        /// `SET` clause that empties the personal columns.
        case anonymise(String)
        case delete

        var verb: String {
            switch self {
            case .anonymise: "anonymised"
            case .delete: "deleted"
            }
        }
    }

    /// How a row belongs to a customer: by a column holding the customer's id, or through the
    /// row it belongs to (`parentTable`, found by `column`), optionally only rows matching `when`.
    enum Owner: Sendable {
        case customer(column: String)
        case parent(column: String, parentTable: String, when: String?)
    }

    /// The table, as the report and the run's audit entry name it.
    let table: String
    /// What is personal in it, for people.
    let contents: String
    let owners: [Owner]
    /// The rows that still hold personal data; those are the ones counted and changed, so that a
    /// second run finds none. Deleted places take every owned row.
    let holdsData: String
    let treatment: Treatment

    /// What a customer's name becomes: the row stays, for the accounts and cases that name it.
    static let erasedName = "[erased]"

    /// Every place, in the order the report lists them.
    static func all(asOf: LocalDate) -> [PersonalDataPlace] {
        [
            PersonalDataPlace(
                table: "customers", contents: "name, ID number, mobile, e-mail, postal address (sealed) and their lookup hashes",
                owners: [.customer(column: "id")],
                holdsData: """
                    name <> '\(erasedName)' OR id_number IS NOT NULL OR id_number_hash IS NOT NULL OR mobile IS NOT NULL OR mobile_hash IS NOT NULL \
                    OR email IS NOT NULL OR email_hash IS NOT NULL OR address IS NOT NULL OR erased_on IS NULL
                    """,
                // `asOf` is a formatted date: digits and dashes only.
                treatment: .anonymise("""
                    name = '\(erasedName)', id_number = NULL, id_number_hash = NULL, mobile = NULL, mobile_hash = NULL, email = NULL, \
                    email_hash = NULL, address = NULL, erased_on = '\(asOf)'
                    """)),
            PersonalDataPlace(table: "contact_points", contents: "phone numbers and addresses recorded for contact, with their labels",
                              owners: [.customer(column: "customer_id")], holdsData: "1 = 1", treatment: .delete),
            PersonalDataPlace(table: "contact_attempts", contents: "collectors' notes of calls, messages and visits",
                              owners: [.customer(column: "customer_id")], holdsData: "note IS NOT NULL", treatment: .anonymise("note = NULL")),
            PersonalDataPlace(table: "customer_flags", contents: "notes on flags (dispute, hardship, deceased...)",
                              owners: [.customer(column: "customer_id")], holdsData: "note IS NOT NULL", treatment: .anonymise("note = NULL")),
            PersonalDataPlace(table: "satisfaction_ratings", contents: "customers' comments",
                              owners: [.customer(column: "customer_id")], holdsData: "comment IS NOT NULL", treatment: .anonymise("comment = NULL")),
            PersonalDataPlace(table: "quality_reviews", contents: "supervisors' notes on the contacts they reviewed",
                              owners: [.parent(column: "contact_attempt_id", parentTable: "contact_attempts", when: nil)],
                              holdsData: "note IS NOT NULL", treatment: .anonymise("note = NULL")),
            PersonalDataPlace(table: "complaints", contents: "complaint text and resolution",
                              owners: [.customer(column: "customer_id")], holdsData: "description IS NOT NULL OR resolution IS NOT NULL",
                              treatment: .anonymise("description = NULL, resolution = NULL")),
            PersonalDataPlace(table: "outbox_messages", contents: "recipients (sealed), subjects and texts of SMS and e-mails, with their self-service links",
                              owners: [.customer(column: "customer_id")],
                              holdsData: "recipient <> '' OR subject IS NOT NULL OR body <> '' OR last_error IS NOT NULL",
                              treatment: .anonymise("recipient = '', subject = NULL, body = '', last_error = NULL")),
            PersonalDataPlace(
                table: "visits", contents: "location, visit report (situation, difficulty, note), photo names, cancellation reason",
                owners: [.customer(column: "customer_id")],
                holdsData: """
                    latitude IS NOT NULL OR longitude IS NOT NULL OR situation IS NOT NULL OR difficulty IS NOT NULL OR note IS NOT NULL \
                    OR photos IS NOT NULL OR cancel_reason IS NOT NULL
                    """,
                treatment: .anonymise("""
                    latitude = NULL, longitude = NULL, situation = NULL, difficulty = NULL, note = NULL, photos = NULL, cancel_reason = NULL
                    """)),
            PersonalDataPlace(
                table: "attachments", contents: "files: visit photos and uploaded legal documents (sealed)",
                owners: [.parent(column: "owner_id", parentTable: "visits", when: "owner_kind = '\(StoredAttachment.OwnerKind.visit.rawValue)'"),
                         .parent(column: "owner_id", parentTable: "legal_cases", when: "owner_kind = '\(StoredAttachment.OwnerKind.legalCase.rawValue)'")],
                holdsData: "1 = 1", treatment: .delete),
            PersonalDataPlace(table: "legal_cases", contents: "court case number and closing reason",
                              owners: [.customer(column: "customer_id")], holdsData: "court_case_number IS NOT NULL OR close_reason IS NOT NULL",
                              treatment: .anonymise("court_case_number = NULL, close_reason = NULL")),
            PersonalDataPlace(table: "legal_stages", contents: "notes of each legal step",
                              owners: [.parent(column: "legal_case_id", parentTable: "legal_cases", when: nil)],
                              holdsData: "note IS NOT NULL", treatment: .anonymise("note = NULL")),
            PersonalDataPlace(table: "legal_costs", contents: "descriptions of legal costs (the amounts stay)",
                              owners: [.parent(column: "legal_case_id", parentTable: "legal_cases", when: nil)],
                              holdsData: "description <> ''", treatment: .anonymise("description = ''")),
            PersonalDataPlace(
                table: "legal_documents", contents: "demand letters (sealed: they carry name and address), document names and file names",
                owners: [.parent(column: "legal_case_id", parentTable: "legal_cases", when: nil)],
                holdsData: "name <> '\(erasedName)' OR body IS NOT NULL OR file_name IS NOT NULL OR attachment_id IS NOT NULL",
                treatment: .anonymise("name = '\(erasedName)', body = NULL, file_name = NULL, attachment_id = NULL")),
            PersonalDataPlace(table: "arrangements", contents: "reasons given for plans, waivers and settlements, and decision notes",
                              owners: [.customer(column: "customer_id")], holdsData: "reason IS NOT NULL OR decision_note IS NOT NULL",
                              treatment: .anonymise("reason = NULL, decision_note = NULL")),
            PersonalDataPlace(table: "inbound_access_grants", contents: "collectors' reasons for opening the customer on an inbound call",
                              owners: [.customer(column: "customer_id")], holdsData: "1 = 1", treatment: .delete),
        ]
    }

    /// The rows of `customers` that hold personal data.
    func condition(customers: [String]) -> SQLQueryString {
        var condition: SQLQueryString = "("
        for (index, owner) in owners.enumerated() {
            if index > 0 { condition.appendLiteral(" OR ") }
            switch owner {
            case .customer(let column):
                condition.appendInterpolation("\(ident: column) IN (\(binds: customers))" as SQLQueryString)
            case .parent(let column, let parentTable, let when):
                condition.appendInterpolation("""
                    (\(unsafeRaw: when.map { $0 + " AND " } ?? "")\(ident: column) IN (SELECT id FROM \(ident: parentTable) WHERE customer_id IN (\(binds: customers))))
                    """ as SQLQueryString)
            }
        }
        condition.appendInterpolation(") AND (\(unsafeRaw: holdsData))" as SQLQueryString)
        return condition
    }

    /// How many rows of `customers` hold personal data here.
    func count(customers: [String], on database: any SQLDatabase) async throws -> Int {
        let query: SQLQueryString = "SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(condition(customers: customers))"
        return try await database.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Empties or deletes the rows of `customers` that hold personal data; returns how many.
    func erase(customers: [String], on database: any SQLDatabase) async throws -> Int {
        let query: SQLQueryString = switch treatment {
        case .anonymise(let set):
            "UPDATE \(ident: table) SET \(unsafeRaw: set) WHERE \(condition(customers: customers)) RETURNING 1 AS changed"
        case .delete:
            "DELETE FROM \(ident: table) WHERE \(condition(customers: customers)) RETURNING 1 AS changed"
        }
        return try await database.raw(query).all().count
    }
}
