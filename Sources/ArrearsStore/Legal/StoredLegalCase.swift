import ArrearsCore
import SQLKit

/// A legal case as stored, with its stage history (oldest first), costs, cost totals per
/// currency and documents (without their text: a letter carries personal data, read it with
/// `LegalBook.document`, which records the view).
public struct StoredLegalCase: Sendable, Equatable {
    public struct StageEntry: Sendable, Equatable {
        public let stage: LegalStage
        public let enteredOn: String
        public let note: String?
        public let recordedBy: String
        public let recordedAt: String

        public init(stage: LegalStage, enteredOn: String, note: String?, recordedBy: String, recordedAt: String) {
            self.stage = stage
            self.enteredOn = enteredOn
            self.note = note
            self.recordedBy = recordedBy
            self.recordedAt = recordedAt
        }
    }

    public struct Cost: Sendable, Equatable {
        public let id: String
        public let amountMinor: Int64
        public let currency: String
        public let description: String
        public let incurredOn: String
        public let recordedBy: String

        public init(id: String, amountMinor: Int64, currency: String, description: String, incurredOn: String, recordedBy: String) {
            self.id = id
            self.amountMinor = amountMinor
            self.currency = currency
            self.description = description
            self.incurredOn = incurredOn
            self.recordedBy = recordedBy
        }
    }

    public struct Document: Sendable, Equatable {
        public let id: String
        public let name: String
        public let kind: String
        public let fileName: String?
        public let language: String?
        public let createdBy: String
        public let createdAt: String
        /// The uploaded file the document is (kind `upload`), without its bytes; read them with
        /// `LegalBook.documentFile`, which records the view.
        public let file: StoredAttachment?

        public init(id: String, name: String, kind: String, fileName: String?, language: String?, createdBy: String, createdAt: String,
                    file: StoredAttachment?) {
            self.id = id
            self.name = name
            self.kind = kind
            self.fileName = fileName
            self.language = language
            self.createdBy = createdBy
            self.createdAt = createdAt
            self.file = file
        }
    }

    public let id: String
    public let caseId: String
    public let customerId: String
    public let customerName: String
    public let stage: LegalStage
    public let stageOn: String
    /// `legal_review` when the daily run referred the case, `officer` when a legal officer took it.
    public let referral: String
    public let courtName: String?
    public let courtCaseNumber: String?
    public let closeReason: String?
    public let openedOn: String
    public let openedBy: String
    public var stages: [StageEntry] = []
    public var costs: [Cost] = []
    public var documents: [Document] = []

    public init(id: String, caseId: String, customerId: String, customerName: String, stage: LegalStage, stageOn: String, referral: String,
                courtName: String?, courtCaseNumber: String?, closeReason: String?, openedOn: String, openedBy: String,
                stages: [StageEntry] = [], costs: [Cost] = [], documents: [Document] = []) {
        self.id = id
        self.caseId = caseId
        self.customerId = customerId
        self.customerName = customerName
        self.stage = stage
        self.stageOn = stageOn
        self.referral = referral
        self.courtName = courtName
        self.courtCaseNumber = courtCaseNumber
        self.closeReason = closeReason
        self.openedOn = openedOn
        self.openedBy = openedBy
        self.stages = stages
        self.costs = costs
        self.documents = documents
    }

    /// The costs added up per currency, currencies in code order.
    public var costTotals: [(currency: String, amountMinor: Int64)] {
        Dictionary(grouping: costs, by: \.currency).map { ($0.key, MinorUnits.total($0.value.lazy.map(\.amountMinor))) }.sorted { $0.currency < $1.currency }
    }

    static let columns = """
        l.id, l.case_id, l.customer_id, cu.name, l.stage, l.stage_on, l.referral, l.court_name, l.court_case_number, l.close_reason, l.opened_on, l.opened_by
        """
    static let from = "FROM legal_cases l JOIN customers cu ON cu.id = l.customer_id"

    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        caseId = try row.decode(column: "case_id", as: String.self)
        customerId = try row.decode(column: "customer_id", as: String.self)
        customerName = try row.decode(column: "name", as: String.self)
        stage = LegalStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .review
        stageOn = try row.decode(column: "stage_on", as: String.self)
        referral = try row.decode(column: "referral", as: String.self)
        courtName = try row.decode(column: "court_name", as: String?.self)
        courtCaseNumber = try row.decode(column: "court_case_number", as: String?.self)
        closeReason = try row.decode(column: "close_reason", as: String?.self)
        openedOn = try row.decode(column: "opened_on", as: String.self)
        openedBy = try row.decode(column: "opened_by", as: String.self)
    }
}
