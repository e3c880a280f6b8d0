import ArrearsCore
import Foundation
import SQLKit

/// The versioned models in the `scoring_models` table. Registering and activating are audited;
/// at most one model per target is active.
public struct ModelRegistry: Sendable {
    public let database: any SQLDatabase

    public init(database: any SQLDatabase) { self.database = database }

    public func all() async throws -> [ScoringModel] {
        try await database.raw("SELECT * FROM scoring_models ORDER BY target, version").all().map(Self.model)
    }

    public func find(_ id: String) async throws -> ScoringModel {
        guard let row = try await database.raw("SELECT * FROM scoring_models WHERE id = \(bind: id)").first() else {
            throw ScoringError.unknownModel(id)
        }
        return try Self.model(row)
    }

    public func active() async throws -> [ScoringModel] {
        try await database.raw("SELECT * FROM scoring_models WHERE status = 'active' ORDER BY target").all().map(Self.model)
    }

    /// The next version number of `target`.
    func nextVersion(_ target: ScoringTarget) async throws -> Int {
        let row = try await database.raw("SELECT MAX(version) AS v FROM scoring_models WHERE target = \(bind: target.rawValue)").first()
        return (try row?.decode(column: "v", as: Int?.self) ?? 0) + 1
    }

    /// Stores a new candidate; call inside the transaction that found its version.
    func register(_ model: ScoringModel) async throws {
        let definition = String(decoding: try JSONEncoder().encode(model.definition), as: UTF8.self)
        try await database.raw("""
            INSERT INTO scoring_models (id, target, version, status, as_of, trained_at, trained_by, activated_at, definition)
            VALUES (\(bind: model.id), \(bind: model.target.rawValue), \(bind: model.version), \(bind: model.status.rawValue),
                    \(bind: model.asOf), \(bind: model.trainedAt), \(bind: model.trainedBy), \(bind: model.activatedAt), \(bind: definition))
            """).run()
        try await AuditLog.append([AuditEvent(actor: model.trainedBy, action: "model.train", subject: model.id, details: [
            "as_of": model.asOf, "holdout_auc": String(format: "%.4f", model.definition.holdout.auc),
            "training_rows": String(model.definition.training.count), "holdout_rows": String(model.definition.holdout.count),
        ])], on: database)
    }

    /// Makes `id` the active model of its target and retires the one it replaces.
    public func activate(_ id: String, actor: String, at now: Date = Date()) async throws -> ScoringModel {
        var model = try await find(id)
        let stamp = OutboxTimestamp.text(now)
        try await database.raw("""
            UPDATE scoring_models SET status = 'retired' WHERE target = \(bind: model.target.rawValue) AND status = 'active' AND id <> \(bind: id)
            """).run()
        try await database.raw("UPDATE scoring_models SET status = 'active', activated_at = \(bind: stamp) WHERE id = \(bind: id)").run()
        try await AuditLog.append([AuditEvent(actor: actor, action: "model.activate", subject: id, details: ["target": model.target.rawValue])], on: database)
        model.status = .active
        model.activatedAt = stamp
        return model
    }

    private static func model(_ row: any SQLRow) throws -> ScoringModel {
        let text = try row.decode(column: "definition", as: String.self)
        return ScoringModel(
            id: try row.decode(column: "id", as: String.self),
            target: ScoringTarget(rawValue: try row.decode(column: "target", as: String.self)) ?? .pay30,
            version: try row.decode(column: "version", as: Int.self),
            status: ScoringModel.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .retired,
            asOf: try row.decode(column: "as_of", as: String.self),
            trainedAt: try row.decode(column: "trained_at", as: String.self),
            trainedBy: try row.decode(column: "trained_by", as: String.self),
            activatedAt: try row.decode(column: "activated_at", as: String?.self),
            definition: try JSONDecoder().decode(ScoringModel.Definition.self, from: Data(text.utf8)))
    }
}
