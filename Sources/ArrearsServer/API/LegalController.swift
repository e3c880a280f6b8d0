import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Vapor

/// Legal cases (`docs/legal.md`). Legal officers, supervisors and admins change them;
/// compliance reads them.
///
/// - `POST /api/v1/legal-cases` `{"case_id", "reason"?}`: opens a legal case (201).
/// - `GET /api/v1/legal-cases?stage=&cursor=&limit=`: the cases, by id, in pages.
/// - `GET /api/v1/legal-cases/:id`: the case with stages, costs, cost totals and documents.
/// - `POST /api/v1/legal-cases/:id/stage` `{"stage", "on"?, "court_name"?, "court_case_number"?, "reason"?}`:
///   409 `stage_refused` for a move the stage machine refuses; 409 `blocked_by_policy` with `rule`
///   (and `next_allowed_at`, a date, for a time gate) for one the customer's flags or the time
///   gates of `config/legal.yaml` refuse (`LegalGate`), as for opening and a demand letter.
/// - `POST /api/v1/legal-cases/:id/costs` `{"amount", "currency", "description", "incurred_on"?}` (201).
/// - `POST /api/v1/legal-cases/:id/demand-letter` `{"pay_by", "language"?}`: 201 with the document id.
/// - `POST /api/v1/legal-cases/:id/documents?file_name=&name=`: the body is one PDF, JPEG or PNG
///   file of at most 5 MiB (`AttachmentJSON`), stored as a document of kind `upload`; 201 with
///   the document id. 413, 415 and 422 name `body`, `file_name` or `name`.
/// - `GET /api/v1/legal-cases/:id/documents/:document`: an uploaded document's bytes, its view
///   audited; a letter or a name of a file kept elsewhere is 404.
struct LegalController: RouteCollection {
    static let writers: Set<Role> = [.legal, .supervisor, .admin]
    static let readers: Set<Role> = writers.union([.compliance])
    let letters: DemandLetters

    struct OpenRequest: Decodable {
        let caseId: String
        let reason: String?

        enum CodingKeys: String, CodingKey {
            case caseId = "case_id", reason
        }
    }

    struct StageRequest: Decodable {
        let stage: String
        let on: String?
        let courtName: String?
        let courtCaseNumber: String?
        let reason: String?

        enum CodingKeys: String, CodingKey {
            case stage, on, courtName = "court_name", courtCaseNumber = "court_case_number", reason
        }
    }

    struct CostRequest: Decodable {
        let amount: String
        let currency: String
        let description: String
        let incurredOn: String?

        enum CodingKeys: String, CodingKey {
            case amount, currency, description, incurredOn = "incurred_on"
        }
    }

    struct LetterRequest: Decodable {
        let payBy: String
        let language: String?

        enum CodingKeys: String, CodingKey {
            case payBy = "pay_by", language
        }
    }

    /// A document added: a generated letter or an uploaded file.
    struct DocumentAdded: Encodable {
        let documentId: String
        let legalCase: LegalCaseJSON
    }

    func boot(routes: any RoutesBuilder) throws {
        let legal = routes.grouped("api", "v1", "legal-cases")
        legal.api(Self.writers).post(use: open)
        legal.api(Self.readers).get(use: list)
        legal.api(Self.readers).get(":id", use: show)
        legal.api(Self.writers).post(":id", "stage", use: stage)
        legal.api(Self.writers).post(":id", "costs", use: cost)
        legal.api(Self.writers).post(":id", "demand-letter", use: demandLetter)
        legal.api(Self.writers).upload(":id", "documents", maximumBytes: AttachmentUpload.maximumBytes, field: AttachmentJSON.bodyField, use: addFile)
        legal.api(Self.readers).get(":id", "documents", ":document", use: documentFile)
    }

    func addFile(req: Request) async throws -> Response {
        let id = try WorkbenchJSON.pathId(req, "legal case")
        let upload = try AttachmentJSON.upload(from: req)
        let documentId = try await Self.addFile(id, name: req.query[String.self, at: "name"], upload, user: try req.signedInUser(), store: req.context.store)
        guard let legal = try await LegalBook(store: req.context.store).find(id) else { throw APIError.notFound("there is no such legal case") }
        return try WorkbenchJSON.response(DocumentAdded(documentId: documentId, legalCase: LegalCaseJSON(legal)), status: .created)
    }

    /// Stores an uploaded document; shared with the legal case page's form.
    static func addFile(_ id: String, name: String?, _ upload: AttachmentUpload, user: SignedInUser, store: Store) async throws -> String {
        try await AttachmentJSON.mapping { try await mapping { try await LegalBook(store: store).addFile(id, name: name, upload, by: user.auditActor) } }
    }

