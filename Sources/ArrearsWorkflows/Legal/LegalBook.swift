import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// Legal cases (issue 5): opened on a collection case, moved through `LegalStage` by the rules
/// of `LegalMove`, with costs and documents. Every change is audited in its own transaction:
/// `legal_case_opened`, `legal_stage_moved`, `legal_cost_added`, `legal_document_added`.
///
/// A case is opened when the daily run referred it (its latest action's treatment is
/// `legal_review`) or, with a reason, by a legal officer (`byOfficer`); anyone else is refused.
/// The legal case's id is `LC-` and the collection case's id: one per collection case.
public struct LegalBook: Sendable {
    public let store: Store
    public static let referralTreatment = "legal_review"
    public static let maximumDescriptionLength = 200

    public init(store: Store) { self.store = store }

    public func open(caseId: String, reason: String?, byOfficer: Bool, by actor: String, now: Date = Date()) async throws -> StoredLegalCase {
        let id = "LC-" + caseId, today = LocalMoment(now, offset: 0).date.description, at = ContactRecords.timestamp(now)
        if let reason, reason.count > LegalMove.maximumTextLength { throw LegalError.invalid(field: "reason", message: "at most \(LegalMove.maximumTextLength) characters") }
        try await store.transaction { database in
            guard let row = try await database.raw("""
                SELECT c.customer_id, (SELECT a.treatment FROM actions a WHERE a.case_id = c.id ORDER BY a.business_date DESC, a.id DESC LIMIT 1) AS treatment
                FROM cases c WHERE c.id = \(bind: caseId)
                """).first() else { throw LegalError.notFound(field: "case_id", id: caseId) }
            let referred = try row.decode(column: "treatment", as: String?.self) == Self.referralTreatment
            guard referred || byOfficer else {
                throw LegalError.invalid(field: "case_id", message: "the daily run has not referred the case to legal review; a legal officer may open it with a reason")
            }
            guard referred || !(reason ?? "").isEmpty else { throw LegalError.invalid(field: "reason", message: "a case the daily run did not refer needs a reason") }
            guard try await database.raw("SELECT id FROM legal_cases WHERE case_id = \(bind: caseId)").first() == nil else {
                throw LegalError.conflict(code: "legal_case_exists", field: "case_id", message: "case_id: the case is already in legal as \(id)")
            }
            let customerId = try row.decode(column: "customer_id", as: String.self)
            let referral = referred ? Self.referralTreatment : "officer"
            try await database.raw("""
                INSERT INTO legal_cases (id, case_id, customer_id, stage, stage_on, referral, opened_on, opened_by, updated_at)
                VALUES (\(bind: id), \(bind: caseId), \(bind: customerId), 'review', \(bind: today), \(bind: referral), \(bind: today), \(bind: actor), \(bind: at))
                """).run()
            try await Self.recordStage(id, .review, on: today, note: reason, sequence: 1, by: actor, at: at, on: database)
            var details = ["legal_case_id": id, "case_id": caseId, "referral": referral]
            details["reason"] = reason
            try await AuditLog.append([AuditEvent(actor: actor, action: "legal_case_opened", subject: customerId, details: details)], at: now, on: database)
        }
        return try await find(id)!
    }

