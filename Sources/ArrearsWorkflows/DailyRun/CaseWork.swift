import ArrearsCore
import ArrearsStore
import Foundation

/// The rows one business date's decisions turn into: cases to open or update, actions,
/// cadence marks, outbox messages, collection letters and tasks to assign.
///
/// A day writes only what changed: an open case whose segment, cell, bucket, currency and
/// overdue amount stay as stored is not written again (`caseRows` holds the new and the changed
/// cases); when only its days past due moved, as they do for every open case every day, it is
/// listed in `daysPastDueShifts` for one set-based update of that column alone.
struct CaseWork {
    static let caseTable = BulkInsert(
        table: "cases",
        columns: ["id", "customer_id", "status", "opened_on", "segment", "cell", "dpd", "bucket", "currency", "overdue_minor", "updated_on"],
        key: ["id"], onConflict: .update)
    static let actionTable = BulkInsert(
        table: "actions",
        columns: ["id", "case_id", "customer_id", "business_date", "segment", "bucket", "dpd", "treatment", "channel", "cell", "status", "reason", "priority", "rule", "next_allowed_at", "assigned_to",
                  "propensity", "expected_value_minor", "alternative", "alternative_value_minor"],
        key: ["id"], onConflict: .ignore)
    /// Where `assigned_to` is in an action row.
    static let assignedToColumn = 15
    static let cadenceTable = BulkInsert(table: "case_cadence", columns: ["case_id", "treatment", "last_acted_on"], key: ["case_id", "treatment"], onConflict: .update)

    struct Counts {
        var segment: [String: Int] = [:]
        var bucket: [String: Int] = [:]
        var treatment: [String: Int] = [:]
        var cell: [String: Int] = [:]
        var status: [String: Int] = [:]
        var rule: [String: Int] = [:]
    }

    let date: LocalDate
    let strategy: Strategy
    let buckets: BucketScheme
    let payURLBase: String
    /// Signs each customer's self-service link (`{pay_url}`).
    let links: LinkSigner
    private var screen: TreatmentScreen
    /// The open cases' stored fields (`CaseInputs.storedCases`); a case missing here is written in full.
    private let storedCases: [String: CaseInputs.StoredCase]

    /// The new cases and the open ones whose decision moved (segment, cell, bucket, currency or
    /// overdue), in full, with `updated_on` the date.
    private(set) var caseRows: [[BulkValue]] = []
    /// days → the open cases whose days past due alone moved, by that many days.
    private(set) var daysPastDueShifts: [Int: [String]] = [:]
    /// Open cases that nothing about moved: not written at all.
    private(set) var casesUnchanged = 0
    private(set) var actionRows: [[BulkValue]] = []
    private(set) var cadenceRows: [[BulkValue]] = []
    private(set) var messages: [OutboxMessage] = []
    /// The collection letters of `letter` treatments (`LetterRecords.table`), printed by `arrears letters print`.
    private(set) var letterRows: [[BulkValue]] = []
    private(set) var tasks: [TaskToAssign] = []
    private(set) var casesOpened = 0
    /// Time spent checking treatments against the policy pack, in nanoseconds.
    private(set) var policyNanoseconds: UInt64 = 0
    private(set) var counts = Counts()
    /// Row index of each task's action, to fill in `assigned_to`.
    private var actionIndex: [String: Int] = [:]
    /// Each task's case and treatment, for the cadence of the tasks that found someone.
    private(set) var taskTreatments: [String: (caseId: String, treatment: String)] = [:]
    /// The cases of optimised cells, decided together once every case is seen (`decideOptimised`).
    private(set) var optimisedCandidates: [OptimisedDay.Candidate] = []
    /// The tasks of optimised cells, assigned first within their share of capacity.
    private(set) var optimisedTaskIds: Set<String> = []

    init(date: LocalDate, strategy: Strategy, buckets: BucketScheme, payURLBase: String, links: LinkSigner, screen: TreatmentScreen,
         storedCases: [String: CaseInputs.StoredCase] = [:]) {
        self.storedCases = storedCases
        self.links = links
        self.screen = screen
        self.date = date
        self.strategy = strategy
        self.buckets = buckets
        self.payURLBase = payURLBase
    }

