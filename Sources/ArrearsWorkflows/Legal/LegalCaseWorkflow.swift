import ArrearsCore
import ArrearsStore
import Foundation

/// The legal book's rules over its rows (`LegalCaseRepository`): who may open a legal case, how
/// it moves through `LegalStage` (`LegalMove`), and which costs it takes. Each change is one
/// transaction of the repository with its audit entry: `legal_case_opened`,
/// `legal_stage_moved`, `legal_cost_added`. `LegalBook` runs it on the database.
///
/// Opening and every move go through `LegalGate` first: the customer's flags holding today
/// (with the rule of `pack` that covers the flag, when there is one) and the time `gates`; a
/// refusal is `LegalError.blocked` and writes nothing.
public struct LegalCaseWorkflow: Sendable {
    public let repository: any LegalCaseRepository
    public let gates: LegalTimeGates
    public let pack: PolicyPack?

    public init(repository: any LegalCaseRepository, gates: LegalTimeGates = .standard, pack: PolicyPack? = nil) {
        self.repository = repository
        self.gates = gates
        self.pack = pack
    }

    /// Opens the legal case `LC-<caseId>` when the daily run referred the case (its latest
    /// action's treatment is `legal_review`) or, with a reason, for a legal officer (`byOfficer`);
    /// anyone else is refused, as is a second legal case for the same collection case.
    public func open(caseId: String, reason: String?, byOfficer: Bool, by actor: String, now: Date = Date()) async throws -> StoredLegalCase {
        let id = "LC-" + caseId, today = LocalMoment(now, offset: 0).date.description, at = ContactRecords.timestamp(now)
        if let reason, reason.count > LegalMove.maximumTextLength { throw LegalError.invalid(field: "reason", message: "at most \(LegalMove.maximumTextLength) characters") }
        let pack = pack, day = LocalMoment(now, offset: 0).date
        try await repository.transaction { records in
            guard let found = try await records.referral(ofCase: caseId) else { throw LegalError.notFound(field: "case_id", id: caseId) }
            let flags = LegalGate.holding(try await records.flags(ofCustomer: found.customerId), on: day)
            if let refusal = LegalGate.check(.open, flags: flags, pack: pack) { throw LegalError.blocked(refusal, field: "case_id") }
            let referred = found.latestTreatment == LegalBook.referralTreatment
            guard referred || byOfficer else {
                throw LegalError.invalid(field: "case_id", message: "the daily run has not referred the case to legal review; a legal officer may open it with a reason")
            }
            guard referred || !(reason ?? "").isEmpty else { throw LegalError.invalid(field: "reason", message: "a case the daily run did not refer needs a reason") }
            guard try await !records.hasLegalCase(caseId: caseId) else {
                throw LegalError.conflict(code: "legal_case_exists", field: "case_id", message: "case_id: the case is already in legal as \(id)")
            }
            let referral = referred ? LegalBook.referralTreatment : "officer"
            try await records.insert(NewLegalCase(id: id, caseId: caseId, customerId: found.customerId, referral: referral, reason: reason,
                                                  openedOn: today, openedBy: actor, at: at))
            var details = ["legal_case_id": id, "case_id": caseId, "referral": referral]
            details["reason"] = reason
            try await records.audit([AuditEvent(actor: actor, action: "legal_case_opened", subject: found.customerId, details: details)], at: now)
        }
        return try await stored(id)
    }

    /// The legal case with its stages, costs and documents, if it exists.
    public func find(_ id: String) async throws -> StoredLegalCase? { try await repository.find(id) }

    /// Legal cases by id, optionally of one stage; `after` is the last id of the page before.
    public func list(stage: LegalStage?, after: String?, limit: Int) async throws -> [StoredLegalCase] {
        try await repository.list(stage: stage, after: after, limit: limit)
    }

    /// How many legal cases stand in each stage.
    public func countsByStage() async throws -> [LegalStage: Int] { try await repository.countsByStage() }