    /// The legal case with its stages, costs and documents, if it exists.
    public func find(_ id: String) async throws -> StoredLegalCase? {
        let database = store.sql
        guard var legal = try await database.raw("SELECT \(unsafeRaw: StoredLegalCase.columns) \(unsafeRaw: StoredLegalCase.from) WHERE l.id = \(bind: id)")
            .first().map(StoredLegalCase.init) else { return nil }
        legal.stages = try await database.raw("SELECT * FROM legal_stages WHERE legal_case_id = \(bind: id) ORDER BY sequence").all().map { row in
            StoredLegalCase.StageEntry(stage: LegalStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .review,
                                       enteredOn: try row.decode(column: "entered_on", as: String.self), note: try row.decode(column: "note", as: String?.self),
                                       recordedBy: try row.decode(column: "recorded_by", as: String.self),
                                       recordedAt: try row.decode(column: "recorded_at", as: String.self))
        }
        legal.costs = try await database.raw("SELECT * FROM legal_costs WHERE legal_case_id = \(bind: id) ORDER BY incurred_on, recorded_at, id").all().map { row in
            StoredLegalCase.Cost(id: try row.decode(column: "id", as: String.self), amountMinor: try row.decode(column: "amount_minor", as: Int64.self),
                                 currency: try row.decode(column: "currency", as: String.self), description: try row.decode(column: "description", as: String.self),
                                 incurredOn: try row.decode(column: "incurred_on", as: String.self), recordedBy: try row.decode(column: "recorded_by", as: String.self))
        }
        let files = Dictionary((try await AttachmentRecords.list(owner: .legalCase, [id], on: database)[id] ?? []).map { ($0.id, $0) },
                               uniquingKeysWith: { first, _ in first })
        legal.documents = try await database.raw("""
            SELECT id, name, kind, file_name, language, created_by, created_at, attachment_id FROM legal_documents WHERE legal_case_id = \(bind: id)
            ORDER BY created_at, id
            """).all().map { row in
            StoredLegalCase.Document(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                                     kind: try row.decode(column: "kind", as: String.self), fileName: try row.decode(column: "file_name", as: String?.self),
                                     language: try row.decode(column: "language", as: String?.self),
                                     createdBy: try row.decode(column: "created_by", as: String.self), createdAt: try row.decode(column: "created_at", as: String.self),
                                     file: try row.decode(column: "attachment_id", as: String?.self).flatMap { files[$0] })
        }
        return legal
    }

