import Foundation

/// The compliance rules of one jurisdiction (DESIGN.md, "policy pack"), with the universal rules
/// every pack carries, checked in order: the first rule that forbids a contact blocks it.
///
/// Checking is pure and cheap (no allocation on the common path of a customer with no flags and
/// no recent attempts), so the daily run checks every treatment and the workbench every dial.
public struct PolicyPack: Sendable {
    public let id: String
    public let name: String
    public let rules: [PolicyRule]
    public let holidays: HolidayCalendar

    public init(id: String, name: String, rules: [PolicyRule], holidays: HolidayCalendar) {
        self.id = id
        self.name = name
        self.rules = rules
        self.holidays = holidays
    }

    /// The rule id used when a rule cannot be evaluated: missing facts block, never allow.
    public static let unevaluable = "universal.evaluable"

    /// May `request` be made to the customer of `standing`?
    public func check(_ request: ContactRequest, for standing: CustomerStanding) -> PolicyDecision {
        guard let timeZone = standing.timeZone else {
            return .block(Self.unevaluable, "the customer's time zone is missing or unknown, so the contact hours cannot be checked")
        }
        return check(request, for: standing, at: LocalMoment(request.at, in: timeZone), timeZone: timeZone)
    }

    /// The same, with the request's local moment already worked out (the daily run computes it
    /// once per time zone).
    public func check(_ request: ContactRequest, for standing: CustomerStanding, at moment: LocalMoment, timeZone: TimeZone) -> PolicyDecision {
        var conditions: [String] = []
        guard let block = firstBlock(request, standing, moment, timeZone, conditions: &conditions) else {
            return .allow(conditions: conditions)
        }
        return .block(block.rule, block.reason, nextAllowedAt: nextAllowed(after: block.retryAt, request, standing, timeZone))
    }

    /// Tries the moments the blocking rules name until one is allowed: the quiet hours end on a
    /// holiday, so the next day is tried, and so on. Nil when some rule names no moment.
    private func nextAllowed(after first: Date?, _ request: ContactRequest, _ standing: CustomerStanding, _ timeZone: TimeZone) -> Date? {
        var candidate = first
        for _ in 0..<32 {
            guard let at = candidate else { return nil }
            let moved = ContactRequest(channel: request.channel, at: at, contactPoint: request.contactPoint, visitors: request.visitors,
                                       identificationShown: request.identificationShown, stage: request.stage)
            var ignored: [String] = []
            guard let block = firstBlock(moved, standing, LocalMoment(at, in: timeZone), timeZone, conditions: &ignored) else { return at }
            guard let next = block.retryAt, next > at else { return nil }
            candidate = next
        }
        return nil
    }

    private struct Block {
        let rule: String
        let reason: String
        /// The earliest moment this rule could allow the contact; nil when none is foreseeable.
        let retryAt: Date?
    }

