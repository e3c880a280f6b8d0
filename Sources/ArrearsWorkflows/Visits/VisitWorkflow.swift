import ArrearsCore
import ArrearsStore
import Foundation

/// The rules of a field visit's dispatch, and those a report is held to before anything of it
/// is stored, over `VisitRecords`: `VisitBook` runs them on the database, a test on rows kept in
/// memory.
///
/// - A dispatch's window ends after it starts, lasts at most `maximumWindowHours` and starts at
///   least `noticeHours` after the dispatch, so the customer is told in advance.
/// - It goes only to a team or agent that covers the customer's region (`VisitTeams`), on an open
///   case whose customer has a mobile number for the notice, without an open visit
///   (`VisitError.alreadyOpen`).
/// - It records the window as an appointment, queues the notice in the customer's language and
///   time zone, stores the visit and audits `visit_dispatched`, in one transaction.
public struct VisitWorkflow: Sendable {
    public let records: any VisitRecords
    public let places: VisitPlaces
    public var noticeHours = 24
    /// The longest window a team may ask the customer to keep free.
    public var maximumWindowHours = 12

    public init(records: any VisitRecords, places: VisitPlaces) {
        self.records = records
        self.places = places
    }

    /// Dispatches a visit on an open case without an open visit to one of `teams` that covers the
    /// customer's region; throws `WorkbenchError` naming the field, or `VisitError.alreadyOpen`.
    /// Without coordinates the visit is placed at its customer's region centroid, if known.
    public func dispatch(_ request: VisitBook.Dispatch, teams: VisitTeams, by actor: String, now: Date = Date()) async throws -> StoredVisit {
        guard request.endsAt > request.startsAt else { throw WorkbenchError.invalid(field: "ends_at", message: "the window ends before it starts") }
        guard request.endsAt.timeIntervalSince(request.startsAt) <= Double(maximumWindowHours) * 3_600 else {
            throw WorkbenchError.invalid(field: "ends_at", message: "a window is at most \(maximumWindowHours) hours")
        }
        guard request.startsAt.timeIntervalSince(now) >= Double(noticeHours) * 3_600 else {
            throw WorkbenchError.invalid(field: "starts_at", message: "the customer must be notified at least \(noticeHours) hours before the visit")
        }
        if let location = request.location, !location.isValid {
            throw WorkbenchError.invalid(field: "latitude", message: "latitude must be -90 to 90 and longitude -180 to 180")
        }
        guard !request.agentId.isEmpty, request.agentId.count <= 64 else { throw WorkbenchError.invalid(field: "agent_id", message: "agent_id names a field team") }
        let (places, id) = (places, "VISIT-" + UUID().uuidString.lowercased())
        try await records.transaction { records in
            guard let target = try await records.target(ofCase: request.caseId) else { throw WorkbenchError.notFound(field: "case_id", id: request.caseId) }
            guard target.caseStatus == "open" else { throw WorkbenchError.invalid(field: "case_id", message: "the case is closed") }
            guard let mobile = target.mobile else {
                throw WorkbenchError.invalid(field: "case_id", message: "the customer has no mobile number to send the advance notice to")
            }
            try await teams.check(request.agentId, region: target.region) { try await records.fieldAgentIds() }
            if let open = try await records.openVisit(ofCase: request.caseId) {
                throw VisitError.alreadyOpen(caseId: request.caseId, visitId: open)
            }
            let location = request.location ?? target.region.flatMap { places.centroids[$0] }
            let appointmentId = try await records.addAppointment(
                customerId: target.customerId, Appointment(channel: .visit, startsAt: request.startsAt, endsAt: request.endsAt, notifiedAt: now),
                by: actor, at: now)
            let notice = VisitNotice.message("notice", visitId: id, customerId: target.customerId, mobile: mobile, language: target.language,
                                             timeZone: target.timeZone, now: now) { language, zone in
                VisitNotice.text(language: language, from: request.startsAt, to: request.endsAt, in: zone)
            }
            try await records.enqueue([notice])
            // Two dispatches at once both pass the check above; one inserts, and the other takes
            // back its appointment and notice with its transaction.
            guard try await records.insert(NewVisit(id: id, caseId: request.caseId, customerId: target.customerId, agentId: request.agentId,
                                                    startsAt: request.startsAt, endsAt: request.endsAt, location: location, appointmentId: appointmentId,
                                                    noticeId: notice.id, dispatchedBy: actor, dispatchedAt: now)) else {
                throw VisitError.alreadyOpen(caseId: request.caseId, visitId: try await records.openVisit(ofCase: request.caseId) ?? "another visit")
            }
            try await records.audit([AuditEvent(actor: actor, action: "visit_dispatched", subject: target.customerId, details: [
                "visit_id": id, "case_id": request.caseId, "agent_id": request.agentId, "starts_at": ContactRecords.timestamp(request.startsAt),
                "ends_at": ContactRecords.timestamp(request.endsAt), "notice_id": notice.id,
            ])], at: now)
        }
        guard let visit = try await records.find(id, agentId: nil) else { throw WorkbenchError.notFound(field: "id", id: id) }
        return visit
    }

    /// The team's own visit (`agentId`: another team's is not found) as a report may be made on
    /// it at `now`: still open, with identification shown, two collectors present (2 to 10
    /// visitors), its window started (`VisitError.beforeWindow`) and photos named as files (at
    /// most 20). Refuses with the field, before anything is stored.
    public func reportable(_ id: String, _ report: VisitReport, agentId: String, now: Date) async throws -> StoredVisit {
        guard let visit = try await records.find(id, agentId: agentId) else { throw WorkbenchError.notFound(field: "id", id: id) }
        guard visit.status.isOpen else { throw VisitBook.notOpen(visit.status) }
        guard report.identificationShown else {
            throw WorkbenchError.invalid(field: "identification_shown", message: "the collectors show their identification at every visit; tick it once they did")
        }
        guard report.twoCollectorsPresent else {
            throw WorkbenchError.invalid(field: "two_collectors_present", message: "a visit is made by two collectors; tick it once two went")
        }
        guard (2...10).contains(report.visitors) else { throw WorkbenchError.invalid(field: "visitors", message: "visitors is 2 to 10: two collectors go on a visit") }
        if let startsAt = ContactRecords.date(visit.startsAt), now < startsAt {
            throw VisitError.beforeWindow(visitId: id, startsAt: visit.startsAt)
        }
        if let bad = report.photos.first(where: { $0.isEmpty || $0.count > 128 || $0.contains("/") || $0.contains("\\") }) {
            throw WorkbenchError.invalid(field: "photos", message: "'\(bad)' is not a file name (1 to 128 characters, no folders)")
        }
        guard report.photos.count <= 20 else { throw WorkbenchError.invalid(field: "photos", message: "at most 20 photos") }
        return visit
    }
}
