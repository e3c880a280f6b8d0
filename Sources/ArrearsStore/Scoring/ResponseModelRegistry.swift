import ArrearsCore
import Foundation
import SQLKit

/// The versioned response models in `response_models`. Registering and activating are audited;
/// at most one is active.
public struct ResponseModelRegistry: Sendable {
    public let database: any SQLDatabase

    public init(database: any SQLDatabase) { self.database = database }

    public func all() async throws -> [ResponseModelRecord] {
        try await database.raw("SELECT * FROM response_models ORDER BY version").all().map(Self.record)
    }

    public func find(_ id: String) async throws -> ResponseModelRecord {
        guard let row = try await database.raw("SELECT * FROM response_models WHERE id = \(bind: id)").first() else {
            throw ScoringError.unknownModel(id)
        }
        return try Self.record(row)
    }

    /// The active response model, if one is.
    public func active() async throws -> ResponseModelRecord? {
        try await database.raw("SELECT * FROM response_models WHERE status = 'active'").first().map(Self.record)
    }

    func nextVersion() async throws -> Int {
        let row = try await database.raw("SELECT MAX(version) AS v FROM response_models").first()
        return (try row?.decode(column: "v", as: Int?.self) ?? 0) + 1
    }

    /// Stores a new candidate; call inside the transaction that found its version.
    func register(_ record: ResponseModelRecord) async throws {
        let definition = String(decoding: try JSONEncoder().encode(record.definition), as: UTF8.self)
        try await database.raw("""
            INSERT INTO response_models (id, version, status, as_of, horizon_days, trained_at, trained_by, activated_at, definition)
            VALUES (\(bind: record.id), \(bind: record.version), \(bind: record.status.rawValue), \(bind: record.asOf), \(bind: record.horizonDays),
                    \(bind: record.trainedAt), \(bind: record.trainedBy), \(bind: record.activatedAt), \(bind: definition))
            """).run()
        var details = ["as_of": record.asOf, "horizon_days": String(record.horizonDays),
                       "training_rows": String(record.definition.model.trainingRows), "holdout_rows": String(record.definition.model.holdoutRows)]
        for effect in record.definition.model.effects { details["qini_\(effect.channel.rawValue)"] = String(format: "%.4f", effect.qini) }
        try await AuditLog.append([AuditEvent(actor: record.trainedBy, action: "model.train", subject: record.id, details: details)], on: database)
    }

    /// Makes `id` the active response model and retires the one it replaces.
    public func activate(_ id: String, actor: String, at now: Date = Date()) async throws -> ResponseModelRecord {
        var record = try await find(id)
        let stamp = OutboxTimestamp.text(now)
        try await database.raw("UPDATE response_models SET status = 'retired' WHERE status = 'active' AND id <> \(bind: id)").run()
        try await database.raw("UPDATE response_models SET status = 'active', activated_at = \(bind: stamp) WHERE id = \(bind: id)").run()
        try await AuditLog.append([AuditEvent(actor: actor, action: "model.activate", subject: id, details: ["target": ResponseModelRecord.target])],
                                  on: database)
        record.status = .active
        record.activatedAt = stamp
        return record
    }

    private static func record(_ row: any SQLRow) throws -> ResponseModelRecord {
        let text = try row.decode(column: "definition", as: String.self)
        return ResponseModelRecord(
            id: try row.decode(column: "id", as: String.self),
            version: try row.decode(column: "version", as: Int.self),
            status: ScoringModel.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .retired,
            asOf: try row.decode(column: "as_of", as: String.self),
            horizonDays: try row.decode(column: "horizon_days", as: Int.self),
            trainedAt: try row.decode(column: "trained_at", as: String.self),
            trainedBy: try row.decode(column: "trained_by", as: String.self),
            activatedAt: try row.decode(column: "activated_at", as: String?.self),
            definition: try JSONDecoder().decode(ResponseModelRecord.Definition.self, from: Data(text.utf8)))
    }
}