    private func firstBlock(_ request: ContactRequest, _ standing: CustomerStanding, _ moment: LocalMoment, _ timeZone: TimeZone,
                            conditions: inout [String]) -> Block? {
        let channel = request.channel
        if let point = request.contactPointId, standing.contactPoints[point] == nil {
            return Block(rule: Self.unevaluable, reason: "the customer has no contact point '\(point)' on file", retryAt: nil)
        }
        if channel == .thirdParty, request.contactPoint == nil {
            return Block(rule: Self.unevaluable, reason: "a third-party contact must name the contact point", retryAt: nil)
        }
        func startOf(_ date: LocalDate) -> Date { LocalMoment.instant(date, minute: 0, in: timeZone) }
        let attemptDays = Self.localDates(of: standing.attempts, near: moment, in: timeZone)

        for rule in rules {
            func block(_ reason: String, retryAt: Date? = nil) -> Block { Block(rule: rule.id, reason: reason, retryAt: retryAt) }
            switch rule.kind {
            case .flag(let kinds, let channels):
                guard channels.contains(channel) else { continue }
                for kind in kinds {
                    if let flag = standing.flag(kind, on: moment.date, for: channel) {
                        let until = flag.until.map { " until \($0)" } ?? ""
                        return block("\(rule.description) (\(kind.rawValue)\(until))", retryAt: flag.until.map { startOf($0.adding(days: 1)) })
                    }
                }
            case .holiday(let channels):
                guard channels.contains(channel), let title = holidays.holiday(on: moment.date) else { continue }
                var day = moment.date.adding(days: 1)
                while holidays.holiday(on: day) != nil { day = day.adding(days: 1) }
                return block("\(moment.date) is a public holiday (\(title))", retryAt: startOf(day))
            case .preferredChannel(let channels):
                guard channels.contains(channel), let flag = standing.flag(.preferredChannel, on: moment.date, for: channel),
                      let preferred = flag.value, preferred != channel.rawValue, channels.contains(where: { $0.rawValue == preferred }) else { continue }
                return block("the customer asked to be contacted by \(preferred) only")
            case .acceptedChannels(let channels):
                guard channels.contains(channel), let flag = standing.flag(.acceptedChannels, on: moment.date, for: channel),
                      !flag.channelsAccepted.contains(channel) else { continue }
                let accepted = flag.channelsAccepted.map(\.rawValue).sorted()
                return block("the customer accepts contact only by " + (accepted.isEmpty ? "no channel" : accepted.joined(separator: ", ")) + "; \(rule.description)")
            case .unusableContactPoint(let channels):
                guard channels.contains(channel), let id = request.contactPointId, let point = standing.contactPoints[id], !point.valid else { continue }
                return block("'\(id)' is marked not to be used (\(point.invalidReason ?? "invalid_number")); \(rule.description)")
            case .preferredHours(let channels):
                guard channels.contains(channel), let flag = standing.flag(.preferredHours, on: moment.date, for: channel),
                      let window = flag.value.flatMap(ClockWindow.init), !window.contains(minute: moment.minuteOfDay) else { continue }
                let day = moment.minuteOfDay < window.from ? moment.date : moment.date.adding(days: 1)
                return block("the customer asked to be contacted between \(window) local time",
                             retryAt: LocalMoment.instant(day, minute: window.from, in: timeZone))
            case .quietHours(let window, let channels, let unlessAgreed):
                guard channels.contains(channel), window.contains(minute: moment.minuteOfDay) else { continue }
                if unlessAgreed, standing.appointments.contains(where: { $0.covers(request.at, channel: channel) }) { continue }
                let endsTomorrow = window.from >= window.to && moment.minuteOfDay >= window.from
                let day = endsTomorrow ? moment.date.adding(days: 1) : moment.date
                return block("\(rule.description) (it is \(ClockWindow.format(moment.minuteOfDay)) for the customer)",
                             retryAt: LocalMoment.instant(day, minute: window.to, in: timeZone))
            case .attemptCap(let cap):
                guard cap.channels.contains(channel), !standing.attempts.isEmpty else { continue }
                let point = request.contactPointId
                let firstDay = moment.date.adding(days: 1 - cap.windowDays)
                var days: [LocalDate] = []
                for (attempt, day) in zip(standing.attempts, attemptDays) where cap.channels.contains(attempt.channel) {
                    if cap.scope == .contactPoint, attempt.contactPoint != point { continue }
                    if cap.counting == .conversations, !attempt.outcome.isConversation { continue }
                    if day >= firstDay, day <= moment.date { days.append(day) }
                }
                guard days.count >= cap.maximum else { continue }
                // Allowed again on the day enough of the counted contacts have left the window.
                let leaving = days.sorted()[days.count - cap.maximum]
                let what = cap.counting == .conversations ? "conversations" : "attempts"
                let whom = cap.scope == .contactPoint ? "to \(point ?? "this contact point")" : "with the customer"
                let span = cap.windowDays == 1 ? "today" : "in the last \(cap.windowDays) days"
                return block("\(days.count) \(what) \(whom) \(span) already; \(rule.description)",
                             retryAt: startOf(leaving.adding(days: cap.windowDays)))
            case .conversationCooloff(let days, let channels):
                guard channels.contains(channel) else { continue }
                let conversationDay = zip(standing.attempts, attemptDays).filter { $0.0.channel == .call && $0.0.outcome.isConversation }.map(\.1).max()
                guard let conversationDay else { continue }
                guard moment.date < conversationDay.adding(days: days) else { continue }
                return block("a telephone conversation took place on \(conversationDay); \(rule.description)",
                             retryAt: startOf(conversationDay.adding(days: days)))
            case .thirdParty(let consecutiveFailures, let emergencyWhen, let rules):
                guard channel == .thirdParty, request.stage == .contact, let id = request.contactPoint,
                      let point = standing.contactPoints[id] else { continue }
                switch point.kind {
                case .own:
                    return block("'\(id)' is the customer's own contact point, not a third party")
                case .emergencyContact:
                    guard emergencyWhen.contains(where: { standing.flag($0, on: moment.date, for: channel) != nil }) else {
                        return block("emergency contacts may be contacted only when the customer is "
                                     + emergencyWhen.map(\.rawValue).sorted().joined(separator: ", "))
                    }
                case .thirdParty:
                    let ownFailures = standing.attempts.filter { standing.contactPoints[$0.contactPoint]?.kind == .own }
                        .sorted { $0.at > $1.at }.prefix(consecutiveFailures)
                    let mobileInvalid = standing.contactPoints[ContactPoint.mobile].map { !$0.valid } ?? true
                    let failedInARow = ownFailures.count == consecutiveFailures && ownFailures.allSatisfy(\.outcome.failedToReach)
                    guard mobileInvalid || failedInARow else {
                        return block("third parties may be contacted only when the customer cannot be reached "
                                     + "(the number is invalid, or the last \(consecutiveFailures) attempts failed)")
                    }
                }
                conditions += rules
            case .visitConduct(let minimumVisitors, let identification, let noticeHours):
                guard channel == .visit, request.stage == .contact else { continue }
                guard (request.visitors ?? 0) >= minimumVisitors else {
                    return block("a visit needs at least \(minimumVisitors) collectors")
                }
                guard !identification || request.identificationShown else {
                    return block("the collectors must show their identification")
                }
                guard let appointment = standing.appointments.first(where: { $0.covers(request.at, channel: .visit) }) else {
                    return block("no visit without a time agreed with the customer in advance")
                }
                guard let notified = appointment.notifiedAt, notified <= appointment.startsAt.addingTimeInterval(-Double(noticeHours) * 3600) else {
                    return block("the customer must be notified of the visit at least \(noticeHours) hours before")
                }
            case .forbearanceFirst(let channels):
                guard channels.contains(channel), standing.flag(.forbearanceOffered, on: moment.date, for: channel) == nil else { continue }
                return block(rule.description)
            case .retention, .letterContent, .messageOptOut:
                continue
            }
        }
        return nil
    }
}

