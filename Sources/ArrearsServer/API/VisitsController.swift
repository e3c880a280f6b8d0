import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Vapor

/// Field visits (`docs/visits.md`):
///
/// - `POST /api/v1/visits` `{"case_id", "agent_id", "starts_at", "ends_at", "latitude"?, "longitude"?}`
///   (supervisor, admin): dispatches a visit to a field team or agent that covers the customer's
///   region (422 naming `agent_id` otherwise), records the appointment and queues the advance
///   notice; 201 with the visit. A case with an open visit is 409 `visit_already_open`.
/// - `POST /api/v1/visits/:id/confirm` (supervisor, admin, the field team): the customer agreed.
/// - `POST /api/v1/visits/:id/cancel` `{"reason"}` (supervisor, admin): calls off a visit not yet
///   reported, voids its appointment and queues the word to the customer.
/// - `GET /api/v1/visits?date=YYYY-MM-DD` (field agents: their team's, in route order, without
///   cancelled visits; supervisors and admins: every team's, cancelled ones after each route).
/// - `POST /api/v1/visits/:id/report` (the field team the visit is assigned to; 404 for any
///   other): `{"met", "visitors", "identification_shown", "two_collectors_present", "situation"?,
///   "difficulty"?, "promise"?: {"amount", "currency", "due_on"}, "plan_requested"?,
///   "plan_instalments"?, "plan_first_date"?, "note"?, "photos"?, "override_reason"?}`. Both
///   ticks must be true (422 naming the one that is not); before the window starts it is 409
///   `visit_not_started`; outside the pack's contact hours 409 `blocked_by_policy`, unless the
///   rule allows an override and `override_reason` is given. `plan_requested` proposes an
///   instalment plan (`plan_instalments`, default 6; first due `plan_first_date`, default in a
///   week) for approval: `plan_arrangement_id`.
/// - `GET /api/v1/visits/:id` (the field team, supervisors, admins): the visit with its uploaded
///   photos (`photos`, without their bytes).
/// - `POST /api/v1/visits/:id/photos?file_name=` (the visit's field team): the body is one JPEG
///   or PNG photo of at most 5 MiB (`AttachmentJSON`), at most 10 per visit; 201 with its
///   description. 413, 415 and 422 name `body` or `file_name`.
/// - `GET /api/v1/visits/:id/photos/:attachment` (the field team, supervisors, admins): the
///   photo's bytes, its view audited.
struct VisitsController: RouteCollection {
    static let dispatchers: Set<Role> = [.supervisor, .admin]
    static let readers: Set<Role> = [.fieldAgent, .supervisor, .admin]
    let places: VisitPlaces

    struct DispatchRequest: Decodable {
        let caseId: String
        let agentId: String
        let startsAt: String
        let endsAt: String
        let latitude: Double?
        let longitude: Double?

        enum CodingKeys: String, CodingKey {
            case caseId = "case_id", agentId = "agent_id", startsAt = "starts_at", endsAt = "ends_at", latitude, longitude
        }
    }

    struct PromiseRequest: Decodable {
        let amount: String
        let currency: String
        let dueOn: String

        enum CodingKeys: String, CodingKey {
            case amount, currency, dueOn = "due_on"
        }
    }

    struct ReportRequest: Decodable {
        let met: String
        let visitors: Int
        /// Absent is false, refused naming the field as an unticked box is.
        let identificationShown: Bool?
        let twoCollectorsPresent: Bool?
        let situation: String?
        let difficulty: String?
        let promise: PromiseRequest?
        let planRequested: Bool?
        let planInstalments: Int?
        let planFirstDate: String?
        let note: String?
        let photos: [String]?
        let overrideReason: String?

        enum CodingKeys: String, CodingKey {
            case met, visitors, identificationShown = "identification_shown", twoCollectorsPresent = "two_collectors_present", situation, difficulty,
                 promise, planRequested = "plan_requested", planInstalments = "plan_instalments", planFirstDate = "plan_first_date", note, photos,
                 overrideReason = "override_reason"
        }
    }

