import ArrearsCore
import Foundation

/// What training the response models (`ResponseTraining`) and answering for them
/// (`ResponseScoring`) read and write (issue 27): the ledgers and behaviour scoring reads, the
/// history of actions, and the response models' registry. `SQLScoringRecords` keeps it in the
/// database; a test may keep it in memory.
public protocol ResponseRecords: Sendable {
    /// The accounts' dues and payments, all or those delinquent in the stored positions, in account id order.
    func ledgers(_ population: LedgerPopulation) async throws -> [AccountLedger]
    /// Every customer's promises and contact attempts, by customer id.
    func behaviour() async throws -> [String: CollectionBehaviour]
    /// Every logged action (the daily run's carried out and the imported history), by customer, each customer's in date order.
    func actionHistory() async throws -> [String: [ActionHistoryLoader.Action]]
    /// The channels that cannot reach each customer who lacks a mobile number or an e-mail
    /// address (`ActionChannel.unreachable`), by customer id; a customer not in it has both.
    func unreachableChannels() async throws -> [String: Set<ActionChannel>]
    /// The active response model, if one is.
    func activeResponseModel() async throws -> ResponseModelRecord?
    /// Registers the record that `model` makes of the next response model version, as a
    /// candidate, audited `model.train`, in one transaction; the record registered.
    func registerResponseCandidate(_ model: @escaping @Sendable (_ version: Int) -> ResponseModelRecord) async throws -> ResponseModelRecord
}
