import ArrearsCore
import Foundation

/// The KPI report's columns, one row per group and currency: the contract of
/// `arrears report kpis --format csv` and of the analytics page's CSV (docs/kpis.md). Money in
/// minor units, rates as decimals with six places, empty when the denominator is 0.
public enum KPIColumns {
    public static let names = [
        "group", "currency", "cases_worked", "cases_cured", "cure_rate", "overdue_at_entry_minor", "recovered_minor", "recovery_rate",
        "overdue_minor", "outstanding_minor", "delinquency_rate", "attempts", "right_party_contacts", "right_party_contact_rate",
        "contacts_per_rpc", "promises_made", "promise_rate", "promises_settled", "promises_kept", "promises_partly_kept", "promise_kept_rate",
        "ratings", "rating_mean", "rating_high_share", "customers_contacted", "complaints", "complaint_rate",
        "cost_minor", "cost_per_unit_recovered", "net_recovery_minor",
    ]

    public static func values(_ row: KPIRow) -> [String] {
        let f = row.figures
        func rate(_ value: Double?) -> String { value.map { String(format: "%.6f", $0) } ?? "" }
        func money(_ value: Int64?) -> String { value.map(String.init) ?? "" }
        return [
            row.group, f.currency, String(f.casesWorked), String(f.casesCured), rate(f.cureRate), String(f.overdueAtEntryMinor),
            String(f.recoveredMinor), rate(f.recoveryRate), money(f.overdueMinor), money(f.outstandingMinor), rate(f.delinquencyRate),
            String(f.attempts), String(f.rightPartyContacts), rate(f.rightPartyContactRate), rate(f.contactsPerRightPartyContact),
            String(f.promisesMade), rate(f.promiseRate), String(f.promisesSettled), String(f.promisesKept), String(f.promisesPartlyKept),
            rate(f.promiseKeptRate), String(f.ratings), rate(f.ratingMean), rate(f.ratingHighShare), String(f.customersContacted),
            String(f.complaints), rate(f.complaintRate), money(f.costMinor), rate(f.costPerUnitRecovered), money(f.netRecoveryMinor),
        ]
    }
}
