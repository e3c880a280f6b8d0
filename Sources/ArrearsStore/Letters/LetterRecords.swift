import ArrearsCore
import Foundation
import SQLKit

/// The `letters` table: the collection letters the daily run decided, and whether each was
/// printed (sent) or withheld.
public enum LetterRecords {
    /// What a letter's row holds, as written by the daily run; a letter that exists is left as it is.
    public static let table = BulkInsert(
        table: "letters",
        columns: ["id", "case_id", "customer_id", "action_id", "business_date", "template", "language", "currency", "overdue_minor", "dpd", "due_on", "status"],
        key: ["id"], onConflict: .ignore)

    public enum Status: String, Sendable {
        /// Decided by the daily run, not printed yet.
        case queued
        /// Printed for the post by `arrears letters print`: sent.
        case printed
        /// Found blocked when it was to be printed (a flag recorded after the run, no address).
        case withheld
    }

    /// The letter to customer `customerId` of business date `date` (`LTR-C1-20261207`): a
    /// customer has one open case and it one action a day, so re-running the day or the print
    /// finds the same letter.
    public static func id(customerId: String, on date: LocalDate) -> String {
        "LTR-\(customerId)-\(date.description.replacingOccurrences(of: "-", with: ""))"
    }

    /// A letter with its customer's name and address as stored (they may be sealed: open them
    /// with `Store.openField`).
    public struct Letter: Sendable, Equatable {
        public let id: String
        public let caseId: String
        public let customerId: String
        public let businessDate: String
        public let template: String
        public let language: String
        public let currency: String
        public let overdueMinor: Int64
        public let dpd: Int
        public let dueOn: String
        public let status: String
        public let reason: String?
        public let printedAt: String?
        public let storedName: String
        public let storedAddress: String?

        public init(id: String, caseId: String, customerId: String, businessDate: String, template: String, language: String, currency: String,
                    overdueMinor: Int64, dpd: Int, dueOn: String, status: String, reason: String?, printedAt: String?, storedName: String,
                    storedAddress: String?) {
            self.id = id
            self.caseId = caseId
            self.customerId = customerId
            self.businessDate = businessDate
            self.template = template
            self.language = language
            self.currency = currency
            self.overdueMinor = overdueMinor
            self.dpd = dpd
            self.dueOn = dueOn
            self.status = status
            self.reason = reason
            self.printedAt = printedAt
            self.storedName = storedName
            self.storedAddress = storedAddress
        }
    }

    /// The letters of business date `date`, by id.
    public static func letters(of date: LocalDate, on database: any SQLDatabase) async throws -> [Letter] {
        try await database.raw("""
            SELECT l.id, l.case_id, l.customer_id, l.business_date, l.template, l.language, l.currency, l.overdue_minor, l.dpd, l.due_on,
                l.status, l.reason, l.printed_at, cu.name, cu.address
            FROM letters l JOIN customers cu ON cu.id = l.customer_id
            WHERE l.business_date = \(bind: date.description) ORDER BY l.id
            """).all().map { row in
            Letter(id: try row.decode(column: "id", as: String.self), caseId: try row.decode(column: "case_id", as: String.self),
                   customerId: try row.decode(column: "customer_id", as: String.self), businessDate: try row.decode(column: "business_date", as: String.self),
                   template: try row.decode(column: "template", as: String.self), language: try row.decode(column: "language", as: String.self),
                   currency: try row.decode(column: "currency", as: String.self), overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self),
                   dpd: try row.decode(column: "dpd", as: Int.self), dueOn: try row.decode(column: "due_on", as: String.self),
                   status: try row.decode(column: "status", as: String.self), reason: try row.decode(column: "reason", as: String?.self),
                   printedAt: try row.decode(column: "printed_at", as: String?.self), storedName: try row.decode(column: "name", as: String.self),
                   storedAddress: try row.decode(column: "address", as: String?.self))
        }
    }

    /// Records that the queued letter `id` was printed at `at` by `actor`; false when it was not
    /// queued (printed before, or withheld), which changes nothing.
    public static func markPrinted(_ id: String, at: Date, by actor: String, on database: any SQLDatabase) async throws -> Bool {
        let changed = try await database.raw("""
            UPDATE letters SET status = \(bind: Status.printed.rawValue), printed_at = \(bind: ContactRecords.timestamp(at)), printed_by = \(bind: actor)
            WHERE id = \(bind: id) AND status = \(bind: Status.queued.rawValue)
            RETURNING id
            """).all()
        return !changed.isEmpty
    }

    /// Records that the queued letter `id` is not sent, and why.
    public static func withhold(_ id: String, reason: String, on database: any SQLDatabase) async throws {
        try await database.raw("""
            UPDATE letters SET status = \(bind: Status.withheld.rawValue), reason = \(bind: reason)
            WHERE id = \(bind: id) AND status = \(bind: Status.queued.rawValue)
            """).run()
    }

    /// A letter of a case, as its case file lists it.
    public struct CaseLetter: Sendable, Equatable {
        public let id: String
        public let businessDate: String
        public let template: String
        public let language: String
        public let currency: String
        public let overdueMinor: Int64
        public let status: String
        public let reason: String?
        public let printedAt: String?
    }

    /// The letters of case `caseId`, newest first.
    public static func letters(ofCase caseId: String, limit: Int = 50, on database: any SQLDatabase) async throws -> [CaseLetter] {
        try await database.raw("""
            SELECT id, business_date, template, language, currency, overdue_minor, status, reason, printed_at FROM letters
            WHERE case_id = \(bind: caseId) ORDER BY business_date DESC, id LIMIT \(bind: limit)
            """).all().map { row in
            CaseLetter(id: try row.decode(column: "id", as: String.self), businessDate: try row.decode(column: "business_date", as: String.self),
                       template: try row.decode(column: "template", as: String.self), language: try row.decode(column: "language", as: String.self),
                       currency: try row.decode(column: "currency", as: String.self), overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self),
                       status: try row.decode(column: "status", as: String.self), reason: try row.decode(column: "reason", as: String?.self),
                       printedAt: try row.decode(column: "printed_at", as: String?.self))
        }
    }
}
