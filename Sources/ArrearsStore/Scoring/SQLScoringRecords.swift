import ArrearsCore
import Foundation
import SQLKit

/// Scores and models in the store's database, on SQLite or PostgreSQL: ledgers read by
/// `LedgerLoader`, scores in `account_scores` (probabilities in parts per million, reasons as
/// `ScoreReasons` JSON), monitoring in `model_monitoring`, models in `ModelRegistry`; for the
/// response models, the history read by `ActionHistoryLoader` and the registry `ResponseModelRegistry`.
public struct SQLScoringRecords: ScoringRecords, ResponseRecords {
    let database: any SQLDatabase
    /// Where a candidate is registered in a transaction of its own; nil inside a caller's transaction (`database`).
    let store: Store?

    /// Reads with the store's connections; registers a candidate in a transaction of its own.
    public init(store: Store) {
        self.database = store.sql
        self.store = store
    }

    /// Reads and writes in the caller's transaction `database` (the daily run's).
    public init(database: any SQLDatabase) {
        self.database = database
        self.store = nil
    }

    static let scoreTable = BulkInsert(table: "account_scores", columns: ["account_id", "target", "model_id", "business_date", "probability_ppm", "points", "reasons"],
                                       key: ["account_id", "target"], onConflict: .update)
    static let monitoringTable = BulkInsert(table: "model_monitoring", columns: ["model_id", "business_date", "scored", "mean_probability_ppm", "psi_ppm"],
                                            key: ["model_id", "business_date"], onConflict: .update)

    public func activeModels() async throws -> [ScoringModel] {
        try await ModelRegistry(database: database).active()
    }

    public func ledgers(_ population: LedgerPopulation) async throws -> [AccountLedger] {
        try await LedgerLoader(database: database).ledgers(population)
    }

    public func behaviour() async throws -> [String: CollectionBehaviour] {
        try await LedgerLoader(database: database).behaviour()
    }

    public func replaceScores(of target: ScoringTarget, modelId: String, on date: LocalDate, accountIds: [String],
                              probabilities: [Double], points: [Int], reasons: [[ScoreReason]]) async throws {
        try await database.raw("DELETE FROM account_scores WHERE target = \(bind: target.rawValue)").run()
        let day = date.description
        let rows: [[BulkValue]] = accountIds.indices.map { index in
            [.text(accountIds[index]), .text(target.rawValue), .text(modelId), .text(day),
             .integer(Self.ppm(probabilities[index])), .integer(Int64(points[index])), .text(ScoreReasons.json(reasons[index]))]
        }
        try await BulkWriter(database: database).insert(Self.scoreTable, rows)
    }

    public func recordMonitoring(_ monitoring: ModelMonitoring) async throws {
        try await BulkWriter(database: database).insert(Self.monitoringTable, [[
            .text(monitoring.modelId), .text(monitoring.businessDate), .integer(Int64(monitoring.scored)),
            .integer(Self.ppm(monitoring.meanProbability)), .integer(Self.ppm(monitoring.psi)),
        ]])
    }

    public func registerCandidate(of target: ScoringTarget, _ model: @escaping @Sendable (_ version: Int) -> ScoringModel) async throws -> ScoringModel {
        @Sendable func register(on database: any SQLDatabase) async throws -> ScoringModel {
            let registry = ModelRegistry(database: database)
            let candidate = model(try await registry.nextVersion(target))
            try await registry.register(candidate)
            return candidate
        }
        guard let store else { return try await register(on: database) }
        return try await store.transaction { try await register(on: $0) }
    }

    public func actionHistory() async throws -> [String: [ActionHistoryLoader.Action]] {
        try await ActionHistoryLoader(database: database).byCustomer()
    }

    public func unreachableChannels() async throws -> [String: Set<ActionChannel>] {
        // The sealed values are never opened: whether one is there is all that is asked.
        let rows = try await database.raw("""
            SELECT id,
                CASE WHEN mobile IS NULL OR mobile = '' THEN 0 ELSE 1 END AS has_mobile,
                CASE WHEN email IS NULL OR email = '' THEN 0 ELSE 1 END AS has_email
            FROM customers WHERE mobile IS NULL OR mobile = '' OR email IS NULL OR email = ''
            """).all()
        var result: [String: Set<ActionChannel>] = [:]
        for row in rows {
            result[try row.decode(column: "id", as: String.self)] = ActionChannel.unreachable(
                hasMobile: try row.decode(column: "has_mobile", as: Int.self) != 0, hasEmail: try row.decode(column: "has_email", as: Int.self) != 0)
        }
        return result
    }

    public func activeResponseModel() async throws -> ResponseModelRecord? {
        try await ResponseModelRegistry(database: database).active()
    }

    public func registerResponseCandidate(_ model: @escaping @Sendable (_ version: Int) -> ResponseModelRecord) async throws -> ResponseModelRecord {
        @Sendable func register(on database: any SQLDatabase) async throws -> ResponseModelRecord {
            let registry = ResponseModelRegistry(database: database)
            let candidate = model(try await registry.nextVersion())
            try await registry.register(candidate)
            return candidate
        }
        guard let store else { return try await register(on: database) }
        return try await store.transaction { try await register(on: $0) }
    }

    static func ppm(_ value: Double) -> Int64 { Int64((value * 1_000_000).rounded()) }
}
