import ArrearsCore
import Foundation

/// The rows the legal book (`LegalCaseWorkflow`) reads and writes: legal cases with their stage
/// history, costs and documents (texts, demand letters, uploaded files). `SQLLegalCaseRepository` keeps them in the database; a test may keep them
/// in memory and check the book's rules without one.
public protocol LegalCaseRepository: Sendable {
    /// Runs `work` in one transaction: what it writes commits together, or nothing does when it throws.
    func transaction<T: Sendable>(_ work: @escaping @Sendable (any LegalCaseTransaction) async throws -> T) async throws -> T
    /// The legal case with its stages, costs and documents, if it exists.
    func find(_ id: String) async throws -> StoredLegalCase?
    /// Legal cases by id, optionally of one stage; `after` is the last id of the page before.
    func list(stage: LegalStage?, after: String?, limit: Int) async throws -> [StoredLegalCase]
    /// How many legal cases stand in each stage.
    func countsByStage() async throws -> [LegalStage: Int]
}

/// What the legal book reads and writes inside one transaction of a `LegalCaseRepository`.
public protocol LegalCaseTransaction: Sendable {
    /// The customer of collection case `caseId` and the treatment of its latest action; nil when
    /// there is no such case.
    func referral(ofCase caseId: String) async throws -> (customerId: String, latestTreatment: String?)?
    /// Whether collection case `caseId` is already in legal.
    func hasLegalCase(caseId: String) async throws -> Bool
    /// Stores a new legal case in stage `review`, with that stage as the first of its history.
    func insert(_ legalCase: NewLegalCase) async throws
    /// The legal case's stage as stored; nil when there is no such legal case.
    func standing(_ id: String) async throws -> LegalCaseStanding?
    /// Moves the legal case from `from` as `move` asks and adds the stage to its history as entry
    /// `sequence`; false (and nothing written) when its stage is no longer `from`.
    func move(_ id: String, from: LegalStage, _ move: LegalMove, sequence: Int, by actor: String, at: String) async throws -> Bool
    /// The customer of legal case `id`; nil when there is no such legal case.
    func customerId(ofLegalCase id: String) async throws -> String?
    /// Every flag recorded on the customer, ended or not (`LegalGate.holding` picks those that hold).
    func flags(ofCustomer customerId: String) async throws -> [CustomerFlag]
    /// The latest pay-by date any demand letter of legal case `id` gave; nil when none did.
    func latestPayBy(ofLegalCase id: String) async throws -> LocalDate?
    /// Stores a cost of a legal case.
    func insert(_ cost: NewLegalCost) async throws
    /// Appends to the audit log in this transaction.
    func audit(_ events: [AuditEvent], at now: Date) async throws

    /// Legal case `id` as its demand letter addresses it: its stage, collection case and
    /// customer, with the customer's real name and address (opened) and language; nil when there
    /// is no such legal case.
    func addressee(ofLegalCase id: String) async throws -> LegalLetterAddressee?
    /// The customer's accounts with something overdue, in id order, as a demand letter lists them.
    func overdueAccounts(ofCustomer customerId: String) async throws -> [LetterAccount]
    /// Stores a document of a legal case, its text sealed with the store's data key.
    func insert(_ document: NewLegalDocument) async throws
    /// Document `documentId` of legal case `id` with the case's customer and the document's text
    /// (opened); nil when the case has no such document.
    func document(_ documentId: String, ofLegalCase id: String) async throws -> LegalDocumentRecord?
    /// Stores a checked file, sealed, as an attachment of legal case `id`.
    func insertFile(_ file: AttachmentUpload.Checked, ofLegalCase id: String, by actor: String, at now: Date) async throws -> StoredAttachment
    /// Attachment `attachmentId` of legal case `id` with its bytes, opened (nothing is recorded:
    /// the caller records the view); nil when the case has no such file.
    func file(_ attachmentId: String, ofLegalCase id: String) async throws -> (attachment: StoredAttachment, bytes: Data)?
}

/// A legal case as its demand letter addresses it.
public struct LegalLetterAddressee: Sendable, Equatable {
    public let stage: LegalStage
    public let caseId: String
    public let customerId: String
    /// The customer's real name and address, opened; the address nil when none is known.
    public let name: String
    public let address: String?
    public let language: String

