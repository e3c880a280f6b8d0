import ArrearsCore
import ArrearsStore
import Foundation

/// The legal book's rows kept in memory: collection cases with the treatment of their latest
/// action, their customers and overdue accounts, legal cases with their documents and uploaded
/// files, and the audit events written. A transaction that throws leaves them as
/// they were, as the database's does.
final class InMemoryLegalCases: LegalCaseRepository, LegalCaseTransaction, @unchecked Sendable {
    struct Rows {
        var collectionCases: [String: (customerId: String, latestTreatment: String?)] = [:]
        var legalCases: [String: StoredLegalCase] = [:]
        var audit: [AuditEvent] = []
        var flags: [String: [CustomerFlag]] = [:]
        var payBy: [String: LocalDate] = [:]
        /// customer id → name, address and language, as a demand letter addresses them.
        var customers: [String: (name: String, address: String?, language: String)] = [:]
        var accounts: [String: [LetterAccount]] = [:]
        /// The documents in the order they were stored.
        var documents: [NewLegalDocument] = []
        var files: [String: (attachment: StoredAttachment, bytes: Data)] = [:]
    }

    private let lock = NSLock()
    private var rows = Rows()

    /// A collection case of `customerId` whose latest action is `treatment`.
    func addCollectionCase(_ id: String, customerId: String, latestTreatment: String?) {
        lock.withLock { rows.collectionCases[id] = (customerId, latestTreatment) }
    }

    /// Records `flag` on `customerId`.
    func addFlag(_ flag: CustomerFlag, customerId: String) { lock.withLock { rows.flags[customerId, default: []].append(flag) } }

    /// Records that a demand letter of legal case `id` gave the customer until `payBy`.
    func addDemandLetter(legalCaseId id: String, payBy: LocalDate) { lock.withLock { rows.payBy[id] = max(rows.payBy[id] ?? payBy, payBy) } }

    /// The customer's real name, address and language.
    func addCustomer(_ customerId: String, name: String, address: String?, language: String) {
        lock.withLock { rows.customers[customerId] = (name, address, language) }
    }

    /// An account of the customer's with something overdue.
    func addAccount(_ account: LetterAccount, customerId: String) { lock.withLock { rows.accounts[customerId, default: []].append(account) } }

    var auditActions: [String] { lock.withLock { rows.audit.map(\.action) } }
    var auditEvents: [AuditEvent] { lock.withLock { rows.audit } }
    /// The documents stored, oldest first.
    var documents: [NewLegalDocument] { lock.withLock { rows.documents } }
    var fileCount: Int { lock.withLock { rows.files.count } }

    func transaction<T: Sendable>(_ work: @escaping @Sendable (any LegalCaseTransaction) async throws -> T) async throws -> T {
        let before = lock.withLock { rows }
        do { return try await work(self) } catch {
            lock.withLock { rows = before }
            throw error
        }
    }

    func find(_ id: String) async throws -> StoredLegalCase? { lock.withLock { rows.legalCases[id] } }

    func list(stage: LegalStage?, after: String?, limit: Int) async throws -> [StoredLegalCase] {
        lock.withLock {
            Array(rows.legalCases.values.filter { (stage == nil || $0.stage == stage) && $0.id > (after ?? "") }.sorted { $0.id < $1.id }.prefix(max(1, limit)))
        }
    }

    func countsByStage() async throws -> [LegalStage: Int] {
        lock.withLock { Dictionary(grouping: rows.legalCases.values, by: \.stage).mapValues(\.count) }
    }

    func referral(ofCase caseId: String) async throws -> (customerId: String, latestTreatment: String?)? {
        lock.withLock { rows.collectionCases[caseId] }
    }

    func hasLegalCase(caseId: String) async throws -> Bool { lock.withLock { rows.legalCases.values.contains { $0.caseId == caseId } } }

    func insert(_ legal: NewLegalCase) async throws {
        lock.withLock {
            rows.legalCases[legal.id] = StoredLegalCase(
                id: legal.id, caseId: legal.caseId, customerId: legal.customerId, customerName: legal.customerId, stage: .review, stageOn: legal.openedOn,
                referral: legal.referral, courtName: nil, courtCaseNumber: nil, closeReason: nil, openedOn: legal.openedOn, openedBy: legal.openedBy,
                stages: [.init(stage: .review, enteredOn: legal.openedOn, note: legal.reason, recordedBy: legal.openedBy, recordedAt: legal.at)])
        }
    }

    func standing(_ id: String) async throws -> LegalCaseStanding? {
        lock.withLock {
            rows.legalCases[id].map {
                LegalCaseStanding(customerId: $0.customerId, stage: $0.stage, stageOn: $0.stageOn, courtName: $0.courtName, lastSequence: $0.stages.count)
            }
        }
    }

