import ArrearsCore
import ArrearsStore
import Foundation

/// A field visit called off before it is made (issue 5): the customer need not keep the window
/// free any more, and the team must not go.
///
/// In one transaction, audited `visit_cancelled` with the reason: the visit becomes `cancelled`
/// with who cancelled it, when and why; its appointment is voided
/// (`ContactRecords.cancelAppointment`), so the `cn.field-visits` rule no longer finds a time agreed
/// for a visit then; and an SMS in the customer's language tells them the visit of that window is
/// off (`<visit id>:cancelled`, through the outbox as the advance notice). A customer whose mobile
/// number was removed since the dispatch gets no SMS; the visit is cancelled all the same.
extension VisitBook {
    /// As long as the other notes a visit keeps.
    public static let maximumReasonLength = 2_000

    /// Cancels a visit not yet reported (`VisitWorkflow.cancel`); throws `WorkbenchError` naming
    /// `reason`, `id` (not found) or `status` (reported or cancelled already).
    public func cancel(_ id: String, reason: String, by actor: String, now: Date = Date()) async throws -> StoredVisit {
        try await workflow.cancel(id, reason: reason, by: actor, now: now)
    }
}

extension VisitWorkflow {
    /// Cancels a visit not yet reported; throws `WorkbenchError` naming `reason`, `id` (not found)
    /// or `status` (reported or cancelled already).
    public func cancel(_ id: String, reason: String, by actor: String, now: Date = Date()) async throws -> StoredVisit {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let longest = VisitBook.maximumReasonLength
        guard !reason.isEmpty else { throw WorkbenchError.invalid(field: "reason", message: "give the reason the visit is cancelled; it is audited") }
        guard reason.count <= longest else {
            throw WorkbenchError.invalid(field: "reason", message: "the reason is longer than \(longest) characters")
        }
        guard let visit = try await records.find(id, agentId: nil) else { throw WorkbenchError.notFound(field: "id", id: id) }
        guard visit.status.isOpen else { throw VisitBook.notOpen(visit.status) }
        guard let startsAt = ContactRecords.date(visit.startsAt), let endsAt = ContactRecords.date(visit.endsAt) else {
            throw WorkbenchError.invalid(field: "id", message: "the visit's window cannot be read")
        }
        try await records.transaction { records in
            guard try await records.cancel(id, reason: reason, by: actor, at: now) else {
                throw WorkbenchError.wrongStatus(field: "status", message: "the visit was reported or cancelled meanwhile")
            }
            try await records.cancelAppointment(visit.appointmentId, reason: reason, by: actor, at: now)
            var details = ["visit_id": id, "case_id": visit.caseId, "agent_id": visit.agentId, "reason": reason, "appointment_id": visit.appointmentId]
            if let customer = try await records.noticeContact(ofCustomer: visit.customerId), let mobile = customer.mobile {
                let message = VisitNotice.message("cancelled", visitId: id, customerId: visit.customerId, mobile: mobile, language: customer.language,
                                                  timeZone: customer.timeZone, now: now) { language, zone in
                    VisitNotice.cancellation(language: language, from: startsAt, to: endsAt, in: zone)
                }
                try await records.enqueue([message])
                details["notice_id"] = message.id
            }
            try await records.audit([AuditEvent(actor: actor, action: "visit_cancelled", subject: visit.customerId, details: details)], at: now)
        }
        return try await stored(id)
    }
}
