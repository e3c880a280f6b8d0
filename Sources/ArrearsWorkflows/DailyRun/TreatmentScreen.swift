import ArrearsCore
import ArrearsStore
import Foundation

/// Checks each treatment the strategy chose against the policy pack, as of the pack's contact
/// time on the business date in the customer's own time zone (DESIGN.md, daily run step 7).
///
/// The local moment is worked out once per time zone and the letter check once per template, so
/// a customer with no flags and no recent attempts costs one pass over the rules.
struct TreatmentScreen {
    let settings: PolicySettings
    let date: LocalDate
    let records: ContactRecords.Loaded
    let templates: [String: MessageTemplate]
    private var moments: [String: (zone: TimeZone, moment: LocalMoment)?] = [:]
    private var letterGaps: [String: (rule: String, missing: [String])?] = [:]

    init(settings: PolicySettings, date: LocalDate, records: ContactRecords.Loaded, templates: [String: MessageTemplate]) {
        self.settings = settings
        self.date = date
        self.records = records
        self.templates = templates
    }

    /// The moment the run's contacts happen in `timeZone`, shared by every customer there.
    static func contactInstant(on date: LocalDate, settings: PolicySettings, in timeZone: TimeZone) -> Date {
        LocalMoment.instant(date, minute: settings.dailyRunContactMinute, in: timeZone)
    }

    /// The run's contact moment in `zone`, once `check` has worked it out.
    func contactInstant(inZone zone: String) -> Date? {
        (moments[zone] ?? nil)?.moment.instant
    }

    mutating func check(_ rule: TreatmentRule, for customer: CaseInputs.Customer) -> PolicyDecision {
        let local: (zone: TimeZone, moment: LocalMoment)?
        if let known = moments[customer.timeZone] {
            local = known
        } else {
            local = TimeZones.shared.zone(customer.timeZone).map { zone in
                (zone, LocalMoment(Self.contactInstant(on: date, settings: settings, in: zone), in: zone))
            }
            moments[customer.timeZone] = .some(local)
        }
        guard let (zone, moment) = local else {
            return .block(PolicyPack.unevaluable, "the customer's time zone '\(customer.timeZone)' is unknown, so the contact hours cannot be checked")
        }
        let standing = records.standing(of: customer.id, timeZone: zone, own: .init(
            mobile: !(customer.mobile ?? "").isEmpty, email: !(customer.email ?? "").isEmpty, address: customer.hasAddress))
        let channel = ContactChannel(rule.channel)
        let decision = settings.pack.check(ContactRequest(channel: channel, at: moment.instant, stage: .planning), for: standing, at: moment, timeZone: zone)
        guard decision.allowed, channel == .letter, let name = rule.template else { return decision }
        if letterGaps[name] == nil { letterGaps[name] = .some(templates[name].flatMap(settings.pack.letterGaps(in:))) }
        if let gaps = letterGaps[name] ?? nil {
            return .block(gaps.rule, "the letter template '\(name)' lacks \(gaps.missing.joined(separator: "; "))")
        }
        return decision
    }
}
