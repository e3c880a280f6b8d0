import Metrics
import Prometheus

/// The process's metrics, in Prometheus's text format at `/metrics` (`MetricsController`).
///
/// One registry per process: the first application built bootstraps swift-metrics with it, so
/// that what Vapor and Arrears count through the swift-metrics API lands here. Vapor itself
/// counts every request as `http_requests_total` and times it as
/// `http_request_duration_seconds` (a histogram), labelled with the method, the route's
/// pattern (`/api/v1/visits/:id/report`, never the raw path, so ids do not multiply the series;
/// a path no route matches is `vapor_route_undefined`) and the status. Recording one is a
/// lookup in the registry and an atomic add: no per-request work of Arrears' own.
enum ServerMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Pages and API calls take milliseconds; the buckets reach to the slow end of a report.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(200), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// The database's gauges, set at each scrape.
    static let storeGauges = StoreGauges(registry: registry)

    /// Makes sure swift-metrics reports into `registry` (once per process).
    static func bootstrap() {
        _ = registry
    }

    /// Failed sign-ins (the sign-in page and `POST /api/v1/tokens`), by why: `rejected` (wrong
    /// username or password) or `throttled` (refused unchecked, too many failures).
    static func signInFailed(_ reason: String) {
        Counter(label: "arrears_sign_in_failures_total", dimensions: [("reason", reason)]).increment()
    }
}
