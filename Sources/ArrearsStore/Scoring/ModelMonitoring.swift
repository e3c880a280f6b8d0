import ArrearsCore
import Foundation
import SQLKit

/// One day of a model's monitoring, as the `model_monitoring` table keeps it: how many accounts
/// it scored, the mean probability, and the population stability index against its reference.
public struct ModelMonitoring: Sendable, Codable, Equatable {
    public let modelId: String
    public let businessDate: String
    public let scored: Int
    public let meanProbability: Double
    public let psi: Double

    public init(modelId: String, businessDate: String, scored: Int, meanProbability: Double, psi: Double) {
        self.modelId = modelId
        self.businessDate = businessDate
        self.scored = scored
        self.meanProbability = meanProbability
        self.psi = psi
    }

    /// The days of one model (or of all), in model and date order.
    public static func days(modelId: String?, on database: any SQLDatabase) async throws -> [ModelMonitoring] {
        let filter: SQLQueryString = modelId.map { "WHERE model_id = \(bind: $0)" } ?? ""
        return try await database.raw("SELECT * FROM model_monitoring \(filter) ORDER BY model_id, business_date").all().map { row in
            ModelMonitoring(modelId: try row.decode(column: "model_id", as: String.self),
                            businessDate: try row.decode(column: "business_date", as: String.self),
                            scored: try row.decode(column: "scored", as: Int.self),
                            meanProbability: Double(try row.decode(column: "mean_probability_ppm", as: Int64.self)) / 1_000_000,
                            psi: Double(try row.decode(column: "psi_ppm", as: Int64.self)) / 1_000_000)
        }
    }
}
