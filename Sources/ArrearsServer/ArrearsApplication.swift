import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Vapor

/// Everything the server needs from outside: the open store, the bucket scheme, where the
/// configuration and public files live, and the security settings. Tests build one with a temporary
/// database.
public struct ServerContext: Sendable {
    public let store: Store
    public let buckets: BucketScheme
    /// The folder that holds `Public` (the CSS) and `config` (regions, letters).
    public let resourcesDirectory: String
    public let security: SecuritySettings
    /// The policy pack contacts are checked against; nil when none is configured, and then the
    /// contact endpoints refuse (503) rather than allow.
    public let policy: PolicySettings?
    public let analytics: AnalyticsSettings
    /// What customers may do on the self-service page (`config/selfservice.yaml`).
    public var selfService = SelfServiceConfig()
    /// Where customers reach this server, without a trailing slash: the links sent to them
    /// (a contact's rating link) start with it. `arrears serve` takes `ARREARS_PUBLIC_URL`, else
    /// its own address.
    public var publicURL = "http://127.0.0.1:8080"
    /// Who may approve which arrangement (`config/authority.yaml`).
    public var authority: AuthorityLimits = .standard
    /// The dates payments and dues may have (`config/dates.yaml`); the bank's zone is the zone of
    /// the people using the pages.
    public var dateRules = InputDateRules()
    /// What collectors say on a case (`config/talk_tracks.yaml`), beside the case page's actions.
    public var talkTracks = TalkTracks()
    /// Collectors' queues kept between loads on SQLite (`WorkQueueCache`); nil on PostgreSQL or
    /// without a policy pack.
    public let queueCache: WorkQueueCache?
    /// The server's clock: the moment of a contact started or logged now, and the day the
    /// supervisor's page shows. Tests set it to a fixed moment.
    public var now: @Sendable () -> Date = { Date() }
    /// A read replica (`ARREARS_READ_DATABASE_URL`) the reports and analytics pages read from;
    /// nil to read them from `store`. Nothing is written through it.
    public var readStore: Store?
    /// When the daily run must be complete (`serve --schedule`, `config/schedule.yaml`): the
    /// deadline's gauges at `/metrics` and the notice on the overview; nil without a schedule.
    public var schedule: DailySchedule?

    /// Where the reports and analytics pages read: the replica when there is one.
    public var reportStore: Store { readStore ?? store }

    public init(store: Store, buckets: BucketScheme, resourcesDirectory: String, security: SecuritySettings = SecuritySettings(),
                policy: PolicySettings? = nil, analytics: AnalyticsSettings = AnalyticsSettings()) {
        self.policy = policy
        if case .sqlite = store.url, let policy { queueCache = WorkQueueCache(policy: policy) } else { queueCache = nil }
        self.analytics = analytics
        self.store = store
        self.buckets = buckets
        self.resourcesDirectory = resourcesDirectory.hasSuffix("/") ? resourcesDirectory : resourcesDirectory + "/"
        self.security = security
    }
}

/// Who may see the overview and daily-run pages: the back office, not the people working cases.
let backOfficePages: Set<Role> = [.supervisor, .strategyManager, .legal, .compliance, .admin]

/// Who may see the KPIs, models and the monthly report: management, strategy and compliance.
let analyticsPages: Set<Role> = [.supervisor, .strategyManager, .compliance, .admin]