    /// Moves the case as `move` asks, if `LegalMove.check` allows it from the stored stage and
    /// `LegalGate` allows it for the customer's flags and the time gates (the move's date `on`
    /// against the stage's date and the latest demand letter's pay-by); a move refused leaves the
    /// case as it was.
    public func move(_ id: String, _ move: LegalMove, by actor: String, now: Date = Date()) async throws -> StoredLegalCase {
        let today = LocalMoment(now, offset: 0).date, at = ContactRecords.timestamp(now), gates = gates, pack = pack
        try await repository.transaction { records in
            guard let standing = try await records.standing(id) else { throw LegalError.notFound(field: "id", id: id) }
            let since = LocalDate(iso: standing.stageOn) ?? today
            do throws(LegalMoveError) { try move.check(from: standing.stage, since: since, today: today, knownCourt: standing.courtName) } catch {
                throw LegalError(error)
            }
            let flags = LegalGate.holding(try await records.flags(ofCustomer: standing.customerId), on: today)
            if let refusal = LegalGate.check(.move(move.to), flags: flags, pack: pack) { throw LegalError.blocked(refusal, field: "stage") }
            let payBy = try await records.latestPayBy(ofLegalCase: id)
            if let refusal = LegalGate.checkTime(to: move.to, on: move.on, since: since, payBy: payBy, gates: gates) {
                throw LegalError.blocked(refusal, field: "on")
            }
            guard try await records.move(id, from: standing.stage, move, sequence: standing.lastSequence + 1, by: actor, at: at) else {
                throw LegalError(.refused(from: standing.stage, to: move.to))
            }
            var details = ["legal_case_id": id, "from": standing.stage.rawValue, "to": move.to.rawValue, "on": move.on.description]
            details["court_name"] = move.courtName
            details["court_case_number"] = move.courtCaseNumber
            details["reason"] = move.reason
            try await records.audit([AuditEvent(actor: actor, action: "legal_stage_moved", subject: standing.customerId, details: details)], at: now)
        }
        return try await stored(id)
    }

    /// Adds a cost (court fees, a lawyer's bill) to the case, closed or not: bills come late. A
    /// cost is more than zero, in an ISO 4217 currency, described, and not in the future.
    public func addCost(_ id: String, _ cost: LegalBook.NewCost, by actor: String, now: Date = Date()) async throws -> StoredLegalCase {
        guard cost.amountMinor > 0 else { throw LegalError.invalid(field: "amount", message: "a cost is more than zero") }
        guard Currency(code: cost.currency) != nil else { throw LegalError.invalid(field: "currency", message: "an ISO 4217 code such as CNY") }
        let description = cost.description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !description.isEmpty, description.count <= LegalBook.maximumDescriptionLength else {
            throw LegalError.invalid(field: "description", message: "1 to \(LegalBook.maximumDescriptionLength) characters")
        }
        guard cost.incurredOn <= LocalMoment(now, offset: 0).date else { throw LegalError.invalid(field: "incurred_on", message: "the date is in the future") }
        let costId = "LCOST-" + UUID().uuidString.lowercased()
        try await repository.transaction { records in
            guard let customerId = try await records.customerId(ofLegalCase: id) else { throw LegalError.notFound(field: "id", id: id) }
            try await records.insert(NewLegalCost(id: costId, legalCaseId: id, amountMinor: cost.amountMinor, currency: cost.currency, description: description,
                                                  incurredOn: cost.incurredOn.description, recordedBy: actor, recordedAt: ContactRecords.timestamp(now)))
            try await records.audit([AuditEvent(actor: actor, action: "legal_cost_added", subject: customerId, details: [
                "legal_case_id": id, "cost_id": costId, "amount_minor": String(cost.amountMinor), "currency": cost.currency, "description": description,
            ])], at: now)
        }
        return try await stored(id)
    }

    /// The case just written, read back.
    private func stored(_ id: String) async throws -> StoredLegalCase {
        guard let legal = try await repository.find(id) else { throw LegalError.notFound(field: "id", id: id) }
        return legal
    }
}
