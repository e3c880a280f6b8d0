import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Vapor

/// `/s/:token`: the customer's own page, opened from the link in a reminder (`SelfServiceLink`;
/// signed, expiring, no login). It shows what is owed and how to pay, and lets the customer
/// promise to pay by a date within `max_promise_days`, or ask for a monthly instalment plan of
/// at most `max_instalments` (`config/selfservice.yaml`), which waits for a supervisor's
/// approval like any proposal. Everything the customer does is audited as `customer-link:ID`.
struct SelfServicePageController: RouteCollection {
    struct AccountLine {
        let id: String
        let product: String
        let overdue: String
        let outstanding: String
        let dpd: Int
        let since: String?
    }

    struct Page {
        let t: [String: String]
        let lang: String
        let token: String
        let state: String
        let name: String
        let accounts: [AccountLine]
        let howToPay: String?
        let canPromise: Bool
        let caseCurrency: String?
        let pendingPromise: String?
        let arrangements: [String]
        let maxPromiseDays: Int
        let maxInstalments: Int
        let instalmentChoices: [Int]
        let today: String
        let message: String?
        /// The form refused (`promise` or `plan`), with what was typed and the error beside its field.
        let form: PageForm
    }

    struct PromiseForm: Decodable {
        let amount: String?
        let dueOn: String?

        enum CodingKeys: String, CodingKey { case amount, dueOn = "due_on" }
    }

    struct PlanForm: Decodable {
        let count: Int?
        let firstDate: String?

        enum CodingKeys: String, CodingKey { case count, firstDate = "first_date" }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("s", ":token", use: show)
        routes.post("s", ":token", "promise", use: promise)
        routes.post("s", ":token", "plan", use: plan)
    }

    /// The customer a link names, or the page that says why the link does not work.
    enum Opened {
        case success(SelfServiceFile)
        case failure(Response)
    }

    /// The customer the link names, or the page that says why it does not work.
    private func customer(_ req: Request) async throws -> Opened {
        let token = req.parameters.get("token") ?? ""
        let id: String
        do {
            id = try req.context.store.links.verify(token, purpose: SelfServiceLink.purpose)
        } catch {
            return .failure(try await render(req, nil, state: error == .expired ? "expired" : "invalid", status: error == .expired ? .gone : .notFound))
        }
        guard let file = try await SelfServiceFile.load(customerId: id, on: req.context.store.sql) else {
            return .failure(try await render(req, nil, state: "invalid", status: .notFound))
        }
        return .success(file)
    }

    func show(req: Request) async throws -> Response {
        switch try await customer(req) {
        case .failure(let page): return page
        case .success(let file): return try await render(req, file, state: "page")
        }
    }

    func promise(req: Request) async throws -> Response {
        let file: SelfServiceFile
        switch try await customer(req) {
        case .failure(let page): return page
        case .success(let found): file = found
        }
        let words = Self.localizer(req, file)
        let form = try? req.content.decode(PromiseForm.self)
        let typed = ["amount": form?.amount ?? "", "due_on": form?.dueOn ?? ""].mapValues { String($0.prefix(RequestField.maximumTextLength)) }
        func refused(_ field: String, _ message: String) -> PageForm { PageForm(form: "promise", values: typed, field: field, message: message) }
        guard let caseId = file.caseId, let code = file.caseCurrency, let currency = Currency(code: code) else {
            return try await render(req, file, state: "page", status: .conflict, form: refused("amount", words["ss_nothing_overdue"]))
        }
        guard let text = form?.amount, let amount = try? DecimalAmount.parse(text.trimmingCharacters(in: .whitespaces), minorDigits: currency.minorDigits), amount > 0 else {
            return try await render(req, file, state: "page", status: .unprocessableEntity, form: refused("amount", words["ss_bad_amount"]))
        }
        let today = LocalDate.today()
        let limit = req.context.selfService.maxPromiseDays
        guard let due = form?.dueOn.flatMap({ try? LocalDate.parse($0) }), due >= today, due <= today.adding(days: limit) else {
            return try await render(req, file, state: "page", status: .unprocessableEntity,
                                    form: refused("due_on", words["ss_bad_date"].replacingOccurrences(of: "{days}", with: String(limit))))
        }
        do {
            _ = try await PromiseBook(maximumDays: limit).take(.init(caseId: caseId, amountMinor: amount, currency: code, dueOn: due), today: today,
                                                               scope: .all, by: "customer-link:\(file.customerId)", store: req.context.store)
        } catch let error as WorkbenchError {
            if case .pendingPromise = error { return try await render(req, file, state: "page", status: .conflict, form: refused("amount", words["ss_pending_already"])) }
            return try await render(req, file, state: "page", status: .unprocessableEntity, form: refused("amount", error.description))
        }
        let updated = try await SelfServiceFile.load(customerId: file.customerId, on: req.context.store.sql) ?? file
        return try await render(req, updated, state: "page", message: words["ss_promise_thanks"])
    }

