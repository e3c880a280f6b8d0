import ArrearsCore
import SQLKit

/// The collection KPIs of a period, overall or by one dimension, in rows of one group and one
/// currency each (money is never added up across currencies). docs/kpis.md gives the formulas.
///
/// Eight set-based statements (cases, promises, attempts, ratings, quality reviews, complaints,
/// work, delinquency), each grouped in the database: the cost does not grow with the number of
/// rows returned.
public enum KPIReport {
    /// One row per group and currency, sorted by group then currency. `agents` (from
    /// `teams.yaml`) say which team each person is in, for `by: .team`.
    public static func compute(_ period: KPIPeriod, by dimension: KPIDimension?, costs: ChannelCosts, agents: [Agent] = [],
                               on store: Store) async throws -> [KPIRow] {
        try await tallies(period, by: dimension, agents: agents, on: store.sql)
            .map { KPIRow(group: $0.group, figures: KPIFigures($0.tally, costs: costs)) }
    }

    /// The raw counts and sums behind `compute`, sorted by group then currency.
    static func tallies(_ period: KPIPeriod, by dimension: KPIDimension?, agents: [Agent],
                        on database: any SQLDatabase) async throws -> [(group: String, tally: KPITally)] {
        let query = KPIQuery(period: period, dimension: dimension, agents: agents)
        var tallies: [GroupKey: KPITally] = [:]
        func each(_ statement: SQLQueryString, _ add: (inout KPITally, any SQLRow) throws -> Void) async throws {
            for row in try await database.raw(statement).all() {
                let key = GroupKey(group: try row.decode(column: "grp", as: String.self), currency: try row.decode(column: "currency", as: String.self))
                try add(&tallies[key, default: KPITally(currency: key.currency)], row)
            }
        }
        try await each(query.cases) { tally, row in
            tally.casesWorked = try row.decode(column: "cases", as: Int.self)
            tally.casesCured = try row.decode(column: "cured", as: Int.self)
            tally.overdueAtEntryMinor = try row.decode(column: "entry", as: Int64.self)
            tally.recoveredMinor = try row.decode(column: "recovered", as: Int64.self)
            tally.recovery = RatioEstimate(units: try row.decode(column: "units", as: Int.self),
                                           sumX: Double(tally.overdueAtEntryMinor), sumY: Double(tally.recoveredMinor),
                                           sumXX: try row.decode(column: "xx", as: Double.self), sumYY: try row.decode(column: "yy", as: Double.self),
                                           sumXY: try row.decode(column: "xy", as: Double.self))
        }
        try await each(query.promises) { tally, row in
            tally.promisesMade = try row.decode(column: "made", as: Int.self)
            tally.promisesSettled = try row.decode(column: "settled", as: Int.self)
            tally.promisesKept = try row.decode(column: "kept", as: Int.self)
            tally.promisesPartlyKept = try row.decode(column: "partly", as: Int.self)
        }
        try await each(query.attempts) { tally, row in
            tally.attempts = try row.decode(column: "attempts", as: Int.self)
            tally.rightPartyContacts = try row.decode(column: "rpc", as: Int.self)
            tally.customersContacted = try row.decode(column: "contacted", as: Int.self)
        }
        try await each(query.ratings) { tally, row in
            tally.ratings = try row.decode(column: "ratings", as: Int.self)
            tally.ratingSum = try row.decode(column: "rating_sum", as: Int.self)
            tally.ratingsHigh = try row.decode(column: "high", as: Int.self)
        }
        try await each(query.qualityReviews) { tally, row in
            tally.qualityReviews = try row.decode(column: "reviews", as: Int.self)
            tally.qualityPoints = try row.decode(column: "points", as: Int.self)
        }
        try await each(query.complaints) { tally, row in
            tally.complaints = try row.decode(column: "complaints", as: Int.self)
        }
        try await each(query.work) { tally, row in
            guard let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)) else { return }
            tally.work[channel, default: 0] += try row.decode(column: "n", as: Int.self)
        }
        if let delinquency = query.delinquency {
            try await each(delinquency) { tally, row in
                tally.overdueMinor = try row.decode(column: "overdue", as: Int64.self)
                tally.outstandingMinor = try row.decode(column: "outstanding", as: Int64.self)
            }
        }
        return tallies.sorted { ($0.key.group, $0.key.currency) < ($1.key.group, $1.key.currency) }.map { ($0.key.group, $0.value) }
    }

    private struct GroupKey: Hashable {
        let group: String
        let currency: String
    }
}