    func documentFile(req: Request) async throws -> Response {
        let read = try await Self.documentFile(req)
        return AttachmentJSON.download(read.attachment, read.bytes)
    }

    /// The uploaded document of the path (`:id`, `:document`), its view audited; shared with the page.
    static func documentFile(_ req: Request) async throws -> (attachment: StoredAttachment, bytes: Data) {
        let id = try WorkbenchJSON.pathId(req, "legal case")
        let documentId = try WorkbenchJSON.pathId(req, "document", parameter: "document")
        let user = try req.signedInUser()
        return try await mapping { try await LegalBook(store: req.context.store).documentFile(id, document: documentId, by: user.auditActor) }
    }

    func open(req: Request) async throws -> Response {
        let body = try RequestBody.decode(OpenRequest.self, from: req)
        let legal = try await Self.open(body, user: try req.signedInUser(), book: req.legalBook)
        return try WorkbenchJSON.response(LegalCaseJSON(legal), status: .created)
    }

    static func open(_ body: OpenRequest, user: SignedInUser, book: LegalBook) async throws -> StoredLegalCase {
        guard !body.caseId.isEmpty, body.caseId.count <= 64 else { throw APIError.invalidField("case_id", "case_id names a collection case") }
        let reason = body.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await mapping {
            try await book.open(caseId: body.caseId, reason: reason?.isEmpty == true ? nil : reason,
                                                   byOfficer: user.role == .legal || user.role == .admin, by: user.auditActor)
        }
    }

    func list(req: Request) async throws -> Response {
        var stage: LegalStage?
        if let text = try? req.query.get(String.self, at: "stage") {
            guard let parsed = LegalStage(rawValue: text) else {
                throw APIError.badRequest("invalid_parameter", "stage is one of \(LegalStage.allCases.map(\.rawValue).joined(separator: ", "))", field: "stage")
            }
            stage = parsed
        }
        let request = try PageRequest(req)
        let items = try await LegalBook(store: req.context.store).list(stage: stage, after: request.after, limit: request.fetchLimit)
        return try WorkbenchJSON.response(CursorPage(items, request, key: \.id, item: LegalCaseJSON.init))
    }

    func show(req: Request) async throws -> Response {
        try WorkbenchJSON.response(LegalCaseJSON(try await Self.find(req)))
    }

    static func find(_ req: Request) async throws -> StoredLegalCase {
        guard let legal = try await LegalBook(store: req.context.store).find(try WorkbenchJSON.pathId(req, "legal case")) else {
            throw APIError.notFound("there is no such legal case")
        }
        return legal
    }

    func stage(req: Request) async throws -> Response {
        let body = try RequestBody.decode(StageRequest.self, from: req)
        let legal = try await Self.move(try WorkbenchJSON.pathId(req, "legal case"), body, user: try req.signedInUser(), book: req.legalBook)
        return try WorkbenchJSON.response(LegalCaseJSON(legal))
    }