    /// A plan asked for at the door: six monthly instalments unless the report says otherwise.
    static let defaultPlanInstalments = 6
    /// The first instalment falls due a week after the visit unless the report says otherwise.
    static let defaultPlanFirstDays = 7

    struct CancelRequest: Decodable {
        let reason: String
    }

    struct Listed: Encodable {
        let items: [VisitJSON]
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.api(Self.dispatchers).post("visits", use: dispatch)
        api.api(Self.readers).post("visits", ":id", "confirm", use: confirm)
        api.api(Self.dispatchers).post("visits", ":id", "cancel", use: cancel)
        api.api(Self.readers).get("visits", use: list)
        api.api([.fieldAgent]).post("visits", ":id", "report", use: report)
        api.api(Self.readers).get("visits", ":id", use: show)
        api.api([.fieldAgent]).upload("visits", ":id", "photos", maximumBytes: AttachmentUpload.maximumBytes, field: AttachmentJSON.bodyField, use: addPhoto)
        api.api(Self.readers).get("visits", ":id", "photos", ":attachment", use: photo)
    }

    func show(req: Request) async throws -> Response {
        let book = VisitBook(store: req.context.store, places: places)
        guard let visit = try await book.find(try WorkbenchJSON.pathId(req, "visit"), agentId: Self.team(of: try req.signedInUser())) else {
            throw APIError.notFound("there is no such visit")
        }
        return try WorkbenchJSON.response(VisitJSON(visit, photos: try await book.photos(of: visit.id)))
    }

    func addPhoto(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let id = try WorkbenchJSON.pathId(req, "visit")
        let upload = try AttachmentJSON.upload(from: req)
        let photo = try await AttachmentJSON.mapping {
            try await WorkbenchJSON.mapping {
                try await VisitBook(store: req.context.store, places: places).addPhoto(id, upload, agentId: user.agentId ?? "", by: user.auditActor)
            }
        }
        return try WorkbenchJSON.response(AttachmentJSON(photo), status: .created)
    }

    func photo(req: Request) async throws -> Response {
        let read = try await Self.photo(req, places: places)
        return AttachmentJSON.download(read.attachment, read.bytes)
    }

    /// The photo of the path (`:id`, `:attachment`), read for the signed-in user: a field agent
    /// only of the team's own visits. Shared with the visits page.
    static func photo(_ req: Request, places: VisitPlaces) async throws -> (attachment: StoredAttachment, bytes: Data) {
        let user = try req.signedInUser()
        let id = try WorkbenchJSON.pathId(req, "visit")
        let attachmentId = try WorkbenchJSON.pathId(req, "photo", parameter: "attachment")
        return try await AttachmentJSON.mapping {
            try await WorkbenchJSON.mapping {
                try await VisitBook(store: req.context.store, places: places).photo(id, attachment: attachmentId, agentId: team(of: user), by: user.auditActor)
            }
        }
    }

    func dispatch(req: Request) async throws -> Response {
        let body = try RequestBody.decode(DispatchRequest.self, from: req)
        let visit = try await Self.dispatch(body, user: try req.signedInUser(), req: req, places: places)
        return try WorkbenchJSON.response(VisitJSON(visit), status: .created)
    }

    /// Validates the request's text and dispatches; shared with the dispatch page's form.
    static func dispatch(_ body: DispatchRequest, user: SignedInUser, req: Request, places: VisitPlaces) async throws -> StoredVisit {
        let starts = try RequestField.instant(body.startsAt, "starts_at")
        let ends = try RequestField.instant(body.endsAt, "ends_at")
        var location: GeoPoint?
        switch (body.latitude, body.longitude) {
        case (let latitude?, let longitude?): location = GeoPoint(latitude: latitude, longitude: longitude)
        case (nil, nil): location = nil
        case (nil, _): throw APIError.missingField("latitude")
        case (_, nil): throw APIError.missingField("longitude")
        }
        // The team must exist, make visits and cover the customer's region: nothing is sent to
        // the customer otherwise (`VisitTeams`).
        return try await mapping {
            try await VisitBook(store: req.context.store, places: places)
                .dispatch(.init(caseId: body.caseId, agentId: body.agentId, startsAt: starts, endsAt: ends, location: location),
                          teams: VisitTeams(configured: req.context.analytics.agents), by: user.auditActor, now: req.context.now())
        }
    }

