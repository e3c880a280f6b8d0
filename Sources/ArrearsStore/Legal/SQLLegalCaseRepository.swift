import ArrearsCore
import Foundation
import SQLKit

/// The legal book's rows in the database: `legal_cases`, `legal_stages`, `legal_costs` and
/// `legal_documents`, read with the case's customer and its uploaded files.
public struct SQLLegalCaseRepository: LegalCaseRepository {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func transaction<T: Sendable>(_ work: @escaping @Sendable (any LegalCaseTransaction) async throws -> T) async throws -> T {
        let store = store
        return try await store.transaction { database in try await work(SQLLegalCaseTransaction(store: store, database: database)) }
    }

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

    public func countsByStage() async throws -> [LegalStage: Int] {
        var counts: [LegalStage: Int] = [:]
        for row in try await store.sql.raw("SELECT stage, COUNT(*) AS n FROM legal_cases GROUP BY stage").all() {
            if let stage = LegalStage(rawValue: try row.decode(column: "stage", as: String.self)) { counts[stage] = try row.decode(column: "n", as: Int.self) }
        }
        return counts
    }
}

/// One transaction of `SQLLegalCaseRepository`; `store`'s data key seals and opens the
/// customer's address, the documents' texts and the uploaded files.
struct SQLLegalCaseTransaction: LegalCaseTransaction {
    let store: Store
    let database: any SQLDatabase

    func referral(ofCase caseId: String) async throws -> (customerId: String, latestTreatment: String?)? {
        guard let row = try await database.raw("""
            SELECT c.customer_id, (SELECT a.treatment FROM actions a WHERE a.case_id = c.id ORDER BY a.business_date DESC, a.id DESC LIMIT 1) AS treatment
            FROM cases c WHERE c.id = \(bind: caseId)
            """).first() else { return nil }
        return (try row.decode(column: "customer_id", as: String.self), try row.decode(column: "treatment", as: String?.self))
    }

    func hasLegalCase(caseId: String) async throws -> Bool {
        try await database.raw("SELECT id FROM legal_cases WHERE case_id = \(bind: caseId)").first() != nil
    }

    func insert(_ legal: NewLegalCase) async throws {
        try await database.raw("""
            INSERT INTO legal_cases (id, case_id, customer_id, stage, stage_on, referral, opened_on, opened_by, updated_at)
            VALUES (\(bind: legal.id), \(bind: legal.caseId), \(bind: legal.customerId), 'review', \(bind: legal.openedOn), \(bind: legal.referral),
                    \(bind: legal.openedOn), \(bind: legal.openedBy), \(bind: legal.at))
            """).run()
        try await recordStage(legal.id, .review, on: legal.openedOn, note: legal.reason, sequence: 1, by: legal.openedBy, at: legal.at)
    }

    func standing(_ id: String) async throws -> LegalCaseStanding? {
        guard let row = try await database.raw("""
            SELECT l.customer_id, l.stage, l.stage_on, l.court_name, (SELECT MAX(s.sequence) FROM legal_stages s WHERE s.legal_case_id = l.id) AS last
            FROM legal_cases l WHERE l.id = \(bind: id)
            """).first() else { return nil }
        return LegalCaseStanding(customerId: try row.decode(column: "customer_id", as: String.self),
                                 stage: LegalStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .review,
                                 stageOn: try row.decode(column: "stage_on", as: String.self), courtName: try row.decode(column: "court_name", as: String?.self),
                                 lastSequence: try row.decode(column: "last", as: Int?.self) ?? 0)
    }

    func move(_ id: String, from stage: LegalStage, _ move: LegalMove, sequence: Int, by actor: String, at: String) async throws -> Bool {
        let updated = try await database.raw("""
            UPDATE legal_cases SET stage = \(bind: move.to.rawValue), stage_on = \(bind: move.on.description),
                court_name = COALESCE(\(bind: move.courtName), court_name), court_case_number = COALESCE(\(bind: move.courtCaseNumber), court_case_number),
                close_reason = \(bind: move.to == .closed ? move.reason : nil), updated_at = \(bind: at)
            WHERE id = \(bind: id) AND stage = \(bind: stage.rawValue) RETURNING id
            """).all()
        guard !updated.isEmpty else { return false }
        try await recordStage(id, move.to, on: move.on.description, note: move.reason, sequence: sequence, by: actor, at: at)
        return true
    }

    func customerId(ofLegalCase id: String) async throws -> String? {
        try await database.raw("SELECT customer_id FROM legal_cases WHERE id = \(bind: id)").first()?.decode(column: "customer_id", as: String.self)
    }

    func flags(ofCustomer customerId: String) async throws -> [CustomerFlag] {
        try await ContactRecords.flags(of: customerId, on: database).compactMap { flag in
            guard let kind = CustomerFlag.Kind(rawValue: flag.flag) else { return nil }
            return CustomerFlag(kind: kind, channel: flag.channel.flatMap(ContactChannel.init(rawValue:)), from: flag.startsOn.flatMap(LocalDate.init(iso:)),
                                until: flag.endsOn.flatMap(LocalDate.init(iso:)), value: flag.value)
        }
    }

