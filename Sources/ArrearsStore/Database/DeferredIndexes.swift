import Foundation
import SQLKit

/// A table's secondary indexes set aside for a bulk write on SQLite: dropped before the rows go
/// in and built again after them, in the caller's transaction, so that each is one sort instead
/// of a scattered insert a row (a rollback brings them back as they were). Their definitions are
/// read from the schema, so they come back exactly as the migrations made them. The primary key
/// stays.
struct DeferredIndexes {
    /// Each dropped index's `CREATE INDEX`.
    let definitions: [String]

    /// Drops `table`'s secondary indexes inside the caller's transaction.
    static func drop(of table: String, on database: any SQLDatabase) async throws -> DeferredIndexes {
        let indexes = try await database.raw("""
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table) AND sql IS NOT NULL ORDER BY name
            """).all()
        var definitions: [String] = []
        for index in indexes {
            try await database.raw("DROP INDEX \(ident: try index.decode(column: "name", as: String.self))").run()
            definitions.append(try index.decode(column: "sql", as: String.self))
        }
        return DeferredIndexes(definitions: definitions)
    }

    /// Builds the dropped indexes again. After a bulk load larger than the page cache (an
    /// import), `afterLargeLoad` first writes the load's dirty pages to the log, between
    /// statements: otherwise building an index pushes them out of the cache one by one, and
    /// inside that statement each is first copied to its statement journal, a temporary file (a
    /// quarter of the end of a payments import, mostly the kernel zeroing that file's new
    /// blocks, in perf). It also lets SQLite's sorter use every core for the build, while the
    /// importer's other thread is idle; the connection gets its settings back. A recompute's
    /// positions fit in the cache and sort in memory: in two runs of each, it showed no gain
    /// from either, so it keeps the plain build.
    func rebuild(on database: any SQLDatabase, afterLargeLoad: Bool = false) async throws {
        guard !definitions.isEmpty else { return }
        guard afterLargeLoad, let direct = SQLiteDirect.connection(of: database) else {
            for definition in definitions { try await database.raw(SQLQueryString(definition)).run() }
            return
        }
        try direct.exclusively { connection in
            try connection.flushCache()
            // The sorter keeps as many keys in memory as the page cache holds before it writes a
            // sorted run out, and only runs are sorted on the helper threads: with the import's
            // 128 MiB cache a customers index (57 MiB) was one run, sorted on one core. A 16 MiB
            // cache for the build makes several, sorted on every core (customers 8.1 s -> 7.0 s).
            try connection.withWorkerThreads(ProcessInfo.processInfo.activeProcessorCount) {
                try connection.withCacheSize(kibibytes: 16_384) {
                    for definition in definitions { try connection.execute(definition) }
                }
            }
        }
    }
}