    public init(stage: LegalStage, caseId: String, customerId: String, name: String, address: String?, language: String) {
        self.stage = stage
        self.caseId = caseId
        self.customerId = customerId
        self.name = name
        self.address = address
        self.language = language
    }
}

/// An account with something overdue, as a demand letter lists it.
public struct LetterAccount: Sendable, Equatable {
    public let id: String
    public let product: String
    public let currency: String
    public let overdueMinor: Int64
    public let outstandingMinor: Int64
    public let dpd: Int

    public init(id: String, product: String, currency: String, overdueMinor: Int64, outstandingMinor: Int64, dpd: Int) {
        self.id = id
        self.product = product
        self.currency = currency
        self.overdueMinor = overdueMinor
        self.outstandingMinor = outstandingMinor
        self.dpd = dpd
    }
}

/// A document of a legal case as it is recorded: the name of a file kept elsewhere, its text
/// (`body`), or an uploaded file (`attachmentId`).
public struct NewLegalDocument: Sendable, Equatable {
    public let id: String
    public let legalCaseId: String
    public let name: String
    public let kind: String
    public let fileName: String?
    /// The text, stored sealed.
    public let body: String?
    public let language: String?
    public let createdBy: String
    public let createdAt: String
    public let attachmentId: String?
    /// The date a demand letter gives the customer.
    public let payBy: LocalDate?

    public init(id: String, legalCaseId: String, name: String, kind: String, fileName: String?, body: String?, language: String?, createdBy: String,
                createdAt: String, attachmentId: String?, payBy: LocalDate?) {
        self.id = id
        self.legalCaseId = legalCaseId
        self.name = name
        self.kind = kind
        self.fileName = fileName
        self.body = body
        self.language = language
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.attachmentId = attachmentId
        self.payBy = payBy
    }
}

/// A stored document of a legal case with what reading it needs.
public struct LegalDocumentRecord: Sendable, Equatable {
    /// The document, without its file (`file` is nil).
    public let document: StoredLegalCase.Document
    /// The legal case's customer, whose view of personal data a read records.
    public let customerId: String
    /// The text, opened; nil for a document that is a name or a file.
    public let body: String?
    /// The uploaded file the document is, nil for any other.
    public let attachmentId: String?

    public init(document: StoredLegalCase.Document, customerId: String, body: String?, attachmentId: String?) {
        self.document = document
        self.customerId = customerId
        self.body = body
        self.attachmentId = attachmentId
    }
}

/// A legal case as it is opened.
public struct NewLegalCase: Sendable, Equatable {
    public let id: String
    public let caseId: String
    public let customerId: String
    /// `legal_review` when the daily run referred the case, `officer` when a legal officer took it.
    public let referral: String
    /// The reason, kept as the note of the first stage.
    public let reason: String?
    public let openedOn: String
    public let openedBy: String
    public let at: String

    public init(id: String, caseId: String, customerId: String, referral: String, reason: String?, openedOn: String, openedBy: String, at: String) {
        self.id = id
        self.caseId = caseId
        self.customerId = customerId
        self.referral = referral
        self.reason = reason
        self.openedOn = openedOn
        self.openedBy = openedBy
        self.at = at
    }
}

/// Where a legal case stands, as a move is judged against it.
public struct LegalCaseStanding: Sendable, Equatable {
    public let customerId: String
    public let stage: LegalStage
    /// The day the case entered its stage.
    public let stageOn: String
    public let courtName: String?
    /// The sequence number of the last entry of its stage history.
    public let lastSequence: Int

    public init(customerId: String, stage: LegalStage, stageOn: String, courtName: String?, lastSequence: Int) {
        self.customerId = customerId
        self.stage = stage
        self.stageOn = stageOn
        self.courtName = courtName
        self.lastSequence = lastSequence
    }
}

/// A cost of a legal case as it is recorded.
public struct NewLegalCost: Sendable, Equatable {
    public let id: String
    public let legalCaseId: String
    public let amountMinor: Int64
    public let currency: String
    public let description: String
    public let incurredOn: String
    public let recordedBy: String
    public let recordedAt: String

    public init(id: String, legalCaseId: String, amountMinor: Int64, currency: String, description: String, incurredOn: String,
                recordedBy: String, recordedAt: String) {
        self.id = id
        self.legalCaseId = legalCaseId
        self.amountMinor = amountMinor
        self.currency = currency
        self.description = description
        self.incurredOn = incurredOn
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