    func latestPayBy(ofLegalCase id: String) async throws -> LocalDate? {
        try await database.raw("SELECT MAX(pay_by) AS pay_by FROM legal_documents WHERE legal_case_id = \(bind: id) AND pay_by IS NOT NULL")
            .first()?.decode(column: "pay_by", as: String?.self).flatMap(LocalDate.init(iso:))
    }

    func insert(_ cost: NewLegalCost) async throws {
        try await database.raw("""
            INSERT INTO legal_costs (id, legal_case_id, amount_minor, currency, description, incurred_on, recorded_by, recorded_at)
            VALUES (\(bind: cost.id), \(bind: cost.legalCaseId), \(bind: cost.amountMinor), \(bind: cost.currency), \(bind: cost.description),
                    \(bind: cost.incurredOn), \(bind: cost.recordedBy), \(bind: cost.recordedAt))
            """).run()
    }

    func audit(_ events: [AuditEvent], at now: Date) async throws {
        try await AuditLog.append(events, at: now, on: database)
    }

    func addressee(ofLegalCase id: String) async throws -> LegalLetterAddressee? {
        guard let row = try await database.raw("""
            SELECT l.stage, l.case_id, l.customer_id, cu.name, cu.address, cu.language FROM legal_cases l JOIN customers cu ON cu.id = l.customer_id
            WHERE l.id = \(bind: id)
            """).first() else { return nil }
        return LegalLetterAddressee(stage: LegalStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .review,
                                    caseId: try row.decode(column: "case_id", as: String.self), customerId: try row.decode(column: "customer_id", as: String.self),
                                    name: try row.decode(column: "name", as: String.self),
                                    address: try store.openField(try row.decode(column: "address", as: String?.self)),
                                    language: try row.decode(column: "language", as: String.self))
    }

    func overdueAccounts(ofCustomer customerId: String) async throws -> [LetterAccount] {
        try await database.raw("""
            SELECT a.id, a.product, a.currency, p.overdue_minor, p.outstanding_minor, p.dpd
            FROM accounts a JOIN account_positions p ON p.account_id = a.id
            WHERE a.customer_id = \(bind: customerId) AND p.overdue_minor > 0 ORDER BY a.id
            """).all().map { row in
            LetterAccount(id: try row.decode(column: "id", as: String.self), product: try row.decode(column: "product", as: String.self),
                          currency: try row.decode(column: "currency", as: String.self), overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self),
                          outstandingMinor: try row.decode(column: "outstanding_minor", as: Int64.self), dpd: try row.decode(column: "dpd", as: Int.self))
        }
    }

    func insert(_ document: NewLegalDocument) async throws {
        try await database.raw("""
            INSERT INTO legal_documents (id, legal_case_id, name, kind, file_name, body, language, created_by, created_at, attachment_id, pay_by)
            VALUES (\(bind: document.id), \(bind: document.legalCaseId), \(bind: document.name), \(bind: document.kind), \(bind: document.fileName),
                    \(bind: store.sealField(document.body)), \(bind: document.language), \(bind: document.createdBy), \(bind: document.createdAt),
                    \(bind: document.attachmentId), \(bind: document.payBy?.description))
            """).run()
    }

    func document(_ documentId: String, ofLegalCase id: String) async throws -> LegalDocumentRecord? {
        guard let row = try await database.raw("""
            SELECT d.id, d.name, d.kind, d.file_name, d.body, d.language, d.created_by, d.created_at, d.attachment_id, l.customer_id
            FROM legal_documents d JOIN legal_cases l ON l.id = d.legal_case_id WHERE d.id = \(bind: documentId) AND d.legal_case_id = \(bind: id)
            """).first() else { return nil }
        let document = StoredLegalCase.Document(id: documentId, name: try row.decode(column: "name", as: String.self),
                                                kind: try row.decode(column: "kind", as: String.self), fileName: try row.decode(column: "file_name", as: String?.self),
                                                language: try row.decode(column: "language", as: String?.self),
                                                createdBy: try row.decode(column: "created_by", as: String.self),
                                                createdAt: try row.decode(column: "created_at", as: String.self), file: nil)
        return LegalDocumentRecord(document: document, customerId: try row.decode(column: "customer_id", as: String.self),
                                   body: try store.openField(try row.decode(column: "body", as: String?.self)),
                                   attachmentId: try row.decode(column: "attachment_id", as: String?.self))
    }

    func insertFile(_ file: AttachmentUpload.Checked, ofLegalCase id: String, by actor: String, at now: Date) async throws -> StoredAttachment {
        try await AttachmentRecords.insert(file, owner: .legalCase, id, store: store, by: actor, at: now, on: database)
    }

    func file(_ attachmentId: String, ofLegalCase id: String) async throws -> (attachment: StoredAttachment, bytes: Data)? {
        try await AttachmentRecords.open(attachmentId, owner: .legalCase, id, store: store, on: database)
    }

    private func recordStage(_ id: String, _ stage: LegalStage, on day: String, note: String?, sequence: Int, by actor: String, at: String) async throws {
        try await database.raw("""
            INSERT INTO legal_stages (legal_case_id, sequence, stage, entered_on, note, recorded_by, recorded_at)
            VALUES (\(bind: id), \(bind: sequence), \(bind: stage.rawValue), \(bind: day), \(bind: note), \(bind: actor), \(bind: at))
            """).run()
    }
}