    mutating func decide(_ customer: CaseInputs.Customer, openCase: (id: String, openedOn: String)?, facts: CaseFacts) {
        let day = date.description
        let caseId = openCase?.id ?? "CASE-\(customer.id)-\(day.replacingOccurrences(of: "-", with: ""))"
        if openCase == nil { casesOpened += 1 }
        let decision = strategy.decide(facts, on: date, buckets: buckets)
        writeCase(caseId, customer: customer, openedOn: openCase?.openedOn ?? day, decision: decision, facts: facts)
        let actionId = "\(caseId)@\(day)"
        if let plan = strategy.optimisePlan(forCell: decision.cell), decision.outcome.isActOrWait {
            // The cell's rules are guardrails; the pack and the customer's contact points remove more.
            let allowed = strategy.allowedTreatments(facts, on: date, decision: decision).filter { rule in
                guard reachable(rule, customer) else { return false }
                let checkStarted = DispatchTime.now().uptimeNanoseconds
                defer { policyNanoseconds += DispatchTime.now().uptimeNanoseconds - checkStarted }
                return screen.check(rule, for: customer).allowed
            }
            optimisedCandidates.append(.init(customer: customer, caseId: caseId, facts: facts, decision: decision, plan: plan, treatments: allowed))
            return
        }
        switch decision.outcome {
        case .act(let rule):
            act(rule, caseId: caseId, actionId: actionId, customer: customer, decision: decision, facts: facts)
        case .hold(let hold):
            addAction(actionId, caseId: caseId, customer: customer, decision: decision, facts: facts, treatment: "hold",
                      channel: "none", status: "held", reason: hold.description, priority: 0)
        case .wait, .none:
            break
        }
    }

    /// Writes the case as decided, or only what moved of it (see the type's description).
    private mutating func writeCase(_ caseId: String, customer: CaseInputs.Customer, openedOn: String, decision: Decision, facts: CaseFacts) {
        let decided = CaseInputs.StoredCase(segment: decision.segment.rawValue, cell: decision.cell, dpd: facts.daysPastDue,
                                            bucket: decision.bucket, currency: facts.currency.code, overdueMinor: facts.overdueMinor)
        if let stored = storedCases[caseId] {
            if stored == decided {
                casesUnchanged += 1
                return
            }
            let shift = decided.dpd - stored.dpd
            if CaseInputs.StoredCase(segment: stored.segment, cell: stored.cell, dpd: decided.dpd, bucket: stored.bucket,
                                     currency: stored.currency, overdueMinor: stored.overdueMinor) == decided {
                daysPastDueShifts[shift, default: []].append(caseId)
                return
            }
        }
        caseRows.append([
            .text(caseId), .text(customer.id), .text("open"), .text(openedOn), .text(decided.segment), .text(decided.cell),
            .integer(Int64(decided.dpd)), .text(decided.bucket), .text(decided.currency), .integer(decided.overdueMinor), .text(date.description),
        ])
    }

    /// Decides the cases of optimised cells together (`OptimisedDay`): each gets the chosen
    /// treatment's action, or an action on channel `none` when no contact was chosen, with its
    /// propensity, expected value and best alternative.
    mutating func decideOptimised(_ settings: OptimisedDay.Settings) -> OptimisationSummary? {
        guard !optimisedCandidates.isEmpty else { return nil }
        let (choices, summary) = OptimisedDay.choose(optimisedCandidates, settings: settings)
        let day = date.description
        for (candidate, choice) in zip(optimisedCandidates, choices) {
            let actionId = "\(candidate.caseId)@\(day)"
            if let rule = choice.treatment {
                act(rule, caseId: candidate.caseId, actionId: actionId, customer: candidate.customer, decision: candidate.decision,
                    facts: candidate.facts, why: choice)
                if !rule.channel.isMessage, rule.channel != .letter { optimisedTaskIds.insert(actionId) }
            } else {
                let reason = candidate.treatments.isEmpty
                    ? "no contact: no channel its rules allow is due and open today (optimised)"
                    : "no contact: no allowed channel is worth its cost within the capacity today (optimised)"
                addAction(actionId, caseId: candidate.caseId, customer: candidate.customer, decision: candidate.decision, facts: candidate.facts,
                          treatment: "no_contact", channel: "none", status: "created", reason: reason, priority: 0, why: choice)
            }
        }
        optimisedCandidates = []
        return summary
    }

