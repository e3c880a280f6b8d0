import FluentPostgresDriver
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The leadership of one job among every process on the database (`arrears serve --schedule`:
/// the daily run, the outbox's delivery): a PostgreSQL session-level advisory lock
/// (`pg_try_advisory_lock`) held on a connection of its own, outside every pool, for as long as
/// this process leads. No transaction is held open for it. When the process dies its
/// connection closes and PostgreSQL releases the lock, so a follower's next `lead()` takes it.
///
/// On SQLite there is one server by definition: `lead()` is always true.
public final class LeaderLock: Sendable {
    public let lock: AdvisoryLock
    private let url: DatabaseURL
    private let logger: Logger
    /// The lock's own connection and whether it holds the lock on it.
    private let state = NIOLockedValueBox<(connection: PostgresConnection?, held: Bool)>((nil, false))

    public init(_ lock: AdvisoryLock, store: Store) {
        self.lock = lock
        self.url = store.url
        self.logger = store.logger
    }

    /// Whether this process leads now: true when it already held the lock and its connection
    /// still answers, or when it has just taken the lock; false when another process holds it.
    /// A connection that fails loses the leadership (PostgreSQL has released the lock with it).
    public func lead() async -> Bool {
        guard case .postgres(let text) = url else { return true }
        let (existing, held) = state.withLockedValue { $0 }
        do {
            let connection: PostgresConnection
            if let existing, !existing.isClosed {
                connection = existing
            } else {
                var configuration = try SQLPostgresConfiguration(url: text).coreConfiguration
                configuration.options.additionalStartupParameters = [("application_name", "arrears-leader")]
                connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 0, logger: logger)
                state.withLockedValue { $0 = (connection, false) }
            }
            if held, existing === connection {
                // Still ours if the connection still answers.
                _ = try await connection.query("SELECT 1", logger: logger).collect()
                return true
            }
            let rows = try await connection.query("SELECT pg_try_advisory_lock(\(lock.space), \(lock.key)) AS taken", logger: logger).collect()
            let taken = try rows.first?.decode(Bool.self) ?? false
            state.withLockedValue { $0 = (connection, taken) }
            return taken
        } catch {
            logger.warning("the leader lock's connection failed: \(String(reflecting: error))")
            let lost = state.withLockedValue { state in
                defer { state = (nil, false) }
                return state.connection
            }
            try? await lost?.close()
            return false
        }
    }

    /// Gives the leadership up (closing the connection releases the lock).
    public func release() async {
        let connection = state.withLockedValue { state in
            defer { state = (nil, false) }
            return state.connection
        }
        try? await connection?.close()
    }
}
