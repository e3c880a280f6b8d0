import ArrearsCore
import ArrearsStore
import Foundation
import NIOConcurrencyHelpers
import Prometheus

/// Gauges read from the database each time `/metrics` is scraped, so that they hold for every
/// process on the database: messages are delivered by `arrears outbox deliver`, and the day is
/// run by `arrears run-day`, apart from the server.
///
/// - `arrears_outbox_messages{status}`: messages by delivery status; `arrears_outbox_backlog`:
///   those not yet handed over (`pending` and `sending`); failures are `status="failed"`.
/// - `arrears_daily_runs_completed`: business dates run to completion;
///   `arrears_daily_run_last_completed_timestamp_seconds`, `arrears_daily_run_seconds` and
///   `arrears_daily_run_step_seconds{step}`: when the last run finished, how long it took and
///   each of its steps; `arrears_daily_run_items{kind}`: what it counted (accounts, cases
///   opened and closed, actions, messages queued, tasks assigned).
/// - `arrears_blocked_actions{rule}`: treatments the policy pack blocked in the last run, by rule.
/// - `arrears_daily_run_last_completed_date`: the last business date completed, as YYYYMMDD (0
///   before the first); with a schedule (`serve --schedule`) `arrears_daily_run_overdue` is 1
///   while a business date is not complete by its deadline, else 0, and
///   `arrears_daily_run_days_behind` how many days the last completed date lies before it.
///
/// A label that the last scrape had and this one has not (a rule that blocked nothing this time)
/// is set to 0 rather than left at its old value.
final class StoreGauges: Sendable {
    private let registry: PrometheusCollectorRegistry
    /// The label values each labelled gauge has been given.
    private let seen = NIOLockedValueBox<[String: Set<String>]>([:])

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    func update(store: Store, buckets: BucketScheme, schedule: DailySchedule? = nil, now: Date = Date()) async throws {
        let last = try await RunHistory(store: store, buckets: buckets).lastCompletedDate()
        let parts = last?.components
        gauge("arrears_daily_run_last_completed_date", help: "The last business date the daily run completed, as YYYYMMDD (0: none yet).")
            .set(to: Double(parts.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? 0))
        if let schedule {
            let overdue = schedule.overdueDate(at: now, lastCompleted: last)
            gauge("arrears_daily_run_overdue", help: "1 while a business date is not complete by the schedule's deadline, else 0.")
                .set(to: overdue == nil ? 0 : 1)
            gauge("arrears_daily_run_days_behind", help: "Days from the last completed business date to the overdue one (0 when none is overdue).")
                .set(to: Double(overdue.map { day in last.map { day.days(since: $0) } ?? 1 } ?? 0))
        }
        let outbox = try await OutboxRepository.counts(on: store.sql)
        set("arrears_outbox_messages", "status", outbox.map { ($0.key.rawValue, Double($0.value)) }, help: "Outbox messages by delivery status.")
        gauge("arrears_outbox_backlog", help: "Outbox messages not yet handed to a gateway (pending and sending).")
            .set(to: Double((outbox[.pending] ?? 0) + (outbox[.sending] ?? 0)))

        let history = RunHistory(store: store, buckets: buckets)
        gauge("arrears_daily_runs_completed", help: "Business dates the daily run completed.").set(to: Double(try await history.completedRuns()))
        guard let last = try await history.recentRuns(limit: 1).first else { return }
        if let completed = try await history.completedAt(businessDate: last.businessDate) {
            gauge("arrears_daily_run_last_completed_timestamp_seconds", help: "When the last daily run completed (Unix time).")
                .set(to: completed.timeIntervalSince1970)
        }
        gauge("arrears_daily_run_seconds", help: "How long the last daily run took.").set(to: last.seconds)
        set("arrears_daily_run_step_seconds", "step", (last.stepSeconds ?? [:]).map { ($0.key, $0.value) },
            help: "How long each step of the last daily run took.")
        set("arrears_daily_run_items", "kind", [
            ("accounts", last.accounts), ("delinquent_accounts", last.delinquentAccounts), ("cases_opened", last.casesOpened),
            ("cases_closed", last.casesClosed), ("cases_open", last.casesOpen), ("actions", last.actions),
            ("messages_queued", last.messagesQueued), ("tasks_assigned", last.tasksAssigned), ("tasks_queued", last.tasksQueued),
        ].map { ($0.0, Double($0.1)) }, help: "What the last daily run counted.")
        set("arrears_blocked_actions", "rule", (last.blockedByRule ?? [:]).map { ($0.key, Double($0.value)) },
            help: "Treatments the policy pack blocked in the last daily run, by rule.")
    }

    private func gauge(_ name: String, help: String) -> Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help))
    }

    /// Sets `name{label=value}` for each of `values`, and to 0 for the values seen before but not now.
    private func set(_ name: String, _ label: String, _ values: [(String, Double)], help: String) {
        let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        let current = Dictionary(values, uniquingKeysWith: +)
        let stale = seen.withLockedValue { seen in
            let before = seen[name] ?? []
            seen[name] = before.union(current.keys)
            return before.subtracting(current.keys)
        }
        for (value, amount) in current { registry.makeGauge(descriptor: descriptor, labels: [(label, value)]).set(to: amount) }
        for value in stale { registry.makeGauge(descriptor: descriptor, labels: [(label, value)]).set(to: 0) }
    }
}