    static func move(_ id: String, _ body: StageRequest, user: SignedInUser, book: LegalBook) async throws -> StoredLegalCase {
        guard let stage = LegalStage(rawValue: body.stage) else {
            throw APIError.invalidField("stage", "stage is one of \(LegalStage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let on = try date(body.on, field: "on")
        func text(_ value: String?) -> String? { value.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } }
        let move = LegalMove(to: stage, on: on, courtName: text(body.courtName), courtCaseNumber: text(body.courtCaseNumber), reason: text(body.reason))
        return try await mapping { try await book.move(id, move, by: user.auditActor) }
    }

    func cost(req: Request) async throws -> Response {
        let body = try RequestBody.decode(CostRequest.self, from: req)
        let legal = try await Self.addCost(try WorkbenchJSON.pathId(req, "legal case"), body, user: try req.signedInUser(), store: req.context.store)
        return try WorkbenchJSON.response(LegalCaseJSON(legal), status: .created)
    }

    static func addCost(_ id: String, _ body: CostRequest, user: SignedInUser, store: Store) async throws -> StoredLegalCase {
        let minor = try RequestField.amount(body.amount, currencyCode: body.currency)
        let cost = LegalBook.NewCost(amountMinor: minor, currency: body.currency, description: body.description, incurredOn: try date(body.incurredOn, field: "incurred_on"))
        return try await mapping { try await LegalBook(store: store).addCost(id, cost, by: user.auditActor) }
    }

    func demandLetter(req: Request) async throws -> Response {
        let body = try RequestBody.decode(LetterRequest.self, from: req)
        let id = try WorkbenchJSON.pathId(req, "legal case")
        let documentId = try await Self.generate(id, body, letters: letters, user: try req.signedInUser(), book: req.legalBook)
        guard let legal = try await LegalBook(store: req.context.store).find(id) else { throw APIError.notFound("there is no such legal case") }
        return try WorkbenchJSON.response(DocumentAdded(documentId: documentId, legalCase: LegalCaseJSON(legal)), status: .created)
    }

    static func generate(_ id: String, _ body: LetterRequest, letters: DemandLetters, user: SignedInUser, book: LegalBook) async throws -> String {
        let payBy = try RequestField.date(body.payBy, "pay_by")
        return try await mapping {
            try await letters.generate(id, payBy: payBy, language: body.language.flatMap { $0.isEmpty ? nil : $0 }, store: book.store, pack: book.pack, by: user.auditActor)
        }
    }

    /// A date field, or today (UTC) when it is absent.
    static func date(_ text: String?, field: String) throws -> LocalDate {
        try RequestField.optionalDate(text, field) ?? LocalMoment(Date(), offset: 0).date
    }

    /// A legal refusal as the API's error: 404, 409 with its code, 422 naming the field.
    static func apiError(_ error: LegalError) -> APIError {
        switch error {
        case .notFound(let field, _): APIError(.notFound, code: "not_found", message: error.description, field: field)
        case .conflict(let code, let field, _): APIError(.conflict, code: code, message: error.description, field: field)
        case .invalid(let field, _): APIError.invalidField(field, error.description)
        case .blocked(let refusal, _): APIError.blockedByPolicy(rule: refusal.rule, message: refusal.message, nextAllowedAt: refusal.possibleOn?.description)
        }
    }

    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as LegalError { throw apiError(error) }
    }
}

/// The time gates of legal work, read from `config/legal.yaml` at start.
struct LegalGatesKey: StorageKey {
    typealias Value = LegalTimeGates
}

extension Request {
    /// The legal book with the configured time gates and the policy pack's flag rules.
    var legalBook: LegalBook {
        LegalBook(store: context.store, gates: application.storage[LegalGatesKey.self] ?? .standard, pack: context.policy?.pack)
    }
}

/// A legal case in the API's shape.
struct LegalCaseJSON: Encodable {
    struct Stage: Encodable {
        let stage: String
        let enteredOn: String
        let note: String?
        let recordedBy: String
    }

    struct Cost: Encodable {
        let id: String
        let amount: MoneyJSON
        let description: String
        let incurredOn: String
        let recordedBy: String
    }

    struct Document: Encodable {
        let id: String
        let name: String
        let kind: String
        let fileName: String?
        let language: String?
        let createdBy: String
        let createdAt: String
        /// An uploaded document's file (kind `upload`), downloaded at `documents/:document`.
        let file: AttachmentJSON?
    }

    let id: String
    let caseId: String
    let customerId: String
    let customerName: String
    let stage: String
    let stageOn: String
    let nextStages: [String]
    let referral: String
    let courtName: String?
    let courtCaseNumber: String?
    let closeReason: String?
    let openedOn: String
    let openedBy: String
    let stages: [Stage]
    let costs: [Cost]
    let costTotals: [MoneyJSON]
    let documents: [Document]

    init(_ legal: StoredLegalCase) {
        id = legal.id; caseId = legal.caseId; customerId = legal.customerId; customerName = legal.customerName
        stage = legal.stage.rawValue; stageOn = legal.stageOn; nextStages = legal.stage.next.map(\.rawValue); referral = legal.referral
        courtName = legal.courtName; courtCaseNumber = legal.courtCaseNumber; closeReason = legal.closeReason
        openedOn = legal.openedOn; openedBy = legal.openedBy
        stages = legal.stages.map { Stage(stage: $0.stage.rawValue, enteredOn: $0.enteredOn, note: $0.note, recordedBy: $0.recordedBy) }
        costs = legal.costs.map { Cost(id: $0.id, amount: MoneyJSON($0.amountMinor, $0.currency), description: $0.description, incurredOn: $0.incurredOn,
                                       recordedBy: $0.recordedBy) }
        costTotals = legal.costTotals.map { MoneyJSON($0.amountMinor, $0.currency) }
        documents = legal.documents.map { Document(id: $0.id, name: $0.name, kind: $0.kind, fileName: $0.fileName, language: $0.language,
                                                   createdBy: $0.createdBy, createdAt: $0.createdAt, file: $0.file.map(AttachmentJSON.init)) }
    }
}