    func move(_ id: String, from: LegalStage, _ move: LegalMove, sequence: Int, by actor: String, at: String) async throws -> Bool {
        lock.withLock {
            guard let legal = rows.legalCases[id], legal.stage == from else { return false }
            rows.legalCases[id] = StoredLegalCase(
                id: legal.id, caseId: legal.caseId, customerId: legal.customerId, customerName: legal.customerName, stage: move.to,
                stageOn: move.on.description, referral: legal.referral, courtName: move.courtName ?? legal.courtName,
                courtCaseNumber: move.courtCaseNumber ?? legal.courtCaseNumber, closeReason: move.to == .closed ? move.reason : nil,
                openedOn: legal.openedOn, openedBy: legal.openedBy,
                stages: legal.stages + [.init(stage: move.to, enteredOn: move.on.description, note: move.reason, recordedBy: actor, recordedAt: at)],
                costs: legal.costs, documents: legal.documents)
            return true
        }
    }

    func flags(ofCustomer customerId: String) async throws -> [CustomerFlag] { lock.withLock { rows.flags[customerId] ?? [] } }

    func latestPayBy(ofLegalCase id: String) async throws -> LocalDate? { lock.withLock { rows.payBy[id] } }

    func customerId(ofLegalCase id: String) async throws -> String? { lock.withLock { rows.legalCases[id]?.customerId } }

    func insert(_ cost: NewLegalCost) async throws {
        lock.withLock {
            rows.legalCases[cost.legalCaseId]?.costs.append(.init(id: cost.id, amountMinor: cost.amountMinor, currency: cost.currency,
                                                                   description: cost.description, incurredOn: cost.incurredOn, recordedBy: cost.recordedBy))
        }
    }

    func audit(_ events: [AuditEvent], at now: Date) async throws { lock.withLock { rows.audit += events } }

    func addressee(ofLegalCase id: String) async throws -> LegalLetterAddressee? {
        lock.withLock {
            guard let legal = rows.legalCases[id] else { return nil }
            let customer = rows.customers[legal.customerId]
            return LegalLetterAddressee(stage: legal.stage, caseId: legal.caseId, customerId: legal.customerId, name: customer?.name ?? legal.customerName,
                                        address: customer?.address, language: customer?.language ?? "zh-CN")
        }
    }

    func overdueAccounts(ofCustomer customerId: String) async throws -> [LetterAccount] {
        lock.withLock { (rows.accounts[customerId] ?? []).filter { $0.overdueMinor > 0 }.sorted { $0.id < $1.id } }
    }

    func insert(_ document: NewLegalDocument) async throws {
        lock.withLock {
            rows.documents.append(document)
            if let payBy = document.payBy { rows.payBy[document.legalCaseId] = max(rows.payBy[document.legalCaseId] ?? payBy, payBy) }
            let file = document.attachmentId.flatMap { rows.files[$0]?.attachment }
            rows.legalCases[document.legalCaseId]?.documents.append(.init(
                id: document.id, name: document.name, kind: document.kind, fileName: document.fileName, language: document.language,
                createdBy: document.createdBy, createdAt: document.createdAt, file: file))
        }
    }

    func document(_ documentId: String, ofLegalCase id: String) async throws -> LegalDocumentRecord? {
        lock.withLock {
            guard let document = rows.documents.first(where: { $0.id == documentId }), document.legalCaseId == id, let legal = rows.legalCases[id] else { return nil }
            return LegalDocumentRecord(document: .init(id: document.id, name: document.name, kind: document.kind, fileName: document.fileName,
                                                       language: document.language, createdBy: document.createdBy, createdAt: document.createdAt, file: nil),
                                       customerId: legal.customerId, body: document.body, attachmentId: document.attachmentId)
        }
    }

    func insertFile(_ file: AttachmentUpload.Checked, ofLegalCase id: String, by actor: String, at now: Date) async throws -> StoredAttachment {
        lock.withLock {
            let attachment = StoredAttachment(id: "ATT-LEGAL-\(rows.files.count + 1)", ownerKind: .legalCase, ownerId: id, fileName: file.upload.fileName,
                                              contentType: file.type.contentType, byteCount: file.upload.bytes.count, sha256: file.sha256,
                                              uploadedBy: actor, uploadedAt: ContactRecords.timestamp(now))
            rows.files[attachment.id] = (attachment, file.upload.bytes)
            return attachment
        }
    }

    func file(_ attachmentId: String, ofLegalCase id: String) async throws -> (attachment: StoredAttachment, bytes: Data)? {
        lock.withLock { rows.files[attachmentId].flatMap { $0.attachment.ownerId == id ? $0 : nil } }
    }
}
