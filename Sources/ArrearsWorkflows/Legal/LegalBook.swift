import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// Legal cases (issue 5): opened on a collection case, moved through `LegalStage` by the rules
/// of `LegalMove` (`LegalCaseWorkflow`), with costs and documents. Every change is audited in its own transaction:
/// `legal_case_opened`, `legal_stage_moved`, `legal_cost_added`, `legal_document_added`.
///
/// A case is opened when the daily run referred it (its latest action's treatment is
/// `legal_review`) or, with a reason, by a legal officer (`byOfficer`); anyone else is refused.
/// The legal case's id is `LC-` and the collection case's id: one per collection case.
public struct LegalBook: Sendable {
    public let store: Store
    /// The time gates (`config/legal.yaml`) and the policy pack whose flag rules name a refusal.
    public let gates: LegalTimeGates
    public let pack: PolicyPack?
    public static let referralTreatment = "legal_review"
    public static let maximumDescriptionLength = 200

    public init(store: Store, gates: LegalTimeGates = .standard, pack: PolicyPack? = nil) {
        self.store = store
        self.gates = gates
        self.pack = pack
    }

    /// The rules of opening, moving and costing a legal case, on the database.
    public var cases: LegalCaseWorkflow { LegalCaseWorkflow(repository: SQLLegalCaseRepository(store: store), gates: gates, pack: pack) }

    /// Opens a legal case on a collection case (`LegalCaseWorkflow.open`).
    public func open(caseId: String, reason: String?, byOfficer: Bool, by actor: String, now: Date = Date()) async throws -> StoredLegalCase {
        try await cases.open(caseId: caseId, reason: reason, byOfficer: byOfficer, by: actor, now: now)
    }

    /// The legal case with its stages, costs and documents, if it exists.
    public func find(_ id: String) async throws -> StoredLegalCase? { try await cases.find(id) }

    /// Legal cases by id, optionally of one stage; `after` is the last id of the page before.
    public func list(stage: LegalStage?, after: String?, limit: Int) async throws -> [StoredLegalCase] {
        try await cases.list(stage: stage, after: after, limit: limit)
    }

    /// How many legal cases stand in each stage.
    public func countsByStage() async throws -> [LegalStage: Int] { try await cases.countsByStage() }

    /// Moves the case as `move` asks (`LegalCaseWorkflow.move`).
    public func move(_ id: String, _ move: LegalMove, by actor: String, now: Date = Date()) async throws -> StoredLegalCase {
        try await cases.move(id, move, by: actor, now: now)
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

    /// Adds a cost to the case (`LegalCaseWorkflow.addCost`).
    public func addCost(_ id: String, _ cost: NewCost, by actor: String, now: Date = Date()) async throws -> StoredLegalCase {
        try await cases.addCost(id, cost, by: actor, now: now)
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

    /// `attachmentId` names the uploaded file the document is (`addFile`); `payBy` is the date a
    /// demand letter gives the customer. A text is stored sealed with `store`'s data key (a
    /// demand letter carries the customer's address).
    static func addDocument(_ id: String, _ document: NewDocument, attachmentId: String? = nil, payBy: LocalDate? = nil, store: Store, by actor: String, now: Date,
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
            INSERT INTO legal_documents (id, legal_case_id, name, kind, file_name, body, language, created_by, created_at, attachment_id, pay_by)
            VALUES (\(bind: documentId), \(bind: id), \(bind: document.name), \(bind: document.kind), \(bind: document.fileName), \(bind: store.sealField(document.body)),
                    \(bind: document.language), \(bind: actor), \(bind: ContactRecords.timestamp(now)), \(bind: attachmentId), \(bind: payBy?.description))
            """).run()
        var details = ["legal_case_id": id, "document_id": documentId, "kind": document.kind]
        details["attachment_id"] = attachmentId
        details["pay_by"] = payBy?.description
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
}
