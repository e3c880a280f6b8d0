import ArrearsCore
import Foundation
import SQLKit

/// Everything about one case that the person working it needs on one page: the case, the
/// customer (as stored: personal data may be sealed, and the reader masks it as the role
/// requires), the accounts with positions, dues, payments and scores, the contact history, the
/// promises, the open tasks, the collection letters (made, sent or withheld), the flags in force
/// and, when a policy pack is given, whether the customer may be contacted now by call, SMS and visit.
public struct CaseFile: Sendable {
    public struct Attempt: Sendable, Equatable {
        public let id: String
        public let channel: String
        public let contactPoint: String
        public let attemptedAt: String
        public let outcome: String
        public let note: String?
        public let recordedBy: String
        /// The policy rule the attempt breached, when it did.
        public let breachedRule: String?
    }

    /// A flag on the customer, as `arrears flag list` shows it.
    public typealias Flag = RecordedFlag

    /// The channels a person working a case contacts the customer on, in the order shown.
    public static let contactChannels: [ContactChannel] = [.call, .sms, .visit]
    /// How much contact history the file carries, newest first.
    public static let attemptLimit = 50

    public let summary: CaseSummary
    public let openedOn: String
    public let customer: StoredCustomer
    public let accounts: [AccountFile]
    public let attempts: [Attempt]
    public let promises: [StoredPromise]
    public let openTasks: [QueueTask]
    /// The case's collection letters, newest first (`arrears letters print` sends them).
    public let letters: [LetterRecords.CaseLetter]
    public let flags: [Flag]
    /// The pack's verdict now for each of `contactChannels`; empty without a pack.
    public let contactNow: [(channel: ContactChannel, verdict: ContactVerdict)]

    /// The case if it exists and its customer is within `scope`; nil otherwise.
    public static func load(caseId: String, scope: WorkScope, now: Date = Date(), policy: PolicySettings?,
                            on database: any SQLDatabase) async throws -> CaseFile? {
        var query: SQLQueryString = """
            SELECT c.id, c.customer_id, c.status, c.segment, c.bucket, c.dpd, c.overdue_minor, c.currency, c.opened_on,
                (SELECT a.assigned_to FROM actions a WHERE a.case_id = c.id ORDER BY a.business_date DESC LIMIT 1) AS assigned_to
            FROM cases c WHERE c.id = \(bind: caseId)
            """
        scope.restrict(&query, customerColumn: "c.customer_id")
        guard let row = try await database.raw(query).first() else { return nil }
        let customerId = try row.decode(column: "customer_id", as: String.self)
        let summary = CaseSummary(id: caseId, customerId: customerId, status: try row.decode(column: "status", as: String.self),
                                  segment: try row.decode(column: "segment", as: String.self), bucket: try row.decode(column: "bucket", as: String.self),
                                  dpd: try row.decode(column: "dpd", as: Int.self), overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self),
                                  currency: try row.decode(column: "currency", as: String.self),
                                  assignedTo: try row.decode(column: "assigned_to", as: String?.self))
        guard let customer = try await CustomerRepository.find(id: customerId, scope: .all, on: database) else { return nil }
        var contactNow: [(channel: ContactChannel, verdict: ContactVerdict)] = []
        if let policy {
            let standing = try await ContactRecords.standing(of: customerId, at: now, lookbackDays: policy.pack.lookbackDays, on: database)
            let decisions = contactChannels.map { policy.pack.check(ContactRequest(channel: $0, at: now), customerId: customerId, standing: standing) }
            contactNow = zip(contactChannels, decisions).map { ($0, ContactVerdict($1)) }
        }
        return CaseFile(summary: summary, openedOn: try row.decode(column: "opened_on", as: String.self), customer: customer,
                        accounts: try await AccountFile.all(customerId: customerId, on: database),
                        attempts: try await attempts(of: customerId, on: database),
                        promises: try await PromiseRecords.promises(ofKnownCustomer: customerId, on: database),
                        openTasks: try await openTasks(of: caseId, on: database),
                        letters: try await LetterRecords.letters(ofCase: caseId, on: database),
                        flags: try await flags(of: customerId, on: LocalMoment(now, offset: 0).date, database: database), contactNow: contactNow)
    }

    private static func attempts(of customerId: String, on database: any SQLDatabase) async throws -> [Attempt] {
        try await database.raw("""
            SELECT id, channel, contact_point, attempted_at, outcome, note, recorded_by, breached_rule FROM contact_attempts
            WHERE customer_id = \(bind: customerId) ORDER BY attempted_at DESC, id LIMIT \(bind: attemptLimit)
            """).all().map { row in
            Attempt(id: try row.decode(column: "id", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                    contactPoint: try row.decode(column: "contact_point", as: String.self),
                    attemptedAt: try row.decode(column: "attempted_at", as: String.self), outcome: try row.decode(column: "outcome", as: String.self),
                    note: try row.decode(column: "note", as: String?.self), recordedBy: try row.decode(column: "recorded_by", as: String.self),
                    breachedRule: try row.decode(column: "breached_rule", as: String?.self))
        }
    }

    private static func openTasks(of caseId: String, on database: any SQLDatabase) async throws -> [QueueTask] {
        try await database.raw("""
            SELECT a.id, a.customer_id, a.business_date, a.treatment, a.channel, a.priority, a.assigned_to, c.dpd, c.bucket, c.overdue_minor, c.currency, cu.name
            FROM actions a JOIN cases c ON c.id = a.case_id JOIN customers cu ON cu.id = a.customer_id
            WHERE a.case_id = \(bind: caseId) AND \(unsafeRaw: WorkQueue.openTask)
            """).all().map { row in
            QueueTask(id: try row.decode(column: "id", as: String.self), caseId: caseId, customerId: try row.decode(column: "customer_id", as: String.self),
                      customerName: try row.decode(column: "name", as: String.self), businessDate: try row.decode(column: "business_date", as: String.self),
                      treatment: try row.decode(column: "treatment", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                      priority: try row.decode(column: "priority", as: Int64.self), dpd: try row.decode(column: "dpd", as: Int.self),
                      bucket: try row.decode(column: "bucket", as: String.self), overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self),
                      currency: try row.decode(column: "currency", as: String.self), contactNow: nil)
        }
    }

    /// The flags that have not ended before `day`.
    private static func flags(of customerId: String, on day: LocalDate, database: any SQLDatabase) async throws -> [Flag] {
        try await ContactRecords.flags(of: customerId, holdingOn: day, on: database)
    }
}
