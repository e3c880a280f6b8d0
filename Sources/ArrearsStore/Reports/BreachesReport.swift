import ArrearsCore

/// `arrears report breaches`: every breach and override of the policy pack whose customer-local
/// date is within the period, both ends included (`ContactExceptions.list`), in time order.
public enum BreachesReport {
    public static let columns = ["occurred_at", "local_time", "customer_id", "channel", "rule", "actor", "kind", "reason"]

    public static func write(store: Store, from: LocalDate, to: LocalDate, format: ReportFormat, sink: @escaping @Sendable (String) -> Void) async throws {
        let lines = try await ContactExceptions.list(from: from, to: to, on: store.sql)
        let writer = ReportWriter(format: format, columns: columns, sink: sink)
        for line in lines {
            writer.write([line.occurredAt, line.localTime, line.customerId, line.channel, line.rule, line.actor, line.kind.rawValue, line.reason])
        }
        writer.finish()
    }
}