    /// Whether the customer has the contact point the rule's channel needs (`ActionChannel.reaches`).
    private func reachable(_ rule: TreatmentRule, _ customer: CaseInputs.Customer) -> Bool {
        ActionChannel(rule.channel).reaches(hasMobile: !(customer.mobile ?? "").isEmpty, hasEmail: !(customer.email ?? "").isEmpty)
    }

    /// Turns `rule` into the case's action of the day: blocked by the pack, or a message, a
    /// letter or a task; `why` carries an optimised cell's reasons.
    private mutating func act(_ rule: TreatmentRule, caseId: String, actionId: String, customer: CaseInputs.Customer, decision: Decision,
                              facts: CaseFacts, why: OptimisedDay.Choice? = nil) {
        let day = date.description
        let priority = strategy.priority(of: rule, for: facts)
        // The lawful path is the only path: a treatment the pack forbids becomes a blocked
        // action with its rule, and with no cadence mark the next run decides it again.
        let checkStarted = DispatchTime.now().uptimeNanoseconds
        let verdict = screen.check(rule, for: customer)
        policyNanoseconds += DispatchTime.now().uptimeNanoseconds - checkStarted
        guard verdict.allowed else {
            counts.rule[verdict.rule ?? "", default: 0] += 1
            addAction(actionId, caseId: caseId, customer: customer, decision: decision, facts: facts, treatment: rule.name,
                      channel: rule.channel.rawValue, status: "blocked", reason: verdict.reason ?? "", priority: priority,
                      rule: verdict.rule, nextAllowedAt: verdict.nextAllowedAt, why: why)
            return
        }
        var status = "created"
        var reason = rule.description
        if rule.channel.isMessage {
            if let message = message(for: rule, customer: customer, facts: facts, caseId: caseId, actionId: actionId) {
                messages.append(message)
            } else {
                status = "blocked"
                reason = rule.channel == .sms ? "no mobile number on file" : "no e-mail address on file"
            }
        } else if rule.channel == .letter {
            letterRows.append([
                .text(LetterRecords.id(customerId: customer.id, on: date)), .text(caseId), .text(customer.id), .text(actionId), .text(day),
                .text(rule.template ?? rule.name), .text(customer.language.rawValue), .text(facts.currency.code), .integer(facts.overdueMinor),
                .integer(Int64(facts.daysPastDue)), .text(date.adding(days: -facts.daysPastDue).description), .text(LetterRecords.Status.queued.rawValue),
            ])
        } else {
            tasks.append(TaskToAssign(id: actionId, channel: rule.channel, language: customer.language, region: customer.region,
                                      priority: priority))
            actionIndex[actionId] = actionRows.count
            taskTreatments[actionId] = (caseId, rule.name)
        }
        // A message (sent or blocked) or a letter counts as done today; a task only once someone has it.
        if rule.channel.isMessage || rule.channel == .letter { cadenceRows.append([.text(caseId), .text(rule.name), .text(day)]) }
        addAction(actionId, caseId: caseId, customer: customer, decision: decision, facts: facts, treatment: rule.name,
                  channel: rule.channel.rawValue, status: status, reason: reason, priority: priority, why: why)
    }

    /// Fills in who each assigned task went to and starts its cadence. The others wait in their
    /// queue: with no cadence mark, tomorrow's run decides them again, at their new priority.
    mutating func applyAssignment(_ assignment: [String: String]) {
        for (actionId, agentId) in assignment.sorted(by: { $0.key < $1.key }) {
            guard let index = actionIndex[actionId], let task = taskTreatments[actionId] else { continue }
            actionRows[index][Self.assignedToColumn] = .text(agentId)
            cadenceRows.append([.text(task.caseId), .text(task.treatment), .text(date.description)])
        }
    }

