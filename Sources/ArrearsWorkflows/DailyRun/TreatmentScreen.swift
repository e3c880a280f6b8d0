import ArrearsCore
import ArrearsStore
import Foundation

/// Checks each treatment the strategy chose against the policy pack, as of the pack's contact
/// time on the business date in the customer's own time zone (DESIGN.md, daily run step 7).
///
/// The local moment is worked out once per time zone, so a customer with no flags and no recent
/// attempts costs one pass over the rules. (A letter's template is checked against the pack's
/// letter-content rule when it is loaded: `CollectionLetters`.)
struct TreatmentScreen {
    let settings: PolicySettings
    let date: LocalDate
    let records: ContactRecords.Loaded
    private var moments: [String: (zone: TimeZone, moment: LocalMoment)?] = [:]

    init(settings: PolicySettings, date: LocalDate, records: ContactRecords.Loaded) {
        self.settings = settings
        self.date = date
        self.records = records
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
        return settings.pack.check(ContactRequest(channel: ContactChannel(rule.channel), at: moment.instant, stage: .planning), for: standing,
                                   at: moment, timeZone: zone)
    }
}