    /// The workflow's refusals as the API's errors: `WorkbenchError` naming the field, a contact
    /// outside the pack's hours 409 `blocked_by_policy`, and `VisitError` 409.
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await ContactController.starting { try await WorkbenchJSON.mapping(body) }
        } catch let error as VisitError {
            switch error {
            case .alreadyOpen: throw APIError(.conflict, code: "visit_already_open", message: error.description, field: "case_id")
            case .beforeWindow: throw APIError(.conflict, code: "visit_not_started", message: error.description)
            }
        }
    }

    func confirm(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let visit = try await WorkbenchJSON.mapping {
            try await VisitBook(store: req.context.store, places: places).confirm(try WorkbenchJSON.pathId(req, "visit"), agentId: Self.team(of: user),
                                                                                  by: user.auditActor, now: req.context.now())
        }
        return try WorkbenchJSON.response(VisitJSON(visit))
    }

    func cancel(req: Request) async throws -> Response {
        let id = try WorkbenchJSON.pathId(req, "visit")
        let body = try RequestBody.decode(CancelRequest.self, from: req)
        return try WorkbenchJSON.response(VisitJSON(try await Self.cancel(id, body, user: try req.signedInUser(), req: req, places: places)))
    }

    /// Cancels the visit; shared with the visits page's form.
    static func cancel(_ id: String, _ body: CancelRequest, user: SignedInUser, req: Request, places: VisitPlaces) async throws -> StoredVisit {
        try await WorkbenchJSON.mapping {
            try await VisitBook(store: req.context.store, places: places).cancel(id, reason: body.reason, by: user.auditActor, now: req.context.now())
        }
    }

    func list(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        guard let date = try RequestField.queryDate(req, "date") else {
            throw APIError.badRequest("invalid_parameter", "date must be a date YYYY-MM-DD", field: "date")
        }
        let visits = try await Self.day(date, user: user, req: req, places: places)
        return try WorkbenchJSON.response(Listed(items: visits.map { VisitJSON($0) }))
    }

    func report(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let body = try RequestBody.decode(ReportRequest.self, from: req)
        let visit = try await Self.report(try WorkbenchJSON.pathId(req, "visit"), body, user: user, req: req, places: places)
        return try WorkbenchJSON.response(VisitJSON(visit))
    }

    /// Validates a report's text and records it; shared with the field agent's page.
    /// `photoFiles` come from the page's form; the API adds photos one by one (`addPhoto`).
    static func report(_ id: String, _ body: ReportRequest, photoFiles: [AttachmentUpload] = [], user: SignedInUser, req: Request,
                       places: VisitPlaces) async throws -> StoredVisit {
        guard let met = VisitReport.Met(rawValue: body.met) else { throw APIError.invalidField("met", "met must be customer, family or nobody") }
        var promise: PromiseBook.NewPromise?
        if let given = body.promise {
            let minor = try RequestField.amount(given.amount, currencyCode: given.currency, amountField: "promise.amount", currencyField: "promise.currency")
            let due = try RequestField.date(given.dueOn, "promise.due_on")
            promise = .init(caseId: "", amountMinor: minor, currency: given.currency, dueOn: due)
        }
        func text(_ value: String?) -> String? {
            value.map { String($0.prefix(RequestField.maximumTextLength)) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let now = req.context.now()
        var plan: VisitReport.PlanRequest?
        if body.planRequested == true {
            let first = try body.planFirstDate.map { try RequestField.date($0, "plan_first_date") }
            plan = .init(instalments: body.planInstalments ?? Self.defaultPlanInstalments,
                         firstDate: first ?? LocalMoment(now, offset: 0).date.adding(days: Self.defaultPlanFirstDays))
        }
        let report = VisitReport(met: met, visitors: body.visitors, identificationShown: body.identificationShown ?? false,
                                 twoCollectorsPresent: body.twoCollectorsPresent ?? false, situation: text(body.situation),
                                 difficulty: text(body.difficulty), promise: promise, plan: plan, note: text(body.note), photos: body.photos ?? [],
                                 photoFiles: photoFiles, overrideReason: body.overrideReason)
        return try await AttachmentJSON.mapping {
            try await mapping {
                do {
                    return try await VisitBook(store: req.context.store, places: places)
                        .report(id, report, agentId: user.agentId ?? "", policy: req.context.policy, limits: req.context.authority,
                                by: user.auditActor, now: now)
                } catch let error as WorkbenchError where ["amount", "currency", "due_on"].contains(error.field) {
                    // The promise's own refusals name its fields inside the report's `promise` object.
                    let mapped = WorkbenchJSON.apiError(error)
                    throw APIError(mapped.status, code: mapped.code, message: mapped.message, field: "promise." + error.field)
                }
            }
        }
    }

    /// Field agents see only their team's visits; everyone else every team's.
    static func team(of user: SignedInUser) -> String? {
        user.role == .fieldAgent ? (user.agentId ?? "") : nil
    }

    /// The day's visits as `user` sees them: a field team its own route, without what was
    /// cancelled; supervisors and admins every team's, cancelled visits after each route.
    static func day(_ date: LocalDate, user: SignedInUser, req: Request, places: VisitPlaces) async throws -> [StoredVisit] {
        let team = team(of: user)
        return try await VisitBook(store: req.context.store, places: places).day(date, agentId: team, includingCancelled: team == nil)
    }
}

/// A visit in the API's shape. The customer's address is masked for everyone (issue 22): the
/// field team of an open visit, and the roles that need it, open it with a reason through
/// `POST /api/v1/customers/:id/reveal`, which audits each view.
struct VisitJSON: Encodable {
    let id: String
    let caseId: String
    let customerId: String
    let customerName: String
    let address: String?
    let agentId: String
    let startsAt: String
    let endsAt: String
    let status: String
    let latitude: Double?
    let longitude: Double?
    let appointmentId: String
    let noticeId: String
    let met: String?
    let promiseId: String?
    let attemptId: String?
    let followUpTaskId: String?
    /// The instalment plan proposed for approval because the customer asked for one at the visit.
    let planArrangementId: String?
    let cancelledAt: String?
    let cancelledBy: String?
    let cancelReason: String?
    /// The uploaded photos, on the visit's own answer (`GET /api/v1/visits/:id`) only.
    let photos: [AttachmentJSON]?

    init(_ visit: StoredVisit, photos: [StoredAttachment]? = nil) {
        id = visit.id
        caseId = visit.caseId
        customerId = visit.customerId
        customerName = visit.customerName
        address = visit.address.map(PersonalDataMask.address)
        agentId = visit.agentId
        startsAt = visit.startsAt
        endsAt = visit.endsAt
        status = visit.status.rawValue
        latitude = visit.location?.latitude
        longitude = visit.location?.longitude
        appointmentId = visit.appointmentId
        noticeId = visit.noticeId
        met = visit.met
        promiseId = visit.promiseId
        attemptId = visit.attemptId
        followUpTaskId = visit.followUpActionId
        planArrangementId = visit.planArrangementId
        cancelledAt = visit.cancelledAt
        cancelledBy = visit.cancelledBy
        cancelReason = visit.cancelReason
        self.photos = photos?.map(AttachmentJSON.init)
    }
}