    private mutating func addAction(_ id: String, caseId: String, customer: CaseInputs.Customer, decision: Decision, facts: CaseFacts,
                                    treatment: String, channel: String, status: String, reason: String, priority: Int64,
                                    rule: String? = nil, nextAllowedAt: Date? = nil, why: OptimisedDay.Choice? = nil) {
        actionRows.append([
            .text(id), .text(caseId), .text(customer.id), .text(date.description), .text(decision.segment.rawValue),
            .text(decision.bucket), .integer(Int64(facts.daysPastDue)), .text(treatment), .text(channel), .text(decision.cell),
            .text(status), .text(reason), .integer(priority), .optional(rule), .optional(nextAllowedAt.map(ContactRecords.timestamp)), .null,
            .optional(why?.propensity), why.map { .integer($0.expectedValueMinor) } ?? .null, .optional(why?.alternative?.channel),
            why?.alternative.map { .integer($0.valueMinor) } ?? .null,
        ])
        counts.segment[decision.segment.rawValue, default: 0] += 1
        counts.bucket[decision.bucket, default: 0] += 1
        counts.treatment[treatment, default: 0] += 1
        counts.cell[decision.cell, default: 0] += 1
        counts.status[status, default: 0] += 1
    }

    /// The SMS or e-mail for a message treatment, in the customer's language; nil when the
    /// customer has no number or address for that channel.
    private func message(for rule: TreatmentRule, customer: CaseInputs.Customer, facts: CaseFacts, caseId: String, actionId: String) -> OutboxMessage? {
        guard let recipient = rule.channel == .sms ? customer.mobile : customer.email, !recipient.isEmpty,
              let templateName = rule.template, let template = strategy.templates[templateName] else { return nil }
        let rendered = template.render(customer.language, values: [
            "name": customer.name,
            "amount": DecimalAmount.format(facts.overdueMinor, minorDigits: facts.currency.minorDigits),
            "currency": facts.currency.code,
            "due_date": date.adding(days: -facts.daysPastDue).description,
            "dpd": String(facts.daysPastDue),
            "pay_url": payURLBase + SelfServiceLink.token(customerId: customer.id, businessDate: date, signer: links),
        ])
        let optOut = screen.settings.pack.optOut(customer.language)
        let body = optOut.map { rendered.body.hasSuffix("\n") ? rendered.body + $0 : rendered.body + " " + $0 } ?? rendered.body
        var message = OutboxMessage(id: "MSG-\(actionId)", actionId: actionId, customerId: customer.id, channel: rule.channel.rawValue,
                             recipient: recipient, language: customer.language.rawValue, subject: rendered.subject,
                             body: body, businessDate: date.description)
        message.notBefore = screen.contactInstant(inZone: customer.timeZone)
        return message
    }
}

extension CaseWork {
    /// The open cases of which only the DPD is updated.
    var daysPastDueShifted: Int { daysPastDueShifts.values.reduce(0) { $0 + $1.count } }

    /// Puts what was decided into `summary`: how the cases are written, the actions and their
    /// counts by segment, bucket, treatment, cell, status and blocking rule, the messages and
    /// letters queued, and the policy check's time (`recordsSeconds` loading the contact records,
    /// and the checks themselves).
    func count(into summary: inout DailyRunSummary, recordsSeconds: Double) {
        summary.casesWritten = CaseWrites(full: caseRows.count, daysPastDueOnly: daysPastDueShifted, unchanged: casesUnchanged)
        summary.actions = actionRows.count
        summary.bySegment = counts.segment
        summary.byBucket = counts.bucket
        summary.byTreatment = counts.treatment
        summary.byCell = counts.cell
        summary.byStatus = counts.status
        summary.blockedByRule = counts.rule
        summary.policySeconds = recordsSeconds + Double(policyNanoseconds) / 1e9
        summary.messagesQueued = messages.count
        summary.lettersQueued = letterRows.count
    }
}

extension CaseWork {
    /// Writes the day's work in `records`' transaction: the cases in full and the DPD alone of
    /// those that only aged, the actions, the cadence marks, the letters and the messages. The
    /// one-process day and each partition write it the same way.
    func write(to records: any DailyRunTransaction) async throws {
        try await records.insert(Self.caseTable, caseRows)
        try await records.shiftDaysPastDue(daysPastDueShifts)
        try await records.insert(Self.actionTable, actionRows)
        try await records.insert(Self.cadenceTable, cadenceRows)
        try await records.insert(LetterRecords.table, letterRows)
        try await records.enqueue(messages)
    }
}