    /// Legal cases by id, optionally of one stage; `after` is the last id of the page before.
    public func list(stage: LegalStage?, after: String?, limit: Int) async throws -> [StoredLegalCase] {
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredLegalCase.columns) \(unsafeRaw: StoredLegalCase.from) WHERE 1 = 1"
        if let stage {
            query.appendLiteral(" AND l.stage = ")
            query.appendInterpolation(bind: stage.rawValue)
        }
        if let after {
            query.appendLiteral(" AND l.id > ")
            query.appendInterpolation(bind: after)
        }
        query.appendLiteral(" ORDER BY l.id LIMIT \(max(1, limit))")
        return try await store.sql.raw(query).all().map(StoredLegalCase.init)
    }

    /// How many legal cases stand in each stage.
    public func countsByStage() async throws -> [LegalStage: Int] {
        var counts: [LegalStage: Int] = [:]
        for row in try await store.sql.raw("SELECT stage, COUNT(*) AS n FROM legal_cases GROUP BY stage").all() {
            if let stage = LegalStage(rawValue: try row.decode(column: "stage", as: String.self)) { counts[stage] = try row.decode(column: "n", as: Int.self) }
        }
        return counts
    }

    /// Moves the case as `move` asks, if `LegalMove.check` allows it from the stored stage.
    public func move(_ id: String, _ move: LegalMove, by actor: String, now: Date = Date()) async throws -> StoredLegalCase {
        let today = LocalMoment(now, offset: 0).date, at = ContactRecords.timestamp(now)
        try await store.transaction { database in
            guard let row = try await database.raw("""
                SELECT l.customer_id, l.stage, l.stage_on, l.court_name, (SELECT MAX(s.sequence) FROM legal_stages s WHERE s.legal_case_id = l.id) AS last
                FROM legal_cases l WHERE l.id = \(bind: id)
                """).first() else { throw LegalError.notFound(field: "id", id: id) }
            let stage = LegalStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .review
            let since = LocalDate(iso: try row.decode(column: "stage_on", as: String.self)) ?? today
            let court = try row.decode(column: "court_name", as: String?.self)
            do throws(LegalMoveError) { try move.check(from: stage, since: since, today: today, knownCourt: court) } catch {
                throw LegalError(error)
            }
            let updated = try await database.raw("""
                UPDATE legal_cases SET stage = \(bind: move.to.rawValue), stage_on = \(bind: move.on.description),
                    court_name = COALESCE(\(bind: move.courtName), court_name), court_case_number = COALESCE(\(bind: move.courtCaseNumber), court_case_number),
                    close_reason = \(bind: move.to == .closed ? move.reason : nil), updated_at = \(bind: at)
                WHERE id = \(bind: id) AND stage = \(bind: stage.rawValue) RETURNING id
                """).all()
            guard !updated.isEmpty else { throw LegalError(.refused(from: stage, to: move.to)) }
            try await Self.recordStage(id, move.to, on: move.on.description, note: move.reason, sequence: (try row.decode(column: "last", as: Int?.self) ?? 0) + 1,
                                       by: actor, at: at, on: database)
            var details = ["legal_case_id": id, "from": stage.rawValue, "to": move.to.rawValue, "on": move.on.description]
            details["court_name"] = move.courtName
            details["court_case_number"] = move.courtCaseNumber
            details["reason"] = move.reason
            try await AuditLog.append([AuditEvent(actor: actor, action: "legal_stage_moved", subject: try row.decode(column: "customer_id", as: String.self),
                                                  details: details)], at: now, on: database)
        }
        return try await find(id)!
    }

    public struct NewCost: Sendable {
        public let amountMinor: Int64
        public let currency: String
        public let description: String
        public let incurredOn: LocalDate

        public init(amountMinor: Int64, currency: String, description: String, incurredOn: LocalDate) {
            self.amountMinor = amountMinor
            self.currency = currency
            self.description = description
            self.incurredOn = incurredOn
        }
    }

    /// Adds a cost (court fees, a lawyer's bill) to the case, closed or not: bills come late.
    public func addCost(_ id: String, _ cost: NewCost, by actor: String, now: Date = Date()) async throws -> StoredLegalCase {
        guard cost.amountMinor > 0 else { throw LegalError.invalid(field: "amount", message: "a cost is more than zero") }
        guard Currency(code: cost.currency) != nil else { throw LegalError.invalid(field: "currency", message: "an ISO 4217 code such as CNY") }
        let description = cost.description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !description.isEmpty, description.count <= Self.maximumDescriptionLength else {
            throw LegalError.invalid(field: "description", message: "1 to \(Self.maximumDescriptionLength) characters")
        }
        guard cost.incurredOn <= LocalMoment(now, offset: 0).date else { throw LegalError.invalid(field: "incurred_on", message: "the date is in the future") }
        let costId = "LCOST-" + UUID().uuidString.lowercased()
        try await store.transaction { database in
            guard let row = try await database.raw("SELECT customer_id FROM legal_cases WHERE id = \(bind: id)").first() else {
                throw LegalError.notFound(field: "id", id: id)
            }
            try await database.raw("""
                INSERT INTO legal_costs (id, legal_case_id, amount_minor, currency, description, incurred_on, recorded_by, recorded_at)
                VALUES (\(bind: costId), \(bind: id), \(bind: cost.amountMinor), \(bind: cost.currency), \(bind: description),
                        \(bind: cost.incurredOn.description), \(bind: actor), \(bind: ContactRecords.timestamp(now)))
                """).run()
            try await AuditLog.append([AuditEvent(actor: actor, action: "legal_cost_added", subject: try row.decode(column: "customer_id", as: String.self), details: [
                "legal_case_id": id, "cost_id": costId, "amount_minor": String(cost.amountMinor), "currency": cost.currency, "description": description,
            ])], at: now, on: database)
        }
        return try await find(id)!
    }

    public struct NewDocument: Sendable {
        public let name: String
        public let kind: String
        public let fileName: String?
        public let body: String?
        public let language: String?

        public init(name: String, kind: String, fileName: String? = nil, body: String? = nil, language: String? = nil) {
            self.name = name
            self.kind = kind
            self.fileName = fileName
            self.body = body
            self.language = language
        }
    }

    /// Adds a document: the name of a file kept elsewhere, or its text.
    public func addDocument(_ id: String, _ document: NewDocument, by actor: String, now: Date = Date()) async throws -> String {
        try await store.transaction { [store] database in try await Self.addDocument(id, document, store: store, by: actor, now: now, on: database) }
    }

    /// `attachmentId` names the uploaded file the document is (`addFile`). A text is stored sealed
    /// with `store`'s data key (a demand letter carries the customer's address).
    static func addDocument(_ id: String, _ document: NewDocument, attachmentId: String? = nil, store: Store, by actor: String, now: Date,
                            on database: any SQLDatabase) async throws -> String {
        guard !document.name.isEmpty, document.name.count <= Self.maximumDescriptionLength else {
            throw LegalError.invalid(field: "name", message: "1 to \(Self.maximumDescriptionLength) characters")
        }
        guard (document.fileName == nil) != (document.body == nil) else { throw LegalError.invalid(field: "file_name", message: "give a file name or the text, one of them") }
        guard let row = try await database.raw("SELECT customer_id FROM legal_cases WHERE id = \(bind: id)").first() else {
            throw LegalError.notFound(field: "id", id: id)
        }
        let documentId = "LDOC-" + UUID().uuidString.lowercased()
        try await database.raw("""
            INSERT INTO legal_documents (id, legal_case_id, name, kind, file_name, body, language, created_by, created_at, attachment_id)
            VALUES (\(bind: documentId), \(bind: id), \(bind: document.name), \(bind: document.kind), \(bind: document.fileName), \(bind: store.sealField(document.body)),
                    \(bind: document.language), \(bind: actor), \(bind: ContactRecords.timestamp(now)), \(bind: attachmentId))
            """).run()
        var details = ["legal_case_id": id, "document_id": documentId, "kind": document.kind]
        details["attachment_id"] = attachmentId
        try await AuditLog.append([AuditEvent(actor: actor, action: "legal_document_added", subject: try row.decode(column: "customer_id", as: String.self),
                                              details: details)], at: now, on: database)
        return documentId
    }

    /// A document's text (a letter with the customer's address), read in the transaction that
    /// records the view as `view_personal_data`: no reading without its record. The text is
    /// stored sealed when the store has a data key, and opened here.
    public func documentText(_ id: String, document documentId: String, by actor: String, now: Date = Date()) async throws -> (document: StoredLegalCase.Document, body: String?) {
        try await store.transaction { database in
            guard let row = try await database.raw("""
                SELECT d.id, d.name, d.kind, d.file_name, d.body, d.language, d.created_by, d.created_at, l.customer_id
                FROM legal_documents d JOIN legal_cases l ON l.id = d.legal_case_id WHERE d.id = \(bind: documentId) AND d.legal_case_id = \(bind: id)
                """).first() else { throw LegalError.notFound(field: "document", id: documentId) }
            let body = try store.openField(try row.decode(column: "body", as: String?.self))
            if body != nil {
                try await AuditLog.append([AuditEvent(actor: actor, action: "view_personal_data", subject: try row.decode(column: "customer_id", as: String.self),
                                                      details: ["fields": "address,name", "reason": "legal document \(documentId) of \(id)"])], at: now, on: database)
            }
            let document = StoredLegalCase.Document(id: documentId, name: try row.decode(column: "name", as: String.self),
                                                    kind: try row.decode(column: "kind", as: String.self), fileName: try row.decode(column: "file_name", as: String?.self),
                                                    language: try row.decode(column: "language", as: String?.self),
                                                    createdBy: try row.decode(column: "created_by", as: String.self),
                                                    createdAt: try row.decode(column: "created_at", as: String.self), file: nil)
            return (document, body)
        }
    }

    static func recordStage(_ id: String, _ stage: LegalStage, on day: String, note: String?, sequence: Int, by actor: String, at: String,
                            on database: any SQLDatabase) async throws {
        try await database.raw("""
            INSERT INTO legal_stages (legal_case_id, sequence, stage, entered_on, note, recorded_by, recorded_at)
            VALUES (\(bind: id), \(bind: sequence), \(bind: stage.rawValue), \(bind: day), \(bind: note), \(bind: actor), \(bind: at))
            """).run()
    }
}
