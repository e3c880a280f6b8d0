import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import Vapor

/// The field visit pages (`docs/visits.md`), on `VisitBook` through `VisitsController`'s own
/// validation:
///
/// - `GET /visits?date=YYYY-MM-DD` (today in the viewer's zone, `Request.viewerZone`, when absent;
///   400 for another text): the visits whose window starts on that date in that zone (a
///   field agent's today is their local date, not the UTC one), as the API lists them: a field
///   agent's own team's in route order, phone-sized, with
///   a report form on each visit not yet reported, cancelled visits left out; supervisors and
///   admins every team's, with a cancel form on each visit not yet reported, cancelled visits
///   after each route with their reason, and the dispatch forms: one for each visit task
///   awaiting dispatch (`VisitBook.awaitingDispatch`) and, with `case_id=`, one for that open
///   case, each choosing the team from a list of those that cover the customer's region
///   (`VisitTeams.covering`). The address is masked as on
///   the case page (the region stays visible) and the window is in the customer's time zone.
/// - `POST /visits/:id/reveal` (CSRF; the field agent of an open visit's team): `reason`. The
///   address and mobile of the visit's customer, revealed as the API's reveal does (audited
///   `view_personal_data`), shown on the day's page this once with a map link (`geo:`) and a
///   `tel:` link; the page reloaded shows them masked again.
/// - `POST /visits` (CSRF; supervisors and admins, 403 for field agents): `case_id`, `agent_id`,
///   `starts_at` and `ends_at` as `datetime-local` text in the customer's time zone, or ISO 8601
///   with an offset. 303 to the visit's day; a refusal shows the page again (422, 404) naming the field.
/// - `POST /visits/:id/report` (CSRF; the field agent of the visit's team, 404 for another
///   team's, 403 for other roles): `met`, `visitors`, `identification_shown` and
///   `two_collectors_present` (unticked on the form, both required), `situation`, `difficulty`,
///   `promise_amount` and `promise_due_on` (a promise when the amount is given, in the case's
///   currency), `plan_requested` with `plan_instalments` and `plan_first_date`, `note`,
///   `override_reason` (outside the pack's contact hours, where the rule allows it), and optional
///   photos `photos[]` (multipart, JPEG or PNG, 5 MiB each, 10 per visit). 303 to the visit's
///   day; a refusal shows the page again.
/// - `POST /visits/:id/confirm` (CSRF; the field agent of the visit's team, 404 for another
///   team's, 403 for other roles): the customer agreed to the window, recorded by
///   `VisitBook.confirm` as the API's confirm does (audited `visit_confirmed`); shown as a button
///   on each dispatched visit of the agent's day. 303 to the visit's day; a visit no longer
///   dispatched shows the page again (409 naming `status`).
/// - `POST /visits/:id/cancel` (CSRF; supervisors and admins, 403 for others): `reason`. Calls
///   the visit off as the API does; 303 to the visit's day, or the page again naming the field
///   (422; 404 for an unknown visit).
/// - `GET /visits/:id/photos/:attachment`: a photo of the visit (a field agent's own team's),
///   its view audited. Each visit on the page links its photos.
struct VisitsPageController: RouteCollection {
    /// The report form carries up to `VisitBook.maximumPhotos` photos and its text fields.
    static let maximumReportBytes = VisitBook.maximumPhotos * AttachmentUpload.maximumBytes + 64 * 1024

    let places: VisitPlaces

    struct Page {
        let t: [String: String]
        let lang: String
        let date: String
        let previousDate: String
        let nextDate: String
        /// The form refused (a dispatch, a report, a cancellation, a reveal, the lookup), with what
        /// was typed and the error beside its field.
        let form: PageForm
        let canDispatch: Bool
        let canReport: Bool
        /// The cases to dispatch on: the one asked for by `case_id` first, then the visit tasks.
        let dispatches: [DispatchLine]
        /// The case asked for by `case_id`, kept in the lookup field.
        let lookup: String
        let visits: [VisitLine]
    }

    /// A case a visit may be dispatched on, with the teams that cover its customer's region.
    struct DispatchLine {
        let candidate: VisitBook.Candidate
        let teams: [VisitTeams.Team]
        /// The team chosen in the form that was refused, chosen again.
        let chosen: String?
    }

