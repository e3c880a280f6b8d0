import SQLKit

/// A consistent copy of a SQLite store in a new file, for work that must not touch the store
/// itself (`arrears simulate` runs its days on one).
public enum SQLiteCopy {
    /// Why no copy was made.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The store is not a SQLite file.
        case notSQLite(String)

        public var description: String {
            switch self {
            case .notSQLite(let url): "\(url) is not a SQLite database: only a SQLite database can be copied to a temporary file"
            }
        }
    }

    /// Writes the database of `store` as of now to `path` (`VACUUM INTO`, which reads one
    /// snapshot, so writers elsewhere do not tear it; `path` must not exist yet). Costs one read
    /// of the whole database.
    public static func copy(_ store: Store, to path: String) async throws {
        guard case .sqlite = store.url else { throw Failure.notSQLite(store.url.description) }
        try await store.sql.raw("VACUUM INTO \(bind: path)").run()
    }
}
