import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Vapor

/// The legal officer's pages (legal, supervisors, admin):
///
/// - `GET /legal?stage=`: the worklist: the daily run's open legal-review tasks (with the amount
///   overdue and a way into legal), the legal cases with how many stand in each stage, each with
///   what its customer owes, the next allowed step and its date (`LegalNextStep`, the time gates
///   of `config/legal.yaml`), the demand letters of the last 14 days and the collection letters
///   waiting for `arrears letters print`; and a form to take a collection case into legal
///   (`POST /legal`, `case_id`, `reason`).
/// - `GET /legal/:id`: the case's stages, costs with their totals and documents, with forms to
///   move the stage (`POST /legal/:id/stage`), add a cost (`POST /legal/:id/costs`) and generate
///   a demand letter (`POST /legal/:id/demand-letter`). Each is checked as by the API; a refusal
///   shows the page again with the reason and the API's status.
/// - `GET /legal/:id/letters/:doc`: the letter alone, to print, its view audited.
/// - `POST /legal/:id/documents` (multipart, CSRF): `file` (PDF, JPEG or PNG, at most 5 MiB) and
///   `name`, stored as a document of kind `upload`; `GET /legal/:id/documents/:doc` downloads
///   it, its view audited.
struct LegalPageController: RouteCollection {
    /// One file and its name.
    static let maximumUploadBytes = AttachmentUpload.maximumBytes + 64 * 1024

    static let roles: Set<Role> = [.legal, .supervisor, .admin]
    static let listLimit = 500
    let letters: DemandLetters

    struct StageLink {
        let stage: String
        let name: String
        let count: Int
        let current: Bool
    }

    struct Line {
        let id: String
        let caseId: String
        let customerName: String
        let stage: String
        let stageOn: String
        let court: String?
        let courtCaseNumber: String?
        /// Overdue and outstanding on the collection case's accounts, with the currency.
        let overdue: String
        let outstanding: String
        /// The next step in words and the first day it is allowed; nil when only closing is left.
        let nextStep: String?
        let nextOn: String?
        /// Why the next step waits (the gate in words); nil when it is allowed today.
        let heldBy: String?
    }

    /// An open legal-review task of the daily run.
    struct ReviewLine {
        let caseId: String
        let customerName: String
        let dpd: Int
        let overdue: String
        let assignedTo: String
        let businessDate: String
        let legalCaseId: String?
    }

    struct ListPage {
        let t: [String: String]
        let lang: String
        /// The form refused, with what was typed and the error beside its field.
        let form: PageForm
        let stages: [StageLink]
        let cases: [Line]
        let today: String
        let reviews: [ReviewLine]
        let demandLetters: [LegalWorklist.DemandLetter]
        let queuedLetters: [LegalWorklist.QueuedLetters]
    }

    struct Option {
        let value: String
        let name: String
    }

    struct CasePage {
        let t: [String: String]
        let lang: String
        /// The form refused, with what was typed and the error beside its field.
        let form: PageForm
        let legal: LegalCaseJSON
        let stageName: String
        let history: [HistoryLine]
        let nextStages: [Option]
        let today: String
        let payBy: String
        let languages: [String]
    }

    struct HistoryLine {
        let name: String
        let enteredOn: String
        let note: String?
        let recordedBy: String
    }

    struct LetterPage {
        let lang: String
        let title: String
        let body: String
        let t: [String: String]
    }

    struct OpenForm: Decodable {
        let caseId: String
        let reason: String?
        enum CodingKeys: String, CodingKey { case caseId = "case_id", reason }
    }

    struct UploadForm: Decodable {
        let name: String?
        let file: File?
    }

    /// `?lang=` of the form's language, for the page a form's redirect goes to; "" without one.
    static func language(_ req: Request) -> String {
        req.query[String.self, at: "lang"].flatMap(Language.init(rawValue:)).map { "?lang=\($0.rawValue)" } ?? ""
    }

    func boot(routes: any RoutesBuilder) throws {
        let legal = routes.grouped("legal")
        legal.get(use: list)
        legal.post(use: open)
        legal.get(":id", use: show)
        legal.post(":id", "stage", use: stage)
        legal.post(":id", "costs", use: cost)
        legal.post(":id", "demand-letter", use: demandLetter)
        legal.get(":id", "letters", ":doc", use: letter)
        legal.upload(":id", "documents", maximumBytes: Self.maximumUploadBytes, field: "file", use: upload)
        legal.get(":id", "documents", ":document", use: document)
    }

    func upload(req: Request) async throws -> Response {
        let form = try req.content.decode(UploadForm.self)
        let file = form.file.map { AttachmentUpload(field: "file", fileName: $0.filename, declaredType: nil, bytes: Data($0.data.readableBytesView)) }
        return try await acting(req, form: "upload", fields: ["file", "name"], values: ["name": form.name ?? ""]) { id, user in
            guard let file else { throw APIError.missingField("file") }
            _ = try await LegalController.addFile(id, name: form.name, file, user: user, store: req.context.store)
        }
    }