extension PolicyPack {
    /// The customer's local date of each attempt. The zone's offset is looked up once when it is
    /// the same at the earliest attempt as now (no daylight-saving change in between), else per
    /// attempt.
    static func localDates(of attempts: [ContactAttempt], near moment: LocalMoment, in timeZone: TimeZone) -> [LocalDate] {
        guard let earliest = attempts.map(\.at).min() else { return [] }
        if timeZone.secondsFromGMT(for: earliest) == moment.offset {
            return attempts.map { LocalMoment($0.at, offset: moment.offset).date }
        }
        return attempts.map { LocalMoment($0.at, in: timeZone).date }
    }

    /// What the pack's letter rule finds missing in a letter's texts by language (`zh-CN: seal`);
    /// nil when the letter says everything it must. `placeholder` writes a field as the template
    /// writes it (`{name}` in a strategy's template, `{{name}}` in `config/letters/`).
    public func letterGaps(in texts: [Language: String], placeholder: (String) -> String = { "{\($0)}" }) -> (rule: String, missing: [String])? {
        for rule in rules {
            guard case .letterContent(let items) = rule.kind else { continue }
            var missing: [String] = []
            for language in texts.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                let body = texts[language] ?? ""
                for item in items {
                    let hasPlaceholder = item.placeholder.map { body.contains(placeholder($0)) } ?? true
                    let hasPhrase = item.phrases[language].map { body.contains($0) } ?? true
                    if !hasPlaceholder || !hasPhrase { missing.append("\(language.rawValue): \(item.item)") }
                }
            }
            return missing.isEmpty ? nil : (rule.id, missing)
        }
        return nil
    }

    /// The opt-out sentence every SMS and e-mail must carry in `language`, when the pack asks for one.
    public func optOut(_ language: Language) -> String? {
        for rule in rules {
            if case .messageOptOut(let texts) = rule.kind { return texts[language] ?? texts.values.first }
        }
        return nil
    }
}

extension PolicyPack {
    /// The rule named `id`, if the pack has it.
    public func rule(_ id: String) -> PolicyRule? { rules.first { $0.id == id } }

    /// Whether a person may go ahead with the contact `decision` blocks, by typing a reason: only
    /// when the blocking rule says `override: reason_required`. A rule that cannot be evaluated,
    /// or an unknown one, is never overridden.
    public func allowsOverride(of decision: PolicyDecision) -> Bool {
        guard !decision.allowed, let id = decision.rule else { return false }
        return rule(id)?.override == .reasonRequired
    }

    /// How the pack reads a customer's refusal of contact or request to stop it: as accepted
    /// channels when one of its rules honours them (`cn`: contact reduced to the channels the
    /// customer accepts), else as a cease (Regulation F: no more communication).
    public var contactRequest: ContactRequestReading {
        rules.contains { if case .acceptedChannels = $0.kind { true } else { false } } ? .acceptedChannels : .cease
    }

    /// How many days of attempts the pack's caps and cool-offs look back over.
    public var lookbackDays: Int {
        rules.reduce(1) { longest, rule in
            switch rule.kind {
            case .attemptCap(let cap): max(longest, cap.windowDays)
            case .conversationCooloff(let days, _): max(longest, days)
            default: longest
            }
        }
    }
}
