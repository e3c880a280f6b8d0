import ArrearsCore
import Vapor

/// `GET /metrics`: the process's metrics in Prometheus's text format (version 0.0.4), with the
/// database's gauges read afresh (`StoreGauges`). On the main port it needs an admin's bearer
/// token (401 without one, 403 for another role; `buildApplication`); `arrears serve
/// --metrics-port` also serves it without one on a listener of its own, on loopback unless
/// told otherwise (`buildMetricsApplication`). See docs/operations-metrics-and-idempotency.md.
struct MetricsController: RouteCollection {
    static let readers: Set<Role> = [.admin]
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: scrape)
    }

    func scrape(req: Request) async throws -> Response {
        try await ServerMetrics.storeGauges.update(store: req.context.store, buckets: req.context.buckets, schedule: req.context.schedule, now: req.context.now())
        var bytes: [UInt8] = []
        ServerMetrics.registry.emit(into: &bytes)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: Self.contentType)
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }
}

/// The application behind `arrears serve --metrics-port`: only `GET /metrics`, unauthenticated,
/// for a Prometheus server that scrapes over loopback (or a network only it reaches). Anything
/// else is 404.
public func buildMetricsApplication(_ context: ServerContext) async throws -> Application {
    ServerMetrics.bootstrap()
    let app = try await Application.make(.production)
    app.storage[ContextKey.self] = context
    // Scrapes are not requests of the service: they are left out of its request counts.
    app.http.server.configuration.reportMetrics = false
    app.middleware = Middlewares()
    app.middleware.use(ErrorMiddleware.default(environment: app.environment))
    try app.register(collection: MetricsController())
    return app
}
