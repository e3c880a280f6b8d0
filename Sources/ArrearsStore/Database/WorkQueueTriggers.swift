/// The work-queue triggers of a table (`AddWorkQueueChangeTracking`: every insert, update or
/// delete of a case or an action moves `change_counters.work_queue`) set aside for a bulk write
/// on SQLite, and replaced by one move of the counter after it.
///
/// Why: a table with a trigger makes every INSERT into it open a statement journal inside a
/// transaction (SQLite must be able to undo the row if the trigger fails), and a statement
/// journal first copies every page the statement changes that the transaction had already
/// changed. Written a row at a time inside the daily run's one transaction, each case and each
/// action copied all the pages it touched (the table's and each index's) before changing them:
/// a third of the run's writing step in perf. Without the trigger, a one-row INSERT needs no
/// statement journal: SQLite checks every constraint before it writes anything.
///
/// The triggers' bodies use no column of the row (they only move the counter), so one move after
/// the write tells `WorkQueueCache` what the per-row moves told it: something changed. They are
/// dropped and created again inside the caller's transaction, from their definitions in the
/// schema, so they come back exactly as the migration made them, and a rollback brings them back
/// too; readers of other connections see the schema of the last commit meanwhile.
/// `DeferredIndexes` does the same for an import's indexes.
struct WorkQueueTriggers {
    /// The tables whose triggers only move the work-queue counter.
    static let tables: Set<String> = Set(AddWorkQueueChangeTracking.queueTables)
    /// Fewer rows than this are written with the triggers in place: dropping them changes the
    /// schema, which makes every other connection read it again, worth it only for a bulk write.
    static let minimumRows = 1_000

    /// Runs `body`, which writes `rows` rows into `table` on `connection`, with the table's
    /// work-queue triggers dropped when it has them and the write is large; then creates them
    /// again and moves the counter once.
    static func suspended<T>(for table: String, rows: Int, on connection: SQLiteDirect, _ body: () throws -> T) throws -> T {
        guard rows >= minimumRows, tables.contains(table) else { return try body() }
        let definitions = try self.definitions(of: table, on: connection)
        guard !definitions.isEmpty else { return try body() }
        for trigger in definitions { try connection.execute("DROP TRIGGER \"\(trigger.name)\"") }
        let result: T
        do {
            result = try body()
        } catch {
            // The caller's transaction rolls back, which brings them back too; this keeps the
            // connection's schema whole should it go on.
            for trigger in definitions { try? connection.execute(trigger.sql) }
            throw error
        }
        for trigger in definitions { try connection.execute(trigger.sql) }
        try connection.execute("UPDATE change_counters SET value = value + 1 WHERE name = 'work_queue'")
        return result
    }

    /// The names and `CREATE TRIGGER` statements of `table`'s work-queue triggers.
    private static func definitions(of table: String, on connection: SQLiteDirect) throws -> [(name: String, sql: String)] {
        let names = ["insert", "update", "delete"].map { "\(table)_\($0)_work_queue" }
        let select = try connection.prepare("""
            SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 AND name IN (?2, ?3, ?4) AND sql IS NOT NULL ORDER BY name
            """)
        try select.bind(1, table)
        for (index, name) in names.enumerated() { try select.bind(Int32(index + 2), name) }
        var definitions: [(name: String, sql: String)] = []
        while try select.step() { definitions.append((select.string(0), select.string(1))) }
        try select.reset()
        return definitions
    }
}