    func document(req: Request) async throws -> Response {
        let read = try await LegalController.documentFile(req)
        return AttachmentJSON.download(read.attachment, read.bytes)
    }

    func list(req: Request) async throws -> View {
        try await renderList(req)
    }

    /// The most legal-review tasks and recent demand letters listed.
    static let reviewLimit = 200
    static let demandLetterDays = 14

    private func renderList(_ req: Request, form: PageForm = .none) async throws -> View {
        let localizer = Localizer(request: req)
        let words = localizer.table
        let book = req.legalBook
        let database = req.context.store.sql
        let today = LocalMoment(req.context.now(), in: req.context.dateRules.bankTimeZone).date
        let chosen = req.query[String.self, at: "stage"].flatMap(LegalStage.init(rawValue:))
        let counts = try await book.countsByStage()
        let stages = LegalStage.allCases.map { StageLink(stage: $0.rawValue, name: Words(localizer).code(.legalStage, $0.rawValue), count: counts[$0] ?? 0, current: $0 == chosen) }
        let legalCases = try await book.list(stage: chosen, after: nil, limit: Self.listLimit).sorted { ($0.stage, $0.id) < ($1.stage, $1.id) }
        let owed = try await LegalWorklist.owed(caseIds: legalCases.map(\.caseId), on: database)
        let payBy = try await LegalWorklist.latestPayBy(legalCaseIds: legalCases.map(\.id), on: database)
        func money(_ minor: Int64?, _ currency: String?) -> String {
            guard let minor, let currency else { return "–" }
            return AmountDisplay.grouped(minor, currency: currency) + " " + currency
        }
        let cases = legalCases.map { legal in
            let debt = owed[legal.caseId]
            let next = LocalDate(iso: legal.stageOn).flatMap { LegalNextStep.of(stage: legal.stage, since: $0, payBy: payBy[legal.id], today: today, gates: book.gates) }
            return Line(id: legal.id, caseId: legal.caseId, customerName: legal.customerName, stage: Words(localizer).code(.legalStage, legal.stage.rawValue), stageOn: legal.stageOn,
                        court: legal.courtName, courtCaseNumber: legal.courtCaseNumber,
                        overdue: money(debt?.overdueMinor, debt?.currency), outstanding: money(debt?.outstandingMinor, debt?.currency),
                        nextStep: next.map { Words(localizer).code(.legalStage, $0.stage.rawValue) }, nextOn: next?.allowedOn.description,
                        heldBy: next?.heldBy.map { words["lg_held_" + $0] ?? $0 })
        }
        let reviews = try await LegalWorklist.reviewTasks(limit: Self.reviewLimit, on: database).map {
            ReviewLine(caseId: $0.caseId, customerName: $0.customerName, dpd: $0.dpd, overdue: money($0.overdueMinor, $0.currency),
                       assignedTo: $0.assignedTo, businessDate: $0.businessDate, legalCaseId: $0.legalCaseId)
        }
        let since = ContactRecords.timestamp(req.context.now().addingTimeInterval(-Double(Self.demandLetterDays) * 86_400))
        let page = ListPage(t: words, lang: localizer.language.rawValue, form: form, stages: stages, cases: cases, today: today.description,
                            reviews: reviews, demandLetters: try await LegalWorklist.demandLetters(since: since, limit: Self.reviewLimit, on: database),
                            queuedLetters: try await LegalWorklist.queuedLetters(on: database))
        return LegalViews.list(page, csrfToken: req.csrfToken(), role: try req.signedInUser().role).view
    }

    func open(req: Request) async throws -> Response {
        let form = try req.content.decode(OpenForm.self)
        do {
            let legal = try await LegalController.open(.init(caseId: form.caseId, reason: form.reason), user: try req.signedInUser(), book: req.legalBook)
            return req.redirect(to: "/legal/\(legal.id)\(Self.language(req))")
        } catch let error as APIError {
            let refused = Self.refused(error, req, form: "open", fields: ["case_id", "reason"], values: ["case_id": form.caseId, "reason": form.reason ?? ""])
            let response = try await renderList(req, form: refused).encodeResponse(for: req)
            response.status = error.status
            return response
        }
    }

    func show(req: Request) async throws -> View {
        try await renderCase(req)
    }

