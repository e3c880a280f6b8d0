import ArrearsCore
import Foundation

/// The rows the legal book (`LegalCaseWorkflow`) reads and writes: legal cases with their stage
/// history and costs. `SQLLegalCaseRepository` keeps them in the database; a test may keep them
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