    /// A visit as the page shows it.
    struct VisitLine {
        let id: String
        /// The visit's place in its team's route; nil for a cancelled visit, which is no stop.
        let stop: Int?
        let caseId: String
        let customerName: String
        let address: String?
        let region: String?
        let agentId: String
        /// `2026-11-25 10:00–12:00 Asia/Shanghai`, in the customer's time zone.
        let window: String
        let status: String
        let statusCode: String
        let currency: String
        let reportable: Bool
        /// Dispatched and the viewer's team's: the customer's agreement can be recorded.
        let confirmable: Bool
        let cancellable: Bool
        let cancelReason: String?
        /// The address and mobile in full, just revealed to the visit's team; nil otherwise.
        let revealed: Revealed?
        let met: String?
        let followUpTaskId: String?
        let photos: [Photo]
    }

    /// A visit's customer as revealed to its team, with the links the phone opens.
    struct Revealed {
        let address: String?
        let mobile: String?
        let location: GeoPoint?

        /// `geo:31.2304,121.4737` where the visit has a place; else `geo:0,0?q=<address>`, the
        /// address searched in the phone's map.
        var mapLink: String? {
            if let location { return "geo:\(location.latitude),\(location.longitude)" }
            return address.flatMap { $0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) }.map { "geo:0,0?q=\($0)" }
        }
    }

    struct RevealForm: Decodable {
        let reason: String?
    }

    struct Photo {
        let id: String
        let fileName: String
        let size: String
    }

    struct DispatchForm: Decodable {
        let caseId: String
        let agentId: String
        let startsAt: String
        let endsAt: String

        enum CodingKeys: String, CodingKey {
            case caseId = "case_id", agentId = "agent_id", startsAt = "starts_at", endsAt = "ends_at"
        }
    }

    struct CancelForm: Decodable {
        let reason: String?
    }

    struct ReportForm: Decodable {
        let met: String
        let visitors: String
        let identificationShown: String?
        let twoCollectorsPresent: String?
        let situation: String?
        let difficulty: String?
        let promiseAmount: String?
        let promiseDueOn: String?
        let planRequested: String?
        let planInstalments: String?
        let planFirstDate: String?
        let note: String?
        let overrideReason: String?
        /// `photos[]` of a multipart form; an empty file input sends one part without a name.
        let photos: [File]?

        enum CodingKeys: String, CodingKey {
            case met, visitors, identificationShown = "identification_shown", twoCollectorsPresent = "two_collectors_present", situation, difficulty,
                 promiseAmount = "promise_amount", promiseDueOn = "promise_due_on", planRequested = "plan_requested",
                 planInstalments = "plan_instalments", planFirstDate = "plan_first_date", note, overrideReason = "override_reason", photos
        }

        static let photosField = "photos[]"

        /// What was typed (but the photos), to show the form again after a refusal.
        var typed: [String: String] {
            ["met": met, "visitors": visitors, "identification_shown": identificationShown, "two_collectors_present": twoCollectorsPresent,
             "situation": situation, "difficulty": difficulty, "promise_amount": promiseAmount, "promise_due_on": promiseDueOn,
             "plan_requested": planRequested, "plan_instalments": planInstalments, "plan_first_date": planFirstDate, "note": note,
             "override_reason": overrideReason].compactMapValues { $0 }
        }

        /// The photos chosen, as uploads.
        var photoFiles: [AttachmentUpload] {
            (photos ?? []).filter { !$0.filename.isEmpty || $0.data.readableBytes > 0 }.map {
                AttachmentUpload(field: Self.photosField, fileName: $0.filename, declaredType: nil, bytes: Data($0.data.readableBytesView))
            }
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let visits = routes.grouped("visits")
        visits.get(use: page)
        visits.post(use: dispatch)
        visits.upload(":id", "report", maximumBytes: Self.maximumReportBytes, field: ReportForm.photosField, use: report)
        visits.post(":id", "confirm", use: confirm)
        visits.post(":id", "cancel", use: cancel)
        visits.post(":id", "reveal", use: reveal)
        visits.get(":id", "photos", ":attachment", use: photo)
    }

    func photo(req: Request) async throws -> Response {
        let read = try await VisitsController.photo(req, places: places)
        return AttachmentJSON.download(read.attachment, read.bytes)
    }

    func page(req: Request) async throws -> View {
        let lookup = req.query[String.self, at: "case_id"].map { String($0.trimmingCharacters(in: .whitespaces).prefix(128)) }
        return try await render(req, date: try RequestField.queryDate(req, "date") ?? Self.today(req), lookup: lookup)
    }

    func dispatch(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        guard VisitsController.dispatchers.contains(user.role) else { throw Abort(.forbidden) }
        let form = try req.content.decode(DispatchForm.self)
        let caseId = form.caseId.trimmingCharacters(in: .whitespaces)
        let zone = try await customerZone(caseId: caseId, req)
        let body = VisitsController.DispatchRequest(caseId: caseId,
                                                    agentId: form.agentId.trimmingCharacters(in: .whitespaces),
                                                    startsAt: Self.instant(form.startsAt, in: zone), endsAt: Self.instant(form.endsAt, in: zone),
                                                    latitude: nil, longitude: nil)
        do {
            let visit = try await VisitsController.dispatch(body, user: user, req: req, places: places)
            return req.redirect(to: "/visits?date=\(Self.day(of: visit.startsAt, req))\(Self.language(req))#visit-\(visit.id)")
        } catch let error as APIError {
            return try await refused(req, error, date: Self.today(req), form: "dispatch:" + caseId, fallback: "agent_id", fields: ["agent_id", "starts_at", "ends_at", "case_id"],
                                     values: ["agent_id": form.agentId, "starts_at": form.startsAt, "ends_at": form.endsAt], lookup: caseId, chosen: form.agentId)
        }
    }

    func report(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        guard user.role == .fieldAgent else { throw Abort(.forbidden) }
        guard let id = req.parameters.get("id"), id.count <= 128,
              let visit = try await VisitBook(store: req.context.store, places: places).find(id, agentId: user.agentId ?? "") else { throw Abort(.notFound) }
        let day = Self.day(of: visit.startsAt, req)
        let form = try req.content.decode(ReportForm.self)
        do {
            _ = try await VisitsController.report(id, try form.request(currency: try await currencies(of: [visit], req)[visit.caseId] ?? ""),
                                                  photoFiles: form.photoFiles, user: user, req: req, places: places)
        } catch let error as APIError where error.status != .notFound {
            return try await refused(req, error, date: day, form: "report:" + id, fallback: "report",
                                     fields: ["met", "visitors", "identification_shown", "two_collectors_present", "situation", "difficulty", "promise_amount",
                                              "promise_due_on", "plan_requested", "plan_instalments", "plan_first_date", "note", "override_reason", "photos"],
                                     values: form.typed)
        }
        return req.redirect(to: "/visits?date=\(day)\(Self.language(req))#visit-\(id)")
    }

    /// The customer agreed to the visit's window: `VisitBook.confirm`, as the API records it.
    func confirm(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        guard user.role == .fieldAgent else { throw Abort(.forbidden) }
        let book = VisitBook(store: req.context.store, places: places)
        guard let id = req.parameters.get("id"), id.count <= 128, let visit = try await book.find(id, agentId: user.agentId ?? "") else { throw Abort(.notFound) }
        let day = Self.day(of: visit.startsAt, req)
        do {
            _ = try await WorkbenchJSON.mapping { try await book.confirm(id, agentId: user.agentId ?? "", by: user.auditActor, now: req.context.now()) }
        } catch let error as APIError where error.status != .notFound {
            return try await refused(req, error, date: day, form: "confirm:" + id, fallback: "confirm", fields: [])
        }
        return req.redirect(to: "/visits?date=\(day)\(Self.language(req))#visit-\(id)")
    }

    func cancel(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        guard VisitsController.dispatchers.contains(user.role) else { throw Abort(.forbidden) }
        guard let id = req.parameters.get("id"), id.count <= 128,
              let visit = try await VisitBook(store: req.context.store, places: places).find(id, agentId: nil) else { throw Abort(.notFound) }
        let day = Self.day(of: visit.startsAt, req)
        let form = try req.content.decode(CancelForm.self)
        do {
            _ = try await VisitsController.cancel(id, .init(reason: form.reason ?? ""), user: user, req: req, places: places)
        } catch let error as APIError where error.status != .notFound {
            return try await refused(req, error, date: day, form: "cancel:" + id, fallback: "reason", fields: ["reason"], values: ["reason": form.reason ?? ""])
        }
        return req.redirect(to: "/visits?date=\(day)\(Self.language(req))#visit-\(id)")
    }

    /// The visit's address and mobile for its team, audited, on the day's page this once.
    func reveal(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        guard user.role == .fieldAgent else { throw Abort(.forbidden) }
        guard let id = req.parameters.get("id"), id.count <= 128,
              let visit = try await VisitBook(store: req.context.store, places: places).find(id, agentId: user.agentId ?? "") else { throw Abort(.notFound) }
        let day = Self.day(of: visit.startsAt, req)
        let form = try req.content.decode(RevealForm.self)
        let revealed: Revealed
        do {
            let (_, reason) = try CustomersController.validated(.init(fields: [RevealableField.address.rawValue], reason: form.reason ?? ""))
            guard visit.status.isOpen else { throw APIError(.conflict, code: "wrong_status", message: "the visit is over", field: "status") }
            let store = req.context.store
            let values = try await store.transaction { database in
                try await CustomersController.reveal([.address, .mobile], of: visit.customerId, reason: reason, user: user, store: store, on: database)
            }
            revealed = Revealed(address: values[.address] ?? nil, mobile: values[.mobile] ?? nil, location: visit.location)
        } catch let error as APIError where error.status != .notFound {
            return try await refused(req, error, date: day, form: "reveal:" + id, fallback: "reason", fields: ["reason"], values: ["reason": form.reason ?? ""])
        }
        let response = try await render(req, date: day, revealed: [visit.id: revealed]).encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    private func render(_ req: Request, date: LocalDate, form: PageForm = .none, lookup: String? = nil, chosen: String? = nil,
                        revealed: [String: Revealed] = [:]) async throws -> View {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let words = localizer.table
        let team = VisitsController.team(of: user)
        let visits = try await VisitBook(store: req.context.store, places: places)
            .day(date, agentId: team, includingCancelled: team == nil, in: req.viewerZone)
        let customers = try await customerPlaces(of: visits, req)
        let currencies = try await currencies(of: visits, req)
        let photos = try await VisitBook(store: req.context.store, places: places).photos(of: visits.map(\.id))
        let canDispatch = VisitsController.dispatchers.contains(user.role)
        var stops: [String: Int] = [:]
        let lines = visits.map { visit in
            let customer = customers[visit.customerId]
            let zone = customer.flatMap { TimeZone(identifier: $0.timeZone) } ?? TimeZone(identifier: "UTC")!
            if visit.status != .cancelled { stops[visit.agentId, default: 0] += 1 }
            return VisitLine(id: visit.id, stop: visit.status == .cancelled ? nil : stops[visit.agentId], caseId: visit.caseId, customerName: visit.customerName,
                             address: visit.address.map(PersonalDataMask.address), region: customer?.region, agentId: visit.agentId,
                             window: Self.window(visit, in: zone), status: words["vs_status_" + visit.status.rawValue] ?? visit.status.rawValue,
                             statusCode: visit.status.rawValue, currency: currencies[visit.caseId] ?? "",
                             reportable: user.role == .fieldAgent && visit.status.isOpen,
                             confirmable: user.role == .fieldAgent && visit.status == .dispatched, cancellable: canDispatch && visit.status.isOpen,
                             cancelReason: visit.cancelReason, revealed: revealed[visit.id],
                             met: visit.met.map { words["vs_met_" + $0] ?? $0 }, followUpTaskId: visit.followUpActionId,
                             photos: (photos[visit.id] ?? []).map { Photo(id: $0.id, fileName: $0.fileName, size: Self.size($0.byteCount)) })
        }
        var dispatches: [DispatchLine] = []
        var form = form
        if canDispatch {
            let book = VisitBook(store: req.context.store, places: places)
            var candidates = try await book.awaitingDispatch()
            if let lookup, !lookup.isEmpty {
                if let asked = try await book.candidate(caseId: lookup) {
                    candidates = [asked] + candidates.filter { $0.caseId != lookup }
                } else {
                    if form.form == nil { form = PageForm(form: "lookup", values: ["case_id": lookup], field: "case_id", message: localizer["vs_no_open_case"]) }
                }
            }
            let teams = VisitTeams(configured: req.context.analytics.agents)
            for candidate in candidates {
                dispatches.append(DispatchLine(candidate: candidate, teams: try await teams.covering(region: candidate.region, on: req.context.store.sql),
                                               chosen: candidate.caseId == lookup ? chosen : nil))
            }
        }
        let page = Page(t: words, lang: localizer.language.rawValue, date: date.description, previousDate: date.adding(days: -1).description,
                        nextDate: date.adding(days: 1).description, form: form, canDispatch: canDispatch,
                        canReport: user.role == .fieldAgent, dispatches: dispatches, lookup: lookup ?? "", visits: lines)
        return VisitsView.page(page, csrfToken: req.csrfToken(), role: user.role).view
    }

    /// The day's page again with `form` refused: what was typed in it (`values`) and the error
    /// beside its field (`fallback` when the API names none or one not among the form's
    /// `fields`), with the API's status.
    private func refused(_ req: Request, _ error: APIError, date: LocalDate, form: String, fallback: String, fields: [String], values: [String: String] = [:],
                         lookup: String? = nil, chosen: String? = nil) async throws -> Response {
        let localizer = Localizer(request: req)
        let refused = PageForm(form: form, values: values.mapValues { String($0.prefix(RequestField.maximumTextLength)) }, error: error, fallback: fallback,
                               fields: fields, words: Words(localizer), language: localizer.language)
        let response = try await render(req, date: date, form: refused, lookup: lookup, chosen: chosen).encodeResponse(for: req)
        response.status = error.status
        return response
    }

    /// Each customer's region and time zone.
    private func customerPlaces(of visits: [StoredVisit], _ req: Request) async throws -> [String: (region: String?, timeZone: String)] {
        try await CustomerRepository.places(of: Array(Set(visits.map(\.customerId))), on: req.context.store.sql)
    }

    /// Each visit's case's currency: a promise at the door is in it.
    private func currencies(of visits: [StoredVisit], _ req: Request) async throws -> [String: String] {
        try await CaseList.currencies(of: Array(Set(visits.map(\.caseId))), on: req.context.store.sql)
    }

    /// The time zone of the case's customer, in which the form's window is given; UTC when the
    /// case is unknown (the dispatch then refuses it, naming `case_id`).
    private func customerZone(caseId: String, _ req: Request) async throws -> TimeZone {
        let zone = try await CustomerRepository.timeZone(ofCase: caseId, on: req.context.store.sql)
        return zone.flatMap(TimeZone.init(identifier:)) ?? .gmt
    }

    /// A form's `datetime-local` text (`2026-11-25T10:00`, seconds optional) read in `zone` as
    /// ISO 8601 with the offset; any other text as given, for the API's validation to name.
    static func instant(_ text: String, in zone: TimeZone) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for pattern in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            if let date = formatter(pattern, zone).date(from: trimmed) { return ISO8601DateFormatter().string(from: date) }
        }
        return trimmed
    }

    /// `2026-11-25 10:00–12:00 Asia/Shanghai`.
    static func window(_ visit: StoredVisit, in zone: TimeZone) -> String {
        guard let start = ContactRecords.date(visit.startsAt), let end = ContactRecords.date(visit.endsAt) else { return visit.startsAt + "–" + visit.endsAt }
        let day = formatter("yyyy-MM-dd", zone), time = formatter("HH:mm", zone)
        let endText = day.string(from: end) == day.string(from: start) ? time.string(from: end) : day.string(from: end) + " " + time.string(from: end)
        return "\(day.string(from: start)) \(time.string(from: start))–\(endText) \(zone.identifier)"
    }

    private static func formatter(_ pattern: String, _ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter
    }

    /// `&lang=` of the form's language, for the page a form's redirect goes back to; "" without one.
    static func language(_ req: Request) -> String {
        req.query[String.self, at: "lang"].flatMap(Language.init(rawValue:)).map { "&lang=\($0.rawValue)" } ?? ""
    }

    /// Today in the viewer's zone (`Request.viewerZone`: their own, else the bank's): a field
    /// agent's day, not the UTC date.
    static func today(_ req: Request) -> LocalDate { LocalMoment(req.context.now(), in: req.viewerZone).date }

    /// The date, in the viewer's zone, a visit's window starts on: the day page it is on.
    static func day(of startsAt: String, _ req: Request) -> LocalDate {
        UTCTimestamp.instant(startsAt).map { LocalMoment($0, in: req.viewerZone).date } ?? today(req)
    }

    /// `820 KB`, `2.4 MB`: a file's size for people.
    static func size(_ bytes: Int) -> String {
        bytes < 1_048_576 ? "\(max(1, bytes / 1024)) KB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}

extension VisitsPageController.ReportForm {
    /// The report as the API takes it: a checkbox is present when ticked, empty fields are absent.
    func request(currency: String) throws -> VisitsController.ReportRequest {
        func given(_ text: String?) -> String? { text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        guard let count = Int(visitors.trimmingCharacters(in: .whitespaces)) else { throw APIError.invalidField("visitors", "visitors must be a whole number") }
        var promise: VisitsController.PromiseRequest?
        if let amount = given(promiseAmount) {
            promise = .init(amount: amount, currency: currency, dueOn: given(promiseDueOn) ?? "")
        }
        var instalments: Int?
        if let text = given(planInstalments) {
            guard let count = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw APIError.invalidField("plan_instalments", "plan_instalments must be a whole number")
            }
            instalments = count
        }
        return .init(met: met, visitors: count, identificationShown: identificationShown != nil, twoCollectorsPresent: twoCollectorsPresent != nil,
                     situation: situation, difficulty: difficulty, promise: promise, planRequested: planRequested != nil,
                     planInstalments: instalments, planFirstDate: given(planFirstDate), note: note, photos: nil, overrideReason: given(overrideReason))
    }
}
