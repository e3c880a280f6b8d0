import SQLKit

/// The daily run's update of the days past due of open cases whose decision did not move.
///
/// DPD moves by one every day for every open case, while its segment, bucket and amount mostly
/// stay: rewriting each such case in full (every column, and on SQLite every index of the
/// table, since the upsert sets the indexed columns too) made a steady-state day cost as much as
/// the first. Here only `dpd` is set, which no index holds: on SQLite through one prepared
/// statement stepped case by case with the work-queue triggers set aside for a large update
/// (`WorkQueueTriggers`), elsewhere in statements of a few thousand cases each, one per shift.
public enum CaseDaysPastDue {
    /// Cases per statement on the SQL path (one bind each, and one for the shift).
    static let perStatement = 5_000

    /// Adds each key of `shifts` to the `dpd` of the cases listed under it.
    public static func shift(_ shifts: [Int: [String]], on database: any SQLDatabase) async throws {
        let shifts = shifts.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        guard !shifts.isEmpty else { return }
        if let direct = SQLiteDirect.connection(of: database) {
            let total = shifts.reduce(0) { $0 + $1.value.count }
            return try direct.exclusively { connection in
                try WorkQueueTriggers.suspended(for: "cases", rows: total, on: connection) {
                    let statement = try connection.prepare("UPDATE cases SET dpd = dpd + ?1 WHERE id = ?2")
                    for (days, ids) in shifts {
                        for id in ids {
                            try statement.bind(1, Int64(days))
                            try statement.bind(2, id)
                            try statement.run()
                        }
                    }
                }
            }
        }
        for (days, ids) in shifts {
            var start = 0
            while start < ids.count {
                let chunk = ids[start..<min(ids.count, start + perStatement)]
                var query: SQLQueryString = "UPDATE cases SET dpd = dpd + \(bind: days) WHERE id IN ("
                for (index, id) in chunk.enumerated() {
                    if index > 0 { query.appendLiteral(", ") }
                    query.appendInterpolation(bind: id)
                }
                query.appendLiteral(")")
                try await database.raw(query).run()
                start += perStatement
            }
        }
    }
}