/// Builds the Vapor application for a context: one call, used by `arrears serve` and by tests.
public func buildApplication(_ context: ServerContext, environment: Environment = .production) async throws -> Application {
    ServerMetrics.bootstrap()
    let app = try await Application.make(environment)
    app.directory = DirectoryConfiguration(workingDirectory: context.resourcesDirectory)
    app.storage[ContextKey.self] = context
    app.storage[SignInAttempt.DecoyHashKey.self] = try PasswordHasher.hash(PasswordHasher.generate(), cost: context.security.passwordCost)
    app.routes.defaultMaxBodySize = ByteCount(value: context.security.maxBodyBytes)
    // Compressed request bodies are refused by `ContentEncodingMiddleware`, never inflated.
    app.http.server.configuration.requestDecompression = .disabled
    // Outermost first: every response, errors and static files included, gets the secure
    // headers; errors render as JSON under /api and as a page elsewhere; oversized bodies are
    // refused before anything reads them, and so are compressed ones and NUL characters.
    app.middleware = Middlewares()
    // One line a request at `debug` (`LOG_LEVEL=debug`): at `info` it was written and flushed for
    // every request, a measurable share of the workbench's time; sign-ins, changes and every
    // sensitive read are in the audit log in any case.
    app.logger.logLevel = Environment.get("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
    app.middleware.use(RouteLoggingMiddleware(logLevel: .debug))
    app.middleware.use(SecureHeadersMiddleware())
    app.middleware.use(APIErrorMiddleware())
    app.middleware.use(PageErrorMiddleware())
    app.middleware.use(BodySizeLimitMiddleware())
    app.middleware.use(ContentEncodingMiddleware())
    app.middleware.use(NULCharacterMiddleware())
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    try app.register(collection: HealthController())
    try app.register(collection: SignInController())
    try app.register(collection: FeedbackPageController())
    try app.register(collection: SelfServicePageController())
    // `/` answers every signed-in role: the back office with the overview, the others with their home.
    try app.pages(Set(Role.allCases)).register(collection: PortfolioPageController())
    try app.pages(backOfficePages).register(collection: RunsPageController())
    try app.pages(analyticsPages).register(collection: AnalyticsPageController())
    try app.pages(WorkbenchPageController.caseReaders).register(collection: WorkbenchPageController())
    try app.pages(WorkbenchPageController.roles).register(collection: ArrangementPageController())
    try app.pages(SupervisorPageController.roles).register(collection: SupervisorPageController())
    try app.pages(SearchPageController.roles).register(collection: SearchPageController())
    try app.api([.gateway, .admin]).register(collection: OutboxStatusController())
    try app.api(MetricsController.readers).register(collection: MetricsController())
    try app.register(collection: TokensController())
    try app.register(collection: CustomersController())
    try app.register(collection: InboundAccessController())
    try app.register(collection: CustomerSearchController())
    try app.register(collection: CasesController())
    try app.register(collection: ComplaintsController())
    try app.register(collection: ContactController())
    try app.register(collection: TasksController())
    try app.register(collection: CaseFileController())
    try app.register(collection: AccountsController())
    try app.register(collection: PromisesController())
    try app.register(collection: PaymentsController())
    try app.register(collection: ArrangementsController())
    // Region centroids and field teams' start points ship beside the resources (`config/regions.yaml`).
    let visitPlaces = try VisitPlaces.load(fromDirectory: context.resourcesDirectory + "config")
    try app.register(collection: VisitsController(places: visitPlaces))
    // Demand letter templates and the bank's details (`config/letters/`), checked at start.
    let letters = try DemandLetters.load(fromDirectory: context.resourcesDirectory + "config/letters")
    // The legal time gates (`config/legal.yaml`), checked at start.
    app.storage[LegalGatesKey.self] = try LegalConfig.load(fromDirectory: context.resourcesDirectory + "config")
    try app.register(collection: LegalController(letters: letters))
    try app.pages(LegalPageController.roles).register(collection: LegalPageController(letters: letters))
    try app.pages(CompliancePageController.roles).register(collection: CompliancePageController())
    try app.pages(FlagsPageController.roles).register(collection: FlagsPageController())
    try app.pages(ComplaintsPageController.roles).register(collection: ComplaintsPageController())
    try app.pages(AuditPageController.roles).register(collection: AuditPageController())
    try app.pages(OutboxPageController.roles).register(collection: OutboxPageController())
    try app.pages(VisitsController.readers).register(collection: VisitsPageController(places: visitPlaces))
    return app
}

struct ContextKey: StorageKey {
    typealias Value = ServerContext
}

extension Request {
    var context: ServerContext { application.storage[ContextKey.self]! }
}

/// Serves `context` on `hostname:port` until the process is interrupted (SIGINT or SIGTERM);
/// with `metrics`, also `GET /metrics` without a token on that address (`buildMetricsApplication`).
public func serve(_ context: ServerContext, hostname: String, port: Int, metrics: (hostname: String, port: Int)? = nil) async throws {
    let app = try await buildApplication(context)
    app.environment.arguments = ["arrears", "serve", "--hostname", hostname, "--port", String(port)]
    var metricsApp: Application?
    do {
        if let metrics {
            let side = try await buildMetricsApplication(context)
            metricsApp = side
            try await side.server.start(address: .hostname(metrics.hostname, port: metrics.port))
        }
        try await app.execute()
        await metricsApp?.server.shutdown()
        try await metricsApp?.asyncShutdown()
        try await app.asyncShutdown()
    } catch {
        await metricsApp?.server.shutdown()
        try? await metricsApp?.asyncShutdown()
        try? await app.asyncShutdown()
        throw error
    }
}
