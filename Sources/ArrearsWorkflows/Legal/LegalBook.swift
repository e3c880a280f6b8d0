import ArrearsCore
import ArrearsStore
import Foundation

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

    /// Adds a document: the name of a file kept elsewhere, or its text (`LegalCaseWorkflow.addDocument`).
    public func addDocument(_ id: String, _ document: NewDocument, by actor: String, now: Date = Date()) async throws -> String {
        try await cases.addDocument(id, document, by: actor, now: now)
    }

    /// A document's text (a letter with the customer's address), read in the transaction that
    /// records the view as `view_personal_data`: no reading without its record. The text is
    /// stored sealed when the store has a data key, and opened here.
    public func documentText(_ id: String, document documentId: String, by actor: String, now: Date = Date()) async throws -> (document: StoredLegalCase.Document, body: String?) {
        try await cases.documentText(id, document: documentId, by: actor, now: now)
    }
}
