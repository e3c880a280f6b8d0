import ArrearsCore
import ArrearsStore
import Leaf
import Vapor

/// Everything the server needs from outside: the open store, the bucket scheme and where the
/// templates and public files live. Tests build one with a temporary database.
public struct ServerContext: Sendable {
    public let store: Store
    public let buckets: BucketScheme
    /// The folder that holds `Resources/Views` and `Public`.
    public let resourcesDirectory: String

    public init(store: Store, buckets: BucketScheme, resourcesDirectory: String) {
        self.store = store
        self.buckets = buckets
        self.resourcesDirectory = resourcesDirectory.hasSuffix("/") ? resourcesDirectory : resourcesDirectory + "/"
    }
}

/// Builds the Vapor application for a context: one call, used by `arrears serve` and by tests.
public func buildApplication(_ context: ServerContext, environment: Environment = .production) async throws -> Application {
    let app = try await Application.make(environment)
    app.directory = DirectoryConfiguration(workingDirectory: context.resourcesDirectory)
    app.views.use(.leaf)
    app.leaf.cache.isEnabled = environment.isRelease
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.storage[ContextKey.self] = context
    try app.register(collection: HealthController())
    try app.register(collection: PortfolioPageController())
    try app.register(collection: RunsPageController())
    try app.register(collection: OutboxStatusController())
    return app
}

struct ContextKey: StorageKey {
    typealias Value = ServerContext
}

extension Request {
    var context: ServerContext { application.storage[ContextKey.self]! }
}

/// Serves `context` on `hostname:port` until the process is interrupted (SIGINT or SIGTERM).
public func serve(_ context: ServerContext, hostname: String, port: Int) async throws {
    let app = try await buildApplication(context)
    app.environment.arguments = ["arrears", "serve", "--hostname", hostname, "--port", String(port)]
    do {
        try await app.execute()
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}