    func plan(req: Request) async throws -> Response {
        let file: SelfServiceFile
        switch try await customer(req) {
        case .failure(let page): return page
        case .success(let found): file = found
        }
        let words = Self.localizer(req, file)
        let form = try? req.content.decode(PlanForm.self)
        let typed = ["count": form?.count.map(String.init) ?? "", "first_date": String((form?.firstDate ?? "").prefix(RequestField.maximumTextLength))]
        func refused(_ field: String, _ message: String) -> PageForm { PageForm(form: "plan", values: typed, field: field, message: message) }
        let maximum = req.context.selfService.maxInstalments
        guard let account = file.mostOverdue else {
            return try await render(req, file, state: "page", status: .conflict, form: refused("count", words["ss_nothing_overdue"]))
        }
        guard let count = form?.count, (2...maximum).contains(count) else {
            return try await render(req, file, state: "page", status: .unprocessableEntity,
                                    form: refused("count", words["ss_bad_count"].replacingOccurrences(of: "{max}", with: String(maximum))))
        }
        let today = LocalDate.today()
        guard let first = form?.firstDate.flatMap({ try? LocalDate.parse($0) }), first >= today, first <= today.adding(days: 31) else {
            return try await render(req, file, state: "page", status: .unprocessableEntity, form: refused("first_date", words["ss_bad_first_date"]))
        }
        // The gateway role approves nothing, so the request always waits for a supervisor.
        let requester = Arrangements.Actor(name: "customer-link:\(file.customerId)", role: .gateway, scope: .all)
        do {
            _ = try await req.context.store.transaction { [limits = req.context.authority] database in
                try await Arrangements.propose(accountId: account.id, terms: .instalmentPlan(count: count, firstDate: first),
                                               reason: "asked for by the customer on the self-service page", by: requester, today: today,
                                               limits: limits, on: database)
            }
        } catch let error as ArrangementError {
            return try await render(req, file, state: "page", status: .unprocessableEntity, form: refused("count", error.description))
        }
        let updated = try await SelfServiceFile.load(customerId: file.customerId, on: req.context.store.sql) ?? file
        return try await render(req, updated, state: "page", message: words["ss_plan_thanks"])
    }

    /// ": pay 200.00 CNY by 2026-12-31; the rest of the balance, 45.00 CNY, is then waived", for a
    /// settlement being kept: what the customer owes under it.
    private static func settlementTerms(_ settlement: AccountSettlement, words: Localizer) -> String {
        guard settlement.status == .active else { return "" }
        func money(_ minor: Int64) -> String { AmountDisplay.grouped(minor, currency: settlement.currency) + " " + settlement.currency }
        return ": " + words["ss_settlement_terms"].replacingOccurrences(of: "{amount}", with: money(settlement.standing.remaining))
            .replacingOccurrences(of: "{pay_by}", with: settlement.payBy ?? "").replacingOccurrences(of: "{forgiven}", with: money(settlement.standing.forgiven))
    }

    /// The customer's language, unless the link's `?lang=` asks for another; the page's words and
    /// a refused form's errors both follow it.
    private static func localizer(_ req: Request, _ file: SelfServiceFile?) -> Localizer {
        file.map { req.query[String.self, at: "lang"] == nil ? Localizer(language: $0.language) : Localizer(request: req) } ?? Localizer(request: req)
    }

    private func render(_ req: Request, _ file: SelfServiceFile?, state: String, status: HTTPStatus = .ok, message: String? = nil,
                        form: PageForm = .none) async throws -> Response {
        let localizer = Self.localizer(req, file)
        let settings = req.context.selfService
        let page = Page(
            t: localizer.table, lang: localizer.language.rawValue, token: req.parameters.get("token") ?? "", state: state,
            name: file?.name ?? "",
            accounts: (file?.accounts ?? []).map { account in
                AccountLine(id: account.id, product: Words(localizer).code(.product, account.product), overdue: AmountDisplay.grouped(account.overdueMinor, currency: account.currency) + " " + account.currency,
                            outstanding: AmountDisplay.grouped(account.outstandingMinor, currency: account.currency) + " " + account.currency,
                            dpd: account.dpd, since: account.oldestUnpaidDueOn)
            },
            howToPay: settings.howToPay[localizer.language] ?? settings.howToPay.values.first,
            // A customer who owes nothing is not offered a promise form (issue 24).
            canPromise: file?.caseId != nil && file?.pendingPromise == nil && file?.mostOverdue != nil,
            caseCurrency: file?.caseCurrency,
            pendingPromise: file?.pendingPromise.map { AmountDisplay.grouped($0.amountMinor, currency: $0.currency) + " " + $0.currency + " · " + $0.dueOn },
            arrangements: (file?.arrangements ?? []).map { arrangement in
                localizer["ss_kind_" + arrangement.kind] + " · " + localizer["ss_status_" + arrangement.status]
                    + (arrangement.settlement.map { Self.settlementTerms($0, words: localizer) } ?? "")
            },
            maxPromiseDays: settings.maxPromiseDays, maxInstalments: settings.maxInstalments,
            instalmentChoices: Array(2...max(2, settings.maxInstalments)), today: LocalDate.today().description, message: message, form: form)
        let response = try await SelfServiceView.page(page).view.encodeResponse(for: req)
        response.status = status
        return response
    }
}
