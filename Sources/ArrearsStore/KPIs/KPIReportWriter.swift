import ArrearsCore

/// `arrears report kpis` as CSV or JSON: one row per group and currency with the stable
/// snake_case columns documented in docs/kpis.md. Money is in minor units; a rate with a
/// denominator of 0 is empty in CSV and null in JSON.
public enum KPIReportWriter {
    static let work: [Channel] = [.sms, .email, .call, .visit, .letter, .legalReview]

    public static let columns = [
        "group", "currency", "cases_worked", "cases_cured", "cure_rate", "overdue_at_entry_minor", "recovered_minor", "recovery_rate",
        "overdue_minor", "outstanding_minor", "delinquency_rate", "attempts", "right_party_contacts", "right_party_contact_rate",
        "contacts_per_rpc", "promises_made", "promise_rate", "promises_settled", "promises_kept", "promises_partly_kept",
        "promise_kept_rate", "promise_partly_kept_rate", "ratings", "rating_mean", "rating_high_share", "customers_contacted",
        "complaints", "complaint_rate", "quality_reviews", "quality_score",
    ] + work.map { "work_\($0.rawValue)" } + ["cost_minor", "cost_per_unit_recovered", "net_recovery_minor"]

    public static func write(_ rows: [KPIRow], format: ReportFormat, sink: @escaping (String) -> Void) {
        let writer = ReportWriter(format: format, columns: columns, numericColumns: Set(columns.dropFirst(2)), sink: sink)
        for row in rows { writer.write(values(row, missing: format == .json ? "null" : "")) }
        writer.finish()
    }

    /// One row's values in `columns` order; `missing` stands for a rate or cost that has none.
    public static func values(_ row: KPIRow, missing: String = "") -> [String] {
        func text(_ value: (some CustomStringConvertible)?) -> String { value.map(\.description) ?? missing }
        let f = row.figures
        return [
            row.group, f.currency, text(f.casesWorked), text(f.casesCured), text(f.cureRate), text(f.overdueAtEntryMinor), text(f.recoveredMinor),
            text(f.recoveryRate), text(f.overdueMinor), text(f.outstandingMinor), text(f.delinquencyRate), text(f.attempts),
            text(f.rightPartyContacts), text(f.rightPartyContactRate), text(f.contactsPerRightPartyContact), text(f.promisesMade),
            text(f.promiseRate), text(f.promisesSettled), text(f.promisesKept), text(f.promisesPartlyKept), text(f.promiseKeptRate),
            text(f.promisePartlyKeptRate), text(f.ratings), text(f.ratingMean), text(f.ratingHighShare), text(f.customersContacted),
            text(f.complaints), text(f.complaintRate), text(f.qualityReviews), text(f.qualityScore),
        ] + work.map { text(f.workByChannel[$0.rawValue] ?? 0) } + [text(f.costMinor), text(f.costPerUnitRecovered), text(f.netRecoveryMinor)]
    }
}