    private func renderCase(_ req: Request, form: PageForm = .none) async throws -> View {
        let localizer = Localizer(request: req)
        let words = localizer.table
        let legal = try await LegalController.find(req)
        let today = LocalMoment(req.context.now(), in: req.context.dateRules.bankTimeZone).date
        let page = CasePage(t: words, lang: localizer.language.rawValue, form: form, legal: LegalCaseJSON(legal), stageName: Words(localizer).code(.legalStage, legal.stage.rawValue),
                            history: legal.stages.map { HistoryLine(name: Words(localizer).code(.legalStage, $0.stage.rawValue), enteredOn: $0.enteredOn, note: $0.note, recordedBy: $0.recordedBy) },
                            nextStages: legal.stage.next.map { Option(value: $0.rawValue, name: Words(localizer).code(.legalStage, $0.rawValue)) },
                            today: today.description, payBy: today.adding(days: 14).description, languages: DemandLetters.languages)
        return LegalViews.legalCase(page, csrfToken: req.csrfToken(), role: try req.signedInUser().role).view
    }

    func stage(req: Request) async throws -> Response {
        let body = try req.content.decode(LegalController.StageRequest.self)
        return try await acting(req, form: "stage", fields: ["stage", "on", "court_name", "court_case_number", "reason"]) { id, user in
            _ = try await LegalController.move(id, body, user: user, book: req.legalBook)
        }
    }

    func cost(req: Request) async throws -> Response {
        let body = try req.content.decode(LegalController.CostRequest.self)
        return try await acting(req, form: "cost", fields: ["amount", "currency", "description", "incurred_on"]) { id, user in
            _ = try await LegalController.addCost(id, body, user: user, store: req.context.store)
        }
    }

    func demandLetter(req: Request) async throws -> Response {
        let body = try req.content.decode(LegalController.LetterRequest.self)
        var documentId = ""
        let response = try await acting(req, form: "letter", fields: ["pay_by", "language"]) { id, user in
            documentId = try await LegalController.generate(id, body, letters: letters, user: user, book: req.legalBook)
        }
        guard response.status == .seeOther else { return response }
        return req.redirect(to: "/legal/\(req.parameters.get("id") ?? "")/letters/\(documentId)\(Self.language(req))")
    }

    /// Does `work` on the case of the path and goes back to its page, or shows the page again
    /// with `form` as it was typed (`values`, by default the posted fields), the refusal beside
    /// its field (the first of `fields` when it names none of them), and the API's status.
    private func acting(_ req: Request, form: String, fields: [String], values: [String: String]? = nil,
                        _ work: (String, SignedInUser) async throws -> Void) async throws -> Response {
        let legal = try await LegalController.find(req)
        do {
            try await work(legal.id, try req.signedInUser())
        } catch let error as APIError {
            let typed = values ?? (try? req.content.decode([String: String].self))?.filter { fields.contains($0.key) } ?? [:]
            let response = try await renderCase(req, form: Self.refused(error, req, form: form, fields: fields, values: typed)).encodeResponse(for: req)
            response.status = error.status
            return response
        }
        return req.redirect(to: "/legal/\(legal.id)\(Self.language(req))")
    }

    /// `form` refused by `error`, beside its field (the first of `fields` when it names none of
    /// them), with what was typed.
    private static func refused(_ error: APIError, _ req: Request, form: String, fields: [String], values: [String: String]) -> PageForm {
        let field = error.field.flatMap { fields.contains($0) ? $0 : nil } ?? fields.first ?? ""
        return PageForm(form: form, values: values.mapValues { String($0.prefix(RequestField.maximumTextLength)) }, field: field, message: refusal(error, req))
    }

    /// A refusal as the page says it: one by a policy or legal rule in the page's language
    /// (`PolicyWords`), with when it would be possible; any other as the API words it in
    /// English, and by its code's words in Chinese.
    private static func refusal(_ error: APIError, _ req: Request) -> String {
        let localizer = Localizer(request: req)
        let words = localizer.table
        guard error.rule.map({ words["rule_" + $0] != nil }) == true || localizer.language == .en else {
            return ComplianceWords.refusal(error, Words(localizer), language: localizer.language)
        }
        let said = PolicyWords.refusal(rule: error.rule, reason: error.message, pack: nil, words: words, language: localizer.language)
        guard localizer.language != .en, let next = error.nextAllowedAt else { return said }
        return said + " · " + localizer["wb_next_allowed"] + " " + next
    }

    func letter(req: Request) async throws -> View {
        let localizer = Localizer(request: req)
        let legal = try await LegalController.find(req)
        let read = try await LegalController.mapping {
            try await LegalBook(store: req.context.store).documentText(legal.id, document: req.parameters.get("doc") ?? "", by: try req.signedInUser().auditActor)
        }
        guard let body = read.body else { throw Abort(.notFound) }
        return LegalViews.letter(LetterPage(lang: read.document.language ?? localizer.language.rawValue, title: read.document.name,
                                            body: body, t: localizer.table)).view
    }
}
