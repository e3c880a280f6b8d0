import ArrearsStore
import Foundation

extension StoreOptions {
    /// The environment variable naming a read replica of the database: when set, the reports
    /// and analytics pages read from it; nothing is ever written through it.
    static let readDatabaseVariable = "ARREARS_READ_DATABASE_URL"

    /// Opens the read replica `ARREARS_READ_DATABASE_URL` names (its connections introduce
    /// themselves as `arrears-read`), runs `body` with it (nil when the variable is unset), and
    /// closes it. The replica is not migrated: its schema is the primary's.
    func withReadStore<T>(_ body: (Store?) async throws -> T) async throws -> T {
        guard let text = ProcessInfo.processInfo.environment[Self.readDatabaseVariable], !text.isEmpty else { return try await body(nil) }
        let url: DatabaseURL
        do { url = try DatabaseURL(parsing: text) } catch { throw CLIFailure.rejected("\(Self.readDatabaseVariable): \(error.description)") }
        let store: Store
        do {
            store = try await Store.open(url, migrate: false, dataKey: try dataKey(), applicationName: "arrears-read", logger: Terminal.logger)
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw CLIFailure.dependency("cannot open the read replica \(url) (\(Self.readDatabaseVariable)): \(String(reflecting: error))")
        }
        Terminal.info("reports and analytics read from \(url)")
        return try await Self.closing(store, after: body)
    }
}
